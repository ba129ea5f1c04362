#include "httptestclient.h"
#include "../pg/testdatabase.h"

#include <identity/jwt.h>
#include <net/localservice.h>
#include <pg/connection.h>
#include <reflect/reflectoptions.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include <pwd.h>
#include <unistd.h>

// A real PostgreSQL stop and start under load. The test owns a throwaway cluster (initdb into a
// temporary directory, a free port, the socket in the same directory), serves the demo forum with
// the same LocalService `refract-cli serve` runs, keeps concurrent HTTP clients (real sockets) and a
// graphql-transport-ws subscriber busy, then `pg_ctl stop -m fast`: requests during the outage must
// get a clean 503 with a GraphQL `errors` body at once and /health must keep answering (database
// down). After `pg_ctl start` everything must recover without a restart of the server: queries
// succeed, the pool reconnected, the LISTEN session listens again (a `listen(topic:)` subscription
// gets NOTIFYs) and `on<Mutation>` subscriptions get events; nothing hangs or crashes.
using namespace refract;
using refract::test::Client;
using refract::test::gql;
using refract::test::Reply;

namespace {

using refract::test::sourceDir;

const QByteArray kSecret = "pg-restart-test-secret-0123456789";

QByteArray token(const QString &username)
{
    QString error;
    return identity::Jwt::sign(QJsonObject{{QStringLiteral("sub"), QStringLiteral("sub-") + username},
                                           {QStringLiteral("username"), username}},
                               identity::JwtAlgorithm::HS256, kSecret, &error);
}

QString pgBinDir()
{
    const QString env = qEnvironmentVariable("PGBIN");
    if (!env.isEmpty())
        return env;
    QDir dir(QStringLiteral("/usr/lib/postgresql"));
    QStringList versions = dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(versions.begin(), versions.end(), [](const QString &a, const QString &b) { return a.toInt() < b.toInt(); });
    for (qsizetype i = versions.size() - 1; i >= 0; --i)
        if (QFile::exists(dir.filePath(versions[i] + QStringLiteral("/bin/initdb"))))
            return dir.filePath(versions[i] + QStringLiteral("/bin"));
    return {};
}

/// A throwaway cluster as scripts/pg-cluster makes one; as root the server runs as `postgres`.
class Cluster
{
public:
    ~Cluster() { stop(); }

    bool init(QString *error)
    {
        m_bin = pgBinDir();
        if (m_bin.isEmpty()) {
            *error = QStringLiteral("no PostgreSQL server binaries (initdb) under /usr/lib/postgresql");
            return false;
        }
        if (!m_dir.isValid()) {
            *error = QStringLiteral("cannot create a temporary directory");
            return false;
        }
        if (::geteuid() == 0) {
            const passwd *pw = ::getpwnam("postgres");
            if (!pw || ::chown(QFile::encodeName(m_dir.path()).constData(), pw->pw_uid, pw->pw_gid) != 0) {
                *error = QStringLiteral("running as root needs a `postgres` user to own the cluster");
                return false;
            }
        }
        QTcpServer probe; // a free port: bind to 0, note it, let it go
        if (!probe.listen(QHostAddress::LocalHost, 0)) {
            *error = QStringLiteral("no free port");
            return false;
        }
        m_port = probe.serverPort();
        probe.close();
        return run(QStringLiteral("initdb"), {QStringLiteral("-D"), dataDir(), QStringLiteral("-U"), QStringLiteral("postgres"),
                                              QStringLiteral("-A"), QStringLiteral("trust"), QStringLiteral("-E"), QStringLiteral("UTF8"),
                                              QStringLiteral("--locale=C.UTF-8"), QStringLiteral("--no-sync")},
                   error);
    }
    /// Blocking start (pg_ctl -w); the caller's event loop keeps running while it waits.
    bool start(QString *error)
    {
        const QString opts = QStringLiteral("-c listen_addresses=127.0.0.1 -p %1 -k %2 -c fsync=off -c synchronous_commit=off "
                                            "-c full_page_writes=off -c max_connections=100")
                                 .arg(m_port)
                                 .arg(m_dir.path());
        m_started = run(QStringLiteral("pg_ctl"), {QStringLiteral("-D"), dataDir(), QStringLiteral("-l"), m_dir.filePath(QStringLiteral("server.log")),
                                                   QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("60"), QStringLiteral("-o"), opts,
                                                   QStringLiteral("start")},
                        error);
        return m_started;
    }
    bool stop(QString *error = nullptr)
    {
        if (!m_started)
            return true;
        QString e;
        const bool ok = run(QStringLiteral("pg_ctl"), {QStringLiteral("-D"), dataDir(), QStringLiteral("-m"), QStringLiteral("fast"),
                                                       QStringLiteral("-w"), QStringLiteral("stop")},
                            &e);
        if (ok)
            m_started = false;
        if (error)
            *error = e;
        return ok;
    }
    QString conninfo(const QString &dbname) const
    {
        return QStringLiteral("host=127.0.0.1 port=%1 user=postgres dbname=%2").arg(m_port).arg(dbname);
    }
    QString log() const
    {
        QFile f(m_dir.filePath(QStringLiteral("server.log")));
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll().right(2000)) : QString();
    }

private:
    QString dataDir() const { return m_dir.filePath(QStringLiteral("data")); }
    bool run(const QString &tool, const QStringList &args, QString *error)
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        if (::geteuid() == 0)
            p.start(QStringLiteral("runuser"), QStringList{QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"),
                                                           m_bin + QLatin1Char('/') + tool} + args);
        else
            p.start(m_bin + QLatin1Char('/') + tool, args);
        // Keep the caller's event loop (the server's WebSocket side) turning while we wait.
        const bool finished = QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 120000);
        if (!finished || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
            *error = QStringLiteral("%1 failed: %2").arg(tool, QString::fromUtf8(p.readAll()).trimmed());
            if (!finished)
                p.kill();
            return false;
        }
        return true;
    }

    QTemporaryDir m_dir{QDir::tempPath() + QStringLiteral("/tst_pgrestart-XXXXXX")};
    QString m_bin;
    quint16 m_port = 0;
    bool m_started = false;
};


