#pragma once

#include "schema.h"

#include <QString>
#include <QStringView>

#include <functional>

namespace refract::graphql {

/// Which graphql-js release to match byte for byte. They differ in how descriptions are printed:
/// graphql 15 (used by PostGraphile v4's --export-schema-graphql) breaks descriptions longer than
/// 70 characters into a multi-line block string; graphql 16 keeps one-line descriptions on one line.
enum class GraphQLJsFlavor { V15, V16 };

struct SchemaPrintOptions
{
    GraphQLJsFlavor flavor = GraphQLJsFlavor::V16;
    /// Print applied directives other than @deprecated/@specifiedBy (graphql-js never does; the
    /// AppSync export needs `@aws_subscribe(…)`).
    bool printAppliedDirectives = false;
};

/// graphql-js `printSchema`: built-in scalars, introspection types and specified directives left
/// out, `schema { … }` printed only when root type names are not the conventional ones.
QString printSchema(const Schema &schema, const SchemaPrintOptions &options = {});

/// The same text handed to `sink` in pieces of about 256 K characters (cut between definitions or
/// between the fields of one), so a caller can write a schema of thousands of types without holding
/// the whole document.
void printSchema(const Schema &schema, const SchemaPrintOptions &options,
                 const std::function<void(QStringView)> &sink);

} // namespace refract::graphql
