#pragma once

#include <QString>
#include <QStringList>

// String helpers ported from graphql-js, used by the schema printer, the document printer and the lexer.
// All of them work on UTF-16 code units, exactly as the JavaScript originals do.
namespace refract::graphql {

/// graphql-js 16 `printString`: a StringValue literal with control characters, `"` and `\` escaped.
QString printString(const QString &value);
/// `JSON.stringify(value)` for a string (graphql-js 15 prints non-block StringValues this way).
QString jsonString(const QString &value);
/// graphql-js 16 `printBlockString(value, {minimize})`.
QString printBlockString(const QString &value, bool minimize = false);
/// graphql-js 15 `printBlockString(value, indentation, preferMultipleLines)`.
QString printBlockStringV15(const QString &value, const QString &indentation, bool preferMultipleLines);
/// graphql-js 16 `isPrintableAsBlockString`.
bool isPrintableAsBlockString(const QString &value);
/// graphql-js 16 `dedentBlockStringLines`: the spec's BlockStringValue() on already split lines.
QStringList dedentBlockStringLines(const QStringList &lines);
/// graphql-js `naturalCompare` (jsutils/naturalCompare.js): <0, 0 or >0.
int naturalCompare(const QString &a, const QString &b);

inline bool isGraphQLWhiteSpace(char16_t c) { return c == 0x09 || c == 0x20; }

} // namespace refract::graphql
