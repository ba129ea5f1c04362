#include "jsontablemodel.h"

#include <QFontDatabase>

namespace refract::ui {

namespace {
constexpr int ColumnSampleRows = 50;
constexpr int CacheRows = 2000;
using Kind = JsonIndex::Kind;
} // namespace

JsonTableModel::JsonTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void JsonTableModel::setIndex(std::shared_ptr<const JsonIndex> index)
{
    beginResetModel();
    m_index = std::move(index);
    m_rows.clear();
    m_columns.clear();
    m_path.clear();
    m_cache.clear();
    if (m_index) {
        const JsonIndex &x = *m_index;
        const JsonIndex::Entry data = x.member(x.root(), QLatin1String("data"));
        // The first root field that holds a list: itself, a connection's nodes, or its edges.
        for (const JsonIndex::Entry &field : x.children(data)) {
            const QString name = x.key(field);
            QList<JsonIndex::Entry> rows;
            QString path;
            if (x.kind(field) == Kind::Array) {
                rows = x.children(field);
                path = name;
            } else if (x.kind(field) == Kind::Object) {
                const JsonIndex::Entry nodes = x.member(field, QLatin1String("nodes"));
                const JsonIndex::Entry edges = x.member(field, QLatin1String("edges"));
                if (x.kind(nodes) == Kind::Array) {
                    rows = x.children(nodes);
                    path = name + QLatin1String(".nodes");
                } else if (x.kind(edges) == Kind::Array) {
                    for (const JsonIndex::Entry &edge : x.children(edges)) {
                        const JsonIndex::Entry node = x.member(edge, QLatin1String("node"));
                        rows.append(x.isValid(node) ? node : edge);
                    }
                    path = name + QLatin1String(".edges.node");
                }
            }
            if (path.isEmpty())
                continue;
            m_rows = rows;
            m_path = QLatin1String("data.") + path;
            break;
        }
        for (int r = 0; r < qMin<qsizetype>(m_rows.size(), ColumnSampleRows); ++r) {
            if (x.kind(m_rows.at(r)) != Kind::Object) {
                if (!m_columns.contains(tr("value")))
                    m_columns.append(tr("value"));
                continue;
            }
            for (const JsonIndex::Entry &member : x.children(m_rows.at(r))) {
                const QString key = x.key(member);
                if (!m_columns.contains(key))
                    m_columns.append(key);
            }
        }
    }
    endResetModel();
}

int JsonTableModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

int JsonTableModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_columns.size()); }

const QHash<QString, JsonIndex::Entry> &JsonTableModel::rowMembers(int row) const
{
    auto it = m_cache.find(row);
    if (it != m_cache.end())
        return *it;
    if (m_cache.size() > CacheRows)
        m_cache.clear();
    QHash<QString, JsonIndex::Entry> members;
    const JsonIndex::Entry &r = m_rows.at(row);
    if (m_index->kind(r) == Kind::Object) {
        for (const JsonIndex::Entry &m : m_index->children(r))
            members.insert(m_index->key(m), m);
    } else {
        members.insert(tr("value"), r);
    }
    return *m_cache.insert(row, members);
}

QVariant JsonTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= m_columns.size())
        return {};
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        const JsonIndex::Entry e = rowMembers(index.row()).value(m_columns.at(index.column()));
        if (!m_index->isValid(e))
            return QString();
        const Kind k = m_index->kind(e);
        if (k == Kind::Object || k == Kind::Array)
            return m_index->rawValue(e, role == Qt::ToolTipRole ? 4000 : 200);
        return m_index->displayValue(e, role == Qt::ToolTipRole ? 4000 : 200);
    }
    if (role == Qt::TextAlignmentRole) {
        const JsonIndex::Entry e = rowMembers(index.row()).value(m_columns.at(index.column()));
        if (m_index->kind(e) == Kind::Number)
            return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant JsonTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Horizontal)
        return m_columns.value(section);
    return section + 1;
}

} // namespace refract::ui
