#pragma once

#include <workspace/workspace.h>

#include <QObject>
#include <QString>
#include <QStringList>

class QTimer;

namespace refract::ui {

class MainWindow;
class QueryTab;
struct ExecutedOperation;

/// Keeps a window's tabs, recent connections, profiles, saved operations and history in the
/// workspace file: restores them when the window opens, saves at most SaveDelayMs after an edit
/// (so a crash or `kill -9` loses at most that much typing; continuous typing does not postpone
/// the save) and when the window closes. File → New / Open / Save As switch the file: the current
/// one is always saved first, and a file that cannot be read leaves the current workspace as it is.
///
/// Workspaces the user never named ("Untitled") live in the application data folder: the first
/// at Workspace::defaultPath(), later ones (File → New) under `workspaces/`.
class WorkspaceSession : public QObject
{
    Q_OBJECT
public:
    static constexpr int SaveDelayMs = 800;
    static constexpr int MaxRecentWorkspaces = 8;

    WorkspaceSession(MainWindow *window, const QString &path);

    QString path() const { return m_path; }
    const workspace::Workspace &workspace() const { return m_workspace; }
    /// Not named by the user (autosaved in the application data folder).
    bool isUntitled() const;
    /// What the window title shows: the file's name without its suffix, or "Untitled".
    QString displayName() const;

    /// The workspace the last session used (QSettings), else the default one.
    static QString lastPath();
    /// Named and untitled workspaces used lately, newest first, existing files only.
    static QStringList recentWorkspaces();

    /// Reads the file and replaces the window's tabs with the saved ones (if any). Without a file
    /// (the first launch) the workspace starts as File → New starts one (starterWorkspace()).
    bool restore();
    /// Writes the window's state now.
    bool saveNow();
    /// Writes soon: called on every edit.
    void scheduleSave();
    bool isSavePending() const;

    /// What a workspace starts as (File → New, or the first launch): one empty tab, no history, and
    /// the demo's starter identity profiles (ConnectionBar::demoProfiles).
    static workspace::Workspace starterWorkspace();
    /// File → New: saves the current workspace, then starts an untitled one (starterWorkspace()).
    bool newWorkspace(QString *error = nullptr);
    /// File → Open: reads `path` first; only when it is a workspace is the current one saved and
    /// replaced. false with the reason otherwise (nothing changed).
    bool open(const QString &path, QString *error = nullptr);
    /// File → Save As: writes the window's state to `path` (QSaveFile) and goes on there.
    bool saveAs(const QString &path, QString *error = nullptr);

    /// Follows a tab's editors so that their edits are saved.
    void watch(QueryTab *tab);
    void addHistory(const ExecutedOperation &operation, const QString &connection);
    void addRecentConnection(const QJsonObject &connection);
    void setProfiles(const QList<QJsonObject> &profiles);
    void saveOperation(const workspace::SavedOperation &operation);
    bool removeSavedOperation(const QString &name);

signals:
    void historyChanged();
    void savedOperationsChanged();
    /// Another file was opened or started: profiles, history and saved operations are new.
    void workspaceReplaced();
    /// The file (and so the title) changed.
    void pathChanged(const QString &path);

private:
    void collect();
    /// Replaces the window's tabs with the workspace's (one empty tab when it has none).
    void applyTabs(const workspace::Workspace &loaded);
    void setPath(const QString &path);

    MainWindow *m_window = nullptr;
    QString m_path;
    QTimer *m_timer = nullptr;
    workspace::Workspace m_workspace;
    bool m_restoring = false;
};

} // namespace refract::ui
