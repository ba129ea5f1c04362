#include "introspection.h"

#include "ast.h"
#include "parser.h"
#include "schemabuilder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

// The introspection result is turned into the type-system AST it describes and built like SDL: the
// same coercion of default values, the same handling of deprecation, @specifiedBy and @oneOf.
namespace refract::graphql {

using namespace ast;

namespace {

struct IntrospectionError
{
    QString message;
};

Name name(const QString &n) { return Name{n, {}}; }

std::optional<Value> description(const QJsonValue &v)
{
    if (!v.isString())
        return std::nullopt;
    Value s;
    s.kind = Value::Kind::String;
    s.value = v.toString();
    return s;
}

Value stringValue(const QString &text)
{
    Value s;
    s.kind = Value::Kind::String;
    s.value = text;
    return s;
}

Directive directive(const char *n, const char *argName = nullptr, const QString &argValue = QString())
{
    Directive d;
    d.name = name(QString::fromLatin1(n));
    if (argName)
        d.arguments.push_back(Argument{name(QString::fromLatin1(argName)), stringValue(argValue), {}});
    return d;
}

void addDeprecation(std::vector<Directive> &ds, const QJsonObject &o)
{
    const QJsonValue reason = o.value(QLatin1String("deprecationReason"));
    if (reason.isString())
        ds.push_back(directive("deprecated", "reason", reason.toString()));
}

Type typeRef(const QJsonValue &v, int depth = 0)
{
    const QJsonObject o = v.toObject();
    if (o.isEmpty() || depth > 64)
        throw IntrospectionError{QStringLiteral("Decorated type deeper than introspection query.")};
    const QString kind = o.value(QLatin1String("kind")).toString();
    Type t;
    if (kind == QLatin1String("LIST") || kind == QLatin1String("NON_NULL")) {
        if (!o.value(QLatin1String("ofType")).isObject())
            throw IntrospectionError{QStringLiteral("Decorated type deeper than introspection query.")};
        t.kind = kind == QLatin1String("LIST") ? Type::Kind::List : Type::Kind::NonNull;
        t.ofType = std::make_unique<Type>(typeRef(o.value(QLatin1String("ofType")), depth + 1));
        return t;
    }
    t.name = name(o.value(QLatin1String("name")).toString());
    return t;
}

std::vector<InputValueDefinition> inputValues(const QJsonValue &v)
{
    std::vector<InputValueDefinition> out;
    for (const QJsonValue &x : v.toArray()) {
        const QJsonObject o = x.toObject();
        InputValueDefinition iv;
        iv.description = description(o.value(QLatin1String("description")));
        iv.name = name(o.value(QLatin1String("name")).toString());
        iv.type = typeRef(o.value(QLatin1String("type")));
        const QJsonValue def = o.value(QLatin1String("defaultValue"));
        if (def.isString()) {
            GraphQLError e;
            iv.defaultValue = parseValue(def.toString(), &e, true);
            if (!iv.defaultValue)
                throw IntrospectionError{e.message};
        }
        addDeprecation(iv.directives, o);
        out.push_back(std::move(iv));
    }
    return out;
}

Document toDocument(const QJsonObject &schema)
{
    Document doc;
    Definition sd;
    sd.kind = Definition::Kind::Schema;
    sd.description = description(schema.value(QLatin1String("description")));
    const std::pair<const char *, OperationType> roots[] = {
        {"queryType", OperationType::Query}, {"mutationType", OperationType::Mutation},
        {"subscriptionType", OperationType::Subscription}};
    for (const auto &[key, op] : roots) {
        const QJsonObject t = schema.value(QLatin1String(key)).toObject();
        if (!t.isEmpty())
            sd.operationTypes.push_back(OperationTypeDefinition{op, name(t.value(QLatin1String("name")).toString()), {}});
    }
    doc.definitions.push_back(std::move(sd));

    if (!schema.value(QLatin1String("types")).isArray())
        throw IntrospectionError{QStringLiteral("Invalid or incomplete schema, unknown type: types.")};
    for (const QJsonValue &tv : schema.value(QLatin1String("types")).toArray()) {
        const QJsonObject t = tv.toObject();
        const QString kind = t.value(QLatin1String("kind")).toString();
        // graphql-js's buildType needs a name (found by fuzzing: a nameless type was accepted and then
        // printed as introspection that did not read back).
        if (!t.value(QLatin1String("name")).isString() || t.value(QLatin1String("name")).toString().isEmpty())
            throw IntrospectionError{QStringLiteral("Invalid or incomplete introspection result. Ensure that a full introspection query is used in order to build a client schema.")};
        Definition d;
        d.name = name(t.value(QLatin1String("name")).toString());
        d.description = description(t.value(QLatin1String("description")));
        if (kind == QLatin1String("SCALAR")) {
            d.kind = Definition::Kind::Scalar;
            const QJsonValue url = t.value(QLatin1String("specifiedByURL")).isString() ? t.value(QLatin1String("specifiedByURL"))
                                                                                      : t.value(QLatin1String("specifiedByUrl"));
            if (url.isString())
                d.directives.push_back(directive("specifiedBy", "url", url.toString()));
        } else if (kind == QLatin1String("OBJECT") || kind == QLatin1String("INTERFACE")) {
            d.kind = kind == QLatin1String("OBJECT") ? Definition::Kind::Object : Definition::Kind::Interface;
            for (const QJsonValue &i : t.value(QLatin1String("interfaces")).toArray())
                d.interfaces.push_back(name(i.toObject().value(QLatin1String("name")).toString()));
            if (!t.value(QLatin1String("fields")).isArray())
                throw IntrospectionError{QStringLiteral("Introspection result missing fields: %1.").arg(d.name->value)};
            for (const QJsonValue &fv : t.value(QLatin1String("fields")).toArray()) {
                const QJsonObject f = fv.toObject();
                FieldDefinition fd;
                fd.description = description(f.value(QLatin1String("description")));
                fd.name = name(f.value(QLatin1String("name")).toString());
                fd.arguments = inputValues(f.value(QLatin1String("args")));
                fd.type = typeRef(f.value(QLatin1String("type")));
                addDeprecation(fd.directives, f);
                d.fields.push_back(std::move(fd));
            }
        } else if (kind == QLatin1String("UNION")) {
            d.kind = Definition::Kind::Union;
            for (const QJsonValue &p : t.value(QLatin1String("possibleTypes")).toArray())
                d.types.push_back(name(p.toObject().value(QLatin1String("name")).toString()));
        } else if (kind == QLatin1String("ENUM")) {
            d.kind = Definition::Kind::Enum;
            for (const QJsonValue &ev : t.value(QLatin1String("enumValues")).toArray()) {
                const QJsonObject e = ev.toObject();
                EnumValueDefinition v;
                v.description = description(e.value(QLatin1String("description")));
                v.name = name(e.value(QLatin1String("name")).toString());
                addDeprecation(v.directives, e);
                d.values.push_back(std::move(v));
            }
        } else if (kind == QLatin1String("INPUT_OBJECT")) {
            d.kind = Definition::Kind::InputObject;
            if (t.value(QLatin1String("isOneOf")).toBool())
                d.directives.push_back(directive("oneOf"));
            d.inputFields = inputValues(t.value(QLatin1String("inputFields")));
        } else {
            throw IntrospectionError{QStringLiteral("Invalid or incomplete introspection result. Ensure that a full introspection query is used in order to build a client schema.")};
        }
        doc.definitions.push_back(std::move(d));
    }
    for (const QJsonValue &dv : schema.value(QLatin1String("directives")).toArray()) {
        const QJsonObject o = dv.toObject();
        Definition d;
        d.kind = Definition::Kind::Directive;
        d.name = name(o.value(QLatin1String("name")).toString());
        d.description = description(o.value(QLatin1String("description")));
        d.arguments = inputValues(o.value(QLatin1String("args")));
        d.repeatable = o.value(QLatin1String("isRepeatable")).toBool();
        for (const QJsonValue &l : o.value(QLatin1String("locations")).toArray())
            d.locations.push_back(name(l.toString()));
        doc.definitions.push_back(std::move(d));
    }
    return doc;
}

} // namespace

std::optional<Schema> buildClientSchema(const QByteArray &json, GraphQLError *error)
{
    QJsonParseError pe;
    const QJsonDocument jd = QJsonDocument::fromJson(json, &pe);
    if (jd.isNull()) {
        if (error)
            *error = GraphQLError{QStringLiteral("Invalid JSON: %1 at offset %2.").arg(pe.errorString()).arg(pe.offset), {}};
        return std::nullopt;
    }
    QJsonObject root = jd.object();
    if (root.value(QLatin1String("data")).isObject())
        root = root.value(QLatin1String("data")).toObject();
    if (!root.value(QLatin1String("__schema")).isObject()) {
        if (error)
            *error = GraphQLError{QStringLiteral("Invalid or incomplete introspection result. Ensure that you are passing \"data\" property of introspection response and no \"errors\" was returned alongside."), {}};
        return std::nullopt;
    }
    try {
        const Document doc = toDocument(root.value(QLatin1String("__schema")).toObject());
        std::optional<Schema> schema = buildSchema(doc, error);
        if (schema) {
            // buildClientSchema takes the directives as listed; it adds no specified ones that are absent.
            const QJsonValue listed = root.value(QLatin1String("__schema")).toObject().value(QLatin1String("directives"));
            QStringList names;
            for (const QJsonValue &d : listed.toArray())
                names.append(d.toObject().value(QLatin1String("name")).toString());
            auto &ds = schema->directives();
            ds.erase(std::remove_if(ds.begin(), ds.end(), [&](const DirectiveDefinition &d) { return !names.contains(d.name); }),
                     ds.end());
        }
        return schema;
    } catch (const IntrospectionError &e) {
        if (error)
            *error = GraphQLError{e.message, {}};
    }
    return std::nullopt;
}

} // namespace refract::graphql

