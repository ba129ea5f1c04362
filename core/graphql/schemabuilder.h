#pragma once

#include "ast.h"
#include "graphqlerror.h"
#include "schema.h"

#include <optional>

namespace refract::graphql {

/// graphql-js `buildASTSchema`: a Schema from a type-system document. Extensions in the same document are
/// applied, root types default to Query/Mutation/Subscription, the specified directives are added after the
/// document's own, the built-in scalars are added, and default values are normalised as graphql-js does
/// (coerced with `valueFromAST`, printed back with `astFromValue`), so `printSchema` matches graphql-js.
/// SDL validation rules are not run; an unknown type gives an error (`Unknown type: "X".`).
/// `keepStandardTypes` builds definitions of built-in scalars and introspection types too instead of
/// skipping them (used to build the introspection types themselves).
std::optional<Schema> buildSchema(const ast::Document &document, GraphQLError *error = nullptr,
                                  bool keepStandardTypes = false);

/// Parses and builds in one step (graphql-js `buildSchema(source)`), without the parser's token limit.
std::optional<Schema> buildSchema(const QString &sdl, GraphQLError *error = nullptr);

/// The JavaScript `String(number)` spelling of a double (shortest round trip, ECMAScript Number::toString).
QString jsNumberToString(double value);

} // namespace refract::graphql
