#pragma once

#include "ast.h"
#include "schema.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace refract::graphql {

/// What sits at a cursor position in a GraphQL document that is being typed: the engine of editor
/// completion and hover. Computed by positionContext() from text that may be incomplete or wrong
/// anywhere; it never throws and never fails (unknown parts just leave the pointers null).
///
/// Usage (editor completion):
/// @code
///   const CompletionContext c = positionContext(schema, editorText, cursorOffset);
///   switch (c.kind) {
///   case CompletionContext::Kind::Field:        // offer c.parentType->fields (+ __typename), `...`
///   case CompletionContext::Kind::Argument:     // offer (c.field ? c.field->arguments : c.directive->arguments)
///                                               // minus c.siblingNames
///   case CompletionContext::Kind::Value:        // c.inputType: enum values, true/false, `$`, `{`, `[` …
///   case CompletionContext::Kind::ObjectField:  // c.inputType->inputFields minus c.siblingNames
///   case CompletionContext::Kind::Variable:     // c.variables (compare with c.expectedType)
///   case CompletionContext::Kind::Directive:    // schema.directives() whose locations hold c.directiveLocation
///   case CompletionContext::Kind::FragmentSpread: // c.fragments applicable to c.parentType, and `on`
///   case CompletionContext::Kind::TypeCondition:  // composite types (possible types of c.parentType)
///   case CompletionContext::Kind::VariableType:   // input types
///   case CompletionContext::Kind::Definition:     // `query`, `mutation`, `subscription`, `fragment`, `{`
///   default: break;                               // None / Name: nothing to offer
///   }
///   // Replace text [c.replaceStart, c.replaceEnd) with the chosen item; c.prefix filters the list.
/// @endcode
/// All pointers point into `schema` (or into the built-in introspection model for `__Schema`, `__type`
/// and friends) and stay valid as long as the schema is not modified.
struct CompletionContext
{
    enum class Kind {
        None,           ///< in a comment, in type-system text, or where nothing can be suggested
        Definition,     ///< where a top-level definition starts
        Name,           ///< a name being declared (operation, fragment, variable): nothing to suggest
        Field,          ///< a field or alias in a selection set of `parentType`
        Argument,       ///< an argument name of `field` (or of `directive` when `field` is null)
        Value,          ///< a value of type `expectedType` (argument, list item, input field, variable default)
        ObjectField,    ///< a field name of the input object `inputType`
        Variable,       ///< a variable name after `$` in a value of type `expectedType`
        VariableType,   ///< the type of a variable definition
        Directive,      ///< a directive name after `@` at `directiveLocation`
        FragmentSpread, ///< after `...`: a fragment name or `on`
        TypeCondition,  ///< a type after `on` (inline fragment: `parentType` is the enclosing type)
    };

    struct Variable
    {
        QString name;   ///< without `$`
        TypeRef type;
        bool hasDefault = false;
    };
    struct Fragment
    {
        QString name;
        QString typeCondition;
    };

    Kind kind = Kind::None;
    /// The part of the name (or number) before the cursor; for a string value, its text before the cursor.
    QString prefix;
    /// The whole token under the cursor (UTF-16 offsets, end exclusive); empty at the cursor in whitespace.
    qsizetype replaceStart = 0;
    qsizetype replaceEnd = 0;
    bool inString = false; ///< Value: the cursor is inside a string literal

    bool inOperation = false;   ///< inside an operation (not a fragment definition)
    ast::OperationType operation = ast::OperationType::Query;

    /// Field, FragmentSpread, TypeCondition: the composite type of the selection set; Argument/Value of a
    /// field argument: the type declaring `field`.
    const NamedType *parentType = nullptr;
    /// Field: the field whose name is under the cursor (if it exists); Argument/Value: the field.
    const Field *field = nullptr;
    /// Argument/Value inside directive arguments: the directive.
    const DirectiveDefinition *directive = nullptr;
    /// Argument: the argument under the cursor (if complete); Value/Variable: the argument or input field
    /// whose value is being written (null for variable defaults and list items of unknown type).
    const InputValue *argument = nullptr;
    /// Value, Variable, ObjectField: the input type expected here, wrappers included.
    TypeRef expectedType;
    /// The named type of expectedType (ObjectField: the input object); null if unknown.
    const NamedType *inputType = nullptr;
    /// Directive: `QUERY`, `MUTATION`, `SUBSCRIPTION`, `FIELD`, `FRAGMENT_DEFINITION`, `FRAGMENT_SPREAD`,
    /// `INLINE_FRAGMENT` or `VARIABLE_DEFINITION`.
    QString directiveLocation;
    /// Argument, ObjectField: names already written in the same argument list / object (before and after
    /// the cursor), so completion can leave them out.
    QStringList siblingNames;
    /// Field names from the operation root to the selection set at the cursor (aliases not applied).
    QStringList fieldPath;
    /// Variables defined by the enclosing operation before the cursor.
    QList<Variable> variables;
    /// Every fragment definition of the document (also those after the cursor).
    QList<Fragment> fragments;
};

/// What is at `offset` (UTF-16 code units) in `text`. Never throws, whatever the text.
CompletionContext positionContext(const Schema &schema, const QString &text, qsizetype offset);
/// Same, for a 1-based line and column (UTF-16 code units, as ast::Location counts them).
CompletionContext positionContext(const Schema &schema, const QString &text, int line, int column);

/// The offset of a 1-based line and column (lines end at \n, \r\n or \r); clamped to the text.
qsizetype offsetOf(const QString &text, int line, int column);

} // namespace refract::graphql
