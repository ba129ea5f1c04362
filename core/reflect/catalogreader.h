#pragma once

#include "catalog.h"

#include <pg/connection.h>
#include <pg/pgerror.h>

#include <QStringList>

#include <atomic>

namespace refract::reflect {

/// Reads the PostgreSQL catalog of the given schemas into a Catalog, with the catalog SQL kept as
/// `.sql` resources and bind parameters only, in two round trips (libpq pipelines: one statement
/// per category, then the types those use) inside one read-only repeatable-read transaction, so
/// all categories see one snapshot. A third round trip reads the classes of composite types from
/// other schemas when a column or function uses one.
class CatalogReader
{
public:
    explicit CatalogReader(pg::Connection &connection);

    /// Fills `out`; on failure returns false and error() says why (unknown schema, no privilege,
    /// lost connection). `cancelled` may be set from another thread to stop between steps; while
    /// the statements run, setting it cancels them on the server.
    /// A role without privileges still reads the catalog (as PostGraphile does): the objects come
    /// with their `acl` flags false.
    bool read(const QStringList &schemas, Catalog *out, const std::atomic_bool *cancelled = nullptr);
    const pg::PgError &error() const { return m_error; }

    /// Whether to read the texts that are only for people (column defaults, constraint and index
    /// definitions). On by default; schema export turns it off: deparsing them on the server costs
    /// about as much as the rest of the catalog (a fifth of the time on 3,000 tables).
    void setReadDisplayText(bool on) { m_displayText = on; }
    bool readsDisplayText() const { return m_displayText; }

    /// The SQL of one catalog statement as sent (prelude + body), for tests and the SQL console.
    static QString statementSql(const QString &name);
    /// `{"a","b"}`: a text[] literal for a bind parameter, any characters allowed in the names.
    static QByteArray textArrayLiteral(const QStringList &items);
    /// Parses a PostgreSQL array in text form (`{a,"b c",NULL}`, `[0:1]={1,2}`); NULL → null QString.
    static QStringList parseTextArray(QByteArrayView text);

private:
    bool fail(const QString &sqlState, const QString &message);
    /// Sends the statements of `steps` (indexes into the statement list) in one pipeline, opening
    /// and/or committing our transaction around them.
    bool runSteps(const QList<int> &steps, const QList<pg::Param> &params, bool begin, bool commit,
                  const std::atomic_bool *cancelled, QList<pg::Result> *results);

    pg::Connection &m_connection;
    pg::PgError m_error;
    bool m_displayText = true;
    bool m_ownTransaction = false; ///< read() opened the transaction (so it may roll it back)
};

} // namespace refract::reflect
