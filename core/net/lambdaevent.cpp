#include "lambdaevent.h"

#include <exec/engine.h>
#include <exec/mutationevents.h>
#include <graphql/parser.h>
#include <identity/claimsmapping.h>
#include <pg/connectionpool.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace refract::net {

using graphql::ast::Selection;
using graphql::ast::SelectionSet;

namespace {

QByteArray lambdaError(const QString &type, const QString &message, const QJsonArray &errors = {}, const QByteArray &data = "null")
{
    QByteArray out = "{\"errorType\":" + QJsonDocument(QJsonArray{type}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
    out += ",\"errorMessage\":" + QJsonDocument(QJsonArray{message}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
    out += ",\"errors\":" + QJsonDocument(errors.isEmpty() ? QJsonArray{QJsonObject{{QStringLiteral("message"), message}}} : errors)
                               .toJson(QJsonDocument::Compact);
    out += ",\"data\":" + (data.isEmpty() ? QByteArray("null") : data) + '}';
    return out;
}

// What the selection set needs declared: fragments without definitions (by the path of the
// selection set that spreads them and its type) and variables (with the type of the argument).
struct Walk
{
    const graphql::Schema &schema;
    QHash<QString, QPair<QString, QString>> fragments; ///< name → (path, type)
    QHash<QString, QString> variables;                  ///< name → type text
    QString error;

    void selectionSet(const SelectionSet &set, const QString &type, const QString &path)
    {
        const graphql::NamedType *t = schema.type(type);
        for (const Selection &s : set.selections) {
            if (s.kind == Selection::Kind::FragmentSpread) {
                if (!fragments.contains(s.name.value))
                    fragments.insert(s.name.value, qMakePair(path, type));
                continue;
            }
            if (s.kind == Selection::Kind::InlineFragment) {
                if (s.selectionSet)
                    selectionSet(*s.selectionSet, s.typeCondition ? s.typeCondition->value : type, path);
                continue;
            }
            const graphql::Field *f = t ? t->field(s.name.value) : nullptr;
            for (const auto &a : s.arguments) {
                if (a.value.kind != graphql::ast::Value::Kind::Variable || !f)
                    continue;
                for (const graphql::InputValue &iv : f->arguments)
                    if (iv.name == a.name.value)
                        variables.insert(a.value.value, iv.type.toString());
            }
            if (s.selectionSet && f)
                selectionSet(*s.selectionSet, f->type.name, path.isEmpty() ? s.name.value : path + QLatin1Char('/') + s.name.value);
        }
    }
};

// The fields of `selectionSetList` below `path` as a selection set over `type`; names that are
// not fields of the type (AppSync lists aliased fields by their alias) are left out.
QString selectionFromList(const graphql::Schema &schema, const QStringList &list, const QString &path, const QString &type)
{
    const QString prefix = path.isEmpty() ? QString() : path + QLatin1Char('/');
    QStringList direct;
    for (const QString &p : list) {
        if (!p.startsWith(prefix))
            continue;
        const QString rest = p.mid(prefix.size());
        if (rest.isEmpty() || rest.contains(QLatin1Char('/')))
            continue;
        if (!direct.contains(rest))
            direct << rest;
    }
    const graphql::NamedType *t = schema.type(type);
    QStringList parts;
    for (const QString &name : direct) {
        const graphql::Field *f = t ? t->field(name) : nullptr;
        if (!f)
            continue;
        const graphql::NamedType *ft = schema.type(f->type.name);
        const bool leaf = !ft || ft->kind == graphql::TypeKind::Scalar || ft->kind == graphql::TypeKind::Enum;
        if (leaf) {
            parts << name;
            continue;
        }
        const QString sub = selectionFromList(schema, list, prefix + name, f->type.name);
        if (!sub.isEmpty())
            parts << name + QLatin1Char(' ') + sub;
    }
    return parts.isEmpty() ? QString() : QStringLiteral("{ ") + parts.join(QLatin1Char(' ')) + QStringLiteral(" }");
}

} // namespace

LambdaEvent::LambdaEvent(const exec::Engine &engine, const QString &defaultRole) : m_engine(engine), m_defaultRole(defaultRole) {}

QString LambdaEvent::operationText(const QJsonObject &event, QJsonObject *variables, QString *error) const
{
    const QJsonObject info = event.value(QLatin1String("info")).toObject();
    const QString parent = info.value(QLatin1String("parentTypeName")).toString();
    const QString fieldName = info.value(QLatin1String("fieldName")).toString();
    const graphql::Schema &schema = m_engine.schema();
    QString opType;
    if (parent == schema.queryTypeName())
        opType = QStringLiteral("query");
    else if (parent == schema.mutationTypeName() && !parent.isEmpty())
        opType = QStringLiteral("mutation");
    else {
        *error = parent.isEmpty() ? QStringLiteral("The event has no info.parentTypeName.")
                                  : QStringLiteral("A Direct Lambda resolver answers Query and Mutation fields, not %1.").arg(parent);
        return {};
    }
    const graphql::Field *f = schema.type(parent) ? schema.type(parent)->field(fieldName) : nullptr;
    if (!f) {
        *error = QStringLiteral("Cannot query field \"%1\" on type \"%2\".").arg(fieldName, parent);
        return {};
    }
    const QJsonValue argsValue = event.value(QLatin1String("arguments"));
    if (!argsValue.isUndefined() && !argsValue.isNull() && !argsValue.isObject()) {
        *error = QStringLiteral("The event's arguments must be an object.");
        return {};
    }
    const QJsonObject args = argsValue.toObject();
    QStringList defs, call;
    for (const graphql::InputValue &iv : f->arguments) {
        if (!args.contains(iv.name))
            continue;
        const QString var = QStringLiteral("_refractArg_") + iv.name;
        defs << QStringLiteral("$%1: %2").arg(var, iv.type.toString());
        call << QStringLiteral("%1: $%2").arg(iv.name, var);
        variables->insert(var, args.value(iv.name));
    }
    for (auto it = args.begin(); it != args.end(); ++it)
        if (!f->arguments.isEmpty() && std::none_of(f->arguments.begin(), f->arguments.end(), [&](const graphql::InputValue &iv) { return iv.name == it.key(); })) {
            *error = QStringLiteral("Unknown argument \"%1\" on field \"%2.%3\".").arg(it.key(), parent, fieldName);
            return {};
        }

    QString selection = info.value(QLatin1String("selectionSetGraphQL")).toString().trimmed();
    const graphql::NamedType *rt = schema.type(f->type.name);
    const bool leaf = !rt || rt->kind == graphql::TypeKind::Scalar || rt->kind == graphql::TypeKind::Enum;
    QString fragments;
    if (!selection.isEmpty() && !leaf) {
        // Parse the selection set alone to learn what it references.
        const graphql::ParseResult parsed = graphql::parse(QStringLiteral("query ") + selection);
        if (!parsed.document || parsed.document->definitions.empty() || !parsed.document->definitions.front().selectionSet) {
            *error = QStringLiteral("info.selectionSetGraphQL is not a selection set: %1")
                         .arg(parsed.error ? parsed.error->message : QStringLiteral("empty"));
            return {};
        }
        Walk walk{schema, {}, {}, {}};
        walk.selectionSet(*parsed.document->definitions.front().selectionSet, f->type.name, QString());
        QStringList list;
        for (const QJsonValue &v : info.value(QLatin1String("selectionSetList")).toArray())
            list << v.toString();
        for (auto it = walk.fragments.cbegin(); it != walk.fragments.cend(); ++it) {
            const QString body = selectionFromList(schema, list, it->first, it->second);
            if (body.isEmpty()) {
                *error = QStringLiteral("Fragment \"%1\" cannot be rebuilt: info.selectionSetList lists none of its fields.").arg(it.key());
                return {};
            }
            fragments += QStringLiteral("\nfragment %1 on %2 %3").arg(it.key(), it->second, body);
        }
        const QJsonObject clientVariables = info.value(QLatin1String("variables")).toObject();
        for (auto it = walk.variables.cbegin(); it != walk.variables.cend(); ++it) {
            defs << QStringLiteral("$%1: %2").arg(it.key(), it.value());
            if (clientVariables.contains(it.key()))
                variables->insert(it.key(), clientVariables.value(it.key()));
        }
    } else if (leaf) {
        selection.clear();
    } else {
        *error = QStringLiteral("info.selectionSetGraphQL is empty, but %1 returns an object.").arg(fieldName);
        return {};
    }
    QString text = opType;
    if (!defs.isEmpty())
        text += QLatin1Char('(') + defs.join(QStringLiteral(", ")) + QLatin1Char(')');
    text += QStringLiteral(" { ") + fieldName;
    if (!call.isEmpty())
        text += QLatin1Char('(') + call.join(QStringLiteral(", ")) + QLatin1Char(')');
    if (!selection.isEmpty())
        text += QLatin1Char(' ') + selection;
    text += QStringLiteral(" }") + fragments;
    return text;
}

LambdaEvent::Result LambdaEvent::handle(const QByteArray &eventJson, pg::Connection &connection) const
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(eventJson, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        Result r;
        r.badEvent = true;
        r.json = lambdaError(QStringLiteral("BadEvent"), pe.error != QJsonParseError::NoError
                                 ? QStringLiteral("The event is not JSON: %1 at offset %2.").arg(pe.errorString()).arg(pe.offset)
                                 : QStringLiteral("The event must be a JSON object."));
        return r;
    }
    return handle(doc.object(), connection);
}

LambdaEvent::Result LambdaEvent::handle(const QJsonObject &event, pg::Connection &connection) const
{
    Result r;
    QJsonObject variables;
    QString error;
    const QString text = operationText(event, &variables, &error);
    if (text.isEmpty()) {
        r.badEvent = true;
        r.json = lambdaError(QStringLiteral("BadEvent"), error);
        return r;
    }
    // Settings as the sample builds them: the identity flattened under `appsync.identity_…`, then
    // `stash.pgSettings` under `appsync.…`; PostgreSQL-invalid names made valid.
    exec::Request req;
    req.query = text;
    req.variables = variables;
    const QJsonValue identity = event.value(QLatin1String("identity"));
    req.settings = identity::ClaimsMapping::preset(QStringLiteral("appsync"))->settings(identity.toObject(), m_defaultRole);
    const QJsonObject pgSettings = event.value(QLatin1String("stash")).toObject().value(QLatin1String("pgSettings")).toObject();
    if (!pgSettings.isEmpty()) {
        QString e;
        const auto stash = identity::ClaimsMapping::custom(
            QJsonObject{{QStringLiteral("prefix"), QStringLiteral("appsync.")}, {QStringLiteral("nested"), QStringLiteral("flatten")},
                        {QStringLiteral("roleClaim"), QJsonValue(QJsonValue::Null)}}, &e);
        if (stash)
            req.settings += stash->settings(pgSettings, QString());
    }
    exec::ExecutionResult result;
    if (m_runMutation && text.startsWith(QLatin1String("mutation")))
        result.json = m_runMutation(req, connection, &result.requestError);
    else
        result = m_engine.execute(req, connection);
    const QString fieldName = event.value(QLatin1String("info")).toObject().value(QLatin1String("fieldName")).toString();
    const auto errs = exec::jsontext::member(result.json, 0, "errors");
    const auto data = exec::jsontext::member(result.json, 0, "data");
    QByteArray value = "null";
    if (data.first >= 0 && result.json.at(data.first) == '{') {
        const auto v = exec::jsontext::member(result.json, data.first, fieldName.toUtf8());
        if (v.first >= 0)
            value = result.json.mid(v.first, v.second - v.first);
    }
    if (errs.first < 0) {
        r.ok = true;
        r.json = value;
        return r;
    }
    const QJsonArray errors = QJsonDocument::fromJson(result.json.mid(errs.first, errs.second - errs.first)).array();
    const QString message = errors.isEmpty() ? QStringLiteral("Unknown error") : errors.at(0).toObject().value(QLatin1String("message")).toString();
    r.json = lambdaError(result.requestError ? QStringLiteral("ValidationError") : QStringLiteral("ExecutionError"), message, errors, value);
    return r;
}

HttpResponse LambdaEvent::handleHttp(const HttpRequest &request, pg::ConnectionPool &pool, int acquireTimeoutMs) const
{
    auto failure = [](int status, const QString &type, const QString &message) {
        HttpResponse r = HttpResponse::json(status, lambdaError(type, message));
        r.addHeader("X-Amz-Function-Error", "Unhandled");
        return r;
    };
    if (request.method != "POST") {
        HttpResponse r = failure(405, QStringLiteral("BadRequest"), QStringLiteral("POST the AppSync event as JSON."));
        r.addHeader("Allow", "POST");
        return r;
    }
    const QByteArray ct = request.header("content-type").split(';').value(0).trimmed().toLower();
    if (ct != "application/json")
        return failure(415, QStringLiteral("BadRequest"), QStringLiteral("Send the event as application/json."));
    QString poolError;
    pg::ConnectionPool::Lease connection(pool, acquireTimeoutMs, &poolError);
    if (!connection)
        return failure(503, QStringLiteral("DatabaseUnavailable"), QStringLiteral("The database is not available: %1").arg(poolError.simplified()));
    const Result result = handle(request.body, *connection.get());
    if (result.ok)
        return HttpResponse::json(200, result.json);
    HttpResponse r = HttpResponse::json(result.badEvent ? 400 : 200, result.json);
    r.addHeader("X-Amz-Function-Error", "Unhandled");
    return r;
}

} // namespace refract::net
