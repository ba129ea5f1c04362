// The database a workspace was on comes back at the next start and when File → Open brings that
// workspace back, as its endpoint does: in the background (the window is up before libpq is
// asked), with the password from the keychain only (never the workspace file or settings), and a
// connection chosen right after start wins. A workspace that was on no database closes it on Open.
#include "../pg/testdatabase.h"

#include <ui/connectionbar.h>
#include <ui/eventlog.h>
#include <ui/explorerwidget.h>
#include <ui/graphqltypemodel.h>
#include <ui/mainwindow.h>
#include <ui/passwordkeychain.h>
#include <ui/pgconnectionparams.h>
#include <ui/workspacesession.h>
#include <workspace/workspace.h>

#include <QAction>
#include <QFile>
#include <QJsonDocument>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace refract;
using namespace refract::ui;

namespace {
const QString kPassword = QStringLiteral("right-password");

/// With REFRACT_SCREENSHOT_DIR set, saves workspace-db-<name>.png.
void maybeGrab(QWidget *widget, const char *name)
{
    const QString dir = qEnvironmentVariable("REFRACT_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QTest::qWait(400); // layouts and repaints settle
    const QString path = QStringLiteral("%1/workspace-db-%2.png").arg(dir, QLatin1String(name));
    if (!widget->grab().save(path))
        qWarning("could not write %s", qPrintable(path));
}
} // namespace

class TestWorkspaceDatabase : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void databaseReopened();

private:
    /// refract_password_user on the test database (scripts/pg-cluster makes that role, only,
    /// authenticate with scram-sha-256), without its password.
    PgConnectionParams params() const;

    QTemporaryDir m_dir;
    test::TestDatabase m_db;
};

void TestWorkspaceDatabase::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("XDG_CONFIG_HOME", m_dir.path().toUtf8());
    qputenv("XDG_DATA_HOME", (m_dir.path() + QLatin1String("/data")).toUtf8());
    qunsetenv("PGPASSWORD"); // the keychain is the only place the password can come from
    QCoreApplication::setOrganizationName(QStringLiteral("RefractTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_workspacedatabase"));
    QSettings().clear();
    PasswordKeychain::instance()->setBackendEnabled(false); // never the user's keychain
    if (!test::hasPgEnvironment())
        QSKIP("no PostgreSQL environment (PGHOST/PGPORT/PGDATABASE); scripts/test provides one");
    QVERIFY2(m_db.create(QStringLiteral("tst_workspacedatabase")), qPrintable(m_db.error()));
    pg::Connection c;
    QVERIFY2(c.open(m_db.conninfo()), qPrintable(c.lastError().toString()));
    QString error;
    QVERIFY2(test::ensureRole(c, QStringLiteral("refract_password_user"), &error), qPrintable(error));
    for (const char *sql : {"alter role refract_password_user login password 'right-password'",
                            "create table gadget (id int primary key, name text)",
                            "grant select on gadget to refract_password_user"}) {
        const pg::Result r = c.exec(QLatin1String(sql));
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
    }
}

void TestWorkspaceDatabase::cleanupTestCase()
{
    PasswordKeychain::instance()->setHoldLookups(false);
    QSettings().clear();
}

PgConnectionParams TestWorkspaceDatabase::params() const
{
    PgConnectionParams p;
    p.host = QStringLiteral("127.0.0.1");
    p.port = qEnvironmentVariable("PGPORT", QStringLiteral("5432"));
    p.database = m_db.name();
    p.user = QStringLiteral("refract_password_user");
    p.schemas = QStringLiteral("public");
    return p;
}

