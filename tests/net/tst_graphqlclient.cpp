#include "../pg/testdatabase.h"

#include <graphql/schema.h>
#include <identity/jwt.h>
#include <net/graphqlclient.h>
#include <net/localservice.h>

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <functional>
#include <memory>
#include <optional>

// GraphQLClient over real sockets on 127.0.0.1: against the project's own server (LocalService over
// the forum example in a throwaway database) for introspection, results, HTTP errors with GraphQL
// bodies and headers; against raw QTcpServers for a refused port, a connection closed in the
// middle of a response, a non-JSON answer, a server that never answers (abort, timeout).
using namespace refract;
using net::GraphQLClient;
using net::GraphQLResponse;
using F = GraphQLResponse::Failure;

namespace {

using refract::test::sourceDir;

const QByteArray kSecret = "a-test-secret-of-some-length";

/// A raw HTTP peer: reads each connection's request, then does what `answer` says with the socket.
class RawServer : public QObject
{
public:
    explicit RawServer(std::function<void(QTcpSocket *)> answer)
        : m_answer(std::move(answer))
    {
        QVERIFY(m_server.listen(QHostAddress(QHostAddress::LocalHost), 0));
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                ++connections;
                auto buffer = std::make_shared<QByteArray>();
                connect(s, &QTcpSocket::readyRead, this, [this, s, buffer] {
                    *buffer += s->readAll();
                    // Answer once the headers and the announced body are in.
                    const qsizetype end = buffer->indexOf("\r\n\r\n");
                    if (end < 0 || buffer->isEmpty())
                        return;
                    const QByteArray lower = buffer->toLower();
                    const qsizetype cl = lower.indexOf("content-length:");
                    const qsizetype length = cl < 0 ? 0 : lower.mid(cl + 15, lower.indexOf('\r', cl) - cl - 15).trimmed().toLongLong();
                    if (buffer->size() < end + 4 + length)
                        return;
                    request = *buffer;
                    buffer->clear();
                    ++answered;
                    m_answer(s);
                });
            }
        });
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/graphql").arg(m_server.serverPort())); }

    QByteArray request; ///< the last one
    int answered = 0;
    int connections = 0;

private:
    QTcpServer m_server;
    std::function<void(QTcpSocket *)> m_answer;
};

/// Runs one request and waits for its callback.
std::optional<GraphQLResponse> send(GraphQLClient &client, const QString &query, const GraphQLClient::Headers &extra = {},
                                    int waitMs = 30000)
{
    std::optional<GraphQLResponse> out;
    int calls = 0;
    client.post(query, QString(), {}, extra, &client, [&](const GraphQLResponse &r) {
        out = r;
        ++calls;
    });
    QElapsedTimer t;
    t.start();
    while (!out && t.elapsed() < waitMs)
        QTest::qWait(10);
    QTest::qWait(20);
    if (calls > 1)
        qWarning("callback called %d times", calls);
    return calls == 1 ? out : std::nullopt;
}

} // namespace

class TestGraphQLClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void introspection();
    void queryResult();
    void httpErrorKeepsGraphQLBody();
    void headersReachTheServer();
    void unreachablePort();
    void badUrl();
    void closedMidResponse();
    void closedWithoutAnswer();
    void notJson();
    void abortAndTimeout();
    void introspectionRefused();

private:
    test::TestDatabase m_db;
    std::unique_ptr<net::LocalService> m_service;
    QUrl m_url;
};

void TestGraphQLClient::initTestCase()
{
    if (!test::hasPgEnvironment())
        QSKIP("no PostgreSQL environment (PGHOST/PGPORT/PGDATABASE); scripts/test provides one");
    QVERIFY2(m_db.create(QStringLiteral("tst_graphqlclient")), qPrintable(m_db.error()));
    pg::Connection c;
    QVERIFY2(c.open(m_db.conninfo()), qPrintable(c.lastError().toString()));
    QString error;
    QVERIFY2(test::loadForumExample(c, sourceDir() + QStringLiteral("/tests/fixtures/forum_example.sql"), &error), qPrintable(error));
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
    m_url = m_service->url();
    QCOMPARE(m_url.host(), QStringLiteral("127.0.0.1"));
}

void TestGraphQLClient::cleanupTestCase()
{
    if (m_service)
        m_service->close();
    m_service.reset();
}