/// graphql-transport-ws on the test's thread; messages are queued and taken by predicate.
class WsClient : public QObject
{
public:
    WsClient()
    {
        connect(&m_ws, &QWebSocket::textMessageReceived, this, [this](const QString &m) { m_messages << QJsonDocument::fromJson(m.toUtf8()).object(); });
        connect(&m_ws, &QWebSocket::disconnected, this, [this] { m_closed = true; });
    }
    bool open(quint16 port)
    {
        QWebSocketHandshakeOptions o;
        o.setSubprotocols({QStringLiteral("graphql-transport-ws")});
        m_ws.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/graphql").arg(port)), o);
        return QTest::qWaitFor([this] { return m_ws.state() == QAbstractSocket::ConnectedState || m_closed; }, 10000)
            && m_ws.state() == QAbstractSocket::ConnectedState;
    }
    void send(const QJsonObject &o) { m_ws.sendTextMessage(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact))); }
    bool init(const QString &user)
    {
        send(QJsonObject{{QStringLiteral("type"), QStringLiteral("connection_init")},
                         {QStringLiteral("payload"), QJsonObject{{QStringLiteral("Authorization"), QStringLiteral("Bearer ") + QString::fromLatin1(token(user))}}}});
        return take([](const QJsonObject &m) { return m.value(QStringLiteral("type")).toString() == QLatin1String("connection_ack"); }).has_value();
    }
    void subscribe(const QString &id, const QString &query)
    {
        send(QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("type"), QStringLiteral("subscribe")},
                         {QStringLiteral("payload"), QJsonObject{{QStringLiteral("query"), query}}}});
    }
    std::optional<QJsonObject> take(const std::function<bool(const QJsonObject &)> &match, int timeoutMs = 10000)
    {
        std::optional<QJsonObject> found;
        (void)QTest::qWaitFor([&] {
            for (qsizetype i = 0; i < m_messages.size(); ++i)
                if (match(m_messages[i])) {
                    found = m_messages.takeAt(i);
                    return true;
                }
            return false;
        }, timeoutMs);
        return found;
    }
    /// The `next` of subscription `id` whose `data.<field>` passes `match`.
    std::optional<QJsonObject> next(const QString &id, const QString &field, const std::function<bool(const QJsonObject &)> &match,
                                    int timeoutMs = 10000)
    {
        const auto m = take([&](const QJsonObject &m) {
            return m.value(QStringLiteral("type")).toString() == QLatin1String("next") && m.value(QStringLiteral("id")).toString() == id
                && match(m[QStringLiteral("payload")][QStringLiteral("data")][field].toObject());
        }, timeoutMs);
        if (!m)
            return std::nullopt;
        return m->value(QStringLiteral("payload")).toObject().value(QStringLiteral("data")).toObject().value(field).toObject();
    }
    int count(const QString &type) const
    {
        int n = 0;
        for (const QJsonObject &m : m_messages)
            n += m.value(QStringLiteral("type")).toString() == type;
        return n;
    }
    bool isClosed() const { return m_closed; }
    void clear() { m_messages.clear(); }

