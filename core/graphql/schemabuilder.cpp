#include "schemabuilder.h"

#include "pendingdefaults.h"

#include "jsvalue.h"

#include "parser.h"
#include "printer.h"
#include "textutil.h"

#include <QHash>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <map>

// A port of graphql-js 16.15 utilities/buildASTSchema.js + extendSchema.js (for a document on an empty
// schema), with valueFromAST / astFromValue for default values.
namespace refract::graphql {

using namespace ast;

QString jsNumberToString(double v)
{
    if (std::isnan(v))
        return QStringLiteral("NaN");
    if (v == 0)
        return QStringLiteral("0");
    if (std::isinf(v))
        return v < 0 ? QStringLiteral("-Infinity") : QStringLiteral("Infinity");
    QString sign;
    if (v < 0) {
        sign = QStringLiteral("-");
        v = -v;
    }
    // Shortest round-trip digits and exponent: d.ddd e±x.
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
    const std::string s(buf, res.ptr);
    const size_t e = s.find('e');
    std::string digits = s.substr(0, e);
    digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
    const int exp10 = std::atoi(s.c_str() + e + 1);
    const int k = int(digits.size());
    const int n = exp10 + 1; // position of the decimal point relative to the digits
    std::string out;
    if (k <= n && n <= 21) {
        out = digits + std::string(size_t(n - k), '0');
    } else if (0 < n && n <= 21) {
        out = digits.substr(0, size_t(n)) + "." + digits.substr(size_t(n));
    } else if (-6 < n && n <= 0) {
        out = "0." + std::string(size_t(-n), '0') + digits;
    } else {
        const int ex = n - 1;
        out = digits.substr(0, 1);
        if (k > 1)
            out += "." + digits.substr(1);
        out += ex >= 0 ? "e+" : "e-";
        out += std::to_string(std::abs(ex));
    }
    return sign + QString::fromLatin1(out.c_str());
}

namespace {

JsValue jsNull() { JsValue v; v.kind = JsValue::Kind::Null; return v; }
JsValue jsString(const QString &s) { JsValue v; v.kind = JsValue::Kind::String; v.string = s; return v; }
JsValue jsNumber(double d) { JsValue v; v.kind = JsValue::Kind::Number; v.number = d; return v; }
JsValue jsBool(bool b) { JsValue v; v.kind = JsValue::Kind::Boolean; v.boolean = b; return v; }

double parseJsFloat(const QString &s)
{
    const QByteArray b = s.toLatin1();
    return std::strtod(b.constData(), nullptr);
}

bool isIntegerString(const QString &s)
{
    // /^-?(?:0|[1-9][0-9]*)$/
    qsizetype i = 0;
    if (i < s.size() && s.at(i) == QLatin1Char('-'))
        ++i;
    if (i >= s.size())
        return false;
    if (s.at(i) == QLatin1Char('0'))
        return i + 1 == s.size();
    for (; i < s.size(); ++i)
        if (s.at(i) < QLatin1Char('0') || s.at(i) > QLatin1Char('9'))
            return false;
    return true;
}

struct UnknownTypeError
{
    QString name;
};

class Builder
{
public:
    Builder(const Document &doc, bool keepStandardTypes) : m_doc(doc), m_keepStandardTypes(keepStandardTypes) {}

