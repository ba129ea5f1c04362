#pragma once

#include <QString>

#include <memory>
#include <optional>
#include <vector>

// The GraphQL abstract syntax tree, shaped after graphql-js 16 (language/ast.ts) but flattened where
// that keeps consumers simple: every definition kind is one `Definition` with the members its kind uses,
// every selection kind one `Selection`. Locations count UTF-16 code units, as graphql-js does.
namespace refract::graphql::ast {

/// Where a node starts and ends in the source. `line`/`column` are 1-based and are those of the node's
/// first token; `start`/`end` are offsets in UTF-16 code units (graphql-js `loc.start`/`loc.end`).
struct Location
{
    int line = 0;
    int column = 0;
    qsizetype start = 0;
    qsizetype end = 0;
};

struct Name
{
    QString value;
    Location loc;
};

enum class OperationType { Query, Mutation, Subscription };
QString operationTypeName(OperationType t);

struct ObjectField;

/// A value literal. `value` holds the source text of Int/Float, the decoded text of String, the name of
/// an Enum value or a Variable.
struct Value
{
    enum class Kind { Variable, Int, Float, String, Boolean, Null, Enum, List, Object };
    Kind kind = Kind::Null;
    QString value;
    bool block = false;   ///< String: written as a block string
    bool boolean = false; ///< Boolean
    std::vector<Value> list;
    std::vector<ObjectField> fields;
    Location loc;
};

struct ObjectField
{
    Name name;
    Value value;
    Location loc;
};

/// A type reference: Named (`name`), List or NonNull (`ofType`).
struct Type
{
    enum class Kind { Named, List, NonNull };
    Kind kind = Kind::Named;
    Name name;
    std::unique_ptr<Type> ofType;
    Location loc;

    QString toString() const; ///< `[A!]!`
};

struct Argument
{
    Name name;
    Value value;
    Location loc;
};

struct Directive
{
    Name name;
    std::vector<Argument> arguments;
    Location loc;
};

struct Selection;

struct SelectionSet
{
    std::vector<Selection> selections;
    Location loc;
};

struct Selection
{
    enum class Kind { Field, FragmentSpread, InlineFragment };
    Kind kind = Kind::Field;
    std::optional<Name> alias;        ///< Field
    Name name;                        ///< Field, FragmentSpread
    std::vector<Argument> arguments;  ///< Field
    std::optional<Name> typeCondition; ///< InlineFragment
    std::vector<Directive> directives;
    std::optional<SelectionSet> selectionSet; ///< Field (optional), InlineFragment
    Location loc;
};

struct VariableDefinition
{
    std::optional<Value> description; ///< graphql-js 16.15 allows descriptions on executable definitions
    Name variable;                    ///< the name without `$`; `variableLoc` covers `$name`
    Location variableLoc;
    Type type;
    std::optional<Value> defaultValue;
    std::vector<Directive> directives;
    Location loc;
};

struct InputValueDefinition
{
    std::optional<Value> description;
    Name name;
    Type type;
    std::optional<Value> defaultValue;
    std::vector<Directive> directives;
    Location loc;
};

struct FieldDefinition
{
    std::optional<Value> description;
    Name name;
    std::vector<InputValueDefinition> arguments;
    Type type;
    std::vector<Directive> directives;
    Location loc;
};

struct EnumValueDefinition
{
    std::optional<Value> description;
    Name name;
    std::vector<Directive> directives;
    Location loc;
};

struct OperationTypeDefinition
{
    OperationType operation = OperationType::Query;
    Name type;
    Location loc;
};

/// One top-level definition. Which members are meaningful depends on `kind`.
struct Definition
{
    enum class Kind {
        Operation, Fragment,
        Schema, Scalar, Object, Interface, Union, Enum, InputObject, Directive,
        SchemaExtension, ScalarExtension, ObjectExtension, InterfaceExtension, UnionExtension, EnumExtension,
        InputObjectExtension, DirectiveExtension,
    };
    Kind kind = Kind::Operation;
    std::optional<Value> description;
    OperationType operation = OperationType::Query;        ///< Operation
    std::optional<Name> name;                              ///< absent for anonymous operations and schema
    std::vector<VariableDefinition> variableDefinitions;   ///< Operation, Fragment (legacy variables)
    std::optional<Name> typeCondition;                     ///< Fragment
    std::vector<Directive> directives;
    std::optional<SelectionSet> selectionSet;              ///< Operation, Fragment
    std::vector<OperationTypeDefinition> operationTypes;   ///< Schema, SchemaExtension
    std::vector<Name> interfaces;                          ///< Object, Interface (+ extensions)
    std::vector<FieldDefinition> fields;                   ///< Object, Interface (+ extensions)
    std::vector<Name> types;                               ///< Union members
    std::vector<EnumValueDefinition> values;               ///< Enum
    std::vector<InputValueDefinition> inputFields;         ///< InputObject
    std::vector<InputValueDefinition> arguments;           ///< Directive
    bool repeatable = false;                               ///< Directive
    std::vector<Name> locations;                           ///< Directive
    Location loc;

    bool isExecutable() const { return kind == Kind::Operation || kind == Kind::Fragment; }
    bool isExtension() const { return kind >= Kind::SchemaExtension; }
};

struct Document
{
    std::vector<Definition> definitions;
    Location loc;
    int tokenCount = 0; ///< graphql-js `document.tokenCount`
};

} // namespace refract::graphql::ast
