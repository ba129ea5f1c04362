// The workspace as the window uses it: File → New / Open / Save As and recent workspaces, the title
// naming the file, saved operations, each tab's identity and dry-run switch after a restart, and an
// autosave that a `kill -9` of a window being typed into cannot leave half-written or far behind.
#include <ui/connectionbar.h>
#include <ui/eventlog.h>
#include <ui/mainwindow.h>
#include <ui/passwordkeychain.h>
#include <ui/queryeditor.h>
#include <ui/querytab.h>
#include <ui/savedoperationsview.h>
#include <ui/workspacesession.h>
#include <workspace/workspace.h>

#include <QAction>
#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QMenu>
#include <QMenuBar>
#include <QPainter>
#include <QPlainTextEdit>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cstdio>

using namespace refract;
using namespace refract::ui;

namespace {

/// With REFRACT_SCREENSHOT_DIR set (run under xvfb-run with QT_QPA_PLATFORM=xcb), saves
/// packaging/screenshots-style grabs: workspace-<name>.png.
QString screenshotPath(const char *name)
{
    const QString dir = qEnvironmentVariable("REFRACT_SCREENSHOT_DIR");
    return dir.isEmpty() ? QString() : QStringLiteral("%1/workspace-%2.png").arg(dir, QLatin1String(name));
}

// The window with its open popups painted where they are (popups are windows of their own).
bool grabWithPopups(QWidget *window, const QList<QWidget *> &popups, const QString &path)
{
    QTest::qWait(400); // layouts and repaints settle
    QPixmap shot = window->grab();
    QPainter painter(&shot);
    for (QWidget *p : popups)
        if (p && p->isVisible())
            painter.drawPixmap(window->mapFromGlobal(p->mapToGlobal(QPoint(0, 0))), p->grab());
    painter.end();
    return shot.save(path);
}

void grabWithMenus(QWidget *window, const QList<QMenu *> &menus, const char *name)
{
    const QString path = screenshotPath(name);
    if (path.isEmpty())
        return;
    if (!grabWithPopups(window, QList<QWidget *>(menus.cbegin(), menus.cend()), path))
        qWarning("could not write %s", qPrintable(path));
}

// The identity picker's profile keys (the connection role left out).
QStringList profileKeys(MainWindow &w)
{
    QStringList out;
    QComboBox *combo = w.connectionBar()->identityCombo();
    for (int i = 0; i < combo->count(); ++i)
        if (const QString key = combo->itemData(i).toString(); !key.isEmpty())
            out << key;
    return out;
}

// The window with its identity picker's list open (a screenshot only where REFRACT_SCREENSHOT_DIR
// asks for one): false when it could not be written.
bool grabWithIdentityList(MainWindow &w, const char *name)
{
    const QString path = screenshotPath(name);
    if (path.isEmpty())
        return true;
    w.resize(1100, 640);
    w.show();
    if (!QTest::qWaitForWindowExposed(&w))
        return false;
    QComboBox *combo = w.connectionBar()->identityCombo();
    combo->showPopup();
    const bool saved = grabWithPopups(&w, {combo->view()->window()}, path);
    combo->hidePopup();
    return saved;
}

// The profile names a workspace file holds; `secretFree` says whether none carries a secret or key.
QStringList savedProfileNames(const QString &path, bool *secretFree)
{
    workspace::Workspace onDisk;
    QStringList names;
    *secretFree = onDisk.loadExisting(path);
    for (const QJsonObject &o : onDisk.profiles) {
        names << o.value(QStringLiteral("name")).toString();
        *secretFree = *secretFree && !o.contains(QStringLiteral("secret")) && !o.contains(QStringLiteral("key"));
    }
    return names;
}

QString tabText(MainWindow &w, int i) { return qobject_cast<QueryTab *>(w.queryTabs()->widget(i))->editor()->text(); }

void writeFile(const QString &path, const QByteArray &content)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(content);
}

// The child of autosaveSurvivesKill9: a window on `path` typed into every 40 ms, each line
// announced on stdout once it is in the editor, until the parent kills it.
int runTypingChild(const QString &path)
{
    MainWindow w(nullptr, path);
    w.show();
    QueryTab *tab = w.currentQueryTab();
    int n = 0;
    QTimer typing;
    QObject::connect(&typing, &QTimer::timeout, &w, [&] {
        ++n;
        tab->editor()->append(QStringLiteral("# line %1\n").arg(n));
        std::printf("typed %d\n", n);
        std::fflush(stdout);
    });
    typing.start(40);
    return QApplication::exec();
}

} // namespace

class TestWorkspaceWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void saveAsNewOpen();
    void openRefusesForeignFiles();
    void savedOperations();
    void tabIdentityRestored();
    void newWorkspaceHasStarterProfiles();
    void firstLaunchHasStarterProfiles();
    void autosaveSurvivesKill9();

private:
    QTemporaryDir m_config;
    QTemporaryDir m_files;
};

void TestWorkspaceWindow::initTestCase()
{
    QVERIFY(m_config.isValid());
    QVERIFY(m_files.isValid());
    qputenv("XDG_CONFIG_HOME", m_config.path().toUtf8());
    qputenv("XDG_DATA_HOME", (m_config.path() + QLatin1String("/data")).toUtf8());
    QCoreApplication::setOrganizationName(QStringLiteral("RefractTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_workspacewindow"));
    PasswordKeychain::instance()->setBackendEnabled(false);
}

void TestWorkspaceWindow::init()
{
    QSettings().clear();
    QFile::remove(workspace::Workspace::defaultPath());
}

void TestWorkspaceWindow::saveAsNewOpen()
{
    const QString named = m_files.filePath(QStringLiteral("forum") + workspace::Workspace::fileSuffix());
    {
        MainWindow w;
        QVERIFY(w.workspaceSession()->isUntitled());
        QVERIFY2(w.windowTitle().startsWith(QLatin1String("Untitled")), qPrintable(w.windowTitle()));
        // The File menu has the workspace actions, with their shortcuts listed for the editor.
        QMenu *file = w.menuBar()->actions().first()->menu();
        QStringList names;
        for (QAction *a : file->actions())
            names << a->objectName();
        for (const char *n : {"actionNewWorkspace", "actionOpenWorkspace", "actionSaveWorkspace", "actionSaveWorkspaceAs"}) {
            QVERIFY2(names.contains(QLatin1String(n)), n);
            QVERIFY(w.allActions().contains(w.findChild<QAction *>(QLatin1String(n))));
        }
        QVERIFY(w.findChild<QMenu *>(QStringLiteral("recentWorkspacesMenu")));

        w.currentQueryTab()->editor()->setText(QStringLiteral("query Forum { a }"));
        w.newQueryTab(QStringLiteral("query Second { b }"));
        QVERIFY(w.saveWorkspaceAs(named));
        QCOMPARE(w.workspaceSession()->path(), named);
        QVERIFY(!w.workspaceSession()->isUntitled());
        QVERIFY2(w.windowTitle().startsWith(QString::fromUtf8("forum — ")), qPrintable(w.windowTitle()));
        QVERIFY(w.findChild<QAction *>(QStringLiteral("actionSaveWorkspace"))->text().contains(QLatin1String("forum")));
        workspace::Workspace onDisk;
        QVERIFY(onDisk.loadExisting(named));
        QCOMPARE(onDisk.tabs.size(), 2);
        QCOMPARE(onDisk.tabs.at(0).text, QStringLiteral("query Forum { a }"));

        // Edits go on autosaving into the named file.
        w.currentQueryTab()->editor()->setText(QStringLiteral("query Second { b c }"));
        QTRY_VERIFY(!w.workspaceSession()->isSavePending());
        QVERIFY(onDisk.loadExisting(named));
        QCOMPARE(onDisk.tabs.at(1).text, QStringLiteral("query Second { b c }"));

        // New: the named file keeps its tabs, the window starts empty and untitled.
        QVERIFY(w.newWorkspace());
        QCOMPARE(w.queryTabs()->count(), 1);
        QCOMPARE(tabText(w, 0), QString());
        QVERIFY(w.workspaceSession()->isUntitled());
        QVERIFY(w.windowTitle().startsWith(QLatin1String("Untitled")));
        QVERIFY(QFile::exists(w.workspaceSession()->path()));
        QVERIFY(onDisk.loadExisting(named));
        QCOMPARE(onDisk.tabs.size(), 2);
        w.currentQueryTab()->editor()->setText(QStringLiteral("{ scratch }"));
        const QString untitled = w.workspaceSession()->path();

        // Open brings the named one back; the untitled one was saved first.
        QVERIFY(w.openWorkspace(named));
        QCOMPARE(w.queryTabs()->count(), 2);
        QCOMPARE(tabText(w, 0), QStringLiteral("query Forum { a }"));
        QCOMPARE(tabText(w, 1), QStringLiteral("query Second { b c }"));
        workspace::Workspace scratch;
        QVERIFY(scratch.loadExisting(untitled));
        QCOMPARE(scratch.tabs.first().text, QStringLiteral("{ scratch }"));
        QVERIFY(WorkspaceSession::recentWorkspaces().contains(named));
        QVERIFY(WorkspaceSession::recentWorkspaces().contains(untitled));
        w.close();
    }
    // The next start opens the workspace used last.
    MainWindow again;
    QCOMPARE(again.workspaceSession()->path(), named);
    QCOMPARE(again.queryTabs()->count(), 2);
    QVERIFY(again.windowTitle().startsWith(QLatin1String("forum")));
    // Recent Workspaces lists the others (not the current one), the untitled one by its date.
    QMenu *recent = again.findChild<QMenu *>(QStringLiteral("recentWorkspacesMenu"));
    emit recent->aboutToShow();
    QStringList entries;
    for (QAction *a : recent->actions())
        entries << a->text();
    QCOMPARE(entries.size(), 1);
    QVERIFY2(entries.first().startsWith(QLatin1String("Untitled (")), qPrintable(entries.join(QLatin1Char(','))));
    if (!screenshotPath("file-menu").isEmpty()) {
        again.resize(1100, 640);
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QMenu *file = again.menuBar()->actions().first()->menu();
        again.menuBar()->setActiveAction(again.menuBar()->actions().first());
        QTest::qWait(200);
        file->setActiveAction(recent->menuAction());
        recent->popup(file->mapToGlobal(file->actionGeometry(recent->menuAction()).topRight()));
        grabWithMenus(&again, {file, recent}, "file-menu");
        recent->hide();
        file->hide();
    }
}

