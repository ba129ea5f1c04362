// Reader: buildClientSchema (graphql-js), the general path: simdjson DOM → type-system AST → buildSchema.
// Well-formed results take the direct reader first (introspectiondirect.cpp); whatever it is unsure of
// comes here. The introspection result is turned into the type-system AST it describes and built like SDL: the
// same coercion of default values, the same handling of deprecation, @specifiedBy and @oneOf. The JSON
// is parsed with simdjson's DOM (QJsonDocument took about 70 % of the time on a 40 MB result) and read
// with QJsonObject's rules, so malformed input fails exactly as it did: a missing or mistyped member reads
// as undefined / "" / false / empty, and of duplicate keys the last one wins.
#include "introspection.h"
#include "introspectiondirect.h"

#include "ast.h"
#include "parser.h"
#include "pendingdefaults.h"
#include "printer.h"
#include "schemabuilder.h"

#include <simdjson.h>

#include <string_view>
#include <unordered_map>

namespace refract::graphql {

using namespace ast;

namespace {

namespace dom = simdjson::dom;

struct IntrospectionError
{
    QString message;
};

QString incompleteResult()
{
    return QStringLiteral("Invalid or incomplete introspection result. Ensure that a full introspection query is used in order to build a client schema.");
}

/// A JSON value as QJsonValue sees it: `present` is false for undefined (a missing member).
struct J
{
    dom::element e;
    bool present = false;

    dom::element_type type() const { return e.type(); }
    bool isString() const { return present && type() == dom::element_type::STRING; }
    bool isObject() const { return present && type() == dom::element_type::OBJECT; }
    bool isArray() const { return present && type() == dom::element_type::ARRAY; }
    std::string_view view() const
    {
        std::string_view s;
        if (!isString() || e.get(s) != simdjson::SUCCESS)
            return {};
        return s;
    }
    QString toString() const
    {
        const std::string_view s = view();
        return QString::fromUtf8(s.data(), qsizetype(s.size()));
    }
    bool toBool() const
    {
        bool b = false;
        if (!present || type() != dom::element_type::BOOL || e.get(b) != simdjson::SUCCESS)
            return false;
        return b;
    }
    /// QJsonObject::value: the last member of that name; undefined on a non-object.
    J operator[](std::string_view key) const
    {
        J out;
        if (!isObject())
            return out;
        dom::object o;
        if (e.get(o) != simdjson::SUCCESS)
            return out;
        for (const dom::key_value_pair kv : o)
            if (kv.key == key)
                out = J{kv.value, true};
        return out;
    }
    /// QJsonValue::toObject().isEmpty()
    bool isEmptyObject() const
    {
        if (!isObject())
            return true;
        dom::object o;
        if (e.get(o) != simdjson::SUCCESS)
            return true;
        return o.begin() == o.end();
    }
    /// Iterates the elements of an array (none for anything else, as toArray() gives an empty array).
    template<typename F>
    void forEach(F &&f) const
    {
        if (!isArray())
            return;
        dom::array a;
        if (e.get(a) != simdjson::SUCCESS)
            return;
        for (const dom::element x : a)
            f(J{x, true});
    }
};

class Reader
{
public:
    Document toDocument(const J &schema)
    {
        Document doc;
        Definition sd;
        sd.kind = Definition::Kind::Schema;
        sd.description = description(schema["description"]);
        const std::pair<std::string_view, OperationType> roots[] = {
            {"queryType", OperationType::Query}, {"mutationType", OperationType::Mutation},
            {"subscriptionType", OperationType::Subscription}};
        for (const auto &[key, op] : roots) {
            const J t = schema[key];
            if (!t.isEmptyObject())
                sd.operationTypes.push_back(OperationTypeDefinition{op, typeName(t["name"]), {}});
        }
        doc.definitions.push_back(std::move(sd));

        const J types = schema["types"];
        if (!types.isArray())
            throw IntrospectionError{QStringLiteral("Invalid or incomplete schema, unknown type: types.")};
        dom::array typeArray;
        if (types.e.get(typeArray) == simdjson::SUCCESS)
            doc.definitions.reserve(typeArray.size() + 1);
        types.forEach([&](const J &t) { doc.definitions.push_back(type(t)); });
        schema["directives"].forEach([&](const J &o) {
            Definition d;
            d.kind = Definition::Kind::Directive;
            d.name = memberName(o["name"]);
            d.description = description(o["description"]);
            d.arguments = inputValues(o["args"]);
            d.repeatable = o["isRepeatable"].toBool();
            o["locations"].forEach([&](const J &l) { d.locations.push_back(name(l)); });
            doc.definitions.push_back(std::move(d));
        });
        return doc;
    }

private:
    static Name name(const J &v) { return Name{v.toString(), {}}; }
    /// The name of a field, argument, input field, enum value or directive. graphql-js would key such a
    /// member "undefined"; a missing or empty name is an incomplete result here, as for types (found by
    /// fuzzing: a nameless input field printed defaults as `{: 3}`, which did not read back).
    static Name memberName(const J &v)
    {
        if (!v.isString() || v.view().empty())
            throw IntrospectionError{incompleteResult()};
        return name(v);
    }