private:
    QWebSocket m_ws;
    QList<QJsonObject> m_messages;
    bool m_closed = false;
};

/// What one request of the load saw, with times in ms since the load began.
struct Sample
{
    qint64 begin = 0;
    qint64 end = 0;
    int status = 0;      ///< 0: no response (dropped or timed out)
    bool data = false;   ///< a `data` answer without errors
    bool errors = false; ///< a GraphQL `errors` array with a message
    QByteArray body;
};

/// Runs a blocking client call on a helper thread while this thread's event loop keeps turning:
/// the server accepts connections on this thread (it is where LocalService::listen ran).
template <typename F>
auto offMainThread(F f)
{
    std::optional<decltype(f())> out;
    std::atomic_bool done{false};
    std::thread t([&] {
        out = f();
        done = true;
    });
    (void)QTest::qWaitFor([&] { return done.load(); }, 60000);
    t.join();
    return *out;
}

const QString kRead = QStringLiteral("{ post(id: 1) { id headline author { username } } }");
const QString kCreatePost = QStringLiteral(
    "mutation($h: String!) { createPost(input: {post: {authorUsername: \"johndoe\", headline: $h, topic: DISCUSSION}}) { id headline } }");

} // namespace

class TestPgRestart : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void survivesStopAndStart();

private:
    Cluster m_cluster;
    std::unique_ptr<net::LocalService> m_service;
    quint16 m_port = 0;
};

