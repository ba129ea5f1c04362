#pragma once

#include <workspace/workspace.h>

#include <QObject>
#include <QString>

class QTimer;

namespace refract::ui {

class MainWindow;
class QueryTab;
struct ExecutedOperation;

/// Keeps a window's tabs, recent connections and history in the workspace file: restores them
/// when the window opens, saves shortly after every edit (so a crash or `kill -9` loses at most
/// the last second of typing) and when the window closes.
class WorkspaceSession : public QObject
{
    Q_OBJECT
public:
    WorkspaceSession(MainWindow *window, const QString &path);

    QString path() const { return m_path; }
    const workspace::Workspace &workspace() const { return m_workspace; }

    /// Reads the file and replaces the window's tabs with the saved ones (if any).
    bool restore();
    /// Writes the window's state now.
    bool saveNow();
    /// Writes soon (debounced): called on every edit.
    void scheduleSave();
    bool isSavePending() const;

    /// Follows a tab's editors so that their edits are saved.
    void watch(QueryTab *tab);
    void addHistory(const ExecutedOperation &operation, const QString &connection);
    void addRecentConnection(const QJsonObject &connection);
    void setProfiles(const QList<QJsonObject> &profiles);

signals:
    void historyChanged();

private:
    void collect();

    MainWindow *m_window = nullptr;
    QString m_path;
    QTimer *m_timer = nullptr;
    workspace::Workspace m_workspace;
    bool m_restoring = false;
};

} // namespace refract::ui
