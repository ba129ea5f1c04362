#include "mainwindow.h"

#include "connectionbar.h"
#include "docsview.h"
#include "eventlog.h"
#include "explorerwidget.h"
#include "historyview.h"
#include "localservercontroller.h"
#include "operationcheck.h"
#include "passwordkeychain.h"
#include "pgconnectiondialog.h"
#include "prettifier.h"
#include "profilesdialog.h"
#include "queryeditor.h"
#include "querytab.h"
#include "recentconnections.h"
#include "diagram/diagramwidget.h"
#include "reflectjob.h"
#include "remotesession.h"
#include "resultsview.h"
#include "runcontroller.h"
#include "schemacontext.h"
#include "shortcutsdialog.h"
#include "workspacesession.h"

#include <pg/connection.h>
#include <graphql/schemabuilder.h>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QTabBar>
#include <QTabWidget>
#include <QTreeView>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <utility>

namespace refract::ui {

namespace {

// Bump when docks or toolbars change so that an old saved state is not applied to a new layout.
constexpr int LayoutVersion = 1;

const char DemoQuery[] = R"(# The forum demo: the latest posts and who wrote them.
query LatestPosts($first: Int = 5) {
  allPosts(first: $first, orderBy: CREATED_AT_DESC) {
    nodes {
      headline
      topic
      author {
        fullName
        username
      }
    }
  }
}
)";

QAction *makeAction(QObject *parent, const QString &objectName, const QString &text,
                    const QList<QKeySequence> &keys, const QString &tip)
{
    auto *a = new QAction(text, parent);
    a->setObjectName(objectName);
    a->setShortcuts(keys);
    a->setStatusTip(tip);
    if (!keys.isEmpty())
        a->setToolTip(QStringLiteral("%1 (%2)").arg(ShortcutsDialog::plainText(a),
                                                    keys.first().toString(QKeySequence::NativeText)));
    return a;
}

} // namespace

