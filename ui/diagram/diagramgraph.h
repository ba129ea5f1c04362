#pragma once

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace refract::ui::diagram {

/// One line of a card: a column (ER) or a field (type graph).
struct DiagramRow
{
    QString name;
    QString type;
    bool primaryKey = false;
    bool foreignKey = false;
    bool unique = false;
    bool notNull = false;
};

/// A card of either diagram: a table or view, or a GraphQL named type.
struct DiagramNode
{
    enum class Kind { Table, View, MaterializedView, ForeignTable, Object, Interface, Union, Enum, Input, Scalar };

    QString id;     ///< unique key: `schema.table` or the GraphQL type name
    QString title;  ///< shown in the header
    QString group;  ///< schema (ER) or kind name (type graph), for the schema filter
    Kind kind = Kind::Table;
    bool root = false;        ///< Query / Mutation / Subscription
    bool rowSecurity = false; ///< relrowsecurity
    int policyCount = 0;
    QList<DiagramRow> rows;   ///< at most DiagramGraph::maxRows; the rest are counted in hiddenRows
    int hiddenRows = 0;
};

/// A relationship. ER: `from` is the referencing table, `to` the referenced one. Type graph: `from`
/// holds the field (row `fromRow`), `to` is the field's type.
struct DiagramEdge
{
    enum class Kind { ForeignKey, Field, Implements, Member };
    enum class Cardinality { OneToOne, OneToMany };

    int from = -1;
    int to = -1;
    int fromRow = -1; ///< first key column / the field; -1 when it is not shown on the card
    int toRow = -1;
    Kind kind = Kind::ForeignKey;
    QString label;    ///< constraint or field name
    Cardinality cardinality = Cardinality::OneToMany;
    bool optional = false; ///< a nullable FK column: the child may have no parent
    bool isVirtual = false; ///< `@foreignKey` smart tag: drawn dashed
    bool list = false;     ///< type graph: the field returns a list
};

/// The graph behind both diagram views, without any widget: cards and edges plus the queries the
/// views need (neighbourhood, schema filter, search).
class DiagramGraph
{
public:
    static constexpr int maxRows = 40; ///< rows kept per card; wider tables say how many are hidden

    QList<DiagramNode> nodes;
    QList<DiagramEdge> edges;

    int indexOf(const QString &id) const;
    /// Rebuilds the id index after `nodes` changed.
    void reindex();

    /// Nodes within `hops` edges of the seeds (edges followed both ways), seeds included.
    QSet<int> neighbourhood(const QSet<int> &seeds, int hops) const;
    /// The graph restricted to `keep` (node order kept; edges between kept nodes only).
    DiagramGraph subgraph(const QSet<int> &keep) const;
    /// Nodes whose group is one of `groups`.
    QSet<int> nodesInGroups(const QStringList &groups) const;
    /// Distinct groups in node order.
    QStringList groups() const;
    /// Best matches for a search text, best first: exact id or title, then prefix, then substring
    /// (case-insensitive); at most `limit`.
    QList<int> search(const QString &text, int limit = 20) const;
    /// Edge indexes touching a node.
    QList<int> edgesOf(int node) const;

private:
    QHash<QString, int> m_index;
};

} // namespace refract::ui::diagram
