#include "../pg/testdatabase.h"

#include <exec/engine.h>
#include <net/lambdaevent.h>
#include <net/localserver.h>
#include <pg/connectionpool.h>
#include <reflect/reflectoptions.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

// The AppSync Direct Lambda contract against the demo forum (appsync preset): events shaped as
// AppSync sends them, with and without fragments, arguments, nested variables and identities, and
// the errors AppSync gets back.
using namespace refract;

namespace {

using refract::test::sourceDir;

QJsonObject cognito(const QString &username)
{
    return QJsonObject{{QStringLiteral("sub"), QStringLiteral("0000-") + username},
                       {QStringLiteral("username"), username},
                       {QStringLiteral("issuer"), QStringLiteral("https://cognito-idp.eu-west-1.amazonaws.com/pool")},
                       {QStringLiteral("sourceIp"), QJsonArray{QStringLiteral("203.0.113.7")}},
                       {QStringLiteral("defaultAuthStrategy"), QStringLiteral("ALLOW")},
                       {QStringLiteral("claims"), QJsonObject{{QStringLiteral("cognito:username"), username},
                                                              {QStringLiteral("email"), username + QStringLiteral("@example.com")}}}};
}

QJsonObject appSyncEvent(const QString &parent, const QString &field, const QString &selection, const QStringList &list,
                  const QJsonObject &arguments = {}, const QJsonValue &identity = QJsonValue(QJsonValue::Null),
                  const QJsonObject &variables = {})
{
    return QJsonObject{
        {QStringLiteral("arguments"), arguments},
        {QStringLiteral("identity"), identity},
        {QStringLiteral("source"), QJsonValue(QJsonValue::Null)},
        {QStringLiteral("request"), QJsonObject{{QStringLiteral("headers"), QJsonObject{{QStringLiteral("host"), QStringLiteral("x.appsync-api.eu-west-1.amazonaws.com")}}}}},
        {QStringLiteral("prev"), QJsonValue(QJsonValue::Null)},
        {QStringLiteral("stash"), QJsonObject{}},
        {QStringLiteral("info"), QJsonObject{{QStringLiteral("parentTypeName"), parent},
                                             {QStringLiteral("fieldName"), field},
                                             {QStringLiteral("selectionSetGraphQL"), selection},
                                             {QStringLiteral("selectionSetList"), QJsonArray::fromStringList(list)},
                                             {QStringLiteral("variables"), variables}}},
    };
}

} // namespace

class TestLambdaEvent : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void queryWithArguments();
    void identityReachesRls();
    void namedFragments();
    void nestedVariables();
    void mutationAsCaller();
    void mutationDeniedByRls();
    void badEvents_data();
    void badEvents();
    void validationErrorsKeepEveryError();
    void httpRoute();

private:
    QJsonValue ok(const QJsonObject &e);

    test::TestDatabase m_db;
    exec::Engine m_engine;
    pg::Connection m_conn;
    std::unique_ptr<net::LambdaEvent> m_lambda;
};

