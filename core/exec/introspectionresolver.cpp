#include "introspectionresolver.h"

#include <graphql/introspection.h>

#include <QJsonDocument>
#include <QSet>

#include <functional>

namespace refract::exec {

namespace ast = graphql::ast;

namespace {

/// The type of each introspection field whose value is an object or a list of objects.
QString childType(const QString &parent, const QString &field)
{
    static const QHash<QString, QString> map = {
        {QStringLiteral("__Schema.types"), QStringLiteral("__Type")},
        {QStringLiteral("__Schema.queryType"), QStringLiteral("__Type")},
        {QStringLiteral("__Schema.mutationType"), QStringLiteral("__Type")},
        {QStringLiteral("__Schema.subscriptionType"), QStringLiteral("__Type")},
        {QStringLiteral("__Schema.directives"), QStringLiteral("__Directive")},
        {QStringLiteral("__Type.fields"), QStringLiteral("__Field")},
        {QStringLiteral("__Type.interfaces"), QStringLiteral("__Type")},
        {QStringLiteral("__Type.possibleTypes"), QStringLiteral("__Type")},
        {QStringLiteral("__Type.enumValues"), QStringLiteral("__EnumValue")},
        {QStringLiteral("__Type.inputFields"), QStringLiteral("__InputValue")},
        {QStringLiteral("__Type.ofType"), QStringLiteral("__Type")},
        {QStringLiteral("__Field.args"), QStringLiteral("__InputValue")},
        {QStringLiteral("__Field.type"), QStringLiteral("__Type")},
        {QStringLiteral("__InputValue.type"), QStringLiteral("__Type")},
        {QStringLiteral("__Directive.args"), QStringLiteral("__InputValue")},
    };
    return map.value(parent + QLatin1Char('.') + field);
}

QByteArray jsonText(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return "null";
    case QJsonValue::Bool:
        return v.toBool() ? "true" : "false";
    case QJsonValue::Double:
        return QByteArray::number(v.toDouble(), 'g', 17);
    case QJsonValue::String:
        return QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
    default:
        return QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
    }
}

QByteArray keyText(const QString &key) { return jsonText(QJsonValue(key)); }

} // namespace

struct IntrospectionResolver::Context
{
    const ast::Document &document;
    const QJsonObject &variables;
    QHash<QString, const ast::Definition *> fragments;
    QHash<QString, const ast::VariableDefinition *> variableDefinitions;
};

/// Fields grouped by response key, in first-seen order (the spec's CollectFields).
struct IntrospectionResolver::Collected
{
    QList<QString> keys;
    QHash<QString, QList<const ast::Selection *>> fields;
};

IntrospectionResolver::IntrospectionResolver(const graphql::Schema &schema) : m_queryType(schema.queryTypeName())
{
    const QJsonObject root = QJsonDocument::fromJson(graphql::introspectionFromSchema(schema, 0)).object();
    m_schema = root.value(QStringLiteral("__schema")).toObject();
    for (const QJsonValue &t : m_schema.value(QStringLiteral("types")).toArray())
        m_types.insert(t.toObject().value(QStringLiteral("name")).toString(), t.toObject());
}

bool IntrospectionResolver::onlyIntrospection(const ast::Document &document, const ast::Definition &operation)
{
    if (operation.operation != ast::OperationType::Query || !operation.selectionSet)
        return false;
    QSet<QString> seen;
    std::function<bool(const ast::SelectionSet &)> check = [&](const ast::SelectionSet &set) {
        for (const ast::Selection &s : set.selections) {
            if (s.kind == ast::Selection::Kind::Field) {
                if (!s.name.value.startsWith(QLatin1String("__")))
                    return false;
            } else if (s.kind == ast::Selection::Kind::InlineFragment) {
                if (s.selectionSet && !check(*s.selectionSet))
                    return false;
            } else if (!seen.contains(s.name.value)) {
                seen.insert(s.name.value);
                for (const ast::Definition &d : document.definitions)
                    if (d.kind == ast::Definition::Kind::Fragment && d.name && d.name->value == s.name.value && d.selectionSet
                        && !check(*d.selectionSet))
                        return false;
            }
        }
        return true;
    };
    return check(*operation.selectionSet);
}

QJsonValue IntrospectionResolver::argument(const Context &ctx, const ast::Selection &field, const QString &name) const
{
    for (const ast::Argument &a : field.arguments) {
        if (a.name.value != name)
            continue;
        const ast::Value &v = a.value;
        switch (v.kind) {
        case ast::Value::Kind::Variable: {
            if (ctx.variables.contains(v.value))
                return ctx.variables.value(v.value);
            const ast::VariableDefinition *def = ctx.variableDefinitions.value(v.value);
            if (def && def->defaultValue) {
                const ast::Value &d = *def->defaultValue;
                if (d.kind == ast::Value::Kind::Boolean)
                    return d.boolean;
                if (d.kind == ast::Value::Kind::String || d.kind == ast::Value::Kind::Enum)
                    return d.value;
            }
            return QJsonValue::Null;
        }
        case ast::Value::Kind::Boolean:
            return v.boolean;
        case ast::Value::Kind::String:
        case ast::Value::Kind::Enum:
            return v.value;
        default:
            return QJsonValue::Null;
        }
    }
    return QJsonValue::Undefined;
}

