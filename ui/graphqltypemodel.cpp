#include "graphqltypemodel.h"

#include <QFont>

namespace refract::ui {

using graphql::NamedType;
using graphql::TypeKind;

namespace {

// Member rows carry (type node + 1) in the high bits and (row + 1) in the low bits of their id;
// group and type rows have zero low bits.
constexpr int MemberBits = 24;
constexpr quintptr MemberMask = (quintptr(1) << MemberBits) - 1;

quintptr nodeId(int node) { return quintptr(node + 1) << MemberBits; }
quintptr memberId(int node, int row) { return nodeId(node) | quintptr(row + 1); }
int nodeOf(quintptr id) { return int(id >> MemberBits) - 1; }
int memberRowOf(quintptr id) { return int(id & MemberMask) - 1; }

// Group order below the root types: the order a reader of a schema looks for things.
constexpr TypeKind GroupKinds[] = {TypeKind::Object,    TypeKind::Interface, TypeKind::Union,
                                   TypeKind::Enum,      TypeKind::InputObject, TypeKind::Scalar};
constexpr int GroupCount = int(std::size(GroupKinds));

QString groupLabel(int group)
{
    switch (GroupKinds[group]) {
    case TypeKind::Object: return GraphQLTypeModel::tr("Objects");
    case TypeKind::Interface: return GraphQLTypeModel::tr("Interfaces");
    case TypeKind::Union: return GraphQLTypeModel::tr("Unions");
    case TypeKind::Enum: return GraphQLTypeModel::tr("Enums");
    case TypeKind::InputObject: return GraphQLTypeModel::tr("Input objects");
    case TypeKind::Scalar: return GraphQLTypeModel::tr("Scalars");
    }
    return QString();
}

int groupOf(TypeKind kind)
{
    for (int g = 0; g < GroupCount; ++g)
        if (GroupKinds[g] == kind)
            return g;
    return 0;
}

QString argumentList(const QList<graphql::InputValue> &args)
{
    if (args.isEmpty())
        return QString();
    QStringList parts;
    parts.reserve(args.size());
    for (const auto &a : args)
        parts.append(a.name + QLatin1String(": ") + a.type.toString());
    return QLatin1Char('(') + parts.join(QLatin1String(", ")) + QLatin1Char(')');
}

} // namespace

GraphQLTypeModel::GraphQLTypeModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

void GraphQLTypeModel::setSchema(std::shared_ptr<const graphql::Schema> schema)
{
    beginResetModel();
    m_schema = std::move(schema);
    rebuild();
    endResetModel();
}

void GraphQLTypeModel::setFilter(const QString &text)
{
    const QString f = text.trimmed();
    if (f == m_filter)
        return;
    beginResetModel();
    m_filter = f;
    rebuild();
    endResetModel();
}

int GraphQLTypeModel::memberCount(const NamedType &t)
{
    switch (t.kind) {
    case TypeKind::Object:
    case TypeKind::Interface: return int(t.fields.size());
    case TypeKind::Enum: return int(t.enumValues.size());
    case TypeKind::InputObject: return int(t.inputFields.size());
    case TypeKind::Union: return int(t.possibleTypes.size());
    case TypeKind::Scalar: return 0;
    }
    return 0;
}

QString GraphQLTypeModel::memberName(const NamedType &t, int i)
{
    switch (t.kind) {
    case TypeKind::Object:
    case TypeKind::Interface: return t.fields.at(i).name;
    case TypeKind::Enum: return t.enumValues.at(i).name;
    case TypeKind::InputObject: return t.inputFields.at(i).name;
    case TypeKind::Union: return t.possibleTypes.at(i);
    case TypeKind::Scalar: break;
    }
    return QString();
}

QString GraphQLTypeModel::memberLabel(const NamedType &t, int i)
{
    switch (t.kind) {
    case TypeKind::Object:
    case TypeKind::Interface: {
        const auto &f = t.fields.at(i);
        return f.name + (f.arguments.isEmpty() ? QString() : QStringLiteral("(…)")) + QLatin1String(": ")
               + f.type.toString();
    }
    case TypeKind::InputObject: {
        const auto &f = t.inputFields.at(i);
        QString s = f.name + QLatin1String(": ") + f.type.toString();
        if (f.defaultValue)
            s += QLatin1String(" = ") + *f.defaultValue;
        return s;
    }
    default: return memberName(t, i);
    }
}

std::optional<QString> GraphQLTypeModel::memberDescription(const NamedType &t, int i)
{
    switch (t.kind) {
    case TypeKind::Object:
    case TypeKind::Interface: return t.fields.at(i).description;
    case TypeKind::Enum: return t.enumValues.at(i).description;
    case TypeKind::InputObject: return t.inputFields.at(i).description;
    default: return std::nullopt;
    }
}

bool GraphQLTypeModel::memberDeprecated(const NamedType &t, int i)
{
    switch (t.kind) {
    case TypeKind::Object:
    case TypeKind::Interface: return t.fields.at(i).deprecationReason.has_value();
    case TypeKind::Enum: return t.enumValues.at(i).deprecationReason.has_value();
    case TypeKind::InputObject: return t.inputFields.at(i).deprecationReason.has_value();
    default: return false;
    }
}

void GraphQLTypeModel::rebuild()
{
    m_nodes.clear();
    m_top.clear();
    m_typeNodes.clear();
    m_visibleTypes = 0;
    if (!m_schema)
        return;
    const auto &types = m_schema->types();
    const QString roots[] = {m_schema->queryTypeName(), m_schema->mutationTypeName(),
                             m_schema->subscriptionTypeName()};

    std::vector<int> groupNodes(GroupCount, -1);
    std::vector<std::vector<int>> groupTypes(GroupCount);
    std::vector<int> rootNodes(3, -1);
    m_nodes.reserve(types.size() / 2 + GroupCount);

    for (size_t ti = 0; ti < types.size(); ++ti) {
        const NamedType &t = types[ti];
        if (graphql::Schema::isIntrospectionType(t.name))
            continue;
        Node n;
        n.kind = TypeNode;
        n.typeIndex = int(ti);
        const int count = memberCount(t);
        n.matched = m_filter.isEmpty() || t.name.contains(m_filter, Qt::CaseInsensitive);
        if (n.matched) {
            n.members.resize(size_t(count));
            for (int i = 0; i < count; ++i)
                n.members[size_t(i)] = i;
        } else {
            for (int i = 0; i < count; ++i)
                if (memberName(t, i).contains(m_filter, Qt::CaseInsensitive))
                    n.members.push_back(i);
            if (n.members.empty())
                continue;
        }
        const int nodeIndex = int(m_nodes.size());
        m_nodes.push_back(std::move(n));
        m_typeNodes.insert(t.name, nodeIndex);
        ++m_visibleTypes;
        int root = -1;
        for (int r = 0; r < 3; ++r)
            if (!roots[r].isEmpty() && roots[r] == t.name)
                root = r;
        if (root >= 0)
            rootNodes[size_t(root)] = nodeIndex;
        else
            groupTypes[size_t(groupOf(t.kind))].push_back(nodeIndex);
    }

    for (int r = 0; r < 3; ++r) {
        const int node = rootNodes[size_t(r)];
        if (node < 0)
            continue;
        m_nodes[size_t(node)].row = int(m_top.size());
        m_top.push_back(node);
    }
    for (int g = 0; g < GroupCount; ++g) {
        if (groupTypes[size_t(g)].empty())
            continue;
        Node group;
        group.kind = GroupNode;
        group.group = g;
        group.row = int(m_top.size());
        group.children = std::move(groupTypes[size_t(g)]);
        const int groupIndex = int(m_nodes.size());
        for (size_t row = 0; row < group.children.size(); ++row) {
            Node &child = m_nodes[size_t(group.children[row])];
            child.parent = groupIndex;
            child.row = int(row);
        }
        m_nodes.push_back(std::move(group));
        m_top.push_back(groupIndex);
    }
}

QModelIndex GraphQLTypeModel::indexOfNode(int node) const
{
    if (node < 0 || size_t(node) >= m_nodes.size())
        return {};
    return createIndex(m_nodes[size_t(node)].row, 0, nodeId(node));
}

QModelIndex GraphQLTypeModel::indexForType(const QString &name) const
{
    return indexOfNode(m_typeNodes.value(name, -1));
}

QModelIndex GraphQLTypeModel::indexForMember(const QString &typeName, const QString &member) const
{
    const int node = m_typeNodes.value(typeName, -1);
    if (node < 0)
        return {};
    const Node &n = m_nodes[size_t(node)];
    const NamedType &t = m_schema->types()[size_t(n.typeIndex)];
    for (size_t row = 0; row < n.members.size(); ++row)
        if (memberName(t, n.members[row]) == member)
            return createIndex(int(row), 0, memberId(node, int(row)));
    return {};
}

QModelIndex GraphQLTypeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column != 0 || row < 0)
        return {};
    if (!parent.isValid())
        return size_t(row) < m_top.size() ? createIndex(row, 0, nodeId(m_top[size_t(row)])) : QModelIndex();
    const quintptr pid = parent.internalId();
    if (memberRowOf(pid) >= 0)
        return {};
    const int pnode = nodeOf(pid);
    const Node &p = m_nodes[size_t(pnode)];
    if (p.kind == GroupNode)
        return size_t(row) < p.children.size() ? createIndex(row, 0, nodeId(p.children[size_t(row)])) : QModelIndex();
    return size_t(row) < p.members.size() ? createIndex(row, 0, memberId(pnode, row)) : QModelIndex();
}

