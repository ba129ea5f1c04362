#include <identity/claimsmapping.h>
#include <identity/jsvalue.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

// The claims → settings presets against what PostGraphile v4, the AppSync sample and PostgREST send.
using namespace refract::identity;
using Settings = QList<QPair<QString, QString>>;

namespace {

QJsonObject json(const char *text) { return QJsonDocument::fromJson(QByteArray(text)).object(); }
QPair<QString, QString> kv(const char *k, const char *v) { return qMakePair(QString::fromUtf8(k), QString::fromUtf8(v)); }

} // namespace

class TestClaimsMapping : public QObject
{
    Q_OBJECT

private slots:
    void jsNumbers_data();
    void jsNumbers();
    void jsonStringifyMatchesJavaScript();
    void postgraphile();
    void postgraphileRoleClaim();
    void appsyncIdentityObject();
    void appsyncFromTokenClaims();
    void appsyncOtherAuthorizationModes();
    void supabase();
    void settingNames_data();
    void settingNames();
    void customTemplates();
    void customTemplateErrors_data();
    void customTemplateErrors();
    void presetsRoundTripThroughJson();
};

void TestClaimsMapping::jsNumbers_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("text");
    // Expected strings are what node prints for String(value).
    QTest::newRow("int") << 1.0 << QStringLiteral("1");
    QTest::newRow("exp claim") << 2130969600.0 << QStringLiteral("2130969600");
    QTest::newRow("fraction") << 1.5 << QStringLiteral("1.5");
    QTest::newRow("0.1") << 0.1 << QStringLiteral("0.1");
    QTest::newRow("0.1+0.2") << (0.1 + 0.2) << QStringLiteral("0.30000000000000004");
    QTest::newRow("negative") << -42.25 << QStringLiteral("-42.25");
    QTest::newRow("zero") << 0.0 << QStringLiteral("0");
    QTest::newRow("negative zero") << -0.0 << QStringLiteral("0");
    QTest::newRow("1e20") << 1e20 << QStringLiteral("100000000000000000000");
    QTest::newRow("1e21") << 1e21 << QStringLiteral("1e+21");
    QTest::newRow("1.5e21") << 1.5e21 << QStringLiteral("1.5e+21");
    QTest::newRow("2^53+2") << 9007199254740994.0 << QStringLiteral("9007199254740994");
    QTest::newRow("1e-6") << 1e-6 << QStringLiteral("0.000001");
    QTest::newRow("1.23e-5") << 1.23e-5 << QStringLiteral("0.0000123");
    QTest::newRow("1e-7") << 1e-7 << QStringLiteral("1e-7");
    QTest::newRow("1.5e-7") << 1.5e-7 << QStringLiteral("1.5e-7");
    QTest::newRow("max") << 1.7976931348623157e308 << QStringLiteral("1.7976931348623157e+308");
    QTest::newRow("123.456") << 123.456 << QStringLiteral("123.456");
}

void TestClaimsMapping::jsNumbers()
{
    QFETCH(double, value);
    QFETCH(QString, text);
    QCOMPARE(jsNumberToString(value), text);
}

void TestClaimsMapping::jsonStringifyMatchesJavaScript()
{
    // JSON.stringify({a:[1,2.5,"x\ny"],b:{c:null,d:true},e:"é\"\\\u0001"}) in node:
    const QJsonObject o = json(R"({"a":[1,2.5,"x\ny"],"b":{"c":null,"d":true},"e":"é\"\\\u0001/"})");
    QCOMPARE(jsonStringify(o), QByteArray(R"({"a":[1,2.5,"x\ny"],"b":{"c":null,"d":true},"e":"é\"\\\u0001/"})"));
    QCOMPARE(jsSettingText(QJsonValue(true)), QStringLiteral("true"));
    QCOMPARE(jsSettingText(QJsonValue(QStringLiteral("s"))), QStringLiteral("s"));
    QCOMPARE(jsSettingText(QJsonArray{1, QStringLiteral("a")}), QStringLiteral(R"([1,"a"])"));
}