MainWindow::MainWindow(QWidget *parent, const QString &workspacePath)
    : QMainWindow(parent)
    , m_connectionBar(new ConnectionBar(this))
    , m_tabs(new QTabWidget(this))
    , m_explorer(new ExplorerWidget(this))
    , m_docs(new DocsView(this))
    , m_log(new EventLog(this))
    , m_history(new HistoryView(this))
    , m_job(new ReflectJob(this))
    , m_runner(new RunController(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Refract"));
    setDockNestingEnabled(true);

    m_tabs->setObjectName(QStringLiteral("queryTabs"));
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    setCentralWidget(m_tabs);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeQueryTab);

    createActions();
    createMenus();
    createDocks();
    createSavedOperationsDock();
    createStatusBar();
    addToolBar(Qt::TopToolBarArea, m_connectionBar);
    m_connectionBar->addConnectionActions({m_connectAction, m_connectEndpointAction, m_refreshAction});

    connect(m_job, &ReflectJob::progress, this, [this](const QString &step) { setBusy(true, step); });
    connect(m_job, &ReflectJob::finished, this, &MainWindow::onReflectFinished);
    connect(m_runner, &RunController::busyChanged, this, [this](bool busy, const QString &text) { setBusy(busy, text); });
    connect(m_runner, &RunController::message, this, [this](int level, const QString &text) { log(level, text); });
    connect(m_explorer, &ExplorerWidget::typeSelected, this, [this](const QString &type, const QString &member) {
        m_docs->showType(type, member);
    });
    connect(m_explorer, &ExplorerWidget::databaseObjectSelected, m_docs, &DocsView::showHtml);
    connect(m_docs, &DocsView::typeShown, m_explorer,
            [this](const QString &type, const QString &member) { m_explorer->selectType(type, member); });
    connect(m_connectionBar, &ConnectionBar::presetChanged, this, [this] {
        if (m_haveParams && !isBusy())
            reflectAgain();
    });
    connect(m_connectionBar, &ConnectionBar::identityChanged, this, [this](const QString &, const QString &text) {
        log(EventLog::Info, tr("Identity: %1").arg(text));
    });

    // The workspace brings back the tabs of the last session; without one, one empty tab.
    m_session = new WorkspaceSession(this, workspacePath.isEmpty() ? WorkspaceSession::lastPath() : workspacePath);
    newQueryTab();
    m_session->restore();
    applyWorkspaceProfiles();
    connectWorkspaceSession();
    reopenWorkspaceConnection(); // the endpoint or database open when the window last closed
    connect(m_session, &WorkspaceSession::historyChanged, this,
            [this] { m_history->setHistory(m_session->workspace().history); });
    connect(m_runner, &RunController::executed, this, [this](const ExecutedOperation &op) {
        m_session->addHistory(op, m_haveParams            ? m_params.displayName()
                                  : m_remote->isConnected() ? m_remote->endpoint().displayName()
                                                            : QString());
    });
    connect(m_history, &HistoryView::reopen, this, [this](const QString &document, const QString &variables) {
        QueryTab *tab = newQueryTab(document);
        tab->variablesEdit()->setPlainText(variables);
    });
    resize(1400, 900);
    m_defaultState = saveState(LayoutVersion);
    restoreLayout();
    m_refreshAction->setEnabled(false);
    m_disconnectAction->setEnabled(false);
    log(EventLog::Info, tr("Refract %1 ready").arg(QApplication::applicationVersion()));
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    m_runAction = makeAction(this, QStringLiteral("actionRun"), tr("&Run"),
                             {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)},
                             tr("Run the operation in the current tab"));
    m_runAction->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_dryRunAction = makeAction(this, QStringLiteral("actionDryRun"), tr("&Dry Run"), {},
                                tr("Roll back instead of committing: mutations change nothing"));
    m_dryRunAction->setCheckable(true);
    m_profilesAction = makeAction(this, QStringLiteral("actionProfiles"), tr("Identity &Profiles…"),
                                  {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I)},
                                  tr("Edit identity profiles and decode JWTs"));
    m_copyCurlAction = makeAction(this, QStringLiteral("actionCopyCurl"), tr("Copy as c&URL"),
                                  {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C)},
                                  tr("Copy the operation under the cursor as a cURL command"));
    m_prettifyAction = makeAction(this, QStringLiteral("actionPrettify"), tr("&Prettify"),
                                  {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P)}, tr("Reformat the document"));
    m_newTabAction = makeAction(this, QStringLiteral("actionNewTab"), tr("&New Tab"), {QKeySequence(Qt::CTRL | Qt::Key_T)},
                                tr("Open a new query tab"));
    m_closeTabAction = makeAction(this, QStringLiteral("actionCloseTab"), tr("Close &Tab"),
                                  {QKeySequence(Qt::CTRL | Qt::Key_W)}, tr("Close the current query tab"));
    m_findAction = makeAction(this, QStringLiteral("actionFind"), tr("&Find…"), {QKeySequence(Qt::CTRL | Qt::Key_F)},
                              tr("Find text in the editor"));
    m_identityAction = makeAction(this, QStringLiteral("actionSwitchIdentity"), tr("Switch &Identity…"),
                                  {QKeySequence(Qt::CTRL | Qt::Key_I)}, tr("Choose the identity queries run as"));
    m_connectAction = makeAction(this, QStringLiteral("actionConnect"), tr("&Connect to PostgreSQL…"),
                                 {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O)}, tr("Open a PostgreSQL connection"));
    m_connectAction->setIcon(style()->standardIcon(QStyle::SP_DriveNetIcon));
    m_connectAction->setIconText(tr("Connect"));
    m_refreshAction = makeAction(this, QStringLiteral("actionReflect"), tr("&Reflect Again"), {QKeySequence(Qt::Key_F5)},
                                 tr("Read the database catalog again and regenerate the schema"));
    m_refreshAction->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    m_refreshAction->setIconText(tr("Reflect"));
    m_disconnectAction = makeAction(this, QStringLiteral("actionDisconnect"), tr("&Disconnect"), {},
                                    tr("Close the database connection"));
    m_openSdlAction = makeAction(this, QStringLiteral("actionOpenSdl"), tr("Open Schema from SD&L File…"),
                                 {QKeySequence(Qt::CTRL | Qt::Key_O)}, tr("Read a GraphQL schema from a .graphql SDL file"));
    m_filterAction = makeAction(this, QStringLiteral("actionFilterExplorer"), tr("Filter &Explorer"),
                                {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E)}, tr("Type to filter types and tables"));
    m_quitAction = makeAction(this, QStringLiteral("actionQuit"), tr("&Quit"), {QKeySequence::Quit}, tr("Quit Refract"));
    m_shortcutsAction = makeAction(this, QStringLiteral("actionShortcuts"), tr("&Keyboard Shortcuts"),
                                   {QKeySequence(Qt::Key_F1)}, tr("List every keyboard shortcut"));
    m_aboutAction = makeAction(this, QStringLiteral("actionAbout"), tr("&About Refract"), {}, QString());
    m_resetLayoutAction = makeAction(this, QStringLiteral("actionResetLayout"), tr("&Reset Layout"), {},
                                     tr("Put the docks back where they started"));
    m_themeGroup = new QActionGroup(this);
    m_lightAction = makeAction(m_themeGroup, QStringLiteral("actionLightTheme"), tr("&Light"), {}, tr("Light theme"));
    m_darkAction = makeAction(m_themeGroup, QStringLiteral("actionDarkTheme"), tr("&Dark"), {}, tr("Dark theme"));
    m_lightAction->setCheckable(true);
    m_darkAction->setCheckable(true);
    m_lightAction->setChecked(true);

    connect(m_runAction, &QAction::triggered, this, &MainWindow::runQuery);
    connect(m_prettifyAction, &QAction::triggered, this, &MainWindow::prettify);
    connect(m_copyCurlAction, &QAction::triggered, this, &MainWindow::copyAsCurl);
    connect(m_profilesAction, &QAction::triggered, this, &MainWindow::openProfilesDialog);
    connect(m_newTabAction, &QAction::triggered, this, [this] { newQueryTab(); });
    connect(m_closeTabAction, &QAction::triggered, this, [this] { closeQueryTab(m_tabs->currentIndex()); });
    connect(m_findAction, &QAction::triggered, this, [this] {
        if (QueryTab *tab = currentQueryTab())
            tab->showFindBar();
    });
    connect(m_identityAction, &QAction::triggered, this, &MainWindow::switchIdentity);
    connect(m_connectAction, &QAction::triggered, this, &MainWindow::openConnectionDialog);
    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::reflectAgain);
    connect(m_disconnectAction, &QAction::triggered, this, &MainWindow::disconnectDatabase);
    connect(m_openSdlAction, &QAction::triggered, this, &MainWindow::chooseSdlFile);
    connect(m_filterAction, &QAction::triggered, this, [this] {
        m_explorerDock->show();
        m_explorerDock->raise();
        m_explorer->filterEdit()->setFocus();
        m_explorer->filterEdit()->selectAll();
    });
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
    connect(m_shortcutsAction, &QAction::triggered, this, &MainWindow::showShortcuts);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    connect(m_resetLayoutAction, &QAction::triggered, this, [this] {
        restoreState(m_defaultState, LayoutVersion);
        m_explorerDock->show();
        m_docsDock->show();
        m_logDock->show();
    });
    connect(m_lightAction, &QAction::triggered, this, [this] { setTheme(Theme::Light); });
    connect(m_darkAction, &QAction::triggered, this, [this] { setTheme(Theme::Dark); });
    createRunLocallyAction();
    createRemoteActions();
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    createWorkspaceActions(file);
    file->addAction(m_newTabAction);
    file->addAction(m_closeTabAction);
    file->addSeparator();
    file->addAction(m_connectAction);
    file->addAction(m_connectEndpointAction);
    file->addAction(m_refreshAction);
    file->addAction(m_disconnectAction);
    file->addAction(m_openSdlAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_findAction);
    edit->addAction(m_prettifyAction);

    QMenu *query = menuBar()->addMenu(tr("&Query"));
    query->addAction(m_runAction);
    query->addAction(m_dryRunAction);
    query->addAction(m_copyCurlAction);
    query->addAction(m_identityAction);
    query->addAction(m_profilesAction);
    query->addSeparator();
    query->addAction(m_saveOperationAction);
    query->addSeparator();
    query->addAction(m_runLocallyAction);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    view->addAction(m_filterAction);
    view->addSeparator();
    QMenu *theme = view->addMenu(tr("&Theme"));
    theme->addAction(m_lightAction);
    theme->addAction(m_darkAction);
    view->addAction(m_resetLayoutAction);
    view->addSeparator(); // dock toggles follow (createDocks)

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_shortcutsAction);
    help->addAction(m_aboutAction);
}

