#pragma once

#include <QString>

#include <vector>

namespace refract::graphql::detail {

/// A token of the tolerant tokenizer. Strings keep their quotes; `open` marks a string or block string
/// the text ends inside of (unterminated).
struct LooseToken
{
    enum Kind : quint8 { Punct, Spread, Name, Number, String, BlockString, Eof };
    Kind kind = Eof;
    char16_t ch = 0; ///< Punct: the character
    bool open = false;
    qsizetype start = 0;
    qsizetype end = 0;
};

/// Splits any text into GraphQL tokens without ever failing: characters that start no token are
/// skipped, unterminated strings end at the line end (block strings at the end of the text). Used by
/// the editor services (positionContext, parseTolerant), where the text is usually incomplete. The last
/// token is always Eof. `comments`, if given, receives [start, end) of every comment.
std::vector<LooseToken> looseTokenize(const QString &text, std::vector<std::pair<qsizetype, qsizetype>> *comments = nullptr);

} // namespace refract::graphql::detail