void IntrospectionResolver::collect(const Context &ctx, const ast::SelectionSet &set, const QString &typeName, Collected *out) const
{
    auto included = [&](const std::vector<ast::Directive> &directives) {
        for (const ast::Directive &d : directives) {
            const bool skip = d.name.value == QLatin1String("skip");
            if (!skip && d.name.value != QLatin1String("include"))
                continue;
            bool value = false;
            for (const ast::Argument &a : d.arguments)
                if (a.name.value == QLatin1String("if"))
                    value = a.value.kind == ast::Value::Kind::Variable ? ctx.variables.value(a.value.value).toBool() : a.value.boolean;
            if (skip == value)
                return false;
        }
        return true;
    };
    // Introspection types are objects: a type condition applies when it names the type itself.
    auto applies = [&](const std::optional<ast::Name> &condition) { return !condition || condition->value == typeName; };
    for (const ast::Selection &s : set.selections) {
        if (!included(s.directives))
            continue;
        if (s.kind == ast::Selection::Kind::Field) {
            const QString key = s.alias ? s.alias->value : s.name.value;
            if (!out->fields.contains(key))
                out->keys << key;
            out->fields[key] << &s;
        } else if (s.kind == ast::Selection::Kind::InlineFragment) {
            if (applies(s.typeCondition) && s.selectionSet)
                collect(ctx, *s.selectionSet, typeName, out);
        } else if (const ast::Definition *f = ctx.fragments.value(s.name.value); f && f->selectionSet && applies(f->typeCondition)) {
            collect(ctx, *f->selectionSet, typeName, out);
        }
    }
}

void IntrospectionResolver::writeValue(const Context &ctx, const QJsonValue &value, const QString &typeName,
                                       const ast::Selection &field, const QList<const ast::Selection *> &fields,
                                       QByteArray *out) const
{
    if (typeName.isEmpty() || value.isNull() || value.isUndefined()) {
        *out += jsonText(value);
        return;
    }
    if (value.isArray()) {
        // `includeDeprecated: false` (the default) leaves deprecated entries out.
        const bool filter = (field.name.value == QLatin1String("fields") || field.name.value == QLatin1String("enumValues")
                             || field.name.value == QLatin1String("inputFields") || field.name.value == QLatin1String("args"))
            && !argument(ctx, field, QStringLiteral("includeDeprecated")).toBool(false);
        *out += '[';
        bool first = true;
        for (const QJsonValue &item : value.toArray()) {
            if (filter && item.toObject().value(QStringLiteral("isDeprecated")).toBool())
                continue;
            if (!first)
                *out += ',';
            first = false;
            writeValue(ctx, item, typeName, field, fields, out);
        }
        *out += ']';
        return;
    }
    QJsonObject object = value.toObject();
    // Type references in the introspection result carry only kind/name/ofType: a named one stands
    // for the whole type.
    if (typeName == QLatin1String("__Type")) {
        const QString name = object.value(QStringLiteral("name")).toString();
        if (!name.isEmpty())
            object = m_types.value(name, object);
    }
    writeObject(ctx, object, typeName, fields, out);
}

void IntrospectionResolver::writeObject(const Context &ctx, const QJsonObject &object, const QString &typeName,
                                        const QList<const ast::Selection *> &fields, QByteArray *out) const
{
    Collected collected;
    for (const ast::Selection *f : fields)
        if (f->selectionSet)
            collect(ctx, *f->selectionSet, typeName, &collected);
    *out += '{';
    for (qsizetype i = 0; i < collected.keys.size(); ++i) {
        const QString &key = collected.keys[i];
        const QList<const ast::Selection *> &same = collected.fields[key];
        const ast::Selection &field = *same.first();
        *out += (i ? "," : "") + keyText(key) + ':';
        const QString &name = field.name.value;
        if (name == QLatin1String("__typename")) {
            *out += keyText(typeName);
            continue;
        }
        writeValue(ctx, object.value(name), childType(typeName, name), field, same, out);
    }
    *out += '}';
}

QByteArray IntrospectionResolver::resolve(const ast::Document &document, const ast::Definition &operation,
                                          const QJsonObject &variables) const
{
    Context ctx{document, variables, {}, {}};
    for (const ast::Definition &d : document.definitions)
        if (d.kind == ast::Definition::Kind::Fragment && d.name)
            ctx.fragments.insert(d.name->value, &d);
    for (const ast::VariableDefinition &v : operation.variableDefinitions)
        ctx.variableDefinitions.insert(v.variable.value, &v);
    Collected root;
    if (operation.selectionSet)
        collect(ctx, *operation.selectionSet, m_queryType, &root);
    QByteArray out = "{\"data\":{";
    for (qsizetype i = 0; i < root.keys.size(); ++i) {
        const QString &key = root.keys[i];
        const QList<const ast::Selection *> &same = root.fields[key];
        const ast::Selection &field = *same.first();
        out += (i ? "," : "") + keyText(key) + ':';
        if (field.name.value == QLatin1String("__schema")) {
            writeObject(ctx, m_schema, QStringLiteral("__Schema"), same, &out);
        } else if (field.name.value == QLatin1String("__type")) {
            const QString name = argument(ctx, field, QStringLiteral("name")).toString();
            if (m_types.contains(name))
                writeObject(ctx, m_types.value(name), QStringLiteral("__Type"), same, &out);
            else
                out += "null";
        } else {
            out += keyText(m_queryType); // __typename
        }
    }
    return out + "}}";
}

} // namespace refract::exec
