#pragma once

#include <QString>

namespace refract::reflect {

/// npm `pluralize` v7.0.0, which PostGraphile v4 applies to whole identifiers: the same rules,
/// irregulars, uncountables and case restoration (`similar_table_1` → `similar_table_1S`).
QString pluralize(const QString &word);
QString singularize(const QString &word);

} // namespace refract::reflect
