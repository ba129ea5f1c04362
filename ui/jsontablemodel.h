#pragma once

#include "jsonindex.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QStringList>

#include <memory>

namespace refract::ui {

/// The rows of a GraphQL list as a table: the first root field that is a list of objects, a
/// connection's `nodes`, or its `edges` (one row per edge's `node`). Columns are the keys of the
/// first rows; nested objects show as compact JSON. Rows are read from the index when drawn.
class JsonTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit JsonTableModel(QObject *parent = nullptr);

    void setIndex(std::shared_ptr<const JsonIndex> index);
    /// Where the rows come from (`data.allPosts.nodes`), empty when the response has no list.
    QString sourcePath() const { return m_path; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const QHash<QString, JsonIndex::Entry> &rowMembers(int row) const;

    std::shared_ptr<const JsonIndex> m_index;
    QList<JsonIndex::Entry> m_rows;
    QStringList m_columns;
    QString m_path;
    mutable QHash<int, QHash<QString, JsonIndex::Entry>> m_cache; ///< members of recently drawn rows
};

} // namespace refract::ui