void TestClaimsMapping::postgraphile()
{
    // withPostGraphileContext-test.js: claims {aud:'postgraphile',a:1,b:2,c:3,role:'test_jwt_role'},
    // pgDefaultRole 'test_default_role' → role, then jwt.claims.* for every claim (role included).
    const auto m = ClaimsMapping::preset(QStringLiteral("postgraphile"));
    QVERIFY(m);
    const Settings s = m->settings(json(R"({"aud":"postgraphile","a":1,"b":2,"c":3,"role":"test_jwt_role"})"),
                                   QStringLiteral("test_default_role"));
    const Settings expected{kv("role", "test_jwt_role"), kv("jwt.claims.a", "1"), kv("jwt.claims.aud", "postgraphile"),
                            kv("jwt.claims.b", "2"), kv("jwt.claims.c", "3"), kv("jwt.claims.role", "test_jwt_role")};
    QCOMPARE(s, expected);

    // Nested values as JSON text, booleans as true/false, nulls left out (isPgSettingValid).
    const Settings n = m->settings(json(R"({"user_id":3,"admin":false,"x":null,"groups":["a","b"],"o":{"k":1.5}})"), QString());
    const Settings expectedN{kv("jwt.claims.admin", "false"), kv("jwt.claims.groups", R"(["a","b"])"),
                             kv("jwt.claims.o", R"({"k":1.5})"), kv("jwt.claims.user_id", "3")};
    QCOMPARE(n, expectedN); // no role claim, no default role: no role setting at all
    // Default role when the claims carry none.
    QCOMPARE(m->settings(json(R"({"a":"b"})"), QStringLiteral("anon")).front(), kv("role", "anon"));
}

