#include "coercion.h"

#include "parser.h"
#include "printer.h"
#include "schemabuilder.h"
#include "validation/suggestions.h"

#include <cmath>

// Ports of graphql-js 16.15 utilities/coerceInputValue.js, utilities/valueFromAST.js,
// utilities/valueFromASTUntyped.js and execution/values.js, with the same messages.
namespace refract::graphql {

namespace {

using namespace ast;
using Wrapper = TypeRef::Wrapper;

/// A type inside a TypeRef: the wrappers from `depth` on.
struct TypeAt
{
    const TypeRef &ref;
    size_t depth;
    bool isNonNull() const { return depth < ref.wrappers.size() && ref.wrappers[depth] == Wrapper::NonNull; }
    bool isList() const { return depth < ref.wrappers.size() && ref.wrappers[depth] == Wrapper::List; }
    TypeAt inner() const { return TypeAt{ref, depth + 1}; }
    /// graphql-js `inspect(type)`: `[A!]!`.
    QString toString() const
    {
        QString s = ref.name;
        for (size_t i = ref.wrappers.size(); i-- > depth;)
            s = ref.wrappers[i] == Wrapper::List ? QLatin1Char('[') + s + QLatin1Char(']') : s + QLatin1Char('!');
        return s;
    }
};

enum class Builtin { None, Int, Float, String, Boolean, ID };

Builtin builtinOf(const QString &n)
{
    if (n.size() > 7)
        return Builtin::None;
    if (n == QLatin1String("Int"))
        return Builtin::Int;
    if (n == QLatin1String("Float"))
        return Builtin::Float;
    if (n == QLatin1String("String"))
        return Builtin::String;
    if (n == QLatin1String("Boolean"))
        return Builtin::Boolean;
    if (n == QLatin1String("ID"))
        return Builtin::ID;
    return Builtin::None;
}

bool isInteger(double d) { return std::isfinite(d) && std::trunc(d) == d; }

double parseJsFloat(const QString &s)
{
    const QByteArray b = s.toLatin1();
    return std::strtod(b.constData(), nullptr);
}

/// graphql-js `printPathArray`.
QString printPath(const std::vector<InputPathElement> &path)
{
    QString out;
    for (const InputPathElement &e : path)
        out += e.index >= 0 ? QStringLiteral("[%1]").arg(e.index) : QLatin1Char('.') + e.key;
    return out;
}

struct LeafResult
{
    JsValue value;  ///< undefined on failure
    QString error;  ///< graphql-js's message when parseValue throws
};

/// `type.parseValue(inputValue)` of a leaf type.
LeafResult parseLeafValue(const NamedType *t, const QString &name, const JsValue &v, bool hideSuggestions)
{
    using K = JsValue::Kind;
    switch (builtinOf(name)) {
    case Builtin::Int:
        if (v.kind != K::Number || !isInteger(v.number))
            return {{}, QLatin1String("Int cannot represent non-integer value: ") + v.inspect()};
        if (v.number > 2147483647.0 || v.number < -2147483648.0)
            return {{}, QLatin1String("Int cannot represent non 32-bit signed integer value: ") + jsNumberToString(v.number)};
        return {v, {}};
    case Builtin::Float:
        if (v.kind != K::Number || !std::isfinite(v.number))
            return {{}, QLatin1String("Float cannot represent non numeric value: ") + v.inspect()};
        return {v, {}};
    case Builtin::String:
        if (v.kind != K::String)
            return {{}, QLatin1String("String cannot represent a non string value: ") + v.inspect()};
        return {v, {}};
    case Builtin::Boolean:
        if (v.kind != K::Boolean)
            return {{}, QLatin1String("Boolean cannot represent a non boolean value: ") + v.inspect()};
        return {v, {}};
    case Builtin::ID:
        if (v.kind == K::String)
            return {v, {}};
        if (v.kind == K::Number && isInteger(v.number))
            return {JsValue::of(jsNumberToString(v.number)), {}};
        return {{}, QLatin1String("ID cannot represent value: ") + v.inspect()};
    case Builtin::None:
        break;
    }
    if (t && t->kind == TypeKind::Enum) {
        auto suggest = [&](const QString &input) {
            if (hideSuggestions)
                return QString();
            QStringList names;
            for (const EnumValue &e : t->enumValues)
                names.append(e.name);
            return validation::didYouMean(validation::suggestionList(input, names), QStringLiteral("the enum value"));
        };
        if (v.kind != K::String) {
            const QString valueStr = v.inspect();
            return {{}, QStringLiteral("Enum \"%1\" cannot represent non-string value: %2.").arg(t->name, valueStr) + suggest(valueStr)};
        }
        for (const EnumValue &e : t->enumValues)
            if (e.name == v.string)
                return {v, {}};
        return {{}, QStringLiteral("Value \"%1\" does not exist in \"%2\" enum.").arg(v.string, t->name) + suggest(v.string)};
    }
    return {v, {}}; // a custom scalar: parseValue is the identity
}

const NamedType *namedType(const Schema &schema, const QString &name)
{
    return schema.type(name);
}

class InputCoercer
{
public:
    InputCoercer(const Schema &schema, const InputErrorHandler &onError, bool hideSuggestions)
        : m_schema(schema), m_onError(onError), m_hide(hideSuggestions)
    {
    }

