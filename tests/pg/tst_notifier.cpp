// pg::Notifier (the LISTEN session of subscriptions) against a real server reached through a relay
// on 127.0.0.1 that runs on its own thread: the relay can drop the session and then accept new
// connections without ever answering them, as an unreachable host would. Reconnecting must not
// stall the notifier's thread meanwhile: a timer on that thread keeps ticking, start() answers at
// once, a silent attempt is given up after the connect timeout, and once the server answers again
// the session comes back listening.
#include "testdatabase.h"

#include <pg/notifier.h>

#include <QElapsedTimer>
#include <QHostAddress>
#include <QPointer>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <atomic>

using namespace refract;

namespace {

/// TCP relay to PostgreSQL on a thread of its own (so it serves even if the test thread were
/// blocked). Silent: new connections are accepted and held, never answered.
class Relay : public QThread
{
public:
    explicit Relay(quint16 target) : m_target(target) {}
    ~Relay() override
    {
        quit();
        wait();
    }

    bool begin()
    {
        start();
        m_ready.acquire();
        return m_port != 0;
    }
    quint16 port() const { return m_port; }
    void setSilent(bool silent) { m_silent = silent; }
    int held() const { return m_held; }
    /// Closes every relayed connection (the server side of the session goes away).
    void dropAll()
    {
        QMetaObject::invokeMethod(
            m_server,
            [this] {
                for (const QPointer<QTcpSocket> &s : std::as_const(m_relayed))
                    if (s)
                        s->abort();
                m_relayed.clear();
            },
            Qt::BlockingQueuedConnection);
    }

protected:
    void run() override
    {
        QTcpServer server;
        if (server.listen(QHostAddress(QHostAddress::LocalHost), 0))
            m_port = server.serverPort();
        m_server = &server;
        QObject::connect(&server, &QTcpServer::newConnection, &server, [this, &server] {
            while (QTcpSocket *client = server.nextPendingConnection()) {
                if (m_silent) {
                    ++m_held; // open, never read, never answered
                    continue;
                }
                auto *up = new QTcpSocket(client);
                m_relayed << client << up;
                auto pump = [client, up] {
                    if (up->state() == QAbstractSocket::ConnectedState && client->bytesAvailable())
                        up->write(client->readAll());
                };
                QObject::connect(client, &QTcpSocket::readyRead, up, pump);
                QObject::connect(up, &QTcpSocket::connected, up, pump);
                QObject::connect(up, &QTcpSocket::readyRead, client, [client, up] { client->write(up->readAll()); });
                QObject::connect(up, &QTcpSocket::disconnected, client, [client] { client->abort(); });
                QObject::connect(client, &QTcpSocket::disconnected, up, [up] { up->abort(); });
                up->connectToHost(QHostAddress(QHostAddress::LocalHost), m_target);
            }
        });
        m_ready.release();
        exec();
        m_server = nullptr;
    }

private:
    quint16 m_target = 0;
    std::atomic<quint16> m_port{0};
    std::atomic<bool> m_silent{false};
    std::atomic<int> m_held{0};
    QSemaphore m_ready;
    QTcpServer *m_server = nullptr;
    QList<QPointer<QTcpSocket>> m_relayed; ///< used on the relay's thread only
};

} // namespace

class TestNotifier : public QObject
{
    Q_OBJECT

private slots:
    void reconnectNeverBlocksTheThread();
    void unreachableServerFailsClearly();
};