void TestClaimsMapping::postgraphileRoleClaim()
{
    auto m = ClaimsMapping::preset(QStringLiteral("PostGraphile"));
    QVERIFY(m);
    QString error;
    QVERIFY(!m->checkClaims(json(R"({"role":5})"), &error));
    QCOMPARE(error, QStringLiteral("JWT `role` claim must be a string. Instead found 'number'."));
    QVERIFY(m->checkClaims(json(R"({"sub":"x"})"), &error));
    // A deep role claim path (PostGraphile's jwtRole option).
    m->setRoleClaim({QStringLiteral("https://x/claims"), QStringLiteral("role")});
    const Settings s = m->settings(json(R"({"https://x/claims":{"role":"editor"}})"), QStringLiteral("anon"));
    QCOMPARE(s.front(), kv("role", "editor"));
    // The claim name is not a valid setting name: renamed (PostgreSQL 15 would reject it).
    QCOMPARE(s.at(1), kv("jwt.claims.https___x_claims", R"({"role":"editor"})"));
}

void TestClaimsMapping::appsyncIdentityObject()
{
    // A Cognito user pool identity as AppSync hands it to the resolver Lambda.
    const QJsonObject identity = json(R"({
        "sub":"abc-123","issuer":"https://cognito-idp.eu-west-1.amazonaws.com/pool","username":"johndoe",
        "claims":{"email":"j@example.com","exp":1700000000,"cognito:username":"johndoe","cognito:groups":["admin","dev"],
                  "email_verified":true,"empty":[],"gone":null},
        "sourceIp":["1.2.3.4"],"defaultAuthStrategy":"ALLOW","groups":null})");
    const auto m = ClaimsMapping::preset(QStringLiteral("appsync"));
    QVERIFY(m);
    const Settings s = m->settings(identity, QStringLiteral("forum_example_person"));
    const Settings expected{
        kv("role", "forum_example_person"),
        kv("appsync.identity_claims_cognito_groups_0", "admin"),
        kv("appsync.identity_claims_cognito_groups_1", "dev"),
        kv("appsync.identity_claims_cognito_username", "johndoe"),
        kv("appsync.identity_claims_email", "j@example.com"),
        kv("appsync.identity_claims_email_verified", "true"),
        kv("appsync.identity_claims_exp", "1700000000"),
        kv("appsync.identity_defaultAuthStrategy", "ALLOW"),
        kv("appsync.identity_issuer", "https://cognito-idp.eu-west-1.amazonaws.com/pool"),
        kv("appsync.identity_sourceIp_0", "1.2.3.4"),
        kv("appsync.identity_sub", "abc-123"),
        kv("appsync.identity_username", "johndoe"),
    };
    QCOMPARE(s, expected);
    // The sample never sets a role: without a default role there is none.
    QCOMPARE(m->settings(identity, QString()).front().first, QStringLiteral("appsync.identity_claims_cognito_groups_0"));
    // An empty identity (API key auth) gives nothing but the role.
    QCOMPARE(m->settings(QJsonObject(), QStringLiteral("forum_example_anonymous")), Settings{kv("role", "forum_example_anonymous")});
}

void TestClaimsMapping::appsyncFromTokenClaims()
{
    // Cognito ID token claims are shaped as AppSync's identity first.
    const QJsonObject token = json(R"({"sub":"abc","iss":"https://issuer","cognito:username":"johndoe","email":"j@x"})");
    const QJsonObject identity = ClaimsMapping::appSyncIdentity(token, {QStringLiteral("127.0.0.1")});
    QCOMPARE(identity.value(QStringLiteral("username")).toString(), QStringLiteral("johndoe"));
    QCOMPARE(identity.value(QStringLiteral("issuer")).toString(), QStringLiteral("https://issuer"));
    QCOMPARE(identity.value(QStringLiteral("claims")).toObject(), token);
    QVERIFY(identity.value(QStringLiteral("groups")).isNull());
    const Settings s = ClaimsMapping::preset(QStringLiteral("appsync"))->settings(token, QString());
    QVERIFY(s.contains(kv("appsync.identity_username", "johndoe")));
    QVERIFY(s.contains(kv("appsync.identity_claims_cognito_username", "johndoe")));
    QVERIFY(s.contains(kv("appsync.identity_sub", "abc")));
    QVERIFY(s.contains(kv("appsync.identity_defaultAuthStrategy", "ALLOW")));
    // A simple profile: {"username": "johndoe"} is enough for the sample's policies.
    QVERIFY(ClaimsMapping::preset(QStringLiteral("appsync"))->settings(json(R"({"username":"johndoe"})"), QString())
                .contains(kv("appsync.identity_username", "johndoe")));
}

void TestClaimsMapping::appsyncOtherAuthorizationModes()
{
    const auto m = ClaimsMapping::preset(QStringLiteral("appsync"));
    // IAM: no claims object, flattened as it is (the sample's `appsync.identity_accountId`, …).
    const Settings iam = m->settings(json(R"({"accountId":"123","userArn":"arn:aws:iam::123:user/x","username":"AIDA",
        "sourceIp":["10.0.0.1"],"cognitoIdentityId":null})"), QString());
    QCOMPARE(iam, (Settings{kv("appsync.identity_accountId", "123"), kv("appsync.identity_sourceIp_0", "10.0.0.1"),
                            kv("appsync.identity_userArn", "arn:aws:iam::123:user/x"), kv("appsync.identity_username", "AIDA")}));
    // Lambda authorizer: the resolver context.
    QCOMPARE(m->settings(json(R"({"resolverContext":{"tenant":"t1"}})"), QString()),
             Settings{kv("appsync.identity_resolverContext_tenant", "t1")});
    QVERIFY(!ClaimsMapping::isAppSyncIdentity(json(R"({"sub":"x","iss":"y","username":"u"})")));
    QVERIFY(ClaimsMapping::isAppSyncIdentity(json(R"({"sub":"x","issuer":"y"})")));
}

void TestClaimsMapping::supabase()
{
    const auto m = ClaimsMapping::preset(QStringLiteral("supabase"));
    QVERIFY(m);
    const Settings s = m->settings(json(R"({"sub":"u1","role":"authenticated","app_metadata":{"provider":"email"},"exp":1700000000})"),
                                   QStringLiteral("anon"));
    const Settings expected{
        kv("role", "authenticated"),
        kv("request.jwt.claims", R"({"app_metadata":{"provider":"email"},"exp":1700000000,"role":"authenticated","sub":"u1"})"),
        kv("request.jwt.claim.app_metadata", R"({"provider":"email"})"),
        kv("request.jwt.claim.exp", "1700000000"),
        kv("request.jwt.claim.role", "authenticated"),
        kv("request.jwt.claim.sub", "u1"),
    };
    QCOMPARE(s, expected);
    QCOMPARE(m->settings(QJsonObject(), QStringLiteral("anon")), (Settings{kv("role", "anon"), kv("request.jwt.claims", "{}")}));
}

void TestClaimsMapping::settingNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("fixed");
    auto row = [](const char *n, bool v, const char *f) {
        QTest::newRow(n) << QString::fromUtf8(n) << v << QString::fromUtf8(f);
    };
    row("appsync.identity_username", true, "appsync.identity_username");
    row("appsync.identity_sourceIp_0", true, "appsync.identity_sourceIp_0");
    row("jwt.claims.a.b", true, "jwt.claims.a.b");
    row("jwt.claims.x$1", true, "jwt.claims.x$1");
    row("jwt.claims.naïve", true, "jwt.claims.naïve");
    row("appsync.identity_claims_cognito:username", false, "appsync.identity_claims_cognito_username");
    row("jwt.claims.https://x.io/claims", false, "jwt.claims.https___x.io_claims");
    row("jwt.claims.0", false, "jwt.claims._0");
    row("jwt.claims.", false, "jwt.claims._");
    row("jwt.claims..x", false, "jwt.claims._.x");
    row("jwt.claims.$x", false, "jwt.claims._$x");
    row("jwt.claims.a-b c", false, "jwt.claims.a_b_c");
    row("nodot", false, "_.nodot");
}

void TestClaimsMapping::settingNames()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QFETCH(QString, fixed);
    QCOMPARE(ClaimsMapping::isValidSettingName(name), valid);
    QCOMPARE(ClaimsMapping::validSettingName(name), fixed);
    QVERIFY(ClaimsMapping::isValidSettingName(fixed));
}

