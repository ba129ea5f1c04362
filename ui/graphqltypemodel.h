#pragma once

#include <graphql/schema.h>

#include <QAbstractItemModel>
#include <QHash>

#include <memory>
#include <vector>

namespace refract::ui {

/// The GraphQL tab of the explorer: root operation types first, then the other types grouped by
/// kind, each with its fields, enum values, input fields or union members.
///
/// Filtering is built in rather than done by a QSortFilterProxyModel: with 20,000 types and their
/// fields a recursive proxy walks every row through virtual calls on each keystroke, while this
/// model matches names in the schema's own vectors and rebuilds only the visible skeleton. Member
/// rows are not materialised: their ids encode (type node, row).
class GraphQLTypeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Roles {
        NodeKindRole = Qt::UserRole + 1, ///< NodeKind
        TypeNameRole,                    ///< the type of a type row, or the owner of a member row
        MemberNameRole,                  ///< field / enum value / input field / union member name
        MatchRole,                       ///< true when the row itself matches the filter
    };
    enum NodeKind { GroupNode, TypeNode, MemberNode };

    explicit GraphQLTypeModel(QObject *parent = nullptr);

    void setSchema(std::shared_ptr<const graphql::Schema> schema);
    const std::shared_ptr<const graphql::Schema> &schema() const { return m_schema; }

    /// Case-insensitive substring filter on type and member names; a type whose members match
    /// stays with those members only.
    void setFilter(const QString &text);
    QString filter() const { return m_filter; }

    /// The number of types shown (after filtering).
    int visibleTypeCount() const { return m_visibleTypes; }
    QModelIndex indexForType(const QString &name) const;
    QModelIndex indexForMember(const QString &typeName, const QString &member) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    struct Node
    {
        int parent = -1;             ///< node index, -1 at top level
        int row = 0;                 ///< row within the parent
        NodeKind kind = GroupNode;
        int group = 0;               ///< GroupNode: which kind group
        int typeIndex = -1;          ///< TypeNode: index into schema->types()
        bool matched = false;        ///< TypeNode: the type name itself matches the filter
        std::vector<int> children;   ///< GroupNode: node indices of its types
        std::vector<int> members;    ///< TypeNode: indices into the type's member list
    };

    void rebuild();
    QModelIndex indexOfNode(int node) const;
    static int memberCount(const graphql::NamedType &t);
    static QString memberName(const graphql::NamedType &t, int i);
    static QString memberLabel(const graphql::NamedType &t, int i);
    static std::optional<QString> memberDescription(const graphql::NamedType &t, int i);
    static bool memberDeprecated(const graphql::NamedType &t, int i);

    std::shared_ptr<const graphql::Schema> m_schema;
    QString m_filter;
    std::vector<Node> m_nodes;
    std::vector<int> m_top;
    QHash<QString, int> m_typeNodes;
    int m_visibleTypes = 0;
};

} // namespace refract::ui