    Schema build()
    {
        const Definition *schemaDef = nullptr;
        std::vector<const Definition *> schemaExtensions;
        std::vector<const Definition *> typeDefs;
        std::vector<const Definition *> directiveDefs;
        for (const Definition &d : m_doc.definitions) {
            using K = Definition::Kind;
            switch (d.kind) {
            case K::Schema: schemaDef = &d; break;
            case K::SchemaExtension: schemaExtensions.push_back(&d); break;
            case K::Scalar: case K::Object: case K::Interface: case K::Union: case K::Enum: case K::InputObject:
                typeDefs.push_back(&d);
                break;
            case K::ScalarExtension: case K::ObjectExtension: case K::InterfaceExtension: case K::UnionExtension:
            case K::EnumExtension: case K::InputObjectExtension:
                m_extensions[d.name->value].push_back(&d);
                break;
            case K::Directive: directiveDefs.push_back(&d); break;
            case K::DirectiveExtension: m_directiveExtensions[d.name->value].push_back(&d); break;
            default: break;
            }
        }
        // Type map: definition order; a redefinition keeps the first position (JS object semantics).
        for (const Definition *d : typeDefs) {
            if (!m_typeDefs.contains(d->name->value))
                m_typeOrder.append(d->name->value);
            m_typeDefs.insert(d->name->value, d);
        }

        Schema schema;
        for (const QString &name : m_typeOrder) {
            if (isStandardType(name) && !m_keepStandardTypes) {
                // graphql-js uses its own definition of a standard type, at the place it was defined
                // (that place shows in the introspection type order).
                if (Schema::isBuiltInScalar(name)) {
                    Schema std;
                    std.addBuiltInScalars();
                    schema.addType(*std.type(name));
                }
                continue;
            }
            schema.addType(buildType(*m_typeDefs.value(name)));
        }
        m_schema = &schema;
        if (schemaDef && schemaDef->description)
            schema.description = schemaDef->description->value;
        std::map<OperationType, QString> ops;
        std::vector<const Definition *> opNodes;
        if (schemaDef)
            opNodes.push_back(schemaDef);
        opNodes.insert(opNodes.end(), schemaExtensions.begin(), schemaExtensions.end());
        for (const Definition *d : opNodes)
            for (const OperationTypeDefinition &o : d->operationTypes)
                ops[o.operation] = namedType(o.type.value);
        if (!schemaDef) {
            for (const NamedType &t : schema.types()) {
                if (t.name == QLatin1String("Query")) ops[OperationType::Query] = t.name;
                else if (t.name == QLatin1String("Mutation")) ops[OperationType::Mutation] = t.name;
                else if (t.name == QLatin1String("Subscription")) ops[OperationType::Subscription] = t.name;
            }
        }
        schema.setQueryTypeName(ops[OperationType::Query]);
        schema.setMutationTypeName(ops[OperationType::Mutation]);
        schema.setSubscriptionTypeName(ops[OperationType::Subscription]);

        for (const Definition *d : directiveDefs)
            schema.directives().append(buildDirective(*d));
        addSpecified(schema);
        return schema;
    }

    /// The specified directives (@oneOf and graphql-js 16.15's @deprecated on directives included) and
    /// the built-in scalars, after the document's own directives.
    static void addSpecified(Schema &schema)
    {
        const bool ownDeprecated = schema.directive(QStringLiteral("deprecated")) != nullptr;
        schema.addBuiltInDirectives();
        if (!schema.directive(QStringLiteral("oneOf"))) {
            DirectiveDefinition oneOf;
            oneOf.name = QStringLiteral("oneOf");
            oneOf.description = QStringLiteral("Indicates exactly one field must be supplied and this field must not be `null`.");
            oneOf.locations = {QStringLiteral("INPUT_OBJECT")};
            schema.directives().append(oneOf);
        }
        // graphql-js 16.15 also allows @deprecated on directive definitions.
        for (DirectiveDefinition &d : schema.directives())
            if (!ownDeprecated && d.name == QLatin1String("deprecated")
                && !d.locations.contains(QLatin1String("DIRECTIVE_DEFINITION")))
                d.locations.append(QStringLiteral("DIRECTIVE_DEFINITION"));
        schema.addBuiltInScalars();
    }

private:
    static bool isStandardType(const QString &name)
    {
        return Schema::isBuiltInScalar(name) || Schema::isIntrospectionType(name);
    }

    QString namedType(const QString &name) const
    {
        if (isStandardType(name) || m_typeDefs.contains(name))
            return name;
        throw UnknownTypeError{name};
    }

    TypeRef typeRef(const Type &t) const
    {
        TypeRef r;
        const Type *cur = &t;
        while (cur->kind != Type::Kind::Named) {
            r.wrappers.push_back(cur->kind == Type::Kind::List ? TypeRef::Wrapper::List : TypeRef::Wrapper::NonNull);
            cur = cur->ofType.get();
        }
        r.name = namedType(cur->name.value);
        return r;
    }

    static const Directive *findDirective(const std::vector<Directive> &ds, const char *name)
    {
        for (const Directive &d : ds)
            if (d.name.value == QLatin1String(name))
                return &d;
        return nullptr;
    }

    /// getDeprecationReason: the coerced `reason` of the first @deprecated; null when reason is null.
    static std::optional<QString> deprecationReason(const std::vector<Directive> &ds)
    {
        const Directive *d = findDirective(ds, "deprecated");
        if (!d)
            return std::nullopt;
        for (const Argument &a : d->arguments) {
            if (a.name.value == QLatin1String("reason")) {
                if (a.value.kind == Value::Kind::String)
                    return a.value.value;
                return std::nullopt; // null (or invalid, which graphql-js rejects)
            }
        }
        return QStringLiteral("No longer supported");
    }

