#include "../pg/testdatabase.h"
#include "httptestclient.h"

#include <exec/engine.h>
#include <net/localserver.h>
#include <pg/connectionpool.h>
#include <reflect/reflectoptions.h>

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QTest>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

// The local server's workers do not wait on PostgreSQL: one worker thread keeps several requests
// in flight, requests beyond the pool's connections queue for one without blocking, and a client
// that goes away mid-request leaves its connection usable. Real sockets on 127.0.0.1, a throwaway
// database; requests are held inside PostgreSQL by an advisory lock the test owns, and what is in
// flight is read from pg_stat_activity, so nothing here depends on timing.
using namespace refract;
using refract::test::Client;
using refract::test::gql;
using refract::test::Reply;
using refract::test::ServerThread;

namespace {

using refract::test::sourceDir;

constexpr int kGate = 4242;

QByteArray gatedQuery(int n) { return gql(QStringLiteral("{ gatedValue(n: %1) }").arg(n)); }

int gatedAnswer(const Reply &r)
{
    return r.status == 200 ? r.json()[QStringLiteral("data")][QStringLiteral("gatedValue")].toInt(-1) : -1;
}

/// Clients that each send one gated request (n = base, base + 1, …) from a thread of their own
/// and keep the answer (-1: an error, -2: no connection). Joined on destruction at the latest, so a
/// failing check never leaves a thread running.
class GatedClients
{
public:
    GatedClients(quint16 port, int count, int base) : m_answers(size_t(count), 0)
    {
        for (int i = 0; i < count; ++i)
            m_threads.emplace_back([this, port, i, base] {
                Client c;
                m_answers[size_t(i)] = c.connect(port) ? gatedAnswer(c.request("POST", "/graphql", gatedQuery(base + i))) : -2;
            });
    }
    ~GatedClients() { join(); }
    void join()
    {
        for (std::thread &t : m_threads)
            if (t.joinable())
                t.join();
    }
    /// Valid after join().
    int answer(int i) const { return m_answers[size_t(i)]; }

private:
    std::vector<int> m_answers;
    std::vector<std::thread> m_threads;
};

} // namespace

class TestServerConcurrency : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void oneWorkerKeepsRequestsInFlight();
    void requestsQueueForBusyPool();
    void poolWaitTimesOut();
    void clientGoneMidRequest();
    void pipelinedRequestsKeepTheirOrder();
    void closingCancelsRequestsInFlight();

private:
    /// A server with `threads` workers over a fresh pool of `poolSize` connections.
    bool startServer(int threads, int poolSize, int acquireTimeoutMs = 5000, int requestTimeoutMs = 30000);
    void closeGate() { QVERIFY(m_admin.exec(QStringLiteral("select pg_advisory_lock(%1)").arg(kGate)).ok()); }
    void openGate() { QVERIFY(m_admin.exec(QStringLiteral("select pg_advisory_unlock(%1)").arg(kGate)).ok()); }
    /// Backends of this database waiting for the gate now.
    int waitingAtGate();
    /// Waits (up to 20 s) until `n` backends wait at the gate; returns how many did.
    int awaitWaiting(int n);

    test::TestDatabase m_db;
    exec::Engine m_engine;
    pg::Connection m_admin;
    std::unique_ptr<pg::ConnectionPool> m_pool;
    std::unique_ptr<ServerThread> m_server;
};

void TestServerConcurrency::initTestCase()
{
    if (!test::hasPgEnvironment())
        QSKIP("no PostgreSQL environment (PGHOST/PGPORT/PGDATABASE); scripts/test provides one");
    QVERIFY2(m_db.create(QStringLiteral("tst_serverconcurrency")), qPrintable(m_db.error()));
    QVERIFY2(m_admin.open(m_db.conninfo()), qPrintable(m_admin.lastError().toString()));
    QString error;
    QVERIFY2(test::loadForumExample(m_admin, sourceDir() + QStringLiteral("/tests/fixtures/forum_example.sql"), &error), qPrintable(error));
    // A query field that waits, inside PostgreSQL, for the test to open the gate.
    const pg::Result fn = m_admin.exec(QStringLiteral(
        "create function forum_example.gated_value(n int) returns int language plpgsql stable as $$ "
        "begin perform pg_advisory_xact_lock_shared(%1); return n; end $$").arg(kGate));
    QVERIFY2(fn.ok(), qPrintable(fn.error().toString()));
    const pg::Result grant = m_admin.exec(QStringLiteral("grant execute on function forum_example.gated_value(int) to forum_example_person"));
    QVERIFY2(grant.ok(), qPrintable(grant.error().toString()));
    QVERIFY2(m_engine.load(m_db.conninfo(), {QStringLiteral("forum_example")}, reflect::Preset::PostGraphile,
                           reflect::ReflectOptions::defaultsFor(reflect::Preset::PostGraphile), &error),
             qPrintable(error));
}