// ---------------------------------------------------------------------------------------------------
// Writer: introspectionFromSchema
// ---------------------------------------------------------------------------------------------------

#include "introspectiontypes.h"
#include "textutil.h"

#include <QHash>
#include <QSet>

namespace refract::graphql {

namespace {

const Schema &introspectionTypes()
{
    static const Schema schema = [] {
        const ParseResult r = parse(QString::fromUtf8(introspectionTypesSdl()));
        Schema s = *buildSchema(*r.document, nullptr, true);
        return s;
    }();
    return schema;
}

const Schema &builtInScalars()
{
    static const Schema schema = [] {
        Schema s;
        s.addBuiltInScalars();
        return s;
    }();
    return schema;
}

/// Resolves a named type the way graphql-js does: the schema's own, else the standard definitions.
class TypeResolver
{
public:
    explicit TypeResolver(const Schema &s) : m_schema(s) {}
    const NamedType *operator()(const QString &name) const
    {
        if (Schema::isIntrospectionType(name))
            return introspectionTypes().type(name);
        if (const NamedType *t = m_schema.type(name))
            return t;
        return builtInScalars().type(name);
    }

private:
    const Schema &m_schema;
};

/// An insertion-ordered set with deletion, like the JavaScript Set graphql-js collects types into.
class OrderedSet
{
public:
    bool has(const QString &n) const { return m_pos.contains(n); }
    void add(const QString &n)
    {
        m_pos.insert(n, m_items.size());
        m_items.append(n);
    }
    void remove(const QString &n)
    {
        const auto it = m_pos.find(n);
        if (it == m_pos.end())
            return;
        m_items[*it].clear();
        m_pos.erase(it);
    }
    QStringList items() const
    {
        QStringList out;
        for (const QString &s : m_items)
            if (!s.isEmpty())
                out.append(s);
        return out;
    }

private:
    QStringList m_items;
    QHash<QString, qsizetype> m_pos;
};

void collect(const QString &name, OrderedSet &set, const TypeResolver &resolve, int depth = 0)
{
    if (set.has(name) || depth > 10000)
        return;
    set.add(name);
    const NamedType *t = resolve(name);
    if (!t)
        return;
    switch (t->kind) {
    case TypeKind::Union:
        for (const QString &m : t->possibleTypes)
            collect(m, set, resolve, depth + 1);
        break;
    case TypeKind::Object:
    case TypeKind::Interface:
        for (const QString &i : t->interfaces)
            collect(i, set, resolve, depth + 1);
        for (const Field &f : t->fields) {
            collect(f.type.name, set, resolve, depth + 1);
            for (const InputValue &a : f.arguments)
                collect(a.type.name, set, resolve, depth + 1);
        }
        break;
    case TypeKind::InputObject:
        for (const InputValue &f : t->inputFields)
            collect(f.type.name, set, resolve, depth + 1);
        break;
    default:
        break;
    }
}

/// A JSON value with insertion-ordered keys, serialised like JSON.stringify(value, null, indent).
struct Json
{
    enum class Kind { Null, Bool, Raw, String, Array, Object };
    Kind kind = Kind::Null;
    bool boolean = false;
    QString text;
    std::vector<Json> items;
    // Keys and values apart: a vector of pair<QString, Json> inside Json is an incomplete type for clang.
    std::vector<QString> memberKeys;
    std::vector<Json> members;

