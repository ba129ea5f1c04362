#include "parser.h"

#include "parserimpl.h"

// The public entry points of the parser (parserimpl.h) and the syntax-error conversion they share.
namespace refract::graphql {

using detail::Parser;

namespace {

GraphQLError toError(const QString &source, const SyntaxErrorException &e)
{
    return GraphQLError{QLatin1String("Syntax Error: ") + e.description, {locationOf(source, e.position)}};
}

} // namespace

ParseResult parse(const QString &source, const ParseOptions &options)
{
    ParseResult r;
    if (options.maxLength >= 0 && source.size() > options.maxLength) {
        r.error = toError(source, SyntaxErrorException{options.maxLength,
                                                       QStringLiteral("Document is longer than %1 characters. Parsing aborted.").arg(options.maxLength)});
        return r;
    }
    try {
        Parser p(source, options);
        r.document = p.parseDocument();
    } catch (const SyntaxErrorException &e) {
        r.error = toError(source, e);
    }
    return r;
}

std::optional<ast::Value> parseValue(const QString &source, GraphQLError *error, bool isConst)
{
    try {
        ParseOptions o;
        Parser p(source, o);
        return p.parseWholeValue(isConst);
    } catch (const SyntaxErrorException &e) {
        if (error)
            *error = toError(source, e);
    }
    return std::nullopt;
}

std::optional<ast::Type> parseType(const QString &source, GraphQLError *error)
{
    try {
        ParseOptions o;
        Parser p(source, o);
        return p.parseWholeType();
    } catch (const SyntaxErrorException &e) {
        if (error)
            *error = toError(source, e);
    }
    return std::nullopt;
}

} // namespace refract::graphql
