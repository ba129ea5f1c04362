#include "workspacesession.h"

#include "eventlog.h"
#include "mainwindow.h"
#include "queryeditor.h"
#include "querytab.h"
#include "runcontroller.h"

#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTimer>

namespace refract::ui {

namespace {
constexpr int SaveDelayMs = 800;
}

WorkspaceSession::WorkspaceSession(MainWindow *window, const QString &path)
    : QObject(window)
    , m_window(window)
    , m_path(path)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setInterval(SaveDelayMs);
    connect(m_timer, &QTimer::timeout, this, &WorkspaceSession::saveNow);
    QTabWidget *tabs = window->queryTabs();
    connect(tabs, &QTabWidget::currentChanged, this, &WorkspaceSession::scheduleSave);
    connect(tabs->tabBar(), &QTabBar::tabMoved, this, &WorkspaceSession::scheduleSave);
}

void WorkspaceSession::watch(QueryTab *tab)
{
    connect(tab->editor(), &QsciScintilla::textChanged, this, &WorkspaceSession::scheduleSave);
    connect(tab->variablesEdit(), &QPlainTextEdit::textChanged, this, &WorkspaceSession::scheduleSave);
    connect(tab->headersEdit(), &QPlainTextEdit::textChanged, this, &WorkspaceSession::scheduleSave);
    connect(tab, &QObject::destroyed, this, &WorkspaceSession::scheduleSave);
}

void WorkspaceSession::scheduleSave()
{
    if (!m_restoring)
        m_timer->start();
}

bool WorkspaceSession::isSavePending() const { return m_timer->isActive(); }

bool WorkspaceSession::restore()
{
    QString error;
    workspace::Workspace loaded;
    if (!loaded.load(m_path, &error)) {
        // Left as it is for the user to look at; we start afresh and write elsewhere next time.
        m_window->eventLog()->add(EventLog::Warning, tr("Could not read the workspace %1: %2").arg(m_path, error));
        m_path += QLatin1String(".new");
        return false;
    }
    m_workspace = loaded;
    if (loaded.tabs.isEmpty())
        return true;
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
        if (!t.title.isEmpty())
            tabs->setTabText(tabs->indexOf(tab), t.title);
    }
    for (QWidget *w : old) {
        tabs->removeTab(tabs->indexOf(w));
        w->deleteLater();
    }
    tabs->setCurrentIndex(qBound(0, loaded.currentTab, tabs->count() - 1));
    m_restoring = false;
    return true;
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
        tab->editor()->getCursorPosition(&t.cursorLine, &t.cursorIndex);
        m_workspace.tabs.append(t);
    }
    m_workspace.currentTab = qMax(0, tabs->currentIndex());
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

} // namespace refract::ui