void MainWindow::createDocks()
{
    auto makeDock = [this](const QString &title, const QString &name, QWidget *content, Qt::DockWidgetArea area,
                           const QKeySequence &key) {
        auto *dock = new QDockWidget(title, this);
        dock->setObjectName(name); // saveState() identifies docks by object name
        dock->setWidget(content);
        addDockWidget(area, dock);
        QAction *toggle = dock->toggleViewAction();
        toggle->setShortcut(key);
        toggle->setStatusTip(tr("Show or hide the %1 dock").arg(title));
        menuBar()->findChild<QMenu *>(QStringLiteral("viewMenu"))->addAction(toggle);
        return dock;
    };
    m_explorerDock = makeDock(tr("Explorer"), QStringLiteral("explorerDock"), m_explorer, Qt::LeftDockWidgetArea,
                              QKeySequence(Qt::ALT | Qt::Key_1));
    m_docsDock = makeDock(tr("Docs"), QStringLiteral("docsDock"), m_docs, Qt::RightDockWidgetArea,
                          QKeySequence(Qt::ALT | Qt::Key_2));
    m_logDock = makeDock(tr("Event Log"), QStringLiteral("eventLogDock"), m_log, Qt::BottomDockWidgetArea,
                         QKeySequence(Qt::ALT | Qt::Key_3));
    m_historyDock = makeDock(tr("History"), QStringLiteral("historyDock"), m_history, Qt::BottomDockWidgetArea,
                             QKeySequence(Qt::ALT | Qt::Key_4));
    tabifyDockWidget(m_logDock, m_historyDock);
    m_logDock->raise();
    // Diagrams lay out only while shown (a 3,000-table layout is not free): hidden until asked for.
    m_diagram = new diagram::DiagramWidget(this);
    m_diagramDock = makeDock(tr("Diagrams"), QStringLiteral("diagramDock"), m_diagram, Qt::RightDockWidgetArea,
                             QKeySequence(Qt::ALT | Qt::Key_5));
    m_diagramDock->hide();
    resizeDocks({m_explorerDock, m_docsDock}, {330, 380}, Qt::Horizontal);
    resizeDocks({m_logDock}, {140}, Qt::Vertical);
}

