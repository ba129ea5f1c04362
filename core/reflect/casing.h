#pragma once

#include <QString>

namespace refract::reflect {

/// The case helpers of graphile-build (lodash `camelCase`/`upperFirst` applied inside leading and
/// trailing underscores, and graphile's own `constantCase`), byte-for-byte.
QString camelCase(const QString &s);
QString upperCamelCase(const QString &s);
QString constantCase(const QString &s);
/// graphile-build `coerceToGraphQLName`: a leading digit gets `_`, a leading `__+` collapses to `_`.
QString coerceToGraphQLName(const QString &s);

} // namespace refract::reflect
