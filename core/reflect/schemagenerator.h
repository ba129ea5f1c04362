#pragma once

#include "catalog.h"
#include "enumtables.h"
#include "fieldmeta.h"
#include "reflectoptions.h"

#include <graphql/schema.h>

#include <QStringList>

namespace refract::reflect {

/// The result of reflecting a catalog: the GraphQL schema, what each field maps to in the
/// database (for the SQL compiler), and PostGraphile-style warnings (name clashes, bad tags).
struct GeneratedSchema
{
    graphql::Schema schema;
    SchemaMeta meta;
    QStringList warnings;
};

/// Catalog + options + preset → graphql::Schema, with PostGraphile v4's names and shapes
/// (`postgraphile` preset) or the AWS AppSync sample's (`appsync` preset, without its defects).
/// Only types reachable from the root types are kept, as graphql-js does.
class SchemaGenerator
{
public:
    SchemaGenerator(const Catalog &catalog, Preset preset, const ReflectOptions &options);

    /// Rows of enum tables (readEnumTables); without them `@enum` tables produce no enums.
    void setEnumTableData(const EnumTableData &data) { m_enumData = data; }
    /// Without field metadata (SchemaMeta::fields, inputFields, orderByValues stay empty): for
    /// callers that only print the schema; a tenth of the work on large catalogs.
    void setCollectFieldMeta(bool collect) { m_collectFieldMeta = collect; }
    GeneratedSchema generate() const;

private:
    /// Everything but the pruning, so that the model and the generator parts are freed before it.
    void generateTypes(GeneratedSchema &out) const;

    const Catalog &m_catalog;
    Preset m_preset;
    ReflectOptions m_options;
    EnumTableData m_enumData;
    bool m_collectFieldMeta = true;
};

/// Removes the types not reachable from the root types (graphql-js `collectReferencedTypes`).
void pruneUnreachableTypes(graphql::Schema &schema);

} // namespace refract::reflect
