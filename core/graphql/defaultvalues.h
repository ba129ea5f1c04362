#pragma once

#include "ast.h"
#include "jsvalue.h"
#include "schema.h"

#include <functional>
#include <optional>
#include <vector>

// Internal to the language core: default values the way graphql-js's buildASTSchema / buildClientSchema
// normalise them (coerced with valueFromAST, printed back with astFromValue), for the schema builders.
namespace refract::graphql::detail {

/// The input fields with a written default of one input object type (nodes by field index).
struct InputFieldDefaults
{
    qsizetype type = 0; ///< index in the schema's types
    std::vector<const ast::InputValueDefinition *> nodes;
    std::vector<std::optional<JsValue>> memo;
    std::vector<qsizetype> general; ///< fields whose default is left to printInputFields (the others are printed)
};

/// The value names of an enum: a built type's, or a definition's and its extensions'.
struct EnumNames
{
    const NamedType *type = nullptr;
    const ast::Definition *def = nullptr;
    const std::vector<const ast::Definition *> *extensions = nullptr;

    bool contains(const QString &name) const;
};

struct PendingDefaults; // pendingdefaults.h

/// The argument and input field defaults buildClientSchema's direct reader (introspectiondirect.cpp)
/// collects while it reads, coerced and printed once every type is known.
struct IntrospectionDefaults
{
    /// A default value of an argument or input field.
    struct Record
    {
        qint32 type;   ///< index in the type list (for a directive argument: the directive's index)
        qint32 field;  ///< the field of an argument; -1 for an input field
        qint32 member; ///< index of the argument / input field
        quint32 value; ///< index in `values`
        quint32 named; ///< the reader's names entry of the value's named type
        quint64 wrappers = 0;         ///< the type's wrappers, packedWrappers()
        InputValue *target = nullptr; ///< where the default goes (its list's storage does not move)
    };
    /// The type a names entry stands for, or null.
    using NamedTypeOf = std::function<const NamedType *(quint32 named)>;

    /// Bits 0..5 count the wrappers, then one bit per List; all bits set when there are too many.
    static quint64 packedWrappers(const TypeWrappers &w);
    /// buildSchema's route: every default pended for completeSchema, coerced on the whole schema in
    /// its order (`types`: the schema's types, indexed by Record::type).
    void pendAll(const std::vector<NamedType> &types, PendingDefaults &pending) const;
    /// When no default has an input object type, a default's coerced and printed form depends only on
    /// its text, its type reference and the named type: each distinct (text, type) is coerced once, as
    /// buildSchema would, and printed into every record's target. False: take pendAll.
    bool coerceDistinct(Schema &schema, const NamedTypeOf &namedTypeOf);

    std::vector<Record> records;          ///< arguments of fields and input fields, in reading order
    std::vector<Record> directiveRecords; ///< directive arguments (`type`: the directive's index)
    std::vector<ast::Value> values;       ///< the distinct default texts, parsed
};

/// valueFromAST / astFromValue against one schema, with graphql-js's memoised input field defaults.
class DefaultValues
{
public:
    using Lookup = std::function<const NamedType *(const QString &)>;

    /// The schema the values are coerced against; `lookup` (optional) finds its types by name faster
    /// than Schema::type.
    void setSchema(Schema *schema, Lookup lookup = {});
    Schema *schema() const { return m_schema; }
    /// In schema order (the memo and its recursion limit make the order matter).
    std::vector<InputFieldDefaults> &inputDefaults() { return m_inputDefaults; }

    /// print(astFromValue(valueFromAST(node, type), type)); nullopt when astFromValue gives null.
    std::optional<QString> printDefault(const ast::Value &node, const TypeRef &type);
    /// Prints the defaults of inputDefaults()'s `general` fields into the schema.
    void printInputFields();
    /// The coerced default of input field `field` (graphql-js `field.defaultValue`), memoised; undefined if none.
    JsValue inputFieldDefault(InputFieldDefaults &d, qsizetype field);
    /// graphql-js valueFromAST(node, type) for a const value.
    JsValue coerce(const ast::Value &node, const TypeRef &type, size_t wrapper = 0);
    /// graphql-js print(astFromValue(value, type)); nullopt when astFromValue gives null.
    std::optional<QString> printValue(const JsValue &v, const TypeRef &type, size_t wrapper = 0);

    /// The defaults of generated APIs (`first: Int = 10`, `orderBy: [XOrder!] = [ID_ASC]`) printed
    /// directly; false leaves anything else (and anything invalid) to the general path.
    bool printSimple(const ast::Value &node, const TypeRef &type, std::optional<QString> &out) const;
    /// The common `Int = 10` / `Int! = 10` default without the JsValue round trip: an Int literal in
    /// range prints as written (GraphQL integer literals have no leading zeros or plus sign), except
    /// -0, which JavaScript prints as 0. Returns false to leave other cases to the general path.
    static bool printInt(const ast::Value &node, const TypeRef &type, std::optional<QString> &out);
    /// An enum value, or a list of them, of an enum type `E`, `E!`, `[E]`, `[E!]`, `[E]!` or `[E!]!`:
    /// valueFromAST keeps known names (a single one becomes a one-item list for a list type) and
    /// astFromValue prints them back as written. `lookup(name)` gives the enum's names, or nullopt if
    /// `name` is not an enum type.
    template<typename NamesOf>
    static bool printEnum(const ast::Value &node, const TypeRef &type, std::optional<QString> &out, NamesOf lookup);

private:
    const NamedType *schemaType(const QString &name) const { return m_lookup ? m_lookup(name) : m_schema->type(name); }
    InputFieldDefaults *inputDefaultsOf(qsizetype typeIndex);
    static JsValue untyped(const ast::Value &node);

    Schema *m_schema = nullptr;
    Lookup m_lookup;
    std::vector<InputFieldDefaults> m_inputDefaults;
    std::vector<qsizetype> m_inputDefaultsByType;
    int m_inProgress = 0;
};

template<typename NamesOf>
bool DefaultValues::printEnum(const ast::Value &node, const TypeRef &type, std::optional<QString> &out, NamesOf lookup)
{
    using ast::Value;
    if (node.kind != Value::Kind::Enum && node.kind != Value::Kind::List)
        return false;
    const TypeWrappers &ws = type.wrappers;
    size_t w = 0;
    if (w < ws.size() && ws[w] == TypeWrapper::NonNull)
        ++w;
    const bool list = w < ws.size() && ws[w] == TypeWrapper::List;
    if (list && ++w < ws.size() && ws[w] == TypeWrapper::NonNull)
        ++w;
    if (w != ws.size() || (node.kind == Value::Kind::List && !list) || Schema::isBuiltInScalar(type.name))
        return false;
    const std::optional<EnumNames> names = lookup(type.name);
    if (!names)
        return false;
    const auto known = [&names](const Value &v) { return v.kind == Value::Kind::Enum && names->contains(v.value); };
    if (node.kind == Value::Kind::Enum) {
        if (!known(node))
            return false;
        out = list ? QLatin1Char('[') + node.value + QLatin1Char(']') : node.value;
        return true;
    }
    QString printed(QLatin1Char('['));
    for (const Value &item : node.list) {
        if (!known(item))
            return false;
        if (printed.size() > 1)
            printed += QLatin1String(", ");
        printed += item.value;
    }
    printed += QLatin1Char(']');
    out = std::move(printed);
    return true;
}

} // namespace refract::graphql::detail
