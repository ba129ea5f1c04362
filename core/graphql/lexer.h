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

/// A port of graphql-js 16 `Lexer`: lazily reads one token at a time from UTF-16 source text, skipping
/// whitespace, commas and comments. advance()/lookahead() throw SyntaxErrorException with graphql-js's
/// messages (the parser catches it); outside this module use the non-throwing tokenize().
class Lexer
{
public:
    explicit Lexer(const QString &source);

    /// All tokens up to EOF (excluded) or up to the first error, which fills `error`. With
    /// `withComments`, comment tokens are included (for syntax highlighting).
    static QList<Token> tokenize(const QString &source, GraphQLError *error = nullptr, bool withComments = false);

    const QString &source() const { return m_source; }
    const Token &token() const { return m_token; }
    const Token &lastToken() const { return m_lastToken; }

    /// Moves to the next non-comment token and returns it.
    const Token &advance();
    /// The next non-comment token, without moving.
    const Token &lookahead();

    /// Limit on the number of comments (graphql-js `maxComments` parse option); -1 means none.
    void setMaxComments(int max) { m_maxComments = max; }

private:
    Token readNextToken(qsizetype start);
    Token readComment(qsizetype start);
    Token readNumber(qsizetype start, int firstCode);
    qsizetype readDigits(qsizetype start, int firstCode);
    Token readString(qsizetype start);
    Token readBlockString(qsizetype start);
    Token readName(qsizetype start);
    Token make(TokenKind kind, qsizetype start, qsizetype end, std::optional<QString> value = {}) const;
    int code(qsizetype i) const { return i < m_source.size() && i >= 0 ? int(m_source.at(i).unicode()) : -1; }
    QString printCodePointAt(qsizetype location) const;
    [[noreturn]] void error(qsizetype position, const QString &description) const;

    QString m_source;
    Token m_token;
    Token m_lastToken;
    std::optional<Token> m_next; ///< cached lookahead (lexer state already advanced past it)
    int m_line = 1;
    qsizetype m_lineStart = 0;
    int m_maxComments = -1;
    int m_commentCount = 0;
};

} // namespace refract::graphql