void TestClaimsMapping::customTemplates()
{
    QString error;
    const auto m = ClaimsMapping::custom(json(R"({"name":"hasura-ish","prefix":"app.claim.","nested":"flatten","separator":"__",
        "document":"app.claims","roleClaim":["https://hasura.io/jwt/claims","x-hasura-default-role"],"fixed":{"app.source":"refract","app.version":2}})"),
                                         &error);
    QVERIFY2(m, qPrintable(error));
    QCOMPARE(m->name(), QStringLiteral("hasura-ish"));
    const Settings s = m->settings(json(R"({"sub":"7","https://hasura.io/jwt/claims":{"x-hasura-default-role":"user","x-hasura-user-id":"7"}})"),
                                   QStringLiteral("anonymous"));
    const Settings expected{
        kv("role", "user"),
        kv("app.claims", R"({"https://hasura.io/jwt/claims":{"x-hasura-default-role":"user","x-hasura-user-id":"7"},"sub":"7"})"),
        kv("app.claim.https___hasura.io_jwt_claims__x_hasura_default_role", "user"),
        kv("app.claim.https___hasura.io_jwt_claims__x_hasura_user_id", "7"),
        kv("app.claim.sub", "7"),
        kv("app.source", "refract"),
        kv("app.version", "2"),
    };
    QCOMPARE(s, expected);
    // Based on a preset, with a fixed extra setting and no role from claims.
    const auto p = ClaimsMapping::custom(json(R"({"preset":"postgraphile","roleClaim":null,"fixed":{"app.tenant":"t1"}})"), &error);
    QVERIFY2(p, qPrintable(error));
    QCOMPARE(p->settings(json(R"({"role":"admin","id":1})"), QStringLiteral("anon")),
             (Settings{kv("role", "anon"), kv("jwt.claims.id", "1"), kv("jwt.claims.role", "admin"), kv("app.tenant", "t1")}));
}

void TestClaimsMapping::customTemplateErrors_data()
{
    QTest::addColumn<QByteArray>("spec");
    QTest::addColumn<QString>("contains");
    QTest::newRow("unknown key") << QByteArray(R"({"prefx":"a."})") << QStringLiteral("unknown key 'prefx'");
    QTest::newRow("bad nested") << QByteArray(R"({"nested":"deep"})") << QStringLiteral("'nested'");
    QTest::newRow("bad preset") << QByteArray(R"({"preset":"hasura"})") << QStringLiteral("unknown preset 'hasura'");
    QTest::newRow("prefix type") << QByteArray(R"({"prefix":1})") << QStringLiteral("'prefix' must be a string");
    QTest::newRow("role claim type") << QByteArray(R"({"roleClaim":5})") << QStringLiteral("'roleClaim'");
    QTest::newRow("fixed object") << QByteArray(R"({"fixed":{"a.b":{}}})") << QStringLiteral("fixed setting 'a.b'");
    QTest::newRow("fixed name") << QByteArray(R"({"fixed":{"a:b":"x"}})") << QStringLiteral("not valid in PostgreSQL");
    QTest::newRow("document name") << QByteArray(R"({"document":"claims"})") << QStringLiteral("'document' name");
}

void TestClaimsMapping::customTemplateErrors()
{
    QFETCH(QByteArray, spec);
    QFETCH(QString, contains);
    QString error;
    QVERIFY(!ClaimsMapping::custom(QJsonDocument::fromJson(spec).object(), &error));
    QVERIFY2(error.contains(contains), qPrintable(error));
}

void TestClaimsMapping::presetsRoundTripThroughJson()
{
    const QJsonObject claims = json(R"({"role":"r","username":"u","claims":{"a:b":[1,{"c":null}]},"n":1.25})");
    for (const QString &name : ClaimsMapping::presetNames()) {
        const auto m = ClaimsMapping::preset(name);
        QVERIFY(m);
        QString error;
        const auto again = ClaimsMapping::custom(m->toJson(), &error);
        QVERIFY2(again, qPrintable(error));
        QCOMPARE(again->settings(claims, QStringLiteral("d")), m->settings(claims, QStringLiteral("d")));
    }
    QVERIFY(!ClaimsMapping::preset(QStringLiteral("hasura")));
}

QTEST_GUILESS_MAIN(TestClaimsMapping)
#include "tst_claimsmapping.moc"
