#include "lexer.h"

#include "textutil.h"

// A port of graphql-js 16.15 language/lexer.js. Positions, lines and columns are in UTF-16 code
// units like JavaScript's; the messages are graphql-js's, word for word.
namespace refract::graphql {

namespace {

bool isDigit(int c) { return c >= '0' && c <= '9'; }
bool isLetter(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isNameStart(int c) { return isLetter(c) || c == '_'; }
bool isNameContinue(int c) { return isLetter(c) || isDigit(c) || c == '_'; }
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

Lexer::Lexer(const QString &source) : m_source(source) {}

QList<Token> Lexer::tokenize(const QString &source, GraphQLError *error, bool withComments)
{
    QList<Token> tokens;
    Lexer lexer(source);
    try {
        qsizetype end = 0;
        for (;;) {
            Token t = lexer.readNextToken(end);
            end = t.end;
            if (t.kind == TokenKind::EOF_)
                break;
            if (t.kind != TokenKind::Comment || withComments)
                tokens.append(std::move(t));
        }
    } catch (const SyntaxErrorException &e) {
        if (error)
            *error = GraphQLError{QLatin1String("Syntax Error: ") + e.description, {locationOf(source, e.position)}};
    }
    return tokens;
}

void Lexer::error(qsizetype position, const QString &description) const
{
    throw SyntaxErrorException{position, description};
}

const Token &Lexer::advance()
{
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
        qsizetype end = m_token.end;
        Token t;
        do {
            t = readNextToken(end);
            end = t.end;
        } while (t.kind == TokenKind::Comment);
        m_next = std::move(t);
    }
    return *m_next;
}

QString Lexer::printCodePointAt(qsizetype location) const
{
    if (location >= m_source.size())
        return tokenKindText(TokenKind::EOF_);
    uint c = m_source.at(location).unicode();
    if (QChar::isHighSurrogate(c) && location + 1 < m_source.size() && QChar::isLowSurrogate(m_source.at(location + 1).unicode()))
        c = QChar::surrogateToUcs4(char16_t(c), m_source.at(location + 1).unicode());
    if (c >= 0x20 && c <= 0x7e) {
        const QChar ch{char16_t(c)};
        return ch == QLatin1Char('"') ? QStringLiteral("'\"'") : QString(QLatin1Char('"')) + ch + QLatin1Char('"');
    }
    QString hex = QString::number(c, 16).toUpper();
    while (hex.size() < 4)
        hex.prepend(QLatin1Char('0'));
    return QLatin1String("U+") + hex;
}

Token Lexer::make(TokenKind kind, qsizetype start, qsizetype end, std::optional<QString> value) const
{
    Token t;
    t.kind = kind;
    t.start = start;
    t.end = end;
    t.line = m_line;
    t.column = int(1 + start - m_lineStart);
    t.value = std::move(value);
    return t;
}

Token Lexer::readNextToken(qsizetype start)
{
    const qsizetype bodyLength = m_source.size();
    qsizetype position = start;
    while (position < bodyLength) {
        const int c = code(position);
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
        case '#': return readComment(position);
        case '!': return make(TokenKind::Bang, position, position + 1);
        case '$': return make(TokenKind::Dollar, position, position + 1);
        case '&': return make(TokenKind::Amp, position, position + 1);
        case '(': return make(TokenKind::ParenL, position, position + 1);
        case ')': return make(TokenKind::ParenR, position, position + 1);
        case '.':
            if (code(position + 1) == '.' && code(position + 2) == '.')
                return make(TokenKind::Spread, position, position + 3);
            break;
        case ':': return make(TokenKind::Colon, position, position + 1);
        case '=': return make(TokenKind::Equals, position, position + 1);
        case '@': return make(TokenKind::At, position, position + 1);
        case '[': return make(TokenKind::BracketL, position, position + 1);
        case ']': return make(TokenKind::BracketR, position, position + 1);
        case '{': return make(TokenKind::BraceL, position, position + 1);
        case '|': return make(TokenKind::Pipe, position, position + 1);
        case '}': return make(TokenKind::BraceR, position, position + 1);
        case '"':
            if (code(position + 1) == '"' && code(position + 2) == '"')
                return readBlockString(position);
            return readString(position);
        default:
            break;
        }
        if (isDigit(c) || c == '-')
            return readNumber(position, c);
        if (isNameStart(c))
            return readName(position);
        if (c == '\'')
            error(position, QStringLiteral("Unexpected single quote character ('), did you mean to use a double quote (\")?"));
        if (isUnicodeScalarValue(c) || (isLeadingSurrogate(c) && isTrailingSurrogate(code(position + 1))))
            error(position, QStringLiteral("Unexpected character: %1.").arg(printCodePointAt(position)));
        error(position, QStringLiteral("Invalid character: %1.").arg(printCodePointAt(position)));
    }
    return make(TokenKind::EOF_, bodyLength, bodyLength);
}

Token Lexer::readComment(qsizetype start)
{
    if (m_maxComments >= 0) {
        if (m_commentCount + 1 > m_maxComments)
            error(start, QStringLiteral("Document contains more than %1 comments. Parsing aborted.").arg(m_maxComments));
        ++m_commentCount;
    }
    const qsizetype bodyLength = m_source.size();
    qsizetype position = start + 1;
    while (position < bodyLength) {
        const int c = code(position);
        if (c == 0x0a || c == 0x0d)
            break;
        if (isUnicodeScalarValue(c))
            ++position;
        else if (isLeadingSurrogate(c) && isTrailingSurrogate(code(position + 1)))
            position += 2;
        else
            break;
    }
    return make(TokenKind::Comment, start, position, m_source.mid(start + 1, position - start - 1));
}

Token Lexer::readNumber(qsizetype start, int firstCode)
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
    return make(isFloat ? TokenKind::Float : TokenKind::Int, start, position, m_source.mid(start, position - start));
}

