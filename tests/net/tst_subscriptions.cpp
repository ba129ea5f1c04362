#include "../pg/testdatabase.h"

#include <exec/engine.h>
#include <exec/pubsub.h>
#include <identity/jwt.h>
#include <net/lambdaevent.h>
#include <net/localserver.h>
#include <net/subscriptionserver.h>
#include <pg/connectionpool.h>
#include <pg/notifier.h>
#include <reflect/reflectoptions.h>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>
#include <QWebSocketServer>

#include <memory>

// Subscriptions over real WebSockets on 127.0.0.1 against the demo forum in a throwaway database:
// both protocols, identity from connection_init, events re-read under the subscriber's identity (a
// stricter select policy hides `help` posts from everyone but their author), AppSync filters, the
// protocol's close codes, and LISTEN/NOTIFY topics.
using namespace refract;

namespace {

using refract::test::sourceDir;

const QByteArray kSecret = "subscriptions-test-secret-0123456789";

QString token(const QString &username)
{
    QString error;
    const QByteArray t = identity::Jwt::sign(QJsonObject{{QStringLiteral("sub"), QStringLiteral("sub-") + username},
                                                         {QStringLiteral("username"), username}},
                                             identity::JwtAlgorithm::HS256, kSecret, &error);
    return QString::fromLatin1(t);
}

/// A WebSocket client speaking one subprotocol; messages are queued and taken by type and id.
class WsClient : public QObject
{
public:
    explicit WsClient(const QString &subprotocol) : m_subprotocol(subprotocol)
    {
        connect(&m_ws, &QWebSocket::textMessageReceived, this, [this](const QString &m) {
            m_messages << QJsonDocument::fromJson(m.toUtf8()).object();
        });
        connect(&m_ws, &QWebSocket::disconnected, this, [this] { m_closed = true; });
    }
    bool open(quint16 port)
    {
        QWebSocketHandshakeOptions o;
        o.setSubprotocols({m_subprotocol});
        m_ws.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/graphql").arg(port)), o);
        return QTest::qWaitFor([this] { return m_ws.state() == QAbstractSocket::ConnectedState || m_closed; }, 10000)
            && m_ws.state() == QAbstractSocket::ConnectedState;
    }
    void send(const QJsonObject &o) { m_ws.sendTextMessage(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact))); }
    void sendRaw(const QString &text) { m_ws.sendTextMessage(text); }
    /// connection_init (with a token when `user` is set), then waits for the ack.
    bool init(const QString &user = QString())
    {
        QJsonObject payload;
        if (!user.isEmpty())
            payload.insert(QStringLiteral("Authorization"), QStringLiteral("Bearer ") + token(user));
        send(QJsonObject{{QStringLiteral("type"), QStringLiteral("connection_init")}, {QStringLiteral("payload"), payload}});
        return take(QStringLiteral("connection_ack")).has_value();
    }
    void subscribe(const QString &id, const QString &query, const QJsonObject &variables = {})
    {
        QJsonObject payload{{QStringLiteral("query"), query}};
        if (!variables.isEmpty())
            payload.insert(QStringLiteral("variables"), variables);
        const bool legacy = m_subprotocol == QLatin1String("graphql-ws");
        send(QJsonObject{{QStringLiteral("id"), id},
                         {QStringLiteral("type"), legacy ? QStringLiteral("start") : QStringLiteral("subscribe")},
                         {QStringLiteral("payload"), payload}});
    }
    void complete(const QString &id)
    {
        const bool legacy = m_subprotocol == QLatin1String("graphql-ws");
        send(QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("type"), legacy ? QStringLiteral("stop") : QStringLiteral("complete")}});
    }
    /// The first queued message of `type` (and `id` when given), waiting up to `timeoutMs`.
    std::optional<QJsonObject> take(const QString &type, const QString &id = QString(), int timeoutMs = 10000)
    {
        std::optional<QJsonObject> found;
        (void)QTest::qWaitFor([&] {
            for (qsizetype i = 0; i < m_messages.size(); ++i) {
                const QJsonObject &m = m_messages[i];
                if (m.value(QStringLiteral("type")).toString() == type && (id.isEmpty() || m.value(QStringLiteral("id")).toString() == id)) {
                    found = m_messages.takeAt(i);
                    return true;
                }
            }
            return false;
        }, timeoutMs);
        return found;
    }
    int count(const QString &type) const
    {
        int n = 0;
        for (const QJsonObject &m : m_messages)
            n += m.value(QStringLiteral("type")).toString() == type;
        return n;
    }
    bool waitClosed(int timeoutMs = 10000) { return QTest::qWaitFor([this] { return m_closed; }, timeoutMs); }
    int closeCode() const { return int(m_ws.closeCode()); }
    QString closeReason() const { return m_ws.closeReason(); }
    bool isClosed() const { return m_closed; }

private:
    QString m_subprotocol;
    QWebSocket m_ws;
    QList<QJsonObject> m_messages;
    bool m_closed = false;
};

/// A GraphQL POST to the server on `port` as johndoe; the reply is the caller's.
QNetworkReply *postAsJohndoe(QNetworkAccessManager &nam, quint16 port, const QJsonObject &body)
{
    QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1/graphql").arg(port)));
    req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    req.setRawHeader("Authorization", "Bearer " + token(QStringLiteral("johndoe")).toLatin1());
    return nam.post(req, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

QJsonObject payloadData(const std::optional<QJsonObject> &m, const QString &field)
{
    return m ? m->value(QStringLiteral("payload")).toObject().value(QStringLiteral("data")).toObject().value(field).toObject() : QJsonObject();
}

const QString kCreatePost = QStringLiteral(
    "mutation($h: String!, $t: PostTopic) { createPost(input: {post: {authorUsername: \"johndoe\", headline: $h, topic: $t}}) { headline } }");
const QString kOnCreatePost = QStringLiteral(
    "subscription { onCreatePost { id headline topic author { username } } }");
QJsonObject createPostBody(const QString &headline, const QString &topic)
{
    return QJsonObject{{QStringLiteral("query"), kCreatePost},
                       {QStringLiteral("variables"), QJsonObject{{QStringLiteral("h"), headline}, {QStringLiteral("t"), topic}}}};
}

} // namespace

class TestSubscriptions : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void transportWsEventsRespectRls();
    void transportWsFilter();
    void filterErrors();
    void legacyProtocol();
    void mutationOverHttpNotifies();
    void mutationOverHttpDoesNotBlockItsWorker();
    void mutationAsLambdaEventNotifies();
    void fragmentsAndVariables();
    void closeCodes();
    void badToken();
    void listenTopic();
    void listenSurvivesReconnect();
    void deleteEventsRespectRls();
    void slowReadDoesNotStallOthers();

private:
    QJsonObject createPostOverWs(const QString &user, const QString &headline, const QString &topic);
    QJsonObject runOverWs(const QString &user, const QString &query, const QJsonObject &variables);

    test::TestDatabase m_db;
    exec::Engine m_engine;
    exec::Engine m_pgEngine; // postgraphile preset, for listen's relatedNode
    std::unique_ptr<pg::ConnectionPool> m_pool;
    std::unique_ptr<exec::PubSub> m_pubsub;
    std::unique_ptr<net::SubscriptionServer> m_subs;
    std::unique_ptr<net::SubscriptionServer> m_pgSubs;
    std::unique_ptr<net::LocalServer> m_server;
    std::unique_ptr<QWebSocketServer> m_pgWs; // a bare QWebSocketServer for the postgraphile server
    quint16 m_port = 0;
    quint16 m_pgPort = 0;
};

