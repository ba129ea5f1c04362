#include "../pg/testdatabase.h"
#include "httptestclient.h"

#include <exec/engine.h>
#include <identity/jwt.h>
#include <net/localserver.h>
#include <pg/connectionpool.h>
#include <reflect/reflectoptions.h>

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketServer>

#include <atomic>
#include <memory>
#include <thread>

// The local server over real sockets on 127.0.0.1 against the forum example in a throwaway
// database: HTTP framing, GraphQL-over-HTTP status codes, limits, slow clients, keep-alive,
// concurrency, JWT, /health, pool recovery and the WebSocket upgrade hand-off.
using namespace refract;
using refract::test::Client;
using refract::test::gql;
using refract::test::Reply;
using refract::test::ServerThread;

namespace {

using refract::test::sourceDir;

const QByteArray kSecret = "a-test-secret-of-some-length";

} // namespace

class TestLocalServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void postQuery();
    void getQuery();
    void statusCodes();
    void malformedJson();
    void bodyTooLarge();
    void slowClientIsDropped();
    void idleDeadlineRunsFromTheLastRequest();
    void keepAliveAndPipelining();
    void concurrentClients();
    void limits();
    void cors();
    void health();
    void jwt();
    void poolRecoversFromTerminatedBackends();
    void webSocketUpgrade();

private:
    test::TestDatabase m_db;
    exec::Engine m_engine;
    std::unique_ptr<pg::ConnectionPool> m_pool;
    ServerThread m_server;
    net::LocalServerOptions m_options;
};

void TestLocalServer::initTestCase()
{
    if (!test::hasPgEnvironment())
        QSKIP("no PostgreSQL environment (PGHOST/PGPORT/PGDATABASE); scripts/test provides one");
    QVERIFY2(m_db.create(QStringLiteral("tst_localserver")), qPrintable(m_db.error()));
    pg::Connection c;
    QVERIFY2(c.open(m_db.conninfo()), qPrintable(c.lastError().toString()));
    QString error;
    QVERIFY2(test::loadForumExample(c, sourceDir() + QStringLiteral("/tests/fixtures/forum_example.sql"), &error), qPrintable(error));
    exec::EngineLimits limits;
    limits.maxDepth = 8;
    limits.maxAliases = 20;
    m_engine.setLimits(limits);
    QVERIFY2(m_engine.load(m_db.conninfo(), {QStringLiteral("forum_example")}, reflect::Preset::PostGraphile,
                           reflect::ReflectOptions::defaultsFor(reflect::Preset::PostGraphile), &error),
             qPrintable(error));
    m_pool = std::make_unique<pg::ConnectionPool>(m_db.conninfo(), 4);
    QVERIFY2(m_pool->open(&error), qPrintable(error));
    m_options.threads = 4;
    m_options.http.maxBodyBytes = 1024 * 1024;
    m_options.http.headerTimeoutMs = 1500;
    m_options.http.bodyTimeoutMs = 1500;
    m_options.graphql.corsOrigins = {QStringLiteral("http://allowed.example")};
    m_options.graphql.auth.key = kSecret;
    m_options.graphql.auth.claimsMapping = QStringLiteral("appsync");
    m_options.graphql.auth.defaultRole = QStringLiteral("forum_example_person");
    QVERIFY2(m_server.start(m_engine, *m_pool, m_options, [](QWebSocket *ws) {
        // An echo handler stands in for the subscription server.
        QObject::connect(ws, &QWebSocket::textMessageReceived, ws, [ws](const QString &m) { ws->sendTextMessage(QStringLiteral("echo:") + m); });
        QObject::connect(ws, &QWebSocket::disconnected, ws, &QObject::deleteLater);
    }), qPrintable(m_server.error()));
}

void TestLocalServer::cleanupTestCase()
{
    m_server.stop();
    m_pool.reset();
}

