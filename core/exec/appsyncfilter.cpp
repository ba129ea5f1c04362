#include "appsyncfilter.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <QJsonArray>

namespace refract::exec {

namespace {

using Node = AppSyncFilter::Node;
using Op = Node::Op;

// AppSync caps a filter at a few groups of a few conditions; deep nesting only costs us stack, so
// the parser bounds it (bad input gets an error, never a crash).
constexpr int kMaxDepth = 16;

std::optional<Op> opFromName(const QString &n)
{
    static const QList<QPair<QLatin1String, Op>> ops = {
        {QLatin1String("eq"), Op::Eq}, {QLatin1String("ne"), Op::Ne}, {QLatin1String("gt"), Op::Gt},
        {QLatin1String("ge"), Op::Ge}, {QLatin1String("lt"), Op::Lt}, {QLatin1String("le"), Op::Le},
        {QLatin1String("in"), Op::In}, {QLatin1String("notIn"), Op::NotIn}, {QLatin1String("between"), Op::Between},
        {QLatin1String("contains"), Op::Contains}, {QLatin1String("notContains"), Op::NotContains},
        {QLatin1String("beginsWith"), Op::BeginsWith},
    };
    for (const auto &p : ops)
        if (n == p.first)
            return p.second;
    return std::nullopt;
}

bool isScalar(const QJsonValue &v)
{
    return v.isString() || v.isDouble() || v.isBool() || v.isNull();
}

bool checkOperand(const QString &field, const QString &opName, Op op, const QJsonValue &v, QString *error)
{
    auto fail = [&](const QString &what) {
        *error = QStringLiteral("filter: operator \"%1\" on \"%2\" %3").arg(opName, field, what);
        return false;
    };
    switch (op) {
    case Op::In:
    case Op::NotIn: {
        if (!v.isArray())
            return fail(QStringLiteral("needs an array of values"));
        for (const QJsonValue &x : v.toArray())
            if (!isScalar(x))
                return fail(QStringLiteral("needs an array of scalar values"));
        return true;
    }
    case Op::Between: {
        const QJsonArray a = v.toArray();
        if (!v.isArray() || a.size() != 2 || !(a[0].isDouble() || a[0].isString()) || a[0].type() != a[1].type())
            return fail(QStringLiteral("needs an array of two numbers or two strings"));
        return true;
    }
    case Op::Gt:
    case Op::Ge:
    case Op::Lt:
    case Op::Le:
        if (!v.isDouble() && !v.isString())
            return fail(QStringLiteral("needs a number or a string"));
        return true;
    case Op::BeginsWith:
        if (!v.isString())
            return fail(QStringLiteral("needs a string"));
        return true;
    case Op::Contains:
    case Op::NotContains:
        if (!v.isString() && !v.isDouble() && !v.isBool())
            return fail(QStringLiteral("needs a string, number or boolean"));
        return true;
    case Op::Eq:
    case Op::Ne:
        if (!isScalar(v))
            return fail(QStringLiteral("needs a scalar value"));
        return true;
    }
    return true;
}

bool addCondition(Node *into, const QString &field, const QString &opName, const QJsonValue &v, QString *error)
{
    if (field.isEmpty() || field.startsWith(QLatin1Char('.')) || field.endsWith(QLatin1Char('.'))) {
        *error = QStringLiteral("filter: invalid field name \"%1\"").arg(field);
        return false;
    }
    const std::optional<Op> op = opFromName(opName);
    if (!op) {
        *error = QStringLiteral("filter: unknown operator \"%1\" on \"%2\" (expected eq, ne, gt, ge, lt, le, in, notIn, "
                                "between, contains, notContains or beginsWith)").arg(opName, field);
        return false;
    }
    if (!checkOperand(field, opName, *op, v, error))
        return false;
    Node c;
    c.kind = Node::Kind::Condition;
    c.path = field.split(QLatin1Char('.'));
    c.op = *op;
    c.value = v;
    into->children.push_back(std::move(c));
    return true;
}

bool parseMap(const QJsonObject &o, Node *out, int depth, QString *error);

bool parseGroupList(const QJsonValue &v, Node::Kind kind, Node *into, int depth, QString *error, const QString &key)
{
    if (!v.isArray() || v.toArray().isEmpty()) {
        *error = QStringLiteral("filter: \"%1\" needs a non-empty array of filter objects").arg(key);
        return false;
    }
    Node g;
    g.kind = kind;
    for (const QJsonValue &x : v.toArray()) {
        if (!x.isObject()) {
            *error = QStringLiteral("filter: \"%1\" needs a non-empty array of filter objects").arg(key);
            return false;
        }
        Node child;
        child.kind = Node::Kind::And;
        if (!parseMap(x.toObject(), &child, depth + 1, error))
            return false;
        g.children.push_back(std::move(child));
    }
    into->children.push_back(std::move(g));
    return true;
}

bool parseFilterGroup(const QJsonValue &v, Node *out, QString *error)
{
    if (!v.isArray() || v.toArray().isEmpty()) {
        *error = QStringLiteral("filter: \"filterGroup\" needs a non-empty array of {\"filters\": […]} objects");
        return false;
    }
    Node any;
    any.kind = Node::Kind::Or;
    for (const QJsonValue &g : v.toArray()) {
        const QJsonValue filters = g.toObject().value(QLatin1String("filters"));
        if (!g.isObject() || !filters.isArray() || filters.toArray().isEmpty()) {
            *error = QStringLiteral("filter: each filterGroup entry needs a non-empty \"filters\" array");
            return false;
        }
        Node all;
        all.kind = Node::Kind::And;
        for (const QJsonValue &f : filters.toArray()) {
            const QJsonObject fo = f.toObject();
            if (!f.isObject() || !fo.value(QLatin1String("fieldName")).isString() || !fo.value(QLatin1String("operator")).isString()
                || !fo.contains(QLatin1String("value"))) {
                *error = QStringLiteral("filter: each filter needs \"fieldName\", \"operator\" and \"value\"");
                return false;
            }
            if (!addCondition(&all, fo.value(QLatin1String("fieldName")).toString(), fo.value(QLatin1String("operator")).toString(),
                              fo.value(QLatin1String("value")), error))
                return false;
        }
        any.children.push_back(std::move(all));
    }
    out->children.push_back(std::move(any));
    return true;
}

bool parseMap(const QJsonObject &o, Node *out, int depth, QString *error)
{
    if (depth > kMaxDepth) {
        *error = QStringLiteral("filter: nested more than %1 levels deep").arg(kMaxDepth);
        return false;
    }
    if (o.isEmpty()) {
        *error = QStringLiteral("filter: an empty filter object");
        return false;
    }
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString key = it.key();
        if (key == QLatin1String("and")) {
            if (!parseGroupList(it.value(), Node::Kind::And, out, depth, error, key))
                return false;
        } else if (key == QLatin1String("or")) {
            if (!parseGroupList(it.value(), Node::Kind::Or, out, depth, error, key))
                return false;
        } else if (key == QLatin1String("filterGroup") && depth == 0) {
            if (!parseFilterGroup(it.value(), out, error))
                return false;
        } else {
            if (!it.value().isObject() || it.value().toObject().isEmpty()) {
                *error = QStringLiteral("filter: \"%1\" needs an object of operators, e.g. {\"eq\": value}").arg(key);
                return false;
            }
            const QJsonObject ops = it.value().toObject();
            for (auto op = ops.begin(); op != ops.end(); ++op)
                if (!addCondition(out, key, op.key(), op.value(), error))
                    return false;
        }
    }
    return true;
}

QJsonValue lookup(const QJsonObject &event, const QStringList &path)
{
    QJsonValue v = event;
    for (const QString &p : path) {
        if (!v.isObject())
            return QJsonValue(QJsonValue::Undefined);
        v = v.toObject().value(p);
    }
    return v;
}

// Equality as JSON values compare; numbers by value (1 == 1.0).
bool same(const QJsonValue &a, const QJsonValue &b)
{
    if (a.isUndefined())
        return b.isNull();
    if (a.isDouble() && b.isDouble())
        return a.toDouble() == b.toDouble();
    return a == b;
}

// -1/0/1, or nullopt when the two are not comparable (different types, nulls).
std::optional<int> compare(const QJsonValue &a, const QJsonValue &b)
{
    if (a.isDouble() && b.isDouble()) {
        const double x = a.toDouble(), y = b.toDouble();
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    if (a.isString() && b.isString()) {
        const int c = a.toString().compare(b.toString());
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    return std::nullopt;
}

bool contains(const QJsonValue &field, const QJsonValue &v)
{
    if (field.isString() && v.isString())
        return field.toString().contains(v.toString());
    if (field.isArray()) {
        for (const QJsonValue &x : field.toArray())
            if (same(x, v))
                return true;
    }
    return false;
}

bool evaluate(const Node &n, const QJsonObject &event)
{
    switch (n.kind) {
    case Node::Kind::And:
        for (const Node &c : n.children)
            if (!evaluate(c, event))
                return false;
        return true;
    case Node::Kind::Or:
        for (const Node &c : n.children)
            if (evaluate(c, event))
                return true;
        return false;
    case Node::Kind::Condition:
        break;
    }
    const QJsonValue f = lookup(event, n.path);
    switch (n.op) {
    case Op::Eq:
        return same(f, n.value);
    case Op::Ne:
        return !same(f, n.value);
    case Op::Gt: {
        const auto c = compare(f, n.value);
        return c && *c > 0;
    }
    case Op::Ge: {
        const auto c = compare(f, n.value);
        return c && *c >= 0;
    }
    case Op::Lt: {
        const auto c = compare(f, n.value);
        return c && *c < 0;
    }
    case Op::Le: {
        const auto c = compare(f, n.value);
        return c && *c <= 0;
    }
    case Op::In:
    case Op::NotIn: {
        bool found = false;
        for (const QJsonValue &x : n.value.toArray())
            if (same(f, x)) {
                found = true;
                break;
            }
        return n.op == Op::In ? found : !found;
    }
    case Op::Between: {
        const QJsonArray a = n.value.toArray();
        const auto lo = compare(f, a[0]);
        const auto hi = compare(f, a[1]);
        return lo && hi && *lo >= 0 && *hi <= 0;
    }
    case Op::Contains:
        return contains(f, n.value);
    case Op::NotContains:
        // A missing field contains nothing, so it passes notContains, as AppSync treats absent values.
        return !contains(f, n.value);
    case Op::BeginsWith:
        return f.isString() && f.toString().startsWith(n.value.toString());
    }
    return false;
}

void collectFields(const Node &n, QStringList *out)
{
    if (n.kind == Node::Kind::Condition) {
        if (!out->contains(n.path.front()))
            *out << n.path.front();
        return;
    }
    for (const Node &c : n.children)
        collectFields(c, out);
}

void collectPaths(const Node &n, QList<QStringList> *out)
{
    if (n.kind == Node::Kind::Condition) {
        if (!out->contains(n.path))
            *out << n.path;
        return;
    }
    for (const Node &c : n.children)
        collectPaths(c, out);
}

} // namespace

std::optional<AppSyncFilter> AppSyncFilter::parse(const QString &json, QString *error)
{
    const QString t = json.trimmed();
    if (t.isEmpty() || t == QLatin1String("null"))
        return AppSyncFilter();
    QJsonParseError pe;
    // Wrapped in an array so that a scalar (which Qt 6.4 refuses at the top level) is reported as
    // "not an object" rather than as a syntax error.
    const QJsonDocument doc = QJsonDocument::fromJson("[" + t.toUtf8() + "]", &pe);
    if (pe.error != QJsonParseError::NoError || doc.array().size() != 1) {
        *error = QStringLiteral("filter: not valid JSON (%1 at offset %2)").arg(pe.errorString()).arg(qMax(0, pe.offset - 1));
        return std::nullopt;
    }
    const QJsonValue v = doc.array().at(0);
    if (!v.isObject()) {
        *error = QStringLiteral("filter: must be a JSON object");
        return std::nullopt;
    }
    return fromJson(v, error);
}

std::optional<AppSyncFilter> AppSyncFilter::fromJson(const QJsonValue &value, QString *error)
{
    if (value.isNull() || value.isUndefined())
        return AppSyncFilter();
    if (!value.isObject()) {
        *error = QStringLiteral("filter: must be a JSON object");
        return std::nullopt;
    }
    auto root = std::make_shared<Node>();
    root->kind = Node::Kind::And;
    if (!parseMap(value.toObject(), root.get(), 0, error))
        return std::nullopt;
    AppSyncFilter f;
    f.m_root = std::move(root);
    return f;
}

bool AppSyncFilter::matches(const QJsonObject &event) const
{
    return !m_root || evaluate(*m_root, event);
}

QStringList AppSyncFilter::fieldNames() const
{
    QStringList out;
    if (m_root)
        collectFields(*m_root, &out);
    return out;
}

QList<QStringList> AppSyncFilter::fieldPaths() const
{
    QList<QStringList> out;
    if (m_root)
        collectPaths(*m_root, &out);
    return out;
}

} // namespace refract::exec