    static Json null() { return Json{}; }
    static Json of(bool b) { Json j; j.kind = Kind::Bool; j.boolean = b; return j; }
    static Json of(const QString &s) { Json j; j.kind = Kind::String; j.text = s; return j; }
    static Json of(const std::optional<QString> &s) { return s ? of(*s) : null(); }
    static Json array() { Json j; j.kind = Kind::Array; return j; }
    static Json object() { Json j; j.kind = Kind::Object; return j; }
    Json &add(const QString &key, Json v) { memberKeys.push_back(key); members.push_back(std::move(v)); return *this; }
    Json &add(const char *key, Json v) { return add(QString::fromLatin1(key), std::move(v)); }
    Json &push(Json v) { items.push_back(std::move(v)); return *this; }

    void write(QString &out, int indent, int level) const
    {
        const QString nl = indent ? QLatin1Char('\n') + QString(indent * (level + 1), QLatin1Char(' ')) : QString();
        const QString close = indent ? QLatin1Char('\n') + QString(indent * level, QLatin1Char(' ')) : QString();
        switch (kind) {
        case Kind::Null: out += QLatin1String("null"); break;
        case Kind::Bool: out += boolean ? QLatin1String("true") : QLatin1String("false"); break;
        case Kind::Raw: out += text; break;
        case Kind::String: out += jsonString(text); break;
        case Kind::Array:
            if (items.empty()) {
                out += QLatin1String("[]");
                break;
            }
            out += QLatin1Char('[');
            for (size_t i = 0; i < items.size(); ++i) {
                if (i)
                    out += QLatin1Char(',');
                out += nl;
                items[i].write(out, indent, level + 1);
            }
            out += close + QLatin1Char(']');
            break;
        case Kind::Object:
            if (members.empty()) {
                out += QLatin1String("{}");
                break;
            }
            out += QLatin1Char('{');
            for (size_t i = 0; i < members.size(); ++i) {
                if (i)
                    out += QLatin1Char(',');
                out += nl + jsonString(memberKeys[i]) + (indent ? QLatin1String(": ") : QLatin1String(":"));
                members[i].write(out, indent, level + 1);
            }
            out += close + QLatin1Char('}');
            break;
        }
    }
};

QString kindName(TypeKind k)
{
    switch (k) {
    case TypeKind::Scalar: return QStringLiteral("SCALAR");
    case TypeKind::Object: return QStringLiteral("OBJECT");
    case TypeKind::Interface: return QStringLiteral("INTERFACE");
    case TypeKind::Union: return QStringLiteral("UNION");
    case TypeKind::Enum: return QStringLiteral("ENUM");
    case TypeKind::InputObject: return QStringLiteral("INPUT_OBJECT");
    }
    return QString();
}

class Writer
{
public:
    Writer(const Schema &s) : m_schema(s), m_resolve(s) {}

