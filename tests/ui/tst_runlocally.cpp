// Query → Run Locally: the options dialog, then the workbench starts the `refract-cli serve` server
// (net::LocalService) for its connection, off the UI thread; a real HTTP client queries it over
// 127.0.0.1, then Stop closes the port. With a profile's signing key the server verifies tokens:
// requests without one run as the default role, the copied curl line runs as the current identity.
#include <pg/connection.h>
#include <ui/eventlog.h>
#include <ui/localservercontroller.h>
#include <ui/mainwindow.h>
#include <ui/connectionbar.h>
#include <ui/passwordkeychain.h>
#include <ui/pgconnectionparams.h>
#include <ui/queryeditor.h>
#include <ui/querytab.h>
#include <ui/runlocallydialog.h>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <functional>

using namespace refract;
using namespace refract::ui;

namespace {

/// With REFRACT_SCREENSHOT_DIR set (run under xvfb-run with QT_QPA_PLATFORM=xcb), saves
/// packaging/screenshots-style grabs: runlocally-<name>.png.
void maybeGrab(QWidget *widget, const char *name)
{
    const QString dir = qEnvironmentVariable("REFRACT_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QTest::qWait(400); // layouts and repaints settle
    const QString path = QStringLiteral("%1/runlocally-%2.png").arg(dir, QLatin1String(name));
    if (!widget->grab().save(path))
        qWarning("could not write %s", qPrintable(path));
}

// Runs `configure` on the Run Locally dialog as soon as it is shown (exec() blocks the caller).
void whenDialogShows(std::function<void(RunLocallyDialog *)> configure)
{
    auto *timer = new QTimer;
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, configure] {
        auto *d = qobject_cast<RunLocallyDialog *>(QApplication::activeModalWidget());
        if (!d)
            return;
        timer->stop();
        timer->deleteLater();
        configure(d);
    });
    timer->start();
}

struct Reply
{
    int status = 0;
    QJsonObject json;
    QByteArray raw;
};

Reply post(const QUrl &url, const QString &query, const QByteArray &token = {})
{
    QNetworkAccessManager nam;
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token);
    QNetworkReply *reply = nam.post(request, QJsonDocument(QJsonObject{{QStringLiteral("query"), query}}).toJson(QJsonDocument::Compact));
    QSignalSpy done(reply, &QNetworkReply::finished);
    done.wait(30000);
    Reply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.raw = reply->readAll();
    r.json = QJsonDocument::fromJson(r.raw).object();
    reply->deleteLater();
    return r;
}

} // namespace

class TestRunLocally : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void notConnected();
    void servesTheConnection();
    void dialogChecksItsInput();
    void typedSecretRemembered();
    void verifiesTokens();

private:
    bool createDemoDatabase();
    QString m_db;
    QTemporaryDir m_config;
};

void TestRunLocally::initTestCase()
{
    // Settings (remembered options) go to a throwaway directory, never to the user's.
    QVERIFY(m_config.isValid());
    qputenv("XDG_CONFIG_HOME", m_config.path().toUtf8());
    qputenv("XDG_DATA_HOME", (m_config.path() + QLatin1String("/data")).toUtf8());
    PasswordKeychain::instance()->setBackendEnabled(false); // never the user's keychain
    QCoreApplication::setOrganizationName(QStringLiteral("RefractTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_runlocally"));
}

void TestRunLocally::cleanupTestCase()
{
    if (m_db.isEmpty())
        return;
    pg::Connection admin;
    if (admin.open(QString()))
        admin.exec(QStringLiteral("drop database if exists %1").arg(m_db));
}

void TestRunLocally::notConnected()
{
    MainWindow w;
    QAction *run = w.findChild<QAction *>(QStringLiteral("actionRunLocally"));
    QVERIFY(run);
    QVERIFY(w.allActions().contains(run)); // listed in the shortcuts dialog
    QVERIFY(!run->shortcut().isEmpty());
    run->trigger();
    QCOMPARE(w.localServer()->state(), LocalServerController::Stopped);
    QVERIFY(!run->isChecked());
    QVERIFY(w.eventLog()->lastMessage().contains(QLatin1String("Connect to a database first")));
}