void MainWindow::createStatusBar()
{
    m_schemaLabel = new QLabel(this);
    m_schemaLabel->setObjectName(QStringLiteral("schemaLabel"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("progress"));
    m_progress->setRange(0, 0); // busy indicator: the steps have no known length
    m_progress->setMaximumWidth(160);
    m_progress->setMaximumHeight(16);
    m_progress->setTextVisible(false);
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_cancelButton->setFlat(true);
    connect(m_cancelButton, &QPushButton::clicked, this, &MainWindow::cancelBackgroundWork);
    statusBar()->addPermanentWidget(m_schemaLabel);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancelButton);
    m_progress->hide();
    m_cancelButton->hide();
}

QList<QAction *> MainWindow::allActions() const
{
    QList<QAction *> out = {m_runAction,      m_dryRunAction,    m_copyCurlAction, m_prettifyAction,  m_newTabAction,    m_closeTabAction,
                            m_findAction,     m_identityAction,  m_profilesAction,  m_connectAction,   m_refreshAction,
                            m_disconnectAction, m_openSdlAction, m_filterAction,  m_quitAction,      m_shortcutsAction,
                            m_aboutAction,    m_resetLayoutAction, m_lightAction,   m_darkAction,
                            m_runLocallyAction, m_connectEndpointAction};
    for (QDockWidget *d : {m_explorerDock, m_docsDock, m_logDock, m_historyDock})
        out.append(d->toggleViewAction());
    out += m_workspaceActions;
    return out;
}