void TestNotifier::reconnectNeverBlocksTheThread()
{
    if (!test::hasPgEnvironment())
        QSKIP("no PostgreSQL environment (PGHOST/PGPORT/PGDATABASE); scripts/test provides one");
    test::TestDatabase db;
    QVERIFY2(db.create(QStringLiteral("tst_notifier")), qPrintable(db.error()));
    Relay relay(quint16(qEnvironmentVariableIntValue("PGPORT") ? qEnvironmentVariableIntValue("PGPORT") : 5432));
    QVERIFY(relay.begin());

    pg::Notifier notifier(db.conninfo() + QStringLiteral(" host=127.0.0.1 port=%1").arg(relay.port()));
    notifier.setReconnectDelays(20, 100);
    notifier.setConnectTimeout(2000);
    QSignalSpy got(&notifier, &pg::Notifier::notification);
    QSignalSpy lost(&notifier, &pg::Notifier::connectionLost);
    QSignalSpy back(&notifier, &pg::Notifier::reconnected);
    QVERIFY2(notifier.start(), qPrintable(notifier.lastError()));
    QVERIFY(notifier.listen(QStringLiteral("refract notifier")));
    QVERIFY(notifier.listen(QStringLiteral("second")));
    pg::Connection admin;
    QVERIFY2(admin.open(db.conninfo()), qPrintable(admin.lastError().toString()));
    QVERIFY(admin.exec(QStringLiteral("notify \"refract notifier\", 'one'")).ok());
    QTRY_COMPARE(got.size(), 1);
    QCOMPARE(got.at(0).at(1).toString(), QStringLiteral("one"));

    // The session dies and the "server" stops answering: the reconnect attempts go nowhere.
    relay.setSilent(true);
    relay.dropAll();
    QElapsedTimer clock;
    clock.start();
    qint64 last = 0;
    qint64 maxGap = 0;
    int ticks = 0;
    QTimer tick;
    tick.setInterval(10);
    connect(&tick, &QTimer::timeout, this, [&] {
        const qint64 now = clock.elapsed();
        maxGap = qMax(maxGap, now - last);
        last = now;
        ++ticks;
    });
    tick.start();
    QTRY_VERIFY_WITH_TIMEOUT(lost.size() >= 1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(relay.held() >= 1, 10000); // an attempt reached the silent server
    QVERIFY(!notifier.isConnected());
    QVERIFY(notifier.isConnecting());
    // start() (called by the subscription server on each new subscriber) answers at once too.
    QElapsedTimer startCall;
    startCall.start();
    QVERIFY(!notifier.start());
    QVERIFY2(startCall.elapsed() < 500, qPrintable(QString::number(startCall.elapsed())));
    // The silent attempt is given up after the connect timeout, and tried again.
    QTRY_VERIFY_WITH_TIMEOUT(notifier.lastError().contains(QLatin1String("timeout")), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(relay.held() >= 2, 10000);
    tick.stop();
    qInfo("%lld ms without an answer: %d ticks of 10 ms, longest gap %lld ms, %d silent attempts", clock.elapsed(),
          ticks, maxGap, relay.held());
    // A blocking connect would stall the thread for the whole timeout (2 s here, 5 s by default).
    QVERIFY2(maxGap < 1000, qPrintable(QStringLiteral("the thread stalled %1 ms").arg(maxGap)));
    QVERIFY(ticks > 50);
    QCOMPARE(back.size(), 0);

    // The server answers again: the session comes back with both channels listened to.
    relay.setSilent(false);
    QTRY_VERIFY_WITH_TIMEOUT(back.size() >= 1, 15000);
    QVERIFY(notifier.isConnected());
    QVERIFY(notifier.lastError().isEmpty());
    QVERIFY(admin.exec(QStringLiteral("notify \"refract notifier\", 'two'")).ok());
    QVERIFY(admin.exec(QStringLiteral("notify second, 'three'")).ok());
    QTRY_COMPARE(got.size(), 3);
    QCOMPARE(got.at(1).at(1).toString(), QStringLiteral("two"));
    QCOMPARE(got.at(2).at(0).toString(), QStringLiteral("second"));
    notifier.stop();
}

void TestNotifier::unreachableServerFailsClearly()
{
    // Nothing listens on the port: refused at once, with libpq's reason, and retried quietly.
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress(QHostAddress::LocalHost), 0));
        port = probe.serverPort();
    }
    pg::Notifier notifier(QStringLiteral("host=127.0.0.1 port=%1 dbname=none user=none").arg(port));
    notifier.setReconnectDelays(20, 40);
    QElapsedTimer t;
    t.start();
    QVERIFY(!notifier.start());
    QVERIFY2(t.elapsed() < 3000, qPrintable(QString::number(t.elapsed())));
    QVERIFY2(notifier.lastError().contains(QLatin1String("refused")) || notifier.lastError().contains(QLatin1String("connect")),
             qPrintable(notifier.lastError()));
    QTest::qWait(300); // several background attempts, none of which may crash or hang
    QVERIFY(!notifier.isConnected());
    QVERIFY(!notifier.lastError().isEmpty());
    notifier.stop();
    QVERIFY(!notifier.isConnecting());

    // A conninfo libpq cannot parse fails clearly too.
    pg::Notifier bad(QStringLiteral("host=127.0.0.1 port=%1 = broken").arg(port));
    QVERIFY(!bad.start());
    QVERIFY(!bad.lastError().isEmpty());
    bad.stop();
}

QTEST_GUILESS_MAIN(TestNotifier)
#include "tst_notifier.moc"
