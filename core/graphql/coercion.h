#pragma once

#include "ast.h"
#include "graphqlerror.h"
#include "jsvalue.h"
#include "schema.h"

#include <QList>

#include <functional>

namespace refract::graphql {

/// One step of a path inside an input value (graphql-js `Path`): a list index or an object key.
struct InputPathElement
{
    QString key;    ///< set for object fields
    int index = -1; ///< >= 0 for list items
};

/// graphql-js `coerceInputValue(value, type, onError)`: a JSON input (a variable value) coerced to an
/// input type: lists accept single values, input objects get their defaults, enums their names, built-in
/// scalars are checked (Int range, Float finiteness, ID from integers) and custom scalars pass as they
/// are. Each problem is reported to `onError` with the path, the offending value and graphql-js's text.
using InputErrorHandler = std::function<void(const std::vector<InputPathElement> &path, const JsValue &invalid, const QString &message)>;
JsValue coerceInputValue(const Schema &schema, const JsValue &value, const TypeRef &type, const InputErrorHandler &onError,
                         bool hideSuggestions = false);

/// graphql-js `valueFromAST(node, type, variables)`: undefined when the literal is invalid.
JsValue valueFromAst(const Schema &schema, const ast::Value &node, const TypeRef &type, const JsValue *variables = nullptr);

/// graphql-js `valueFromASTUntyped` (what a custom scalar's parseLiteral gives).
JsValue valueFromAstUntyped(const ast::Value &node, const JsValue *variables = nullptr);

/// The coerced default of an argument or input field (graphql-js `defaultValue`), undefined if none.
JsValue defaultValueOf(const Schema &schema, const InputValue &value);

struct VariableValuesResult
{
    JsValue coerced; ///< an object, one member per variable that has a value (given or default)
    QList<GraphQLError> errors;
};

/// graphql-js `getVariableValues(schema, operation.variableDefinitions, inputs, {maxErrors})`: the
/// variables of an operation coerced from the request's JSON (`inputs` an object, or undefined/null for
/// none). Errors carry graphql-js's messages (`Variable "$x" got invalid value …`) and the location of
/// the variable definition; past `maxErrors` the list ends with graphql-js's "Too many errors" error.
VariableValuesResult coerceVariableValues(const Schema &schema, const ast::Definition &operation, const JsValue &inputs,
                                          int maxErrors = 50, bool hideSuggestions = false);

/// graphql-js `getArgumentValues(def, node, variableValues)`: the arguments of a field or directive
/// with defaults applied. On an error (missing required argument, null for a non-null one, an invalid
/// literal) returns undefined and fills `error`.
JsValue argumentValues(const Schema &schema, const QList<InputValue> &definitions, const std::vector<ast::Argument> &arguments,
                       const ast::Location &node, const JsValue &variables, GraphQLError *error);

} // namespace refract::graphql
