#include "typegraphmodel.h"

#include <QSet>

namespace refract::ui::diagram {

using graphql::NamedType;
using graphql::TypeKind;

QString TypeGraphModel::connectionNodeType(const graphql::Schema &schema, const NamedType &type)
{
    if (type.kind != TypeKind::Object || !type.name.endsWith(QLatin1String("Connection")))
        return {};
    if (const graphql::Field *edges = type.field(QStringLiteral("edges"))) {
        const NamedType *edge = schema.type(edges->type.name);
        if (edge && edge->kind == TypeKind::Object) {
            if (const graphql::Field *node = edge->field(QStringLiteral("node")))
                return node->type.name;
        }
    }
    if (const graphql::Field *nodes = type.field(QStringLiteral("nodes")); nodes && nodes->type.isList())
        return nodes->type.name;
    return {};
}

namespace {

DiagramNode::Kind kindOf(TypeKind k)
{
    switch (k) {
    case TypeKind::Object: return DiagramNode::Kind::Object;
    case TypeKind::Interface: return DiagramNode::Kind::Interface;
    case TypeKind::Union: return DiagramNode::Kind::Union;
    case TypeKind::Enum: return DiagramNode::Kind::Enum;
    case TypeKind::InputObject: return DiagramNode::Kind::Input;
    case TypeKind::Scalar: return DiagramNode::Kind::Scalar;
    }
    return DiagramNode::Kind::Object;
}

QString groupOf(TypeKind k)
{
    switch (k) {
    case TypeKind::Object: return QStringLiteral("objects");
    case TypeKind::Interface: return QStringLiteral("interfaces");
    case TypeKind::Union: return QStringLiteral("unions");
    case TypeKind::Enum: return QStringLiteral("enums");
    case TypeKind::InputObject: return QStringLiteral("inputs");
    case TypeKind::Scalar: return QStringLiteral("scalars");
    }
    return {};
}

} // namespace

DiagramGraph TypeGraphModel::build(const graphql::Schema &schema, const Options &options)
{
    const QSet<QString> roots = {schema.queryTypeName(), schema.mutationTypeName(), schema.subscriptionTypeName()};
    // Relay wrappers to skip, and the type each connection stands for.
    QHash<QString, QString> connectionTarget;
    QSet<QString> skipped;
    if (options.collapseRelay) {
        for (const NamedType &t : schema.types()) {
            const QString node = connectionNodeType(schema, t);
            if (node.isEmpty())
                continue;
            connectionTarget.insert(t.name, node);
            skipped.insert(t.name);
            if (const graphql::Field *edges = t.field(QStringLiteral("edges")))
                skipped.insert(edges->type.name);
        }
        if (!connectionTarget.isEmpty())
            skipped.insert(QStringLiteral("PageInfo"));
    }
    // Enums that some output field returns (the others only feed arguments or inputs).
    QSet<QString> outputEnums;
    for (const NamedType &t : schema.types())
        for (const graphql::Field &f : t.fields)
            outputEnums.insert(f.type.name);

    auto shown = [&](const NamedType &t) {
        if (graphql::Schema::isIntrospectionType(t.name) || skipped.contains(t.name))
            return false;
        if (t.kind == TypeKind::Scalar)
            return !options.hideScalars;
        if (t.kind == TypeKind::InputObject)
            return !options.hideInputs;
        if (t.kind == TypeKind::Enum && options.hideInputs)
            return outputEnums.contains(t.name);
        return true;
    };

    DiagramGraph g;
    for (const NamedType &t : schema.types()) {
        if (!shown(t))
            continue;
        DiagramNode n;
        n.id = t.name;
        n.title = t.name;
        n.kind = kindOf(t.kind);
        n.group = groupOf(t.kind);
        n.root = !t.name.isEmpty() && roots.contains(t.name);
        auto addRow = [&n](const QString &name, const QString &type, bool notNull) {
            if (n.rows.size() >= DiagramGraph::maxRows) {
                ++n.hiddenRows;
                return;
            }
            DiagramRow r;
            r.name = name;
            r.type = type;
            r.notNull = notNull;
            n.rows.append(r);
        };
        for (const graphql::Field &f : t.fields) {
            QString type = f.type.toString();
            if (const auto it = connectionTarget.constFind(f.type.name); it != connectionTarget.cend())
                type = QLatin1Char('[') + *it + QLatin1String("]") + (f.type.isNonNull() ? QLatin1String("!") : QLatin1String(""));
            addRow(f.name, type, f.type.isNonNull());
        }
        for (const graphql::InputValue &f : t.inputFields)
            addRow(f.name, f.type.toString(), f.type.isNonNull());
        for (const graphql::EnumValue &v : t.enumValues)
            addRow(v.name, QString(), false);
        for (const QString &m : t.possibleTypes)
            addRow(m, QString(), false);
        g.nodes.append(std::move(n));
    }
    g.reindex();

    for (const NamedType &t : schema.types()) {
        const int from = g.indexOf(t.name);
        if (from < 0)
            continue;
        auto addEdge = [&](int row, const QString &target, DiagramEdge::Kind kind, const QString &label, bool list) {
            const int to = g.indexOf(target);
            if (to < 0)
                return;
            // A field past the card's shown rows has nowhere to start from: hubs like a Mutation type
            // with thousands of fields would otherwise tie every card to one point.
            if (kind == DiagramEdge::Kind::Field && row >= DiagramGraph::maxRows)
                return;
            // Relay plumbing: payloads' `query` back-link to the root and `implements Node` on every type.
            if (options.collapseRelay && !roots.contains(t.name)
                && (target == schema.queryTypeName() || (kind == DiagramEdge::Kind::Implements && target == QLatin1String("Node"))))
                return;
            DiagramEdge e;
            e.from = from;
            e.to = to;
            e.fromRow = row < DiagramGraph::maxRows ? row : -1;
            e.kind = kind;
            e.label = label;
            e.list = list;
            e.cardinality = list ? DiagramEdge::Cardinality::OneToMany : DiagramEdge::Cardinality::OneToOne;
            g.edges.append(e);
        };
        int row = 0;
        for (const graphql::Field &f : t.fields) {
            const auto it = connectionTarget.constFind(f.type.name);
            if (it != connectionTarget.cend())
                addEdge(row, *it, DiagramEdge::Kind::Field, f.name, true);
            else
                addEdge(row, f.type.name, DiagramEdge::Kind::Field, f.name, f.type.isList());
            ++row;
        }
        for (const graphql::InputValue &f : t.inputFields)
            addEdge(row++, f.type.name, DiagramEdge::Kind::Field, f.name, f.type.isList());
        for (const QString &i : t.interfaces)
            addEdge(-1, i, DiagramEdge::Kind::Implements, QStringLiteral("implements"), false);
        row = 0;
        for (const QString &m : t.possibleTypes)
            addEdge(row++, m, DiagramEdge::Kind::Member, QString(), false);
    }
    return g;
}

} // namespace refract::ui::diagram