void TestWorkspaceDatabase::databaseReopened()
{
    const QString ws = m_dir.filePath(QStringLiteral("on-database.refract-workspace.json"));
    PasswordKeychain *keychain = PasswordKeychain::instance();
    const auto release = qScopeGuard([keychain] { keychain->setHoldLookups(false); });
    auto connectAndWait = [](MainWindow &w, const PgConnectionParams &p) {
        QSignalSpy reflected(&w, &MainWindow::reflectFinished);
        w.connectTo(p);
        QVERIFY(reflected.wait(60000));
        QVERIFY2(reflected.at(0).at(0).toBool(), qPrintable(w.eventLog()->lastMessage()));
    };
    {
        MainWindow w(nullptr, ws);
        w.show();
        PgConnectionParams p = params();
        p.password = kPassword;
        connectAndWait(w, p);
        if (QTest::currentTestFailed())
            return;
        w.close();
    }
    // The workspace names the database, never the password; nor do the settings.
    {
        QFile f(ws);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY2(!bytes.contains(kPassword.toUtf8()), "the password reached the workspace file");
        const QJsonObject open = QJsonDocument::fromJson(bytes).object().value(QLatin1String("openConnection")).toObject();
        QCOMPARE(open.value(QLatin1String("kind")).toString(), QStringLiteral("postgresql"));
        QCOMPARE(open.value(QLatin1String("database")).toString(), m_db.name());
        QCOMPARE(open.value(QLatin1String("user")).toString(), QStringLiteral("refract_password_user"));
        QSettings().sync();
        QFile settings(QSettings().fileName());
        if (settings.open(QIODevice::ReadOnly))
            QVERIFY2(!settings.readAll().contains(kPassword.toUtf8()), "the password reached the settings");
    }
    // The restart: the window is up at once; the keychain is asked (held here, as an unlock prompt
    // would hold it) and the connection made in the background, with Cancel offered meanwhile.
    {
        keychain->setHoldLookups(true);
        MainWindow w(nullptr, ws);
        QSignalSpy reflected(&w, &MainWindow::reflectFinished);
        QVERIFY(!w.isBusy()); // nothing was started inside the constructor
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTRY_VERIFY(w.isBusy());
        QVERIFY(w.findChild<QPushButton *>(QStringLiteral("cancelButton"))->isVisible());
        QVERIFY(reflected.isEmpty());
        maybeGrab(&w, "reopening");
        keychain->setHoldLookups(false);
        QVERIFY(reflected.wait(60000));
        QVERIFY2(reflected.at(0).at(0).toBool(), qPrintable(w.eventLog()->lastMessage()));
        const QString status = w.connectionBar()->statusText();
        QVERIFY2(status.contains(QLatin1String("refract_password_user@")), qPrintable(status));
        QVERIFY(w.explorer()->typeModel()->indexForType(QStringLiteral("Gadget")).isValid());
        maybeGrab(&w, "reopened");
        w.close();
    }
    // The password comes from the keychain only: without it there, PostgreSQL refuses the restore.
    const QString key = params().secretKey();
    keychain->remove(key);
    {
        MainWindow w(nullptr, ws);
        QSignalSpy reflected(&w, &MainWindow::reflectFinished);
        QVERIFY(reflected.wait(60000));
        QVERIFY(!reflected.at(0).at(0).toBool());
        QVERIFY2(w.eventLog()->lastMessage().contains(QLatin1String("password")), qPrintable(w.eventLog()->lastMessage()));
        w.close(); // still on that database (last tried)
    }
    keychain->store(key, kPassword);
    // A connection chosen right after start (`refract --db`) wins over the restored one.
    {
        MainWindow w(nullptr, ws);
        QSignalSpy reflected(&w, &MainWindow::reflectFinished);
        PgConnectionParams other = params();
        other.user = qEnvironmentVariable("PGUSER", QStringLiteral("postgres"));
        w.connectTo(other);
        QVERIFY(reflected.wait(60000));
        QVERIFY2(reflected.at(0).at(0).toBool(), qPrintable(w.eventLog()->lastMessage()));
        QTest::qWait(300);
        QCOMPARE(reflected.size(), 1);
        QVERIFY2(!w.connectionBar()->statusText().contains(QLatin1String("refract_password_user")),
                 qPrintable(w.connectionBar()->statusText()));
        connectAndWait(w, params()); // back on it for what follows (password from the keychain)
        if (QTest::currentTestFailed())
            return;
        w.close();
    }
    // File → Open: a workspace on nothing closes the database (its autosave does not gain it);
    // opening the first one again reconnects.
    const QString plain = m_dir.filePath(QStringLiteral("on-nothing.refract-workspace.json"));
    QVERIFY(workspace::Workspace().save(plain));
    {
        MainWindow w(nullptr, ws);
        QSignalSpy reflected(&w, &MainWindow::reflectFinished);
        QVERIFY(reflected.wait(60000));
        QVERIFY2(reflected.at(0).at(0).toBool(), qPrintable(w.eventLog()->lastMessage()));
        QVERIFY(w.openWorkspace(plain));
        QCOMPARE(w.connectionBar()->statusText(), QStringLiteral("Not connected"));
        QVERIFY(!w.schemaContext());
        QVERIFY(w.workspaceSession()->saveNow());
        workspace::Workspace opened;
        QVERIFY(opened.loadExisting(plain));
        QVERIFY2(opened.openConnection.isEmpty(), QJsonDocument(opened.openConnection).toJson().constData());
        reflected.clear();
        QVERIFY(w.openWorkspace(ws));
        QVERIFY(reflected.wait(60000));
        QVERIFY2(reflected.at(0).at(0).toBool(), qPrintable(w.eventLog()->lastMessage()));
        // Disconnect: the next start opens on nothing.
        w.findChild<QAction *>(QStringLiteral("actionDisconnect"))->trigger();
        w.close();
    }
    {
        MainWindow w(nullptr, ws);
        QSignalSpy reflected(&w, &MainWindow::reflectFinished);
        QVERIFY(!reflected.wait(500));
        QVERIFY(!w.isBusy());
        QCOMPARE(w.connectionBar()->statusText(), QStringLiteral("Not connected"));
    }
}

QTEST_MAIN(TestWorkspaceDatabase)
#include "tst_workspacedatabase.moc"