void TestLambdaEvent::initTestCase()
{
    if (!test::hasPgEnvironment())
        QSKIP("no PostgreSQL environment (PGHOST/PGPORT/PGDATABASE); scripts/test provides one");
    QVERIFY2(m_db.create(QStringLiteral("tst_lambdaevent")), qPrintable(m_db.error()));
    QVERIFY2(m_conn.open(m_db.conninfo()), qPrintable(m_conn.lastError().toString()));
    QFile f(sourceDir() + QStringLiteral("/resources/demo/forum_demo.sql"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const pg::Result r = m_conn.exec(QString::fromUtf8(f.readAll()));
    QVERIFY2(r.ok(), qPrintable(r.error().toString()));
    QString error;
    QVERIFY2(m_engine.load(m_conn, {QStringLiteral("forum_example")}, reflect::Preset::AppSync,
                           reflect::ReflectOptions::defaultsFor(reflect::Preset::AppSync), &error), qPrintable(error));
    m_lambda = std::make_unique<net::LambdaEvent>(m_engine, QStringLiteral("forum_example_person"));
}

QJsonValue TestLambdaEvent::ok(const QJsonObject &e)
{
    const net::LambdaEvent::Result r = m_lambda->handle(e, m_conn);
    if (!r.ok)
        qWarning("%s", r.json.constData());
    return r.ok ? QJsonDocument::fromJson("[" + r.json + "]").array().at(0) : QJsonValue(QJsonValue::Undefined);
}

void TestLambdaEvent::queryWithArguments()
{
    const QJsonValue v = ok(appSyncEvent(QStringLiteral("Query"), QStringLiteral("post"), QStringLiteral("{\n  id\n  headline\n  topic\n}"),
                                  {QStringLiteral("id"), QStringLiteral("headline"), QStringLiteral("topic")},
                                  QJsonObject{{QStringLiteral("id"), 1}}));
    QCOMPARE(v.toObject().value(QStringLiteral("id")).toInt(), 1);
    QCOMPARE(v.toObject().value(QStringLiteral("headline")).toString(), QStringLiteral("Welcome to the forum"));
    QCOMPARE(v.toObject().value(QStringLiteral("topic")).toString(), QStringLiteral("DISCUSSION"));
    // A list field with its arguments; a scalar answer for a missing row is null, not an error.
    const QJsonValue list = ok(appSyncEvent(QStringLiteral("Query"), QStringLiteral("posts"), QStringLiteral("{ id }"), {QStringLiteral("id")},
                                     QJsonObject{{QStringLiteral("first"), 2}, {QStringLiteral("orderBy"), QJsonArray{QStringLiteral("ID_DESC")}}}));
    QCOMPARE(list.toArray().size(), 2);
    QVERIFY(list.toArray().at(0).toObject().value(QStringLiteral("id")).toInt() > list.toArray().at(1).toObject().value(QStringLiteral("id")).toInt());
    QVERIFY(ok(appSyncEvent(QStringLiteral("Query"), QStringLiteral("post"), QStringLiteral("{ id }"), {QStringLiteral("id")},
                     QJsonObject{{QStringLiteral("id"), 999999}})).isNull());
}

void TestLambdaEvent::identityReachesRls()
{
    const QJsonValue me = ok(appSyncEvent(QStringLiteral("Query"), QStringLiteral("currentPerson"), QStringLiteral("{ username firstName }"),
                                   {QStringLiteral("username"), QStringLiteral("firstName")}, {}, cognito(QStringLiteral("noah_k"))));
    QCOMPARE(me.toObject().value(QStringLiteral("username")).toString(), QStringLiteral("noah_k"));
    // API-key calls have a null identity: no username setting, so no current person.
    QVERIFY(ok(appSyncEvent(QStringLiteral("Query"), QStringLiteral("currentPerson"), QStringLiteral("{ username }"), {QStringLiteral("username")})).isNull());
}

void TestLambdaEvent::namedFragments()
{
    // AppSync's selectionSetGraphQL keeps the spreads but not the fragment definitions; the
    // selectionSetList has every field the fragments select.
    const QJsonValue v = ok(appSyncEvent(QStringLiteral("Query"), QStringLiteral("post"),
                                  QStringLiteral("{\n  ...PostParts\n  author {\n    ...PersonParts\n    id\n  }\n  ... on Post {\n    topic\n  }\n}"),
                                  {QStringLiteral("id"), QStringLiteral("headline"), QStringLiteral("author"), QStringLiteral("author/username"),
                                   QStringLiteral("author/fullName"), QStringLiteral("author/id"), QStringLiteral("topic")},
                                  QJsonObject{{QStringLiteral("id"), 1}}));
    const QJsonObject post = v.toObject();
    QCOMPARE(post.value(QStringLiteral("id")).toInt(), 1);
    QCOMPARE(post.value(QStringLiteral("headline")).toString(), QStringLiteral("Welcome to the forum"));
    QCOMPARE(post.value(QStringLiteral("topic")).toString(), QStringLiteral("DISCUSSION"));
    QCOMPARE(post.value(QStringLiteral("author")).toObject().value(QStringLiteral("username")).toString(), QStringLiteral("johndoe"));
    QCOMPARE(post.value(QStringLiteral("author")).toObject().value(QStringLiteral("fullName")).toString(), QStringLiteral("John Doe"));
    QVERIFY(post.value(QStringLiteral("author")).toObject().value(QStringLiteral("id")).toInt() > 0);

    QJsonObject vars;
    QString error;
    const QString text = m_lambda->operationText(appSyncEvent(QStringLiteral("Query"), QStringLiteral("post"), QStringLiteral("{ ...P }"),
                                                       {QStringLiteral("id")}, QJsonObject{{QStringLiteral("id"), 1}}), &vars, &error);
    QVERIFY2(text.contains(QStringLiteral("fragment P on Post { id }")), qPrintable(text));
}

void TestLambdaEvent::nestedVariables()
{
    // `$n` appears only inside the selection set: the sample leaves it undeclared.
    const QJsonValue v = ok(appSyncEvent(QStringLiteral("Query"), QStringLiteral("personByUsername"),
                                  QStringLiteral("{ username posts(first: $n) { id } }"),
                                  {QStringLiteral("username"), QStringLiteral("posts"), QStringLiteral("posts/id")},
                                  QJsonObject{{QStringLiteral("username"), QStringLiteral("johndoe")}}, QJsonValue(QJsonValue::Null),
                                  QJsonObject{{QStringLiteral("n"), 1}, {QStringLiteral("unused"), true}}));
    QCOMPARE(v.toObject().value(QStringLiteral("posts")).toArray().size(), 1);
}

void TestLambdaEvent::mutationAsCaller()
{
    const QJsonValue v = ok(appSyncEvent(QStringLiteral("Mutation"), QStringLiteral("createPost"), QStringLiteral("{ id headline author { username } }"),
                                  {QStringLiteral("id"), QStringLiteral("headline"), QStringLiteral("author"), QStringLiteral("author/username")},
                                  QJsonObject{{QStringLiteral("input"), QJsonObject{{QStringLiteral("post"), QJsonObject{
                                      {QStringLiteral("authorUsername"), QStringLiteral("johndoe")},
                                      {QStringLiteral("headline"), QStringLiteral("From a Lambda event")}}}}}},
                                  cognito(QStringLiteral("johndoe"))));
    QCOMPARE(v.toObject().value(QStringLiteral("headline")).toString(), QStringLiteral("From a Lambda event"));
    QCOMPARE(v.toObject().value(QStringLiteral("author")).toObject().value(QStringLiteral("username")).toString(), QStringLiteral("johndoe"));
    const pg::Result r = m_conn.exec(QStringLiteral("select count(*) from forum_example.post where headline = 'From a Lambda event'"));
    QCOMPARE(r.text(0, 0), QStringLiteral("1"));
}

void TestLambdaEvent::mutationDeniedByRls()
{
    const net::LambdaEvent::Result r = m_lambda->handle(
        appSyncEvent(QStringLiteral("Mutation"), QStringLiteral("createPost"), QStringLiteral("{ id }"), {QStringLiteral("id")},
              QJsonObject{{QStringLiteral("input"), QJsonObject{{QStringLiteral("post"), QJsonObject{
                  {QStringLiteral("authorUsername"), QStringLiteral("johndoe")}, {QStringLiteral("headline"), QStringLiteral("Impersonation")}}}}}},
              cognito(QStringLiteral("noah_k"))),
        m_conn);
    QVERIFY(!r.ok);
    QVERIFY(!r.badEvent);
    const QJsonObject e = QJsonDocument::fromJson(r.json).object();
    QCOMPARE(e.value(QStringLiteral("errorType")).toString(), QStringLiteral("ExecutionError"));
    QVERIFY2(e.value(QStringLiteral("errorMessage")).toString().contains(QStringLiteral("row-level security")), r.json.constData());
    QCOMPARE(e.value(QStringLiteral("errors")).toArray().at(0).toObject().value(QStringLiteral("extensions")).toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("42501"));
    QVERIFY(e.value(QStringLiteral("data")).isNull());
    const pg::Result count = m_conn.exec(QStringLiteral("select count(*) from forum_example.post where headline = 'Impersonation'"));
    QCOMPARE(count.text(0, 0), QStringLiteral("0"));
}

void TestLambdaEvent::badEvents_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");
    const auto ev = [](const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); };
    QTest::newRow("not json") << QByteArray("{\"info\":") << QStringLiteral("not JSON");
    QTest::newRow("array") << QByteArray("[1]") << QStringLiteral("must be a JSON object");
    QTest::newRow("no info") << QByteArray("{}") << QStringLiteral("no info.parentTypeName");
    QTest::newRow("subscription") << ev(appSyncEvent(QStringLiteral("Subscription"), QStringLiteral("onCreatePost"), QStringLiteral("{ id }"), {}))
                                  << QStringLiteral("not Subscription");
    QTest::newRow("unknown field") << ev(appSyncEvent(QStringLiteral("Query"), QStringLiteral("nope"), QStringLiteral("{ id }"), {}))
                                   << QStringLiteral("Cannot query field \"nope\" on type \"Query\"");
    QTest::newRow("unknown argument") << ev(appSyncEvent(QStringLiteral("Query"), QStringLiteral("post"), QStringLiteral("{ id }"), {},
                                                  QJsonObject{{QStringLiteral("id"), 1}, {QStringLiteral("x"), 2}}))
                                      << QStringLiteral("Unknown argument \"x\"");
    QTest::newRow("arguments not object") << ev(QJsonObject{{QStringLiteral("arguments"), 3},
                                                            {QStringLiteral("info"), QJsonObject{{QStringLiteral("parentTypeName"), QStringLiteral("Query")},
                                                                                                 {QStringLiteral("fieldName"), QStringLiteral("post")}}}})
                                          << QStringLiteral("arguments must be an object");
    QTest::newRow("broken selection") << ev(appSyncEvent(QStringLiteral("Query"), QStringLiteral("post"), QStringLiteral("{ id "), {},
                                                  QJsonObject{{QStringLiteral("id"), 1}}))
                                      << QStringLiteral("not a selection set");
    QTest::newRow("empty selection") << ev(appSyncEvent(QStringLiteral("Query"), QStringLiteral("post"), QString(), {}, QJsonObject{{QStringLiteral("id"), 1}}))
                                     << QStringLiteral("is empty");
    QTest::newRow("fragment without fields") << ev(appSyncEvent(QStringLiteral("Query"), QStringLiteral("post"), QStringLiteral("{ ...F }"), {},
                                                         QJsonObject{{QStringLiteral("id"), 1}}))
                                             << QStringLiteral("Fragment \"F\" cannot be rebuilt");
}

