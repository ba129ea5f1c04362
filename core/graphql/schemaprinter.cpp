#include "schemaprinter.h"

namespace refract::graphql {

QString printSchema(const Schema &, const SchemaPrintOptions &)
{
    return QString(); // implementation in progress
}

} // namespace refract::graphql
