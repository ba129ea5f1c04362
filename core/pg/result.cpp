#include "result.h"

#include <libpq-fe.h>

namespace refract::pg {

Result::Result(pg_result *res)
    : m_res(res, PQclear)
{
    if (!res) {
        m_error.message = QStringLiteral("no result from the server");
        return;
    }
    const ExecStatusType st = PQresultStatus(res);
    m_ok = st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK || st == PGRES_SINGLE_TUPLE
        || st == PGRES_PIPELINE_SYNC;
    if (!m_ok)
        m_error = errorFromResult(res);
}

Result Result::failure(const PgError &error)
{
    Result r;
    r.m_error = error;
    return r;
}

PgError Result::errorFromResult(const pg_result *res)
{
    PgError e;
    auto field = [res](int code) { return QString::fromUtf8(PQresultErrorField(res, code)); };
    e.sqlState = field(PG_DIAG_SQLSTATE);
    e.message = field(PG_DIAG_MESSAGE_PRIMARY);
    e.detail = field(PG_DIAG_MESSAGE_DETAIL);
    e.hint = field(PG_DIAG_MESSAGE_HINT);
    e.context = field(PG_DIAG_CONTEXT);
    if (e.message.isEmpty())
        e.message = QString::fromUtf8(PQresultErrorMessage(res)).trimmed();
    if (e.message.isEmpty())
        e.message = QString::fromUtf8(PQresStatus(PQresultStatus(res)));
    return e;
}

int Result::rows() const { return m_res ? PQntuples(m_res.get()) : 0; }
int Result::columns() const { return m_res ? PQnfields(m_res.get()) : 0; }
QString Result::columnName(int col) const { return QString::fromUtf8(PQfname(m_res.get(), col)); }
int Result::columnIndex(const char *name) const { return m_res ? PQfnumber(m_res.get(), name) : -1; }
bool Result::isNull(int row, int col) const { return PQgetisnull(m_res.get(), row, col) != 0; }

QByteArrayView Result::raw(int row, int col) const
{
    return QByteArrayView(PQgetvalue(m_res.get(), row, col), PQgetlength(m_res.get(), row, col));
}

QString Result::text(int row, int col) const
{
    const QByteArrayView v = raw(row, col);
    return QString::fromUtf8(v.data(), v.size());
}

int Result::toInt(int row, int col) const { return raw(row, col).toInt(); }
quint32 Result::toOid(int row, int col) const { return raw(row, col).toUInt(); }
bool Result::toBool(int row, int col) const
{
    const QByteArrayView v = raw(row, col);
    return !v.isEmpty() && v[0] == 't';
}

int Result::affectedRows() const { return m_res ? QByteArrayView(PQcmdTuples(m_res.get())).toInt() : 0; }

} // namespace refract::pg
