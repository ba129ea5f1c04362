#include "subscriptionplanner.h"

#include <exec/engine.h>
#include <exec/mutationevents.h>
#include <graphql/parser.h>
#include <graphql/validator.h>
#include <pg/connection.h>
#include <reflect/fieldmeta.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace refract::net {

using graphql::GraphQLError;
using graphql::ast::Definition;
using graphql::ast::Selection;
using reflect::FieldMeta;

namespace {

const QString kListen = QStringLiteral("listen");
const QString kListenPayload = QStringLiteral("ListenPayload");
const QString kFilterKey = QStringLiteral("_refractFilter");
const QString kNodeIdVar = QStringLiteral("_refractNodeId");

QString slice(const QString &source, const graphql::ast::Location &loc)
{
    return source.mid(loc.start, loc.end - loc.start);
}

GraphQLError error(const QString &message)
{
    return GraphQLError{message, {}};
}

/// The variables and fragments a part of the subscription uses (validation rejects unused ones).
struct Usage
{
    QSet<QString> variables;
    QSet<QString> fragments;

    void value(const graphql::ast::Value &v)
    {
        if (v.kind == graphql::ast::Value::Kind::Variable)
            variables.insert(v.value);
        for (const auto &x : v.list)
            value(x);
        for (const auto &f : v.fields)
            value(f.value);
    }
    void directives(const std::vector<graphql::ast::Directive> &ds)
    {
        for (const auto &d : ds)
            for (const auto &a : d.arguments)
                value(a.value);
    }
    void selections(const graphql::ast::SelectionSet &set, const graphql::ast::Document &doc)
    {
        for (const Selection &s : set.selections)
            selection(s, doc);
    }
    void selection(const Selection &s, const graphql::ast::Document &doc)
    {
        for (const auto &a : s.arguments)
            value(a.value);
        directives(s.directives);
        if (s.kind == Selection::Kind::FragmentSpread && !fragments.contains(s.name.value)) {
            fragments.insert(s.name.value);
            for (const Definition &d : doc.definitions)
                if (d.kind == Definition::Kind::Fragment && d.name && d.name->value == s.name.value && d.selectionSet) {
                    directives(d.directives);
                    selections(*d.selectionSet, doc);
                }
        }
        if (s.selectionSet)
            selections(*s.selectionSet, doc);
    }
};

// `query Name($a: T, …) { body } fragment …`: the subscription's variable definitions and
// fragments that `used` names carried over, so the selection set means what it meant there.
QString buildQuery(const QString &source, const graphql::ast::Document &doc, const Definition &op,
                   const QStringList &extraVarDefs, const QString &body, const Usage &used)
{
    QStringList defs;
    for (const auto &vd : op.variableDefinitions)
        if (used.variables.contains(vd.variable.value))
            defs << slice(source, vd.loc);
    defs << extraVarDefs;
    QString q = QStringLiteral("query RefractEvent");
    if (!defs.isEmpty())
        q += QLatin1Char('(') + defs.join(QStringLiteral(", ")) + QLatin1Char(')');
    q += QStringLiteral(" { ") + body + QStringLiteral(" }");
    for (const Definition &d : doc.definitions)
        if (d.kind == Definition::Kind::Fragment && d.name && used.fragments.contains(d.name->value))
            q += QLatin1Char('\n') + slice(source, d.loc);
    return q;
}

// The value text of `data.<key>` in a response, or empty when absent/null.
QByteArray dataMember(const QByteArray &response, const QString &key)
{
    const auto data = exec::jsontext::member(response, 0, "data");
    if (data.first < 0 || response.at(data.first) != '{')
        return {};
    const auto m = exec::jsontext::member(response, data.first, key.toUtf8());
    if (m.first < 0)
        return {};
    const QByteArray v = response.mid(m.first, m.second - m.first);
    return v == "null" ? QByteArray() : v;
}

} // namespace

SubscriptionPlanner::SubscriptionPlanner(const exec::Engine &engine, const QString &topicPrefix)
    : m_engine(engine), m_prefix(topicPrefix), m_schema(engine.schema())
{
    addListenField();
}