void TestPgRestart::initTestCase()
{
    // The test brings its own cluster; without the server binaries there is nothing to restart.
    if (pgBinDir().isEmpty()) {
        if (qEnvironmentVariableIsEmpty("PGHOST") && qEnvironmentVariableIsEmpty("PGPORT"))
            QSKIP("no PostgreSQL server installed (scripts/setup installs it)");
        QFAIL("PostgreSQL server binaries not found under /usr/lib/postgresql (set PGBIN)");
    }
    QString error;
    QVERIFY2(m_cluster.init(&error), qPrintable(error));
    QVERIFY2(m_cluster.start(&error), qPrintable(error + m_cluster.log()));
    {
        pg::Connection admin;
        QVERIFY2(admin.open(m_cluster.conninfo(QStringLiteral("postgres"))), qPrintable(admin.lastError().toString()));
        QVERIFY(admin.exec(QStringLiteral("create database restart_demo")).ok());
        pg::Connection c;
        QVERIFY2(c.open(m_cluster.conninfo(QStringLiteral("restart_demo"))), qPrintable(c.lastError().toString()));
        QFile f(sourceDir() + QStringLiteral("/resources/demo/forum_demo.sql"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const pg::Result r = c.exec(QString::fromUtf8(f.readAll()));
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
    }
    net::LocalServiceOptions o;
    o.conninfo = m_cluster.conninfo(QStringLiteral("restart_demo"));
    o.schemas = {QStringLiteral("forum_example")};
    o.preset = reflect::Preset::AppSync;
    o.reflect = reflect::ReflectOptions::defaultsFor(reflect::Preset::AppSync);
    o.poolSize = 4;
    o.server.threads = 4;
    o.server.graphql.auth.key = kSecret;
    o.server.graphql.auth.claimsMapping = QStringLiteral("appsync");
    o.server.graphql.auth.defaultRole = QStringLiteral("forum_example_person");
    o.server.graphql.acquireTimeoutMs = 3000;
    m_service = std::make_unique<net::LocalService>(o);
    QVERIFY2(m_service->load(&error), qPrintable(error));
    QVERIFY2(m_service->listen(&error), qPrintable(error));
    m_port = quint16(m_service->url().port());
}

void TestPgRestart::cleanupTestCase()
{
    m_service.reset();
    m_cluster.stop();
}

void TestPgRestart::survivesStopAndStart()
{
    const quint16 port = m_port;
    auto health = [port] {
        return offMainThread([port] {
            Client c;
            if (!c.connect(port))
                return Reply{};
            return c.request("GET", "/health", {}, {}, 10000);
        });
    };
    auto createPost = [port](const QString &headline) {
        return offMainThread([port, headline] {
            Client c;
            if (!c.connect(port))
                return Reply{};
            return c.request("POST", "/graphql", gql(kCreatePost, QJsonObject{{QStringLiteral("h"), headline}}),
                             {"Content-Type: application/json", "Authorization: Bearer " + token(QStringLiteral("johndoe"))});
        });
    };

    // The subscriber: an AppSync mutation subscription and a pg-pubsub topic, as noah_k.
    WsClient sub;
    QVERIFY(sub.open(port));
    QVERIFY(sub.init(QStringLiteral("noah_k")));
    sub.subscribe(QStringLiteral("c"), QStringLiteral("subscription { onCreatePost { id headline } }"));
    sub.subscribe(QStringLiteral("l"), QStringLiteral("subscription { listen(topic: \"restart\") { query { post(id: 1) { id } } } }"));
    pg::Connection psql;
    QVERIFY(psql.open(m_cluster.conninfo(QStringLiteral("restart_demo"))));
    // Both deliver before the outage (the LISTEN session starts with the first listen subscription).
    auto listenDelivers = [&](pg::Connection &notifier, int timeoutMs) {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            if (!notifier.isOpen() && !notifier.open(m_cluster.conninfo(QStringLiteral("restart_demo"))))
                return false;
            notifier.exec(QStringLiteral("notify \"postgraphile:restart\", 'ping'"));
            if (sub.next(QStringLiteral("l"), QStringLiteral("listen"),
                         [](const QJsonObject &p) { return p[QStringLiteral("query")][QStringLiteral("post")][QStringLiteral("id")].toInt() == 1; },
                         300))
                return true;
        }
        return false;
    };
    QVERIFY(listenDelivers(psql, 10000));
    auto hasHeadline = [](const QString &h) { return [h](const QJsonObject &p) { return p[QStringLiteral("headline")].toString() == h; }; };
    const Reply first = createPost(QStringLiteral("before the outage"));
    QVERIFY2(first.status == 200, first.body.constData());
    QVERIFY(sub.next(QStringLiteral("c"), QStringLiteral("onCreatePost"), hasHeadline(QStringLiteral("before the outage"))));
    psql.close();

    // The load: readers on keep-alive sockets plus one writer, each recording what it saw.
    QElapsedTimer clock;
    clock.start();
    std::atomic_bool stopLoad{false};
    QMutex samplesLock;
    std::vector<Sample> samples;
    constexpr int kReaders = 6;
    std::vector<std::thread> threads;
    for (int t = 0; t <= kReaders; ++t)
        threads.emplace_back([&, t] {
            const bool writer = t == kReaders;
            Client c;
            int n = 0;
            while (!stopLoad.load()) {
                if (!c.isConnected() && !c.connect(port)) {
                    QThread::msleep(50);
                    continue;
                }
                Sample s;
                s.begin = clock.elapsed();
                const Reply r = writer
                    ? c.request("POST", "/graphql", gql(kCreatePost, QJsonObject{{QStringLiteral("h"), QStringLiteral("load %1").arg(++n)}}),
                                {"Content-Type: application/json", "Authorization: Bearer " + token(QStringLiteral("johndoe"))})
                    : c.request("POST", "/graphql", gql(kRead), {"Content-Type: application/json"});
                s.end = clock.elapsed();
                s.status = r.status;
                const QJsonObject j = r.json();
                s.errors = !j[QStringLiteral("errors")][0][QStringLiteral("message")].toString().isEmpty();
                s.data = !s.errors && j[QStringLiteral("data")].isObject()
                    && !j[QStringLiteral("data")].toObject().constBegin().value().isNull();
                if (!s.data)
                    s.body = r.body.left(300);
                {
                    QMutexLocker lock(&samplesLock);
                    samples.push_back(s);
                }
                if (writer)
                    QThread::msleep(100);
            }
        });
    auto joinAll = [&] {
        stopLoad = true;
        for (std::thread &t : threads)
            t.join();
        threads.clear();
    };
    struct Join { std::function<void()> f; ~Join() { f(); } } joinOnExit{[&] { if (!threads.empty()) joinAll(); }};

    QTest::qWait(1500);
    const qint64 stopBegin = clock.elapsed();
    QString error;
    QVERIFY2(m_cluster.stop(&error), qPrintable(error));
    const qint64 stopped = clock.elapsed();

    // The outage: the server answers, /health says the database is down, quickly.
    QTest::qWait(1000);
    QElapsedTimer h;
    h.start();
    Reply hr = health();
    QCOMPARE(hr.status, 503);
    QVERIFY2(h.elapsed() < 3000, qPrintable(QString::number(h.elapsed())));
    QCOMPARE(hr.json()[QStringLiteral("database")].toString(), QStringLiteral("down"));
    QCOMPARE(hr.json()[QStringLiteral("status")].toString(), QStringLiteral("unavailable"));
    QTest::qWait(1500);
    const qint64 startBegin = clock.elapsed();
    QVERIFY2(m_cluster.start(&error), qPrintable(error + m_cluster.log()));

    // Recovery without touching the server: /health comes back, then everything works again.
    QElapsedTimer rec;
    rec.start();
    while ((hr = health()).status != 200 && rec.elapsed() < 20000)
        QTest::qWait(100);
    QCOMPARE(hr.status, 200);
    QCOMPARE(hr.json()[QStringLiteral("database")].toString(), QStringLiteral("up"));
    const qint64 recovered = clock.elapsed();
    QTest::qWait(2000);
    joinAll();

    // What the clients saw, phase by phase.
    int before = 0, outage = 0, after = 0, dropped = 0;
    qint64 slowest = 0;
    for (const Sample &s : samples) {
        slowest = qMax(slowest, s.end - s.begin);
        if (s.status == 0) {
            ++dropped;
            continue;
        }
        if (s.end < stopBegin) {
            ++before;
            QVERIFY2(s.status == 200 && s.data, s.body.constData());
        } else if (s.begin > stopped && s.end < startBegin) {
            // During the outage: a clean GraphQL error, 503, Retry-After, at once.
            ++outage;
            QVERIFY2(s.status == 503 && s.errors, qPrintable(QString::number(s.status) + QLatin1Char(' ') + QString::fromUtf8(s.body)));
            QVERIFY2(s.end - s.begin < 4000, qPrintable(QString::number(s.end - s.begin)));
        } else if (s.begin > recovered) {
            ++after;
            QVERIFY2(s.status == 200 && s.data, s.body.constData());
        } else {
            // Around the transitions either answer is right, but it must be one of the two.
            QVERIFY2((s.status == 200 && s.data) || (s.status == 503 && s.errors), s.body.constData());
        }
    }
    qInfo("requests: %d before, %d during the outage, %d after recovery (%lld ms after start); slowest %lld ms",
          before, outage, after, qlonglong(recovered - startBegin), qlonglong(slowest));
    QCOMPARE(dropped, 0);
    QVERIFY(before > 0);
    QVERIFY(outage > 0);
    QVERIFY(after > 0);
    QVERIFY2(slowest < 10000, qPrintable(QString::number(slowest))); // no request hung

    // Subscriptions resume: the LISTEN session listens again and mutation events flow.
    QVERIFY(!sub.isClosed());
    pg::Connection again;
    QVERIFY2(listenDelivers(again, 20000), "listen(topic:) got nothing after the restart");
    QCOMPARE(createPost(QStringLiteral("after the restart")).status, 200);
    QVERIFY(sub.next(QStringLiteral("c"), QStringLiteral("onCreatePost"), hasHeadline(QStringLiteral("after the restart"))));
    // Both pool and LISTEN sessions are connected to the new server.
    const pg::Result sessions = again.exec(QStringLiteral(
        "select count(*) filter (where query like 'listen %'), count(*) from pg_stat_activity "
        "where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'"));
    QVERIFY(sessions.ok());
    QCOMPARE(sessions.toInt(0, 0), 1);
    QVERIFY2(sessions.toInt(0, 1) >= 2, qPrintable(sessions.text(0, 1)));

    // A clean shutdown with live subscribers and reopened connections, in bounded time.
    QElapsedTimer closing;
    closing.start();
    m_service->close();
    QVERIFY2(closing.elapsed() < 10000, qPrintable(QString::number(closing.elapsed())));
    QVERIFY(QTest::qWaitFor([&] { return sub.isClosed(); }, 5000)); // subscribers are let go, not left hanging
}

QTEST_GUILESS_MAIN(TestPgRestart)
#include "tst_pgrestart.moc"