void TestLocalServer::postQuery()
{
    Client c;
    QVERIFY(c.connect(m_server.port()));
    const Reply r = c.request("POST", "/graphql", gql(QStringLiteral("{ allPosts(first: 2, orderBy: ID_ASC) { totalCount nodes { id author { username } } } }")));
    QCOMPARE(r.status, 200);
    QVERIFY(r.header("content-type").startsWith("application/json"));
    const QJsonObject posts = r.json()[QStringLiteral("data")][QStringLiteral("allPosts")].toObject();
    QCOMPARE(posts[QStringLiteral("totalCount")].toInt(), 30);
    QCOMPARE(posts[QStringLiteral("nodes")].toArray().size(), 2);
    QCOMPARE(posts[QStringLiteral("nodes")][0][QStringLiteral("author")][QStringLiteral("username")].toString(), QStringLiteral("johndoe"));

    // application/graphql-response+json is answered in kind.
    const Reply g = c.request("POST", "/graphql", gql(QStringLiteral("{ postById(id: 1) { id } }")),
                              {"Content-Type: application/json", "Accept: application/graphql-response+json"});
    QCOMPARE(g.status, 200);
    QVERIFY(g.header("content-type").startsWith("application/graphql-response+json"));
    QCOMPARE(g.body, QByteArray("{\"data\":{\"postById\":{\"id\" : 1}}}"));
}

void TestLocalServer::getQuery()
{
    Client c;
    QVERIFY(c.connect(m_server.port()));
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("query"), QStringLiteral("query P($id: Int!) { postById(id: $id) { headline } }"));
    q.addQueryItem(QStringLiteral("variables"), QStringLiteral("{\"id\":2}"));
    const Reply r = c.request("GET", "/graphql?" + q.toString(QUrl::FullyEncoded).toUtf8(), {}, {});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json()[QStringLiteral("data")][QStringLiteral("postById")][QStringLiteral("headline")].toString(),
             QStringLiteral("Open-source non-volatile protocol"));

    // Mutations only over POST (405 with Allow).
    QUrlQuery m;
    m.addQueryItem(QStringLiteral("query"), QStringLiteral("mutation { __typename }"));
    const Reply mr = c.request("GET", "/graphql?" + m.toString(QUrl::FullyEncoded).toUtf8(), {}, {});
    QCOMPARE(mr.status, 405);
    QCOMPARE(mr.header("allow"), QByteArray("POST"));
}

void TestLocalServer::statusCodes()
{
    Client c;
    QVERIFY(c.connect(m_server.port()));
    const QList<QByteArray> grj{"Content-Type: application/json", "Accept: application/graphql-response+json"};
    const QList<QByteArray> legacy{"Content-Type: application/json", "Accept: application/json"};
    // Parse and validation errors: 400 under graphql-response+json, 200 legacy; no data entry.
    Reply r = c.request("POST", "/graphql", gql(QStringLiteral("{")), grj);
    QCOMPARE(r.status, 400);
    QVERIFY(!r.json().contains(QStringLiteral("data")));
    QVERIFY(r.json()[QStringLiteral("errors")][0][QStringLiteral("message")].toString().startsWith(QStringLiteral("Syntax Error")));
    QCOMPARE(c.request("POST", "/graphql", gql(QStringLiteral("{ nope }")), grj).status, 400);
    QCOMPARE(c.request("POST", "/graphql", gql(QStringLiteral("{ nope }")), legacy).status, 200);
    // Variable coercion failure is a request error too.
    QCOMPARE(c.request("POST", "/graphql", gql(QStringLiteral("query Q($id: Int!) { postById(id: $id) { id } }")), grj).status, 400);
    // Field errors keep 200 (data is present).
    r = c.request("POST", "/graphql", gql(QStringLiteral("{ allPosts(first: 1, last: 1) { totalCount } }")), grj);
    QCOMPARE(r.status, 200);
    QVERIFY(r.json().contains(QStringLiteral("errors")));
    // Media types and methods.
    QCOMPARE(c.request("POST", "/graphql", gql(QStringLiteral("{ __typename }")), {"Content-Type: application/json", "Accept: text/html"}).status, 406);
    QCOMPARE(c.request("POST", "/graphql", gql(QStringLiteral("{ __typename }")), {"Content-Type: text/plain"}).status, 415);
    QCOMPARE(c.request("POST", "/graphql", gql(QStringLiteral("{ __typename }")), {}).status, 415);
    QCOMPARE(c.request("PUT", "/graphql", gql(QStringLiteral("{ __typename }"))).status, 405);
    QCOMPARE(c.request("GET", "/nowhere", {}, {}).status, 404);
    QCOMPARE(c.request("POST", "/graphql", "{\"query\":{\"obj\":1}}").status, 400);
    QCOMPARE(c.request("POST", "/graphql", "{\"query\":\"{ __typename }\",\"variables\":\"x\"}").status, 400);
    // Subscriptions are not served over HTTP.
    QCOMPARE(c.request("POST", "/graphql", gql(QStringLiteral("subscription { __typename }")), grj).status, 400);
    // Introspection answers in-process.
    r = c.request("POST", "/graphql", gql(QStringLiteral("{ __type(name: \"Post\") { name kind } }")));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray("{\"data\":{\"__type\":{\"name\":\"Post\",\"kind\":\"OBJECT\"}}}"));
    // The connection survived all of that.
    QCOMPARE(c.request("POST", "/graphql", gql(QStringLiteral("{ __typename }"))).status, 200);
}

