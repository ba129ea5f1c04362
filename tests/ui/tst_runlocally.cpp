// Query → Run Locally: the workbench starts the `refract-cli serve` server (net::LocalService) for
// its connection, off the UI thread; a real HTTP client queries it over 127.0.0.1, then Stop closes
// the port.
#include <pg/connection.h>
#include <ui/eventlog.h>
#include <ui/localservercontroller.h>
#include <ui/mainwindow.h>
#include <ui/pgconnectionparams.h>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace refract;
using namespace refract::ui;

class TestRunLocally : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void notConnected();
    void servesTheConnection();

private:
    QString m_db;
};

void TestRunLocally::initTestCase()
{
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

void TestRunLocally::servesTheConnection()
{
    if (qEnvironmentVariableIsEmpty("PGHOST") && qEnvironmentVariableIsEmpty("PGPORT"))
        QSKIP("no PostgreSQL server: set PG* variables (scripts/test does)");
    pg::Connection admin;
    QVERIFY2(admin.open(QString()), qPrintable(admin.lastError().toString()));
    m_db = QStringLiteral("refract_tst_runlocally_%1").arg(QCoreApplication::applicationPid());
    admin.exec(QStringLiteral("drop database if exists %1").arg(m_db));
    QVERIFY2(admin.exec(QStringLiteral("create database %1").arg(m_db)).ok(), qPrintable(admin.lastError().toString()));
    int people = 0;
    {
        pg::Connection loader;
        QVERIFY(loader.open(QStringLiteral("dbname=%1").arg(m_db)));
        QFile sql(QStringLiteral(REFRACT_SOURCE_DIR "/resources/demo/forum_demo.sql"));
        QVERIFY(sql.open(QIODevice::ReadOnly));
        const pg::Result r = loader.exec(QString::fromUtf8(sql.readAll()));
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
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
    run->trigger();
    // Reflecting runs on a worker thread: the action returns while the server is still starting.
    QCOMPARE(w.localServer()->state(), LocalServerController::Starting);
    QTRY_VERIFY_WITH_TIMEOUT(!started.isEmpty() || !failed.isEmpty(), 60000);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.at(0).at(0).toString()));
    const QUrl url = started.at(0).at(0).toUrl();
    QCOMPARE(url.host(), QStringLiteral("127.0.0.1"));
    QVERIFY(url.port() > 0);
    QCOMPARE(url.path(), QStringLiteral("/graphql"));
    QCOMPARE(w.localServer()->url(), url);
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

QTEST_MAIN(TestRunLocally)
#include "tst_runlocally.moc"