QueryTab *MainWindow::newQueryTab(const QString &text)
{
    auto *tab = new QueryTab(m_tabs);
    QList<QKeySequence> keys;
    for (QAction *a : allActions())
        keys += a->shortcuts();
    tab->editor()->releaseKeys(keys);
    if (!text.isEmpty())
        tab->editor()->setText(text);
    tab->setSchemaContext(m_context);
    // A new tab runs as the identity (and dry-run switch) the toolbar shows.
    tab->setIdentityKey(m_connectionBar->currentIdentity().key);
    tab->setDryRun(m_dryRunAction->isChecked());
    if (m_session)
        m_session->watch(tab);
    if (!m_tabSplitterState.isEmpty())
        tab->restoreSplitterState(m_tabSplitterState);
    // The last splitter layout the user set is what new tabs (and the next session) get.
    connect(tab, &QueryTab::splitterMoved, this, [this, tab] { m_tabSplitterState = tab->saveSplitterState(); });
    static int counter = 0;
    const int index = m_tabs->addTab(tab, tr("Query %1").arg(++counter));
    m_tabs->setCurrentIndex(index);
    tab->editor()->setFocus();
    return tab;
}

QueryTab *MainWindow::currentQueryTab() const { return qobject_cast<QueryTab *>(m_tabs->currentWidget()); }

void MainWindow::closeQueryTab(int index)
{
    QWidget *w = m_tabs->widget(index);
    if (!w)
        return;
    m_tabs->removeTab(index);
    w->deleteLater();
    if (m_tabs->count() == 0)
        newQueryTab(); // an empty window has nowhere to type
}

void MainWindow::setTheme(Theme::Kind kind)
{
    m_theme = kind;
    Theme::apply(kind);
    for (QueryEditor *editor : findChildren<QueryEditor *>())
        editor->applyTheme();
    (kind == Theme::Dark ? m_darkAction : m_lightAction)->setChecked(true);
    QSettings().setValue(QStringLiteral("window/theme"), Theme::name(kind));
}

void MainWindow::saveLayout() const
{
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/state"), saveState(LayoutVersion));
    if (QueryTab *tab = currentQueryTab())
        s.setValue(QStringLiteral("window/querySplitters"), tab->saveSplitterState());
}

void MainWindow::restoreLayout()
{
    QSettings s;
    restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(s.value(QStringLiteral("window/state")).toByteArray(), LayoutVersion);
    m_tabSplitterState = s.value(QStringLiteral("window/querySplitters")).toByteArray();
    for (int i = 0; i < m_tabs->count(); ++i)
        if (auto *tab = qobject_cast<QueryTab *>(m_tabs->widget(i)); tab && !m_tabSplitterState.isEmpty())
            tab->restoreSplitterState(m_tabSplitterState);
    setTheme(Theme::fromName(s.value(QStringLiteral("window/theme")).toString(), Theme::Light));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // A reopen still waiting for the keychain ends unanswered, but closing is not leaving its
    // endpoint: the workspace keeps it (m_reopening) for the next start.
    if (std::exchange(m_reopenWaiting, false))
        ++m_reopenTicket;
    cancelBackgroundWork();
    m_localServer->stop();
    saveLayout();
    m_session->saveNow();
    event->accept();
}

void MainWindow::log(int level, const QString &message) { m_log->add(EventLog::Level(level), message); }