void TestLocalServer::malformedJson()
{
    Client c;
    QVERIFY(c.connect(m_server.port()));
    for (const QByteArray &body : {QByteArray("{ \"not a JSON"), QByteArray("[1,2]"), QByteArray("\"query\""), QByteArray("\xff\xfe{}")}) {
        const Reply r = c.request("POST", "/graphql", body);
        QCOMPARE(r.status, 400);
        QVERIFY(!r.json()[QStringLiteral("errors")][0][QStringLiteral("message")].toString().isEmpty());
    }
    // Garbage instead of HTTP: 400 and the connection is closed.
    Client g;
    QVERIFY(g.connect(m_server.port()));
    QVERIFY(g.send("THIS IS NOT HTTP\r\n\r\n"));
    QCOMPARE(g.read().status, 400);
    QVERIFY(g.waitClosed(5000));
}

void TestLocalServer::bodyTooLarge()
{
    // Announced 50 MB: refused from the headers alone, before any body is read.
    Client c;
    QVERIFY(c.connect(m_server.port()));
    QVERIFY(c.send("POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 52428800\r\n\r\n{\"query\":"));
    QCOMPARE(c.read().status, 413);
    QVERIFY(c.waitClosed(5000));

    // Actually sent: the client keeps writing, still sees the 413.
    Client d;
    QVERIFY(d.connect(m_server.port()));
    const QByteArray big(2 * 1024 * 1024, ' ');
    d.socket().write("POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                     + QByteArray::number(big.size()) + "\r\n\r\n");
    d.socket().write(big);
    QCOMPARE(d.read().status, 413);

    // The server still serves.
    Client e;
    QVERIFY(e.connect(m_server.port()));
    QCOMPARE(e.request("POST", "/graphql", gql(QStringLiteral("{ __typename }"))).status, 200);
}

void TestLocalServer::slowClientIsDropped()
{
    // One byte every 400 ms: the 1.5 s header deadline runs out long before the headers end.
    Client c;
    QVERIFY(c.connect(m_server.port()));
    QElapsedTimer t;
    t.start();
    const QByteArray request = "POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
    int status = 0;
    for (char ch : request) {
        c.send(QByteArray(1, ch));
        if (c.socket().waitForReadyRead(400)) {
            status = c.read(1000).status;
            break;
        }
    }
    QCOMPARE(status, 408);
    QVERIFY(c.waitClosed(5000));
    QVERIFY2(t.elapsed() < 5000, qPrintable(QString::number(t.elapsed())));

    // Slow body after complete headers: dropped by the body deadline.
    Client d;
    QVERIFY(d.connect(m_server.port()));
    QVERIFY(d.send("POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"));
    QCOMPARE(d.read(5000).status, 408);
}

void TestLocalServer::idleDeadlineRunsFromTheLastRequest()
{
    // A connection's deadlines move several times per request and its timer is only ever moved
    // earlier, re-arming when it fires before the current deadline. So the idle close must come a
    // full idle period after the last answer, not one after the connection was opened.
    net::LocalServerOptions options = m_options;
    options.http.idleTimeoutMs = 1000;
    ServerThread server;
    QVERIFY2(server.start(m_engine, *m_pool, options), qPrintable(server.error()));
    Client c;
    QVERIFY(c.connect(server.port()));
    QTest::qWait(600);
    QCOMPARE(c.request("POST", "/graphql", gql(QStringLiteral("{ __typename }"))).status, 200);
    QElapsedTimer sinceAnswer;
    sinceAnswer.start();
    // 1.3 s after the connection opened, 0.7 s after the answer: still open.
    QVERIFY(!c.waitClosed(700));
    QVERIFY(c.waitClosed(3000));
    QVERIFY2(sinceAnswer.elapsed() >= 900, qPrintable(QString::number(sinceAnswer.elapsed())));
    server.stop();
}

void TestLocalServer::keepAliveAndPipelining()
{
    Client c;
    QVERIFY(c.connect(m_server.port()));
    for (int i = 1; i <= 5; ++i) {
        const Reply r = c.request("POST", "/graphql", gql(QStringLiteral("{ postById(id: %1) { id } }").arg(i)));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json()[QStringLiteral("data")][QStringLiteral("postById")][QStringLiteral("id")].toInt(), i);
        QVERIFY(r.header("connection").isEmpty());
    }
    // Two requests in one write: two responses, in order.
    QByteArray two;
    for (int id : {3, 4}) {
        const QByteArray body = gql(QStringLiteral("{ postById(id: %1) { id } }").arg(id));
        two += "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
            + "\r\n\r\n" + body;
    }
    QVERIFY(c.send(two));
    QCOMPARE(c.read().json()[QStringLiteral("data")][QStringLiteral("postById")][QStringLiteral("id")].toInt(), 3);
    QCOMPARE(c.read().json()[QStringLiteral("data")][QStringLiteral("postById")][QStringLiteral("id")].toInt(), 4);
    // Connection: close is honoured.
    const Reply last = c.request("POST", "/graphql", gql(QStringLiteral("{ __typename }")), {"Content-Type: application/json", "Connection: close"});
    QCOMPARE(last.status, 200);
    QCOMPARE(last.header("connection"), QByteArray("close"));
    QVERIFY(c.waitClosed(5000));
}

