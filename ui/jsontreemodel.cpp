#include "jsontreemodel.h"

#include <QFont>
#include <QFontDatabase>

namespace refract::ui {

JsonTreeModel::JsonTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

JsonTreeModel::~JsonTreeModel() = default;

void JsonTreeModel::setIndex(std::shared_ptr<const JsonIndex> index)
{
    beginResetModel();
    m_index = std::move(index);
    m_root.reset();
    if (m_index) {
        m_root = std::make_unique<Node>();
        m_root->loaded = true;
        m_root->entries.push_back(m_index->root());
        m_root->children.resize(1);
    }
    endResetModel();
}

JsonTreeModel::Node *JsonTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

void JsonTreeModel::load(Node *node) const
{
    if (node->loaded)
        return;
    node->loaded = true;
    const QList<JsonIndex::Entry> entries = m_index->children(node->entry);
    node->entries.assign(entries.begin(), entries.end());
    node->children.resize(node->entries.size());
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    Node *p = nodeOf(parent);
    if (!p || row < 0 || column < 0 || column >= 3)
        return {};
    load(p);
    if (size_t(row) >= p->entries.size())
        return {};
    std::unique_ptr<Node> &child = p->children[size_t(row)];
    if (!child) {
        child = std::make_unique<Node>();
        child->parent = p;
        child->row = row;
        child->entry = p->entries[size_t(row)];
    }
    return createIndex(row, column, child.get());
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const
{
    Node *n = nodeOf(child);
    if (!child.isValid() || !n || !n->parent || n->parent == m_root.get())
        return {};
    return createIndex(n->parent->row, 0, n->parent);
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    Node *n = nodeOf(parent);
    if (!n)
        return 0;
    load(n);
    return int(n->entries.size());
}

int JsonTreeModel::columnCount(const QModelIndex &) const { return 3; }

bool JsonTreeModel::hasChildren(const QModelIndex &parent) const
{
    Node *n = nodeOf(parent);
    if (!n)
        return false;
    if (n == m_root.get())
        return true;
    // Non-empty containers, without listing their members.
    const JsonIndex::Kind k = m_index->kind(n->entry);
    if (k != JsonIndex::Kind::Object && k != JsonIndex::Kind::Array)
        return false;
    const QByteArray &b = m_index->bytes();
    for (qsizetype i = n->entry.valueStart + 1; i < n->entry.valueEnd - 1; ++i)
        if (b.at(i) != ' ' && b.at(i) != '\n' && b.at(i) != '\r' && b.at(i) != '\t')
            return true;
    return false;
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    Node *n = nodeOf(index);
    if (!index.isValid() || !n)
        return {};
    const JsonIndex::Kind k = m_index->kind(n->entry);
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case 0:
            if (n->parent == m_root.get())
                return tr("response");
            return n->entry.keyStart >= 0 ? m_index->key(n->entry) : QString::number(n->row);
        case 1:
            return m_index->displayValue(n->entry, role == Qt::ToolTipRole ? 4000 : 300);
        case 2:
            switch (k) {
            case JsonIndex::Kind::Object: return tr("object");
            case JsonIndex::Kind::Array: return tr("array");
            case JsonIndex::Kind::String: return tr("string");
            case JsonIndex::Kind::Number: return tr("number");
            case JsonIndex::Kind::Bool: return tr("boolean");
            case JsonIndex::Kind::Null: return tr("null");
            default: return QString();
            }
        }
    }
    if (role == Qt::FontRole && index.column() == 1)
        return QFontDatabase::systemFont(QFontDatabase::FixedFont);
    return {};
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case 0: return tr("Key");
    case 1: return tr("Value");
    case 2: return tr("Type");
    }
    return {};
}

QModelIndex JsonTreeModel::find(const QStringList &path)
{
    QModelIndex at = index(0, 0);
    for (const QString &step : path) {
        const int rows = rowCount(at);
        QModelIndex next;
        for (int r = 0; r < rows && !next.isValid(); ++r) {
            const QModelIndex child = index(r, 0, at);
            if (child.data().toString() == step)
                next = child;
        }
        if (!next.isValid())
            return {};
        at = next;
    }
    return at;
}

} // namespace refract::ui
