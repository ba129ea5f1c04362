// MainWindow's workspace actions: File → New / Open / Save / Save As / Recent Workspaces, the
// window title naming the workspace, saved operations (Query → Save Operation…, their dock), and
// each tab's identity and dry-run switch shown by the toolbar when the tab is current. Kept apart
// from mainwindow.cpp so that each file stays readable.
#include "mainwindow.h"

#include "connectionbar.h"
#include "eventlog.h"
#include "historyview.h"
#include "queryeditor.h"
#include "remotesession.h"
#include "querytab.h"
#include "savedoperationsview.h"
#include "workspacesession.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QJsonObject>
#include <QTimer>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>

namespace refract::ui {

namespace {

QAction *workspaceAction(QObject *parent, const QString &name, const QString &text, const QKeySequence &key,
                         const QString &tip)
{
    auto *a = new QAction(text, parent);
    a->setObjectName(name);
    if (!key.isEmpty())
        a->setShortcut(key);
    a->setStatusTip(tip);
    return a;
}

QString workspaceFilter() { return MainWindow::tr("Refract workspaces (*.refract-workspace.json *.json);;All files (*)"); }

} // namespace

void MainWindow::createWorkspaceActions(QMenu *file)
{
    auto *newWs = workspaceAction(this, QStringLiteral("actionNewWorkspace"), tr("New &Workspace"),
                                  QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N),
                                  tr("Save this workspace and start an empty one"));
    auto *openWs = workspaceAction(this, QStringLiteral("actionOpenWorkspace"), tr("&Open Workspace…"), {},
                                   tr("Open a workspace file (tabs, profiles, saved operations, history)"));
    auto *saveWs = workspaceAction(this, QStringLiteral("actionSaveWorkspace"), tr("&Save Workspace"),
                                   QKeySequence(Qt::CTRL | Qt::Key_S), tr("Write the workspace now (it is also saved as you type)"));
    auto *saveAsWs = workspaceAction(this, QStringLiteral("actionSaveWorkspaceAs"), tr("Save Workspace &As…"),
                                     QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
                                     tr("Write the workspace to a file of your choice and go on there"));
    m_saveOperationAction = workspaceAction(this, QStringLiteral("actionSaveOperation"), tr("Save &Operation…"),
                                            QKeySequence(Qt::CTRL | Qt::Key_D),
                                            tr("Keep the current tab's operation under a name in the workspace"));
    m_workspaceActions = {newWs, openWs, saveWs, saveAsWs, m_saveOperationAction};

    connect(newWs, &QAction::triggered, this, [this] {
        QString error;
        if (!newWorkspace(&error))
            QMessageBox::warning(this, tr("New Workspace"), tr("Could not start a new workspace: %1").arg(error));
    });
    connect(openWs, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open Workspace"),
                                                          QFileInfo(m_session->path()).absolutePath(), workspaceFilter());
        if (!path.isEmpty())
            openWorkspaceInteractively(path);
    });
    connect(saveWs, &QAction::triggered, this, [this, saveAsWs] {
        if (m_session->isUntitled()) {
            saveAsWs->trigger(); // an untitled workspace gets its name now
            return;
        }
        if (m_session->saveNow())
            statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(m_session->path())), 4000);
    });
    connect(saveAsWs, &QAction::triggered, this, [this] {
        const QString dir = m_session->isUntitled() ? QDir::homePath() : QFileInfo(m_session->path()).absolutePath();
        QString path = QFileDialog::getSaveFileName(this, tr("Save Workspace As"),
                                                    dir + QLatin1Char('/') + m_session->displayName() + workspace::Workspace::fileSuffix(),
                                                    workspaceFilter());
        if (path.isEmpty())
            return;
        if (!path.endsWith(QLatin1String(".json")))
            path += workspace::Workspace::fileSuffix();
        QString error;
        if (!saveWorkspaceAs(path, &error))
            QMessageBox::warning(this, tr("Save Workspace As"), tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), error));
    });
    connect(m_saveOperationAction, &QAction::triggered, this, [this] {
        QueryTab *tab = currentQueryTab();
        if (!tab || tab->editor()->text().trimmed().isEmpty()) {
            statusBar()->showMessage(tr("Nothing to save"), 3000);
            return;
        }
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Save Operation"), tr("Name:"), QLineEdit::Normal,
                                                   m_tabs->tabText(m_tabs->currentIndex()), &ok)
                                 .trimmed();
        if (ok && !name.isEmpty())
            saveCurrentOperation(name);
    });

    file->addAction(newWs);
    file->addAction(openWs);
    m_recentWorkspacesMenu = file->addMenu(tr("Recent Wor&kspaces"));
    m_recentWorkspacesMenu->setObjectName(QStringLiteral("recentWorkspacesMenu"));
    connect(m_recentWorkspacesMenu, &QMenu::aboutToShow, this, &MainWindow::updateRecentWorkspacesMenu);
    file->addAction(saveWs);
    file->addAction(saveAsWs);
    file->addSeparator();
}