    InputValue inputValue(const InputValueDefinition &v)
    {
        InputValue iv;
        iv.name = v.name.value;
        if (v.description)
            iv.description = v.description->value;
        iv.type = typeRef(v.type);
        iv.deprecationReason = deprecationReason(v.directives);
        iv.directives = applied(v.directives);
        return iv;
    }

    QList<AppliedDirective> applied(const std::vector<Directive> &ds) const
    {
        QList<AppliedDirective> out;
        for (const Directive &d : ds) {
            AppliedDirective a;
            a.name = d.name.value;
            for (const Argument &arg : d.arguments)
                a.arguments.append({arg.name.value, print(arg.value)});
            out.append(a);
        }
        return out;
    }

    NamedType buildType(const Definition &def)
    {
        NamedType t;
        t.name = def.name->value;
        if (def.description)
            t.description = def.description->value;
        QHash<QString, qsizetype> index; // by name, for long member lists
        std::vector<const Definition *> all = {&def};
        const auto ext = m_extensions.constFind(t.name);
        if (ext != m_extensions.constEnd())
            all.insert(all.end(), ext->begin(), ext->end());
        for (const Definition *d : all) {
            const QList<AppliedDirective> ds = applied(d->directives);
            t.directives.append(ds);
        }
        using K = Definition::Kind;
        switch (def.kind) {
        case K::Scalar: {
            t.kind = TypeKind::Scalar;
            if (const Directive *d = findDirective(def.directives, "specifiedBy"))
                for (const Argument &a : d->arguments)
                    if (a.name.value == QLatin1String("url") && a.value.kind == Value::Kind::String)
                        t.specifiedByUrl = a.value.value;
            break;
        }
        case K::Object:
        case K::Interface:
            t.kind = def.kind == K::Object ? TypeKind::Object : TypeKind::Interface;
            for (const Definition *d : all) {
                for (const Name &i : d->interfaces)
                    t.interfaces.append(namedType(i.value));
                for (const FieldDefinition &fd : d->fields) {
                    Field f;
                    f.name = fd.name.value;
                    if (fd.description)
                        f.description = fd.description->value;
                    f.type = typeRef(fd.type);
                    for (const InputValueDefinition &a : fd.arguments)
                        f.arguments.append(inputValue(a));
                    f.deprecationReason = deprecationReason(fd.directives);
                    f.directives = applied(fd.directives);
                    const qsizetype before = t.fields.size();
                    const qsizetype at = replaceOrAppend(t.fields, std::move(f), index);
                    bool defaults = false;
                    for (const InputValueDefinition &a : fd.arguments)
                        defaults = defaults || a.defaultValue.has_value();
                    if (defaults || at < before) // a redefinition replaces what an earlier record set
                        m_argDefaults.push_back({t.name, at, &fd});
                }
            }
            break;
        case K::Union:
            t.kind = TypeKind::Union;
            for (const Definition *d : all)
                for (const Name &n : d->types)
                    t.possibleTypes.append(namedType(n.value));
            break;
        case K::Enum:
            t.kind = TypeKind::Enum;
            for (const Definition *d : all) {
                for (const EnumValueDefinition &vd : d->values) {
                    EnumValue v;
                    v.name = vd.name.value;
                    if (vd.description)
                        v.description = vd.description->value;
                    v.deprecationReason = deprecationReason(vd.directives);
                    v.directives = applied(vd.directives);
                    replaceOrAppend(t.enumValues, std::move(v), index);
                }
            }
            break;
        case K::InputObject:
            t.kind = TypeKind::InputObject;
            t.isOneOf = findDirective(def.directives, "oneOf") != nullptr;
            for (const Definition *d : all) {
                for (const InputValueDefinition &fd : d->inputFields) {
                    replaceOrAppend(t.inputFields, inputValue(fd), index);
                    // Only defaults need the node later; a redefinition without one drops the earlier default.
                    const QString key = t.name + QLatin1Char('.') + fd.name.value;
                    if (fd.defaultValue)
                        m_inputFieldNodes[key] = &fd;
                    else if (!m_inputFieldNodes.isEmpty())
                        m_inputFieldNodes.remove(key);
                }
            }
            break;
        default:
            break;
        }
        return t;
    }