bool TestRunLocally::createDemoDatabase()
{
    if (!m_db.isEmpty())
        return true;
    pg::Connection admin;
    if (!admin.open(QString()))
        return false;
    const QString db = QStringLiteral("refract_tst_runlocally_%1").arg(QCoreApplication::applicationPid());
    admin.exec(QStringLiteral("drop database if exists %1").arg(db));
    if (!admin.exec(QStringLiteral("create database %1").arg(db)).ok())
        return false;
    m_db = db;
    pg::Connection loader;
    if (!loader.open(QStringLiteral("dbname=%1").arg(m_db)))
        return false;
    QFile sql(QStringLiteral(REFRACT_SOURCE_DIR "/resources/demo/forum_demo.sql"));
    if (!sql.open(QIODevice::ReadOnly))
        return false;
    return loader.exec(QString::fromUtf8(sql.readAll())).ok();
}

void TestRunLocally::servesTheConnection()
{
    if (qEnvironmentVariableIsEmpty("PGHOST") && qEnvironmentVariableIsEmpty("PGPORT"))
        QSKIP("no PostgreSQL server: set PG* variables (scripts/test does)");
    QVERIFY(createDemoDatabase());
    int people = 0;
    {
        pg::Connection loader;
        QVERIFY(loader.open(QStringLiteral("dbname=%1").arg(m_db)));
        const pg::Result n = loader.exec(QStringLiteral("select count(*) from forum_example.person"));
        QVERIFY(n.ok());
        people = n.toInt(0, 0);
        QVERIFY(people > 0);
    }

    MainWindow w;
    w.show();
    QSignalSpy reflected(&w, &MainWindow::reflectFinished);
    PgConnectionParams p;
    p.database = m_db;
    p.schemas = QStringLiteral("forum_example");
    w.connectTo(p);
    QVERIFY(reflected.wait(30000));
    QVERIFY2(reflected.at(0).at(0).toBool(), qPrintable(w.eventLog()->lastMessage()));

    QAction *run = w.findChild<QAction *>(QStringLiteral("actionRunLocally"));
    QVERIFY(run);
    QSignalSpy started(w.localServer(), &LocalServerController::started);
    QSignalSpy failed(w.localServer(), &LocalServerController::failed);
    // The dialog opens with loopback and any free port, and starts as it is.
    bool looked = false;
    whenDialogShows([&looked](RunLocallyDialog *d) {
        looked = d->hostEdit()->text() == QLatin1String("127.0.0.1") && d->portSpin()->value() == 0 &&
                 !d->hostWarning()->isVisible() && d->secretCombo()->currentIndex() == 0;
        d->accept();
    });
    run->trigger();
    QVERIFY(looked);
    // Reflecting runs on a worker thread: the action returns while the server is still starting.
    QCOMPARE(w.localServer()->state(), LocalServerController::Starting);
    QTRY_VERIFY_WITH_TIMEOUT(!started.isEmpty() || !failed.isEmpty(), 60000);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.at(0).at(0).toString()));
    const QUrl url = started.at(0).at(0).toUrl();
    QCOMPARE(url.host(), QStringLiteral("127.0.0.1"));
    QVERIFY(url.port() > 0);
    QCOMPARE(url.path(), QStringLiteral("/graphql"));
    QCOMPARE(w.localServer()->url(), url);
    QVERIFY(w.localServer()->serveOptions().auth.key.isEmpty());
    QVERIFY(run->isChecked());
    QLabel *urlLabel = w.findChild<QLabel *>(QStringLiteral("localServerUrl"));
    QVERIFY(urlLabel);
    QVERIFY(urlLabel->isVisible());
    QVERIFY(urlLabel->text().contains(url.toString()));
    QVERIFY(w.eventLog()->lastMessage().contains(url.toString()));

    // Copy as cURL points at the running server.
    w.newQueryTab(QStringLiteral("{ allPeople { totalCount } }"));
    w.findChild<QAction *>(QStringLiteral("actionCopyCurl"))->trigger();
    QVERIFY2(QGuiApplication::clipboard()->text().contains(url.toString()),
             qPrintable(QGuiApplication::clipboard()->text()));

    // A real GraphQL request over 127.0.0.1, answered by the server's own threads.
    QNetworkAccessManager nam;
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    const QByteArray body = QJsonDocument(QJsonObject{
        {QStringLiteral("query"), QStringLiteral("{ allPeople(orderBy: USERNAME_ASC) { totalCount nodes { username } } }")}})
                                .toJson(QJsonDocument::Compact);
    QNetworkReply *reply = nam.post(request, body);
    QSignalSpy done(reply, &QNetworkReply::finished);
    QVERIFY(done.wait(30000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    const QByteArray answer = reply->readAll();
    reply->deleteLater();
    const QJsonObject json = QJsonDocument::fromJson(answer).object();
    QVERIFY2(!json.contains(QLatin1String("errors")), answer.constData());
    const QJsonObject all = json.value(QLatin1String("data")).toObject().value(QLatin1String("allPeople")).toObject();
    QCOMPARE(all.value(QLatin1String("totalCount")).toInt(), people);
    const QJsonArray nodes = all.value(QLatin1String("nodes")).toArray();
    QCOMPARE(nodes.size(), people);
    QStringList names;
    for (const QJsonValue &n : nodes)
        names << n.toObject().value(QLatin1String("username")).toString();
    QVERIFY2(names.contains(QLatin1String("johndoe")), qPrintable(names.join(QLatin1Char(','))));
    QStringList sorted = names;
    sorted.sort();
    QCOMPARE(names, sorted);

    // Stop closes the port.
    QSignalSpy stopped(w.localServer(), &LocalServerController::stopped);
    run->trigger();
    QCOMPARE(stopped.size(), 1);
    QCOMPARE(w.localServer()->state(), LocalServerController::Stopped);
    QVERIFY(!run->isChecked());
    QVERIFY(!urlLabel->isVisible());
    QTcpSocket probe;
    probe.connectToHost(QHostAddress(QHostAddress::LocalHost), quint16(url.port()));
    QVERIFY(!probe.waitForConnected(3000));
    QCOMPARE(probe.error(), QAbstractSocket::ConnectionRefusedError);

    // Started again, the window's close stops it.
    started.clear();
    whenDialogShows([](RunLocallyDialog *d) { d->accept(); });
    run->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!started.isEmpty() || !failed.isEmpty(), 60000);
    QVERIFY(failed.isEmpty());
    const quint16 port2 = quint16(started.at(0).at(0).toUrl().port());
    w.close();
    QCOMPARE(w.localServer()->state(), LocalServerController::Stopped);
    QTcpSocket probe2;
    probe2.connectToHost(QHostAddress(QHostAddress::LocalHost), port2);
    QVERIFY(!probe2.waitForConnected(3000));
}

