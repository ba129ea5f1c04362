#pragma once

#include "graphqlerror.h"

#include <QList>
#include <QString>

#include <optional>

namespace refract::graphql {

/// graphql-js `TokenKind`.
enum class TokenKind {
    SOF, EOF_, Bang, Dollar, Amp, ParenL, ParenR, Dot, Spread, Colon, Equals, At, BracketL, BracketR, BraceL,
    Pipe, BraceR, Name, Int, Float, String, BlockString, Comment,
};

/// graphql-js's spelling of a token kind (`<EOF>`, `!`, `Name`, `BlockString`, …).
QString tokenKindText(TokenKind kind);
bool isPunctuatorTokenKind(TokenKind kind);

struct Token
{
    TokenKind kind = TokenKind::SOF;
    qsizetype start = 0; ///< UTF-16 offset
    qsizetype end = 0;
    int line = 0;        ///< 1-based
    int column = 0;      ///< 1-based, UTF-16 code units
    std::optional<QString> value; ///< Name, Int, Float, String (decoded), BlockString (dedented), Comment
};

/// Thrown by the lexer and parser on a syntax error; `parse()` turns it into a GraphQLError. It never
/// leaves this module.
struct SyntaxErrorException
{
    qsizetype position;
    QString description; ///< without the "Syntax Error: " prefix
};

namespace detail {

/// A token as the scanner reads it: kind and position only. Its value is a slice of the source (Name,
/// Int, Float, Comment) or decoded from it on demand (String, BlockString), so reading a token allocates
/// nothing; the parser builds a QString only for what the AST keeps.
struct RawToken
{
    TokenKind kind = TokenKind::SOF;
    int line = 0;
    int column = 0;
    /// String: contains an escape sequence; BlockString: spans several lines or contains `\"""`. Without
    /// it the value is a plain slice of the source.
    bool complex = false;
    qsizetype start = 0;
    qsizetype end = 0;
};

/// The tokenizer behind Lexer and the parser: a port of graphql-js 16 `Lexer.readNextToken` and its
/// helpers on the UTF-16 code units of the source, with graphql-js's messages (SyntaxErrorException).
class Scanner
{
public:
    explicit Scanner(const QString &source);

    const QString &source() const { return m_source; }
    void setMaxComments(int max) { m_maxComments = max; }

    /// Reads the token (comments included) that starts at or after `position`, the end of the previous one.
    void read(qsizetype position, RawToken &t);
    /// Like read(), skipping comments.
    void readSkippingComments(qsizetype position, RawToken &t)
    {
        do {
            read(position, t);
            position = t.end;
        } while (t.kind == TokenKind::Comment);
    }

    /// graphql-js `token.value`: null for kinds that have none.
    QString value(const RawToken &t) const;
    bool hasValue(const RawToken &t) const { return t.kind >= TokenKind::Name; }
    /// The token's text as written (for Name, Int and Float that is its value).
    QStringView text(const RawToken &t) const { return QStringView(m_data + t.start, t.end - t.start); }

private:
    int code(qsizetype i) const { return i < m_size && i >= 0 ? int(m_data[i]) : -1; }
    void set(RawToken &t, TokenKind kind, qsizetype start, qsizetype end) const
    {
        t.kind = kind;
        t.line = m_line;
        t.column = int(1 + start - m_lineStart);
        t.complex = false;
        t.start = start;
        t.end = end;
    }
    void readComment(qsizetype start, RawToken &t);
    void readNumber(qsizetype start, int firstCode, RawToken &t);
    qsizetype readDigits(qsizetype start, int firstCode) const;
    void readString(qsizetype start, RawToken &t);
    void readBlockString(qsizetype start, RawToken &t);
    [[noreturn]] void invalidCharacter(qsizetype position) const;
    /// [from, to) of the source; null when empty, as the strings graphql-js's lexer appends to.
    QString slice(qsizetype from, qsizetype to) const
    {
        return from == to ? QString() : QString(reinterpret_cast<const QChar *>(m_data + from), to - from);
    }
    QString stringValue(const RawToken &t) const;
    QString blockStringValue(const RawToken &t) const;
    QString printCodePointAt(qsizetype location) const;
    [[noreturn]] Q_NEVER_INLINE void error(qsizetype position, const QString &description) const;

    QString m_source;
    const char16_t *m_data;
    qsizetype m_size;
    int m_line = 1;
    qsizetype m_lineStart = 0;
    int m_maxComments = -1;
    int m_commentCount = 0;
};

} // namespace detail

/// A port of graphql-js 16 `Lexer`: lazily reads one token at a time from UTF-16 source text, skipping
/// whitespace, commas and comments. advance()/lookahead() throw SyntaxErrorException with graphql-js's
/// messages (the parser catches it); outside this module use the non-throwing tokenize(). Tokens carry
/// their values as QStrings; the parser itself reads detail::RawToken from the Scanner instead.
class Lexer
{
public:
    explicit Lexer(const QString &source);

    /// All tokens up to EOF (excluded) or up to the first error, which fills `error`. With
    /// `withComments`, comment tokens are included (for syntax highlighting).
    static QList<Token> tokenize(const QString &source, GraphQLError *error = nullptr, bool withComments = false);

    const QString &source() const { return m_scanner.source(); }
    const Token &token() const { return m_token; }
    const Token &lastToken() const { return m_lastToken; }

    /// Moves to the next non-comment token and returns it.
    const Token &advance();
    /// The next non-comment token, without moving.
    const Token &lookahead();

    /// Limit on the number of comments (graphql-js `maxComments` parse option); -1 means none.
    void setMaxComments(int max) { m_scanner.setMaxComments(max); }

private:
    Token toToken(const detail::RawToken &t) const;

    detail::Scanner m_scanner;
    Token m_token;
    Token m_lastToken;
    std::optional<Token> m_next; ///< cached lookahead (scanner state already advanced past it)
};

} // namespace refract::graphql
