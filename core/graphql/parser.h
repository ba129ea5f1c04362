#pragma once

#include "ast.h"
#include "graphqlerror.h"

#include <optional>

namespace refract::graphql {

struct ParseOptions
{
    bool noLocation = false; ///< kept for parity with graphql-js; locations are cheap and always filled
    /// graphql-js `allowLegacyFragmentVariables`: `fragment F($a: Int) on T`.
    bool allowLegacyFragmentVariables = false;
    /// graphql-js `experimentalDirectivesOnDirectiveDefinitions`: `directive @a @b on …`, `extend directive @a @b`.
    bool experimentalDirectivesOnDirectiveDefinitions = false;
    /// graphql-js `maxTokens` (error "Document contains more that N tokens. Parsing aborted." — graphql-js's
    /// own wording). graphql-js has no default; ours keeps a hostile document from using unbounded memory.
    /// A negative value means no limit.
    int maxTokens = 500000;
    /// graphql-js `maxComments`; negative means no limit.
    int maxComments = -1;
    /// Nesting of selection sets, list/object values and list types. graphql-js itself overflows its stack
    /// at about 2,050 levels; beyond this limit we report a syntax error instead of recursing further.
    /// Parsing and printing a document at this depth needs about 2 MB of stack (threads on Linux get 8 MB;
    /// tst_parser checks 4 MB is enough); lower the limit for threads with small stacks.
    int maxDepth = 2048;
    /// Length of the source in UTF-16 code units: a longer document is rejected before it is read, so a
    /// hostile 100 MB string literal costs no copy ("Document is longer than N characters. Parsing
    /// aborted."). A negative value means no limit (schemaBuilder's SDL entry point uses none).
    qsizetype maxLength = 32 * 1024 * 1024;
};

struct ParseResult
{
    std::optional<ast::Document> document;
    std::optional<GraphQLError> error; ///< set exactly when `document` is not
};

/// graphql-js `parse`: an executable or type-system document. Never throws.
ParseResult parse(const QString &source, const ParseOptions &options = {});

/// graphql-js `parseValue` / `parseConstValue` / `parseType` for a whole source text.
std::optional<ast::Value> parseValue(const QString &source, GraphQLError *error = nullptr, bool isConst = false);
std::optional<ast::Type> parseType(const QString &source, GraphQLError *error = nullptr);

} // namespace refract::graphql
