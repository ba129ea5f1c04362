#include "explorerwidget.h"

#include "catalogmodel.h"
#include "catalogtree.h"
#include "graphqltypemodel.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <QFutureWatcher>

namespace refract::ui {

namespace {

QTreeView *makeTree(QWidget *parent, const QString &objectName)
{
    auto *view = new QTreeView(parent);
    view->setObjectName(objectName);
    view->setHeaderHidden(true);
    view->setUniformRowHeights(true); // keeps scrolling through 20,000 rows cheap
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setExpandsOnDoubleClick(true);
    // One column as wide as the dock: selection spans the row, long labels are elided (tooltips
    // and the docs pane have them in full).
    view->header()->setStretchLastSection(true);
    view->setTextElideMode(Qt::ElideRight);
    return view;
}

// Expanding costs a row layout each, so only as many matches as a person would read are opened.
constexpr int MaxAutoExpand = 200;

} // namespace

ExplorerWidget::ExplorerWidget(QWidget *parent)
    : QWidget(parent)
    , m_filter(new QLineEdit(this))
    , m_tabs(new QTabWidget(this))
    , m_count(new QLabel(this))
    , m_catalogModel(new CatalogModel(this))
    , m_catalogProxy(new QSortFilterProxyModel(this))
    , m_typeModel(new GraphQLTypeModel(this))
    , m_filterTimer(new QTimer(this))
{
    m_filter->setObjectName(QStringLiteral("explorerFilter"));
    m_filter->setPlaceholderText(tr("Filter types, fields, tables…"));
    m_filter->setClearButtonEnabled(true);

    m_catalogProxy->setSourceModel(m_catalogModel);
    m_catalogProxy->setRecursiveFilteringEnabled(true);
    m_catalogProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_catalogProxy->setAutoAcceptChildRows(true);

    m_dbView = makeTree(this, QStringLiteral("databaseTree"));
    m_dbView->setModel(m_catalogProxy);
    m_gqlView = makeTree(this, QStringLiteral("graphqlTree"));
    m_gqlView->setModel(m_typeModel);

    m_dbNote = new QLabel(this);
    m_dbNote->setObjectName(QStringLiteral("databaseNote"));
    m_dbNote->setWordWrap(true);
    m_dbNote->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    m_dbNote->setMargin(16);
    // The tree's frame and background, so that the tab keeps its look with the note in it.
    m_dbNote->setFrameShape(m_dbView->frameShape());
    m_dbNote->setAutoFillBackground(true);
    m_dbNote->setBackgroundRole(QPalette::Base);
    m_dbNote->setForegroundRole(QPalette::PlaceholderText);
    m_dbPages = new QStackedWidget(this);
    m_dbPages->addWidget(m_dbView);
    m_dbPages->addWidget(m_dbNote);

    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_dbPages, tr("Database"));
    m_tabs->addTab(m_gqlView, tr("GraphQL"));
    m_count->setContentsMargins(4, 0, 4, 2);
    m_count->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->setSpacing(2);
    layout->addWidget(m_filter);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_count);

    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(120);
    connect(m_filter, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_filterTimer, &QTimer::timeout, this, &ExplorerWidget::applyFilter);
    connect(m_gqlView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &ExplorerWidget::onGraphQLCurrentChanged);
    connect(m_dbView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &ExplorerWidget::onDatabaseCurrentChanged);
    connect(m_tabs, &QTabWidget::currentChanged, this, &ExplorerWidget::updateCounts);
    updateCounts();
}

