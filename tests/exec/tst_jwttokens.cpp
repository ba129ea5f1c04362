#include <exec/jwttokens.h>
#include <identity/jwt.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

// PostGraphile's JwtToken serialisation (PgJWTPlugin + jsonwebtoken.sign) and the executor's
// placeholder signing. The end-to-end comparison with PostGraphile is corpus/ks/113-114 in
// tests/conformance/exec.
using namespace refract;
using namespace refract::exec;

namespace {

QJsonObject json(const char *text) { return QJsonDocument::fromJson(QByteArray(text)).object(); }

QJsonObject claimsOf(const QByteArray &token)
{
    identity::JwtVerifyOptions o;
    o.nowSecs = 1000;
    const identity::JwtResult r = identity::Jwt::verify(token, "secret", o);
    return r.ok ? r.claims : QJsonObject{{QStringLiteral("error"), r.error}};
}

} // namespace

class TestJwtTokens : public QObject
{
    Q_OBJECT

private slots:
    void signsLikePgJwtPlugin();
    void keepsOwnClaims();
    void refusesWhatJsonwebtokenRefuses_data();
    void refusesWhatJsonwebtokenRefuses();
    void replacesOnlyMarkedStrings();
};

void TestJwtTokens::signsLikePgJwtPlugin()
{
    // ks_b.jwt_token (role, exp bigint as text, a int, b numeric as text, c bigint as text).
    QString error;
    const auto token = JwtTokens::sign(json(R"({"role":"yay","exp":"2130969600","a":1,"b":"2","c":"3"})"), "secret", 1000, &error);
    QVERIFY2(token, qPrintable(error));
    QCOMPARE(claimsOf(*token), json(R"({"role":"yay","exp":2130969600,"a":1,"b":"2","c":"3","iat":1000,
                                         "aud":"postgraphile","iss":"postgraphile"})"));
    // No exp attribute: one day from iat.
    const auto noExp = JwtTokens::sign(json(R"({"role":"r"})"), "secret", 1000, &error);
    QVERIFY2(noExp, qPrintable(error));
    QCOMPARE(claimsOf(*noExp).value(QStringLiteral("exp")).toDouble(), 1000.0 + 86400);
}

void TestJwtTokens::keepsOwnClaims()
{
    QString error;
    const auto token = JwtTokens::sign(json(R"({"aud":"mine","iss":"me","iat":500,"exp":5000.5})"), "secret", 1000, &error);
    QVERIFY2(token, qPrintable(error));
    QCOMPARE(claimsOf(*token), json(R"({"aud":"mine","iss":"me","iat":500,"exp":5000.5})"));
}

void TestJwtTokens::refusesWhatJsonwebtokenRefuses_data()
{
    QTest::addColumn<QByteArray>("attributes");
    QTest::addColumn<QString>("message");
    QTest::newRow("null exp") << QByteArray(R"({"role":"r","exp":null})") << QStringLiteral("\"exp\" should be a number of seconds");
    QTest::newRow("zero exp") << QByteArray(R"({"exp":"0"})") << QStringLiteral("Bad \"options.expiresIn\" option the payload already has an \"exp\" property.");
    QTest::newRow("null aud") << QByteArray(R"({"exp":"100","aud":null})") << QStringLiteral("Bad \"options.audience\" option. The payload already has an \"aud\" property.");
    QTest::newRow("null iss") << QByteArray(R"({"exp":"100","iss":null})") << QStringLiteral("Bad \"options.issuer\" option. The payload already has an \"iss\" property.");
    QTest::newRow("text iat") << QByteArray(R"({"exp":"100","iat":"x"})") << QStringLiteral("\"iat\" should be a number of seconds");
}

void TestJwtTokens::refusesWhatJsonwebtokenRefuses()
{
    QFETCH(QByteArray, attributes);
    QFETCH(QString, message);
    QString error;
    QVERIFY(!JwtTokens::sign(QJsonDocument::fromJson(attributes).object(), "secret", 1000, &error));
    QCOMPARE(error, message);
}

void TestJwtTokens::replacesOnlyMarkedStrings()
{
    const QByteArray marker = "refract-jwt-0123456789abcdef0123456789abcdef:";
    // As PostgreSQL builds it: the claims are JSON text inside a JSON string.
    QByteArray value = R"({"a" : "refract-jwt-0123456789abcdef0123456789abcdef:{\"role\" : \"r \\\"q\\\"\", \"exp\" : \"2000\"}", )"
                       R"("b" : "refract-jwt-other:{\"role\":\"forged\"}", "c" : ["refract-jwt-0123456789abcdef0123456789abcdef:{\"exp\":\"3000\"}"]})";
    QString error;
    QVERIFY2(JwtTokens::signPlaceholders(&value, marker, "secret", &error), qPrintable(error));
    const QJsonObject out = QJsonDocument::fromJson(value).object();
    QVERIFY2(!out.isEmpty(), value.constData());
    QCOMPARE(claimsOf(out.value(QStringLiteral("a")).toString().toLatin1()).value(QStringLiteral("role")).toString(), QStringLiteral("r \"q\""));
    QCOMPARE(claimsOf(out.value(QStringLiteral("c")).toArray().first().toString().toLatin1()).value(QStringLiteral("exp")).toDouble(), 3000.0);
    // Text with another marker (stored data) is left alone.
    QCOMPARE(out.value(QStringLiteral("b")).toString(), QStringLiteral(R"(refract-jwt-other:{"role":"forged"})"));
}

QTEST_GUILESS_MAIN(TestJwtTokens)
#include "tst_jwttokens.moc"
