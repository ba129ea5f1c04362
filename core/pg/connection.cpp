#include "connection.h"

#include <libpq-fe.h>

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
    PQsetClientEncoding(m_conn, "UTF8");
    m_lastError = PgError{};
    return true;
}

void Connection::close()
{
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

int Connection::serverVersion() const { return m_conn ? PQserverVersion(m_conn) : 0; }

QString Connection::quoteIdentifier(const QString &name)
{
    QString q = name;
    q.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

} // namespace refract::pg
