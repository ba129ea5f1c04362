#pragma once

#include <QString>
#include <QStringList>

// graphql-js's "Did you mean …?" helpers, ported so that suggestions come out in the same order.
namespace refract::graphql::validation {

/// graphql-js `naturalCompare`: digit runs compare as numbers, everything else by UTF-16 unit.
int naturalCompare(QStringView a, QStringView b);
/// graphql-js `suggestionList`: the options within lexical distance floor(0.4·|input|)+1 of input,
/// nearest first, ties in natural order.
QStringList suggestionList(const QString &input, const QStringList &options);
/// graphql-js `didYouMean` (at most five suggestions, quoted).
QString didYouMean(const QStringList &suggestions, const QString &subMessage = {});

} // namespace refract::graphql::validation