void SubscriptionPlanner::addListenField()
{
    // @graphile/pg-pubsub's PgGenericSubscriptionPlugin: `listen(topic: String!, initialEvent:
    // Boolean! = false): ListenPayload!` with `query: Query` and, when the schema has Node,
    // `relatedNode: Node` and `relatedNodeId: ID`.
    const QString queryType = m_schema.queryTypeName();
    const FieldMeta *nodeMeta = m_engine.meta().field(queryType, QStringLiteral("node"));
    m_hasNode = nodeMeta && nodeMeta->kind == FieldMeta::Kind::QueryNode && m_schema.type(QStringLiteral("Node"));

    QString subscription = m_schema.subscriptionTypeName();
    if (!subscription.isEmpty() && m_schema.type(subscription) && m_schema.type(subscription)->field(kListen))
        return; // the schema has its own `listen`; leave it alone
    graphql::NamedType payload;
    payload.kind = graphql::TypeKind::Object;
    payload.name = kListenPayload;
    graphql::Field q;
    q.name = QStringLiteral("query");
    q.description = QStringLiteral("Our root query field type. Allows us to run any query from our subscription payload.");
    q.type = graphql::TypeRef::named(queryType);
    payload.fields << q;
    if (m_hasNode) {
        graphql::Field n;
        n.name = QStringLiteral("relatedNode");
        n.type = graphql::TypeRef::named(QStringLiteral("Node"));
        graphql::Field id;
        id.name = QStringLiteral("relatedNodeId");
        id.type = graphql::TypeRef::named(QStringLiteral("ID"));
        payload.fields << n << id;
    }
    m_schema.addType(payload);
    if (subscription.isEmpty()) {
        subscription = QStringLiteral("Subscription");
        graphql::NamedType s;
        s.kind = graphql::TypeKind::Object;
        s.name = subscription;
        m_schema.addType(s);
        m_schema.setSubscriptionTypeName(subscription);
    }
    graphql::Field listen;
    listen.name = kListen;
    graphql::InputValue topic;
    topic.name = QStringLiteral("topic");
    topic.type = graphql::TypeRef::named(QStringLiteral("String")).nonNull();
    graphql::InputValue initial;
    initial.name = QStringLiteral("initialEvent");
    initial.description = QStringLiteral("If true, this subscription will trigger an event as soon as it initiates.");
    initial.type = graphql::TypeRef::named(QStringLiteral("Boolean")).nonNull();
    initial.defaultValue = QStringLiteral("false");
    listen.arguments << topic << initial;
    listen.type = graphql::TypeRef::named(kListenPayload).nonNull();
    m_schema.type(subscription)->fields << listen;
    m_schema.addBuiltInScalars();
    m_schema.addBuiltInDirectives();
}

QString SubscriptionPlanner::nodeIdFor(const QJsonArray &node)
{
    return QString::fromLatin1(QJsonDocument(node).toJson(QJsonDocument::Compact).toBase64());
}