    /// Type names recur in every reference to them: one shared QString per name.
    Name typeName(const J &v)
    {
        const std::string_view s = v.view();
        const auto it = m_names.find(s);
        if (it != m_names.end())
            return Name{it->second, {}};
        QString n = QString::fromUtf8(s.data(), qsizetype(s.size()));
        m_names.emplace(s, n);
        return Name{std::move(n), {}};
    }

    static Value stringValue(QString text)
    {
        Value s;
        s.kind = Value::Kind::String;
        s.value = std::move(text);
        return s;
    }

    static std::optional<Value> description(const J &v)
    {
        if (!v.isString())
            return std::nullopt;
        return stringValue(v.toString());
    }

    static Directive directive(const char *n, const char *argName = nullptr, const QString &argValue = QString())
    {
        Directive d;
        d.name = Name{QString::fromLatin1(n), {}};
        if (argName)
            d.arguments.push_back(Argument{Name{QString::fromLatin1(argName), {}}, stringValue(argValue), {}});
        return d;
    }

    static void addDeprecation(std::vector<Directive> &ds, const J &o)
    {
        const J reason = o["deprecationReason"];
        if (reason.isString())
            ds.push_back(directive("deprecated", "reason", reason.toString()));
    }

    Type typeRef(const J &v, int depth = 0)
    {
        if (v.isEmptyObject() || depth > 64)
            throw IntrospectionError{QStringLiteral("Decorated type deeper than introspection query.")};
        const std::string_view kind = v["kind"].view();
        Type t;
        if (kind == "LIST" || kind == "NON_NULL") {
            const J of = v["ofType"];
            if (!of.isObject())
                throw IntrospectionError{QStringLiteral("Decorated type deeper than introspection query.")};
            t.kind = kind == "LIST" ? Type::Kind::List : Type::Kind::NonNull;
            t.ofType = std::make_unique<Type>(typeRef(of, depth + 1));
            return t;
        }
        t.name = typeName(v["name"]);
        return t;
    }

    std::vector<InputValueDefinition> inputValues(const J &v)
    {
        std::vector<InputValueDefinition> out;
        v.forEach([&](const J &o) {
            InputValueDefinition iv;
            iv.description = description(o["description"]);
            iv.name = memberName(o["name"]);
            iv.type = typeRef(o["type"]);
            const J def = o["defaultValue"];
            if (def.isString()) {
                GraphQLError e;
                iv.defaultValue = parseValue(def.toString(), &e, true);
                if (!iv.defaultValue)
                    throw IntrospectionError{e.message};
            }
            addDeprecation(iv.directives, o);
            out.push_back(std::move(iv));
        });
        return out;
    }