void TestLocalServer::concurrentClients()
{
    // 16 clients × 25 requests on 4 workers and 4 pooled connections: every answer right.
    constexpr int kClients = 16, kRequests = 25;
    std::atomic_int good{0}, bad{0};
    std::vector<std::thread> threads;
    const quint16 port = m_server.port();
    for (int t = 0; t < kClients; ++t)
        threads.emplace_back([&, t] {
            Client c;
            if (!c.connect(port)) {
                bad += kRequests;
                return;
            }
            for (int i = 0; i < kRequests; ++i) {
                const int id = 1 + (t * kRequests + i) % 30;
                const Reply r = c.request("POST", "/graphql", gql(QStringLiteral("{ postById(id: %1) { id author { username } } }").arg(id)));
                const bool ok = r.status == 200
                    && r.json()[QStringLiteral("data")][QStringLiteral("postById")][QStringLiteral("id")].toInt() == id;
                (ok ? good : bad)++;
            }
        });
    for (std::thread &t : threads)
        t.join();
    QCOMPARE(bad.load(), 0);
    QCOMPARE(good.load(), kClients * kRequests);
}

void TestLocalServer::limits()
{
    Client c;
    QVERIFY(c.connect(m_server.port()));
    const QList<QByteArray> grj{"Content-Type: application/json", "Accept: application/graphql-response+json"};
    // Depth 9 > 8.
    Reply r = c.request("POST", "/graphql",
                        gql(QStringLiteral("{ allPosts { nodes { author { postsByAuthorUsername { nodes { author { postsByAuthorUsername { nodes { id } } } } } } } } }")), grj);
    QCOMPARE(r.status, 400);
    QVERIFY(r.json()[QStringLiteral("errors")][0][QStringLiteral("message")].toString().contains(QStringLiteral("limit of 8")));
    // 21 aliases > 20.
    QString aliases;
    for (int i = 0; i < 21; ++i)
        aliases += QStringLiteral(" a%1: __typename").arg(i);
    r = c.request("POST", "/graphql", gql(QLatin1Char('{') + aliases + QLatin1Char('}')), grj);
    QCOMPARE(r.status, 400);
    QVERIFY(r.json()[QStringLiteral("errors")][0][QStringLiteral("message")].toString().contains(QStringLiteral("aliases")));
}

