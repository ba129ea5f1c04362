// Bad input through the real window (issue 6: "Bad input never crashes or freezes the window"):
// a wrong password, a query that would run for minutes (cancel reaches the server), and a database
// session killed in the middle of a query. Each ends with a clear message, the window idle and
// usable, and the next run working. Needs the throwaway cluster of scripts/test (PG* variables).
#include <ui/connectionbar.h>
#include <ui/eventlog.h>
#include <ui/mainwindow.h>
#include <ui/passwordkeychain.h>
#include <ui/pgconnectionparams.h>
#include <ui/querytab.h>
#include <ui/resultsview.h>

#include <pg/connection.h>
#include <workspace/workspace.h>

#include <QAction>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace refract;
using namespace refract::ui;

class TestBadInput : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void wrongPassword();
    void longQueryIsCancelledOnTheServer();
    void sessionKilledMidQuery();

private:
    bool connectWindow(MainWindow &w);
    int activeSlowQueries();

    QTemporaryDir m_config;
    pg::Connection m_admin;
    QString m_db;
};

void TestBadInput::initTestCase()
{
    QVERIFY(m_config.isValid());
    qputenv("XDG_CONFIG_HOME", m_config.path().toUtf8());
    qputenv("XDG_DATA_HOME", (m_config.path() + QLatin1String("/data")).toUtf8());
    QCoreApplication::setOrganizationName(QStringLiteral("RefractTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_badinput"));
    QSettings().clear();
    PasswordKeychain::instance()->setBackendEnabled(false);
    if (qEnvironmentVariableIsEmpty("PGHOST") && qEnvironmentVariableIsEmpty("PGPORT"))
        QSKIP("no PostgreSQL server: set PG* variables (scripts/test does)");
    QVERIFY2(m_admin.open(QString()), qPrintable(m_admin.lastError().toString()));
    m_db = QStringLiteral("refract_tst_badinput_%1").arg(QCoreApplication::applicationPid());
    m_admin.exec(QStringLiteral("drop database if exists %1").arg(m_db));
    QVERIFY2(m_admin.exec(QStringLiteral("create database %1").arg(m_db)).ok(), qPrintable(m_admin.lastError().toString()));
    pg::Connection loader;
    QVERIFY(loader.open(QStringLiteral("dbname=%1").arg(m_db)));
    QFile sql(QStringLiteral(REFRACT_SOURCE_DIR "/resources/demo/forum_demo.sql"));
    QVERIFY(sql.open(QIODevice::ReadOnly));
    pg::Result r = loader.exec(QString::fromUtf8(sql.readAll()));
    QVERIFY2(r.ok(), qPrintable(r.error().toString()));
    // A query field that takes as long as asked: reflected as `slowAnswer(seconds: Float!)`.
    r = loader.exec(QStringLiteral(
        "create function forum_example.slow_answer(seconds float) returns int language sql stable as "
        "$$ select 42 from pg_sleep(seconds) $$"));
    QVERIFY2(r.ok(), qPrintable(r.error().toString()));
}

void TestBadInput::cleanupTestCase()
{
    if (m_admin.isOpen() && !m_db.isEmpty())
        m_admin.exec(QStringLiteral("drop database if exists %1 with (force)").arg(m_db));
}

bool TestBadInput::connectWindow(MainWindow &w)
{
    QSignalSpy spy(&w, &MainWindow::reflectFinished);
    PgConnectionParams p;
    p.database = m_db;
    p.schemas = QStringLiteral("forum_example");
    w.connectTo(p);
    return spy.wait(60000) && spy.at(0).at(0).toBool();
}

int TestBadInput::activeSlowQueries()
{
    const pg::Result r = m_admin.exec(QStringLiteral(
        "select count(*) from pg_stat_activity where state = 'active' and query like '%slow_answer%' "
        "and pid <> pg_backend_pid()"));
    return r.ok() ? r.toInt(0, 0) : -1;
}