void ExplorerWidget::setCatalog(std::shared_ptr<const reflect::Catalog> catalog)
{
    const int generation = ++m_catalogGeneration;
    if (!catalog) {
        showCatalog(nullptr, nullptr);
        return;
    }
    using Tree = std::shared_ptr<const CatalogTree>;
    m_catalogBuilding = true;
    auto *watcher = new QFutureWatcher<Tree>(this);
    connect(watcher, &QFutureWatcher<Tree>::finished, this, [this, watcher, generation, catalog] {
        watcher->deleteLater();
        if (generation == m_catalogGeneration)
            showCatalog(catalog, watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([catalog] { return CatalogTree::build(*catalog); }));
}

void ExplorerWidget::showCatalog(std::shared_ptr<const reflect::Catalog> catalog, std::shared_ptr<const CatalogTree> tree)
{
    m_catalogBuilding = false;
    m_catalogModel->setTree(std::move(catalog), std::move(tree));
    // Schemas and their folders open; objects stay closed until asked for.
    for (int r = 0; r < m_catalogProxy->rowCount(); ++r)
        m_dbView->expand(m_catalogProxy->index(r, 0));
    if (!m_filter->text().isEmpty())
        applyFilter();
    updateCounts();
    emit catalogShown();
}

void ExplorerWidget::setSchema(std::shared_ptr<const graphql::Schema> schema)
{
    m_typeModel->setSchema(std::move(schema));
    applyFilter();
}

void ExplorerWidget::clear()
{
    ++m_catalogGeneration;
    m_catalogBuilding = false;
    m_catalogModel->setTree(nullptr, nullptr);
    m_typeModel->setSchema(nullptr);
    updateCounts();
}

void ExplorerWidget::setFilterText(const QString &text)
{
    m_filter->setText(text);
    m_filterTimer->stop();
    applyFilter();
}

void ExplorerWidget::setCurrentTab(Tab tab) { m_tabs->setCurrentIndex(tab); }

void ExplorerWidget::setDatabaseNote(const QString &note)
{
    m_dbNote->setText(note);
    m_dbPages->setCurrentWidget(note.isEmpty() ? static_cast<QWidget *>(m_dbView) : m_dbNote);
}

QString ExplorerWidget::databaseNote() const { return m_dbNote->text(); }

bool ExplorerWidget::isDatabaseNoteShown() const { return m_dbPages->currentWidget() == m_dbNote; }

void ExplorerWidget::applyFilter()
{
    const QString text = m_filter->text().trimmed();
    m_typeModel->setFilter(text);
    m_catalogProxy->setFilterFixedString(text);

    // Root types and groups open, so that matches are visible without clicking.
    int expanded = 0;
    for (int r = 0; r < m_typeModel->rowCount(); ++r) {
        const QModelIndex top = m_typeModel->index(r, 0);
        const bool isGroup = top.data(GraphQLTypeModel::NodeKindRole).toInt() == GraphQLTypeModel::GroupNode;
        if (isGroup && (!text.isEmpty() || m_typeModel->rowCount(top) <= MaxAutoExpand))
            m_gqlView->expand(top);
        if (text.isEmpty() || !isGroup) {
            if (!text.isEmpty() && !top.data(GraphQLTypeModel::MatchRole).toBool() && expanded++ < MaxAutoExpand)
                m_gqlView->expand(top);
            continue;
        }
        // A type listed because of its members is opened to show them.
        for (int c = 0; c < m_typeModel->rowCount(top) && expanded < MaxAutoExpand; ++c) {
            const QModelIndex type = m_typeModel->index(c, 0, top);
            if (!type.data(GraphQLTypeModel::MatchRole).toBool()) {
                m_gqlView->expand(type);
                ++expanded;
            }
        }
    }
    if (!text.isEmpty() && m_catalogProxy->rowCount() > 0)
        m_dbView->expandAll();
    else
        for (int r = 0; r < m_catalogProxy->rowCount(); ++r)
            m_dbView->expand(m_catalogProxy->index(r, 0));
    updateCounts();
}

void ExplorerWidget::updateCounts()
{
    if (m_tabs->currentIndex() == GraphQLTab) {
        m_count->setText(m_typeModel->schema() ? tr("Types shown: %1").arg(m_typeModel->visibleTypeCount())
                                               : tr("No GraphQL schema yet"));
    } else {
        m_count->setText(m_catalogModel->catalog() ? tr("Schemas shown: %1").arg(m_catalogProxy->rowCount())
                                                   : tr("Not connected to a database"));
    }
}

void ExplorerWidget::selectType(const QString &typeName, const QString &member)
{
    QModelIndex index = member.isEmpty() ? QModelIndex() : m_typeModel->indexForMember(typeName, member);
    if (!index.isValid())
        index = m_typeModel->indexForType(typeName);
    if (!index.isValid())
        return;
    m_selecting = true;
    m_gqlView->setCurrentIndex(index);
    m_gqlView->scrollTo(index);
    m_selecting = false;
}

void ExplorerWidget::onGraphQLCurrentChanged(const QModelIndex &index)
{
    if (m_selecting || !index.isValid())
        return;
    const QString type = index.data(GraphQLTypeModel::TypeNameRole).toString();
    if (type.isEmpty())
        return;
    QString member = index.data(GraphQLTypeModel::MemberNameRole).toString();
    emit typeSelected(type, member);
}

void ExplorerWidget::onDatabaseCurrentChanged(const QModelIndex &index)
{
    // Any row inside a table shows the table's summary.
    for (QModelIndex i = index; i.isValid(); i = i.parent()) {
        const QString html = i.data(CatalogModel::DocsHtmlRole).toString();
        if (!html.isEmpty()) {
            emit databaseObjectSelected(html);
            return;
        }
    }
}

} // namespace refract::ui