void TestWorkspaceWindow::openRefusesForeignFiles()
{
    MainWindow w;
    w.currentQueryTab()->editor()->setText(QStringLiteral("{ keep }"));
    const QString before = w.workspaceSession()->path();
    const QString pkg = m_files.filePath(QStringLiteral("package.json"));
    writeFile(pkg, R"({"name":"x","version":"1.0.0","dependencies":{}})");
    const QString broken = m_files.filePath(QStringLiteral("broken") + workspace::Workspace::fileSuffix());
    writeFile(broken, "{\"format\":\"refract-workspace\",\"version\":1,\"tabs\":[{\"text\":\"half");
    for (const QString &path : {pkg, broken, m_files.filePath(QStringLiteral("missing.json"))}) {
        QString error;
        QVERIFY2(!w.openWorkspace(path, &error), qPrintable(path));
        QVERIFY2(!error.isEmpty(), qPrintable(path));
        QVERIFY(w.eventLog()->lastMessage().contains(QLatin1String("Could not open the workspace")));
        QCOMPARE(w.workspaceSession()->path(), before);
        QCOMPARE(w.queryTabs()->count(), 1);
        QCOMPARE(tabText(w, 0), QStringLiteral("{ keep }"));
    }
    // The refused files are left as they were.
    QFile f(broken);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readAll().endsWith("\"half"));
}

