#pragma once

#include "graphqlerror.h"
#include "schema.h"

#include <QByteArray>

#include <optional>

namespace refract::graphql {

/// graphql-js `buildClientSchema`: a Schema from an introspection result. Accepts the `{"__schema": …}`
/// object, or a whole response `{"data": {"__schema": …}}`. Default values are normalised exactly as
/// for SDL (they are re-coerced through the schema), so `printSchema` matches graphql-js.
std::optional<Schema> buildClientSchema(const QByteArray &json, GraphQLError *error = nullptr);

/// graphql-js `introspectionFromSchema` (all options on: descriptions, specifiedByURL, isRepeatable,
/// schema description, input value and directive deprecation, isOneOf) serialised like
/// `JSON.stringify(result, null, indent)`; indent 0 gives the compact form. Types are listed in the order
/// graphql-js's GraphQLSchema collects them (only the built-in scalars in use, introspection types last).
QByteArray introspectionFromSchema(const Schema &schema, int indent = 2);

/// The type names in graphql-js type-map order, introspection types and used built-in scalars included.
QStringList typeMapOrder(const Schema &schema);

} // namespace refract::graphql