std::optional<SubscriptionPlan> SubscriptionPlanner::plan(const QString &query, const QString &operationName,
                                                          const QJsonObject &variables, QList<GraphQLError> *errors) const
{
    const graphql::ParseResult parsed = graphql::parse(query);
    if (!parsed.document) {
        *errors = {*parsed.error};
        return std::nullopt;
    }
    const graphql::ast::Document &doc = *parsed.document;
    *errors = graphql::validate(m_schema, doc);
    if (!errors->isEmpty())
        return std::nullopt;
    const Definition *op = exec::findOperation(doc, operationName);
    if (!op) {
        *errors = {error(operationName.isEmpty() ? QStringLiteral("Must provide operation name if query contains multiple operations.")
                                                 : QStringLiteral("Unknown operation named \"%1\".").arg(operationName))};
        return std::nullopt;
    }
    if (op->operation != graphql::ast::OperationType::Subscription || !op->selectionSet
        || op->selectionSet->selections.empty()) {
        *errors = {error(QStringLiteral("Not a subscription operation."))};
        return std::nullopt;
    }
    const Selection &sel = op->selectionSet->selections.front();
    if (sel.kind != Selection::Kind::Field) {
        *errors = {error(QStringLiteral("Write the subscription's field at the root of the operation, not in a fragment."))};
        return std::nullopt;
    }
    SubscriptionPlan p;
    p.responseKey = sel.alias ? sel.alias->value : sel.name.value;
    p.variables = variables;
    const QString subscriptionType = m_schema.subscriptionTypeName();
    const graphql::Field *sf = m_schema.type(subscriptionType)->field(sel.name.value);
    QJsonObject args;
    for (const auto &a : sel.arguments)
        args.insert(a.name.value, exec::astValueToJson(a.value, variables));

    if (sel.name.value == kListen && !m_engine.meta().field(subscriptionType, kListen)) {
        p.kind = SubscriptionPlan::Kind::Listen;
        const QString topic = args.value(QStringLiteral("topic")).toString();
        if (topic.isEmpty()) {
            *errors = {error(QStringLiteral("listen: topic must be a non-empty string."))};
            return std::nullopt;
        }
        p.channel = m_prefix + topic;
        p.initialEvent = args.value(QStringLiteral("initialEvent")).toBool();
        // The payload's fields (fragments on ListenPayload flattened). `query` runs its selection
        // set as an operation of its own; `relatedNode` reads the node by its id.
        std::function<void(const graphql::ast::SelectionSet &)> collect = [&](const graphql::ast::SelectionSet &set) {
            for (const Selection &s : set.selections) {
                if (s.kind == Selection::Kind::InlineFragment && s.selectionSet) {
                    collect(*s.selectionSet);
                    continue;
                }
                if (s.kind == Selection::Kind::FragmentSpread) {
                    for (const Definition &d : doc.definitions)
                        if (d.kind == Definition::Kind::Fragment && d.name && d.name->value == s.name.value && d.selectionSet)
                            collect(*d.selectionSet);
                    continue;
                }
                SubscriptionPlan::ListenField lf;
                lf.key = s.alias ? s.alias->value : s.name.value;
                lf.name = s.name.value;
                if (s.selectionSet) {
                    Usage used;
                    used.selections(*s.selectionSet, doc);
                    const QString sub = slice(query, s.selectionSet->loc);
                    if (lf.name == QLatin1String("query"))
                        lf.query = buildQuery(query, doc, *op, {}, sub.mid(1).chopped(1), used);
                    else if (lf.name == QLatin1String("relatedNode"))
                        lf.query = buildQuery(query, doc, *op, {QStringLiteral("$%1: ID!").arg(kNodeIdVar)},
                                              QStringLiteral("node: node(%1: $%2) ").arg(m_engine.options().effectiveNodeIdFieldName(), kNodeIdVar) + sub,
                                              used);
                }
                p.listenFields << lf;
            }
        };
        collect(*sel.selectionSet);
        return p;
    }

    const FieldMeta *m = m_engine.meta().field(subscriptionType, sel.name.value);
    if (!m || m->kind != FieldMeta::Kind::Subscription || !sf) {
        *errors = {error(QStringLiteral("Subscription field \"%1\" has no event source.").arg(sel.name.value))};
        return std::nullopt;
    }
    p.kind = SubscriptionPlan::Kind::MutationEvent;
    p.topic = m->subscribedMutation;
    const QString rowType = sf->type.name;
    const reflect::Oid classOid = m_engine.meta().classByTypeName.value(rowType);

    // The filter: the `filter` JSON plus AppSync's argument filtering (any other argument given
    // must equal the payload's field of the same name).
    QJsonArray all;
    if (args.value(QStringLiteral("filter")).isString()) {
        QString ferr;
        const auto f = exec::AppSyncFilter::parse(args.value(QStringLiteral("filter")).toString(), &ferr);
        if (!f) {
            *errors = {error(ferr)};
            return std::nullopt;
        }
        if (!f->isEmpty())
            all << QJsonDocument::fromJson(args.value(QStringLiteral("filter")).toString().toUtf8()).object();
    }
    for (auto it = args.begin(); it != args.end(); ++it)
        if (it.key() != QLatin1String("filter") && !it.value().isNull())
            all << QJsonObject{{it.key(), QJsonObject{{QStringLiteral("eq"), it.value()}}}};
    QString ferr;
    if (!all.isEmpty())
        p.filter = *exec::AppSyncFilter::fromJson(all.size() == 1 ? all.at(0) : QJsonValue(QJsonObject{{QStringLiteral("and"), all}}), &ferr);

    // The filter's fields, read in the same statement as the row so the filter sees the
    // subscriber's view of it.
    QString filterSelection;
    {
        struct PathNode
        {
            QString name;
            QList<PathNode> children;
        };
        QList<PathNode> roots;
        for (const QStringList &path : p.filter.fieldPaths()) {
            QList<PathNode> *level = &roots;
            QString type = rowType;
            for (qsizetype i = 0; i < path.size(); ++i) {
                const graphql::NamedType *t = m_schema.type(type);
                const graphql::Field *f = t ? t->field(path[i]) : nullptr;
                if (!f) {
                    *errors = {error(QStringLiteral("filter: \"%1\" is not a field of %2.").arg(path.mid(0, i + 1).join(QLatin1Char('.')), type))};
                    return std::nullopt;
                }
                const graphql::NamedType *ft = m_schema.type(f->type.name);
                const bool leaf = !ft || ft->kind == graphql::TypeKind::Scalar || ft->kind == graphql::TypeKind::Enum;
                if (leaf != (i == path.size() - 1)) {
                    *errors = {error(leaf ? QStringLiteral("filter: \"%1\" is not an object.").arg(path.mid(0, i + 1).join(QLatin1Char('.')))
                                          : QStringLiteral("filter: \"%1\" is an object; compare one of its fields.").arg(path.join(QLatin1Char('.'))))};
                    return std::nullopt;
                }
                for (const graphql::InputValue &a : f->arguments)
                    if (a.type.isNonNull() && !a.defaultValue) {
                        *errors = {error(QStringLiteral("filter: \"%1\" needs arguments.").arg(path[i]))};
                        return std::nullopt;
                    }
                auto it = std::find_if(level->begin(), level->end(), [&](const PathNode &n) { return n.name == path[i]; });
                if (it == level->end()) {
                    level->append(PathNode{path[i], {}});
                    it = level->end() - 1;
                }
                level = &it->children;
                type = f->type.name;
            }
        }
        std::function<QString(const QList<PathNode> &)> print = [&](const QList<PathNode> &nodes) {
            QStringList parts;
            for (const PathNode &n : nodes)
                parts << (n.children.isEmpty() ? n.name : n.name + QStringLiteral(" { ") + print(n.children) + QStringLiteral(" }"));
            return parts.join(QLatin1Char(' '));
        };
        if (!roots.isEmpty())
            filterSelection = QStringLiteral("{ ") + print(roots) + QStringLiteral(" }");
    }
    p.selectsFilterFields = !filterSelection.isEmpty();

    // One re-select per unique key of the row, by the Query finder for that key.
    const graphql::NamedType *q = m_schema.type(m_schema.queryTypeName());
    for (const graphql::Field &f : q ? q->fields : QList<graphql::Field>{}) {
        const FieldMeta *fm = m_engine.meta().field(q->name, f.name);
        if (!fm || fm->kind != FieldMeta::Kind::RowByUniqueKey || fm->classOid != classOid || !classOid)
            continue;
        SubscriptionPlan::Finder finder;
        QStringList defs, callArgs;
        for (qsizetype i = 0; i < f.arguments.size(); ++i) {
            const QString var = QStringLiteral("_refractK%1").arg(i);
            defs << QStringLiteral("$%1: %2").arg(var, f.arguments[i].type.toString());
            callArgs << QStringLiteral("%1: $%2").arg(f.arguments[i].name, var);
            finder.keyFields << f.arguments[i].name;
        }
        const QString call = f.name + QLatin1Char('(') + callArgs.join(QStringLiteral(", ")) + QLatin1Char(')');
        QString body = p.responseKey + QStringLiteral(": ") + call + QLatin1Char(' ') + slice(query, sel.selectionSet->loc);
        if (!filterSelection.isEmpty())
            body += QLatin1Char(' ') + kFilterKey + QStringLiteral(": ") + call + QLatin1Char(' ') + filterSelection;
        Usage used;
        used.selections(*sel.selectionSet, doc);
        finder.query = buildQuery(query, doc, *op, defs, body, used);
        p.finders << finder;
    }
    p.cacheKey = p.responseKey.toUtf8() + '\x1d' + QJsonDocument(args).toJson(QJsonDocument::Compact) + '\x1d'
        + QJsonDocument(variables).toJson(QJsonDocument::Compact);
    for (const SubscriptionPlan::Finder &f : p.finders)
        p.cacheKey += '\x1d' + f.query.toUtf8();
    if (p.finders.isEmpty()) {
        *errors = {error(QStringLiteral("%1 cannot be followed: %2 has no unique key to read its rows by.").arg(sel.name.value, rowType))};
        return std::nullopt;
    }
    return p;
}

