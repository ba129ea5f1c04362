#include "lexer.h"

#include "textutil.h"

#include <QVarLengthArray>

#include <algorithm>
#include <limits>

// A port of graphql-js 16.15 language/lexer.js. Positions, lines and columns are in UTF-16 code
// units like JavaScript's; the messages are graphql-js's, word for word.
namespace refract::graphql {

namespace {

constexpr bool isDigit(int c) { return c >= '0' && c <= '9'; }
constexpr bool isLetter(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool isNameStart(int c) { return isLetter(c) || c == '_'; }
constexpr bool isNameContinue(int c) { return isLetter(c) || isDigit(c) || c == '_'; }
bool isUnicodeScalarValue(int c) { return (c >= 0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0x10ffff); }
bool isLeadingSurrogate(int c) { return c >= 0xd800 && c <= 0xdbff; }
bool isTrailingSurrogate(int c) { return c >= 0xdc00 && c <= 0xdfff; }

int readHexDigit(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

QString fromCodePoint(uint cp)
{
    const char32_t c = char32_t(cp);
    return QString::fromUcs4(&c, 1);
}

} // namespace

QString tokenKindText(TokenKind kind)
{
    switch (kind) {
    case TokenKind::SOF: return QStringLiteral("<SOF>");
    case TokenKind::EOF_: return QStringLiteral("<EOF>");
    case TokenKind::Bang: return QStringLiteral("!");
    case TokenKind::Dollar: return QStringLiteral("$");
    case TokenKind::Amp: return QStringLiteral("&");
    case TokenKind::ParenL: return QStringLiteral("(");
    case TokenKind::ParenR: return QStringLiteral(")");
    case TokenKind::Dot: return QStringLiteral(".");
    case TokenKind::Spread: return QStringLiteral("...");
    case TokenKind::Colon: return QStringLiteral(":");
    case TokenKind::Equals: return QStringLiteral("=");
    case TokenKind::At: return QStringLiteral("@");
    case TokenKind::BracketL: return QStringLiteral("[");
    case TokenKind::BracketR: return QStringLiteral("]");
    case TokenKind::BraceL: return QStringLiteral("{");
    case TokenKind::Pipe: return QStringLiteral("|");
    case TokenKind::BraceR: return QStringLiteral("}");
    case TokenKind::Name: return QStringLiteral("Name");
    case TokenKind::Int: return QStringLiteral("Int");
    case TokenKind::Float: return QStringLiteral("Float");
    case TokenKind::String: return QStringLiteral("String");
    case TokenKind::BlockString: return QStringLiteral("BlockString");
    case TokenKind::Comment: return QStringLiteral("Comment");
    }
    return QString();
}

bool isPunctuatorTokenKind(TokenKind kind)
{
    switch (kind) {
    case TokenKind::Bang: case TokenKind::Dollar: case TokenKind::Amp: case TokenKind::ParenL:
    case TokenKind::ParenR: case TokenKind::Dot: case TokenKind::Spread: case TokenKind::Colon:
    case TokenKind::Equals: case TokenKind::At: case TokenKind::BracketL: case TokenKind::BracketR:
    case TokenKind::BraceL: case TokenKind::Pipe: case TokenKind::BraceR:
        return true;
    default:
        return false;
    }
}

namespace detail {

namespace {

// ASCII character classes of the scanner's hot loops.
struct CharTable
{
    bool nameContinue[128] = {};
    constexpr CharTable()
    {
        for (int c = 0; c < 128; ++c)
            nameContinue[c] = isNameContinue(c);
    }
};
constexpr CharTable kChars;

inline bool isNameContinueUnit(char16_t c) { return c < 128 && kChars.nameContinue[c]; }

} // namespace

Scanner::Scanner(const QString &source)
    : m_source(source), m_data(reinterpret_cast<const char16_t *>(m_source.constData())), m_size(m_source.size())
{
}

void Scanner::error(qsizetype position, const QString &description) const
{
    throw SyntaxErrorException{position, description};
}

QString Scanner::printCodePointAt(qsizetype location) const
{
    if (location >= m_size)
        return tokenKindText(TokenKind::EOF_);
    uint c = m_data[location];
    if (QChar::isHighSurrogate(c) && location + 1 < m_size && QChar::isLowSurrogate(m_data[location + 1]))
        c = QChar::surrogateToUcs4(char16_t(c), m_data[location + 1]);
    if (c >= 0x20 && c <= 0x7e) {
        const QChar ch{char16_t(c)};
        return ch == QLatin1Char('"') ? QStringLiteral("'\"'") : QString(QLatin1Char('"')) + ch + QLatin1Char('"');
    }
    QString hex = QString::number(c, 16).toUpper();
    while (hex.size() < 4)
        hex.prepend(QLatin1Char('0'));
    return QLatin1String("U+") + hex;
}

void Scanner::invalidCharacter(qsizetype position) const
{
    const int c = code(position);
    if (c == '\'')
        error(position, QStringLiteral("Unexpected single quote character ('), did you mean to use a double quote (\")?"));
    if (isUnicodeScalarValue(c) || (isLeadingSurrogate(c) && isTrailingSurrogate(code(position + 1))))
        error(position, QStringLiteral("Unexpected character: %1.").arg(printCodePointAt(position)));
    error(position, QStringLiteral("Invalid character: %1.").arg(printCodePointAt(position)));
}

void Scanner::read(qsizetype position, RawToken &t)
{
    const char16_t *const s = m_data;
    const qsizetype bodyLength = m_size;
    while (position < bodyLength) {
        const char16_t c = s[position];
        // The two most frequent cases ahead of the switch's indirect jump: indentation and names.
        if (c == 0x20) {
            ++position;
            continue;
        }
        if (isNameStart(c)) {
            qsizetype end = position + 1;
            while (end < bodyLength && isNameContinueUnit(s[end]))
                ++end;
            return set(t, TokenKind::Name, position, end);
        }
        switch (c) {
        case 0xfeff: case 0x09: case 0x20: case 0x2c:
            ++position;
            continue;
        case 0x0a:
            ++position;
            ++m_line;
            m_lineStart = position;
            continue;
        case 0x0d:
            position += code(position + 1) == 0x0a ? 2 : 1;
            ++m_line;
            m_lineStart = position;
            continue;
        case '#': return readComment(position, t);
        case '!': return set(t, TokenKind::Bang, position, position + 1);
        case '$': return set(t, TokenKind::Dollar, position, position + 1);
        case '&': return set(t, TokenKind::Amp, position, position + 1);
        case '(': return set(t, TokenKind::ParenL, position, position + 1);
        case ')': return set(t, TokenKind::ParenR, position, position + 1);
        case '.':
            if (code(position + 1) == '.' && code(position + 2) == '.')
                return set(t, TokenKind::Spread, position, position + 3);
            invalidCharacter(position);
        case ':': return set(t, TokenKind::Colon, position, position + 1);
        case '=': return set(t, TokenKind::Equals, position, position + 1);
        case '@': return set(t, TokenKind::At, position, position + 1);
        case '[': return set(t, TokenKind::BracketL, position, position + 1);
        case ']': return set(t, TokenKind::BracketR, position, position + 1);
        case '{': return set(t, TokenKind::BraceL, position, position + 1);
        case '|': return set(t, TokenKind::Pipe, position, position + 1);
        case '}': return set(t, TokenKind::BraceR, position, position + 1);
        case '"':
            if (code(position + 1) == '"' && code(position + 2) == '"')
                return readBlockString(position, t);
            return readString(position, t);
        case '-':
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
            return readNumber(position, c, t);
        default:
            invalidCharacter(position);
        }
    }
    set(t, TokenKind::EOF_, bodyLength, bodyLength);
}

void Scanner::readComment(qsizetype start, RawToken &t)
{
    if (m_maxComments >= 0) {
        if (m_commentCount + 1 > m_maxComments)
            error(start, QStringLiteral("Document contains more than %1 comments. Parsing aborted.").arg(m_maxComments));
        ++m_commentCount;
    }
    qsizetype position = start + 1;
    while (position < m_size) {
        const int c = m_data[position];
        if (c == 0x0a || c == 0x0d)
            break;
        if (isUnicodeScalarValue(c))
            ++position;
        else if (isLeadingSurrogate(c) && isTrailingSurrogate(code(position + 1)))
            position += 2;
        else
            break;
    }
    set(t, TokenKind::Comment, start, position);
}

void Scanner::readNumber(qsizetype start, int firstCode, RawToken &t)
{
    qsizetype position = start;
    int c = firstCode;
    bool isFloat = false;
    if (c == '-')
        c = code(++position);
    if (c == '0') {
        c = code(++position);
        if (isDigit(c))
            error(position, QStringLiteral("Invalid number, unexpected digit after 0: %1.").arg(printCodePointAt(position)));
    } else {
        position = readDigits(position, c);
        c = code(position);
    }
    if (c == '.') {
        isFloat = true;
        c = code(++position);
        position = readDigits(position, c);
        c = code(position);
    }
    if (c == 'E' || c == 'e') {
        isFloat = true;
        c = code(++position);
        if (c == '+' || c == '-')
            c = code(++position);
        position = readDigits(position, c);
        c = code(position);
    }
    if (c == '.' || isNameStart(c))
        error(position, QStringLiteral("Invalid number, expected digit but got: %1.").arg(printCodePointAt(position)));
    set(t, isFloat ? TokenKind::Float : TokenKind::Int, start, position);
}

qsizetype Scanner::readDigits(qsizetype start, int firstCode) const
{
    if (!isDigit(firstCode))
        error(start, QStringLiteral("Invalid number, expected digit but got: %1.").arg(printCodePointAt(start)));
    qsizetype position = start + 1;
    while (isDigit(code(position)))
        ++position;
    return position;
}

namespace {

// One escape sequence of a string literal at `position` (the backslash). Returns its length in the
// source and appends the decoded text to `out` if given; 0 means invalid (the caller reports it).
qsizetype readEscape(const char16_t *s, qsizetype size, qsizetype position, QString *out, qsizetype *errorLength)
{
    auto code = [s, size](qsizetype i) { return i < size && i >= 0 ? int(s[i]) : -1; };
    if (code(position + 1) == 'u') {
        if (code(position + 2) == '{') {
            // Variable width: \u{1F600}; at most 12 characters in all.
            uint point = 0;
            qsizetype length = 3;
            bool ok = false;
            while (length < 12) {
                const int h = code(position + length++);
                if (h == '}') {
                    ok = length >= 5 && isUnicodeScalarValue(int(point));
                    break;
                }
                const int d = readHexDigit(h);
                // JS: point = (point << 4) | d as int32; negative means overflow or a bad digit.
                const qint32 next = qint32(quint32(point) << 4) | qint32(d);
                if (next < 0 || d < 0)
                    break;
                point = uint(next);
            }
            if (!ok) {
                *errorLength = length;
                return 0;
            }
            if (out)
                *out += fromCodePoint(point);
            return length;
        }
        auto read16 = [&code](qsizetype p) {
            return (readHexDigit(code(p)) << 12) | (readHexDigit(code(p + 1)) << 8) | (readHexDigit(code(p + 2)) << 4)
                | readHexDigit(code(p + 3));
        };
        const int cp = read16(position + 2);
        if (isUnicodeScalarValue(cp)) {
            if (out)
                *out += QChar(char16_t(cp));
            return 6;
        }
        if (isLeadingSurrogate(cp) && code(position + 6) == '\\' && code(position + 7) == 'u') {
            const int trailing = read16(position + 8);
            if (isTrailingSurrogate(trailing)) {
                if (out) {
                    *out += QChar(char16_t(cp));
                    *out += QChar(char16_t(trailing));
                }
                return 12;
            }
        }
        *errorLength = 6;
        return 0;
    }
    char16_t ch = 0;
    switch (code(position + 1)) {
    case '"': ch = u'"'; break;
    case '\\': ch = u'\\'; break;
    case '/': ch = u'/'; break;
    case 'b': ch = 0x08; break;
    case 'f': ch = 0x0c; break;
    case 'n': ch = 0x0a; break;
    case 'r': ch = 0x0d; break;
    case 't': ch = 0x09; break;
    default:
        *errorLength = -2;
        return 0;
    }
    if (out)
        *out += QChar(ch);
    return 2;
}

} // namespace

void Scanner::readString(qsizetype start, RawToken &t)
{
    const char16_t *const s = m_data;
    const qsizetype bodyLength = m_size;
    qsizetype position = start + 1;
    bool escaped = false;
    while (position < bodyLength) {
        const char16_t c = s[position];
        if (c == '"') {
            set(t, TokenKind::String, start, position + 1);
            t.complex = escaped;
            return;
        }
        if (c == '\\') {
            qsizetype errorLength = 0;
            const qsizetype length = readEscape(s, bodyLength, position, nullptr, &errorLength);
            if (length == 0) {
                if (errorLength < 0)
                    error(position, QStringLiteral("Invalid character escape sequence: \"%1\".").arg(m_source.mid(position, -errorLength)));
                error(position, QStringLiteral("Invalid Unicode escape sequence: \"%1\".").arg(m_source.mid(position, errorLength)));
            }
            escaped = true;
            position += length;
            continue;
        }
        if (c == 0x0a || c == 0x0d)
            break;
        if (c >= 0x20 && c < 0xd800) // the common case of isUnicodeScalarValue
            ++position;
        else if (isUnicodeScalarValue(c))
            ++position;
        else if (isLeadingSurrogate(c) && isTrailingSurrogate(code(position + 1)))
            position += 2;
        else
            error(position, QStringLiteral("Invalid character within String: %1.").arg(printCodePointAt(position)));
    }
    error(position, QStringLiteral("Unterminated string."));
}

QString Scanner::stringValue(const RawToken &t) const
{
    const qsizetype contentEnd = t.end - 1;
    if (!t.complex)
        return slice(t.start + 1, contentEnd);
    QString value;
    value.reserve(contentEnd - t.start - 1);
    qsizetype position = t.start + 1;
    qsizetype chunkStart = position;
    while (position < contentEnd) {
        if (m_data[position] == '\\') {
            value.append(reinterpret_cast<const QChar *>(m_data + chunkStart), position - chunkStart);
            qsizetype errorLength = 0;
            position += readEscape(m_data, m_size, position, &value, &errorLength); // validated by readString
            chunkStart = position;
        } else {
            ++position;
        }
    }
    value.append(reinterpret_cast<const QChar *>(m_data + chunkStart), contentEnd - chunkStart);
    return value;
}

void Scanner::readBlockString(qsizetype start, RawToken &t)
{
    const char16_t *const s = m_data;
    const qsizetype bodyLength = m_size;
    qsizetype lineStart = m_lineStart;
    int lines = 0;
    bool escapedQuotes = false;
    qsizetype position = start + 3;
    while (position < bodyLength) {
        const char16_t c = s[position];
        if (c == '"' && code(position + 1) == '"' && code(position + 2) == '"') {
            set(t, TokenKind::BlockString, start, position + 3);
            t.complex = lines > 0 || escapedQuotes;
            m_line += lines;
            m_lineStart = lineStart;
            return;
        }
        if (c == '\\' && code(position + 1) == '"' && code(position + 2) == '"' && code(position + 3) == '"') {
            escapedQuotes = true;
            position += 4;
            continue;
        }
        if (c == 0x0a || c == 0x0d) {
            position += (c == 0x0d && code(position + 1) == 0x0a) ? 2 : 1;
            ++lines;
            lineStart = position;
            continue;
        }
        if (c >= 0x20 && c < 0xd800)
            ++position;
        else if (isUnicodeScalarValue(c))
            ++position;
        else if (isLeadingSurrogate(c) && isTrailingSurrogate(code(position + 1)))
            position += 2;
        else
            error(position, QStringLiteral("Invalid character within String: %1.").arg(printCodePointAt(position)));
    }
    error(position, QStringLiteral("Unterminated string."));
}

QString Scanner::blockStringValue(const RawToken &t) const
{
    // graphql-js dedentBlockStringLines on the raw lines, `\"""` read as `"""`; a line's indent and
    // whether it is blank do not depend on that escape, which never starts with white space.
    const qsizetype contentStart = t.start + 3;
    const qsizetype contentEnd = t.end - 3;
    auto isBlank = [this](qsizetype from, qsizetype to) {
        for (qsizetype i = from; i < to; ++i)
            if (!isGraphQLWhiteSpace(m_data[i]))
                return false;
        return true;
    };
    if (!t.complex)
        return isBlank(contentStart, contentEnd) ? QString() : slice(contentStart, contentEnd);
    struct Line
    {
        qsizetype start;
        qsizetype end;
    };
    QVarLengthArray<Line, 32> lines;
    qsizetype commonIndent = std::numeric_limits<qsizetype>::max();
    qsizetype firstNonEmptyLine = -1;
    qsizetype lastNonEmptyLine = -1;
    qsizetype lineStart = contentStart;
    for (qsizetype position = contentStart;; ++position) {
        const bool atEnd = position >= contentEnd;
        const char16_t c = atEnd ? 0 : m_data[position];
        if (!atEnd && c != 0x0a && c != 0x0d)
            continue;
        const qsizetype i = lines.size();
        lines.append(Line{lineStart, position});
        qsizetype indent = 0;
        while (lineStart + indent < position && isGraphQLWhiteSpace(m_data[lineStart + indent]))
            ++indent;
        if (lineStart + indent != position) {
            if (firstNonEmptyLine < 0)
                firstNonEmptyLine = i;
            lastNonEmptyLine = i;
            if (i != 0 && indent < commonIndent)
                commonIndent = indent;
        }
        if (atEnd)
            break;
        if (c == 0x0d && position + 1 < contentEnd && m_data[position + 1] == 0x0a)
            ++position;
        lineStart = position + 1;
    }
    if (firstNonEmptyLine < 0)
        return QString();
    QString value;
    value.reserve(contentEnd - contentStart);
    for (qsizetype i = firstNonEmptyLine; i <= lastNonEmptyLine; ++i) {
        if (i != firstNonEmptyLine)
            value += QLatin1Char('\n');
        const qsizetype to = lines[i].end;
        const qsizetype from = i == 0 ? lines[i].start : lines[i].start + std::min(commonIndent, to - lines[i].start);
        qsizetype chunkStart = from;
        for (qsizetype p = from; p + 3 < to;) {
            if (m_data[p] == '\\' && m_data[p + 1] == '"' && m_data[p + 2] == '"' && m_data[p + 3] == '"') {
                value.append(reinterpret_cast<const QChar *>(m_data + chunkStart), p - chunkStart);
                chunkStart = p + 1; // the backslash goes, the quotes stay
                p += 4;
            } else {
                ++p;
            }
        }
        value.append(reinterpret_cast<const QChar *>(m_data + chunkStart), to - chunkStart);
    }
    return value;
}

QString Scanner::value(const RawToken &t) const
{
    switch (t.kind) {
    case TokenKind::Name:
    case TokenKind::Int:
    case TokenKind::Float:
        return text(t).toString();
    case TokenKind::String:
        return stringValue(t);
    case TokenKind::BlockString:
        return blockStringValue(t);
    case TokenKind::Comment:
        return m_source.mid(t.start + 1, t.end - t.start - 1);
    default:
        return QString();
    }
}

} // namespace detail

Lexer::Lexer(const QString &source) : m_scanner(source) {}

Token Lexer::toToken(const detail::RawToken &r) const
{
    Token t;
    t.kind = r.kind;
    t.start = r.start;
    t.end = r.end;
    t.line = r.line;
    t.column = r.column;
    if (m_scanner.hasValue(r))
        t.value = m_scanner.value(r);
    return t;
}

QList<Token> Lexer::tokenize(const QString &source, GraphQLError *error, bool withComments)
{
    QList<Token> tokens;
    Lexer lexer(source);
    try {
        detail::RawToken t;
        for (;;) {
            lexer.m_scanner.read(t.end, t);
            if (t.kind == TokenKind::EOF_)
                break;
            if (t.kind != TokenKind::Comment || withComments)
                tokens.append(lexer.toToken(t));
        }
    } catch (const SyntaxErrorException &e) {
        if (error)
            *error = GraphQLError{QLatin1String("Syntax Error: ") + e.description, {locationOf(source, e.position)}};
    }
    return tokens;
}

const Token &Lexer::advance()
{
    if (m_token.kind == TokenKind::EOF_) { // graphql-js: stays on <EOF>, which becomes the last token too
        m_lastToken = m_token;
        return m_token;
    }
    lookahead();
    m_lastToken = std::move(m_token);
    m_token = std::move(*m_next);
    m_next.reset();
    return m_token;
}

const Token &Lexer::lookahead()
{
    if (m_token.kind == TokenKind::EOF_)
        return m_token;
    if (!m_next) {
        detail::RawToken t;
        m_scanner.readSkippingComments(m_token.end, t);
        m_next = toToken(t);
    }
    return *m_next;
}

} // namespace refract::graphql
