// File → Connect to GraphQL Endpoint…: the real window against the project's own server
// (net::LocalService on 127.0.0.1 over the forum example) — the dialog's Test, connecting by
// introspection, the type in the explorer, Run over HTTP with the endpoint's Authorization header
// and the tab's headers merged over it, and the secret kept out of the workspace file and settings;
// the endpoint a workspace had open comes back at start and on File → Open.
#include "../pg/testdatabase.h"

#include <identity/jwt.h>
#include <net/localservice.h>
#include <ui/connectionbar.h>
#include <ui/docsview.h>
#include <ui/endpointdialog.h>
#include <ui/eventlog.h>
#include <ui/explorerwidget.h>
#include <ui/graphqltypemodel.h>
#include <ui/mainwindow.h>
#include <ui/passwordkeychain.h>
#include <ui/queryeditor.h>
#include <ui/querytab.h>
#include <ui/recentconnections.h>
#include <ui/remotesession.h>
#include <ui/resultsview.h>
#include <ui/schemacontext.h>
#include <ui/workspacesession.h>
#include <workspace/workspace.h>
#include <ui/pgconnectionparams.h>

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QScopeGuard>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace refract;
using namespace refract::ui;

namespace {
const QByteArray kSecret = "an-endpoint-test-secret-of-some-length";

/// With REFRACT_SCREENSHOT_DIR set (run under xvfb-run with QT_QPA_PLATFORM=xcb), saves
/// packaging/screenshots-style grabs: endpoint-<name>.png.
void maybeGrab(QWidget *widget, const char *name)
{
    const QString dir = qEnvironmentVariable("REFRACT_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QTest::qWait(400); // layouts and repaints settle
    const QString path = QStringLiteral("%1/endpoint-%2.png").arg(dir, QLatin1String(name));
    if (!widget->grab().save(path))
        qWarning("could not write %s", qPrintable(path));
}
}

class TestEndpoint : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void connectExploreRun();
    void unreachableEndpoint();
    void sdlSchemaAndCancelledRun();
    void reopenedAfterRestart();
    void reopenedOnOpen();
    void reopenWaitingForKeychain();
    void openedWorkspaceWithoutEndpoint();

private:
    QByteArray token(qint64 expiresIn) const;
    /// The local service's endpoint with johndoe's bearer token (a secret header) and an X-Client header.
    RemoteEndpoint johndoeEndpoint(const QByteArray &bearer, const QString &client) const;
    /// Connects a window on `workspacePath` to `e` and closes it, leaving that workspace on the endpoint.
    void leaveOnEndpoint(const QString &workspacePath, const RemoteEndpoint &e);
    /// `w` is connected (the signal spied by `connected` said so) to `e`, and runs as johndoe.
    void checkConnectedAsJohndoe(MainWindow &w, QSignalSpy &connected, const RemoteEndpoint &e, const char *shot);
    /// The test database's forum_example schema, as the connection dialog would give it.
    PgConnectionParams forumDatabase() const;
    /// Connects `w` to forumDatabase() while an endpoint reopen is pending: the database wins and
    /// the endpoint is never connected.
    void connectDatabaseOverReopen(MainWindow &w, QSignalSpy &reflected, QSignalSpy &connected);

    test::TestDatabase m_db;
    std::unique_ptr<net::LocalService> m_service;
    QTemporaryDir m_dir;
};

QByteArray TestEndpoint::token(qint64 expiresIn) const
{
    QString error;
    const QByteArray t = identity::Jwt::sign(QJsonObject{{QStringLiteral("cognito:username"), QStringLiteral("johndoe")},
                                                         {QStringLiteral("exp"), QDateTime::currentSecsSinceEpoch() + expiresIn}},
                                             identity::JwtAlgorithm::HS256, kSecret, &error);
    if (t.isEmpty())
        qWarning("sign: %s", qPrintable(error));
    return t;
}

void TestEndpoint::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("RefractTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_endpoint"));
    QSettings().clear();
    PasswordKeychain::instance()->setBackendEnabled(false); // never the user's keychain
    QVERIFY(m_dir.isValid());
    if (!test::hasPgEnvironment())
        return;
    QVERIFY2(m_db.create(QStringLiteral("tst_endpoint")), qPrintable(m_db.error()));
    pg::Connection c;
    QVERIFY2(c.open(m_db.conninfo()), qPrintable(c.lastError().toString()));
    QString error;
    QVERIFY2(test::loadForumExample(c, QStringLiteral(REFRACT_SOURCE_DIR "/tests/fixtures/forum_example.sql"), &error),
             qPrintable(error));
    net::LocalServiceOptions o;
    o.conninfo = m_db.conninfo();
    o.schemas = {QStringLiteral("forum_example")};
    o.poolSize = 2;
    o.server.threads = 2;
    o.server.graphql.auth.key = kSecret;
    o.server.graphql.auth.claimsMapping = QStringLiteral("appsync");
    o.server.graphql.auth.defaultRole = QStringLiteral("forum_example_person");
    m_service = std::make_unique<net::LocalService>(o);
    QVERIFY2(m_service->load(&error), qPrintable(error));
    QVERIFY2(m_service->listen(&error), qPrintable(error));
}