std::optional<QByteArray> SubscriptionPlanner::mutationResult(const SubscriptionPlan &plan, const exec::MutationEvent &event,
                                                              const Settings &settings, pg::Connection &connection) const
{
    for (const SubscriptionPlan::Finder &finder : plan.finders) {
        exec::Request req;
        req.variables = plan.variables;
        bool complete = true;
        for (qsizetype i = 0; i < finder.keyFields.size(); ++i) {
            const QJsonValue v = event.keys.value(finder.keyFields[i]);
            complete = complete && !v.isNull() && !v.isUndefined();
            req.variables.insert(QStringLiteral("_refractK%1").arg(i), v);
        }
        if (!complete)
            continue; // a nullable unique key without a value: try the next key
        req.query = finder.query;
        req.settings = settings;
        const exec::ExecutionResult r = m_engine.execute(req, connection);
        const QByteArray row = dataMember(r.json, plan.responseKey);
        if (row.isEmpty())
            return std::nullopt; // invisible to this subscriber (RLS), or gone (deleted)
        if (!plan.filter.isEmpty()) {
            QJsonObject seen;
            if (plan.selectsFilterFields)
                seen = QJsonDocument::fromJson(dataMember(r.json, kFilterKey)).object();
            if (!plan.filter.matches(seen))
                return std::nullopt;
        }
        QByteArray out = "{\"data\":{";
        out += QJsonDocument(QJsonArray{plan.responseKey}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
        out += ':' + row + "}}";
        return out;
    }
    return std::nullopt;
}

QByteArray SubscriptionPlanner::listenResult(const SubscriptionPlan &plan, const QString &notifyPayload, const Settings &settings,
                                             pg::Connection &connection) const
{
    // pg-pubsub: a JSON payload may name a node with `__node__: [alias, ...primary key]`.
    QString nodeId;
    const QJsonDocument payload = QJsonDocument::fromJson(notifyPayload.toUtf8());
    if (m_hasNode && payload.isObject() && payload.object().value(QLatin1String("__node__")).isArray())
        nodeId = nodeIdFor(payload.object().value(QLatin1String("__node__")).toArray());
    auto quoted = [](const QString &t) { return QJsonDocument(QJsonArray{t}).toJson(QJsonDocument::Compact).mid(1).chopped(1); };
    QByteArray errors;
    auto run = [&](const QString &text, const QJsonObject &extra) {
        exec::Request req;
        req.query = text;
        req.variables = plan.variables;
        for (auto it = extra.begin(); it != extra.end(); ++it)
            req.variables.insert(it.key(), it.value());
        req.settings = settings;
        const QByteArray json = m_engine.execute(req, connection).json;
        // Errors of a read (a permission error under `query`, say) travel with the event.
        const auto e = exec::jsontext::member(json, 0, "errors");
        if (e.first >= 0)
            errors += (errors.isEmpty() ? "" : ",") + json.mid(e.first + 1, e.second - e.first - 2);
        return json;
    };
    QByteArray obj = "{";
    for (const SubscriptionPlan::ListenField &f : plan.listenFields) {
        if (obj.size() > 1)
            obj += ',';
        obj += quoted(f.key) + ':';
        QByteArray v;
        if (f.name == QLatin1String("__typename"))
            v = quoted(kListenPayload);
        else if (f.name == QLatin1String("relatedNodeId"))
            v = nodeId.isEmpty() ? QByteArray() : quoted(nodeId);
        else if (f.name == QLatin1String("relatedNode") && !nodeId.isEmpty() && !f.query.isEmpty())
            v = dataMember(run(f.query, QJsonObject{{kNodeIdVar, nodeId}}), QStringLiteral("node"));
        else if (f.name == QLatin1String("query") && !f.query.isEmpty()) {
            const QByteArray json = run(f.query, {});
            const auto d = exec::jsontext::member(json, 0, "data");
            if (d.first >= 0)
                v = json.mid(d.first, d.second - d.first);
        }
        obj += v.isEmpty() ? QByteArray("null") : v;
    }
    obj += '}';
    QByteArray out = "{\"data\":{" + quoted(plan.responseKey) + ':' + obj + "}";
    if (!errors.isEmpty())
        out += ",\"errors\":[" + errors + "]";
    return out + '}';
}

} // namespace refract::net
