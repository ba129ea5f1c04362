#pragma once

#include <graphql/schema.h>
#include <reflect/catalog.h>

#include <QWidget>

#include <memory>

class QLabel;
class QLineEdit;
class QModelIndex;
class QSortFilterProxyModel;
class QStackedWidget;
class QTabWidget;
class QTimer;
class QTreeView;

namespace refract::ui {

class CatalogModel;
class CatalogTree;
class GraphQLTypeModel;

/// The Explorer dock's contents: a filter line above two tabs, "Database" (the reflected catalog)
/// and "GraphQL" (the schema's types), both filtered as the user types.
class ExplorerWidget : public QWidget
{
    Q_OBJECT
public:
    enum Tab { DatabaseTab = 0, GraphQLTab = 1 };

    explicit ExplorerWidget(QWidget *parent = nullptr);

    /// Shows a catalog in the Database tab. Its rows are built on a pool thread (a 1,000-table
    /// catalog has ~30,000 of them); catalogShown() says when they are in the tree. A null
    /// catalog clears the tab at once.
    void setCatalog(std::shared_ptr<const reflect::Catalog> catalog);
    /// Whether the rows of the last catalog given are still being built.
    bool isBuildingCatalog() const { return m_catalogBuilding; }
    void setSchema(std::shared_ptr<const graphql::Schema> schema);
    void clear();

    /// Applies a filter at once (typing applies it after a short pause).
    void setFilterText(const QString &text);
    /// Selects and reveals a type (and member) in the GraphQL tab.
    void selectType(const QString &typeName, const QString &member = {});
    void setCurrentTab(Tab tab);
    /// A sentence shown in the Database tab instead of the tree (connected to a GraphQL endpoint,
    /// which has no database objects); an empty note shows the tree again.
    void setDatabaseNote(const QString &note);
    QString databaseNote() const;
    bool isDatabaseNoteShown() const;

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
    /// The Database tab shows the catalog last given to setCatalog().
    void catalogShown();

private:
    void applyFilter();
    void onGraphQLCurrentChanged(const QModelIndex &index);
    void onDatabaseCurrentChanged(const QModelIndex &index);
    void updateCounts();
    void showCatalog(std::shared_ptr<const reflect::Catalog> catalog, std::shared_ptr<const CatalogTree> tree);

    QLineEdit *m_filter = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTreeView *m_dbView = nullptr;
    QStackedWidget *m_dbPages = nullptr; ///< the tree, or the note
    QLabel *m_dbNote = nullptr;
    QTreeView *m_gqlView = nullptr;
    QLabel *m_count = nullptr;
    CatalogModel *m_catalogModel = nullptr;
    QSortFilterProxyModel *m_catalogProxy = nullptr;
    GraphQLTypeModel *m_typeModel = nullptr;
    QTimer *m_filterTimer = nullptr;
    bool m_selecting = false;
    bool m_catalogBuilding = false;
    int m_catalogGeneration = 0; ///< drops the rows of a catalog replaced while they were built
};

} // namespace refract::ui
