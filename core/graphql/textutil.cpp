#include "textutil.h"

#include <algorithm>
#include <limits>

namespace refract::graphql {

namespace {

void appendHex4(QString &out, char16_t c, bool upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    out += QLatin1String("\\u");
    out += QLatin1Char(digits[(c >> 12) & 0xF]);
    out += QLatin1Char(digits[(c >> 8) & 0xF]);
    out += QLatin1Char(digits[(c >> 4) & 0xF]);
    out += QLatin1Char(digits[c & 0xF]);
}

// Splits on \r\n, \n or \r (the graphql-js regex /\r\n|[\n\r]/g).
QStringList splitLines(const QString &s)
{
    QStringList lines;
    qsizetype start = 0;
    const qsizetype n = s.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = s.at(i).unicode();
        if (c == u'\n' || c == u'\r') {
            lines.append(s.mid(start, i - start));
            if (c == u'\r' && i + 1 < n && s.at(i + 1).unicode() == u'\n')
                ++i;
            start = i + 1;
        }
    }
    lines.append(s.mid(start));
    return lines;
}

} // namespace

QString printString(const QString &value)
{
    QString out;
    out.reserve(value.size() + 2);
    out += QLatin1Char('"');
    for (QChar qc : value) {
        const char16_t c = qc.unicode();
        if (c < 0x20 || c == 0x22 || c == 0x5c || (c >= 0x7f && c <= 0x9f)) {
            switch (c) {
            case 0x08: out += QLatin1String("\\b"); break;
            case 0x09: out += QLatin1String("\\t"); break;
            case 0x0a: out += QLatin1String("\\n"); break;
            case 0x0c: out += QLatin1String("\\f"); break;
            case 0x0d: out += QLatin1String("\\r"); break;
            case 0x22: out += QLatin1String("\\\""); break;
            case 0x5c: out += QLatin1String("\\\\"); break;
            default: appendHex4(out, c, true);
            }
        } else {
            out += qc;
        }
    }
    out += QLatin1Char('"');
    return out;
}

QString jsonString(const QString &value)
{
    QString out;
    out.reserve(value.size() + 2);
    out += QLatin1Char('"');
    const qsizetype n = value.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = value.at(i).unicode();
        switch (c) {
        case 0x08: out += QLatin1String("\\b"); continue;
        case 0x09: out += QLatin1String("\\t"); continue;
        case 0x0a: out += QLatin1String("\\n"); continue;
        case 0x0c: out += QLatin1String("\\f"); continue;
        case 0x0d: out += QLatin1String("\\r"); continue;
        case 0x22: out += QLatin1String("\\\""); continue;
        case 0x5c: out += QLatin1String("\\\\"); continue;
        default: break;
        }
        if (c < 0x20) {
            appendHex4(out, c, false);
        } else if (QChar::isHighSurrogate(c)) {
            if (i + 1 < n && QChar::isLowSurrogate(value.at(i + 1).unicode())) {
                out += value.at(i);
                out += value.at(i + 1);
                ++i;
            } else {
                appendHex4(out, c, false); // well-formed JSON.stringify escapes lone surrogates
            }
        } else if (QChar::isLowSurrogate(c)) {
            appendHex4(out, c, false);
        } else {
            out += QChar(c);
        }
    }
    out += QLatin1Char('"');
    return out;
}

bool isPrintableAsBlockString(const QString &value)
{
    if (value.isEmpty())
        return true;
    bool isEmptyLine = true;
    bool hasIndent = false;
    bool hasCommonIndent = true;
    bool seenNonEmptyLine = false;
    // codePointAt(i) only differs from charCodeAt(i) for surrogates, which fall into `default` either way.
    for (QChar qc : value) {
        const char16_t c = qc.unicode();
        switch (c) {
        case 0x00: case 0x01: case 0x02: case 0x03: case 0x04: case 0x05: case 0x06: case 0x07:
        case 0x08: case 0x0b: case 0x0c: case 0x0e: case 0x0f:
            return false;
        case 0x0d:
            return false;
        case 0x0a:
            if (isEmptyLine && !seenNonEmptyLine)
                return false;
            seenNonEmptyLine = true;
            isEmptyLine = true;
            hasIndent = false;
            break;
        case 0x09:
        case 0x20:
            hasIndent = hasIndent || isEmptyLine;
            break;
        default:
            hasCommonIndent = hasCommonIndent && hasIndent;
            isEmptyLine = false;
        }
    }
    if (isEmptyLine)
        return false;
    if (hasCommonIndent && seenNonEmptyLine)
        return false;
    return true;
}

