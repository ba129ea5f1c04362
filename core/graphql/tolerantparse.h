#pragma once

#include "ast.h"
#include "graphqlerror.h"
#include "parser.h"

#include <QList>

namespace refract::graphql {

struct TolerantParseResult
{
    ast::Document document;     ///< every definition that parses, with locations in the whole text
    QList<GraphQLError> errors; ///< one syntax error per definition left out, graphql-js's text
};

/// For the editor: parses text that may be incomplete or wrong in places. Never throws and always gives
/// a document: a definition with a syntax error is left out (its error is listed) and the others are kept,
/// so outline, fragment lookup and validation of the intact operations keep working while the user types.
/// A text that parses as a whole gives exactly what parse() gives.
TolerantParseResult parseTolerant(const QString &text, const ParseOptions &options = {});

} // namespace refract::graphql
