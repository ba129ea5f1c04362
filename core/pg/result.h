#pragma once

#include "pgerror.h"

#include <QByteArray>
#include <QString>

#include <memory>

struct pg_result;

namespace refract::pg {

/// One result of a statement (owns the PGresult). Values come as text, as libpq's text protocol
/// delivers them; catalog readers and the executor parse what they need.
class Result
{
public:
    Result() = default;
    explicit Result(pg_result *res);
    /// A failed Result that carries `error` (client-side failures, skipped pipeline statements).
    static Result failure(const PgError &error);

    bool ok() const { return m_ok; }
    const PgError &error() const { return m_error; }

    int rows() const;
    int columns() const;
    QString columnName(int col) const;
    int columnIndex(const char *name) const;
    bool isNull(int row, int col) const;
    /// Raw bytes of a value (valid while this Result lives).
    QByteArrayView raw(int row, int col) const;
    QString text(int row, int col) const;
    int toInt(int row, int col) const;
    quint32 toOid(int row, int col) const;
    /// 't'/'f' text booleans.
    bool toBool(int row, int col) const;
    /// The number of rows a command touched (`UPDATE 3` → 3).
    int affectedRows() const;

    static PgError errorFromResult(const pg_result *res);

private:
    std::shared_ptr<pg_result> m_res;
    PgError m_error;
    bool m_ok = false;
};

} // namespace refract::pg