void MainWindow::setDemoMode(bool demo)
{
    m_demo = demo;
    if (!demo)
        return;
    // The demo's anonymous and johndoe profiles, unless the workspace has them already.
    QList<identity::IdentityProfile> profiles = m_profiles;
    for (const identity::IdentityProfile &demo : ConnectionBar::demoProfiles())
        if (std::none_of(profiles.begin(), profiles.end(), [&](const auto &p) { return p.name == demo.name; }))
            profiles.append(demo);
    setProfiles(profiles);
    QueryTab *tab = currentQueryTab();
    for (int i = 0; i < m_tabs->count(); ++i) // restored from the workspace already
        if (auto *t = qobject_cast<QueryTab *>(m_tabs->widget(i)); t && t->editor()->text() == QString::fromUtf8(DemoQuery))
            return;
    if (tab && tab->editor()->text().isEmpty())
        tab->editor()->setText(QString::fromUtf8(DemoQuery));
    else
        newQueryTab(QString::fromUtf8(DemoQuery));
}

void MainWindow::openConnectionDialog()
{
    PgConnectionDialog dialog(this);
    if (m_haveParams)
        dialog.setParams(m_params);
    else if (const auto recent = RecentConnections::load(); !recent.isEmpty())
        dialog.setParams(recent.first());
    if (dialog.exec() != QDialog::Accepted)
        return;
    connectTo(dialog.params());
}

void MainWindow::connectTo(const PgConnectionParams &params)
{
    // The password lives in the keychain (or this session's memory) and in m_params, nowhere else.
    PgConnectionParams p = params.withPasswordExtracted();
    dropEndpointReopen(); // a database wins over an endpoint still waiting to be reopened
    leaveRemote(); // a database replaces a GraphQL endpoint
    const int generation = ++m_connectGeneration;
    m_haveParams = true;
    RecentConnections::add(p);
    m_session->addRecentConnection(QJsonObject::fromVariantMap(p.toSettings()));
    if (!p.password.isEmpty()) {
        PasswordKeychain::instance()->store(p.secretKey(), p.password);
        m_params = p;
        reflectAgain();
        return;
    }
    m_params = p;
    // No password given: one stored for this connection, else libpq's own (.pgpass, PGPASSWORD).
    m_keychainWait = true;
    setBusy(true, tr("Reading the password of %1 from the keychain…").arg(p.displayName()));
    PasswordKeychain::instance()->lookup(p.secretKey(), this, [this, generation](const QString &secret) {
        if (generation != m_connectGeneration)
            return; // cancelled, or the user connected elsewhere meanwhile
        m_keychainWait = false;
        m_params.password = secret;
        reflectAgain();
    });
}

void MainWindow::reflectAgain()
{
    if (!m_haveParams)
        return;
    // A run still going is reported as cancelled before the new one shows its progress.
    if (m_job->isRunning())
        m_job->cancel();
    const QString name = m_params.displayName();
    QStringList schemas = m_params.schemaList();
    if (schemas.isEmpty())
        schemas = {QStringLiteral("public")};
    log(EventLog::Info, tr("Connecting to %1, reflecting %2").arg(name, schemas.join(QLatin1String(", "))));
    m_connectionBar->setConnecting(name);
    setBusy(true, tr("Connecting to %1…").arg(name));
    m_job->start(m_params.conninfo(), name, schemas, m_connectionBar->preset());
}

void MainWindow::disconnectDatabase() { closeConnections(tr("Disconnected")); }

void MainWindow::closeConnections(const QString &logMessage)
{
    cancelBackgroundWork();
    m_localServer->stop();
    leaveRemote();
    m_connection.reset();
    m_haveParams = false; // closed: nothing to reflect again, and the workspace records no database
    m_catalog.reset();
    m_schema.reset();
    setSchemaContext(nullptr);
    m_explorer->clear();
    m_docs->setSchema(nullptr);
    m_connectionBar->setDisconnected();
    m_schemaLabel->clear();
    m_refreshAction->setEnabled(false);
    m_disconnectAction->setEnabled(false);
    log(EventLog::Info, logMessage);
}

