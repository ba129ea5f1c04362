#pragma once

#include "catalog.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace refract::pg {
class Connection;
}

namespace refract::reflect {

/// The rows of an `@enum` table (or of a table with `@enum` unique constraints): PostGraphile
/// reads their text columns at introspection time to build GraphQL enums.
struct EnumTableRows
{
    QStringList columns;                        ///< the text-typed columns, in attnum order
    QList<QList<std::optional<QString>>> rows;  ///< in the order the server returned them
};
using EnumTableData = QHash<Oid, EnumTableRows>;

/// Classes of the requested schemas whose rows PostGraphile reads for enums.
QList<const Class *> enumTableClasses(const Catalog &catalog);

/// Reads those rows (one `select` per table, identifiers quoted). Fails with a one-line message
/// when a table cannot be read (the introspecting role needs SELECT on it, as with PostGraphile).
bool readEnumTables(pg::Connection &connection, const Catalog &catalog, EnumTableData *out, QString *error);

} // namespace refract::reflect
