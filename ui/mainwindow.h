#pragma once

#include "pgconnectionparams.h"
#include "theme.h"

#include <identity/identityprofile.h>

#include <graphql/schema.h>
#include <reflect/catalog.h>

#include <QJsonObject>
#include <QMainWindow>
#include <QPointer>

#include <memory>

class QActionGroup;
class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QTabWidget;

namespace refract::pg {
class Connection;
}

namespace refract::ui {

namespace diagram {
class DiagramWidget;
}
class ConnectionBar;
class DocsView;
class EventLog;
class ExplorerWidget;
class HistoryView;
class LocalServerController;
class SavedOperationsView;
class WorkspaceSession;
class QueryTab;
class ReflectJob;
class RemoteSession;
struct RemoteEndpoint;
class RunController;
class SchemaContext;
struct ReflectOutcome;

/// The workbench window: connection bar, Explorer / Docs / Event log docks around the query tabs,
/// a status bar with the progress of background work. Layout and theme persist in QSettings.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    /// Restores the tabs of the workspace file at `workspacePath` (empty: the default location).
    explicit MainWindow(QWidget *parent = nullptr, const QString &workspacePath = QString());
    ~MainWindow() override;

    /// Connects and reflects in the background; the window stays responsive and can cancel.
    void connectTo(const PgConnectionParams &params);
    /// Loads a GraphQL schema from an SDL file in the background (no database needed).
    void openSdlFile(const QString &path);
    /// Reads a deployed GraphQL API's schema in the background (mainwindowremote.cpp); Run then
    /// sends operations there. Replaces the database connection.
    void connectToEndpoint(const RemoteEndpoint &endpoint);
    /// Connects again to an endpoint a workspace had open (at start, and when File → Open brings
    /// such a workspace), once the keychain has given back its secret header values (the
    /// workspace keeps only their names). Gives way to a connection chosen while the keychain
    /// answers and to a workspace opened meanwhile; does nothing when already connected to it.
    void reopenEndpoint(const RemoteEndpoint &endpoint);
    RemoteSession *remoteSession() const { return m_remote; }
    /// What the workspace records as open (no secret values; empty for none): the endpoint
    /// connected or last tried (RemoteEndpoint::toJson), one a reopen still waits for the keychain
    /// to give, or the database connected or last tried (PgConnectionParams::toSettings, "kind":
    /// "postgresql").
    QJsonObject workspaceConnection() const;
    /// Connects again to a database a workspace had open (at start, and when File → Open brings
    /// such a workspace), in the background like connectTo(): the password from the keychain,
    /// never from the workspace or settings. Does nothing when already connected to it.
    void reopenDatabase(const PgConnectionParams &params);
    void cancelBackgroundWork();
    bool isBusy() const;
    /// Demo mode: demo identities and a sample query for the forum database.
    void setDemoMode(bool demo);

    /// Shows a catalog / schema as if reflected (tests, SDL files).
    void setCatalog(std::shared_ptr<const reflect::Catalog> catalog);
    void setSchema(std::shared_ptr<const graphql::Schema> schema);
    /// The schema with what validation, completion and Run need (reflected schemas are runnable).
    void setSchemaContext(std::shared_ptr<const SchemaContext> context);
    std::shared_ptr<const SchemaContext> schemaContext() const { return m_context; }
    RunController *runController() const { return m_runner; }
    LocalServerController *localServer() const { return m_localServer; }
    WorkspaceSession *workspaceSession() const { return m_session; }
    HistoryView *history() const { return m_history; }
    SavedOperationsView *savedOperations() const { return m_savedOperations; }

    /// File → New / Open / Save As without their dialogs (the menu's dialogs call these). Each
    /// saves the current workspace first; a file that is not a workspace changes nothing.
    bool newWorkspace(QString *error = nullptr);
    bool openWorkspace(const QString &path, QString *error = nullptr);
    bool saveWorkspaceAs(const QString &path, QString *error = nullptr);
    /// Query → Save Operation: keeps the current tab's operation under `name` in the workspace.
    bool saveCurrentOperation(const QString &name);
    /// While Run Locally serves: a curl command for the current tab's operation with the current
    /// identity's token signed by the server's key (empty with the reason in `note` otherwise).
    QString localServerCurl(QString *note) const;

    QueryTab *newQueryTab(const QString &text = {});
    QueryTab *currentQueryTab() const;
    QTabWidget *queryTabs() const { return m_tabs; }
    ExplorerWidget *explorer() const { return m_explorer; }
    /// The ER diagram / GraphQL type graph dock's content.
    diagram::DiagramWidget *diagram() const { return m_diagram; }
    DocsView *docs() const { return m_docs; }
    EventLog *eventLog() const { return m_log; }
    ConnectionBar *connectionBar() const { return m_connectionBar; }
    /// The identity profiles the picker offers (besides the connection's role); kept in the workspace.
    void setProfiles(const QList<identity::IdentityProfile> &profiles);
    QList<identity::IdentityProfile> profiles() const { return m_profiles; }
    void openProfilesDialog();

    /// Every action of the window (menus and shortcuts), as the shortcuts dialog lists them.
    QList<QAction *> allActions() const;

    void setTheme(Theme::Kind kind);
    Theme::Kind theme() const { return m_theme; }