void TestBadInput::wrongPassword()
{
    // scripts/pg-cluster makes refract_password_user (only) authenticate with scram-sha-256.
    const pg::Result created = m_admin.exec(QStringLiteral(
        "do $$ begin if not exists (select from pg_roles where rolname = 'refract_password_user') then "
        "create role refract_password_user login password 'right-password'; end if; end $$"));
    QVERIFY2(created.ok(), qPrintable(created.error().toString()));
    MainWindow w(nullptr, m_config.filePath(QStringLiteral("ws-password.json")));
    w.show();
    QSignalSpy spy(&w, &MainWindow::reflectFinished);
    PgConnectionParams p;
    p.host = QStringLiteral("127.0.0.1");
    p.port = qEnvironmentVariable("PGPORT", QStringLiteral("5432"));
    p.database = m_db;
    p.user = QStringLiteral("refract_password_user");
    p.password = QStringLiteral("wrong-password");
    w.connectTo(p);
    // The window stays responsive while libpq authenticates on a pool thread.
    QVERIFY(w.isBusy());
    QVERIFY(spy.wait(30000));
    QCOMPARE(spy.at(0).at(0).toBool(), false);
    QVERIFY(!w.isBusy());
    const QString message = w.eventLog()->lastMessage();
    QVERIFY2(message.contains(QLatin1String("password authentication failed")), qPrintable(message));
    QVERIFY2(!message.contains(QLatin1String("wrong-password")), "the password reached the event log");
    for (int i = 0; i < w.eventLog()->topLevelItemCount(); ++i)
        QVERIFY(!w.eventLog()->topLevelItem(i)->toolTip(1).contains(QLatin1String("wrong-password")));
    // The same window connects once the input is right.
    p = {};
    p.database = m_db;
    p.schemas = QStringLiteral("forum_example");
    spy.clear();
    w.connectTo(p);
    QVERIFY(spy.wait(60000));
    QVERIFY2(spy.at(0).at(0).toBool(), qPrintable(w.eventLog()->lastMessage()));
}

void TestBadInput::longQueryIsCancelledOnTheServer()
{
    MainWindow w(nullptr, m_config.filePath(QStringLiteral("ws-cancel.json")));
    w.show();
    QVERIFY2(connectWindow(w), qPrintable(w.eventLog()->lastMessage()));
    QueryTab *tab = w.newQueryTab(QStringLiteral("{ slowAnswer(seconds: 300) }"));
    w.connectionBar()->identityCombo()->setCurrentIndex(0);
    w.findChild<QAction *>(QStringLiteral("actionRun"))->trigger();
    QVERIFY(w.isBusy());
    // The statement really runs on the server before we cancel it.
    QTRY_COMPARE_WITH_TIMEOUT(activeSlowQueries(), 1, 20000);
    QElapsedTimer clock;
    clock.start();
    w.findChild<QPushButton *>(QStringLiteral("cancelButton"))->click();
    QVERIFY(!w.isBusy());
    QVERIFY(clock.elapsed() < 1000);
    QVERIFY2(tab->results()->statusText().contains(QLatin1String("Cancelled")), qPrintable(tab->results()->statusText()));
    // Cancel reached PostgreSQL: the five-minute sleep is gone within seconds, not left running.
    QTRY_COMPARE_WITH_TIMEOUT(activeSlowQueries(), 0, 10000);
    // The window runs the next operation normally.
    tab->results()->showMessage(QString());
    QueryTab *next = w.newQueryTab(QStringLiteral("{ slowAnswer(seconds: 0) }"));
    w.findChild<QAction *>(QStringLiteral("actionRun"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 30000);
    QVERIFY2(next->results()->rawText().contains(QLatin1String("\"slowAnswer\": 42")), qPrintable(next->results()->rawText()));
}

void TestBadInput::sessionKilledMidQuery()
{
    MainWindow w(nullptr, m_config.filePath(QStringLiteral("ws-kill.json")));
    w.show();
    QVERIFY2(connectWindow(w), qPrintable(w.eventLog()->lastMessage()));
    QueryTab *tab = w.newQueryTab(QStringLiteral("{ slowAnswer(seconds: 300) }"));
    w.connectionBar()->identityCombo()->setCurrentIndex(0);
    w.findChild<QAction *>(QStringLiteral("actionRun"))->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(activeSlowQueries(), 1, 20000);
    // The server ends the session under the running query, as a restart or an administrator would.
    const pg::Result killed = m_admin.exec(QStringLiteral(
        "select count(pg_terminate_backend(pid)) from pg_stat_activity where query like '%slow_answer%' "
        "and pid <> pg_backend_pid()"));
    QVERIFY2(killed.ok() && killed.toInt(0, 0) >= 1, qPrintable(killed.error().toString()));
    QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 20000);
    // A clear error in the result, not an empty pane or a hang.
    const QString shown = tab->results()->rawText() + tab->results()->statusText();
    QVERIFY2(shown.contains(QLatin1String("terminat")) || shown.contains(QLatin1String("closed")), qPrintable(shown));
    // The next run gets a fresh session and works.
    QueryTab *next = w.newQueryTab(QStringLiteral("{ slowAnswer(seconds: 0) }"));
    w.findChild<QAction *>(QStringLiteral("actionRun"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 30000);
    QVERIFY2(next->results()->rawText().contains(QLatin1String("\"slowAnswer\": 42")), qPrintable(next->results()->rawText()));
}

QTEST_MAIN(TestBadInput)
#include "tst_badinput.moc"
