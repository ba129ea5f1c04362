#pragma once

#include <workspace/workspace.h>

#include <QTreeWidget>

namespace refract::ui {

/// The history dock: executed operations, newest first, with who they ran as. Activating one
/// opens it again in a new tab.
class HistoryView : public QTreeWidget
{
    Q_OBJECT
public:
    explicit HistoryView(QWidget *parent = nullptr);

    void setHistory(const QList<workspace::HistoryEntry> &history);

signals:
    void reopen(const QString &document, const QString &variables);

private:
    QList<workspace::HistoryEntry> m_history;
};

} // namespace refract::ui
