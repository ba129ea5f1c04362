#pragma once

#include <QString>

namespace refract::reflect {

/// The case helpers of graphile-build (lodash `camelCase`/`upperFirst` applied inside leading and
/// trailing underscores, and graphile's own `constantCase`), byte-for-byte.
QString camelCase(const QString &s);
QString upperCamelCase(const QString &s);
QString constantCase(const QString &s);
/// graphile-build `upperFirst`: lodash `upperFirst` inside leading/trailing underscores.
QString upperFirst(const QString &s);
/// graphile-build `coerceToGraphQLName`: a leading digit gets `_`, a leading `__+` collapses to `_`.
QString coerceToGraphQLName(const QString &s);

/// JavaScript `String.prototype.toLowerCase`/`toUpperCase` (full Unicode mappings, final sigma),
/// which the ported JS libraries rely on; QString's own lacks the context-dependent final sigma.
QString jsToLower(const QString &s);
QString jsToUpper(const QString &s);

} // namespace refract::reflect
