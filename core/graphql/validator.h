#pragma once

#include "ast.h"
#include "graphqlerror.h"
#include "schema.h"

#include <QList>

namespace refract::graphql {

struct ValidationOptions
{
    /// graphql-js `maxErrors`: past this many errors validation stops with "Too many validation errors,
    /// error limit reached. Validation aborted."
    int maxErrors = 100;
    /// graphql-js `hideSuggestions`: leave out the "Did you mean …?" parts.
    bool hideSuggestions = false;
};

/// graphql-js 16.15 `validate(schema, document)` with its `specifiedRules`: the errors, their messages,
/// locations and order are those graphql-js reports. An empty list means the document is valid.
/// The schema is assumed valid (graphql-js would throw on an invalid one). Never throws.
QList<GraphQLError> validate(const Schema &schema, const ast::Document &document, const ValidationOptions &options = {});

} // namespace refract::graphql