void TestEndpoint::cleanupTestCase()
{
    if (m_service)
        m_service->close();
    m_service.reset();
    QSettings().clear();
}

void TestEndpoint::connectExploreRun()
{
    if (!m_service)
        QSKIP("no PostgreSQL environment (PGHOST/PGPORT/PGDATABASE); scripts/test provides one");
    const QString url = m_service->url().toString();
    const QByteArray bearer = "Bearer " + token(600);
    const QString workspacePath = m_dir.filePath(QStringLiteral("workspace.json"));
    MainWindow w(nullptr, workspacePath);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));

    QAction *connectAction = w.findChild<QAction *>(QStringLiteral("actionConnectEndpoint"));
    QVERIFY(connectAction);
    QVERIFY(w.allActions().contains(connectAction));

    // The dialog, driven as a user would: URL, the Authorization header's value, Test, Connect.
    bool dialogSeen = false;
    QString testText;
    QTimer::singleShot(0, this, [&] {
        auto *d = qobject_cast<EndpointDialog *>(QApplication::activeModalWidget());
        QVERIFY(d);
        dialogSeen = true;
        d->findChild<QLineEdit *>(QStringLiteral("endpointUrl"))->setText(url);
        auto *table = d->findChild<QTableWidget *>(QStringLiteral("headersTable"));
        QCOMPARE(table->rowCount(), 1);
        QCOMPARE(table->item(0, EndpointDialog::NameColumn)->text(), QStringLiteral("Authorization"));
        QCOMPARE(table->item(0, EndpointDialog::SecretColumn)->checkState(), Qt::Checked);
        table->item(0, EndpointDialog::ValueColumn)->setText(QString::fromLatin1(bearer));
        QSignalSpy tested(d, &EndpointDialog::testFinished);
        QTest::mouseClick(d->findChild<QPushButton *>(QStringLiteral("testButton")), Qt::LeftButton);
        QVERIFY(d->isTesting());
        QVERIFY(tested.wait(30000));
        QVERIFY2(tested.at(0).at(0).toBool(), qPrintable(d->testResultText()));
        testText = d->testResultText();
        maybeGrab(d, "dialog");
        d->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    });
    QSignalSpy connected(&w, &MainWindow::endpointConnected);
    connectAction->trigger();
    QVERIFY(dialogSeen);
    QVERIFY2(testText.contains(QLatin1String(" types")), qPrintable(testText));
    QVERIFY(connected.wait(30000));
    QVERIFY2(connected.at(0).at(0).toBool(), qPrintable(w.eventLog()->lastMessage()));
    QVERIFY(w.remoteSession()->isConnected());
    QVERIFY2(w.connectionBar()->statusText().contains(QLatin1String("(remote)")), qPrintable(w.connectionBar()->statusText()));
    QVERIFY(!w.connectionBar()->identityCombo()->isEnabled()); // database identities do not apply
    QVERIFY(w.connectionBar()->identityCombo()->toolTip().contains(QLatin1String("identity: headers Authorization")));

    // The endpoint's schema feeds the explorer: find Person by filtering.
    w.explorer()->setFilterText(QStringLiteral("Person"));
    QVERIFY(w.explorer()->typeModel()->indexForType(QStringLiteral("Person")).isValid());
    QVERIFY(w.explorer()->typeModel()->indexForMember(QStringLiteral("Person"), QStringLiteral("username")).isValid());
    QVERIFY(w.schemaContext());
    QVERIFY(!w.schemaContext()->isRunnable()); // nothing to compile locally
    // The Database tab says why it has nothing to show rather than looking like a failed reflection.
    w.explorer()->setCurrentTab(ExplorerWidget::DatabaseTab);
    QVERIFY(w.explorer()->isDatabaseNoteShown());
    QVERIFY2(w.explorer()->databaseNote().contains(QLatin1String("GraphQL endpoint has no database objects")),
             qPrintable(w.explorer()->databaseNote()));
    QCOMPARE(w.explorer()->catalogProxy()->rowCount(), 0);
    w.explorer()->setCurrentTab(ExplorerWidget::GraphQLTab);

    // Run goes over HTTP with the endpoint's Authorization: the server runs it as johndoe.
    QueryTab *tab = w.newQueryTab(QStringLiteral("{ currentPerson { username } }"));
    auto run = [&] {
        tab->results()->showMessage(QString());
        w.findChild<QAction *>(QStringLiteral("actionRun"))->trigger();
        QVERIFY(w.isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 30000);
        QTRY_VERIFY(!tab->results()->isLoading());
    };
    run();
    QVERIFY2(tab->results()->rawText().contains(QLatin1String("\"username\": \"johndoe\"")), qPrintable(tab->results()->rawText()));
    const QString status = tab->results()->statusText();
    QVERIFY2(status.contains(QStringLiteral("remote endpoint — identity: headers Authorization")), qPrintable(status));
    QVERIFY2(status.contains(QLatin1String("HTTP 200")), qPrintable(status));
    QVERIFY2(!status.contains(QLatin1String("SQL statement")), qPrintable(status)); // no local markers
    QVERIFY(tab->results()->sqlText().contains(QLatin1String("Remote endpoint")));
    QVERIFY(tab->results()->warningText().isEmpty());
    w.explorer()->setFilterText(QString());
    w.explorer()->selectType(QStringLiteral("Person"));
    w.docs()->showType(QStringLiteral("Person"));
    maybeGrab(&w, "connected");
    if (!qEnvironmentVariableIsEmpty("REFRACT_SCREENSHOT_DIR")) {
        w.setTheme(Theme::Dark);
        maybeGrab(&w, "connected-dark");
        w.setTheme(Theme::Light);
    }

    // The tab's headers win over the endpoint's: an expired token answers 401 with a GraphQL body.
    tab->headersEdit()->setPlainText(QStringLiteral("Authorization: Bearer ") + QString::fromLatin1(token(-60)));
    run();
    QVERIFY2(tab->results()->rawText().contains(QLatin1String("jwt expired")), qPrintable(tab->results()->rawText()));
    QVERIFY2(tab->results()->statusText().contains(QLatin1String("HTTP 401")), qPrintable(tab->results()->statusText()));
    tab->headersEdit()->clear();

    // Without the tab's header, the endpoint's applies again.
    run();
    QVERIFY(tab->results()->rawText().contains(QLatin1String("johndoe")));

    // Copy as cURL sends what Run sends: the endpoint's headers with the tab's merged over them,
    // secrets as shell variables. The clipboard never holds the token, and the command works in
    // a shell that has it.
    tab->headersEdit()->setPlainText(QStringLiteral("X-Trace: copied-run"));
    QGuiApplication::clipboard()->clear();
    w.findChild<QAction *>(QStringLiteral("actionCopyCurl"))->trigger();
    const QString curl = QGuiApplication::clipboard()->text();
    QVERIFY2(curl.startsWith(QLatin1String("curl '") + url), qPrintable(curl));
    QVERIFY2(curl.contains(QLatin1String("-H 'Authorization: '\"$REFRACT_SECRET_AUTHORIZATION\"")), qPrintable(curl));
    QVERIFY2(curl.contains(QLatin1String("-H 'X-Trace: copied-run'")), qPrintable(curl));
    QVERIFY2(!curl.contains(QString::fromLatin1(bearer.mid(7, 40))), "the token reached the clipboard");
    QVERIFY(w.statusBar()->currentMessage().contains(QLatin1String("$REFRACT_SECRET_")));
    if (const QString curlExe = QStandardPaths::findExecutable(QStringLiteral("curl")); !curlExe.isEmpty()) {
        QProcess sh;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("REFRACT_SECRET_AUTHORIZATION"), QString::fromLatin1(bearer));
        sh.setProcessEnvironment(env);
        sh.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), curl + QStringLiteral(" -s")});
        QVERIFY(sh.waitForStarted(5000));
        // LocalService answers on this thread's event loop: wait without blocking it.
        QTRY_VERIFY_WITH_TIMEOUT(sh.state() == QProcess::NotRunning, 30000);
        const QByteArray out = sh.readAllStandardOutput();
        const QJsonObject me = QJsonDocument::fromJson(out).object().value(QLatin1String("data")).toObject();
        QVERIFY2(me.value(QLatin1String("currentPerson")).toObject().value(QLatin1String("username")).toString()
                     == QLatin1String("johndoe"),
                 out.constData());
    }
    // A tab header with a secret's name is not copied in clear either.
    tab->headersEdit()->setPlainText(QStringLiteral("x-api-key: da2-visible-in-the-tab"));
    w.findChild<QAction *>(QStringLiteral("actionCopyCurl"))->trigger();
    QVERIFY2(QGuiApplication::clipboard()->text().contains(QLatin1String("-H 'x-api-key: '\"$REFRACT_SECRET_X_API_KEY\"")),
             qPrintable(QGuiApplication::clipboard()->text()));
    QVERIFY(!QGuiApplication::clipboard()->text().contains(QLatin1String("da2-visible")));
    tab->headersEdit()->clear();

    // The secret is in neither the workspace file nor the settings; the endpoint is remembered.
    QVERIFY(w.workspaceSession()->saveNow());
    QFile ws(workspacePath);
    QVERIFY(ws.open(QIODevice::ReadOnly));
    const QByteArray saved = ws.readAll();
    QVERIFY(saved.contains(url.toUtf8()));
    QVERIFY(saved.contains("Authorization"));
    QVERIFY2(!saved.contains(bearer.mid(7, 40)), "the token reached the workspace file");
    QSettings().sync();
    QFile settingsFile(QSettings().fileName());
    QVERIFY(settingsFile.open(QIODevice::ReadOnly));
    QVERIFY2(!settingsFile.readAll().contains(bearer.mid(7, 40)), "the token reached the settings");
    const QList<RemoteEndpoint> recent = RecentConnections::loadEndpoints();
    QVERIFY(!recent.isEmpty());
    QCOMPARE(recent.first().url.toString(), url);
    QCOMPARE(recent.first().headerNames(), QStringList{QStringLiteral("Authorization")});
    QVERIFY(recent.first().headers.first().value.isEmpty());

    // A recent endpoint in the dialog gets its secret back from the keychain (this session's memory).
    {
        EndpointDialog d;
        auto *combo = d.findChild<QComboBox *>(QStringLiteral("recentEndpoints"));
        QVERIFY(combo->count() >= 2);
        QVERIFY(combo->itemText(1).contains(QLatin1String("Authorization")));
        combo->setCurrentIndex(1);
        emit combo->activated(1);
        QTRY_COMPARE(d.endpoint().headers.value(0).value, QString::fromLatin1(bearer));
    }

    // Disconnect gives the database controls back.
    w.findChild<QAction *>(QStringLiteral("actionDisconnect"))->trigger();
    QVERIFY(!w.remoteSession()->isConnected());
    QVERIFY(w.connectionBar()->identityCombo()->isEnabled());
    QVERIFY(!w.explorer()->isDatabaseNoteShown());
    w.close();
}

