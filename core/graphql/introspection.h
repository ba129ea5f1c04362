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

} // namespace refract::graphql
