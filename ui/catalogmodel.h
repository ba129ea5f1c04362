#pragma once

#include <reflect/catalog.h>

#include <QStandardItemModel>

#include <memory>

namespace refract::ui {

/// The Database tab of the explorer: schemas → tables, views, functions, types; tables → columns,
/// constraints, indexes and RLS policies with their USING / WITH CHECK expressions.
///
/// A plain QStandardItemModel: catalogs have hundreds or a few thousand objects, where a recursive
/// QSortFilterProxyModel filters in well under a frame (the GraphQL tab, which can hold 20,000
/// types, has its own model).
class CatalogModel : public QStandardItemModel
{
    Q_OBJECT
public:
    enum Roles {
        ObjectKindRole = Qt::UserRole + 1, ///< ObjectKind
        DocsHtmlRole,                      ///< an HTML summary for the docs pane (tables, views)
    };
    enum ObjectKind { Folder, Schema, Table, View, Column, Constraint, Index, Policy, PolicyExpr, Function, Type };

    explicit CatalogModel(QObject *parent = nullptr);

    void setCatalog(std::shared_ptr<const reflect::Catalog> catalog);
    const std::shared_ptr<const reflect::Catalog> &catalog() const { return m_catalog; }

    /// A readable type name: `integer`-style names stay as PostgreSQL spells them, arrays get `[]`.
    static QString typeName(const reflect::Catalog &catalog, reflect::Oid oid);

private:
    void build();

    std::shared_ptr<const reflect::Catalog> m_catalog;
};

} // namespace refract::ui