void TestRunLocally::dialogChecksItsInput()
{
    identity::IdentityProfile johndoe = ConnectionBar::demoProfiles().last();
    QCOMPARE(johndoe.name, QStringLiteral("johndoe"));
    RunLocallyDialog d({johndoe});
    d.show();
    QVERIFY(!d.hostWarning()->isVisible());
    d.hostEdit()->setText(QStringLiteral("0.0.0.0"));
    QVERIFY(d.hostWarning()->isVisible()); // every interface: warned
    maybeGrab(&d, "warning");
    d.hostEdit()->setText(QStringLiteral("::1"));
    QVERIFY(!d.hostWarning()->isVisible());
    d.hostEdit()->setText(QStringLiteral("no such host"));
    d.accept();
    QVERIFY(d.isVisible()); // refused with a reason
    QVERIFY(d.findChild<QLabel *>(QStringLiteral("errorLabel"))->isVisible());
    d.hostEdit()->setText(QStringLiteral("localhost"));
    // A typed secret must be typed; it never reaches the settings.
    d.secretCombo()->setCurrentIndex(d.secretCombo()->count() - 1);
    QVERIFY(d.secretEdit()->isVisible());
    QCOMPARE(d.secretEdit()->echoMode(), QLineEdit::Password);
    d.accept();
    QVERIFY(d.isVisible());
    d.secretEdit()->setText(QStringLiteral("typed-secret-do-not-store-0123456789"));
    d.findChild<QCheckBox *>(QStringLiteral("rememberCheck"))->setChecked(true);
    d.defaultRoleEdit()->setText(QStringLiteral("forum_example_anonymous"));
    d.accept();
    QVERIFY(!d.isVisible());
    QCOMPARE(d.options().typedSecret, QByteArray("typed-secret-do-not-store-0123456789"));
    QSettings().sync();
    QFile settings(QSettings().fileName());
    QVERIFY(settings.open(QIODevice::ReadOnly));
    const QByteArray stored = settings.readAll();
    QVERIFY2(stored.contains("forum_example_anonymous"), stored.constData()); // remembered
    QVERIFY(!stored.contains("typed-secret"));                               // the secret is not
    // Choosing a profile's key takes its claims mapping.
    RunLocallyDialog again({johndoe});
    QCOMPARE(again.defaultRoleEdit()->text(), QStringLiteral("forum_example_anonymous"));
    again.mappingCombo()->setCurrentIndex(0);
    again.secretCombo()->setCurrentIndex(again.secretCombo()->findData(QStringLiteral("johndoe")));
    QCOMPARE(again.mappingCombo()->currentData().toString(), QStringLiteral("appsync"));
    QCOMPARE(again.options().secretProfile, QStringLiteral("johndoe"));
    QVERIFY(again.options().typedSecret.isEmpty());
    QSettings().remove(QStringLiteral("runLocally"));
}