void MainWindow::createSavedOperationsDock()
{
    m_savedOperations = new SavedOperationsView(this);
    m_savedDock = new QDockWidget(tr("Saved Operations"), this);
    m_savedDock->setObjectName(QStringLiteral("savedOperationsDock"));
    m_savedDock->setWidget(m_savedOperations);
    addDockWidget(Qt::BottomDockWidgetArea, m_savedDock);
    tabifyDockWidget(m_historyDock, m_savedDock);
    m_logDock->raise();
    QAction *toggle = m_savedDock->toggleViewAction();
    toggle->setShortcut(QKeySequence(Qt::ALT | Qt::Key_6));
    toggle->setStatusTip(tr("Show or hide the %1 dock").arg(m_savedDock->windowTitle()));
    menuBar()->findChild<QMenu *>(QStringLiteral("viewMenu"))->addAction(toggle);
    m_workspaceActions.append(toggle);
    connect(m_savedOperations, &SavedOperationsView::reopenRequested, this, [this](const workspace::SavedOperation &op) {
        QueryTab *tab = newQueryTab(op.document);
        tab->variablesEdit()->setPlainText(op.variables);
        tab->headersEdit()->setPlainText(op.headers);
        m_tabs->setTabText(m_tabs->indexOf(tab), op.name);
    });
    connect(m_savedOperations, &SavedOperationsView::removeRequested, this, [this](const QString &name) {
        if (m_session->removeSavedOperation(name))
            log(EventLog::Info, tr("Saved operation \"%1\" deleted").arg(name));
    });
}

void MainWindow::connectWorkspaceSession()
{
    connect(m_session, &WorkspaceSession::savedOperationsChanged, this,
            [this] { m_savedOperations->setOperations(m_session->workspace().savedOperations); });
    connect(m_session, &WorkspaceSession::workspaceReplaced, this, &MainWindow::applyWorkspaceProfiles);
    connect(m_session, &WorkspaceSession::pathChanged, this, &MainWindow::updateWindowTitle);
    // The toolbar shows the current tab's identity and dry-run switch; changing them changes the tab's.
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::showTabRunSettings);
    connect(m_connectionBar, &ConnectionBar::identityChanged, this, [this](const QString &key) {
        if (QueryTab *tab = currentQueryTab())
            tab->setIdentityKey(key);
    });
    connect(m_dryRunAction, &QAction::toggled, this, [this](bool on) {
        if (QueryTab *tab = currentQueryTab())
            tab->setDryRun(on);
    });
    m_savedOperations->setOperations(m_session->workspace().savedOperations);
    updateWindowTitle();
    showTabRunSettings();
}