void TestLocalServer::cors()
{
    Client c;
    QVERIFY(c.connect(m_server.port()));
    Reply r = c.request("OPTIONS", "/graphql", {},
                        {"Origin: http://allowed.example", "Access-Control-Request-Method: POST", "Access-Control-Request-Headers: content-type"});
    QCOMPARE(r.status, 204);
    QCOMPARE(r.header("access-control-allow-origin"), QByteArray("http://allowed.example"));
    QVERIFY(r.header("access-control-allow-methods").contains("POST"));
    r = c.request("POST", "/graphql", gql(QStringLiteral("{ __typename }")), {"Content-Type: application/json", "Origin: http://evil.example"});
    QCOMPARE(r.status, 200);
    QVERIFY(r.header("access-control-allow-origin").isEmpty());
}

void TestLocalServer::health()
{
    Client c;
    QVERIFY(c.connect(m_server.port()));
    const Reply r = c.request("GET", "/health", {}, {});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json()[QStringLiteral("status")].toString(), QStringLiteral("ok"));
    QCOMPARE(r.json()[QStringLiteral("database")].toString(), QStringLiteral("up"));

    // Every pooled connection in use: busy, not down (a liveness probe must not fail under load).
    std::vector<pg::Connection *> held;
    for (int i = 0; i < m_pool->size(); ++i)
        held.push_back(m_pool->acquire(5000));
    for (pg::Connection *h : held)
        QVERIFY(h);
    QElapsedTimer t;
    t.start();
    const Reply busy = c.request("GET", "/health", {}, {});
    for (pg::Connection *h : held)
        m_pool->release(h);
    QCOMPARE(busy.status, 200);
    QCOMPARE(busy.json()[QStringLiteral("database")].toString(), QStringLiteral("busy"));
    QVERIFY(t.elapsed() < 5000);
    QCOMPARE(c.request("GET", "/health", {}, {}).json()[QStringLiteral("database")].toString(), QStringLiteral("up"));
}

