#pragma once

#include "schema.h"

#include <QByteArray>

#include <optional>

// Internal to the language core: buildClientSchema's fast path.
namespace refract::graphql::detail {

/// buildClientSchema for well-formed results (all that introspection of a real schema gives), read in
/// one pass over the JSON text straight into a Schema. std::nullopt means "not sure": invalid JSON, an
/// error to report, or anything unusual (duplicate keys or names, escaped names, a type's members before
/// its kind); the caller then takes the general path (simdjson DOM → AST → buildSchema), which gives
/// the exact result or message.
std::optional<Schema> buildClientSchemaDirect(const QByteArray &json);

} // namespace refract::graphql::detail
