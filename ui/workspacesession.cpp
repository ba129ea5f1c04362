#include "workspacesession.h"

#include "connectionbar.h"
#include "eventlog.h"
#include "mainwindow.h"
#include "queryeditor.h"
#include "querytab.h"
#include "runcontroller.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTimer>

namespace refract::ui {

namespace {

const char LastKey[] = "workspace/last";
const char RecentKey[] = "workspace/recent";

QString untitledDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QLatin1String("/workspaces");
}

QString canonical(const QString &path) { return QFileInfo(path).absoluteFilePath(); }

void rememberPath(const QString &path)
{
    QSettings s;
    s.setValue(QLatin1String(LastKey), path);
    QStringList recent = s.value(QLatin1String(RecentKey)).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > WorkspaceSession::MaxRecentWorkspaces)
        recent.removeLast();
    s.setValue(QLatin1String(RecentKey), recent);
}

} // namespace

WorkspaceSession::WorkspaceSession(MainWindow *window, const QString &path)
    : QObject(window)
    , m_window(window)
    , m_path(canonical(path))
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setInterval(SaveDelayMs);
    connect(m_timer, &QTimer::timeout, this, &WorkspaceSession::saveNow);
    QTabWidget *tabs = window->queryTabs();
    connect(tabs, &QTabWidget::currentChanged, this, &WorkspaceSession::scheduleSave);
    connect(tabs->tabBar(), &QTabBar::tabMoved, this, &WorkspaceSession::scheduleSave);
}

bool WorkspaceSession::isUntitled() const
{
    return m_path == canonical(workspace::Workspace::defaultPath()) ||
           QFileInfo(m_path).absolutePath() == canonical(untitledDir());
}

QString WorkspaceSession::displayName() const
{
    if (isUntitled())
        return tr("Untitled");
    QString name = QFileInfo(m_path).fileName();
    for (const QString &suffix : {workspace::Workspace::fileSuffix(), QStringLiteral(".json")})
        if (name.endsWith(suffix) && name.size() > suffix.size()) {
            name.chop(suffix.size());
            break;
        }
    return name;
}

QString WorkspaceSession::lastPath()
{
    const QString last = QSettings().value(QLatin1String(LastKey)).toString();
    return !last.isEmpty() && QFileInfo::exists(last) ? last : workspace::Workspace::defaultPath();
}

QStringList WorkspaceSession::recentWorkspaces()
{
    QStringList out;
    for (const QString &p : QSettings().value(QLatin1String(RecentKey)).toStringList())
        if (QFileInfo::exists(p))
            out.append(p);
    return out;
}

void WorkspaceSession::watch(QueryTab *tab)
{
    connect(tab->editor(), &QsciScintilla::textChanged, this, &WorkspaceSession::scheduleSave);
    connect(tab->variablesEdit(), &QPlainTextEdit::textChanged, this, &WorkspaceSession::scheduleSave);
    connect(tab->headersEdit(), &QPlainTextEdit::textChanged, this, &WorkspaceSession::scheduleSave);
    connect(tab, &QueryTab::runSettingsChanged, this, &WorkspaceSession::scheduleSave);
    connect(tab, &QObject::destroyed, this, &WorkspaceSession::scheduleSave);
}

void WorkspaceSession::scheduleSave()
{
    // Not restarted while pending: steady typing must not postpone the save indefinitely, or a
    // crash after a minute of typing would lose the whole minute.
    if (!m_restoring && !m_timer->isActive())
        m_timer->start();
}

bool WorkspaceSession::isSavePending() const { return m_timer->isActive(); }

workspace::Workspace WorkspaceSession::starterWorkspace()
{
    // The profiles the demo opens with (anonymous, johndoe), so that Row Level Security can be
    // tried at once; the user edits or deletes them like any other.
    workspace::Workspace fresh;
    for (const identity::IdentityProfile &p : ConnectionBar::demoProfiles())
        fresh.profiles.append(p.toJson());
    return fresh;
}

bool WorkspaceSession::restore()
{
    if (!QFileInfo::exists(m_path)) {
        // No file yet (the first launch): the same start as File → New. Written with the first save.
        m_workspace = starterWorkspace();
        rememberPath(m_path);
        return true;
    }
    QString error;
    workspace::Workspace loaded;
    if (!loaded.load(m_path, &error)) {
        // Left as it is for the user to look at; we start afresh and write elsewhere next time.
        m_window->eventLog()->add(EventLog::Warning, tr("Could not read the workspace %1: %2").arg(m_path, error));
        m_path += QLatin1String(".new");
        return false;
    }
    m_workspace = loaded;
    if (!loaded.tabs.isEmpty())
        applyTabs(loaded);
    rememberPath(m_path);
    return true;
}