void TestServerConcurrency::cleanupTestCase()
{
    m_server.reset();
    m_pool.reset();
}

bool TestServerConcurrency::startServer(int threads, int poolSize, int acquireTimeoutMs, int requestTimeoutMs)
{
    m_server.reset();
    m_pool = std::make_unique<pg::ConnectionPool>(m_db.conninfo(), poolSize);
    QString error;
    if (!m_pool->open(&error)) {
        qWarning() << error;
        return false;
    }
    net::LocalServerOptions options;
    options.threads = threads;
    options.graphql.acquireTimeoutMs = acquireTimeoutMs;
    options.graphql.requestTimeoutMs = requestTimeoutMs;
    options.graphql.auth.defaultRole = QStringLiteral("forum_example_person");
    m_server = std::make_unique<ServerThread>();
    if (!m_server->start(m_engine, *m_pool, options)) {
        qWarning() << m_server->error();
        return false;
    }
    return true;
}

int TestServerConcurrency::waitingAtGate()
{
    const pg::Result r = m_admin.execParams(
        QStringLiteral("select count(*) from pg_locks l join pg_stat_activity a on a.pid = l.pid "
                       "where l.locktype = 'advisory' and l.objid = $1 and not l.granted and a.datname = $2"),
        {QByteArray::number(kGate), m_db.name().toUtf8()});
    return r.ok() ? r.toInt(0, 0) : -1;
}

int TestServerConcurrency::awaitWaiting(int n)
{
    QDeadlineTimer deadline(20000);
    int waiting = 0;
    while (!deadline.hasExpired() && (waiting = waitingAtGate()) < n)
        QThread::msleep(20);
    return waiting;
}

void TestServerConcurrency::oneWorkerKeepsRequestsInFlight()
{
    // One worker thread, four pooled connections, four clients: all four requests reach
    // PostgreSQL at once. A worker that blocked on each request would have one in flight.
    QVERIFY(startServer(1, 4));
    closeGate();
    constexpr int kClients = 4;
    GatedClients clients(m_server->port(), kClients, 100);
    const int waiting = awaitWaiting(kClients);
    openGate();
    clients.join();
    QCOMPARE(waiting, kClients);
    for (int i = 0; i < kClients; ++i)
        QCOMPARE(clients.answer(i), 100 + i);
}

void TestServerConcurrency::requestsQueueForBusyPool()
{
    // Six clients, two connections, one worker: two requests wait in PostgreSQL, four wait for a
    // connection without holding the thread; all six are answered once the gate opens.
    QVERIFY(startServer(1, 2));
    closeGate();
    constexpr int kClients = 6;
    const quint16 port = m_server->port();
    GatedClients clients(port, kClients, 200);
    const int waiting = awaitWaiting(2);
    // The worker is not blocked: a request that needs no database is answered while all wait.
    Client other;
    QVERIFY(other.connect(port));
    const Reply invalid = other.request("POST", "/graphql", gql(QStringLiteral("{ noSuchField }")));
    const int waitingAfter = waitingAtGate();
    openGate();
    clients.join();
    QCOMPARE(waiting, 2);
    QCOMPARE(waitingAfter, 2); // never more in PostgreSQL than the pool has connections
    QCOMPARE(invalid.status, 200);
    QVERIFY2(invalid.json()[QStringLiteral("errors")][0][QStringLiteral("message")].toString().contains(QLatin1String("noSuchField")),
             invalid.body.constData());
    for (int i = 0; i < kClients; ++i)
        QCOMPARE(clients.answer(i), 200 + i);
    QCOMPARE(m_pool->idleCount(), 2);
}

