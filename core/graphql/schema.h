#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <cstring>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <vector>

namespace refract::graphql {

/// A List or NonNull wrapper of a TypeRef.
enum class TypeWrapper : quint8 { List, NonNull };

/// The wrappers of a TypeRef, outermost first, with the part of std::vector's interface the code
/// uses. Up to seven live inline in 8 bytes; deeper nesting (legal, rare) goes to a heap vector.
/// A std::vector here was 24 bytes in every field and argument plus an allocation for each wrapped
/// one: about 9 MB of the schema of 3,000 tables. Iterators are pointers into the TypeRef itself,
/// so they stay valid as long as the TypeRef is not moved (as for the schema's own TypeRefs).
class TypeWrappers
{
public:
    using value_type = TypeWrapper;
    using size_type = std::size_t;
    using iterator = TypeWrapper *;
    using const_iterator = const TypeWrapper *;
    using reverse_iterator = std::reverse_iterator<iterator>;
    using const_reverse_iterator = std::reverse_iterator<const_iterator>;

    TypeWrappers() noexcept { setInlineSize(0); }
    TypeWrappers(std::initializer_list<TypeWrapper> items) : TypeWrappers() { assign(items.begin(), items.size()); }
    TypeWrappers(const TypeWrappers &o) : TypeWrappers() { assign(o.data(), o.size()); }
    TypeWrappers(TypeWrappers &&o) noexcept
    {
        std::memcpy(m_items, o.m_items, sizeof m_items);
        o.setInlineSize(0);
    }
    TypeWrappers &operator=(const TypeWrappers &o)
    {
        if (this != &o)
            assign(o.data(), o.size());
        return *this;
    }
    TypeWrappers &operator=(TypeWrappers &&o) noexcept
    {
        if (this != &o) {
            release();
            std::memcpy(m_items, o.m_items, sizeof m_items);
            o.setInlineSize(0);
        }
        return *this;
    }
    ~TypeWrappers() { release(); }

    size_type size() const noexcept { return isInline() ? size_type(quint8(m_items[0]) >> 1) : heap()->size(); }
    bool empty() const noexcept { return size() == 0; }
    const TypeWrapper *data() const noexcept { return isInline() ? m_items + 1 : heap()->data(); }
    TypeWrapper *data() noexcept { return isInline() ? m_items + 1 : heap()->data(); }
    const_iterator begin() const noexcept { return data(); }
    const_iterator end() const noexcept { return data() + size(); }
    iterator begin() noexcept { return data(); }
    iterator end() noexcept { return data() + size(); }
    const_iterator cbegin() const noexcept { return begin(); }
    const_iterator cend() const noexcept { return end(); }
    const_reverse_iterator rbegin() const noexcept { return const_reverse_iterator(end()); }
    const_reverse_iterator rend() const noexcept { return const_reverse_iterator(begin()); }
    reverse_iterator rbegin() noexcept { return reverse_iterator(end()); }
    reverse_iterator rend() noexcept { return reverse_iterator(begin()); }
    TypeWrapper front() const { return *begin(); }
    TypeWrapper back() const { return end()[-1]; }
    TypeWrapper operator[](size_type i) const { return data()[i]; }
    TypeWrapper &operator[](size_type i) { return data()[i]; }

    void push_back(TypeWrapper w) { insert(end(), w); }
    iterator insert(const_iterator pos, TypeWrapper w);
    iterator erase(const_iterator pos);
    void clear() noexcept
    {
        release();
        setInlineSize(0);
    }

    friend bool operator==(const TypeWrappers &a, const TypeWrappers &b)
    {
        const size_type n = a.size();
        return n == b.size() && std::memcmp(a.data(), b.data(), n) == 0;
    }

private:
    static_assert(sizeof(TypeWrapper) == 1);
    static_assert(Q_BYTE_ORDER == Q_LITTLE_ENDIAN, "the inline tag is the low byte of the heap pointer");
    static_assert(sizeof(std::vector<TypeWrapper> *) <= 8);
    static constexpr size_type kInline = 7;

    // m_items[0] is the tag: (size << 1) | 1 when inline (items in m_items[1..7]); otherwise the 8
    // bytes hold a pointer to a heap vector, whose low bit (alignment) is 0.
    bool isInline() const noexcept { return quint8(m_items[0]) & 1; }
    void setInlineSize(size_type n) noexcept
    {
        std::memset(m_items, 0, sizeof m_items);
        m_items[0] = TypeWrapper(quint8((n << 1) | 1));
    }
    std::vector<TypeWrapper> *heap() const noexcept
    {
        std::vector<TypeWrapper> *v;
        std::memcpy(&v, m_items, sizeof v);
        return v;
    }
    void release() noexcept
    {
        if (!isInline())
            delete heap();
    }
    void assign(const TypeWrapper *items, size_type n);

    alignas(8) TypeWrapper m_items[8];
};

/// The kinds of named types of the GraphQL type system (spec §3.4).
enum class TypeKind { Scalar, Object, Interface, Union, Enum, InputObject };

/// A reference to a type as written in SDL: a named type inside zero or more List / NonNull wrappers.
/// Kept flat (name + wrappers) because it is copied into every field and argument of large schemas.
struct TypeRef
{
    using Wrapper = TypeWrapper;

    QString name;          ///< innermost named type
    TypeWrappers wrappers; ///< outermost first: `[A!]!` is {NonNull, List, NonNull}

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
    /// Room for `count` types, for builders that know the count up front (SDL, introspection).
    void reserve(qsizetype count);
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