QModelIndex GraphQLTypeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const quintptr id = child.internalId();
    const int node = nodeOf(id);
    if (memberRowOf(id) >= 0)
        return indexOfNode(node);
    return indexOfNode(m_nodes[size_t(node)].parent);
}

int GraphQLTypeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_top.size());
    const quintptr id = parent.internalId();
    if (memberRowOf(id) >= 0)
        return 0;
    const Node &n = m_nodes[size_t(nodeOf(id))];
    return n.kind == GroupNode ? int(n.children.size()) : int(n.members.size());
}

int GraphQLTypeModel::columnCount(const QModelIndex &) const { return 1; }

QVariant GraphQLTypeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !m_schema)
        return {};
    const quintptr id = index.internalId();
    const int memberRow = memberRowOf(id);
    const Node &n = m_nodes[size_t(nodeOf(id))];

    if (n.kind == GroupNode) {
        switch (role) {
        case Qt::DisplayRole:
            return QStringLiteral("%1 (%2)").arg(groupLabel(n.group)).arg(n.children.size());
        case NodeKindRole: return GroupNode;
        case Qt::FontRole: {
            QFont f;
            f.setBold(true);
            return f;
        }
        default: return {};
        }
    }

    const NamedType &t = m_schema->types()[size_t(n.typeIndex)];
    if (memberRow < 0) {
        switch (role) {
        case Qt::DisplayRole: return t.name;
        case Qt::ToolTipRole: return t.description.value_or(QString());
        case NodeKindRole: return TypeNode;
        case TypeNameRole: return t.name;
        case MatchRole: return !m_filter.isEmpty() && n.matched;
        case Qt::FontRole:
            if (n.parent < 0) { // root operation types stand out at the top
                QFont f;
                f.setBold(true);
                return f;
            }
            return {};
        default: return {};
        }
    }

    const int member = n.members[size_t(memberRow)];
    switch (role) {
    case Qt::DisplayRole: return memberLabel(t, member);
    case Qt::ToolTipRole: {
        QString tip = memberName(t, member);
        if (t.kind == TypeKind::Object || t.kind == TypeKind::Interface) {
            const auto &f = t.fields.at(member);
            tip += argumentList(f.arguments) + QLatin1String(": ") + f.type.toString();
        }
        if (const auto d = memberDescription(t, member); d && !d->isEmpty())
            tip += QLatin1String("\n\n") + *d;
        return tip;
    }
    case NodeKindRole: return MemberNode;
    case TypeNameRole: return t.name;
    case MemberNameRole: return memberName(t, member);
    case MatchRole: return !m_filter.isEmpty() && !n.matched;
    case Qt::FontRole:
        if (memberDeprecated(t, member)) {
            QFont f;
            f.setStrikeOut(true);
            return f;
        }
        return {};
    default: return {};
    }
}

} // namespace refract::ui