    Definition type(const J &t)
    {
        const std::string_view kind = t["kind"].view();
        // graphql-js's buildType needs a name (found by fuzzing: a nameless type was accepted and then
        // printed as introspection that did not read back).
        const J typeNameValue = t["name"];
        if (!typeNameValue.isString() || typeNameValue.view().empty())
            throw IntrospectionError{incompleteResult()};
        Definition d;
        d.name = typeName(typeNameValue);
        d.description = description(t["description"]);
        if (kind == "SCALAR") {
            d.kind = Definition::Kind::Scalar;
            const J url = t["specifiedByURL"].isString() ? t["specifiedByURL"] : t["specifiedByUrl"];
            if (url.isString())
                d.directives.push_back(directive("specifiedBy", "url", url.toString()));
        } else if (kind == "OBJECT" || kind == "INTERFACE") {
            d.kind = kind == "OBJECT" ? Definition::Kind::Object : Definition::Kind::Interface;
            t["interfaces"].forEach([&](const J &i) { d.interfaces.push_back(typeName(i["name"])); });
            const J fields = t["fields"];
            if (!fields.isArray())
                throw IntrospectionError{QStringLiteral("Introspection result missing fields: %1.").arg(d.name->value)};
            fields.forEach([&](const J &f) {
                FieldDefinition fd;
                fd.description = description(f["description"]);
                fd.name = memberName(f["name"]);
                fd.arguments = inputValues(f["args"]);
                fd.type = typeRef(f["type"]);
                addDeprecation(fd.directives, f);
                d.fields.push_back(std::move(fd));
            });
        } else if (kind == "UNION") {
            d.kind = Definition::Kind::Union;
            t["possibleTypes"].forEach([&](const J &p) { d.types.push_back(typeName(p["name"])); });
        } else if (kind == "ENUM") {
            d.kind = Definition::Kind::Enum;
            t["enumValues"].forEach([&](const J &e) {
                EnumValueDefinition v;
                v.description = description(e["description"]);
                v.name = memberName(e["name"]);
                addDeprecation(v.directives, e);
                d.values.push_back(std::move(v));
            });
        } else if (kind == "INPUT_OBJECT") {
            d.kind = Definition::Kind::InputObject;
            if (t["isOneOf"].toBool())
                d.directives.push_back(directive("oneOf"));
            d.inputFields = inputValues(t["inputFields"]);
        } else {
            throw IntrospectionError{incompleteResult()};
        }
        return d;
    }

    std::unordered_map<std::string_view, QString> m_names; ///< views into the parsed document
};

} // namespace

namespace {

/// buildClientSchema takes the directives as listed; it adds no specified ones that are absent.
void keepListedDirectives(Schema &schema, const J &schemaJson)
{
    QStringList names;
    schemaJson["directives"].forEach([&](const J &d) { names.append(d["name"].toString()); });
    auto &ds = schema.directives();
    ds.erase(std::remove_if(ds.begin(), ds.end(), [&](const DirectiveDefinition &d) { return !names.contains(d.name); }),
             ds.end());
}

std::optional<Schema> read(const QByteArray &json, GraphQLError *error)
{
    dom::parser parser;
    dom::element root;
    if (const simdjson::error_code e = parser.parse(json.constData(), size_t(json.size())).get(root)) {
        if (error)
            *error = GraphQLError{QStringLiteral("Invalid JSON: %1").arg(QString::fromUtf8(simdjson::error_message(e))), {}};
        return std::nullopt;
    }
    J top{root, true};
    if (top["data"].isObject())
        top = top["data"];
    const J schemaJson = top["__schema"];
    if (!schemaJson.isObject()) {
        if (error)
            *error = GraphQLError{QStringLiteral("Invalid or incomplete introspection result. Ensure that you are passing \"data\" property of introspection response and no \"errors\" was returned alongside."), {}};
        return std::nullopt;
    }
    try {
        const Document doc = Reader().toDocument(schemaJson);
        std::optional<Schema> schema = buildSchema(doc, error);
        if (schema)
            keepListedDirectives(*schema, schemaJson);
        return schema;
    } catch (const IntrospectionError &e) {
        if (error)
            *error = GraphQLError{e.message, {}};
    }
    return std::nullopt;
}

} // namespace

std::optional<Schema> buildClientSchema(const QByteArray &json, GraphQLError *error)
{
    if (std::optional<Schema> schema = detail::buildClientSchemaDirect(json))
        return schema;
    return read(json, error);
}

namespace detail {

std::optional<Schema> buildClientSchemaViaAst(const QByteArray &json, GraphQLError *error)
{
    return read(json, error);
}

} // namespace detail

} // namespace refract::graphql