void TestWorkspaceWindow::savedOperations()
{
    const QString path = m_files.filePath(QStringLiteral("saved") + workspace::Workspace::fileSuffix());
    {
        MainWindow w(nullptr, path);
        QVERIFY(w.allActions().contains(w.findChild<QAction *>(QStringLiteral("actionSaveOperation"))));
        QVERIFY(w.findChild<QDockWidget *>(QStringLiteral("savedOperationsDock")));
        QVERIFY(!w.saveCurrentOperation(QStringLiteral("empty"))); // nothing to keep
        QueryTab *tab = w.currentQueryTab();
        tab->editor()->setText(QStringLiteral("query Posts($n: Int) { allPosts(first: $n) { totalCount } }"));
        tab->variablesEdit()->setPlainText(QStringLiteral("{\"n\": 3}"));
        QVERIFY(w.saveCurrentOperation(QStringLiteral("latest posts")));
        QCOMPARE(w.queryTabs()->tabText(0), QStringLiteral("latest posts"));
        w.newQueryTab(QStringLiteral("{ currentPerson { id } }"));
        QVERIFY(w.saveCurrentOperation(QStringLiteral("me")));
        QCOMPARE(w.savedOperations()->names(), (QStringList{QStringLiteral("latest posts"), QStringLiteral("me")}));
        // Written at once, not only at the next autosave.
        workspace::Workspace onDisk;
        QVERIFY(onDisk.loadExisting(path));
        QCOMPARE(onDisk.savedOperations.size(), 2);
        QCOMPARE(onDisk.savedOperations.first().variables, QStringLiteral("{\"n\": 3}"));
        w.close();
    }
    MainWindow w(nullptr, path);
    QCOMPARE(w.savedOperations()->names(), (QStringList{QStringLiteral("latest posts"), QStringLiteral("me")}));
    const int tabs = w.queryTabs()->count();
    // Activating a row opens it in a new tab with its variables.
    QTreeWidgetItem *row = w.savedOperations()->topLevelItem(0);
    QVERIFY(row);
    emit w.savedOperations()->itemActivated(row, 0);
    QCOMPARE(w.queryTabs()->count(), tabs + 1);
    QCOMPARE(w.currentQueryTab()->editor()->text(), QStringLiteral("query Posts($n: Int) { allPosts(first: $n) { totalCount } }"));
    QCOMPARE(w.currentQueryTab()->variablesEdit()->toPlainText(), QStringLiteral("{\"n\": 3}"));
    QCOMPARE(w.queryTabs()->tabText(w.queryTabs()->currentIndex()), QStringLiteral("latest posts"));
    // Delete forgets it, in the file too.
    w.savedOperations()->setCurrentItem(row);
    w.savedOperations()->setFocus();
    QTest::keyClick(w.savedOperations(), Qt::Key_Delete);
    QCOMPARE(w.savedOperations()->names(), QStringList{QStringLiteral("me")});
    workspace::Workspace onDisk;
    QVERIFY(onDisk.loadExisting(path));
    QCOMPARE(onDisk.savedOperations.size(), 1);
}

void TestWorkspaceWindow::tabIdentityRestored()
{
    const QString path = m_files.filePath(QStringLiteral("identity") + workspace::Workspace::fileSuffix());
    auto pick = [](MainWindow &w, const QString &key) {
        QComboBox *combo = w.connectionBar()->identityCombo();
        const int index = combo->findData(key);
        QVERIFY2(index >= 0, qPrintable(key));
        combo->setCurrentIndex(index);
        emit combo->activated(index); // as the user's pick
    };
    QAction *dryRun = nullptr;
    {
        MainWindow w(nullptr, path);
        w.setDemoMode(true); // the anonymous and johndoe profiles
        dryRun = w.findChild<QAction *>(QStringLiteral("actionDryRun"));
        QueryTab *first = w.currentQueryTab();
        pick(w, QStringLiteral("johndoe"));
        QCOMPARE(first->identityKey(), QStringLiteral("johndoe"));
        QueryTab *second = w.newQueryTab(QStringLiteral("mutation { m }"));
        QCOMPARE(second->identityKey(), QStringLiteral("johndoe")); // a new tab starts as the toolbar shows
        pick(w, QStringLiteral("anonymous"));
        dryRun->setChecked(true);
        QCOMPARE(second->identityKey(), QStringLiteral("anonymous"));
        QVERIFY(second->dryRun());
        QCOMPARE(first->identityKey(), QStringLiteral("johndoe"));
        QVERIFY(!first->dryRun());
        // Switching tabs shows each tab's identity and switch.
        w.queryTabs()->setCurrentWidget(first);
        QCOMPARE(w.connectionBar()->currentIdentity().key, QStringLiteral("johndoe"));
        QVERIFY(!dryRun->isChecked());
        w.queryTabs()->setCurrentWidget(second);
        QCOMPARE(w.connectionBar()->currentIdentity().key, QStringLiteral("anonymous"));
        QVERIFY(dryRun->isChecked());
        w.close();
    }
    {
        // After a restart (profiles come from the workspace, no demo mode), the current tab's.
        MainWindow w(nullptr, path);
        dryRun = w.findChild<QAction *>(QStringLiteral("actionDryRun"));
        QCOMPARE(w.queryTabs()->count(), 2);
        QCOMPARE(w.queryTabs()->currentIndex(), 1);
        QCOMPARE(w.connectionBar()->currentIdentity().key, QStringLiteral("anonymous"));
        QVERIFY(dryRun->isChecked());
        w.queryTabs()->setCurrentIndex(0);
        QCOMPARE(w.connectionBar()->currentIdentity().key, QStringLiteral("johndoe"));
        QVERIFY(!dryRun->isChecked());
        w.close();
    }
    {
        // The profiles arriving after the tabs (demo mode adding them) still show the tab's identity.
        workspace::Workspace ws;
        QVERIFY(ws.loadExisting(path));
        ws.profiles.clear();
        QVERIFY(ws.save(path));
        MainWindow w(nullptr, path);
        QCOMPARE(w.queryTabs()->currentIndex(), 0);
        QCOMPARE(w.connectionBar()->currentIdentity().key, QString());
        w.setDemoMode(true);
        QCOMPARE(w.connectionBar()->currentIdentity().key, QStringLiteral("johndoe"));
    }
}