void TestSubscriptions::initTestCase()
{
    if (!test::hasPgEnvironment())
        QSKIP("no PostgreSQL environment (PGHOST/PGPORT/PGDATABASE); scripts/test provides one");
    QVERIFY2(m_db.create(QStringLiteral("tst_subscriptions")), qPrintable(m_db.error()));
    pg::Connection c;
    QVERIFY2(c.open(m_db.conninfo()), qPrintable(c.lastError().toString()));
    QFile f(sourceDir() + QStringLiteral("/resources/demo/forum_demo.sql"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    pg::Result r = c.exec(QString::fromUtf8(f.readAll()));
    QVERIFY2(r.ok(), qPrintable(r.error().toString()));
    // `help` posts are private to their author: a subscriber who is someone else must never see one.
    r = c.exec(QStringLiteral("drop policy select_post on forum_example.post; "
                              "create policy select_post on forum_example.post for select using "
                              "(topic is distinct from 'help' or author_username = current_setting('appsync.identity_username', true))"));
    QVERIFY2(r.ok(), qPrintable(r.error().toString()));

    QString error;
    QVERIFY2(m_engine.load(m_db.conninfo(), {QStringLiteral("forum_example")}, reflect::Preset::AppSync,
                           reflect::ReflectOptions::defaultsFor(reflect::Preset::AppSync), &error), qPrintable(error));
    QVERIFY2(m_pgEngine.load(m_db.conninfo(), {QStringLiteral("forum_example")}, reflect::Preset::PostGraphile,
                             reflect::ReflectOptions::defaultsFor(reflect::Preset::PostGraphile), &error), qPrintable(error));
    m_pool = std::make_unique<pg::ConnectionPool>(m_db.conninfo(), 3);
    QVERIFY2(m_pool->open(&error), qPrintable(error));
    m_pubsub = std::make_unique<exec::PubSub>();

    net::SubscriptionServerOptions so;
    so.connectionInitTimeoutMs = 400;
    so.keepAliveMs = 200;
    so.auth.key = kSecret;
    so.auth.claimsMapping = QStringLiteral("appsync");
    so.auth.defaultRole = QStringLiteral("forum_example_person");
    so.conninfo = m_db.conninfo();
    m_subs = std::make_unique<net::SubscriptionServer>(m_engine, *m_pool, *m_pubsub, so);
    QVERIFY2(m_subs->isValid(&error), qPrintable(error));

    net::LocalServerOptions lo;
    lo.threads = 2;
    lo.graphql.auth = so.auth;
    net::SubscriptionServer *subs = m_subs.get();
    lo.graphql.runMutation = [subs](const exec::Request &req, pg::Connection &conn, bool *requestError) {
        return subs->executeAndPublish(req, conn, requestError);
    };
    // As LocalService wires it: event-driven workers take the non-blocking form.
    lo.graphql.prepareMutation = [subs](const exec::Request &req, pg::Connection &conn) { return subs->prepareAnnouncement(req, conn); };
    m_server = std::make_unique<net::LocalServer>(m_engine, *m_pool, lo);
    m_server->webSocketServer()->setSupportedSubprotocols(net::SubscriptionServer::subprotocols());
    m_server->setWebSocketHandler([this](QWebSocket *ws) { m_subs->handleConnection(ws); });
    QVERIFY2(m_server->listen(&error), qPrintable(error));
    m_port = m_server->port();

    // The postgraphile-preset server, on a plain QWebSocketServer (what a test host would do).
    so.auth.claimsMapping = QStringLiteral("postgraphile");
    m_pgSubs = std::make_unique<net::SubscriptionServer>(m_pgEngine, *m_pool, *m_pubsub, so);
    m_pgWs = std::make_unique<QWebSocketServer>(QStringLiteral("refract-test"), QWebSocketServer::NonSecureMode);
    m_pgWs->setSupportedSubprotocols(net::SubscriptionServer::subprotocols());
    QVERIFY(m_pgWs->listen(QHostAddress::LocalHost, 0));
    m_pgPort = m_pgWs->serverPort();
    connect(m_pgWs.get(), &QWebSocketServer::newConnection, this, [this] {
        while (QWebSocket *ws = m_pgWs->nextPendingConnection())
            m_pgSubs->handleConnection(ws);
    });
}

void TestSubscriptions::cleanupTestCase()
{
    m_server.reset();
    m_pgWs.reset();
    m_subs.reset();
    m_pgSubs.reset();
    m_pubsub.reset();
    m_pool.reset();
}

QJsonObject TestSubscriptions::createPostOverWs(const QString &user, const QString &headline, const QString &topic)
{
    WsClient m(QStringLiteral("graphql-transport-ws"));
    if (!m.open(m_port) || !m.init(user))
        return {};
    m.subscribe(QStringLiteral("m"), kCreatePost, QJsonObject{{QStringLiteral("h"), headline}, {QStringLiteral("t"), topic}});
    const auto next = m.take(QStringLiteral("next"), QStringLiteral("m"));
    if (!m.take(QStringLiteral("complete"), QStringLiteral("m")))
        return {};
    return next ? next->value(QStringLiteral("payload")).toObject() : QJsonObject();
}

QJsonObject TestSubscriptions::runOverWs(const QString &user, const QString &query, const QJsonObject &variables)
{
    WsClient m(QStringLiteral("graphql-transport-ws"));
    if (!m.open(m_port) || !m.init(user))
        return {};
    m.subscribe(QStringLiteral("m"), query, variables);
    const auto next = m.take(QStringLiteral("next"), QStringLiteral("m"));
    if (!m.take(QStringLiteral("complete"), QStringLiteral("m")))
        return {};
    return next ? next->value(QStringLiteral("payload")).toObject() : QJsonObject();
}

void TestSubscriptions::transportWsEventsRespectRls()
{
    WsClient noah(QStringLiteral("graphql-transport-ws"));
    WsClient john(QStringLiteral("graphql-transport-ws"));
    QVERIFY(noah.open(m_port));
    QVERIFY(john.open(m_port));
    QVERIFY(noah.init(QStringLiteral("noah_k")));
    QVERIFY(john.init(QStringLiteral("johndoe")));
    noah.subscribe(QStringLiteral("1"), kOnCreatePost);
    john.subscribe(QStringLiteral("1"), kOnCreatePost);
    QTRY_COMPARE(m_pubsub->subscriberCount(), 2);

    // A public post: both see it, read under their own identity.
    const QJsonObject made = createPostOverWs(QStringLiteral("johndoe"), QStringLiteral("Subscriptions are live"), QStringLiteral("SHOWCASE"));
    QCOMPARE(made.value(QStringLiteral("data")).toObject().value(QStringLiteral("createPost")).toObject(),
             (QJsonObject{{QStringLiteral("headline"), QStringLiteral("Subscriptions are live")}})); // reserved aliases stripped
    QJsonObject seen = payloadData(noah.take(QStringLiteral("next"), QStringLiteral("1")), QStringLiteral("onCreatePost"));
    QCOMPARE(seen.value(QStringLiteral("headline")).toString(), QStringLiteral("Subscriptions are live"));
    QCOMPARE(seen.value(QStringLiteral("topic")).toString(), QStringLiteral("SHOWCASE"));
    QCOMPARE(seen.value(QStringLiteral("author")).toObject().value(QStringLiteral("username")).toString(), QStringLiteral("johndoe"));
    QVERIFY(seen.value(QStringLiteral("id")).toInt() > 0);
    QCOMPARE(payloadData(john.take(QStringLiteral("next"), QStringLiteral("1")), QStringLiteral("onCreatePost")), seen);

    // A help post: only its author may read it, so only johndoe's subscription gets it.
    createPostOverWs(QStringLiteral("johndoe"), QStringLiteral("Private question"), QStringLiteral("HELP"));
    seen = payloadData(john.take(QStringLiteral("next"), QStringLiteral("1")), QStringLiteral("onCreatePost"));
    QCOMPARE(seen.value(QStringLiteral("headline")).toString(), QStringLiteral("Private question"));
    QTest::qWait(200);
    QCOMPARE(noah.count(QStringLiteral("next")), 0);

    // complete: no more events for noah.
    noah.complete(QStringLiteral("1"));
    QTRY_COMPARE(m_pubsub->subscriberCount(), 1);
    createPostOverWs(QStringLiteral("johndoe"), QStringLiteral("After complete"), QStringLiteral("DISCUSSION"));
    QVERIFY(john.take(QStringLiteral("next"), QStringLiteral("1")));
    QTest::qWait(100);
    QCOMPARE(noah.count(QStringLiteral("next")), 0);
    QCOMPARE(noah.count(QStringLiteral("complete")), 0); // graphql-ws: the server does not answer a client's complete
    john.complete(QStringLiteral("1"));
    QTRY_COMPARE(m_pubsub->subscriberCount(), 0);
}

void TestSubscriptions::transportWsFilter()
{
    WsClient c(QStringLiteral("graphql-transport-ws"));
    QVERIFY(c.open(m_port));
    QVERIFY(c.init(QStringLiteral("noah_k")));
    c.subscribe(QStringLiteral("f"),
                QStringLiteral("subscription($f: String) { posts: onCreatePost(filter: $f) { headline } }"),
                QJsonObject{{QStringLiteral("f"), QStringLiteral(R"({"or":[{"topic":{"eq":"INSPIRATION"}},{"headline":{"beginsWith":"Wanted"}}]})")}});
    QTRY_COMPARE(m_pubsub->subscriberCount(), 1);
    createPostOverWs(QStringLiteral("johndoe"), QStringLiteral("Not this one"), QStringLiteral("DISCUSSION"));
    createPostOverWs(QStringLiteral("johndoe"), QStringLiteral("Wanted: reviewers"), QStringLiteral("DISCUSSION"));
    createPostOverWs(QStringLiteral("johndoe"), QStringLiteral("Ideas"), QStringLiteral("INSPIRATION"));
    QCOMPARE(payloadData(c.take(QStringLiteral("next"), QStringLiteral("f")), QStringLiteral("posts")).value(QStringLiteral("headline")).toString(),
             QStringLiteral("Wanted: reviewers"));
    QCOMPARE(payloadData(c.take(QStringLiteral("next"), QStringLiteral("f")), QStringLiteral("posts")).value(QStringLiteral("headline")).toString(),
             QStringLiteral("Ideas"));
    QTest::qWait(100);
    QCOMPARE(c.count(QStringLiteral("next")), 0);
    c.complete(QStringLiteral("f"));
    QTRY_COMPARE(m_pubsub->subscriberCount(), 0);
}

void TestSubscriptions::filterErrors()
{
    WsClient c(QStringLiteral("graphql-transport-ws"));
    QVERIFY(c.open(m_port));
    QVERIFY(c.init());
    const QList<QPair<QString, QString>> cases = {
        {QStringLiteral(R"({"topic":{"like":"x"}})"), QStringLiteral("unknown operator \"like\"")},
        {QStringLiteral(R"({"nope":{"eq":1}})"), QStringLiteral("\"nope\" is not a field of Post")},
        {QStringLiteral(R"({"author":{"eq":1}})"), QStringLiteral("\"author\" is an object")},
        {QStringLiteral("{oops"), QStringLiteral("not valid JSON")},
    };
    int i = 0;
    for (const auto &tc : cases) {
        const QString id = QString::number(++i);
        c.subscribe(id, QStringLiteral("subscription($f: String) { onCreatePost(filter: $f) { id } }"), QJsonObject{{QStringLiteral("f"), tc.first}});
        const auto e = c.take(QStringLiteral("error"), id);
        QVERIFY(e);
        const QString message = e->value(QStringLiteral("payload")).toArray().at(0).toObject().value(QStringLiteral("message")).toString();
        QVERIFY2(message.contains(tc.second), qPrintable(message));
    }
    // Validation errors come back as `error` too, and the socket stays usable.
    c.subscribe(QStringLiteral("v"), QStringLiteral("subscription { onCreatePost { nope } }"));
    const auto v = c.take(QStringLiteral("error"), QStringLiteral("v"));
    QVERIFY(v);
    QVERIFY(v->value(QStringLiteral("payload")).toArray().at(0).toObject().value(QStringLiteral("message")).toString().contains(QStringLiteral("nope")));
    QVERIFY(!c.isClosed());
    QCOMPARE(m_pubsub->subscriberCount(), 0);
}

void TestSubscriptions::legacyProtocol()
{
    WsClient noah(QStringLiteral("graphql-ws"));
    WsClient john(QStringLiteral("graphql-ws"));
    QVERIFY(noah.open(m_port));
    QVERIFY(john.open(m_port));
    QVERIFY(noah.init(QStringLiteral("noah_k")));
    QVERIFY(john.init(QStringLiteral("johndoe")));
    QVERIFY(noah.take(QStringLiteral("ka"))); // right after the ack
    QVERIFY(noah.take(QStringLiteral("ka"))); // and periodically (200 ms here)
    noah.subscribe(QStringLiteral("a"), kOnCreatePost);
    john.subscribe(QStringLiteral("a"), kOnCreatePost);
    QTRY_COMPARE(m_pubsub->subscriberCount(), 2);
    createPostOverWs(QStringLiteral("johndoe"), QStringLiteral("Legacy hello"), QStringLiteral("SHOWCASE"));
    createPostOverWs(QStringLiteral("johndoe"), QStringLiteral("Legacy help"), QStringLiteral("HELP"));
    QCOMPARE(payloadData(noah.take(QStringLiteral("data"), QStringLiteral("a")), QStringLiteral("onCreatePost")).value(QStringLiteral("headline")).toString(),
             QStringLiteral("Legacy hello"));
    QCOMPARE(payloadData(john.take(QStringLiteral("data"), QStringLiteral("a")), QStringLiteral("onCreatePost")).value(QStringLiteral("headline")).toString(),
             QStringLiteral("Legacy hello"));
    QCOMPARE(payloadData(john.take(QStringLiteral("data"), QStringLiteral("a")), QStringLiteral("onCreatePost")).value(QStringLiteral("headline")).toString(),
             QStringLiteral("Legacy help"));
    QTest::qWait(150);
    QCOMPARE(noah.count(QStringLiteral("data")), 0);
    noah.complete(QStringLiteral("a"));
    QVERIFY(noah.take(QStringLiteral("complete"), QStringLiteral("a")));
    john.complete(QStringLiteral("a"));
    QTRY_COMPARE(m_pubsub->subscriberCount(), 0);
    // connection_terminate closes the socket.
    noah.send(QJsonObject{{QStringLiteral("type"), QStringLiteral("connection_terminate")}});
    QVERIFY(noah.waitClosed());
}

void TestSubscriptions::mutationOverHttpNotifies()
{
    WsClient noah(QStringLiteral("graphql-transport-ws"));
    QVERIFY(noah.open(m_port));
    QVERIFY(noah.init(QStringLiteral("noah_k")));
    noah.subscribe(QStringLiteral("h"), QStringLiteral("subscription { onCreatePost { headline } }"));
    QTRY_COMPARE(m_pubsub->subscriberCount(), 1);

    QNetworkAccessManager nam;
    auto post = [&](const QString &headline, const QString &topic) {
        QNetworkReply *reply = postAsJohndoe(nam, m_port, createPostBody(headline, topic));
        QSignalSpy done(reply, &QNetworkReply::finished);
        done.wait(10000);
        const QByteArray out = reply->readAll();
        reply->deleteLater();
        return out;
    };
    const QByteArray r1 = post(QStringLiteral("Over HTTP"), QStringLiteral("SHOWCASE"));
    QCOMPARE(QJsonDocument::fromJson(r1).object(),
             QJsonDocument::fromJson(R"({"data":{"createPost":{"headline":"Over HTTP"}}})").object());
    QVERIFY2(!r1.contains("_refract"), r1.constData());
    QCOMPARE(payloadData(noah.take(QStringLiteral("next"), QStringLiteral("h")), QStringLiteral("onCreatePost")).value(QStringLiteral("headline")).toString(),
             QStringLiteral("Over HTTP"));
    post(QStringLiteral("Hidden over HTTP"), QStringLiteral("HELP"));
    QTest::qWait(200);
    QCOMPARE(noah.count(QStringLiteral("next")), 0);
    noah.complete(QStringLiteral("h"));
    QTRY_COMPARE(m_pubsub->subscriberCount(), 0);
}

void TestSubscriptions::mutationOverHttpDoesNotBlockItsWorker()
{
    // A server with one worker thread. A mutation someone listens to waits in PostgreSQL behind a
    // table lock this test holds; meanwhile a query on the same worker is answered. Then the lock
    // goes, and the mutation answers and is announced. When announcing meant running the mutation
    // synchronously (runMutation), the query waited for the lock too.
    WsClient john(QStringLiteral("graphql-transport-ws"));
    QVERIFY(john.open(m_port));
    QVERIFY(john.init(QStringLiteral("johndoe")));
    john.subscribe(QStringLiteral("w"), QStringLiteral("subscription { onCreatePost { headline } }"));
    QTRY_COMPARE(m_pubsub->subscriberCount(), 1);

    net::LocalServerOptions lo;
    lo.threads = 1;
    lo.graphql.auth.key = kSecret;
    lo.graphql.auth.claimsMapping = QStringLiteral("appsync");
    lo.graphql.auth.defaultRole = QStringLiteral("forum_example_person");
    net::SubscriptionServer *subs = m_subs.get();
    lo.graphql.prepareMutation = [subs](const exec::Request &r, pg::Connection &c) { return subs->prepareAnnouncement(r, c); };
    net::LocalServer one(m_engine, *m_pool, lo);
    QString error;
    QVERIFY2(one.listen(&error), qPrintable(error));

    pg::Connection admin;
    QVERIFY2(admin.open(m_db.conninfo()), qPrintable(admin.lastError().toString()));
    QVERIFY(admin.exec(QStringLiteral("begin")).ok());
    QVERIFY(admin.exec(QStringLiteral("lock table forum_example.post in share mode")).ok()); // reads pass, inserts wait

    QNetworkAccessManager nam;
    QNetworkReply *mutation = postAsJohndoe(nam, one.port(), createPostBody(QStringLiteral("Behind a lock"), QStringLiteral("SHOWCASE")));
    // The mutation is in PostgreSQL, waiting for the lock.
    QTRY_VERIFY_WITH_TIMEOUT(admin.exec(QStringLiteral("select count(*) from pg_locks where not granted "
                                                       "and relation = 'forum_example.post'::regclass")).text(0, 0) == QLatin1String("1"),
                             10000);
    QNetworkReply *query = postAsJohndoe(nam, one.port(), QJsonObject{{QStringLiteral("query"), QStringLiteral("{ post(id: 1) { id } }")}});
    QSignalSpy queryDone(query, &QNetworkReply::finished);
    QVERIFY2(queryDone.wait(5000), "the query waited behind the blocked mutation");
    QCOMPARE(QJsonDocument::fromJson(query->readAll()).object(), QJsonDocument::fromJson(R"({"data":{"post":{"id":1}}})").object());
    QVERIFY(!mutation->isFinished());
    QCOMPARE(john.count(QStringLiteral("next")), 0);

    QVERIFY(admin.exec(QStringLiteral("commit")).ok());
    QTRY_VERIFY_WITH_TIMEOUT(mutation->isFinished(), 10000);
    const QByteArray answer = mutation->readAll();
    QCOMPARE(QJsonDocument::fromJson(answer).object(),
             QJsonDocument::fromJson(R"({"data":{"createPost":{"headline":"Behind a lock"}}})").object()); // tapped keys stripped
    QCOMPARE(payloadData(john.take(QStringLiteral("next"), QStringLiteral("w")), QStringLiteral("onCreatePost")).value(QStringLiteral("headline")).toString(),
             QStringLiteral("Behind a lock"));
    delete query;
    delete mutation;
    one.close();
    john.complete(QStringLiteral("w"));
    QTRY_COMPARE(m_pubsub->subscriberCount(), 0);
}

void TestSubscriptions::mutationAsLambdaEventNotifies()
{
    WsClient noah(QStringLiteral("graphql-transport-ws"));
    QVERIFY(noah.open(m_port));
    QVERIFY(noah.init(QStringLiteral("noah_k")));
    noah.subscribe(QStringLiteral("l"), QStringLiteral("subscription { onCreatePost { headline } }"));
    QTRY_COMPARE(m_pubsub->subscriberCount(), 1);
    net::LambdaEvent lambda(m_engine, QStringLiteral("forum_example_person"));
    net::SubscriptionServer *subs = m_subs.get();
    lambda.setMutationRunner([subs](const exec::Request &r, pg::Connection &c, bool *e) { return subs->executeAndPublish(r, c, e); });
    const QJsonObject identity{{QStringLiteral("username"), QStringLiteral("johndoe")},
                               {QStringLiteral("claims"), QJsonObject{{QStringLiteral("sub"), QStringLiteral("x")}}}};
    const QJsonObject event{
        {QStringLiteral("arguments"), QJsonObject{{QStringLiteral("input"), QJsonObject{{QStringLiteral("post"), QJsonObject{
            {QStringLiteral("authorUsername"), QStringLiteral("johndoe")}, {QStringLiteral("headline"), QStringLiteral("Via Lambda")},
            {QStringLiteral("topic"), QStringLiteral("SHOWCASE")}}}}}}},
        {QStringLiteral("identity"), identity},
        {QStringLiteral("info"), QJsonObject{{QStringLiteral("parentTypeName"), QStringLiteral("Mutation")},
                                             {QStringLiteral("fieldName"), QStringLiteral("createPost")},
                                             {QStringLiteral("selectionSetGraphQL"), QStringLiteral("{ headline }")},
                                             {QStringLiteral("selectionSetList"), QJsonArray{QStringLiteral("headline")}}}}};
    QString error;
    pg::ConnectionPool::Lease conn(*m_pool, 5000, &error);
    QVERIFY2(conn, qPrintable(error));
    const net::LambdaEvent::Result r = lambda.handle(event, *conn.get());
    QVERIFY2(r.ok, r.json.constData());
    QCOMPARE(QJsonDocument::fromJson(r.json).object(), (QJsonObject{{QStringLiteral("headline"), QStringLiteral("Via Lambda")}}));
    QCOMPARE(payloadData(noah.take(QStringLiteral("next"), QStringLiteral("l")), QStringLiteral("onCreatePost")).value(QStringLiteral("headline")).toString(),
             QStringLiteral("Via Lambda"));
    noah.complete(QStringLiteral("l"));
    QTRY_COMPARE(m_pubsub->subscriberCount(), 0);
}

void TestSubscriptions::fragmentsAndVariables()
{
    WsClient c(QStringLiteral("graphql-transport-ws"));
    QVERIFY(c.open(m_port));
    QVERIFY(c.init(QStringLiteral("johndoe")));
    c.subscribe(QStringLiteral("u"),
                QStringLiteral("subscription Updates($n: Int) { onUpdatePost { ...P summary(length: $n) } } "
                               "fragment P on Post { id headline author { ...A } } fragment A on Person { username }"),
                QJsonObject{{QStringLiteral("n"), 5}});
    QTRY_COMPARE(m_pubsub->subscriberCount(), 1);
    WsClient m(QStringLiteral("graphql-transport-ws"));
    QVERIFY(m.open(m_port));
    QVERIFY(m.init(QStringLiteral("johndoe")));
    m.subscribe(QStringLiteral("m"), QStringLiteral("mutation { updatePost(input: {id: 1, patch: {headline: \"Renamed\"}}) { id } }"));
    QVERIFY(m.take(QStringLiteral("complete"), QStringLiteral("m")));
    const QJsonObject seen = payloadData(c.take(QStringLiteral("next"), QStringLiteral("u")), QStringLiteral("onUpdatePost"));
    QCOMPARE(seen.value(QStringLiteral("id")).toInt(), 1);
    QCOMPARE(seen.value(QStringLiteral("headline")).toString(), QStringLiteral("Renamed"));
    QCOMPARE(seen.value(QStringLiteral("author")).toObject().value(QStringLiteral("username")).toString(), QStringLiteral("johndoe"));
    QCOMPARE(seen.value(QStringLiteral("summary")).toString().size(), 6); // 5 characters and the ellipsis
    c.complete(QStringLiteral("u"));
    QTRY_COMPARE(m_pubsub->subscriberCount(), 0);
}

void TestSubscriptions::closeCodes()
{
    { // never sends connection_init
        WsClient c(QStringLiteral("graphql-transport-ws"));
        QVERIFY(c.open(m_port));
        QVERIFY(c.waitClosed(3000));
        QCOMPARE(c.closeCode(), 4408);
        QCOMPARE(c.closeReason(), QStringLiteral("Connection initialisation timeout"));
    }
    { // the legacy protocol too
        WsClient c(QStringLiteral("graphql-ws"));
        QVERIFY(c.open(m_port));
        QVERIFY(c.waitClosed(3000));
        QCOMPARE(c.closeCode(), 4408);
    }
    { // subscribe before the ack
        WsClient c(QStringLiteral("graphql-transport-ws"));
        QVERIFY(c.open(m_port));
        c.subscribe(QStringLiteral("1"), kOnCreatePost);
        QVERIFY(c.waitClosed());
        QCOMPARE(c.closeCode(), 4401);
    }
    { // two connection_init
        WsClient c(QStringLiteral("graphql-transport-ws"));
        QVERIFY(c.open(m_port));
        QVERIFY(c.init());
        c.send(QJsonObject{{QStringLiteral("type"), QStringLiteral("connection_init")}});
        QVERIFY(c.waitClosed());
        QCOMPARE(c.closeCode(), 4429);
    }
    { // the same id twice
        WsClient c(QStringLiteral("graphql-transport-ws"));
        QVERIFY(c.open(m_port));
        QVERIFY(c.init());
        c.subscribe(QStringLiteral("dup"), kOnCreatePost);
        c.subscribe(QStringLiteral("dup"), kOnCreatePost);
        QVERIFY(c.waitClosed());
        QCOMPARE(c.closeCode(), 4409);
        QTRY_COMPARE(m_pubsub->subscriberCount(), 0);
    }
    { // not JSON, unknown type, missing id
        for (const QString &bad : {QStringLiteral("nope"), QStringLiteral(R"({"type":"hello"})"), QStringLiteral(R"({"type":"subscribe","payload":{"query":"{x}"}})")}) {
            WsClient c(QStringLiteral("graphql-transport-ws"));
            QVERIFY(c.open(m_port));
            QVERIFY(c.init());
            c.sendRaw(bad);
            QVERIFY(c.waitClosed());
            QCOMPARE(c.closeCode(), 4400);
        }
    }
    { // ping → pong
        WsClient c(QStringLiteral("graphql-transport-ws"));
        QVERIFY(c.open(m_port));
        QVERIFY(c.init());
        c.send(QJsonObject{{QStringLiteral("type"), QStringLiteral("ping")}});
        QVERIFY(c.take(QStringLiteral("pong")));
    }
    QTRY_COMPARE(m_subs->connectionCount(), 0);
}

void TestSubscriptions::badToken()
{
    WsClient c(QStringLiteral("graphql-transport-ws"));
    QVERIFY(c.open(m_port));
    QString error;
    const QByteArray forged = identity::Jwt::sign(QJsonObject{{QStringLiteral("username"), QStringLiteral("johndoe")}},
                                                  identity::JwtAlgorithm::HS256, "another-secret-entirely-0123456789", &error);
    c.send(QJsonObject{{QStringLiteral("type"), QStringLiteral("connection_init")},
                       {QStringLiteral("payload"), QJsonObject{{QStringLiteral("authorization"), QStringLiteral("Bearer ") + QString::fromLatin1(forged)}}}});
    QVERIFY(c.waitClosed());
    QCOMPARE(c.closeCode(), 4403);
    QVERIFY2(c.closeReason().contains(QStringLiteral("invalid signature")), qPrintable(c.closeReason()));

    WsClient legacy(QStringLiteral("graphql-ws"));
    QVERIFY(legacy.open(m_port));
    legacy.send(QJsonObject{{QStringLiteral("type"), QStringLiteral("connection_init")},
                            {QStringLiteral("payload"), QJsonObject{{QStringLiteral("Authorization"), QStringLiteral("Basic abc")}}}});
    const auto ce = legacy.take(QStringLiteral("connection_error"));
    QVERIFY(ce);
    QVERIFY(legacy.waitClosed());
}

void TestSubscriptions::listenTopic()
{
    WsClient c(QStringLiteral("graphql-transport-ws"));
    QVERIFY(c.open(m_pgPort));
    QVERIFY(c.init());
    c.subscribe(QStringLiteral("l"),
                QStringLiteral("subscription { listen(topic: \"hello\") { relatedNodeId relatedNode { ... on Post { headline } } "
                               "query { postById(id: 1) { id } } } }"));
    QTRY_VERIFY(m_pgSubs->notifier() && m_pgSubs->notifier()->channels().contains(QStringLiteral("postgraphile:hello")));
    QTRY_VERIFY(m_pgSubs->notifier()->isConnected());

    // NOTIFY from another session, as psql would send it.
    pg::Connection psql;
    QVERIFY(psql.open(m_db.conninfo()));
    QVERIFY(psql.exec(QStringLiteral("select pg_notify('postgraphile:hello', json_build_object('__node__', json_build_array('posts', 1))::text)")).ok());
    const auto n = c.take(QStringLiteral("next"), QStringLiteral("l"));
    QVERIFY(n);
    const QJsonObject listen = payloadData(n, QStringLiteral("listen"));
    QCOMPARE(listen.value(QStringLiteral("relatedNodeId")).toString(), QString::fromLatin1(QByteArray(R"(["posts",1])").toBase64()));
    const pg::Result headline = psql.exec(QStringLiteral("select headline from forum_example.post where id = 1"));
    QCOMPARE(listen.value(QStringLiteral("relatedNode")).toObject().value(QStringLiteral("headline")).toString(), headline.text(0, 0));
    QCOMPARE(listen.value(QStringLiteral("query")).toObject().value(QStringLiteral("postById")).toObject().value(QStringLiteral("id")).toInt(), 1);

    // A plain payload: no node.
    QVERIFY(psql.exec(QStringLiteral("notify \"postgraphile:hello\", 'just text'")).ok());
    const QJsonObject plain = payloadData(c.take(QStringLiteral("next"), QStringLiteral("l")), QStringLiteral("listen"));
    QVERIFY(plain.value(QStringLiteral("relatedNodeId")).isNull());
    QVERIFY(plain.value(QStringLiteral("relatedNode")).isNull());
    // Other topics do not arrive.
    QVERIFY(psql.exec(QStringLiteral("notify \"postgraphile:other\", 'x'")).ok());
    QTest::qWait(200);
    QCOMPARE(c.count(QStringLiteral("next")), 0);
    c.complete(QStringLiteral("l"));
    QTRY_VERIFY(!m_pgSubs->notifier()->channels().contains(QStringLiteral("postgraphile:hello")));

    // The appsync preset has no Node: ListenPayload is `query` alone, as pg-pubsub makes it; the
    // initial event arrives at once; `query` is read as the subscriber (RLS hides post 2, a help post
    // of someone else, from an anonymous subscriber).
    WsClient a(QStringLiteral("graphql-ws"));
    QVERIFY(a.open(m_port));
    QVERIFY(a.init());
    a.subscribe(QStringLiteral("q"), QStringLiteral("subscription { listen(topic: \"news\", initialEvent: true) { "
                                                    "__typename query { post(id: 1) { id } hidden: post(id: 2) { id } } } }"));
    const QJsonObject initial = payloadData(a.take(QStringLiteral("data"), QStringLiteral("q")), QStringLiteral("listen"));
    QCOMPARE(initial.value(QStringLiteral("__typename")).toString(), QStringLiteral("ListenPayload"));
    QCOMPARE(initial.value(QStringLiteral("query")).toObject().value(QStringLiteral("post")).toObject().value(QStringLiteral("id")).toInt(), 1);
    const pg::Result topic2 = psql.exec(QStringLiteral("select topic from forum_example.post where id = 2"));
    if (topic2.text(0, 0) == QLatin1String("help"))
        QVERIFY(initial.value(QStringLiteral("query")).toObject().value(QStringLiteral("hidden")).isNull());
    QTRY_VERIFY(m_subs->notifier()->channels().contains(QStringLiteral("postgraphile:news")));
    QVERIFY(psql.exec(QStringLiteral("notify \"postgraphile:news\", '{}'")).ok());
    QVERIFY(a.take(QStringLiteral("data"), QStringLiteral("q")));
    a.subscribe(QStringLiteral("n"), QStringLiteral("subscription { listen(topic: \"x\") { relatedNode { id } } }"));
    const auto noNode = a.take(QStringLiteral("error"), QStringLiteral("n"));
    QVERIFY(noNode);
    QVERIFY(noNode->value(QStringLiteral("payload")).toObject().value(QStringLiteral("message")).toString().contains(QStringLiteral("relatedNode")));
    a.complete(QStringLiteral("q"));
}

void TestSubscriptions::listenSurvivesReconnect()
{
    // The LISTEN session dies (as in a PostgreSQL restart); the notifier reconnects and listens again.
    pg::Notifier notifier(m_db.conninfo());
    notifier.setReconnectDelays(50, 400);
    QSignalSpy got(&notifier, &pg::Notifier::notification);
    QSignalSpy lost(&notifier, &pg::Notifier::connectionLost);
    QSignalSpy back(&notifier, &pg::Notifier::reconnected);
    QVERIFY2(notifier.start(), qPrintable(notifier.lastError()));
    QVERIFY(notifier.listen(QStringLiteral("refract test")));
    pg::Connection admin;
    QVERIFY(admin.open(m_db.conninfo()));
    QVERIFY(admin.exec(QStringLiteral("notify \"refract test\", 'one'")).ok());
    QTRY_COMPARE(got.size(), 1);
    QCOMPARE(got.at(0).at(1).toString(), QStringLiteral("one"));
    QVERIFY(admin.exec(QStringLiteral("select pg_terminate_backend(pid) from pg_stat_activity "
                                      "where query = 'listen \"refract test\"' and datname = current_database() and pid <> pg_backend_pid()")).ok());
    QTRY_VERIFY_WITH_TIMEOUT(lost.size() >= 1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(back.size() >= 1, 10000);
    QVERIFY(admin.exec(QStringLiteral("notify \"refract test\", 'two'")).ok());
    QTRY_COMPARE(got.size(), 2);
    QCOMPARE(got.at(1).at(1).toString(), QStringLiteral("two"));

    // The same through the server: a listen subscription resumes after its LISTEN session died.
    m_pgSubs->notifier()->setReconnectDelays(50, 400);
    WsClient c(QStringLiteral("graphql-transport-ws"));
    QVERIFY(c.open(m_pgPort));
    QVERIFY(c.init());
    c.subscribe(QStringLiteral("r"), QStringLiteral("subscription { listen(topic: \"restart\") { relatedNodeId } }"));
    QTRY_VERIFY(m_pgSubs->notifier()->isConnected() && m_pgSubs->notifier()->channels().contains(QStringLiteral("postgraphile:restart")));
    QSignalSpy serverBack(m_pgSubs->notifier(), &pg::Notifier::reconnected);
    QVERIFY(admin.exec(QStringLiteral("select pg_terminate_backend(pid) from pg_stat_activity "
                                      "where query like 'listen %' and datname = current_database() and pid <> pg_backend_pid()")).ok());
    QTRY_VERIFY_WITH_TIMEOUT(serverBack.size() >= 1, 10000);
    QVERIFY(admin.exec(QStringLiteral("notify \"postgraphile:restart\", '{\"__node__\":[\"posts\",3]}'")).ok());
    const QJsonObject after = payloadData(c.take(QStringLiteral("next"), QStringLiteral("r")), QStringLiteral("listen"));
    QCOMPARE(after.value(QStringLiteral("relatedNodeId")).toString(), QString::fromLatin1(QByteArray(R"(["posts",3])").toBase64()));
    c.complete(QStringLiteral("r"));
}

void TestSubscriptions::deleteEventsRespectRls()
{
    // After a delete the row is gone: each subscriber's view of it is read just before the delete,
    // as that subscriber, so a row RLS hides from a subscriber never reaches it on delete either.
    WsClient noah(QStringLiteral("graphql-transport-ws"));
    WsClient john(QStringLiteral("graphql-transport-ws"));
    QVERIFY(noah.open(m_port));
    QVERIFY(john.open(m_port));
    QVERIFY(noah.init(QStringLiteral("noah_k")));
    QVERIFY(john.init(QStringLiteral("johndoe")));
    const QString onDelete = QStringLiteral("subscription { onDeletePost { id headline author { username } } }");
    noah.subscribe(QStringLiteral("d"), onDelete);
    john.subscribe(QStringLiteral("d"), onDelete);
    QTRY_COMPARE(m_pubsub->subscriberCount(), 2);

    const QString create = QStringLiteral("mutation($h: String!, $t: PostTopic) { createPost(input: {post: {authorUsername: \"johndoe\", "
                                          "headline: $h, topic: $t}}) { id } }");
    auto made = [&](const QString &headline, const QString &topic) {
        return runOverWs(QStringLiteral("johndoe"), create, QJsonObject{{QStringLiteral("h"), headline}, {QStringLiteral("t"), topic}})
            [QStringLiteral("data")][QStringLiteral("createPost")][QStringLiteral("id")].toInt();
    };
    const int publicPost = made(QStringLiteral("Deleted in public"), QStringLiteral("SHOWCASE"));
    const int helpPost = made(QStringLiteral("Deleted in private"), QStringLiteral("HELP"));
    QVERIFY(publicPost > 0 && helpPost > 0);
    const QString remove = QStringLiteral("mutation($id: Int!) { deletePost(input: {id: $id}) { id headline } }");

    // A public post: both get its last state, read as themselves.
    QJsonObject r = runOverWs(QStringLiteral("johndoe"), remove, QJsonObject{{QStringLiteral("id"), publicPost}});
    QCOMPARE(r[QStringLiteral("data")][QStringLiteral("deletePost")][QStringLiteral("id")].toInt(), publicPost);
    QVERIFY2(!QJsonDocument(r).toJson().contains("_refract"), QJsonDocument(r).toJson().constData());
    QJsonObject seen = payloadData(noah.take(QStringLiteral("next"), QStringLiteral("d")), QStringLiteral("onDeletePost"));
    QCOMPARE(seen.value(QStringLiteral("id")).toInt(), publicPost);
    QCOMPARE(seen.value(QStringLiteral("headline")).toString(), QStringLiteral("Deleted in public"));
    QCOMPARE(seen.value(QStringLiteral("author")).toObject().value(QStringLiteral("username")).toString(), QStringLiteral("johndoe"));
    QCOMPARE(payloadData(john.take(QStringLiteral("next"), QStringLiteral("d")), QStringLiteral("onDeletePost")), seen);

    // A help post only its author may see: only johndoe hears of its deletion.
    r = runOverWs(QStringLiteral("johndoe"), remove, QJsonObject{{QStringLiteral("id"), helpPost}});
    QCOMPARE(r[QStringLiteral("data")][QStringLiteral("deletePost")][QStringLiteral("id")].toInt(), helpPost);
    seen = payloadData(john.take(QStringLiteral("next"), QStringLiteral("d")), QStringLiteral("onDeletePost"));
    QCOMPARE(seen.value(QStringLiteral("headline")).toString(), QStringLiteral("Deleted in private"));
    QTest::qWait(300);
    QCOMPARE(noah.count(QStringLiteral("next")), 0);

    // A delete that deletes nothing (RLS: noah may not delete johndoe's post; or no such row) sends nothing.
    const int another = made(QStringLiteral("Not noah's to delete"), QStringLiteral("SHOWCASE"));
    runOverWs(QStringLiteral("noah_k"), remove, QJsonObject{{QStringLiteral("id"), another}});
    runOverWs(QStringLiteral("johndoe"), remove, QJsonObject{{QStringLiteral("id"), 999999}});
    QTest::qWait(300);
    QCOMPARE(noah.count(QStringLiteral("next")), 0);
    QCOMPARE(john.count(QStringLiteral("next")), 0);
    noah.complete(QStringLiteral("d"));
    john.complete(QStringLiteral("d"));
    QTRY_COMPARE(m_pubsub->subscriberCount(), 0);
}

void TestSubscriptions::slowReadDoesNotStallOthers()
{
    // Database work of WebSocket clients runs on reader threads: a client whose query takes a
    // second does not hold up another client's traffic on the socket thread.
    WsClient slow(QStringLiteral("graphql-transport-ws"));
    WsClient quick(QStringLiteral("graphql-transport-ws"));
    QVERIFY(slow.open(m_port));
    QVERIFY(quick.open(m_port));
    QVERIFY(slow.init(QStringLiteral("johndoe")));
    QVERIFY(quick.init(QStringLiteral("noah_k")));
    pg::Connection admin;
    QVERIFY(admin.open(m_db.conninfo()));
    // The slow client's insert waits for a lock: its foreign key check needs johndoe's row, which
    // another session holds FOR UPDATE.
    QVERIFY(admin.exec(QStringLiteral("begin")).ok());
    QVERIFY(admin.exec(QStringLiteral("select * from forum_example.person where username = 'johndoe' for update")).ok());
    slow.subscribe(QStringLiteral("s"), kCreatePost, QJsonObject{{QStringLiteral("h"), QStringLiteral("Slow")}, {QStringLiteral("t"), QStringLiteral("DISCUSSION")}});
    QTest::qWait(100);
    QElapsedTimer t;
    t.start();
    quick.send(QJsonObject{{QStringLiteral("type"), QStringLiteral("ping")}});
    QVERIFY(quick.take(QStringLiteral("pong"), QString(), 5000));
    const qint64 pingMs = t.elapsed();
    quick.subscribe(QStringLiteral("q"), QStringLiteral("{ post(id: 1) { id } }"));
    QVERIFY(quick.take(QStringLiteral("next"), QStringLiteral("q"), 5000));
    const qint64 queryMs = t.elapsed();
    QTest::qWait(500);
    QCOMPARE(slow.count(QStringLiteral("next")), 0); // still waiting for the lock
    QVERIFY(admin.exec(QStringLiteral("commit")).ok());
    const auto done = slow.take(QStringLiteral("next"), QStringLiteral("s"), 10000);
    QVERIFY(done);
    QVERIFY2(pingMs < 400 && queryMs < 2000, qPrintable(QStringLiteral("ping %1 ms, query %2 ms").arg(pingMs).arg(queryMs)));
}

QTEST_GUILESS_MAIN(TestSubscriptions)
#include "tst_subscriptions.moc"