    void saveLayout() const;
    void restoreLayout();

signals:
    /// A connect-and-reflect run ended (ok, failed or cancelled).
    void reflectFinished(bool ok);
    /// An SDL file was loaded (or failed to).
    void sdlLoaded(bool ok);
    /// connectToEndpoint() ended (ok, failed or cancelled).
    void endpointConnected(bool ok);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createDocks();
    void createStatusBar();
    // mainwindowworkspace.cpp
    void createWorkspaceActions(QMenu *file);
    void createSavedOperationsDock();
    void connectWorkspaceSession();
    /// The workspace's open endpoint or database comes back (reopenEndpoint, reopenDatabase) once
    /// the caller had its say: a connection chosen right after (`refract --db`) wins. Drops a
    /// previous workspace's reopen.
    void reopenWorkspaceConnection();
    void applyWorkspaceProfiles();
    /// The toolbar's identity picker and dry-run switch show the current tab's.
    void showTabRunSettings();
    void updateWindowTitle();
    void updateRecentWorkspacesMenu();
    void openWorkspaceInteractively(const QString &path);
    void openConnectionDialog();
    void chooseSdlFile();
    void reflectAgain();
    void disconnectDatabase();
    /// File → Disconnect without the menu: database and endpoint closed, background work
    /// cancelled, nothing shown; `logMessage` says why in the event log.
    void closeConnections(const QString &logMessage);
    void onReflectFinished(const ReflectOutcome &outcome);
    void setBusy(bool busy, const QString &text = {});
    void runQuery();
    void copyAsCurl();
    /// Query → Run Locally: starts (or stops) the `refract-cli serve` server for this connection.
    void createRunLocallyAction();
    void toggleRunLocally();
    void createRemoteActions();
    void openEndpointDialog();
    /// Forgets the GraphQL endpoint (a database connection or Disconnect replaces it).
    void leaveRemote();
    /// Ends a reopenEndpoint() still waiting for the keychain (cancelled, or superseded by a
    /// connection, another reopen or another workspace): its late answers are ignored and the
    /// toolbar stops saying "connecting".
    void dropEndpointReopen();
    void prettify();
    void closeQueryTab(int index);
    void switchIdentity();
    void showShortcuts();
    void showAbout();
    void log(int level, const QString &message);

    ConnectionBar *m_connectionBar = nullptr;
    QTabWidget *m_tabs = nullptr;
    ExplorerWidget *m_explorer = nullptr;
    DocsView *m_docs = nullptr;
    EventLog *m_log = nullptr;
    diagram::DiagramWidget *m_diagram = nullptr;
    QDockWidget *m_diagramDock = nullptr;
    QDockWidget *m_explorerDock = nullptr;
    QDockWidget *m_docsDock = nullptr;
    QDockWidget *m_logDock = nullptr;
    QDockWidget *m_historyDock = nullptr;
    HistoryView *m_history = nullptr;
    WorkspaceSession *m_session = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QLabel *m_schemaLabel = nullptr;
    ReflectJob *m_job = nullptr;
    RunController *m_runner = nullptr;
    LocalServerController *m_localServer = nullptr;
    QAction *m_runLocallyAction = nullptr;
    RemoteSession *m_remote = nullptr;
    QAction *m_connectEndpointAction = nullptr;
    QList<QAction *> m_workspaceActions;
    QAction *m_saveOperationAction = nullptr;
    QMenu *m_recentWorkspacesMenu = nullptr;
    SavedOperationsView *m_savedOperations = nullptr;
    QDockWidget *m_savedDock = nullptr;

    QAction *m_runAction = nullptr;
    QAction *m_dryRunAction = nullptr;
    QAction *m_copyCurlAction = nullptr;
    QAction *m_profilesAction = nullptr;
    QAction *m_prettifyAction = nullptr;
    QAction *m_newTabAction = nullptr;
    QAction *m_closeTabAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_identityAction = nullptr;
    QAction *m_connectAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_disconnectAction = nullptr;
    QAction *m_openSdlAction = nullptr;
    QAction *m_filterAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_shortcutsAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_lightAction = nullptr;
    QAction *m_darkAction = nullptr;
    QAction *m_resetLayoutAction = nullptr;
    QActionGroup *m_themeGroup = nullptr;

    PgConnectionParams m_params;
    bool m_haveParams = false;
    bool m_demo = false;
    Theme::Kind m_theme = Theme::Light;
    QByteArray m_defaultState;
    QByteArray m_tabSplitterState;
    /// Bumped to drop the result of an SDL load that was cancelled or superseded.
    int m_sdlGeneration = 0;
    int m_connectGeneration = 0;
    /// Bumped by each reopenEndpoint request: a later one (another workspace opened) replaces it.
    int m_reopenTicket = 0;
    bool m_keychainWait = false; ///< connecting waits for the keychain's answer
    bool m_reopenWaiting = false; ///< reopenEndpoint waits for the keychain's secret header values
    QString m_reopenName;         ///< the endpoint it reopens, for the log
    /// What it reopens, without secret values: still the workspace's open endpoint meanwhile.
    QJsonObject m_reopening;
    bool m_sdlLoading = false;
    std::shared_ptr<pg::Connection> m_connection;
    std::shared_ptr<const reflect::Catalog> m_catalog;
    std::shared_ptr<const graphql::Schema> m_schema;
    std::shared_ptr<const SchemaContext> m_context;
    QList<identity::IdentityProfile> m_profiles;
};

} // namespace refract::ui
