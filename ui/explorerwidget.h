#pragma once

#include <graphql/schema.h>
#include <reflect/catalog.h>

#include <QWidget>

#include <memory>

class QLabel;
class QLineEdit;
class QModelIndex;
class QSortFilterProxyModel;
class QTabWidget;
class QTimer;
class QTreeView;

namespace refract::ui {

class CatalogModel;
class GraphQLTypeModel;

/// The Explorer dock's contents: a filter line above two tabs, "Database" (the reflected catalog)
/// and "GraphQL" (the schema's types), both filtered as the user types.
class ExplorerWidget : public QWidget
{
    Q_OBJECT
public:
    enum Tab { DatabaseTab = 0, GraphQLTab = 1 };

    explicit ExplorerWidget(QWidget *parent = nullptr);

    void setCatalog(std::shared_ptr<const reflect::Catalog> catalog);
    void setSchema(std::shared_ptr<const graphql::Schema> schema);
    void clear();

    /// Applies a filter at once (typing applies it after a short pause).
    void setFilterText(const QString &text);
    /// Selects and reveals a type (and member) in the GraphQL tab.
    void selectType(const QString &typeName, const QString &member = {});
    void setCurrentTab(Tab tab);

    QLineEdit *filterEdit() const { return m_filter; }
    QTreeView *databaseView() const { return m_dbView; }
    QTreeView *graphqlView() const { return m_gqlView; }
    CatalogModel *catalogModel() const { return m_catalogModel; }
    QSortFilterProxyModel *catalogProxy() const { return m_catalogProxy; }
    GraphQLTypeModel *typeModel() const { return m_typeModel; }

signals:
    void typeSelected(const QString &typeName, const QString &member);
    /// A database object with a summary (tables, views) was selected.
    void databaseObjectSelected(const QString &html);

private:
    void applyFilter();
    void onGraphQLCurrentChanged(const QModelIndex &index);
    void onDatabaseCurrentChanged(const QModelIndex &index);
    void updateCounts();

    QLineEdit *m_filter = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTreeView *m_dbView = nullptr;
    QTreeView *m_gqlView = nullptr;
    QLabel *m_count = nullptr;
    CatalogModel *m_catalogModel = nullptr;
    QSortFilterProxyModel *m_catalogProxy = nullptr;
    GraphQLTypeModel *m_typeModel = nullptr;
    QTimer *m_filterTimer = nullptr;
    bool m_selecting = false;
};

} // namespace refract::ui