void TestRunLocally::typedSecretRemembered()
{
    QSettings().remove(QStringLiteral("runLocally"));
    PasswordKeychain::instance()->remove(RunLocallyDialog::typedSecretKey());
    const QByteArray secret = "typed-run-locally-secret-0123456789abcdef";
    const identity::IdentityProfile johndoe = ConnectionBar::demoProfiles().last();
    auto typedIndex = [](RunLocallyDialog &d) { return d.secretCombo()->count() - 1; };
    {
        RunLocallyDialog d({johndoe});
        d.show();
        d.secretCombo()->setCurrentIndex(typedIndex(d));
        d.secretEdit()->setText(QString::fromLatin1(secret));
        d.findChild<QCheckBox *>(QStringLiteral("rememberCheck"))->setChecked(true);
        d.accept();
        QVERIFY(!d.isVisible());
    }
    // In the secret store (this session's memory here: the test never touches a real keychain)...
    QString stored;
    PasswordKeychain::instance()->lookup(RunLocallyDialog::typedSecretKey(), this, [&](const QString &s) { stored = s; });
    QTRY_COMPARE(stored, QString::fromLatin1(secret));
    // ...never in the settings file, which only says that a typed secret is remembered.
    QSettings().sync();
    QFile settings(QSettings().fileName());
    QVERIFY(settings.open(QIODevice::ReadOnly));
    const QByteArray file = settings.readAll();
    QVERIFY2(!file.contains(secret) && !file.contains("0123456789abcdef"), file.constData());
    QVERIFY2(file.contains("secretTyped=true"), file.constData());
    {
        // The next Run Locally (or the next start, where the keychain keeps it): typed secret again.
        RunLocallyDialog d({johndoe});
        d.show();
        QCOMPARE(d.secretCombo()->currentIndex(), typedIndex(d));
        QVERIFY(d.secretEdit()->isVisible());
        QTRY_COMPARE(d.secretEdit()->text(), QString::fromLatin1(secret));
        QCOMPARE(d.options().typedSecret, secret);
        maybeGrab(&d, "typed-remembered");
        // Not remembering any more forgets the secret too.
        d.findChild<QCheckBox *>(QStringLiteral("rememberCheck"))->setChecked(false);
        d.accept();
    }
    stored = QStringLiteral("unanswered");
    PasswordKeychain::instance()->lookup(RunLocallyDialog::typedSecretKey(), this, [&](const QString &s) { stored = s; });
    QTRY_COMPARE(stored, QString());
    RunLocallyDialog d({johndoe});
    QCOMPARE(d.secretCombo()->currentIndex(), 0);
    QVERIFY(d.options().typedSecret.isEmpty());
}