void TestLocalServer::jwt()
{
    using identity::Jwt;
    using identity::JwtAlgorithm;
    Client c;
    QVERIFY(c.connect(m_server.port()));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QString query = QStringLiteral("{ currentPerson { username } }");
    auto withToken = [&](const QByteArray &token) {
        return c.request("POST", "/graphql", gql(query), {"Content-Type: application/json", "Authorization: Bearer " + token});
    };
    QString error;
    const QByteArray good = Jwt::sign(QJsonObject{{QStringLiteral("cognito:username"), QStringLiteral("johndoe")},
                                                  {QStringLiteral("exp"), now + 600}},
                                      JwtAlgorithm::HS256, kSecret, &error);
    QVERIFY2(!good.isEmpty(), qPrintable(error));
    Reply r = withToken(good);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json()[QStringLiteral("data")][QStringLiteral("currentPerson")][QStringLiteral("username")].toString(), QStringLiteral("johndoe"));

    // Without a token the default role runs without the identity setting: no current person (or,
    // on a session that never saw the setting, PostgreSQL's "unrecognized configuration parameter").
    r = c.request("POST", "/graphql", gql(query));
    QCOMPARE(r.status, 200);
    QVERIFY2(r.json()[QStringLiteral("data")][QStringLiteral("currentPerson")].isNull(), r.body.constData());

    // Expired: 401 with jsonwebtoken's message, as PostGraphile answers.
    const QByteArray expired = Jwt::sign(QJsonObject{{QStringLiteral("cognito:username"), QStringLiteral("johndoe")},
                                                     {QStringLiteral("exp"), now - 60}},
                                         JwtAlgorithm::HS256, kSecret, &error);
    r = withToken(expired);
    QCOMPARE(r.status, 401);
    QCOMPARE(r.json()[QStringLiteral("errors")][0][QStringLiteral("message")].toString(), QStringLiteral("jwt expired"));
    QVERIFY(!r.json().contains(QStringLiteral("data")));

    QVERIFY(r.header("www-authenticate").startsWith("Bearer error=\"invalid_token\", error_description=\"jwt expired\""));

    // Every rejected token answers 401 with RFC 6750's challenge and a GraphQL `errors` body:
    // a tampered payload, another key, `alg: none`, a wrong audience, malformed text.
    auto rejected = [&](const QByteArray &token, const QString &expectedMessage) {
        const Reply rr = withToken(token);
        QCOMPARE(rr.status, 401);
        const QByteArray challenge = rr.header("www-authenticate");
        QVERIFY2(challenge.startsWith("Bearer error=\"invalid_token\", error_description=\""), challenge.constData());
        const QString message = rr.json()[QStringLiteral("errors")][0][QStringLiteral("message")].toString();
        QVERIFY2(!message.isEmpty(), rr.body.constData());
        if (!expectedMessage.isEmpty())
            QCOMPARE(message, expectedMessage);
        QVERIFY(!rr.json().contains(QStringLiteral("data")));
    };
    QList<QByteArray> parts = good.split('.');
    parts[1] = QJsonDocument(QJsonObject{{QStringLiteral("cognito:username"), QStringLiteral("admin")}, {QStringLiteral("exp"), now + 600}})
                   .toJson(QJsonDocument::Compact)
                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    rejected(parts.join('.'), QStringLiteral("invalid signature"));
    const QByteArray otherKey = Jwt::sign(QJsonObject{{QStringLiteral("cognito:username"), QStringLiteral("johndoe")}}, JwtAlgorithm::HS256,
                                          "another-secret-entirely", &error);
    rejected(otherKey, QStringLiteral("invalid signature"));
    const QByteArray none = QByteArray("{\"alg\":\"none\",\"typ\":\"JWT\"}").toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
        + '.' + QByteArray("{\"cognito:username\":\"johndoe\"}").toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals) + '.';
    rejected(none, QString());
    rejected("not-a-token", QString());
    rejected("a.b.c", QString());
    // A token that was valid (and is remembered) stops working when it expires.
    const QByteArray shortLived = Jwt::sign(QJsonObject{{QStringLiteral("cognito:username"), QStringLiteral("johndoe")},
                                                        {QStringLiteral("exp"), QDateTime::currentSecsSinceEpoch() + 2}},
                                            JwtAlgorithm::HS256, kSecret, &error);
    QCOMPARE(withToken(shortLived).status, 200);
    QCOMPARE(withToken(shortLived).status, 200);
    QTest::qSleep(3100);
    QCOMPARE(withToken(shortLived).status, 401);
    // Not a bearer token at all.
    QCOMPARE(c.request("POST", "/graphql", gql(query), {"Content-Type: application/json", "Authorization: Basic Zm9vOmJhcg=="}).status, 400);

    // A server that requires an audience (serve's default is PostGraphile's `postgraphile`).
    net::LocalServerOptions withAudience = m_options;
    withAudience.graphql.auth.audience = QStringLiteral("postgraphile");
    ServerThread audienceServer;
    QVERIFY2(audienceServer.start(m_engine, *m_pool, withAudience), qPrintable(audienceServer.error()));
    Client a;
    QVERIFY(a.connect(audienceServer.port()));
    auto signedWith = [&](const QJsonValue &aud) {
        QJsonObject claims{{QStringLiteral("cognito:username"), QStringLiteral("johndoe")}, {QStringLiteral("exp"), now + 600}};
        if (!aud.isUndefined())
            claims.insert(QStringLiteral("aud"), aud);
        return Jwt::sign(claims, JwtAlgorithm::HS256, kSecret, &error);
    };
    auto asAudience = [&](const QByteArray &token) {
        return a.request("POST", "/graphql", gql(query), {"Content-Type: application/json", "Authorization: Bearer " + token});
    };
    r = asAudience(signedWith(QStringLiteral("postgraphile")));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json()[QStringLiteral("data")][QStringLiteral("currentPerson")][QStringLiteral("username")].toString(), QStringLiteral("johndoe"));
    QCOMPARE(asAudience(signedWith(QJsonArray{QStringLiteral("x"), QStringLiteral("postgraphile")})).status, 200);
    for (const QJsonValue &aud : {QJsonValue(QStringLiteral("someone-else")), QJsonValue()}) {
        r = asAudience(signedWith(aud));
        QCOMPARE(r.status, 401);
        QCOMPARE(r.json()[QStringLiteral("errors")][0][QStringLiteral("message")].toString(),
                 QStringLiteral("jwt audience invalid. expected: postgraphile"));
        QCOMPARE(r.header("www-authenticate"),
                 QByteArray("Bearer error=\"invalid_token\", error_description=\"jwt audience invalid. expected: postgraphile\""));
    }
    audienceServer.stop();
}