void TestWorkspaceWindow::newWorkspaceHasStarterProfiles()
{
    // A workspace of the user's own with one profile of theirs.
    const QString own = m_files.filePath(QStringLiteral("own") + workspace::Workspace::fileSuffix());
    {
        workspace::Workspace ws;
        ws.profiles.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("alice")},
                                       {QStringLiteral("claims"), QJsonObject{{QStringLiteral("username"), QStringLiteral("alice")}}},
                                       {QStringLiteral("role"), QStringLiteral("forum_example_person")},
                                       {QStringLiteral("claimsMapping"), QStringLiteral("appsync")}});
        QVERIFY(ws.save(own));
    }
    MainWindow w(nullptr, own);
    QCOMPARE(profileKeys(w), QStringList{QStringLiteral("alice")});

    // File → New: the demo's starter profiles, the same ones demo mode adds, ready to run as.
    QVERIFY(w.newWorkspace());
    QStringList expected;
    for (const identity::IdentityProfile &p : ConnectionBar::demoProfiles())
        expected << p.name;
    QCOMPARE(expected, (QStringList{QStringLiteral("anonymous"), QStringLiteral("johndoe")}));
    QCOMPARE(profileKeys(w), expected);
    QComboBox *combo = w.connectionBar()->identityCombo();
    combo->setCurrentIndex(combo->findData(QStringLiteral("johndoe")));
    emit combo->activated(combo->currentIndex());
    const ConnectionBar::Identity johndoe = w.connectionBar()->currentIdentity();
    QCOMPARE(johndoe.key, QStringLiteral("johndoe"));
    bool hasRole = false, hasUsername = false;
    for (const auto &setting : johndoe.settings) {
        hasRole |= setting.first == QLatin1String("role") && setting.second == QLatin1String("forum_example_person");
        hasUsername |= setting.second == QLatin1String("johndoe");
    }
    QVERIFY2(hasRole && hasUsername, "johndoe's settings carry the role and the username claim");

    // They are the new workspace's own (in its file, never a secret), not shared with the old one.
    bool secretFree = false;
    QCOMPARE(savedProfileNames(w.workspaceSession()->path(), &secretFree), expected);
    QVERIFY(secretFree);
    QVERIFY(grabWithIdentityList(w, "new-profiles"));
    QVERIFY(w.openWorkspace(own));
    QCOMPARE(profileKeys(w), QStringList{QStringLiteral("alice")});
}