void TestGraphQLClient::introspection()
{
    GraphQLClient client;
    client.setUrl(m_url);
    std::optional<net::IntrospectionOutcome> out;
    int calls = 0;
    client.introspect(&client, [&](const net::IntrospectionOutcome &o) {
        out = o;
        ++calls;
    });
    QVERIFY(client.isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(out.has_value(), 30000);
    QCOMPARE(calls, 1);
    QVERIFY(!client.isBusy());
    QVERIFY2(out->schema, qPrintable(out->error));
    QCOMPARE(out->response.status, 200);
    QVERIFY(out->response.body.contains("\"__schema\""));
    const graphql::Schema &remote = *out->schema;
    QCOMPARE(remote.queryTypeName(), QStringLiteral("Query"));
    QCOMPARE(remote.mutationTypeName(), QStringLiteral("Mutation"));
    for (const char *name : {"Person", "Post", "PostTopic", "PeopleConnection", "CreatePostInput", "Node"})
        QVERIFY2(remote.type(QLatin1String(name)), name);
    // The same types as the server's own schema (introspection types aside).
    QSet<QString> local, seen;
    for (const graphql::NamedType &t : m_service->engine().schema().types())
        if (!t.name.startsWith(QLatin1String("__")))
            local.insert(t.name);
    for (const graphql::NamedType &t : remote.types())
        if (!t.name.startsWith(QLatin1String("__")))
            seen.insert(t.name);
    QVERIFY(local.size() > 40);
    QCOMPARE(seen, local);
    const graphql::NamedType *person = remote.type(QStringLiteral("Person"));
    QVERIFY(person->field(QStringLiteral("username")));

    // The query text is graphql-js's getIntrospectionQuery().
    const QString q = GraphQLClient::introspectionQuery();
    QVERIFY(q.contains(QLatin1String("query IntrospectionQuery {")));
    QVERIFY(q.contains(QLatin1String("fragment TypeRef on __Type")));
}

void TestGraphQLClient::queryResult()
{
    GraphQLClient client;
    client.setUrl(m_url);
    const auto r = send(client, QStringLiteral("{ allPosts(first: 2, orderBy: ID_ASC) { totalCount nodes { id author { username } } } }"));
    QVERIFY(r);
    QVERIFY2(r->ok(), qPrintable(r->error));
    QCOMPARE(r->status, 200);
    QVERIFY(r->error.isEmpty());
    QVERIFY(r->hasGraphQLBody());
    QVERIFY(r->elapsedMs >= 0 && r->elapsedMs < 30000);
    const QJsonObject posts = QJsonDocument::fromJson(r->body).object()[QStringLiteral("data")][QStringLiteral("allPosts")].toObject();
    QCOMPARE(posts[QStringLiteral("totalCount")].toInt(), 30);
    QCOMPARE(posts[QStringLiteral("nodes")].toArray().size(), 2);
    QCOMPARE(posts[QStringLiteral("nodes")][0][QStringLiteral("author")][QStringLiteral("username")].toString(), QStringLiteral("johndoe"));

    // Variables and the operation name travel in the body.
    std::optional<GraphQLResponse> v;
    client.post(QStringLiteral("query A { x: postById(id: 1) { id } } query B($id: Int!) { postById(id: $id) { id headline } }"),
                QStringLiteral("B"), QJsonObject{{QStringLiteral("id"), 3}}, {}, nullptr, [&](const GraphQLResponse &resp) { v = resp; });
    QTRY_VERIFY_WITH_TIMEOUT(v.has_value(), 30000);
    QVERIFY2(v->ok(), v->body.constData());
    QCOMPARE(QJsonDocument::fromJson(v->body).object()[QStringLiteral("data")][QStringLiteral("postById")][QStringLiteral("id")].toInt(), 3);
}

void TestGraphQLClient::httpErrorKeepsGraphQLBody()
{
    GraphQLClient client;
    client.setUrl(m_url);
    // Accept names application/graphql-response+json first: a request error answers 400.
    const auto r = send(client, QStringLiteral("{ noSuchField }"));
    QVERIFY(r);
    QCOMPARE(r->failure, F::Http);
    QCOMPARE(r->status, 400);
    QVERIFY2(r->error.contains(QLatin1String("400")), qPrintable(r->error));
    QVERIFY(r->hasGraphQLBody());
    const QJsonArray errors = QJsonDocument::fromJson(r->body).object()[QStringLiteral("errors")].toArray();
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors[0][QStringLiteral("message")].toString().contains(QLatin1String("noSuchField")), r->body.constData());
}