void MainWindow::chooseSdlFile()
{
    QSettings settings;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open GraphQL Schema"),
                                                      settings.value(QStringLiteral("files/lastSdlDir")).toString(),
                                                      tr("GraphQL SDL (*.graphql *.graphqls *.gql *.sdl);;All files (*)"));
    if (path.isEmpty())
        return;
    settings.setValue(QStringLiteral("files/lastSdlDir"), QFileInfo(path).absolutePath());
    openSdlFile(path);
}

void MainWindow::openSdlFile(const QString &path)
{
    using Loaded = QPair<std::shared_ptr<const graphql::Schema>, QString>;
    const int generation = ++m_sdlGeneration;
    m_sdlLoading = true;
    const QString name = QFileInfo(path).fileName();
    setBusy(true, tr("Reading %1…").arg(name));
    log(EventLog::Info, tr("Reading GraphQL schema from %1").arg(QDir::toNativeSeparators(path)));
    auto *watcher = new QFutureWatcher<Loaded>(this);
    connect(watcher, &QFutureWatcher<Loaded>::finished, this, [this, watcher, generation, name] {
        watcher->deleteLater();
        if (generation != m_sdlGeneration)
            return; // cancelled or superseded
        m_sdlLoading = false;
        setBusy(false);
        const auto [schema, error] = watcher->result();
        if (!schema) {
            log(EventLog::Error, tr("Could not read %1: %2").arg(name, error));
            statusBar()->showMessage(tr("Could not read %1: %2").arg(name, error), 10000);
            emit sdlLoaded(false);
            return;
        }
        setSchema(schema);
        log(EventLog::Info, tr("GraphQL schema from %1: %2 types").arg(name).arg(schema->types().size()));
        emit sdlLoaded(true);
    });
    // Parsing and building a large SDL file takes a while; it never touches widgets.
    watcher->setFuture(QtConcurrent::run([path]() -> Loaded {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {nullptr, file.errorString()};
        graphql::GraphQLError error;
        std::optional<graphql::Schema> schema = graphql::buildSchema(QString::fromUtf8(file.readAll()), &error);
        if (!schema) {
            QString where;
            if (!error.locations.isEmpty())
                where = MainWindow::tr(" (line %1, column %2)").arg(error.locations.first().line).arg(error.locations.first().column);
            return {nullptr, error.message + where};
        }
        return {std::make_shared<const graphql::Schema>(std::move(*schema)), QString()};
    }));
}

void MainWindow::cancelBackgroundWork()
{
    dropEndpointReopen();
    if (m_keychainWait) {
        ++m_connectGeneration;
        m_keychainWait = false;
        setBusy(false);
        m_connectionBar->setDisconnected();
        log(EventLog::Warning, tr("Connection cancelled"));
        emit reflectFinished(false);
    }
    if (m_sdlLoading) {
        ++m_sdlGeneration;
        m_sdlLoading = false;
        setBusy(false);
        log(EventLog::Warning, tr("Reading the SDL file cancelled"));
        emit sdlLoaded(false);
    }
    if (m_job->isRunning()) {
        log(EventLog::Warning, tr("Cancelling…"));
        m_job->cancel();
    }
    if (m_runner->isRunning())
        m_runner->cancel(); // reports through the runner's finished handling
    if (m_remote->isBusy())
        m_remote->cancel(); // reports through RemoteSession::cancelled
}

bool MainWindow::isBusy() const
{
    return m_job->isRunning() || m_runner->isRunning() || m_sdlLoading || m_keychainWait || m_reopenWaiting ||
           m_remote->isBusy();
}

void MainWindow::setBusy(bool busy, const QString &text)
{
    m_progress->setVisible(busy);
    m_cancelButton->setVisible(busy);
    m_connectAction->setEnabled(true); // connecting elsewhere cancels the running job
    m_refreshAction->setEnabled(!busy && m_haveParams);
    if (busy)
        statusBar()->showMessage(text);
    else
        statusBar()->clearMessage();
}

