#pragma once

#include "ast.h"
#include "graphqlerror.h"
#include "schema.h"

#include <QByteArray>
#include <QHash>

#include <memory>
#include <optional>
#include <vector>

// Internal to the language core: lets buildClientSchema's direct reader (introspectionreader.cpp) build a
// Schema without an AST and still normalise default values and add the specified directives and scalars
// with the very code buildSchema uses.
namespace refract::graphql::detail {

/// Default values read but not yet coerced: they need the whole schema.
struct PendingDefaults
{
    /// A field with at least one argument default: schema.type(type)->fields[field]; `node.arguments`
    /// lists the field's arguments by name with their parsed defaults.
    struct FieldArgs
    {
        QString type;
        qsizetype field = 0;
        ast::FieldDefinition node;
    };
    /// An argument default of schema.directives()[directive].arguments[argument].
    struct DirectiveArg
    {
        qsizetype directive = 0;
        qsizetype argument = 0;
        ast::Value value;
    };
    std::vector<FieldArgs> fieldArgs;
    /// Input fields with a default, keyed "Type.field" (the definitions live in `inputFieldStore`).
    QHash<QString, const ast::InputValueDefinition *> inputFields;
    std::vector<std::unique_ptr<ast::InputValueDefinition>> inputFieldStore;
    std::vector<DirectiveArg> directiveArgs;
};

/// What buildSchema does once the types and the document's directives are in `schema`: coerces and
/// prints the pending defaults, adds the specified directives (and @oneOf) and the built-in scalars.
void completeSchema(Schema &schema, PendingDefaults &pending);

/// buildClientSchema the way it was before the direct reader (JSON → AST → buildSchema); the direct
/// reader falls back to it on anything unusual. Tests compare the two.
std::optional<Schema> buildClientSchemaViaAst(const QByteArray &json, GraphQLError *error = nullptr);

} // namespace refract::graphql::detail