    /// Appends, or replaces an item of the same name in place (JavaScript keyMap semantics). Returns the
    /// item's index. Long lists (root types of generated APIs have thousands of fields) use `index`.
    template<typename T>
    static qsizetype replaceOrAppend(QList<T> &list, T item, QHash<QString, qsizetype> &index)
    {
        if (list.size() < 16) {
            for (qsizetype i = 0; i < list.size(); ++i)
                if (list[i].name == item.name) {
                    list[i] = std::move(item);
                    return i;
                }
        } else {
            if (index.isEmpty())
                for (qsizetype i = 0; i < list.size(); ++i)
                    index.insert(list[i].name, i);
            const auto it = index.constFind(item.name);
            if (it != index.constEnd()) {
                list[*it] = std::move(item);
                return *it;
            }
            index.insert(item.name, list.size());
        }
        list.append(std::move(item));
        return list.size() - 1;
    }

    DirectiveDefinition buildDirective(const Definition &def)
    {
        DirectiveDefinition d;
        d.name = def.name->value;
        if (def.description)
            d.description = def.description->value;
        for (const InputValueDefinition &a : def.arguments) {
            InputValue iv = inputValue(a);
            if (a.defaultValue)
                iv.defaultValue = printValue(coerce(*a.defaultValue, iv.type), iv.type);
            d.arguments.append(iv);
        }
        d.repeatable = def.repeatable;
        for (const Name &l : def.locations)
            d.locations.append(l.value);
        d.deprecationReason = deprecationReason(def.directives);
        const auto ext = m_directiveExtensions.constFind(d.name);
        if (!d.deprecationReason && ext != m_directiveExtensions.constEnd())
            for (const Definition *e : *ext)
                if (!d.deprecationReason)
                    d.deprecationReason = deprecationReason(e->directives);
        return d;
    }

public:
    /// Fills in the printed defaults; called after build() so every type is known.
    void fillDefaults(Schema &schema)
    {
        m_schema = &schema;
        // Arguments: only fields whose definition has a default were recorded (by type and index).
        for (const ArgDefaults &rec : m_argDefaults) {
            NamedType *t = schema.type(rec.type);
            if (!t || rec.field >= t->fields.size())
                continue;
            for (InputValue &a : t->fields[rec.field].arguments) {
                a.defaultValue.reset();
                for (const InputValueDefinition &ad : rec.node->arguments)
                    if (ad.name.value == a.name && ad.defaultValue)
                        a.defaultValue = printValue(coerce(*ad.defaultValue, a.type), a.type);
            }
        }
        if (m_inputFieldNodes.isEmpty())
            return;
        for (NamedType &t : schema.types()) {
            for (InputValue &f : t.inputFields) {
                f.defaultValue.reset();
                const JsValue v = inputFieldDefault(t.name, f.name);
                if (!v.isUndefined())
                    f.defaultValue = printValue(v, f.type);
            }
        }
    }

    /// completeSchema: the defaults buildClientSchema's reader collected, then addSpecified.
    void completePending(Schema &schema, detail::PendingDefaults &pending)
    {
        m_schema = &schema;
        for (const detail::PendingDefaults::FieldArgs &f : pending.fieldArgs)
            m_argDefaults.push_back({f.type, f.field, &f.node});
        m_inputFieldNodes = pending.inputFields;
        for (const detail::PendingDefaults::DirectiveArg &d : pending.directiveArgs) {
            InputValue &iv = schema.directives()[d.directive].arguments[d.argument];
            iv.defaultValue = printValue(coerce(d.value, iv.type), iv.type);
        }
        fillDefaults(schema);
        addSpecified(schema);
    }

private:
    /// The coerced default of an input field (graphql-js `field.defaultValue`), memoised; undefined if none.
    JsValue inputFieldDefault(const QString &typeName, const QString &fieldName)
    {
        const QString key = typeName + QLatin1Char('.') + fieldName;
        if (!m_inputFieldNodes.contains(key))
            return JsValue(); // no default written
        const auto memo = m_inputDefaults.constFind(key);
        if (memo != m_inputDefaults.constEnd())
            return *memo;
        const InputValueDefinition *fd = m_inputFieldNodes.value(key);
        JsValue result;
        if (fd && fd->defaultValue && m_inProgress < 64) {
            ++m_inProgress;
            const NamedType *t = m_schema->type(typeName);
            const InputValue *f = t ? t->inputField(fieldName) : nullptr;
            if (f)
                result = coerce(*fd->defaultValue, f->type);
            --m_inProgress;
        }
        m_inputDefaults.insert(key, result);
        return result;
    }