void MainWindow::applyWorkspaceProfiles()
{
    QList<identity::IdentityProfile> saved;
    for (const QJsonObject &o : m_session->workspace().profiles) {
        QString error;
        if (auto p = identity::IdentityProfile::fromJson(o, &error))
            saved.append(*p);
        else
            log(EventLog::Warning, tr("A saved identity profile was skipped: %1").arg(error));
    }
    setProfiles(saved);
    m_history->setHistory(m_session->workspace().history);
}

void MainWindow::showTabRunSettings()
{
    QueryTab *tab = currentQueryTab();
    if (!tab)
        return;
    // A profile that is missing (deleted, or not loaded yet) leaves the picker as it is; the tab
    // keeps its key for when the profile comes back (setProfiles shows it then).
    m_connectionBar->selectIdentity(tab->identityKey());
    const QSignalBlocker block(m_dryRunAction);
    m_dryRunAction->setChecked(tab->dryRun());
}

void MainWindow::updateWindowTitle()
{
    setWindowTitle(tr("%1 — Refract").arg(m_session->displayName()));
    setWindowFilePath(m_session->isUntitled() ? QString() : m_session->path());
    // File → Save names what it writes (an untitled workspace is named first, through Save As).
    if (QAction *save = findChild<QAction *>(QStringLiteral("actionSaveWorkspace")))
        save->setText(m_session->isUntitled() ? tr("&Save Workspace…") : tr("&Save Workspace “%1”").arg(m_session->displayName()));
}

void MainWindow::updateRecentWorkspacesMenu()
{
    m_recentWorkspacesMenu->clear();
    const QStringList recent = WorkspaceSession::recentWorkspaces();
    for (const QString &path : recent) {
        if (QFileInfo(path).absoluteFilePath() == m_session->path())
            continue;
        const QFileInfo info(path);
        // Untitled workspaces have generated file names: their date tells them apart.
        const bool untitled = info.absolutePath() == QFileInfo(workspace::Workspace::defaultPath()).absolutePath() + QLatin1String("/workspaces") ||
                              info.absoluteFilePath() == QFileInfo(workspace::Workspace::defaultPath()).absoluteFilePath();
        QAction *a = m_recentWorkspacesMenu->addAction(
            untitled ? tr("Untitled (%1)").arg(QLocale().toString(info.lastModified(), QLocale::ShortFormat)) : info.fileName());
        a->setToolTip(QDir::toNativeSeparators(path));
        a->setStatusTip(QDir::toNativeSeparators(path));
        connect(a, &QAction::triggered, this, [this, path] { openWorkspaceInteractively(path); });
    }
    if (m_recentWorkspacesMenu->isEmpty())
        m_recentWorkspacesMenu->addAction(tr("(none)"))->setEnabled(false);
}

void MainWindow::openWorkspaceInteractively(const QString &path)
{
    QString error;
    if (!openWorkspace(path, &error))
        QMessageBox::warning(this, tr("Open Workspace"),
                             tr("%1 was not opened: %2\n\nThe current workspace is unchanged.")
                                 .arg(QDir::toNativeSeparators(path), error));
}

bool MainWindow::newWorkspace(QString *error)
{
    if (!m_session->newWorkspace(error))
        return false;
    log(EventLog::Info, tr("New workspace (saved automatically until you name it with Save As)"));
    return true;
}

bool MainWindow::openWorkspace(const QString &path, QString *error)
{
    QString why;
    const QString before = m_session->path();
    if (!m_session->open(path, &why)) {
        log(EventLog::Error, tr("Could not open the workspace %1: %2").arg(QDir::toNativeSeparators(path), why));
        if (error)
            *error = why;
        return false;
    }
    log(EventLog::Info, tr("Workspace %1 opened").arg(QDir::toNativeSeparators(m_session->path())));
    if (m_session->path() == before)
        return true;
    // The window shows the opened workspace: an endpoint or database it was not on is closed
    // (else the next autosave would give the workspace a connection it never had).
    const QJsonObject current = workspaceConnection();
    if (!current.isEmpty() && current != m_session->workspace().openConnection) {
        if (const RemoteEndpoint endpoint = m_remote->endpoint(); endpoint.isValid())
            closeConnections(tr("Disconnected from GraphQL endpoint %1: the opened workspace was not on it")
                                 .arg(endpoint.displayName()));
        else if (m_haveParams)
            closeConnections(tr("Disconnected from %1: the opened workspace was not on it").arg(m_params.displayName()));
    }
    // As at start, the connection the workspace had open comes back (its tabs just did).
    reopenWorkspaceConnection();
    return true;
}

