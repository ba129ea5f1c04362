#pragma once

#include "catalog.h"

#include <pg/connection.h>
#include <pg/pgerror.h>

#include <QStringList>

#include <atomic>

namespace refract::reflect {

/// Reads the PostgreSQL catalog of the given schemas into a Catalog, with the catalog SQL kept as
/// `.sql` resources, bind parameters only, and few round trips.
class CatalogReader
{
public:
    explicit CatalogReader(pg::Connection &connection);

    /// Fills `out`; on failure returns false and error() says why (unknown schema, no privilege,
    /// lost connection). `cancelled` may be set from another thread to stop between steps.
    bool read(const QStringList &schemas, Catalog *out, const std::atomic_bool *cancelled = nullptr);
    const pg::PgError &error() const { return m_error; }

private:
    pg::Connection &m_connection;
    pg::PgError m_error;
};

} // namespace refract::reflect