    /// TypeRef fragment: kind, name, then ofType { name kind ofType … } nine levels deep.
    Json typeRef(const TypeRef &t, size_t wrapper = 0, int level = 0, bool top = true) const
    {
        Json j = Json::object();
        QString kind;
        std::optional<QString> name;
        if (wrapper < t.wrappers.size()) {
            kind = t.wrappers[wrapper] == TypeRef::Wrapper::List ? QStringLiteral("LIST") : QStringLiteral("NON_NULL");
        } else {
            const NamedType *nt = m_resolve(t.name);
            kind = nt ? kindName(nt->kind) : QStringLiteral("SCALAR");
            name = t.name;
        }
        if (top) {
            j.add("kind", Json::of(kind));
            j.add("name", Json::of(name));
        } else {
            j.add("name", Json::of(name));
            j.add("kind", Json::of(kind));
        }
        if (level < 9)
            j.add("ofType", wrapper < t.wrappers.size() ? typeRef(t, wrapper + 1, level + 1, false) : Json::null());
        return j;
    }

    Json namedRef(const QString &name) const { return typeRef(TypeRef::named(name)); }

    Json inputValue(const InputValue &v) const
    {
        Json j = Json::object();
        j.add("name", Json::of(v.name));
        j.add("description", Json::of(v.description));
        j.add("type", typeRef(v.type));
        j.add("defaultValue", Json::of(v.defaultValue));
        j.add("isDeprecated", Json::of(v.deprecationReason.has_value()));
        j.add("deprecationReason", Json::of(v.deprecationReason));
        return j;
    }

