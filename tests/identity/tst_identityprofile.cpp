#include <identity/identityprofile.h>
#include <identity/memorysecretstore.h>

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace refract::identity;
using Settings = QList<QPair<QString, QString>>;

namespace {

QJsonObject json(const char *text) { return QJsonDocument::fromJson(QByteArray(text)).object(); }
QPair<QString, QString> kv(const char *k, const char *v) { return qMakePair(QString::fromUtf8(k), QString::fromUtf8(v)); }

const char *johndoe = R"({
  "name": "johndoe", "description": "the sample Cognito user",
  "claims": {"username": "johndoe"},
  "role": "forum_example_person", "defaultRole": "forum_example_anonymous",
  "claimsMapping": "appsync", "signingKeyId": "refract/forum/jwt", "signingAlgorithm": "HS384",
  "tokenLifetime": 3600, "audience": "postgraphile"})";

} // namespace

class TestIdentityProfile : public QObject
{
    Q_OBJECT

private slots:
    void parsesAndRoundTrips();
    void settingsUseFixedRole();
    void roleClaimAndDefaultRole();
    void customMapping();
    void errors_data();
    void errors();
    void saveAndLoad();
    void mintsVerifiableTokens();
    void signsWithTheSecretStore();
};

void TestIdentityProfile::parsesAndRoundTrips()
{
    QString error;
    const auto p = IdentityProfile::fromJson(json(johndoe), &error);
    QVERIFY2(p, qPrintable(error));
    QCOMPARE(p->name, QStringLiteral("johndoe"));
    QCOMPARE(p->role, QStringLiteral("forum_example_person"));
    QCOMPARE(p->claimsMapping, QStringLiteral("appsync"));
    QCOMPARE(p->signingAlgorithm, JwtAlgorithm::HS384);
    QCOMPARE(p->tokenLifetimeSecs, 3600);
    const auto again = IdentityProfile::fromJson(p->toJson(), &error);
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(again->toJson(), p->toJson());
    // The key reference is stored, never a key.
    QVERIFY(!QJsonDocument(p->toJson()).toJson().contains("secret\""));
}

void TestIdentityProfile::settingsUseFixedRole()
{
    QString error;
    const auto p = IdentityProfile::fromJson(json(johndoe), &error);
    const auto s = p->settings(&error);
    QVERIFY2(s, qPrintable(error));
    QCOMPARE(s->front(), kv("role", "forum_example_person"));
    QVERIFY(s->contains(kv("appsync.identity_username", "johndoe")));
    // A fixed role wins over a role claim.
    IdentityProfile q = *p;
    q.claimsMapping = QStringLiteral("postgraphile");
    q.claims = json(R"({"role":"postgres","user_id":2})");
    QCOMPARE(q.settings(&error)->front(), kv("role", "forum_example_person"));
    QVERIFY(q.settings(&error)->contains(kv("jwt.claims.user_id", "2")));
}

void TestIdentityProfile::roleClaimAndDefaultRole()
{
    QString error;
    auto p = IdentityProfile::fromJson(json(R"({"name":"t","claims":{"grp":{"r":"editor"}},"roleClaim":["grp","r"],
                                                 "defaultRole":"anon","claimsMapping":"supabase"})"), &error);
    QVERIFY2(p, qPrintable(error));
    QCOMPARE(p->settings(&error)->front(), kv("role", "editor"));
    p->claims = QJsonObject();
    QCOMPARE(p->settings(&error)->front(), kv("role", "anon"));
    p->claims = json(R"({"grp":{"r":7}})");
    QVERIFY(!p->settings(&error));
    QVERIFY(error.contains(QStringLiteral("must be a string")));
    // An anonymous profile without any role runs as the login role: no role setting.
    const auto anon = IdentityProfile::fromJson(json(R"({"name":"anon","claimsMapping":"appsync"})"), &error);
    QCOMPARE(anon->settings(&error)->size(), 0);
}

void TestIdentityProfile::customMapping()
{
    QString error;
    const auto p = IdentityProfile::fromJson(json(R"({"name":"c","claims":{"uid":5},"defaultRole":"web",
        "claimsMapping":{"prefix":"my.claim_","fixed":{"my.app":"refract"}}})"), &error);
    QVERIFY2(p, qPrintable(error));
    QCOMPARE(*p->settings(&error), (Settings{kv("role", "web"), kv("my.claim_uid", "5"), kv("my.app", "refract")}));
    QCOMPARE(p->toJson().value(QStringLiteral("claimsMapping")).toObject().value(QStringLiteral("prefix")).toString(),
             QStringLiteral("my.claim_"));
}