    /// graphql-js valueFromAST(node, type) for a const value.
    JsValue coerce(const Value &node, const TypeRef &type, size_t wrapper = 0)
    {
        JsValue undefined;
        if (node.kind == Value::Kind::Variable)
            return undefined;
        if (wrapper < type.wrappers.size() && type.wrappers[wrapper] == TypeRef::Wrapper::NonNull) {
            if (node.kind == Value::Kind::Null)
                return undefined;
            return coerce(node, type, wrapper + 1);
        }
        if (node.kind == Value::Kind::Null)
            return jsNull();
        if (wrapper < type.wrappers.size()) { // List
            if (node.kind == Value::Kind::List) {
                JsValue list;
                list.kind = JsValue::Kind::List;
                for (const Value &item : node.list) {
                    JsValue v = coerce(item, type, wrapper + 1);
                    if (v.isUndefined())
                        return undefined;
                    list.list.push_back(std::move(v));
                }
                return list;
            }
            JsValue v = coerce(node, type, wrapper + 1);
            if (v.isUndefined())
                return undefined;
            JsValue list;
            list.kind = JsValue::Kind::List;
            list.list.push_back(std::move(v));
            return list;
        }
        const QString &n = type.name;
        const NamedType *t = Schema::isBuiltInScalar(n) ? nullptr : m_schema->type(n);
        if (!t) {
            if (n == QLatin1String("Int")) {
                if (node.kind != Value::Kind::Int)
                    return undefined;
                const double d = parseJsFloat(node.value);
                if (d > 2147483647.0 || d < -2147483648.0)
                    return undefined;
                return jsNumber(d);
            }
            if (n == QLatin1String("Float")) {
                if (node.kind != Value::Kind::Int && node.kind != Value::Kind::Float)
                    return undefined;
                return jsNumber(parseJsFloat(node.value));
            }
            if (n == QLatin1String("String"))
                return node.kind == Value::Kind::String ? jsString(node.value) : undefined;
            if (n == QLatin1String("Boolean"))
                return node.kind == Value::Kind::Boolean ? jsBool(node.boolean) : undefined;
            if (n == QLatin1String("ID"))
                return node.kind == Value::Kind::String || node.kind == Value::Kind::Int ? jsString(node.value) : undefined;
            return undefined;
        }
        switch (t->kind) {
        case TypeKind::Enum:
            if (node.kind != Value::Kind::Enum)
                return undefined;
            for (const EnumValue &ev : t->enumValues)
                if (ev.name == node.value)
                    return jsString(ev.name);
            return undefined;
        case TypeKind::Scalar:
            return untyped(node);
        case TypeKind::InputObject: {
            if (node.kind != Value::Kind::Object)
                return undefined;
            JsValue obj;
            obj.kind = JsValue::Kind::Object;
            for (const InputValue &f : t->inputFields) {
                const ObjectField *fieldNode = nullptr;
                for (const ObjectField &of : node.fields) // keyMap: the last duplicate wins
                    if (of.name.value == f.name)
                        fieldNode = &of;
                if (!fieldNode || fieldNode->value.kind == Value::Kind::Variable) {
                    const JsValue def = inputFieldDefault(t->name, f.name);
                    if (!def.isUndefined())
                        obj.set(f.name, def);
                    else if (f.type.isNonNull())
                        return undefined;
                    continue;
                }
                JsValue v = coerce(fieldNode->value, f.type);
                if (v.isUndefined())
                    return undefined;
                obj.set(f.name, std::move(v));
            }
            if (t->isOneOf) {
                if (obj.object.size() != 1 || obj.object.front().second.kind == JsValue::Kind::Null)
                    return undefined;
            }
            return obj;
        }
        default:
            return undefined;
        }
    }

    /// graphql-js valueFromASTUntyped (custom scalars' parseLiteral).
    static JsValue untyped(const Value &node)
    {
        switch (node.kind) {
        case Value::Kind::Null: return jsNull();
        case Value::Kind::Int: return jsNumber(parseJsFloat(node.value));
        case Value::Kind::Float: return jsNumber(parseJsFloat(node.value));
        case Value::Kind::String:
        case Value::Kind::Enum: return jsString(node.value);
        case Value::Kind::Boolean: return jsBool(node.boolean);
        case Value::Kind::List: {
            JsValue l;
            l.kind = JsValue::Kind::List;
            for (const Value &v : node.list)
                l.list.push_back(untyped(v));
            return l;
        }
        case Value::Kind::Object: {
            JsValue o;
            o.kind = JsValue::Kind::Object;
            for (const ObjectField &f : node.fields)
                o.set(f.name.value, untyped(f.value));
            return o;
        }
        case Value::Kind::Variable: return JsValue();
        }
        return JsValue();
    }