    Json type(const NamedType &t, const QStringList &order) const
    {
        Json j = Json::object();
        j.add("kind", Json::of(kindName(t.kind)));
        j.add("name", Json::of(t.name));
        j.add("description", Json::of(t.description));
        j.add("specifiedByURL", t.kind == TypeKind::Scalar ? Json::of(t.specifiedByUrl) : Json::null());
        j.add("isOneOf", t.kind == TypeKind::InputObject ? Json::of(t.isOneOf) : Json::null());
        const bool hasFields = t.kind == TypeKind::Object || t.kind == TypeKind::Interface;
        if (hasFields) {
            Json fields = Json::array();
            for (const Field &f : t.fields) {
                Json fj = Json::object();
                fj.add("name", Json::of(f.name));
                fj.add("description", Json::of(f.description));
                Json args = Json::array();
                for (const InputValue &a : f.arguments)
                    args.push(inputValue(a));
                fj.add("args", std::move(args));
                fj.add("type", typeRef(f.type));
                fj.add("isDeprecated", Json::of(f.deprecationReason.has_value()));
                fj.add("deprecationReason", Json::of(f.deprecationReason));
                fields.push(std::move(fj));
            }
            j.add("fields", std::move(fields));
        } else {
            j.add("fields", Json::null());
        }
        if (t.kind == TypeKind::InputObject) {
            Json fields = Json::array();
            for (const InputValue &f : t.inputFields)
                fields.push(inputValue(f));
            j.add("inputFields", std::move(fields));
        } else {
            j.add("inputFields", Json::null());
        }
        if (hasFields) {
            Json ifaces = Json::array();
            for (const QString &i : t.interfaces)
                ifaces.push(namedRef(i));
            j.add("interfaces", std::move(ifaces));
        } else {
            j.add("interfaces", Json::null());
        }
        if (t.kind == TypeKind::Enum) {
            Json values = Json::array();
            for (const EnumValue &v : t.enumValues) {
                Json vj = Json::object();
                vj.add("name", Json::of(v.name));
                vj.add("description", Json::of(v.description));
                vj.add("isDeprecated", Json::of(v.deprecationReason.has_value()));
                vj.add("deprecationReason", Json::of(v.deprecationReason));
                values.push(std::move(vj));
            }
            j.add("enumValues", std::move(values));
        } else {
            j.add("enumValues", Json::null());
        }
        if (t.kind == TypeKind::Union) {
            Json types = Json::array();
            for (const QString &m : t.possibleTypes)
                types.push(namedRef(m));
            j.add("possibleTypes", std::move(types));
        } else if (t.kind == TypeKind::Interface) {
            // Implementations in type-map order (graphql-js schema.getPossibleTypes).
            Json types = Json::array();
            for (const QString &n : order) {
                const NamedType *o = m_resolve(n);
                if (o && o->kind == TypeKind::Object && o->interfaces.contains(t.name))
                    types.push(namedRef(n));
            }
            j.add("possibleTypes", std::move(types));
        } else {
            j.add("possibleTypes", Json::null());
        }
        return j;
    }