void TestServerConcurrency::poolWaitTimesOut()
{
    // One connection, held at the gate: the next request waits for it only as long as allowed,
    // then answers 503 with a GraphQL error; the held one still completes.
    QVERIFY(startServer(1, 1, 300));
    closeGate();
    const quint16 port = m_server->port();
    GatedClients holder(port, 1, 7);
    const int waiting = awaitWaiting(1);
    Client c;
    const bool connected = c.connect(port);
    const Reply late = c.request("POST", "/graphql", gql(QStringLiteral("{ postById(id: 1) { id } }")));
    openGate();
    holder.join();
    QCOMPARE(waiting, 1);
    QVERIFY(connected);
    QCOMPARE(late.status, 503);
    QVERIFY2(late.json()[QStringLiteral("errors")][0][QStringLiteral("message")].toString().contains(QLatin1String("no database connection became free")),
             late.body.constData());
    QCOMPARE(late.header("retry-after"), QByteArray("1"));
    QCOMPARE(holder.answer(0), 7);
    // And the server goes on.
    const Reply after = c.request("POST", "/graphql", gql(QStringLiteral("{ postById(id: 1) { id } }")));
    QCOMPARE(after.status, 200);
    QCOMPARE(after.json()[QStringLiteral("data")][QStringLiteral("postById")][QStringLiteral("id")].toInt(), 1);
}

void TestServerConcurrency::clientGoneMidRequest()
{
    // A client hangs up while its request waits in PostgreSQL: the request finishes there, its
    // connection returns to the pool clean, and the only connection serves the next client.
    QVERIFY(startServer(1, 1));
    closeGate();
    {
        Client gone;
        QVERIFY(gone.connect(m_server->port()));
        const QByteArray body = gatedQuery(9);
        QVERIFY(gone.send("POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                          + QByteArray::number(body.size()) + "\r\n\r\n" + body));
        QCOMPARE(awaitWaiting(1), 1);
        gone.socket().abort();
    }
    openGate();
    Client next;
    QVERIFY(next.connect(m_server->port()));
    for (int i = 1; i <= 3; ++i) {
        const Reply r = next.request("POST", "/graphql", gql(QStringLiteral("{ postById(id: %1) { id } }").arg(i)));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json()[QStringLiteral("data")][QStringLiteral("postById")][QStringLiteral("id")].toInt(), i);
    }
    QCOMPARE(m_pool->idleCount(), 1);
}

void TestServerConcurrency::pipelinedRequestsKeepTheirOrder()
{
    // Two requests in one write, the first held at the gate: the second is not answered first.
    QVERIFY(startServer(1, 2));
    closeGate();
    Client c;
    QVERIFY(c.connect(m_server->port()));
    QByteArray two;
    for (const QByteArray &body : {gatedQuery(11), gql(QStringLiteral("{ postById(id: 2) { id } }"))})
        two += "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
            + "\r\n\r\n" + body;
    QVERIFY(c.send(two));
    QCOMPARE(awaitWaiting(1), 1);
    openGate();
    const Reply first = c.read();
    const Reply second = c.read();
    QCOMPARE(gatedAnswer(first), 11);
    QCOMPARE(second.status, 200);
    QCOMPARE(second.json()[QStringLiteral("data")][QStringLiteral("postById")][QStringLiteral("id")].toInt(), 2);
}

void TestServerConcurrency::closingCancelsRequestsInFlight()
{
    // The server closes while a request waits in PostgreSQL with no statement_timeout: closing
    // cancels it instead of waiting for it (which would be forever here: the gate stays closed).
    QVERIFY(startServer(1, 1, 5000, 0));
    closeGate();
    GatedClients client(m_server->port(), 1, 13);
    const int waiting = awaitWaiting(1);
    std::atomic_bool closed{false};
    std::thread closer([this, &closed] {
        m_server.reset();
        closed = true;
    });
    QDeadlineTimer deadline(15000);
    while (!closed && !deadline.hasExpired())
        QThread::msleep(20);
    const bool closedInTime = closed;
    const int waitingAfter = waitingAtGate();
    openGate(); // lets a server that did not cancel finish, so the test ends either way
    closer.join();
    client.join();
    QCOMPARE(waiting, 1);
    QVERIFY2(closedInTime, "closing the server waited for the request in flight");
    QCOMPARE(waitingAfter, 0);
    QVERIFY(client.answer(0) != 13); // its connection closed without an answer
    QCOMPARE(m_pool->idleCount(), 1);
}

QTEST_GUILESS_MAIN(TestServerConcurrency)
#include "tst_serverconcurrency.moc"