void TestEndpoint::unreachableEndpoint()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress(QHostAddress::LocalHost), 0));
        port = probe.serverPort();
    }
    MainWindow w(nullptr, m_dir.filePath(QStringLiteral("workspace2.json")));
    w.show();
    RemoteEndpoint e;
    e.url = QUrl(QStringLiteral("http://127.0.0.1:%1/graphql").arg(port));
    QSignalSpy connected(&w, &MainWindow::endpointConnected);
    w.connectToEndpoint(e);
    QVERIFY(connected.wait(30000));
    QVERIFY(!connected.at(0).at(0).toBool());
    QVERIFY(!w.isBusy());
    QVERIFY2(w.connectionBar()->statusText().contains(QLatin1String("Could not connect")), qPrintable(w.connectionBar()->statusText()));
    QVERIFY2(w.eventLog()->lastMessage().contains(QLatin1String("connection refused")), qPrintable(w.eventLog()->lastMessage()));

    // A connect under way can be cancelled: a server that accepts and never answers.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress(QHostAddress::LocalHost), 0));
    e.url = QUrl(QStringLiteral("http://127.0.0.1:%1/graphql").arg(silent.serverPort()));
    connected.clear();
    w.connectToEndpoint(e);
    QVERIFY(w.isBusy());
    QTRY_VERIFY(silent.hasPendingConnections());
    w.cancelBackgroundWork();
    QCOMPARE(connected.size(), 1);
    QVERIFY(!connected.at(0).at(0).toBool());
    QVERIFY(!w.isBusy());
    QVERIFY(w.eventLog()->lastMessage().contains(QLatin1String("cancelled")));
}