void TestLambdaEvent::badEvents()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    const net::LambdaEvent::Result r = m_lambda->handle(json, m_conn);
    QVERIFY(!r.ok);
    QVERIFY(r.badEvent);
    const QJsonObject e = QJsonDocument::fromJson(r.json).object();
    QCOMPARE(e.value(QStringLiteral("errorType")).toString(), QStringLiteral("BadEvent"));
    QVERIFY2(e.value(QStringLiteral("errorMessage")).toString().contains(message), r.json.constData());
}

void TestLambdaEvent::validationErrorsKeepEveryError()
{
    const net::LambdaEvent::Result r = m_lambda->handle(
        appSyncEvent(QStringLiteral("Query"), QStringLiteral("post"), QStringLiteral("{ nope alsoNope }"), {}, QJsonObject{{QStringLiteral("id"), 1}}), m_conn);
    QVERIFY(!r.ok);
    const QJsonObject e = QJsonDocument::fromJson(r.json).object();
    QCOMPARE(e.value(QStringLiteral("errorType")).toString(), QStringLiteral("ValidationError"));
    QCOMPARE(e.value(QStringLiteral("errors")).toArray().size(), 2);
    QVERIFY(e.value(QStringLiteral("errorMessage")).toString().contains(QStringLiteral("nope")));
}

