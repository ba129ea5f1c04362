// Writer: introspectionFromSchema. (The reader, buildClientSchema, is introspectionreader.cpp.)
#include "introspection.h"

#include "ast.h"
#include "parser.h"
#include "schemabuilder.h"

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