namespace {
// Marks a database connection in Workspace::openConnection (an endpoint's says "graphql").
const char DatabaseKind[] = "postgresql";

bool isDatabaseJson(const QJsonObject &json) { return json.value(QLatin1String("kind")).toString() == QLatin1String(DatabaseKind); }
} // namespace

QJsonObject MainWindow::workspaceConnection() const
{
    if (const RemoteEndpoint &endpoint = m_remote->endpoint(); endpoint.isValid())
        return endpoint.toJson();
    if (!m_reopening.isEmpty())
        return m_reopening;
    if (!m_haveParams)
        return {};
    // toSettings() has no password field and redacts one in a URI: it stays in the keychain.
    QJsonObject database = QJsonObject::fromVariantMap(m_params.toSettings());
    database.insert(QLatin1String("kind"), QLatin1String(DatabaseKind));
    return database;
}

void MainWindow::reopenWorkspaceConnection()
{
    const QJsonObject open = m_session->workspace().openConnection;
    dropEndpointReopen(); // a reopen of the previous workspace still waiting is dropped
    const int ticket = m_reopenTicket;
    const bool endpoint = RemoteEndpoint::isEndpointJson(open);
    if (!endpoint && !isDatabaseJson(open))
        return;
    // Later, after the caller had its say: a connection asked for right after construction or
    // after File → Open (`refract --db`) wins.
    const int generation = m_connectGeneration;
    QTimer::singleShot(0, this, [this, open, ticket, generation, endpoint] {
        if (ticket != m_reopenTicket || generation != m_connectGeneration)
            return;
        if (endpoint)
            reopenEndpoint(RemoteEndpoint::fromJson(open));
        else
            reopenDatabase(PgConnectionParams::fromSettings(open.toVariantMap()));
    });
}

void MainWindow::reopenDatabase(const PgConnectionParams &saved)
{
    PgConnectionParams current = m_params;
    current.password.clear();
    if (m_haveParams && current == saved)
        return; // already there (File → Open of a workspace on the database the window is on)
    log(EventLog::Info, tr("Reopening %1, open when this workspace was last used").arg(saved.displayName()));
    // No password in `saved`: connectTo asks the keychain (this session's memory where none runs),
    // then connects and reflects on a pool thread.
    connectTo(saved);
}

bool MainWindow::saveWorkspaceAs(const QString &path, QString *error)
{
    QString why;
    if (!m_session->saveAs(path, &why)) {
        log(EventLog::Error, tr("Could not save the workspace as %1: %2").arg(QDir::toNativeSeparators(path), why));
        if (error)
            *error = why;
        return false;
    }
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(m_session->path())), 4000);
    return true;
}

bool MainWindow::saveCurrentOperation(const QString &name)
{
    QueryTab *tab = currentQueryTab();
    if (!tab || name.trimmed().isEmpty() || tab->editor()->text().trimmed().isEmpty())
        return false;
    workspace::SavedOperation op;
    op.name = name.trimmed();
    op.document = tab->editor()->text();
    op.variables = tab->variablesEdit()->toPlainText();
    op.headers = tab->headersEdit()->toPlainText();
    op.saved = QDateTime::currentDateTimeUtc();
    m_session->saveOperation(op);
    m_tabs->setTabText(m_tabs->currentIndex(), op.name);
    m_savedDock->show();
    m_savedDock->raise();
    log(EventLog::Info, tr("Operation saved as \"%1\"").arg(op.name));
    return true;
}

} // namespace refract::ui
