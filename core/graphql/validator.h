#pragma once

#include "ast.h"
#include "graphqlerror.h"
#include "schema.h"

#include <QList>

#include <memory>

namespace refract::graphql {

namespace validation {
class SchemaIndex;
}

struct ValidationOptions
{
    /// graphql-js `maxErrors`: past this many errors validation stops with "Too many validation errors,
    /// error limit reached. Validation aborted."
    int maxErrors = 100;
    /// graphql-js `hideSuggestions`: leave out the "Did you mean …?" parts.
    bool hideSuggestions = false;
};

/// Validates documents against one schema. Construction indexes the schema once (what graphql-js keeps
/// on its GraphQLSchema object); `validate` is then cheap and may run on several threads at once.
/// The schema must outlive the Validator.
class Validator
{
public:
    explicit Validator(const Schema &schema);
    ~Validator();
    Validator(Validator &&) noexcept;
    Validator &operator=(Validator &&) noexcept;

    QList<GraphQLError> validate(const ast::Document &document, const ValidationOptions &options = {}) const;

private:
    std::unique_ptr<validation::SchemaIndex> m_index;
};

/// graphql-js 16.15 `validate(schema, document)` with its `specifiedRules`: the errors, their messages,
/// locations and order are those graphql-js reports. An empty list means the document is valid.
/// The schema is assumed valid (graphql-js would throw on an invalid one). Never throws.
QList<GraphQLError> validate(const Schema &schema, const ast::Document &document, const ValidationOptions &options = {});

} // namespace refract::graphql
