#pragma once

#include "jsonindex.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace refract::ui {

/// A tree over a JsonIndex that materialises a container's members only when the view expands it
/// and creates row nodes only for the rows the view asks about, so that a 50 MB response opens at
/// once and scrolls smoothly. Columns: key, value, type.
class JsonTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    explicit JsonTreeModel(QObject *parent = nullptr);
    ~JsonTreeModel() override;

    void setIndex(std::shared_ptr<const JsonIndex> index);
    std::shared_ptr<const JsonIndex> jsonIndex() const { return m_index; }
    /// The row of the member path (`{"data","allPosts","nodes","0"}`), expanding as it goes.
    QModelIndex find(const QStringList &path);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Node
    {
        Node *parent = nullptr;
        int row = 0;
        JsonIndex::Entry entry;
        bool loaded = false;
        std::vector<JsonIndex::Entry> entries;     ///< the members, once loaded
        std::vector<std::unique_ptr<Node>> children; ///< created on demand, parallel to entries
    };
    Node *nodeOf(const QModelIndex &index) const;
    void load(Node *node) const;

    std::shared_ptr<const JsonIndex> m_index;
    std::unique_ptr<Node> m_root; ///< invisible; its one child is the document
};

} // namespace refract::ui
