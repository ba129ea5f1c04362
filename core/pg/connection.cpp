#include "connection.h"

#include <libpq-fe.h>

#include <poll.h>

#include <cerrno>
#include <cstring>
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

/// A pipeline in flight (startPipeline → pollPipeline → takePipelineResults).
struct Connection::Pipeline
{
    /// What each command sent produces, in order: a statement's result, or the result of preparing
    /// a new statement (consumed here, not returned).
    struct Prepare
    {
        QString sql;
        QByteArray name;
    };
    std::vector<std::optional<Prepare>> commands;
    size_t command = 0;
    QList<Result> results;
    qsizetype expected = 0;
    PgError firstError;
    bool active = false;
    bool finished = false;
    bool wantWrite = false;

    void reset(qsizetype statementCount)
    {
        commands.clear();
        commands.reserve(size_t(statementCount) * 2);
        command = 0;
        results = QList<Result>();
        // Growing the list one result at a time was ~10 % of a root finder's engine CPU.
        results.reserve(statementCount);
        expected = statementCount;
        firstError = PgError{};
        active = true;
        finished = false;
        wantWrite = false;
    }
    /// Is the result just read the answer to a Prepare? Then it only updates the statement cache.
    const Prepare *takePrepare()
    {
        if (command >= commands.size())
            return nullptr;
        const std::optional<Prepare> &c = commands[command++];
        return c ? &*c : nullptr;
    }
};

void Connection::leavePipeline()
{
    PQexitPipelineMode(m_conn);
    PQsetnonblocking(m_conn, 0);
}

void Connection::failPipeline(const PgError &e)
{
    Pipeline &p = *m_pipeline;
    m_lastError = e;
    while (p.results.size() < p.expected)
        p.results.append(Result::failure(e));
    p.finished = true;
    p.wantWrite = false;
}

void Connection::startPipeline(const QList<Statement> &statements)
{
    if (!m_pipeline)
        m_pipeline = std::make_unique<Pipeline>();
    Pipeline &p = *m_pipeline;
    p.reset(statements.size());
    if (!m_conn)
        return failPipeline(PgError{QString(), QStringLiteral("not connected"), {}, {}, {}});
    auto connError = [this] {
        return PgError{QString(), QString::fromUtf8(PQerrorMessage(m_conn)).trimmed(), {}, {}, {}};
    };
    // Non-blocking, so that a large pipeline can never deadlock with the server writing results
    // while we are still writing statements, and so that an event loop can wait for the socket.
    if (PQsetnonblocking(m_conn, 1) != 0 || PQenterPipelineMode(m_conn) != 1)
        return failPipeline(connError());
    QHash<QString, QByteArray> preparing; // prepared in this pipeline, not yet confirmed
    std::vector<const char *> values;
    for (const Statement &st : statements) {
        values.clear();
        values.reserve(size_t(st.params.size()));
        for (const Param &param : st.params)
            values.push_back(param ? param->constData() : nullptr);
        QByteArray name = m_prepared.value(st.sql);
        if (name.isEmpty())
            name = preparing.value(st.sql);
        bool sent = true;
        if (name.isEmpty() && m_prepared.size() + preparing.size() < kMaxPrepared) {
            name = "refract_" + QByteArray::number(++m_preparedCounter);
            sent = PQsendPrepare(m_conn, name.constData(), st.sql.toUtf8().constData(), 0, nullptr) == 1;
            p.commands.push_back(Pipeline::Prepare{st.sql, name});
            preparing.insert(st.sql, name);
        }
        if (sent) {
            sent = name.isEmpty() ? PQsendQueryParams(m_conn, st.sql.toUtf8().constData(), int(values.size()), nullptr,
                                                      values.data(), nullptr, nullptr, 0) == 1
                                  : PQsendQueryPrepared(m_conn, name.constData(), int(values.size()), values.data(), nullptr,
                                                        nullptr, 0) == 1;
            p.commands.push_back(std::nullopt);
        }
        if (!sent) {
            const PgError e = connError();
            // Drain what was sent so the connection stays usable.
            PQpipelineSync(m_conn);
            PQsetnonblocking(m_conn, 0);
            while (PGresult *r = PQgetResult(m_conn)) {
                const bool sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
                PQclear(r);
                if (sync)
                    break;
            }
            leavePipeline();
            p.results.clear();
            return failPipeline(e);
        }
    }
    if (PQpipelineSync(m_conn) != 1) {
        const PgError e = connError();
        leavePipeline();
        return failPipeline(e);
    }
    // Out now: most pipelines fit the socket buffer, and the server starts on them at once.
    p.wantWrite = PQflush(m_conn) == 1;
}