void TestEndpoint::sdlSchemaAndCancelledRun()
{
    // The schema from an SDL file; runs still go to the URL — here a server that never answers,
    // so the run is still under way until Cancel ends it.
    const QString sdl = m_dir.filePath(QStringLiteral("api.graphql"));
    {
        QFile f(sdl);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("type Widget { id: ID! name: String }\ntype Query { widgets: [Widget!]! }\n");
    }
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress(QHostAddress::LocalHost), 0));
    MainWindow w(nullptr, m_dir.filePath(QStringLiteral("workspace3.json")));
    w.show();
    RemoteEndpoint e;
    e.url = QUrl(QStringLiteral("http://127.0.0.1:%1/graphql").arg(silent.serverPort()));
    e.schemaSource = RemoteEndpoint::SchemaSource::SdlFile;
    e.sdlPath = sdl;
    QSignalSpy connected(&w, &MainWindow::endpointConnected);
    w.connectToEndpoint(e);
    QVERIFY(connected.wait(30000));
    QVERIFY2(connected.at(0).at(0).toBool(), qPrintable(w.eventLog()->lastMessage()));
    QVERIFY(w.explorer()->typeModel()->indexForType(QStringLiteral("Widget")).isValid());
    QVERIFY(!silent.hasPendingConnections()); // nothing was sent to read the schema

    QueryTab *tab = w.currentQueryTab();
    tab->editor()->setText(QStringLiteral("{ widgets { id name } }"));
    w.findChild<QAction *>(QStringLiteral("actionRun"))->trigger();
    QVERIFY(w.isBusy());
    QTRY_VERIFY(silent.hasPendingConnections()); // the request reached the server
    QTest::qWait(200);
    QVERIFY(w.isBusy());
    w.cancelBackgroundWork();
    QVERIFY(!w.isBusy());
    QCOMPARE(tab->results()->statusText(), QStringLiteral("Cancelled."));
    QVERIFY(w.eventLog()->lastMessage().contains(QLatin1String("cancelled")));

    // Bad variables are refused before anything is sent.
    tab->variablesEdit()->setPlainText(QStringLiteral("{ not json"));
    w.findChild<QAction *>(QStringLiteral("actionRun"))->trigger();
    QVERIFY(!w.isBusy());
    QVERIFY2(tab->results()->statusText().contains(QLatin1String("Nothing was sent")), qPrintable(tab->results()->statusText()));
}