qsizetype Lexer::readDigits(qsizetype start, int firstCode)
{
    if (!isDigit(firstCode))
        error(start, QStringLiteral("Invalid number, expected digit but got: %1.").arg(printCodePointAt(start)));
    qsizetype position = start + 1;
    while (isDigit(code(position)))
        ++position;
    return position;
}

Token Lexer::readString(qsizetype start)
{
    const qsizetype bodyLength = m_source.size();
    qsizetype position = start + 1;
    qsizetype chunkStart = position;
    QString value;
    while (position < bodyLength) {
        const int c = code(position);
        if (c == '"') {
            value += QStringView(m_source).mid(chunkStart, position - chunkStart);
            return make(TokenKind::String, start, position + 1, value);
        }
        if (c == '\\') {
            value += QStringView(m_source).mid(chunkStart, position - chunkStart);
            if (code(position + 1) == 'u') {
                if (code(position + 2) == '{') {
                    // Variable width: \u{1F600}; at most 12 characters in all.
                    uint point = 0;
                    qsizetype size = 3;
                    bool ok = false;
                    while (size < 12) {
                        const int h = code(position + size++);
                        if (h == '}') {
                            if (size < 5 || !isUnicodeScalarValue(int(point)))
                                break;
                            ok = true;
                            break;
                        }
                        const int d = readHexDigit(h);
                        // JS: point = (point << 4) | d as int32; negative means overflow or a bad digit.
                        const qint32 next = qint32(quint32(point) << 4) | qint32(d);
                        if (next < 0 || d < 0)
                            break;
                        point = uint(next);
                    }
                    if (!ok)
                        error(position, QStringLiteral("Invalid Unicode escape sequence: \"%1\".")
                                            .arg(m_source.mid(position, size)));
                    value += fromCodePoint(point);
                    position += size;
                } else {
                    auto read16 = [this](qsizetype p) {
                        return (readHexDigit(code(p)) << 12) | (readHexDigit(code(p + 1)) << 8)
                            | (readHexDigit(code(p + 2)) << 4) | readHexDigit(code(p + 3));
                    };
                    const int cp = read16(position + 2);
                    if (isUnicodeScalarValue(cp)) {
                        value += fromCodePoint(uint(cp));
                        position += 6;
                    } else {
                        bool ok = false;
                        if (isLeadingSurrogate(cp) && code(position + 6) == '\\' && code(position + 7) == 'u') {
                            const int trailing = read16(position + 8);
                            if (isTrailingSurrogate(trailing)) {
                                value += QChar(char16_t(cp));
                                value += QChar(char16_t(trailing));
                                position += 12;
                                ok = true;
                            }
                        }
                        if (!ok)
                            error(position, QStringLiteral("Invalid Unicode escape sequence: \"%1\".")
                                                .arg(m_source.mid(position, 6)));
                    }
                }
            } else {
                const int e = code(position + 1);
                char16_t ch = 0;
                switch (e) {
                case '"': ch = u'"'; break;
                case '\\': ch = u'\\'; break;
                case '/': ch = u'/'; break;
                case 'b': ch = 0x08; break;
                case 'f': ch = 0x0c; break;
                case 'n': ch = 0x0a; break;
                case 'r': ch = 0x0d; break;
                case 't': ch = 0x09; break;
                default:
                    error(position, QStringLiteral("Invalid character escape sequence: \"%1\".")
                                        .arg(m_source.mid(position, 2)));
                }
                value += QChar(ch);
                position += 2;
            }
            chunkStart = position;
            continue;
        }
        if (c == 0x0a || c == 0x0d)
            break;
        if (isUnicodeScalarValue(c))
            ++position;
        else if (isLeadingSurrogate(c) && isTrailingSurrogate(code(position + 1)))
            position += 2;
        else
            error(position, QStringLiteral("Invalid character within String: %1.").arg(printCodePointAt(position)));
    }
    error(position, QStringLiteral("Unterminated string."));
}