void TestWorkspaceWindow::firstLaunchHasStarterProfiles()
{
    // The first launch: no workspace file yet (init() removed it), so the window starts as File → New
    // starts one, with the demo's starter profiles.
    const QString path = workspace::Workspace::defaultPath();
    QVERIFY(!QFile::exists(path));
    QStringList expected;
    for (const identity::IdentityProfile &p : ConnectionBar::demoProfiles())
        expected << p.name;
    QCOMPARE(expected, (QStringList{QStringLiteral("anonymous"), QStringLiteral("johndoe")}));
    QCOMPARE(WorkspaceSession::starterWorkspace().profiles.size(), expected.size());
    {
        MainWindow w;
        QCOMPARE(w.workspaceSession()->path(), QFileInfo(path).absoluteFilePath());
        QVERIFY(w.workspaceSession()->isUntitled());
        QCOMPARE(profileKeys(w), expected);
        QComboBox *combo = w.connectionBar()->identityCombo();
        combo->setCurrentIndex(combo->findData(QStringLiteral("johndoe")));
        emit combo->activated(combo->currentIndex());
        QCOMPARE(w.connectionBar()->currentIdentity().key, QStringLiteral("johndoe"));
        QVERIFY(!w.connectionBar()->currentIdentity().settings.isEmpty());
        QVERIFY(grabWithIdentityList(w, "first-launch"));
        w.close();
    }
    // Written into the file (never a secret), and not added a second time at the next start.
    bool secretFree = false;
    QCOMPARE(savedProfileNames(path, &secretFree), expected);
    QVERIFY(secretFree);
    {
        MainWindow w;
        QCOMPARE(profileKeys(w), expected);
        w.setProfiles({}); // the user deletes them
        w.close();
    }
    // A workspace that exists keeps what the user made of it: deleted starter profiles stay deleted.
    MainWindow again;
    QCOMPARE(profileKeys(again), QStringList());
}

void TestWorkspaceWindow::autosaveSurvivesKill9()
{
    const QString path = m_files.filePath(QStringLiteral("killed") + workspace::Workspace::fileSuffix());
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("REFRACT_TYPING_CHILD"), path);
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::SeparateChannels);
    child.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY(child.waitForStarted(10000));
    int typed = 0;
    QByteArray out;
    const QRegularExpression line(QStringLiteral("typed (\\d+)\\n"));
    auto readTyped = [&] {
        out += child.readAllStandardOutput();
        QRegularExpressionMatchIterator it = line.globalMatch(QString::fromLatin1(out));
        while (it.hasNext())
            typed = it.next().captured(1).toInt();
    };
    // About five seconds of typing: several autosaves, and the kill lands anywhere between them.
    QTRY_VERIFY_WITH_TIMEOUT((readTyped(), typed >= 120), 60000);
    QTest::qWait(QRandomGenerator::global()->bounded(0, 800));
    readTyped();
    child.kill(); // SIGKILL: no close event, no destructor, no last save
    QVERIFY(child.waitForFinished(10000));
    readTyped();
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);

    // A complete workspace (QSaveFile never leaves half a file), at most an autosave interval behind.
    workspace::Workspace ws;
    QString error;
    QVERIFY2(ws.loadExisting(path, &error), qPrintable(error));
    QCOMPARE(ws.tabs.size(), 1);
    int saved = 0;
    QRegularExpressionMatchIterator it = QRegularExpression(QStringLiteral("# line (\\d+)")).globalMatch(ws.tabs.first().text);
    int expected = 1;
    while (it.hasNext()) {
        const int n = it.next().captured(1).toInt();
        QCOMPARE(n, expected++); // every line up to the saved one, in order
        saved = n;
    }
    // 40 ms a line, an autosave at most WorkspaceSession::SaveDelayMs after an edit; twice that
    // for a busy machine's late timers.
    const int allowed = 2 * WorkspaceSession::SaveDelayMs / 40 + 5;
    qInfo("typed %d lines before kill -9; %d in the autosaved file (allowed loss: %d)", typed, saved, allowed);
    QVERIFY2(saved > 0, "nothing was autosaved while typing");
    QVERIFY2(typed - saved <= allowed, qPrintable(QStringLiteral("typed %1, saved %2").arg(typed).arg(saved)));
    QVERIFY(!QFile::exists(path + QLatin1String(".new")));
}

int main(int argc, char *argv[])
{
    const QString childPath = qEnvironmentVariable("REFRACT_TYPING_CHILD");
    if (!childPath.isEmpty()) {
        QApplication app(argc, argv);
        QCoreApplication::setOrganizationName(QStringLiteral("RefractTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_workspacewindow_child"));
        PasswordKeychain::instance()->setBackendEnabled(false);
        return runTypingChild(childPath);
    }
    QApplication app(argc, argv);
    app.setAttribute(Qt::AA_Use96Dpi, true);
    TestWorkspaceWindow test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_workspacewindow.moc"