void MainWindow::onReflectFinished(const ReflectOutcome &outcome)
{
    setBusy(false);
    if (outcome.cancelled) {
        m_connectionBar->setDisconnected();
        log(EventLog::Warning, tr("Connection cancelled"));
        statusBar()->showMessage(tr("Cancelled"), 4000);
        emit reflectFinished(false);
        return;
    }
    if (!outcome.ok) {
        m_connectionBar->setFailed(outcome.displayName, outcome.error);
        log(EventLog::Error, tr("Could not connect to %1: %2").arg(outcome.displayName, outcome.error));
        statusBar()->showMessage(tr("Connection failed: %1").arg(outcome.error), 10000);
        emit reflectFinished(false);
        return;
    }
    // The schema, catalog and context being replaced die with their last reference: freeing a
    // 1,000-table schema with its validator index took the UI thread ~40 ms on reflecting again.
    // One reference is kept here until every receiver holds the new ones, then dropped on the pool.
    auto previous = std::make_tuple(m_catalog, m_schema, m_context);
    m_connection = outcome.connection;
    setCatalog(outcome.catalog);
    setSchema(outcome.schema);
    setSchemaContext(outcome.context);
    (void)QtConcurrent::run([previous = std::move(previous)]() mutable { previous = {}; });
    const QString detail = tr("%1 — PostgreSQL %2, as %3")
                               .arg(outcome.displayName, outcome.catalog->serverVersion, outcome.catalog->currentUser);
    m_connectionBar->setConnected(outcome.displayName, detail);
    m_disconnectAction->setEnabled(true);
    m_refreshAction->setEnabled(true);
    log(EventLog::Info, tr("Connected: %1; tables, views and types read in %2 ms (relations: %3)")
                            .arg(detail)
                            .arg(outcome.elapsedMs)
                            .arg(outcome.catalog->classes.size()));
    if (!outcome.schemaNote.isEmpty())
        log(EventLog::Warning, outcome.schemaNote);
    for (const QString &w : outcome.schemaWarnings)
        log(EventLog::Warning, w);
    if (outcome.schema)
        log(EventLog::Info, tr("GraphQL types generated: %1").arg(outcome.schema->types().size()));
    // The demo opens on its main type, so that the explorer and docs show something to read.
    if (m_demo && m_schema && m_schema->type(QStringLiteral("Person"))) {
        m_explorer->selectType(QStringLiteral("Person"));
        m_explorer->graphqlView()->expand(m_explorer->graphqlView()->currentIndex());
        m_docs->showType(QStringLiteral("Person"));
    }
    emit reflectFinished(true);
}

void MainWindow::setCatalog(std::shared_ptr<const reflect::Catalog> catalog)
{
    m_catalog = std::move(catalog);
    m_explorer->setCatalog(m_catalog);
    m_diagram->setCatalog(m_catalog);
    if (m_catalog && !m_schema)
        m_explorer->setCurrentTab(ExplorerWidget::DatabaseTab);
}

void MainWindow::setSchema(std::shared_ptr<const graphql::Schema> schema)
{
    m_schema = std::move(schema);
    m_explorer->setSchema(m_schema);
    m_diagram->setSchema(m_schema);
    m_docs->setSchema(m_schema);
    if (m_schema) {
        m_explorer->setCurrentTab(ExplorerWidget::GraphQLTab);
        m_schemaLabel->setText(tr("GraphQL types: %1").arg(m_schema->types().size()));
        if (!m_schema->queryTypeName().isEmpty())
            m_docs->showType(m_schema->queryTypeName());
    } else {
        m_schemaLabel->clear();
    }
    // A schema from SDL or a test: validation and completion, no Run (setSchemaContext follows
    // with the runnable context after reflection).
    setSchemaContext(m_schema ? SchemaContext::fromSchema(m_schema) : nullptr);
}

void MainWindow::setSchemaContext(std::shared_ptr<const SchemaContext> context)
{
    m_context = std::move(context);
    for (int i = 0; i < m_tabs->count(); ++i)
        if (auto *tab = qobject_cast<QueryTab *>(m_tabs->widget(i)))
            tab->setSchemaContext(m_context);
}

} // namespace refract::ui