    /// graphql-js print(astFromValue(value, type)); nullopt when astFromValue gives null.
    std::optional<QString> printValue(const JsValue &v, const TypeRef &type, size_t wrapper = 0)
    {
        if (wrapper < type.wrappers.size() && type.wrappers[wrapper] == TypeRef::Wrapper::NonNull) {
            const std::optional<QString> inner = printValue(v, type, wrapper + 1);
            if (inner && *inner == QLatin1String("null"))
                return std::nullopt;
            return inner;
        }
        if (v.kind == JsValue::Kind::Null)
            return QStringLiteral("null");
        if (v.isUndefined())
            return std::nullopt;
        if (wrapper < type.wrappers.size()) { // List
            if (v.kind == JsValue::Kind::List) {
                QStringList items;
                for (const JsValue &item : v.list)
                    if (const auto s = printValue(item, type, wrapper + 1))
                        items.append(*s);
                return QLatin1Char('[') + items.join(QLatin1String(", ")) + QLatin1Char(']');
            }
            return printValue(v, type, wrapper + 1);
        }
        const NamedType *t = Schema::isBuiltInScalar(type.name) ? nullptr : m_schema->type(type.name);
        if (t && t->kind == TypeKind::InputObject) {
            if (v.kind != JsValue::Kind::Object)
                return std::nullopt;
            QStringList fields;
            for (const InputValue &f : t->inputFields) {
                const JsValue *fv = v.get(f.name);
                if (!fv)
                    continue;
                if (const auto s = printValue(*fv, f.type))
                    fields.append(f.name + QLatin1String(": ") + *s);
            }
            return QLatin1Char('{') + fields.join(QLatin1String(", ")) + QLatin1Char('}');
        }
        // Leaf: serialize, then pick the literal kind from the JS type.
        switch (v.kind) {
        case JsValue::Kind::Boolean:
            return v.boolean ? QStringLiteral("true") : QStringLiteral("false");
        case JsValue::Kind::Number:
            return jsNumberToString(v.number); // Int or Float literal: the same text either way
        case JsValue::Kind::String:
            if (t && t->kind == TypeKind::Enum)
                return v.string;
            if (type.name == QLatin1String("ID") && isIntegerString(v.string))
                return v.string;
            return printString(v.string);
        default:
            // graphql-js throws "Cannot convert value to AST" here (lists/objects for a custom scalar);
            // keep something useful rather than failing the whole schema.
            return std::nullopt;
        }
    }

    const Document &m_doc;
    bool m_keepStandardTypes = false;
    Schema *m_schema = nullptr;
    QHash<QString, QList<const Definition *>> m_extensions;
    QHash<QString, QList<const Definition *>> m_directiveExtensions;
    QHash<QString, const Definition *> m_typeDefs;
    QStringList m_typeOrder;
    struct ArgDefaults
    {
        QString type;
        qsizetype field;
        const FieldDefinition *node;
    };
    std::vector<ArgDefaults> m_argDefaults;
    QHash<QString, const InputValueDefinition *> m_inputFieldNodes;
    QHash<QString, JsValue> m_inputDefaults;
    int m_inProgress = 0;
};

} // namespace

std::optional<Schema> buildSchema(const Document &document, GraphQLError *error, bool keepStandardTypes)
{
    try {
        Builder b(document, keepStandardTypes);
        Schema s = b.build();
        b.fillDefaults(s);
        return s;
    } catch (const UnknownTypeError &e) {
        if (error)
            *error = GraphQLError{QStringLiteral("Unknown type: \"%1\".").arg(e.name), {}};
    }
    return std::nullopt;
}

namespace detail {

void completeSchema(Schema &schema, PendingDefaults &pending)
{
    static const Document empty;
    Builder b(empty, false);
    b.completePending(schema, pending);
}

} // namespace detail

std::optional<Schema> buildSchema(const QString &sdl, GraphQLError *error)
{
    // Schema files are trusted input and can be large (a 20,000-type schema has ~400,000 tokens):
    // no token or length limit here; the nesting limit stays.
    ParseOptions options;
    options.maxTokens = -1;
    options.maxLength = -1;
    ParseResult r = parse(sdl, options);
    if (r.error) {
        if (error)
            *error = *r.error;
        return std::nullopt;
    }
    return buildSchema(*r.document, error);
}

} // namespace refract::graphql