    Json schema() const
    {
        const QStringList order = typeMapOrder(m_schema);
        Json s = Json::object();
        s.add("description", Json::of(m_schema.description));
        auto root = [&](const QString &n) {
            if (n.isEmpty() || !m_resolve(n))
                return Json::null();
            Json r = Json::object();
            r.add("name", Json::of(n));
            r.add("kind", Json::of(kindName(m_resolve(n)->kind)));
            return r;
        };
        s.add("queryType", root(m_schema.queryTypeName()));
        s.add("mutationType", root(m_schema.mutationTypeName()));
        s.add("subscriptionType", root(m_schema.subscriptionTypeName()));
        Json types = Json::array();
        for (const QString &n : order)
            if (const NamedType *t = m_resolve(n))
                types.push(type(*t, order));
        s.add("types", std::move(types));
        Json directives = Json::array();
        for (const DirectiveDefinition &d : m_schema.directives()) {
            Json dj = Json::object();
            dj.add("name", Json::of(d.name));
            dj.add("description", Json::of(d.description));
            dj.add("isRepeatable", Json::of(d.repeatable));
            dj.add("isDeprecated", Json::of(d.deprecationReason.has_value()));
            dj.add("deprecationReason", Json::of(d.deprecationReason));
            Json locs = Json::array();
            for (const QString &l : d.locations)
                locs.push(Json::of(l));
            dj.add("locations", std::move(locs));
            Json args = Json::array();
            for (const InputValue &a : d.arguments)
                args.push(inputValue(a));
            dj.add("args", std::move(args));
            directives.push(std::move(dj));
        }
        s.add("directives", std::move(directives));
        Json result = Json::object();
        result.add("__schema", std::move(s));
        return result;
    }

private:
    const Schema &m_schema;
    TypeResolver m_resolve;
};

} // namespace

QStringList typeMapOrder(const Schema &schema)
{
    const TypeResolver resolve(schema);
    OrderedSet set;
    // graphql-js's `config.types`: the schema's own types in order. Built-in scalars count only where the
    // document placed them, not in the trailing block Schema::addBuiltInScalars() appends; those are
    // collected where first referenced, like every type graphql-js adds itself.
    const std::vector<NamedType> &types = schema.types();
    size_t end = types.size();
    while (end > 0 && Schema::isBuiltInScalar(types[end - 1].name))
        --end;
    QStringList config;
    for (size_t i = 0; i < end; ++i)
        if (!Schema::isIntrospectionType(types[i].name))
            config.append(types[i].name);
    for (const QString &n : config)
        set.add(n);
    for (const QString &n : config) {
        set.remove(n);
        collect(n, set, resolve);
    }
    for (const QString &root : {schema.queryTypeName(), schema.mutationTypeName(), schema.subscriptionTypeName()})
        if (!root.isEmpty())
            collect(root, set, resolve);
    for (const DirectiveDefinition &d : schema.directives())
        for (const InputValue &a : d.arguments)
            collect(a.type.name, set, resolve);
    collect(QStringLiteral("__Schema"), set, resolve);
    return set.items();
}

QByteArray introspectionFromSchema(const Schema &schema, int indent)
{
    QString out;
    Writer(schema).schema().write(out, indent, 0);
    return out.toUtf8();
}

} // namespace refract::graphql
