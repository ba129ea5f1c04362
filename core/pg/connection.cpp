#include "connection.h"

#include <libpq-fe.h>

#include <poll.h>

#include <cerrno>
#include <utility>

#include <vector>

namespace refract::pg {

Connection::Connection() = default;

Connection::~Connection() { close(); }

bool Connection::open(const QString &conninfo, int connectTimeoutSeconds)
{
    close();
    // A URI or key/value string is handed to libpq as "dbname", which expands it; the extra keys
    // only fill what the string leaves out.
    const QByteArray dsn = conninfo.toUtf8();
    const QByteArray timeout = QByteArray::number(connectTimeoutSeconds);
    const char *keys[] = {"dbname", "connect_timeout", "fallback_application_name", nullptr};
    const char *values[] = {dsn.isEmpty() ? nullptr : dsn.constData(), timeout.constData(), "refract", nullptr};
    m_conn = PQconnectdbParams(keys, values, 1);
    if (!m_conn || PQstatus(m_conn) != CONNECTION_OK) {
        m_lastError = PgError{};
        m_lastError.message = m_conn ? QString::fromUtf8(PQerrorMessage(m_conn)).trimmed()
                                     : QStringLiteral("out of memory while connecting");
        // libpq prefixes multi-host attempts with "connection to server at …"; keep the last line,
        // which is the one that says why.
        const QStringList lines = m_lastError.message.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        if (lines.size() > 1)
            m_lastError.message = lines.join(QLatin1String("; "));
        if (m_conn) {
            PQfinish(m_conn);
            m_conn = nullptr;
        }
        return false;
    }
    m_prepared.clear();
    PQsetClientEncoding(m_conn, "UTF8");
    PQsetNoticeReceiver(m_conn, &Connection::noticeReceiver, this);
    m_lastError = PgError{};
    return true;
}

void Connection::close()
{
    m_prepared.clear();
    if (m_conn) {
        PQfinish(m_conn);
        m_conn = nullptr;
    }
}

bool Connection::isOpen() const { return m_conn && PQstatus(m_conn) == CONNECTION_OK; }

Result Connection::finish(Result r)
{
    if (!r.ok()) {
        m_lastError = r.error();
        if (m_conn && PQstatus(m_conn) != CONNECTION_OK && m_lastError.message.isEmpty())
            m_lastError.message = QString::fromUtf8(PQerrorMessage(m_conn)).trimmed();
    }
    return r;
}

Result Connection::exec(const QString &sql)
{
    if (!m_conn) {
        Result r;
        m_lastError = PgError{QString(), QStringLiteral("not connected"), {}, {}, {}};
        return r;
    }
    return finish(Result(PQexec(m_conn, sql.toUtf8().constData())));
}

Result Connection::execParams(const QString &sql, const QList<Param> &params)
{
    if (!m_conn) {
        m_lastError = PgError{QString(), QStringLiteral("not connected"), {}, {}, {}};
        return Result();
    }
    std::vector<const char *> values;
    values.reserve(size_t(params.size()));
    for (const Param &p : params)
        values.push_back(p ? p->constData() : nullptr);
    return finish(Result(PQexecParams(m_conn, sql.toUtf8().constData(), int(values.size()), nullptr,
                                      values.data(), nullptr, nullptr, 0)));
}

bool Connection::inTransaction() const
{
    return m_conn && PQtransactionStatus(m_conn) != PQTRANS_IDLE;
}

QList<Result> Connection::execPipeline(const QList<Statement> &statements, const std::atomic_bool *cancelled)
{
    QList<Result> results;
    // Growing the list one result at a time was ~10 % of a root finder's engine CPU.
    results.reserve(statements.size());
    auto failAll = [&](const PgError &e) {
        m_lastError = e;
        while (results.size() < statements.size())
            results.append(Result::failure(e));
        return results;
    };
    if (!m_conn)
        return failAll(PgError{QString(), QStringLiteral("not connected"), {}, {}, {}});
    auto connError = [this] {
        return PgError{QString(), QString::fromUtf8(PQerrorMessage(m_conn)).trimmed(), {}, {}, {}};
    };
    // Non-blocking, so that a large pipeline can never deadlock with the server writing results
    // while we are still writing statements.
    if (PQsetnonblocking(m_conn, 1) != 0 || PQenterPipelineMode(m_conn) != 1)
        return failAll(connError());
    auto leave = [this] {
        PQexitPipelineMode(m_conn);
        PQsetnonblocking(m_conn, 0);
    };
    // What each command sent produces, in order: a statement's result, or the result of preparing
    // a new statement (consumed here, not returned).
    struct Prepare { QString sql; QByteArray name; };
    std::vector<std::optional<Prepare>> commands;
    commands.reserve(size_t(statements.size()) * 2);
    QHash<QString, QByteArray> preparing; // prepared in this pipeline, not yet confirmed
    for (const Statement &st : statements) {
        std::vector<const char *> values;
        values.reserve(size_t(st.params.size()));
        for (const Param &p : st.params)
            values.push_back(p ? p->constData() : nullptr);
        QByteArray name = m_prepared.value(st.sql);
        if (name.isEmpty())
            name = preparing.value(st.sql);
        bool sent = true;
        if (name.isEmpty() && m_prepared.size() + preparing.size() < kMaxPrepared) {
            name = "refract_" + QByteArray::number(++m_preparedCounter);
            sent = PQsendPrepare(m_conn, name.constData(), st.sql.toUtf8().constData(), 0, nullptr) == 1;
            commands.push_back(Prepare{st.sql, name});
            preparing.insert(st.sql, name);
        }
        if (sent) {
            sent = name.isEmpty() ? PQsendQueryParams(m_conn, st.sql.toUtf8().constData(), int(values.size()), nullptr,
                                                      values.data(), nullptr, nullptr, 0) == 1
                                  : PQsendQueryPrepared(m_conn, name.constData(), int(values.size()), values.data(), nullptr,
                                                        nullptr, 0) == 1;
            commands.push_back(std::nullopt);
        }
        if (!sent) {
            const PgError e = connError();
            // Drain what was sent so the connection stays usable.
            PQpipelineSync(m_conn);
            while (PGresult *r = PQgetResult(m_conn)) {
                const bool sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
                PQclear(r);
                if (sync)
                    break;
            }
            leave();
            results.clear();
            return failAll(e);
        }
    }
    if (PQpipelineSync(m_conn) != 1) {
        const PgError e = connError();
        leave();
        return failAll(e);
    }

    bool cancelSent = false;
    PgError firstError;
    bool synced = false;
    size_t command = 0;
    // Is the result just read the answer to a Prepare? Then it only updates the statement cache.
    auto takePrepare = [&]() -> const Prepare * {
        if (command >= commands.size())
            return nullptr;
        const std::optional<Prepare> &c = commands[command++];
        return c ? &*c : nullptr;
    };
    const int sock = PQsocket(m_conn);
    while (!synced) {
        const int flushed = PQflush(m_conn);
        if (flushed < 0)
            break;
        if (PQisBusy(m_conn)) {
            pollfd pfd{sock, short(POLLIN | (flushed == 1 ? POLLOUT : 0)), 0};
            const int n = poll(&pfd, 1, cancelled ? 50 : -1);
            if (n < 0 && errno != EINTR)
                break;
            if (cancelled && !cancelSent && cancelled->load()) {
                cancelSent = true;
                cancel();
            }
            if (n > 0 && (pfd.revents & (POLLIN | POLLERR | POLLHUP)) && PQconsumeInput(m_conn) != 1)
                break;
            continue;
        }
        PGresult *res = PQgetResult(m_conn);
        if (!res) {
            // NULL separates the results of consecutive statements; the sync result ends the batch.
            if (PQstatus(m_conn) != CONNECTION_OK)
                break;
            continue;
        }
        const ExecStatusType st = PQresultStatus(res);
        if (st == PGRES_PIPELINE_SYNC) {
            PQclear(res);
            synced = true;
        } else if (st == PGRES_PIPELINE_ABORTED) {
            PQclear(res);
            if (!takePrepare())
                results.append(Result::failure(firstError));
        } else {
            const Prepare *prepare = takePrepare();
            Result r(res);
            if (!r.ok() && firstError.isNull())
                firstError = r.error();
            if (!prepare)
                results.append(r);
            else if (r.ok())
                m_prepared.insert(prepare->sql, prepare->name);
        }
    }
    if (!synced) {
        const PgError e = firstError.isNull() ? connError() : firstError;
        if (PQstatus(m_conn) == CONNECTION_OK)
            leave();
        return failAll(e);
    }
    leave();
    if (!firstError.isNull()) {
        m_lastError = firstError;
        // Someone ran DEALLOCATE ALL or DISCARD ALL: forget the names, they are prepared anew.
        if (firstError.sqlState == QLatin1String("26000"))
            m_prepared.clear();
    }
    while (results.size() < statements.size())
        results.append(Result::failure(firstError));
    return results;
}

bool Connection::cancel()
{
    if (!m_conn)
        return false;
    PGcancel *c = PQgetCancel(m_conn);
    if (!c)
        return false;
    char err[256];
    const bool ok = PQcancel(c, err, sizeof err) == 1;
    PQfreeCancel(c);
    return ok;
}

void Connection::noticeReceiver(void *self, const pg_result *res)
{
    auto *c = static_cast<Connection *>(self);
    const char *severity = PQresultErrorField(res, PG_DIAG_SEVERITY);
    const char *message = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
    c->m_notices.append(QStringLiteral("%1: %2").arg(QString::fromUtf8(severity ? severity : "NOTICE"),
                                                     QString::fromUtf8(message ? message : "")));
    if (c->m_notices.size() > 100)
        c->m_notices.removeFirst();
}

QStringList Connection::takeNotices() { return std::exchange(m_notices, {}); }

int Connection::serverVersion() const { return m_conn ? PQserverVersion(m_conn) : 0; }

QString Connection::quoteIdentifier(const QString &name)
{
    QString q = name;
    q.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

} // namespace refract::pg