RemoteEndpoint TestEndpoint::johndoeEndpoint(const QByteArray &bearer, const QString &client) const
{
    RemoteEndpoint e;
    e.url = m_service->url();
    e.headers = {{QStringLiteral("Authorization"), QString::fromLatin1(bearer), true}, {QStringLiteral("X-Client"), client, false}};
    return e;
}

void TestEndpoint::leaveOnEndpoint(const QString &workspacePath, const RemoteEndpoint &e)
{
    MainWindow w(nullptr, workspacePath);
    w.show();
    QSignalSpy connected(&w, &MainWindow::endpointConnected);
    w.connectToEndpoint(e);
    QVERIFY(connected.wait(30000));
    QVERIFY2(connected.at(0).at(0).toBool(), qPrintable(w.eventLog()->lastMessage()));
    w.close();
}

void TestEndpoint::checkConnectedAsJohndoe(MainWindow &w, QSignalSpy &connected, const RemoteEndpoint &e, const char *shot)
{
    QVERIFY2(connected.at(0).at(0).toBool(), qPrintable(w.eventLog()->lastMessage()));
    QVERIFY(w.remoteSession()->isConnected());
    QCOMPARE(w.remoteSession()->endpoint().url.toString(), e.url.toString());
    QCOMPARE(w.remoteSession()->endpoint().headers, e.headers);
    QVERIFY2(w.connectionBar()->statusText().contains(QLatin1String("(remote)")), qPrintable(w.connectionBar()->statusText()));
    QVERIFY(w.explorer()->typeModel()->indexForType(QStringLiteral("Person")).isValid());
    QueryTab *tab = w.newQueryTab(QStringLiteral("{ currentPerson { username } }"));
    w.findChild<QAction *>(QStringLiteral("actionRun"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 30000);
    QTRY_VERIFY(!tab->results()->isLoading());
    QVERIFY2(tab->results()->rawText().contains(QLatin1String("\"username\": \"johndoe\"")), qPrintable(tab->results()->rawText()));
    w.explorer()->selectType(QStringLiteral("Person"));
    w.docs()->showType(QStringLiteral("Person"));
    maybeGrab(&w, shot);
}

PgConnectionParams TestEndpoint::forumDatabase() const
{
    PgConnectionParams params;
    params.mode = PgConnectionParams::Uri;
    params.uri = m_db.conninfo();
    params.schemas = QStringLiteral("forum_example");
    return params;
}

void TestEndpoint::connectDatabaseOverReopen(MainWindow &w, QSignalSpy &reflected, QSignalSpy &connected)
{
    w.connectTo(forumDatabase());
    QVERIFY(reflected.wait(60000));
    QTest::qWait(200);
    QCOMPARE(connected.size(), 0);
    QVERIFY(!w.remoteSession()->endpoint().isValid());
}

void TestEndpoint::reopenedAfterRestart()
{
    if (!m_service)
        QSKIP("no PostgreSQL environment (PGHOST/PGPORT/PGDATABASE); scripts/test provides one");
    const QString url = m_service->url().toString();
    const QByteArray bearer = "Bearer " + token(600);
    const QString workspacePath = m_dir.filePath(QStringLiteral("workspace-restart.json"));
    const RemoteEndpoint e = johndoeEndpoint(bearer, QStringLiteral("refract-test"));
    leaveOnEndpoint(workspacePath, e);
    if (QTest::currentTestFailed())
        return;
    // The workspace names the open endpoint and its headers, never the token.
    {
        QFile f(workspacePath);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject open = QJsonDocument::fromJson(f.readAll()).object().value(QLatin1String("openConnection")).toObject();
        QCOMPARE(open.value(QLatin1String("url")).toString(), url);
        const QByteArray json = QJsonDocument(open).toJson();
        QVERIFY2(json.contains("Authorization") && json.contains("refract-test"), json.constData());
        QVERIFY2(!json.contains(bearer.mid(7, 40)), "the token reached the workspace file");
        QSettings().sync();
        QFile settingsFile(QSettings().fileName());
        QVERIFY(settingsFile.open(QIODevice::ReadOnly));
        QVERIFY2(!settingsFile.readAll().contains(bearer.mid(7, 40)), "the token reached the settings");
    }
    {
        // The restart: the window opens at once and reconnects in the background, with the
        // Authorization value from the secret store (the server answers as johndoe only with it).
        MainWindow w(nullptr, workspacePath);
        QSignalSpy connected(&w, &MainWindow::endpointConnected);
        w.show();
        QVERIFY(!w.remoteSession()->isConnected());
        QVERIFY(connected.wait(30000));
        checkConnectedAsJohndoe(w, connected, e, "reopened");
        if (QTest::currentTestFailed())
            return;
        // Disconnect: the next start opens on nothing.
        w.findChild<QAction *>(QStringLiteral("actionDisconnect"))->trigger();
        w.close();
    }
    {
        MainWindow w(nullptr, workspacePath);
        QSignalSpy connected(&w, &MainWindow::endpointConnected);
        QVERIFY(!connected.wait(500));
        QVERIFY(!w.remoteSession()->endpoint().isValid());
        w.close();
    }
    // A database connection asked for right after construction (refract --db) wins over the
    // restored endpoint: put the endpoint back as open, then connect to PostgreSQL at once.
    {
        workspace::Workspace ws;
        QVERIFY(ws.loadExisting(workspacePath));
        ws.openConnection = e.withoutSecrets().toJson();
        QVERIFY(ws.save(workspacePath));
        MainWindow w(nullptr, workspacePath);
        QSignalSpy reflected(&w, &MainWindow::reflectFinished);
        QSignalSpy connected(&w, &MainWindow::endpointConnected);
        connectDatabaseOverReopen(w, reflected, connected);
        if (QTest::currentTestFailed())
            return;
    }
}

void TestEndpoint::reopenedOnOpen()
{
    if (!m_service)
        QSKIP("no PostgreSQL environment (PGHOST/PGPORT/PGDATABASE); scripts/test provides one");
    const QString url = m_service->url().toString();
    const QByteArray bearer = "Bearer " + token(600);
    const QString onEndpoint = m_dir.filePath(QStringLiteral("workspace-on-endpoint.json"));
    const RemoteEndpoint e = johndoeEndpoint(bearer, QStringLiteral("refract-open-test"));
    // A workspace left on the endpoint: its file names it, the token stays in the secret store.
    leaveOnEndpoint(onEndpoint, e);
    if (QTest::currentTestFailed())
        return;
    workspace::Workspace saved;
    QVERIFY(saved.loadExisting(onEndpoint));
    QCOMPARE(saved.openConnection.value(QLatin1String("url")).toString(), url);
    QVERIFY(!QJsonDocument(saved.openConnection).toJson().contains(bearer.mid(7, 40)));
    {
        // Another workspace, on nothing; File → Open of the first one reconnects in the background
        // with the Authorization value from the secret store (the server answers as johndoe only with it).
        MainWindow w(nullptr, m_dir.filePath(QStringLiteral("workspace-plain.json")));
        w.show();
        QSignalSpy connected(&w, &MainWindow::endpointConnected);
        QVERIFY(!connected.wait(300));
        QVERIFY(!w.remoteSession()->endpoint().isValid());
        QVERIFY(w.openWorkspace(onEndpoint));
        QVERIFY(!w.remoteSession()->isConnected()); // the window is not held up
        QVERIFY2(connected.wait(30000), "File → Open did not reconnect the workspace's endpoint");
        checkConnectedAsJohndoe(w, connected, e, "reopened-on-open");
        if (QTest::currentTestFailed())
            return;
        // Opening another workspace on the same endpoint (a copy) does not connect a second time.
        const QString copy = m_dir.filePath(QStringLiteral("workspace-on-endpoint-copy.json"));
        QVERIFY(w.workspaceSession()->saveNow());
        QFile::remove(copy);
        QVERIFY(QFile::copy(onEndpoint, copy));
        QVERIFY(w.openWorkspace(copy));
        QVERIFY(!connected.wait(500));
        QCOMPARE(connected.size(), 1);
        QVERIFY(w.remoteSession()->isConnected());
        w.close();
    }
    {
        // A connection chosen right after File → Open wins, as at start.
        MainWindow w(nullptr, m_dir.filePath(QStringLiteral("workspace-plain2.json")));
        QSignalSpy reflected(&w, &MainWindow::reflectFinished);
        QSignalSpy connected(&w, &MainWindow::endpointConnected);
        QVERIFY(w.openWorkspace(onEndpoint));
        connectDatabaseOverReopen(w, reflected, connected);
        if (QTest::currentTestFailed())
            return;
    }
}

void TestEndpoint::reopenWaitingForKeychain()
{
    if (!m_service)
        QSKIP("no PostgreSQL environment (PGHOST/PGPORT/PGDATABASE); scripts/test provides one");
    const QByteArray bearer = "Bearer " + token(600);
    const QString onEndpoint = m_dir.filePath(QStringLiteral("workspace-slow-keychain.json"));
    const QString plain = m_dir.filePath(QStringLiteral("workspace-slow-plain.json"));
    const RemoteEndpoint e = johndoeEndpoint(bearer, QStringLiteral("refract-slow-keychain"));
    leaveOnEndpoint(onEndpoint, e);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(workspace::Workspace().save(plain)); // on nothing
    // Each case starts from the workspace on the endpoint (a dropped reopen may leave it on nothing).
    auto putBackOnEndpoint = [&](const QString &path, const RemoteEndpoint &endpoint) {
        workspace::Workspace ws;
        QVERIFY(ws.loadExisting(path));
        ws.openConnection = endpoint.withoutSecrets().toJson();
        QVERIFY(ws.save(path));
    };
    // The keychain answers only when the test says so, as one behind an unlock prompt would.
    PasswordKeychain *keychain = PasswordKeychain::instance();
    const auto release = qScopeGuard([keychain] { keychain->setHoldLookups(false); });
    auto cancelButtonOf = [](MainWindow &w) { return w.findChild<QPushButton *>(QStringLiteral("cancelButton")); };
    const QString notConnected = QStringLiteral("Not connected");
    auto checkWaiting = [&](MainWindow &w) {
        // The reopen, deferred past construction, waits for the keychain: connecting, busy, with Cancel.
        QTRY_VERIFY2(w.connectionBar()->statusText().startsWith(QLatin1String("Connecting to")),
                     qPrintable(w.connectionBar()->statusText()));
        QVERIFY(w.isBusy());
        QVERIFY(cancelButtonOf(w)->isVisible());
        QVERIFY(!w.remoteSession()->isBusy());
    };

    // 1. At start, superseded by File → Open of a workspace on nothing: not connected, not busy,
    // and the late keychain answer connects nothing.
    {
        keychain->setHoldLookups(true);
        MainWindow w(nullptr, onEndpoint);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy connected(&w, &MainWindow::endpointConnected);
        checkWaiting(w);
        if (QTest::currentTestFailed())
            return;
        maybeGrab(&w, "reopen-waiting");
        QVERIFY(w.openWorkspace(plain));
        QCOMPARE(w.connectionBar()->statusText(), notConnected);
        QVERIFY(!w.isBusy());
        QVERIFY(!cancelButtonOf(w)->isVisible());
        QCOMPARE(connected.size(), 1); // the reopen ended, without a connection
        QVERIFY(!connected.at(0).at(0).toBool());
        keychain->setHoldLookups(false);
        QVERIFY(!connected.wait(500));
        QCOMPARE(connected.size(), 1);
        QVERIFY(!w.remoteSession()->endpoint().isValid());
        QCOMPARE(w.connectionBar()->statusText(), notConnected);
        QVERIFY(!w.isBusy());
        maybeGrab(&w, "reopen-superseded");
        // Leaving the workspace before its endpoint came back is not leaving the endpoint: its file
        // still names it, and the workspace opened meanwhile gained nothing.
        workspace::Workspace left;
        QVERIFY(left.loadExisting(onEndpoint));
        QCOMPARE(left.openConnection, e.toJson());
        QVERIFY(w.workspaceSession()->saveNow());
        workspace::Workspace opened;
        QVERIFY(opened.loadExisting(plain));
        QVERIFY(opened.openConnection.isEmpty());
    }
    // Closing the window while the keychain has not answered keeps the endpoint for the next start.
    {
        keychain->setHoldLookups(true);
        MainWindow w(nullptr, onEndpoint);
        w.show();
        checkWaiting(w);
        if (QTest::currentTestFailed())
            return;
        w.close();
        workspace::Workspace closed;
        QVERIFY(closed.loadExisting(onEndpoint));
        QCOMPARE(closed.openConnection, e.toJson());
        keychain->setHoldLookups(false);
    }
    // 2. The status bar's Cancel during the wait: not connected, and the late answer is ignored.
    putBackOnEndpoint(onEndpoint, e);
    {
        keychain->setHoldLookups(true);
        MainWindow w(nullptr, onEndpoint);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy connected(&w, &MainWindow::endpointConnected);
        checkWaiting(w);
        if (QTest::currentTestFailed())
            return;
        QTest::mouseClick(cancelButtonOf(w), Qt::LeftButton);
        QCOMPARE(w.connectionBar()->statusText(), notConnected);
        QVERIFY(!w.isBusy());
        QCOMPARE(connected.size(), 1);
        QVERIFY(w.eventLog()->lastMessage().contains(QLatin1String("cancelled")));
        keychain->setHoldLookups(false);
        QVERIFY(!connected.wait(500));
        QCOMPARE(connected.size(), 1);
        QVERIFY(!w.remoteSession()->endpoint().isValid());
        QCOMPARE(w.connectionBar()->statusText(), notConnected);
    }
    // 3. Superseded by a database connection: the window ends on the database, not the endpoint.
    putBackOnEndpoint(onEndpoint, e);
    {
        keychain->setHoldLookups(true);
        MainWindow w(nullptr, onEndpoint);
        w.show();
        QSignalSpy connected(&w, &MainWindow::endpointConnected);
        QSignalSpy reflected(&w, &MainWindow::reflectFinished);
        checkWaiting(w);
        if (QTest::currentTestFailed())
            return;
        w.connectTo(forumDatabase());
        QCOMPARE(connected.size(), 1); // the reopen ended, without a connection
        // The endpoint's late answer comes first, then the database's own password lookup.
        keychain->setHoldLookups(false);
        QVERIFY(reflected.wait(60000));
        QVERIFY2(reflected.at(0).at(0).toBool(), qPrintable(w.eventLog()->lastMessage()));
        QVERIFY(!connected.wait(500));
        QCOMPARE(connected.size(), 1);
        QVERIFY(!w.remoteSession()->endpoint().isValid());
        QVERIFY(!w.isBusy());
        const QString status = w.connectionBar()->statusText();
        QVERIFY2(!status.contains(QLatin1String("(remote)")) && !status.startsWith(QLatin1String("Connecting")) && status != notConnected,
                 qPrintable(status));
    }
    // 4. Superseded by File → Open of a workspace on another endpoint (another X-Client): only that
    // one connects once the keychain answers, as johndoe.
    putBackOnEndpoint(onEndpoint, e);
    const QString onOther = m_dir.filePath(QStringLiteral("workspace-slow-other.json"));
    const RemoteEndpoint other = johndoeEndpoint(bearer, QStringLiteral("refract-slow-keychain-other"));
    leaveOnEndpoint(onOther, other);
    if (QTest::currentTestFailed())
        return;
    {
        keychain->setHoldLookups(true);
        MainWindow w(nullptr, onEndpoint);
        w.show();
        QSignalSpy connected(&w, &MainWindow::endpointConnected);
        checkWaiting(w);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(w.openWorkspace(onOther));
        checkWaiting(w); // now for the other workspace's endpoint
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(connected.size(), 1); // the first reopen ended
        QVERIFY(!connected.at(0).at(0).toBool());
        connected.clear();
        keychain->setHoldLookups(false);
        QVERIFY(connected.wait(30000));
        checkConnectedAsJohndoe(w, connected, other, "reopen-superseded-by-other");
        if (QTest::currentTestFailed())
            return;
        QTest::qWait(300);
        QCOMPARE(connected.size(), 1);
        QCOMPARE(w.remoteSession()->endpoint().headers, other.headers);
    }
}

void TestEndpoint::openedWorkspaceWithoutEndpoint()
{
    if (!m_service)
        QSKIP("no PostgreSQL environment (PGHOST/PGPORT/PGDATABASE); scripts/test provides one");
    const QByteArray bearer = "Bearer " + token(600);
    const QString onEndpoint = m_dir.filePath(QStringLiteral("workspace-left-on-endpoint.json"));
    const QString plain = m_dir.filePath(QStringLiteral("workspace-never-on-endpoint.json"));
    const RemoteEndpoint e = johndoeEndpoint(bearer, QStringLiteral("refract-no-endpoint-test"));
    {
        workspace::Workspace never;
        never.tabs = {workspace::TabState{QStringLiteral("Plain"), QStringLiteral("{ plain }"), {}, {}, {}, 0, 0, false}};
        QVERIFY(never.save(plain));
    }
    MainWindow w(nullptr, onEndpoint);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy connected(&w, &MainWindow::endpointConnected);
    w.connectToEndpoint(e);
    QVERIFY(connected.wait(30000));
    QVERIFY2(connected.at(0).at(0).toBool(), qPrintable(w.eventLog()->lastMessage()));

    // File → Open of a workspace that was never on an endpoint: the window shows that workspace,
    // not the endpoint of the one before.
    QVERIFY(w.openWorkspace(plain));
    QCOMPARE(w.currentQueryTab()->editor()->text(), QStringLiteral("{ plain }"));
    QVERIFY(!w.remoteSession()->isConnected());
    QVERIFY(!w.remoteSession()->endpoint().isValid());
    QCOMPARE(w.connectionBar()->statusText(), QStringLiteral("Not connected"));
    QVERIFY(w.connectionBar()->identityCombo()->isEnabled()); // the database controls are back
    QVERIFY(!w.explorer()->typeModel()->indexForType(QStringLiteral("Person")).isValid());
    QVERIFY(!w.schemaContext());
    QVERIFY(!w.isBusy());
    QVERIFY2(w.eventLog()->lastMessage().contains(QLatin1String("the opened workspace was not on it")),
             qPrintable(w.eventLog()->lastMessage()));
    QVERIFY(!connected.wait(300)); // and nothing reconnects
    maybeGrab(&w, "opened-without-endpoint");

    // The autosave after an edit leaves the opened workspace without an endpoint; the one left
    // keeps its own.
    w.currentQueryTab()->editor()->setText(QStringLiteral("{ plain edited }"));
    QVERIFY(w.workspaceSession()->isSavePending());
    QTRY_VERIFY_WITH_TIMEOUT(!w.workspaceSession()->isSavePending(), 5000);
    workspace::Workspace opened;
    QVERIFY(opened.loadExisting(plain));
    QCOMPARE(opened.tabs.value(0).text, QStringLiteral("{ plain edited }"));
    QVERIFY2(opened.openConnection.isEmpty(), QJsonDocument(opened.openConnection).toJson().constData());
    workspace::Workspace left;
    QVERIFY(left.loadExisting(onEndpoint));
    QCOMPARE(left.openConnection, e.toJson());

    // Back to the first workspace: its endpoint comes back.
    connected.clear();
    QVERIFY(w.openWorkspace(onEndpoint));
    QVERIFY(connected.wait(30000));
    QVERIFY2(connected.at(0).at(0).toBool(), qPrintable(w.eventLog()->lastMessage()));
    QCOMPARE(w.remoteSession()->endpoint().headers, e.headers);
    w.close();
}

QTEST_MAIN(TestEndpoint)
#include "tst_endpoint.moc"