void TestLocalServer::poolRecoversFromTerminatedBackends()
{
    // What a PostgreSQL restart does to the pool: every backend goes away under it.
    pg::Connection admin;
    QVERIFY(admin.open(m_db.conninfo()));
    const pg::Result killed = admin.execParams(
        QStringLiteral("select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()"),
        {m_db.name().toUtf8()});
    QVERIFY2(killed.ok(), qPrintable(killed.error().toString()));
    QVERIFY(killed.toInt(0, 0) >= 1);
    Client c;
    QVERIFY(c.connect(m_server.port()));
    int failures = 0, successes = 0;
    for (int i = 0; i < 12; ++i) {
        const Reply r = c.request("POST", "/graphql", gql(QStringLiteral("{ postById(id: 5) { id } }")));
        // Dead sessions are mostly noticed before use (the server's goodbye sits on the socket) and
        // reopened; one that dies under a request answers a clean 503 with GraphQL errors, never a
        // dropped connection.
        if (r.status == 200 && r.json()[QStringLiteral("data")][QStringLiteral("postById")][QStringLiteral("id")].toInt() == 5) {
            ++successes;
        } else {
            QCOMPARE(r.status, 503);
            QVERIFY2(!r.json()[QStringLiteral("errors")][0][QStringLiteral("message")].toString().isEmpty(), r.body.constData());
            ++failures;
        }
    }
    QVERIFY2(failures <= m_pool->size(), qPrintable(QString::number(failures)));
    QVERIFY(successes >= 12 - m_pool->size());
    // Once recovered, everything answers.
    for (int i = 0; i < 8; ++i)
        QCOMPARE(c.request("POST", "/graphql", gql(QStringLiteral("{ postById(id: 5) { id } }"))).json()[QStringLiteral("data")]
                     [QStringLiteral("postById")][QStringLiteral("id")].toInt(),
                 5);
}

void TestLocalServer::webSocketUpgrade()
{
    QWebSocket ws;
    QSignalSpy connected(&ws, &QWebSocket::connected);
    QSignalSpy message(&ws, &QWebSocket::textMessageReceived);
    ws.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/graphql").arg(m_server.port())));
    QVERIFY(connected.wait(5000));
    ws.sendTextMessage(QStringLiteral("hello"));
    QVERIFY(message.wait(5000));
    QCOMPARE(message.first().first().toString(), QStringLiteral("echo:hello"));
    ws.close();
    // HTTP on the same port still works.
    Client c;
    QVERIFY(c.connect(m_server.port()));
    QCOMPARE(c.request("POST", "/graphql", gql(QStringLiteral("{ __typename }"))).status, 200);
}

QTEST_GUILESS_MAIN(TestLocalServer)
#include "tst_localserver.moc"
