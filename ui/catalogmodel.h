#pragma once

#include <reflect/catalog.h>

#include <QAbstractItemModel>
#include <QFont>

#include <memory>

namespace refract::ui {

class CatalogTree;

/// The Database tab of the explorer: schemas → tables, views, functions, types; tables → columns,
/// constraints, indexes and RLS policies with their USING / WITH CHECK expressions.
///
/// A read-only model over an immutable CatalogTree: the tree (all texts, tooltips and docs
/// summaries) is built where the caller likes — ExplorerWidget builds it on a pool thread — and
/// taken over here in O(1). A recursive QSortFilterProxyModel filters it: catalogs have hundreds
/// or a few thousand objects (the GraphQL tab, which can hold 20,000 types, has its own model).
class CatalogModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Roles {
        ObjectKindRole = Qt::UserRole + 1, ///< ObjectKind
        DocsHtmlRole,                      ///< an HTML summary for the docs pane (tables, views)
    };
    enum ObjectKind { Folder, Schema, Table, View, Column, Constraint, Index, Policy, PolicyExpr, Function, Type };

    explicit CatalogModel(QObject *parent = nullptr);
    ~CatalogModel() override;

    /// Builds the rows on the calling thread and shows them.
    void setCatalog(std::shared_ptr<const reflect::Catalog> catalog);
    /// Shows rows built elsewhere from `catalog` (CatalogTree::build); O(1).
    void setTree(std::shared_ptr<const reflect::Catalog> catalog, std::shared_ptr<const CatalogTree> tree);
    const std::shared_ptr<const reflect::Catalog> &catalog() const { return m_catalog; }

    /// A readable type name: `integer`-style names stay as PostgreSQL spells them, arrays get `[]`.
    static QString typeName(const reflect::Catalog &catalog, reflect::Oid oid);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const reflect::Catalog> m_catalog;
    std::shared_ptr<const CatalogTree> m_tree;
    QFont m_bold;
};

} // namespace refract::ui