void TestGraphQLClient::headersReachTheServer()
{
    using identity::JwtAlgorithm;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QString error;
    const QByteArray johndoe = identity::Jwt::sign(QJsonObject{{QStringLiteral("cognito:username"), QStringLiteral("johndoe")},
                                                               {QStringLiteral("exp"), now + 600}},
                                                   JwtAlgorithm::HS256, kSecret, &error);
    QVERIFY2(!johndoe.isEmpty(), qPrintable(error));
    const QByteArray expired = identity::Jwt::sign(QJsonObject{{QStringLiteral("cognito:username"), QStringLiteral("johndoe")},
                                                               {QStringLiteral("exp"), now - 60}},
                                                   JwtAlgorithm::HS256, kSecret, &error);
    const QString query = QStringLiteral("{ currentPerson { username } }");
    auto who = [](const GraphQLResponse &r) {
        return QJsonDocument::fromJson(r.body).object()[QStringLiteral("data")][QStringLiteral("currentPerson")][QStringLiteral("username")];
    };

    GraphQLClient client;
    client.setUrl(m_url);
    auto anonymous = send(client, query);
    QVERIFY(anonymous && anonymous->status == 200);
    // No token: the default role without the identity setting, so no current person.
    QVERIFY2(!who(*anonymous).isString(), anonymous->body.constData());

    // The endpoint's header: the token's identity.
    client.setHeaders({{QStringLiteral("Authorization"), QStringLiteral("Bearer ") + QString::fromLatin1(johndoe)}});
    auto asJohn = send(client, query);
    QVERIFY(asJohn && asJohn->ok());
    QCOMPARE(who(*asJohn).toString(), QStringLiteral("johndoe"));

    // A request's own header (the tab's headers editor) wins over the endpoint's, whatever its case.
    auto asExpired = send(client, query, {{QStringLiteral("authorization"), QStringLiteral("Bearer ") + QString::fromLatin1(expired)}});
    QVERIFY(asExpired);
    QCOMPARE(asExpired->failure, F::Http);
    QCOMPARE(asExpired->status, 401);
    QVERIFY(asExpired->hasGraphQLBody());
    QVERIFY2(asExpired->body.contains("jwt expired"), asExpired->body.constData());
}

void TestGraphQLClient::unreachablePort()
{
    quint16 port = 0;
    {
        QTcpServer probe; // a port that was free a moment ago and is closed now
        QVERIFY(probe.listen(QHostAddress(QHostAddress::LocalHost), 0));
        port = probe.serverPort();
    }
    GraphQLClient client;
    client.setUrl(QUrl(QStringLiteral("http://127.0.0.1:%1/graphql").arg(port)));
    const auto r = send(client, QStringLiteral("{ __typename }"));
    QVERIFY(r);
    QCOMPARE(r->failure, F::Unreachable);
    QCOMPARE(r->status, 0);
    QVERIFY2(r->error.contains(QStringLiteral("Cannot reach 127.0.0.1:%1").arg(port)), qPrintable(r->error));
    QVERIFY2(r->error.contains(QLatin1String("refused")), qPrintable(r->error));
}

void TestGraphQLClient::badUrl()
{
    GraphQLClient client;
    client.setUrl(QUrl(QStringLiteral("ftp://example.invalid/graphql")));
    bool inside = true;
    std::optional<GraphQLResponse> r;
    client.post(QStringLiteral("{ a }"), {}, {}, {}, nullptr, [&](const GraphQLResponse &resp) {
        QVERIFY(!inside); // never called from inside post()
        r = resp;
    });
    inside = false;
    QTRY_VERIFY(r.has_value());
    QCOMPARE(r->failure, F::Unreachable);
    QVERIFY2(r->error.contains(QLatin1String("http")), qPrintable(r->error));
}

void TestGraphQLClient::closedMidResponse()
{
    RawServer raw([](QTcpSocket *s) {
        s->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"data\":{\"a\":");
        s->flush();
        s->waitForBytesWritten(1000);
        s->close();
    });
    GraphQLClient client;
    client.setUrl(raw.url());
    const auto r = send(client, QStringLiteral("{ a }"));
    QVERIFY(r);
    QVERIFY(raw.answered >= 1);
    QVERIFY(raw.request.startsWith("POST /graphql HTTP/1.1"));
    QVERIFY(raw.request.toLower().contains("accept: application/graphql-response+json, application/json"));
    QVERIFY(raw.request.toLower().contains("content-type: application/json"));
    QCOMPARE(r->failure, F::Closed);
    QVERIFY2(r->error.contains(QLatin1String("middle of the response")), qPrintable(r->error));
}