Token Lexer::readBlockString(qsizetype start)
{
    const qsizetype bodyLength = m_source.size();
    qsizetype lineStart = m_lineStart;
    qsizetype position = start + 3;
    qsizetype chunkStart = position;
    QString currentLine;
    QStringList blockLines;
    while (position < bodyLength) {
        const int c = code(position);
        if (c == '"' && code(position + 1) == '"' && code(position + 2) == '"') {
            currentLine += QStringView(m_source).mid(chunkStart, position - chunkStart);
            blockLines.append(currentLine);
            Token t = make(TokenKind::BlockString, start, position + 3,
                           dedentBlockStringLines(blockLines).join(QLatin1Char('\n')));
            m_line += int(blockLines.size() - 1);
            m_lineStart = lineStart;
            return t;
        }
        if (c == '\\' && code(position + 1) == '"' && code(position + 2) == '"' && code(position + 3) == '"') {
            currentLine += QStringView(m_source).mid(chunkStart, position - chunkStart);
            chunkStart = position + 1;
            position += 4;
            continue;
        }
        if (c == 0x0a || c == 0x0d) {
            currentLine += QStringView(m_source).mid(chunkStart, position - chunkStart);
            blockLines.append(currentLine);
            position += (c == 0x0d && code(position + 1) == 0x0a) ? 2 : 1;
            currentLine.clear();
            chunkStart = position;
            lineStart = position;
            continue;
        }
        if (isUnicodeScalarValue(c))
            ++position;
        else if (isLeadingSurrogate(c) && isTrailingSurrogate(code(position + 1)))
            position += 2;
        else
            error(position, QStringLiteral("Invalid character within String: %1.").arg(printCodePointAt(position)));
    }
    error(position, QStringLiteral("Unterminated string."));
}

Token Lexer::readName(qsizetype start)
{
    const qsizetype bodyLength = m_source.size();
    qsizetype position = start + 1;
    while (position < bodyLength && isNameContinue(code(position)))
        ++position;
    return make(TokenKind::Name, start, position, m_source.mid(start, position - start));
}

} // namespace refract::graphql