void TestRunLocally::verifiesTokens()
{
    if (qEnvironmentVariableIsEmpty("PGHOST") && qEnvironmentVariableIsEmpty("PGPORT"))
        QSKIP("no PostgreSQL server: set PG* variables (scripts/test does)");
    QVERIFY(createDemoDatabase());
    const QByteArray secret = "run-locally-test-secret-0123456789abcdef";
    PasswordKeychain::instance()->store(QStringLiteral("refract/demo/jwt"), QString::fromLatin1(secret));

    MainWindow w;
    w.setDemoMode(true); // the anonymous and johndoe profiles (johndoe signs with refract/demo/jwt)
    w.show();
    QSignalSpy reflected(&w, &MainWindow::reflectFinished);
    PgConnectionParams p;
    p.database = m_db;
    p.schemas = QStringLiteral("forum_example");
    w.connectTo(p);
    QVERIFY(reflected.wait(30000));
    QVERIFY2(reflected.at(0).at(0).toBool(), qPrintable(w.eventLog()->lastMessage()));

    QSignalSpy started(w.localServer(), &LocalServerController::started);
    QSignalSpy failed(w.localServer(), &LocalServerController::failed);
    whenDialogShows([](RunLocallyDialog *d) {
        d->secretCombo()->setCurrentIndex(d->secretCombo()->findData(QStringLiteral("johndoe")));
        // The AppSync mapping never takes the role from a token: every request runs as the default
        // role, and the token's claims (username) decide what RLS lets it see and change.
        d->defaultRoleEdit()->setText(QStringLiteral("forum_example_person"));
        maybeGrab(d, "dialog");
        d->accept();
    });
    w.findChild<QAction *>(QStringLiteral("actionRunLocally"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!started.isEmpty() || !failed.isEmpty(), 60000);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.at(0).at(0).toString()));
    const QUrl url = started.at(0).at(0).toUrl();
    QCOMPARE(w.localServer()->serveOptions().auth.claimsMapping, QStringLiteral("appsync"));
    QCOMPARE(w.localServer()->serveOptions().auth.defaultRole, QStringLiteral("forum_example_person"));
    QCOMPARE(w.localServer()->serveOptions().auth.key, secret);
    QVERIFY(w.findChild<QLabel *>(QStringLiteral("localServerUrl"))->text().contains(QLatin1String("JWT")));
    maybeGrab(&w, "running");

    // Without a token: the default role without a username, so RLS hides johndoe's row (the
    // connection's role, a superuser, would have changed it).
    const QString update = QStringLiteral(
        "mutation { updatePersonByUsername(input: {username: \"johndoe\", personPatch: {about: \"via curl\"}}) { person { about } } }");
    Reply anon = post(url, update);
    QVERIFY2(anon.json.contains(QLatin1String("errors")), anon.raw.constData());
    QVERIFY2(!anon.raw.contains("via curl"), anon.raw.constData());
    {
        pg::Connection check;
        QVERIFY(check.open(QStringLiteral("dbname=%1").arg(m_db)));
        QVERIFY(check.exec(QStringLiteral("select about from forum_example.person where username = 'johndoe'")).text(0, 0)
                != QLatin1String("via curl"));
    }
    anon = post(url, QStringLiteral("{ currentPerson { username } }"));
    QVERIFY2(anon.json.value(QLatin1String("data")).toObject().value(QLatin1String("currentPerson")).isNull(), anon.raw.constData());
    // A token the server did not sign: refused.
    const Reply forged = post(url, QStringLiteral("{ __typename }"), "eyJhbGciOiJIUzI1NiJ9.eyJ1c2VybmFtZSI6ImpvaG5kb2UifQ.AAAA");
    QVERIFY2(forged.status == 401 || forged.status == 403, forged.raw.constData());
    QVERIFY(!forged.raw.contains("__typename\":"));

    // Copy curl as johndoe: the line carries his token, and the server answers as him.
    w.connectionBar()->selectIdentity(QStringLiteral("johndoe"));
    w.currentQueryTab()->editor()->setText(update);
    QGuiApplication::clipboard()->clear();
    w.findChild<QToolButton *>(QStringLiteral("copyServerCurl"))->click();
    const QString curl = QGuiApplication::clipboard()->text();
    QVERIFY2(curl.startsWith(QLatin1String("curl -s '") + url.toString()), qPrintable(curl));
    const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("Authorization: Bearer ([A-Za-z0-9_.-]+)")).match(curl);
    QVERIFY2(m.hasMatch(), qPrintable(curl));
    const Reply asJohn = post(url, update, m.captured(1).toLatin1());
    QVERIFY2(!asJohn.json.contains(QLatin1String("errors")), asJohn.raw.constData());
    QVERIFY(asJohn.raw.contains("via curl"));
    // The line itself works in a shell, quoting included.
    if (const QString curlExe = QStandardPaths::findExecutable(QStringLiteral("curl")); !curlExe.isEmpty()) {
        w.currentQueryTab()->editor()->setText(QStringLiteral("# it's johndoe\n{ currentPerson { username } }"));
        w.findChild<QToolButton *>(QStringLiteral("copyServerCurl"))->click();
        QProcess sh;
        sh.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), QGuiApplication::clipboard()->text()});
        QVERIFY(sh.waitForStarted(5000));
        // The server answers on this thread's event loop too (subscriptions); wait without blocking it.
        QTRY_VERIFY_WITH_TIMEOUT(sh.state() == QProcess::NotRunning, 30000);
        const QByteArray out = sh.readAllStandardOutput();
        const QJsonObject me = QJsonDocument::fromJson(out).object().value(QLatin1String("data")).toObject().value(QLatin1String("currentPerson")).toObject();
        QVERIFY2(me.value(QLatin1String("username")).toString() == QLatin1String("johndoe"), out.constData());
    }
    // The secret never reaches the event log.
    for (int i = 0; i < w.eventLog()->topLevelItemCount(); ++i)
        QVERIFY(!w.eventLog()->topLevelItem(i)->text(1).contains(QString::fromLatin1(secret)));
    w.close();
    QCOMPARE(w.localServer()->state(), LocalServerController::Stopped);
    QVERIFY(w.localServer()->serveOptions().auth.key.isEmpty());
}

QTEST_MAIN(TestRunLocally)
#include "tst_runlocally.moc"
