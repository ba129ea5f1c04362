#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace refract::graphql {

/// The kinds of named types of the GraphQL type system (spec §3.4).
enum class TypeKind { Scalar, Object, Interface, Union, Enum, InputObject };

/// A reference to a type as written in SDL: a named type inside zero or more List / NonNull wrappers.
/// Kept flat (name + wrappers) because it is copied into every field and argument of large schemas.
struct TypeRef
{
    enum class Wrapper : quint8 { List, NonNull };

    QString name;                  ///< innermost named type
    std::vector<Wrapper> wrappers; ///< outermost first: `[A!]!` is {NonNull, List, NonNull}

    static TypeRef named(const QString &n) { return TypeRef{n, {}}; }
    TypeRef nonNull() const;   ///< wraps in NonNull unless already non-null
    TypeRef list() const;      ///< wraps in List
    TypeRef nullable() const;  ///< drops an outermost NonNull
    bool isNonNull() const { return !wrappers.empty() && wrappers.front() == Wrapper::NonNull; }
    bool isList() const;       ///< a list at any depth
    QString toString() const;  ///< SDL spelling: `[A!]!`
    /// Parses the SDL spelling; returns an empty name on malformed text.
    static TypeRef parse(const QString &text);

    bool operator==(const TypeRef &) const = default;
};

/// A directive applied in SDL (`@aws_subscribe(mutations: ["a"])`). Argument values are GraphQL
/// value literals as graphql-js `print` would write them.
struct AppliedDirective
{
    QString name;
    QList<QPair<QString, QString>> arguments;
};

/// An argument or an input-object field.
struct InputValue
{
    QString name;
    std::optional<QString> description;
    TypeRef type;
    /// The default as a GraphQL value literal in graphql-js `print` form (`[PRIMARY_KEY_ASC]`, `"…"`, `10`).
    std::optional<QString> defaultValue;
    std::optional<QString> deprecationReason;
    QList<AppliedDirective> directives;
};

struct Field
{
    QString name;
    std::optional<QString> description;
    QList<InputValue> arguments;
    TypeRef type;
    std::optional<QString> deprecationReason;
    QList<AppliedDirective> directives;
};

struct EnumValue
{
    QString name;
    std::optional<QString> description;
    std::optional<QString> deprecationReason;
    QList<AppliedDirective> directives;
};

/// One named type. Which members are meaningful depends on `kind`.
struct NamedType
{
    TypeKind kind = TypeKind::Scalar;
    QString name;
    std::optional<QString> description;
    QList<Field> fields;            ///< Object, Interface
    QStringList interfaces;         ///< Object, Interface
    QStringList possibleTypes;      ///< Union members
    QList<EnumValue> enumValues;    ///< Enum
    QList<InputValue> inputFields;  ///< InputObject
    std::optional<QString> specifiedByUrl; ///< Scalar
    QList<AppliedDirective> directives;
    bool isOneOf = false; ///< InputObject: `@oneOf` (graphql-js 16 prints it)

    const Field *field(const QString &n) const;
    Field *field(const QString &n);
    const InputValue *inputField(const QString &n) const;
};

struct DirectiveDefinition
{
    QString name;
    std::optional<QString> description;
    QList<InputValue> arguments;
    bool repeatable = false;
    QStringList locations; ///< `FIELD_DEFINITION`, `QUERY`, … in declaration order
    std::optional<QString> deprecationReason; ///< graphql-js 16.15 allows @deprecated on directives
};

/// A GraphQL schema: the one model that validation, completion, the docs pane, diagrams, printing,
/// introspection and the exporters share. Types keep their insertion order (graphql-js prints in
/// that order unless sorted); lookup by name is O(1).
class Schema
{
public:
    Schema();

    /// Adds a type; returns a pointer that stays valid until the next addType. Replaces a type of
    /// the same name in place (so a generator can refine a type it created earlier).
    NamedType *addType(NamedType type);
    const NamedType *type(const QString &name) const;
    NamedType *type(const QString &name);
    const std::vector<NamedType> &types() const { return m_types; }
    std::vector<NamedType> &types() { return m_types; }
    bool removeType(const QString &name);

    /// The built-in scalars (Int, Float, String, Boolean, ID) and directives (@include, @skip,
    /// @deprecated, @specifiedBy) as graphql-js defines them, descriptions included.
    static bool isBuiltInScalar(const QString &name);
    static bool isBuiltInDirective(const QString &name);
    static bool isIntrospectionType(const QString &name);
    /// Adds the five built-in scalars if absent (graphql-js schemas always contain the used ones).
    void addBuiltInScalars();
    /// Adds the four specified directives if absent.
    void addBuiltInDirectives();

    QString queryTypeName() const { return m_query; }
    QString mutationTypeName() const { return m_mutation; }
    QString subscriptionTypeName() const { return m_subscription; }
    void setQueryTypeName(const QString &n) { m_query = n; }
    void setMutationTypeName(const QString &n) { m_mutation = n; }
    void setSubscriptionTypeName(const QString &n) { m_subscription = n; }

    std::optional<QString> description;

    QList<DirectiveDefinition> &directives() { return m_directives; }
    const QList<DirectiveDefinition> &directives() const { return m_directives; }
    const DirectiveDefinition *directive(const QString &name) const;

    /// Rebuilds the name index after the type vector was changed directly (sorting, bulk edits).
    void reindex();
    /// graphql-js `lexicographicSortSchema`: types, fields, arguments, enum values, input fields,
    /// interfaces, union members and directives sorted by name, in the order graphql-js uses.
    void sortLexicographically();

private:
    std::vector<NamedType> m_types;
    QHash<QString, qsizetype> m_index;
    QList<DirectiveDefinition> m_directives;
    QString m_query;
    QString m_mutation;
    QString m_subscription;
};

} // namespace refract::graphql