void WorkspaceSession::applyTabs(const workspace::Workspace &loaded)
{
    m_restoring = true;
    QTabWidget *tabs = m_window->queryTabs();
    QList<QWidget *> old;
    for (int i = 0; i < tabs->count(); ++i)
        old.append(tabs->widget(i));
    for (const workspace::TabState &t : loaded.tabs) {
        QueryTab *tab = m_window->newQueryTab(t.text);
        tab->variablesEdit()->setPlainText(t.variables);
        tab->headersEdit()->setPlainText(t.headers);
        tab->editor()->setCursorPosition(t.cursorLine, t.cursorIndex);
        tab->setIdentityKey(t.identity);
        tab->setDryRun(t.dryRun);
        if (!t.title.isEmpty())
            tabs->setTabText(tabs->indexOf(tab), t.title);
    }
    if (loaded.tabs.isEmpty())
        m_window->newQueryTab();
    for (QWidget *w : old) {
        tabs->removeTab(tabs->indexOf(w));
        w->deleteLater();
    }
    tabs->setCurrentIndex(qBound(0, loaded.currentTab, tabs->count() - 1));
    m_restoring = false;
}

void WorkspaceSession::collect()
{
    QTabWidget *tabs = m_window->queryTabs();
    m_workspace.tabs.clear();
    for (int i = 0; i < tabs->count(); ++i) {
        auto *tab = qobject_cast<QueryTab *>(tabs->widget(i));
        if (!tab)
            continue;
        workspace::TabState t;
        t.title = tabs->tabText(i);
        t.text = tab->editor()->text();
        t.variables = tab->variablesEdit()->toPlainText();
        t.headers = tab->headersEdit()->toPlainText();
        t.identity = tab->identityKey();
        t.dryRun = tab->dryRun();
        tab->editor()->getCursorPosition(&t.cursorLine, &t.cursorIndex);
        m_workspace.tabs.append(t);
    }
    m_workspace.currentTab = qMax(0, tabs->currentIndex());
    // The endpoint or database the window is on (connected, last tried, or still being reopened)
    // is reopened at the next start; secrets are left out (they stay in the keychain).
    m_workspace.openConnection = m_window->workspaceConnection();
}

bool WorkspaceSession::saveNow()
{
    m_timer->stop();
    collect();
    QString error;
    if (!m_workspace.save(m_path, &error)) {
        m_window->eventLog()->add(EventLog::Error, tr("Could not save the workspace %1: %2").arg(m_path, error));
        return false;
    }
    return true;
}

void WorkspaceSession::setPath(const QString &path)
{
    m_path = canonical(path);
    rememberPath(m_path);
    emit pathChanged(m_path);
}

bool WorkspaceSession::newWorkspace(QString *error)
{
    if (!saveNow()) {
        if (error)
            *error = tr("the current workspace could not be saved");
        return false;
    }
    const QString path = untitledDir() + QLatin1String("/untitled-") +
                         QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz")) +
                         workspace::Workspace::fileSuffix();
    const workspace::Workspace fresh = starterWorkspace();
    QString why;
    if (!fresh.save(path, &why)) {
        if (error)
            *error = why;
        return false;
    }
    m_workspace = fresh;
    applyTabs(fresh);
    setPath(path);
    emit workspaceReplaced();
    emit historyChanged();
    emit savedOperationsChanged();
    saveNow();
    return true;
}

bool WorkspaceSession::open(const QString &path, QString *error)
{
    // Read before anything changes: a damaged or foreign file leaves the current workspace as it is.
    workspace::Workspace loaded;
    QString why;
    if (!loaded.loadExisting(path, &why)) {
        if (error)
            *error = why;
        return false;
    }
    if (canonical(path) == m_path)
        return true;
    if (!saveNow()) {
        if (error)
            *error = tr("the current workspace could not be saved");
        return false;
    }
    m_workspace = loaded;
    applyTabs(loaded);
    setPath(path);
    emit workspaceReplaced();
    emit historyChanged();
    emit savedOperationsChanged();
    return true;
}

bool WorkspaceSession::saveAs(const QString &path, QString *error)
{
    m_timer->stop();
    collect();
    QString why;
    if (!m_workspace.save(path, &why)) {
        if (error)
            *error = why;
        return false;
    }
    setPath(path);
    return true;
}

void WorkspaceSession::addHistory(const ExecutedOperation &op, const QString &connection)
{
    workspace::HistoryEntry h;
    h.when = op.when;
    h.connection = connection;
    h.document = op.document;
    h.operationName = op.operationName;
    h.variables = op.variables;
    h.identity = op.identity;
    h.currentUser = op.currentUser;
    h.dryRun = op.dryRun;
    h.ok = op.ok;
    h.elapsedMs = op.elapsedMs;
    m_workspace.addHistory(h);
    scheduleSave();
    emit historyChanged();
}

void WorkspaceSession::addRecentConnection(const QJsonObject &connection)
{
    m_workspace.addRecentConnection(connection);
    scheduleSave();
}

void WorkspaceSession::setProfiles(const QList<QJsonObject> &profiles)
{
    if (profiles == m_workspace.profiles)
        return;
    m_workspace.profiles = profiles;
    scheduleSave();
}

void WorkspaceSession::saveOperation(const workspace::SavedOperation &operation)
{
    m_workspace.saveOperation(operation);
    saveNow(); // named on purpose: written at once
    emit savedOperationsChanged();
}

bool WorkspaceSession::removeSavedOperation(const QString &name)
{
    if (!m_workspace.removeSavedOperation(name))
        return false;
    saveNow();
    emit savedOperationsChanged();
    return true;
}

} // namespace refract::ui