QString printBlockString(const QString &value, bool minimize)
{
    QString escaped = value;
    escaped.replace(QLatin1String("\"\"\""), QLatin1String("\\\"\"\""));
    const QStringList lines = splitLines(escaped);
    const bool isSingleLine = lines.size() == 1;
    bool forceLeadingNewLine = lines.size() > 1;
    for (qsizetype i = 1; forceLeadingNewLine && i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        if (!(line.isEmpty() || isGraphQLWhiteSpace(line.at(0).unicode())))
            forceLeadingNewLine = false;
    }
    const bool hasTrailingTripleQuotes = escaped.endsWith(QLatin1String("\\\"\"\""));
    const bool hasTrailingQuote = value.endsWith(QLatin1Char('"')) && !hasTrailingTripleQuotes;
    const bool hasTrailingSlash = value.endsWith(QLatin1Char('\\'));
    const bool forceTrailingNewline = hasTrailingQuote || hasTrailingSlash;
    const bool printAsMultipleLines = !minimize
        && (!isSingleLine || value.size() > 70 || forceTrailingNewline || forceLeadingNewLine
            || hasTrailingTripleQuotes);
    QString result;
    const bool skipLeadingNewLine = isSingleLine && !value.isEmpty() && isGraphQLWhiteSpace(value.at(0).unicode());
    if ((printAsMultipleLines && !skipLeadingNewLine) || forceLeadingNewLine)
        result += QLatin1Char('\n');
    result += escaped;
    if (printAsMultipleLines || forceTrailingNewline)
        result += QLatin1Char('\n');
    return QLatin1String("\"\"\"") + result + QLatin1String("\"\"\"");
}

QString printBlockStringV15(const QString &value, const QString &indentation, bool preferMultipleLines)
{
    const bool isSingleLine = !value.contains(QLatin1Char('\n'));
    const bool hasLeadingSpace = !value.isEmpty() && (value.at(0) == QLatin1Char(' ') || value.at(0) == QLatin1Char('\t'));
    const bool hasTrailingQuote = value.endsWith(QLatin1Char('"'));
    const bool hasTrailingSlash = value.endsWith(QLatin1Char('\\'));
    const bool printAsMultipleLines = !isSingleLine || hasTrailingQuote || hasTrailingSlash || preferMultipleLines;
    QString result;
    if (printAsMultipleLines && !(isSingleLine && hasLeadingSpace))
        result += QLatin1Char('\n') + indentation;
    if (indentation.isEmpty()) {
        result += value;
    } else {
        QString v = value;
        v.replace(QLatin1Char('\n'), QLatin1Char('\n') + indentation);
        result += v;
    }
    if (printAsMultipleLines)
        result += QLatin1Char('\n');
    result.replace(QLatin1String("\"\"\""), QLatin1String("\\\"\"\""));
    return QLatin1String("\"\"\"") + result + QLatin1String("\"\"\"");
}

QStringList dedentBlockStringLines(const QStringList &lines)
{
    qsizetype commonIndent = std::numeric_limits<qsizetype>::max();
    qsizetype firstNonEmptyLine = -1;
    qsizetype lastNonEmptyLine = -1;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        qsizetype indent = 0;
        while (indent < line.size() && isGraphQLWhiteSpace(line.at(indent).unicode()))
            ++indent;
        if (indent == line.size())
            continue;
        if (firstNonEmptyLine < 0)
            firstNonEmptyLine = i;
        lastNonEmptyLine = i;
        if (i != 0 && indent < commonIndent)
            commonIndent = indent;
    }
    QStringList out;
    const qsizetype from = firstNonEmptyLine < 0 ? 0 : firstNonEmptyLine;
    for (qsizetype i = from; i <= lastNonEmptyLine; ++i)
        out.append(i == 0 ? lines.at(i) : lines.at(i).mid(std::min(commonIndent, lines.at(i).size())));
    return out;
}

int naturalCompare(const QString &aStr, const QString &bStr)
{
    // charCodeAt past the end is NaN in JS, which is never a digit: model it as -1.
    auto at = [](const QString &s, qsizetype i) -> int { return i < s.size() ? int(s.at(i).unicode()) : -1; };
    auto isDigit = [](int c) { return c >= '0' && c <= '9'; };
    qsizetype aIndex = 0;
    qsizetype bIndex = 0;
    while (aIndex < aStr.size() && bIndex < bStr.size()) {
        int aChar = at(aStr, aIndex);
        int bChar = at(bStr, bIndex);
        if (isDigit(aChar) && isDigit(bChar)) {
            double aNum = 0;
            do {
                ++aIndex;
                aNum = aNum * 10 + aChar - '0';
                aChar = at(aStr, aIndex);
            } while (isDigit(aChar) && aNum > 0);
            double bNum = 0;
            do {
                ++bIndex;
                bNum = bNum * 10 + bChar - '0';
                bChar = at(bStr, bIndex);
            } while (isDigit(bChar) && bNum > 0);
            if (aNum < bNum)
                return -1;
            if (aNum > bNum)
                return 1;
        } else {
            if (aChar < bChar)
                return -1;
            if (aChar > bChar)
                return 1;
            ++aIndex;
            ++bIndex;
        }
    }
    const qsizetype d = aStr.size() - bStr.size();
    return d < 0 ? -1 : (d > 0 ? 1 : 0);
}

} // namespace refract::graphql