bool Connection::pollPipeline()
{
    if (!m_pipeline || !m_pipeline->active)
        return true;
    Pipeline &p = *m_pipeline;
    if (p.finished)
        return true;
    if (!m_conn) {
        failPipeline(PgError{QString(), QStringLiteral("the connection was closed"), {}, {}, {}});
        return true;
    }
    auto connError = [this] {
        return PgError{QString(), QString::fromUtf8(PQerrorMessage(m_conn)).trimmed(), {}, {}, {}};
    };
    auto fail = [&] {
        const PgError e = p.firstError.isNull() ? connError() : p.firstError;
        if (PQstatus(m_conn) == CONNECTION_OK)
            leavePipeline();
        failPipeline(e);
        return true;
    };
    bool consumed = false;
    for (;;) {
        const int flushed = PQflush(m_conn);
        if (flushed < 0)
            return fail();
        p.wantWrite = flushed == 1;
        if (PQisBusy(m_conn)) {
            // Read what has arrived (once per call: nothing more will until the socket says so).
            if (consumed)
                return false;
            consumed = true;
            if (PQconsumeInput(m_conn) != 1)
                return fail();
            continue;
        }
        PGresult *res = PQgetResult(m_conn);
        if (!res) {
            // NULL separates the results of consecutive statements; the sync result ends the batch.
            if (PQstatus(m_conn) != CONNECTION_OK)
                return fail();
            continue;
        }
        const ExecStatusType st = PQresultStatus(res);
        if (st == PGRES_PIPELINE_SYNC) {
            PQclear(res);
            break;
        }
        if (st == PGRES_PIPELINE_ABORTED) {
            PQclear(res);
            if (!p.takePrepare())
                p.results.append(Result::failure(p.firstError));
            continue;
        }
        const Pipeline::Prepare *prepare = p.takePrepare();
        Result r(res);
        if (!r.ok() && p.firstError.isNull())
            p.firstError = r.error();
        if (!prepare)
            p.results.append(r);
        else if (r.ok())
            m_prepared.insert(prepare->sql, prepare->name);
    }
    leavePipeline();
    if (!p.firstError.isNull()) {
        m_lastError = p.firstError;
        // Someone ran DEALLOCATE ALL or DISCARD ALL: forget the names, they are prepared anew.
        if (p.firstError.sqlState == QLatin1String("26000"))
            m_prepared.clear();
    }
    while (p.results.size() < p.expected)
        p.results.append(Result::failure(p.firstError));
    p.finished = true;
    p.wantWrite = false;
    return true;
}

bool Connection::pipelineWantsWrite() const { return m_pipeline && m_pipeline->active && m_pipeline->wantWrite; }

bool Connection::pipelineFinished() const { return m_pipeline && m_pipeline->active && m_pipeline->finished; }

bool Connection::pipelineActive() const { return m_pipeline && m_pipeline->active; }

QList<Result> Connection::takePipelineResults()
{
    if (!m_pipeline || !m_pipeline->active)
        return {};
    m_pipeline->active = false;
    return std::move(m_pipeline->results);
}

int Connection::socket() const { return m_conn ? PQsocket(m_conn) : -1; }

QList<Result> Connection::execPipeline(const QList<Statement> &statements, const std::atomic_bool *cancelled)
{
    startPipeline(statements);
    return waitForPipeline(cancelled);
}

QList<Result> Connection::waitForPipeline(const std::atomic_bool *cancelled)
{
    bool cancelSent = false;
    while (!pollPipeline()) {
        pollfd pfd{PQsocket(m_conn), short(POLLIN | (pipelineWantsWrite() ? POLLOUT : 0)), 0};
        const int n = poll(&pfd, 1, cancelled ? 50 : -1);
        if (n < 0 && errno != EINTR) {
            const PgError e{QString(), QString::fromUtf8(std::strerror(errno)), {}, {}, {}};
            if (PQstatus(m_conn) == CONNECTION_OK)
                leavePipeline();
            failPipeline(e);
            break;
        }
        if (cancelled && !cancelSent && cancelled->load()) {
            cancelSent = true;
            cancel();
        }
    }
    return takePipelineResults();
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
