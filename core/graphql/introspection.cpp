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