void TestLambdaEvent::httpRoute()
{
    pg::ConnectionPool pool(m_db.conninfo(), 1);
    QString error;
    QVERIFY2(pool.open(&error), qPrintable(error));
    net::LocalServerOptions options;
    options.threads = 1;
    net::LambdaEvent *lambda = m_lambda.get();
    options.graphql.appSyncEvent = [lambda, &pool](const net::HttpRequest &r) { return lambda->handleHttp(r, pool); };
    net::LocalServer server(m_engine, pool, options);
    QVERIFY2(server.listen(&error), qPrintable(error));
    QNetworkAccessManager nam;
    auto post = [&](const QByteArray &body, const QByteArray &contentType, int *status, QByteArray *functionError) {
        QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1/appsync-event").arg(server.port())));
        req.setRawHeader("Content-Type", contentType);
        QNetworkReply *reply = nam.post(req, body);
        QSignalSpy done(reply, &QNetworkReply::finished);
        done.wait(10000);
        *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        *functionError = reply->rawHeader("X-Amz-Function-Error");
        const QByteArray out = reply->readAll();
        reply->deleteLater();
        return out;
    };
    int status = 0;
    QByteArray fe;
    const QByteArray good = QJsonDocument(appSyncEvent(QStringLiteral("Query"), QStringLiteral("post"), QStringLiteral("{ id headline }"),
                                                       {QStringLiteral("id"), QStringLiteral("headline")}, QJsonObject{{QStringLiteral("id"), 1}}))
                                .toJson(QJsonDocument::Compact);
    QCOMPARE(QJsonDocument::fromJson(post(good, "application/json", &status, &fe)).object().value(QStringLiteral("id")).toInt(), 1);
    QCOMPARE(status, 200);
    QVERIFY(fe.isEmpty());
    const QByteArray bad = post("{\"info\":{}}", "application/json", &status, &fe);
    QCOMPARE(status, 400);
    QCOMPARE(fe, QByteArray("Unhandled"));
    QCOMPARE(QJsonDocument::fromJson(bad).object().value(QStringLiteral("errorType")).toString(), QStringLiteral("BadEvent"));
    post(good, "text/plain", &status, &fe);
    QCOMPARE(status, 415);
    const QByteArray invalid = QJsonDocument(appSyncEvent(QStringLiteral("Query"), QStringLiteral("post"), QStringLiteral("{ nope }"), {},
                                                          QJsonObject{{QStringLiteral("id"), 1}})).toJson(QJsonDocument::Compact);
    const QJsonObject e = QJsonDocument::fromJson(post(invalid, "application/json", &status, &fe)).object();
    QCOMPARE(status, 200);
    QCOMPARE(fe, QByteArray("Unhandled"));
    QCOMPARE(e.value(QStringLiteral("errorType")).toString(), QStringLiteral("ValidationError"));
}

QTEST_GUILESS_MAIN(TestLambdaEvent)
#include "tst_lambdaevent.moc"