void TestGraphQLClient::closedWithoutAnswer()
{
    RawServer raw([](QTcpSocket *s) { s->close(); });
    GraphQLClient client;
    client.setUrl(raw.url());
    const auto r = send(client, QStringLiteral("{ a }"));
    QVERIFY(r);
    QVERIFY(!r->ok());
    QCOMPARE(r->status, 0);
    QVERIFY2(r->failure == F::Closed || r->failure == F::Network, qPrintable(r->error));
    QVERIFY2(r->error.contains(QLatin1String("127.0.0.1")), qPrintable(r->error));
}

void TestGraphQLClient::notJson()
{
    RawServer raw([](QTcpSocket *s) {
        s->write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 26\r\n\r\n<html>Login page</html>\r\n\r\n");
        s->flush();
    });
    GraphQLClient client;
    client.setUrl(raw.url());
    const auto r = send(client, QStringLiteral("{ a }"));
    QVERIFY(r);
    QCOMPARE(r->failure, F::NotJson);
    QCOMPARE(r->status, 200);
    QVERIFY(r->body.startsWith("<html>"));
    QVERIFY2(r->error.contains(QLatin1String("text/html")) && r->error.contains(QLatin1String("Login page")), qPrintable(r->error));
}

void TestGraphQLClient::abortAndTimeout()
{
    RawServer silent([](QTcpSocket *) {}); // reads the request, never answers
    GraphQLClient client;
    client.setUrl(silent.url());
    std::optional<GraphQLResponse> r;
    int calls = 0;
    const quint64 id = client.post(QStringLiteral("{ a }"), {}, {}, {}, nullptr, [&](const GraphQLResponse &resp) {
        r = resp;
        ++calls;
    });
    QTRY_VERIFY_WITH_TIMEOUT(silent.answered > 0, 10000); // the request reached the server
    QVERIFY(!r);
    QElapsedTimer t;
    t.start();
    client.abort(id);
    QTRY_VERIFY_WITH_TIMEOUT(r.has_value(), 2000);
    QVERIFY(t.elapsed() < 1000);
    QCOMPARE(r->failure, F::Aborted);
    QVERIFY(!client.isBusy());
    client.abort(id); // again: nothing happens
    QTest::qWait(50);
    QCOMPARE(calls, 1);

    RawServer silent2([](QTcpSocket *) {});
    client.setUrl(silent2.url());
    client.setTimeout(400);
    const auto late = send(client, QStringLiteral("{ a }"), {}, 10000);
    QVERIFY(late);
    QCOMPARE(late->failure, F::Timeout);
    QVERIFY2(late->error.contains(QLatin1String("0.4 s")), qPrintable(late->error));

    // Aborting an introspection ends it too.
    RawServer silent3([](QTcpSocket *) {});
    client.setUrl(silent3.url());
    client.setTimeout(30000);
    std::optional<net::IntrospectionOutcome> io;
    const quint64 iid = client.introspect(nullptr, [&](const net::IntrospectionOutcome &o) { io = o; });
    QTRY_VERIFY_WITH_TIMEOUT(silent3.answered > 0, 10000);
    QVERIFY(silent3.request.contains("IntrospectionQuery"));
    client.abortAll();
    QTRY_VERIFY_WITH_TIMEOUT(io.has_value(), 2000);
    Q_UNUSED(iid);
    QVERIFY(!io->schema);
    QCOMPARE(io->response.failure, F::Aborted);
}

void TestGraphQLClient::introspectionRefused()
{
    RawServer raw([](QTcpSocket *s) {
        const QByteArray body = R"({"errors":[{"message":"GraphQL introspection is not allowed"}]})";
        s->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        s->flush();
    });
    GraphQLClient client;
    client.setUrl(raw.url());
    std::optional<net::IntrospectionOutcome> out;
    client.introspect(nullptr, [&](const net::IntrospectionOutcome &o) { out = o; });
    QTRY_VERIFY_WITH_TIMEOUT(out.has_value(), 10000);
    QVERIFY(!out->schema);
    QVERIFY2(out->error.contains(QLatin1String("introspection is not allowed")), qPrintable(out->error));
}

QTEST_GUILESS_MAIN(TestGraphQLClient)
#include "tst_graphqlclient.moc"