void TestIdentityProfile::errors_data()
{
    QTest::addColumn<QByteArray>("profile");
    QTest::addColumn<QString>("contains");
    QTest::newRow("secret inline") << QByteArray(R"({"name":"x","jwtSecret":"hunter2"})") << QStringLiteral("never hold secrets");
    QTest::newRow("private key inline") << QByteArray(R"({"privateKey":"-----BEGIN"})") << QStringLiteral("never hold secrets");
    QTest::newRow("unknown key") << QByteArray(R"({"nmae":"x"})") << QStringLiteral("unknown key 'nmae'");
    QTest::newRow("claims type") << QByteArray(R"({"claims":[1]})") << QStringLiteral("'claims' must be a JSON object");
    QTest::newRow("role type") << QByteArray(R"({"role":1})") << QStringLiteral("'role' must be a string");
    QTest::newRow("mapping") << QByteArray(R"({"claimsMapping":"hasura"})") << QStringLiteral("unknown claims mapping 'hasura'");
    QTest::newRow("custom mapping") << QByteArray(R"({"claimsMapping":{"nested":"x"}})") << QStringLiteral("'nested'");
    QTest::newRow("algorithm") << QByteArray(R"({"signingAlgorithm":"none"})") << QStringLiteral("unsupported signing algorithm 'none'");
    QTest::newRow("lifetime") << QByteArray(R"({"tokenLifetime":-5})") << QStringLiteral("'tokenLifetime'");
    QTest::newRow("lifetime fraction") << QByteArray(R"({"tokenLifetime":1.5})") << QStringLiteral("'tokenLifetime'");
}

void TestIdentityProfile::errors()
{
    QFETCH(QByteArray, profile);
    QFETCH(QString, contains);
    QString error;
    QVERIFY(!IdentityProfile::fromJson(QJsonDocument::fromJson(profile).object(), &error));
    QVERIFY2(error.contains(contains), qPrintable(error));
    QVERIFY(!error.contains(QStringLiteral("hunter2")));
}

void TestIdentityProfile::saveAndLoad()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString error;
    const auto p = IdentityProfile::fromJson(json(johndoe), &error);
    const QString path = dir.filePath(QStringLiteral("johndoe.json"));
    QVERIFY2(p->save(path, &error), qPrintable(error));
    const auto loaded = IdentityProfile::load(path, &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->toJson(), p->toJson());
    QVERIFY(!IdentityProfile::load(dir.filePath(QStringLiteral("missing.json")), &error));
    QVERIFY(error.contains(QStringLiteral("cannot read")));
    QFile bad(dir.filePath(QStringLiteral("bad.json")));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("{ not json");
    bad.close();
    QVERIFY(!IdentityProfile::load(bad.fileName(), &error));
    QVERIFY2(error.contains(QStringLiteral("not JSON")), qPrintable(error));
}

void TestIdentityProfile::mintsVerifiableTokens()
{
    QString error;
    auto p = IdentityProfile::fromJson(json(R"({"name":"u","claims":{"user_id":3},"role":"forum_example_person",
        "claimsMapping":"postgraphile","signingAlgorithm":"HS256","tokenLifetime":60,"audience":"postgraphile"})"), &error);
    QVERIFY2(p, qPrintable(error));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QByteArray token = p->signToken("s3cret", now, &error);
    QVERIFY2(!token.isEmpty(), qPrintable(error));
    JwtVerifyOptions o;
    o.audience = QStringLiteral("postgraphile");
    const JwtResult r = Jwt::verify(token, "s3cret", o);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.claims.value(QStringLiteral("exp")).toDouble(), double(now + 60));
    QCOMPARE(r.claims.value(QStringLiteral("iat")).toDouble(), double(now));
    QCOMPARE(r.claims.value(QStringLiteral("role")).toString(), QStringLiteral("forum_example_person"));
    o.nowSecs = now + 61;
    QCOMPARE(Jwt::verify(token, "s3cret", o).failure, JwtResult::Failure::Expired);
    // The token's claims give the same settings as the profile (role claim → role).
    IdentityProfile viaToken = *p;
    viaToken.role.clear();
    const auto s = viaToken.settingsFor(r.claims, &error);
    QVERIFY2(s, qPrintable(error));
    QCOMPARE(s->front(), kv("role", "forum_example_person"));
    QVERIFY(s->contains(kv("jwt.claims.user_id", "3")));
}

void TestIdentityProfile::signsWithTheSecretStore()
{
    QString error;
    auto p = IdentityProfile::fromJson(json(johndoe), &error);
    QVERIFY2(p, qPrintable(error));
    MemorySecretStore store;
    QVERIFY(!store.isPersistent());
    QVERIFY(p->signToken(store, 1000, &error).isEmpty());
    QCOMPARE(error, QStringLiteral("no secret stored under 'refract/forum/jwt'"));
    QVERIFY(store.setSecret(QStringLiteral("refract/forum/jwt"), "from-the-store", &error));
    const QByteArray token = p->signToken(store, 1000, &error);
    QVERIFY2(!token.isEmpty(), qPrintable(error));
    JwtVerifyOptions o;
    o.nowSecs = 1001;
    o.audience = QStringLiteral("postgraphile");
    QVERIFY(Jwt::verify(token, "from-the-store", o).ok);
    QCOMPARE(Jwt::verify(token, "from-the-store", o).header.value(QStringLiteral("alg")).toString(), QStringLiteral("HS384"));
    QVERIFY(store.removeSecret(QStringLiteral("refract/forum/jwt"), &error));
    QVERIFY(!store.secret(QStringLiteral("refract/forum/jwt"), &error));
    p->signingKeyId.clear();
    QVERIFY(p->signToken(store, 1000, &error).isEmpty());
    QVERIFY(error.contains(QStringLiteral("signingKeyId")));
}

QTEST_GUILESS_MAIN(TestIdentityProfile)
#include "tst_identityprofile.moc"