    JsValue coerce(const JsValue &input, TypeAt type)
    {
        if (type.isNonNull()) {
            if (!input.isNullish())
                return coerce(input, type.inner());
            m_onError(m_path, input, QStringLiteral("Expected non-nullable type \"%1\" not to be null.").arg(type.toString()));
            return {};
        }
        if (input.isNullish())
            return JsValue::null();
        if (type.isList()) {
            if (input.kind == JsValue::Kind::List) {
                JsValue out = JsValue::makeList();
                out.list.reserve(input.list.size());
                for (size_t i = 0; i < input.list.size(); ++i) {
                    m_path.push_back(InputPathElement{QString(), int(i)});
                    out.list.push_back(coerce(input.list[i], type.inner()));
                    m_path.pop_back();
                }
                return out;
            }
            JsValue out = JsValue::makeList();
            out.list.push_back(coerce(input, type.inner()));
            return out;
        }
        const QString &name = type.ref.name;
        const NamedType *t = builtinOf(name) == Builtin::None ? namedType(m_schema, name) : nullptr;
        if (t && t->kind == TypeKind::InputObject) {
            if (input.kind != JsValue::Kind::Object) {
                m_onError(m_path, input, QStringLiteral("Expected type \"%1\" to be an object.").arg(t->name));
                return {};
            }
            JsValue out = JsValue::makeObject();
            for (const InputValue &f : t->inputFields) {
                const JsValue *fieldValue = input.get(f.name);
                if (!fieldValue || fieldValue->isUndefined()) {
                    JsValue def = defaultValueOf(m_schema, f);
                    if (!def.isUndefined())
                        out.object.emplace_back(f.name, std::move(def));
                    else if (f.type.isNonNull())
                        m_onError(m_path, input, QStringLiteral("Field \"%1\" of required type \"%2\" was not provided.")
                                                      .arg(f.name, f.type.toString()));
                    continue;
                }
                m_path.push_back(InputPathElement{f.name, -1});
                out.object.emplace_back(f.name, coerce(*fieldValue, TypeAt{f.type, 0}));
                m_path.pop_back();
            }
            for (const auto &kv : input.object) {
                if (t->inputField(kv.first))
                    continue;
                QStringList names;
                if (!m_hide)
                    for (const InputValue &f : t->inputFields)
                        names.append(f.name);
                m_onError(m_path, input, QStringLiteral("Field \"%1\" is not defined by type \"%2\".").arg(kv.first, t->name)
                                             + validation::didYouMean(validation::suggestionList(kv.first, names)));
            }
            if (t->isOneOf) {
                if (out.object.size() != 1)
                    m_onError(m_path, input, QStringLiteral("Exactly one key must be specified for OneOf type \"%1\".").arg(t->name));
                if (!out.object.empty() && out.object.front().second.isNull()) {
                    m_path.push_back(InputPathElement{out.object.front().first, -1});
                    m_onError(m_path, JsValue::null(), QStringLiteral("Field \"%1\" must be non-null.").arg(out.object.front().first));
                    m_path.pop_back();
                }
            }
            // JavaScript orders integer-like keys first; input field names cannot look like integers.
            return out;
        }
        if (!t && builtinOf(name) == Builtin::None) {
            // Not an input type (validation catches this); nothing sensible to coerce to.
            m_onError(m_path, input, QStringLiteral("Expected type \"%1\".").arg(name));
            return {};
        }
        LeafResult r = parseLeafValue(t, name, input, m_hide);
        if (!r.error.isEmpty()) {
            m_onError(m_path, input, r.error);
            return {};
        }
        if (r.value.isUndefined())
            m_onError(m_path, input, QStringLiteral("Expected type \"%1\".").arg(name));
        return r.value;
    }

private:
    const Schema &m_schema;
    const InputErrorHandler &m_onError;
    bool m_hide;
    std::vector<InputPathElement> m_path;
};

bool isMissingVariable(const Value &node, const JsValue *variables)
{
    if (node.kind != Value::Kind::Variable)
        return false;
    if (!variables)
        return true;
    const JsValue *v = variables->get(node.value);
    return !v || v->isUndefined();
}

JsValue fromAst(const Schema &schema, const Value &node, TypeAt type, const JsValue *variables, int depth)
{
    const JsValue undefined;
    if (depth > 512)
        return undefined;
    if (node.kind == Value::Kind::Variable) {
        const JsValue *v = variables ? variables->get(node.value) : nullptr;
        if (!v || v->isUndefined())
            return undefined;
        if (v->isNull() && type.isNonNull())
            return undefined;
        return *v;
    }
    if (type.isNonNull()) {
        if (node.kind == Value::Kind::Null)
            return undefined;
        return fromAst(schema, node, type.inner(), variables, depth + 1);
    }
    if (node.kind == Value::Kind::Null)
        return JsValue::null();
    if (type.isList()) {
        const TypeAt item = type.inner();
        if (node.kind == Value::Kind::List) {
            JsValue out = JsValue::makeList();
            for (const Value &itemNode : node.list) {
                if (isMissingVariable(itemNode, variables)) {
                    if (item.isNonNull())
                        return undefined;
                    out.list.push_back(JsValue::null());
                    continue;
                }
                JsValue v = fromAst(schema, itemNode, item, variables, depth + 1);
                if (v.isUndefined())
                    return undefined;
                out.list.push_back(std::move(v));
            }
            return out;
        }
        JsValue v = fromAst(schema, node, item, variables, depth + 1);
        if (v.isUndefined())
            return undefined;
        JsValue out = JsValue::makeList();
        out.list.push_back(std::move(v));
        return out;
    }
    const QString &name = type.ref.name;
    const Builtin builtin = builtinOf(name);
    const NamedType *t = builtin == Builtin::None ? namedType(schema, name) : nullptr;
    if (t && t->kind == TypeKind::InputObject) {
        if (node.kind != Value::Kind::Object)
            return undefined;
        JsValue out = JsValue::makeObject();
        for (const InputValue &f : t->inputFields) {
            const ObjectField *fieldNode = nullptr;
            for (const ObjectField &of : node.fields) // keyMap: the last duplicate wins
                if (of.name.value == f.name)
                    fieldNode = &of;
            if (!fieldNode || isMissingVariable(fieldNode->value, variables)) {
                JsValue def = defaultValueOf(schema, f);
                if (!def.isUndefined())
                    out.object.emplace_back(f.name, std::move(def));
                else if (f.type.isNonNull())
                    return undefined;
                continue;
            }
            JsValue v = fromAst(schema, fieldNode->value, TypeAt{f.type, 0}, variables, depth + 1);
            if (v.isUndefined())
                return undefined;
            out.object.emplace_back(f.name, std::move(v));
        }
        if (t->isOneOf && (out.object.size() != 1 || out.object.front().second.isNull()))
            return undefined;
        return out;
    }
    // Leaf types: parseLiteral.
    switch (builtin) {
    case Builtin::Int: {
        if (node.kind != Value::Kind::Int)
            return undefined;
        const double d = parseJsFloat(node.value);
        if (d > 2147483647.0 || d < -2147483648.0)
            return undefined;
        return JsValue::of(d);
    }
    case Builtin::Float:
        if (node.kind != Value::Kind::Int && node.kind != Value::Kind::Float)
            return undefined;
        return JsValue::of(parseJsFloat(node.value));
    case Builtin::String:
        return node.kind == Value::Kind::String ? JsValue::of(node.value) : undefined;
    case Builtin::Boolean:
        return node.kind == Value::Kind::Boolean ? JsValue::of(node.boolean) : undefined;
    case Builtin::ID:
        return node.kind == Value::Kind::String || node.kind == Value::Kind::Int ? JsValue::of(node.value) : undefined;
    case Builtin::None:
        break;
    }
    if (!t)
        return undefined;
    if (t->kind == TypeKind::Enum) {
        if (node.kind != Value::Kind::Enum)
            return undefined;
        for (const EnumValue &e : t->enumValues)
            if (e.name == node.value)
                return JsValue::of(e.name);
        return undefined;
    }
    if (t->kind == TypeKind::Scalar)
        return valueFromAstUntyped(node, variables);
    return undefined;
}

} // namespace

JsValue coerceInputValue(const Schema &schema, const JsValue &value, const TypeRef &type, const InputErrorHandler &onError,
                         bool hideSuggestions)
{
    return InputCoercer(schema, onError, hideSuggestions).coerce(value, TypeAt{type, 0});
}

JsValue valueFromAst(const Schema &schema, const Value &node, const TypeRef &type, const JsValue *variables)
{
    return fromAst(schema, node, TypeAt{type, 0}, variables, 0);
}

JsValue valueFromAstUntyped(const Value &node, const JsValue *variables)
{
    switch (node.kind) {
    case Value::Kind::Null: return JsValue::null();
    case Value::Kind::Int: return JsValue::of(parseJsFloat(node.value));
    case Value::Kind::Float: return JsValue::of(parseJsFloat(node.value));
    case Value::Kind::String:
    case Value::Kind::Enum: return JsValue::of(node.value);
    case Value::Kind::Boolean: return JsValue::of(node.boolean);
    case Value::Kind::List: {
        JsValue l = JsValue::makeList();
        for (const Value &v : node.list)
            l.list.push_back(valueFromAstUntyped(v, variables));
        return l;
    }
    case Value::Kind::Object: {
        JsValue o = JsValue::makeObject();
        for (const ObjectField &f : node.fields)
            o.set(f.name.value, valueFromAstUntyped(f.value, variables));
        return o;
    }
    case Value::Kind::Variable: {
        const JsValue *v = variables ? variables->get(node.value) : nullptr;
        return v ? *v : JsValue();
    }
    }
    return JsValue();
}

JsValue defaultValueOf(const Schema &schema, const InputValue &value)
{
    if (!value.defaultValue)
        return {};
    const std::optional<Value> literal = parseValue(*value.defaultValue, nullptr, true);
    if (!literal)
        return {};
    return valueFromAst(schema, *literal, value.type, nullptr);
}

VariableValuesResult coerceVariableValues(const Schema &schema, const Definition &operation, const JsValue &inputs, int maxErrors,
                                          bool hideSuggestions)
{
    struct TooMany
    {
    };
    VariableValuesResult result;
    result.coerced = JsValue::makeObject();
    auto onError = [&](GraphQLError error) {
        if (maxErrors >= 0 && result.errors.size() >= maxErrors)
            throw TooMany{};
        result.errors.append(std::move(error));
    };
    auto at = [](const Location &loc) { return QList<SourceLocation>{SourceLocation{loc.line, loc.column}}; };
    try {
        for (const VariableDefinition &def : operation.variableDefinitions) {
            const QString &varName = def.variable.value;
            // typeFromAST: a TypeRef from the AST type.
            TypeRef varType;
            {
                const Type *t = &def.type;
                while (t->kind != Type::Kind::Named) {
                    varType.wrappers.push_back(t->kind == Type::Kind::List ? Wrapper::List : Wrapper::NonNull);
                    t = t->ofType.get();
                }
                varType.name = t->name.value;
            }
            const NamedType *named = builtinOf(varType.name) == Builtin::None ? schema.type(varType.name) : nullptr;
            const bool isInput = builtinOf(varType.name) != Builtin::None
                                 || (named && (named->kind == TypeKind::Scalar || named->kind == TypeKind::Enum
                                               || named->kind == TypeKind::InputObject));
            if (!isInput) {
                onError(GraphQLError{QStringLiteral("Variable \"$%1\" expected value of type \"%2\" which cannot be used as an input type.")
                                         .arg(varName, print(def.type)),
                                     at(def.type.loc)});
                continue;
            }
            const JsValue *given = inputs.kind == JsValue::Kind::Object ? inputs.get(varName) : nullptr;
            if (!given) {
                if (def.defaultValue)
                    result.coerced.set(varName, valueFromAst(schema, *def.defaultValue, varType, nullptr));
                else if (varType.isNonNull())
                    onError(GraphQLError{QStringLiteral("Variable \"$%1\" of required type \"%2\" was not provided.").arg(varName, varType.toString()),
                                         at(def.loc)});
                continue;
            }
            if (given->isNull() && varType.isNonNull()) {
                onError(GraphQLError{QStringLiteral("Variable \"$%1\" of non-null type \"%2\" must not be null.").arg(varName, varType.toString()),
                                     at(def.loc)});
                continue;
            }
            JsValue coerced = coerceInputValue(
                schema, *given, varType,
                [&](const std::vector<InputPathElement> &path, const JsValue &invalid, const QString &message) {
                    QString prefix = QStringLiteral("Variable \"$%1\" got invalid value ").arg(varName) + invalid.inspect();
                    if (!path.empty())
                        prefix += QStringLiteral(" at \"%1%2\"").arg(varName, printPath(path));
                    onError(GraphQLError{prefix + QLatin1String("; ") + message, at(def.loc)});
                },
                hideSuggestions);
            result.coerced.set(varName, std::move(coerced));
        }
    } catch (const TooMany &) {
        result.errors.append(GraphQLError{QStringLiteral("Too many errors processing variables, error limit reached. Execution aborted."), {}});
    }
    return result;
}

JsValue argumentValues(const Schema &schema, const QList<InputValue> &definitions, const std::vector<Argument> &arguments,
                       const Location &node, const JsValue &variables, GraphQLError *error)
{
    JsValue out = JsValue::makeObject();
    auto fail = [&](const QString &message, const Location &loc) {
        if (error)
            *error = GraphQLError{message, {SourceLocation{loc.line, loc.column}}};
        return JsValue();
    };
    for (const InputValue &def : definitions) {
        const Argument *argNode = nullptr;
        for (const Argument &a : arguments) // keyMap: the last duplicate wins
            if (a.name.value == def.name)
                argNode = &a;
        if (!argNode) {
            JsValue d = defaultValueOf(schema, def);
            if (!d.isUndefined())
                out.set(def.name, std::move(d));
            else if (def.type.isNonNull())
                return fail(QStringLiteral("Argument \"%1\" of required type \"%2\" was not provided.").arg(def.name, def.type.toString()), node);
            continue;
        }
        const Value &valueNode = argNode->value;
        bool isNull = valueNode.kind == Value::Kind::Null;
        if (valueNode.kind == Value::Kind::Variable) {
            const JsValue *v = variables.kind == JsValue::Kind::Object ? variables.get(valueNode.value) : nullptr;
            if (!v) {
                JsValue d = defaultValueOf(schema, def);
                if (!d.isUndefined())
                    out.set(def.name, std::move(d));
                else if (def.type.isNonNull())
                    return fail(QStringLiteral("Argument \"%1\" of required type \"%2\" was provided the variable \"$%3\" which was not "
                                               "provided a runtime value.")
                                    .arg(def.name, def.type.toString(), valueNode.value),
                                valueNode.loc);
                continue;
            }
            isNull = v->isNullish();
        }
        if (isNull && def.type.isNonNull())
            return fail(QStringLiteral("Argument \"%1\" of non-null type \"%2\" must not be null.").arg(def.name, def.type.toString()),
                        valueNode.loc);
        JsValue coerced = valueFromAst(schema, valueNode, def.type, &variables);
        if (coerced.isUndefined())
            return fail(QStringLiteral("Argument \"%1\" has invalid value %2.").arg(def.name, print(valueNode)), valueNode.loc);
        out.set(def.name, std::move(coerced));
    }
    return out;
}

} // namespace refract::graphql
