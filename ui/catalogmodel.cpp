#include "catalogmodel.h"

#include "catalogtree.h"

#include <QtConcurrent/QtConcurrentRun>

namespace refract::ui {

using namespace refract::reflect;

CatalogModel::CatalogModel(QObject *parent)
    : QAbstractItemModel(parent)
{
    m_bold.setBold(true);
}

CatalogModel::~CatalogModel() = default;

void CatalogModel::setCatalog(std::shared_ptr<const Catalog> catalog)
{
    std::shared_ptr<const CatalogTree> tree = catalog ? CatalogTree::build(*catalog) : nullptr;
    setTree(std::move(catalog), std::move(tree));
}

void CatalogModel::setTree(std::shared_ptr<const Catalog> catalog, std::shared_ptr<const CatalogTree> tree)
{
    beginResetModel();
    std::shared_ptr<const CatalogTree> old = std::exchange(m_tree, std::move(tree));
    std::shared_ptr<const Catalog> oldCatalog = std::exchange(m_catalog, std::move(catalog));
    endResetModel();
    // Freeing tens of thousands of strings (the rows, and the catalog if this was its last
    // holder) is work the UI thread need not wait for.
    if (old || oldCatalog)
        (void)QtConcurrent::run([old = std::move(old), oldCatalog = std::move(oldCatalog)]() mutable {
            old.reset();
            oldCatalog.reset();
        });
}

QString CatalogModel::typeName(const Catalog &catalog, Oid oid)
{
    const reflect::Type *t = catalog.typeByOid(oid);
    if (!t)
        return oid ? QStringLiteral("oid %1").arg(oid) : QString();
    if (t->category == 'A' && t->arrayItemOid)
        return typeName(catalog, t->arrayItemOid) + QLatin1String("[]");
    const bool builtin = t->namespaceName == QLatin1String("pg_catalog");
    return builtin ? t->name : t->namespaceName + QLatin1Char('.') + t->name;
}

QModelIndex CatalogModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!m_tree || column != 0 || row < 0)
        return {};
    const std::vector<int> &rows =
        parent.isValid() ? m_tree->nodes()[size_t(parent.internalId())].children : m_tree->top();
    if (size_t(row) >= rows.size())
        return {};
    return createIndex(row, 0, quintptr(rows[size_t(row)]));
}

QModelIndex CatalogModel::parent(const QModelIndex &child) const
{
    if (!m_tree || !child.isValid())
        return {};
    const int p = m_tree->nodes()[size_t(child.internalId())].parent;
    if (p < 0)
        return {};
    return createIndex(m_tree->nodes()[size_t(p)].row, 0, quintptr(p));
}

int CatalogModel::rowCount(const QModelIndex &parent) const
{
    if (!m_tree)
        return 0;
    if (!parent.isValid())
        return int(m_tree->top().size());
    if (parent.column() != 0)
        return 0;
    return int(m_tree->nodes()[size_t(parent.internalId())].children.size());
}

int CatalogModel::columnCount(const QModelIndex &) const { return 1; }

QVariant CatalogModel::data(const QModelIndex &index, int role) const
{
    if (!m_tree || !index.isValid())
        return {};
    const CatalogTree::Node &n = m_tree->nodes()[size_t(index.internalId())];
    switch (role) {
    case Qt::DisplayRole: return n.text;
    // Rows are elided to the dock's width; the tooltip has the whole text and the comment.
    case Qt::ToolTipRole: return n.comment.isEmpty() ? n.text : n.text + QLatin1String("\n\n") + n.comment;
    case Qt::FontRole: return n.kind == Folder ? QVariant(m_bold) : QVariant();
    case ObjectKindRole: return n.kind;
    case DocsHtmlRole: return n.docsHtml.isEmpty() ? QVariant() : QVariant(n.docsHtml);
    default: return {};
    }
}

QVariant CatalogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (section == 0 && orientation == Qt::Horizontal && role == Qt::DisplayRole)
        return tr("Object");
    return {};
}

} // namespace refract::ui
