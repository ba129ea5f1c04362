#include "testkeys.h"

#include <identity/jwt.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

// Jwt against itself, RFC 7515's worked example, and every rejection rule. The cross-check with an
// independent implementation (jsonwebtoken) is tst_jwt_conformance.
using namespace refract;
using namespace refract::identity;
using F = JwtResult::Failure;

Q_DECLARE_METATYPE(refract::identity::JwtAlgorithm)

namespace {

QByteArray b64(const QByteArray &s) { return s.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals); }

QJsonObject sampleClaims()
{
    return QJsonObject{{QStringLiteral("sub"), QStringLiteral("1234")},
                       {QStringLiteral("role"), QStringLiteral("forum_example_person")},
                       {QStringLiteral("aud"), QStringLiteral("postgraphile")},
                       {QStringLiteral("n"), 42},
                       {QStringLiteral("nested"), QJsonObject{{QStringLiteral("a"), QJsonArray{1, 2}}}}};
}

} // namespace

class TestJwt : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void algorithmNames();
    void roundTrip_data();
    void roundTrip();
    void rfc7515Example();
    void ecSignatureIsRawRS();
    void rejectsNone();
    void rejectsAlgorithmOutsideAllowList();
    void rejectsAlgorithmConfusion();
    void rejectsWrongKeyType();
    void rejectsMalformed_data();
    void rejectsMalformed();
    void expiryAndNotBefore();
    void audience();
    void signErrors();
    void decodeWithoutKey();
    void manyKeys();

private:
    test::PemPair m_rsa, m_ec256, m_ec384;
};

void TestJwt::initTestCase()
{
    m_rsa = test::generateKeyPair("RSA", 2048);
    m_ec256 = test::generateKeyPair("EC", 0, "P-256");
    m_ec384 = test::generateKeyPair("EC", 0, "P-384");
    QVERIFY(m_rsa.privatePem.startsWith("-----BEGIN PRIVATE KEY-----"));
    QVERIFY(m_ec256.publicPem.startsWith("-----BEGIN PUBLIC KEY-----"));
    QVERIFY(!m_ec384.privatePem.isEmpty());
}

void TestJwt::algorithmNames()
{
    for (const char *n : {"HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256", "ES384"}) {
        const auto a = Jwt::algorithmFromName(QLatin1String(n));
        QVERIFY2(a, n);
        QCOMPARE(Jwt::algorithmName(*a), QLatin1String(n));
    }
    QVERIFY(!Jwt::algorithmFromName(QStringLiteral("none")));
    QVERIFY(!Jwt::algorithmFromName(QStringLiteral("hs256")));
    QVERIFY(!Jwt::algorithmFromName(QStringLiteral("ES512")));
    QVERIFY(!Jwt::algorithmFromName(QStringLiteral("PS256")));
}

void TestJwt::roundTrip_data()
{
    QTest::addColumn<JwtAlgorithm>("alg");
    QTest::addColumn<QByteArray>("signKey");
    QTest::addColumn<QByteArray>("verifyKey");
    QTest::addColumn<QByteArray>("otherKey");
    const test::PemPair rsa2 = test::generateKeyPair("RSA", 2048);
    const test::PemPair ec2 = test::generateKeyPair("EC", 0, "P-256");
    const test::PemPair ec3 = test::generateKeyPair("EC", 0, "P-384");
    for (auto a : {JwtAlgorithm::HS256, JwtAlgorithm::HS384, JwtAlgorithm::HS512})
        QTest::newRow(qPrintable(Jwt::algorithmName(a))) << a << QByteArray("a-shared-secret") << QByteArray("a-shared-secret") << QByteArray("another-secret");
    for (auto a : {JwtAlgorithm::RS256, JwtAlgorithm::RS384, JwtAlgorithm::RS512})
        QTest::newRow(qPrintable(Jwt::algorithmName(a))) << a << m_rsa.privatePem << m_rsa.publicPem << rsa2.publicPem;
    QTest::newRow("ES256") << JwtAlgorithm::ES256 << m_ec256.privatePem << m_ec256.publicPem << ec2.publicPem;
    QTest::newRow("ES384") << JwtAlgorithm::ES384 << m_ec384.privatePem << m_ec384.publicPem << ec3.publicPem;
    // A private key verifies too (its public half is used).
    QTest::newRow("RS256 private as verify key") << JwtAlgorithm::RS256 << m_rsa.privatePem << m_rsa.privatePem << rsa2.privatePem;
}

void TestJwt::roundTrip()
{
    QFETCH(JwtAlgorithm, alg);
    QFETCH(QByteArray, signKey);
    QFETCH(QByteArray, verifyKey);
    QFETCH(QByteArray, otherKey);
    QString error;
    const QByteArray token = Jwt::sign(sampleClaims(), alg, signKey, &error);
    QVERIFY2(!token.isEmpty(), qPrintable(error));
    QCOMPARE(token.count('.'), 2);

    JwtVerifyOptions options;
    options.audience = QStringLiteral("postgraphile");
    const JwtResult r = Jwt::verify(token, verifyKey, options);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.failure, F::None);
    QCOMPARE(r.claims, sampleClaims());
    QCOMPARE(r.header.value(QStringLiteral("alg")).toString(), Jwt::algorithmName(alg));
    QCOMPARE(r.header.value(QStringLiteral("typ")).toString(), QStringLiteral("JWT"));

    // Another key, or one changed byte of the payload or the signature, fails.
    QCOMPARE(Jwt::verify(token, otherKey, options).failure, F::BadSignature);
    QList<QByteArray> parts = token.split('.');
    QJsonObject changed = sampleClaims();
    changed.insert(QStringLiteral("role"), QStringLiteral("postgres"));
    const QByteArray forged = parts[0] + '.' + b64(QJsonDocument(changed).toJson(QJsonDocument::Compact)) + '.' + parts[2];
    const JwtResult f = Jwt::verify(forged, verifyKey, options);
    QCOMPARE(f.failure, F::BadSignature);
    QCOMPARE(f.error, QStringLiteral("invalid signature"));
    QByteArray sig = QByteArray::fromBase64(parts[2], QByteArray::Base64UrlEncoding);
    sig[sig.size() / 2] = char(sig[sig.size() / 2] ^ 0x01);
    QCOMPARE(Jwt::verify(parts[0] + '.' + parts[1] + '.' + b64(sig), verifyKey, options).failure, F::BadSignature);
}

void TestJwt::rfc7515Example()
{
    // RFC 7515 Appendix A.1: HS256 over a header and payload with CRLFs, key given as a JWK.
    const QByteArray key = QByteArray::fromBase64(
        "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow", QByteArray::Base64UrlEncoding);
    const QByteArray token = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
                             ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
                             ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    JwtVerifyOptions options;
    options.nowSecs = 1300819370;
    const JwtResult r = Jwt::verify(token, key, options);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.claims.value(QStringLiteral("iss")).toString(), QStringLiteral("joe"));
    QCOMPARE(r.claims.value(QStringLiteral("http://example.com/is_root")).toBool(), true);
    options.nowSecs = 1300819380; // the moment of exp is already expired (jsonwebtoken: now >= exp)
    QCOMPARE(Jwt::verify(token, key, options).failure, F::Expired);
}

void TestJwt::ecSignatureIsRawRS()
{
    QString error;
    const QByteArray t256 = Jwt::sign(sampleClaims(), JwtAlgorithm::ES256, m_ec256.privatePem, &error);
    const QByteArray t384 = Jwt::sign(sampleClaims(), JwtAlgorithm::ES384, m_ec384.privatePem, &error);
    QCOMPARE(QByteArray::fromBase64(t256.split('.')[2], QByteArray::Base64UrlEncoding).size(), 64);
    QCOMPARE(QByteArray::fromBase64(t384.split('.')[2], QByteArray::Base64UrlEncoding).size(), 96);
    // A DER-encoded signature (what OpenSSL produces natively) is not a JWS signature.
    const QList<QByteArray> p = t256.split('.');
    const QByteArray notRaw = QByteArray::fromBase64(p[2], QByteArray::Base64UrlEncoding) + QByteArray(8, '\0');
    QCOMPARE(Jwt::verify(p[0] + '.' + p[1] + '.' + b64(notRaw), m_ec256.publicPem, {}).failure, F::BadSignature);
}

void TestJwt::rejectsNone()
{
    const QByteArray header = b64(R"({"alg":"none","typ":"JWT"})");
    const QByteArray payload = b64(R"({"role":"postgres"})");
    const JwtResult r = Jwt::verify(header + '.' + payload + '.', "secret", {});
    QVERIFY(!r.ok);
    QCOMPARE(r.failure, F::AlgorithmNotAllowed);
    QCOMPARE(r.error, QStringLiteral("jwt signature is required"));
    // With some signature bytes attached, "none" is still no algorithm we accept.
    const JwtResult r2 = Jwt::verify(header + '.' + payload + ".AAAA", "secret", {});
    QCOMPARE(r2.failure, F::AlgorithmNotAllowed);
    QCOMPARE(r2.error, QStringLiteral("invalid algorithm"));
    // Other names we do not implement.
    const QByteArray ps = b64(R"({"alg":"PS256"})") + '.' + payload + ".AAAA";
    QCOMPARE(Jwt::verify(ps, m_rsa.publicPem, {}).failure, F::Unsupported);
}

void TestJwt::rejectsAlgorithmOutsideAllowList()
{
    QString error;
    const QByteArray token = Jwt::sign(sampleClaims(), JwtAlgorithm::HS256, "secret", &error);
    JwtVerifyOptions options;
    options.allowed = {JwtAlgorithm::HS512};
    JwtResult r = Jwt::verify(token, "secret", options);
    QCOMPARE(r.failure, F::AlgorithmNotAllowed);
    QCOMPARE(r.error, QStringLiteral("invalid algorithm"));
    options.allowed = {JwtAlgorithm::HS512, JwtAlgorithm::HS256};
    QVERIFY(Jwt::verify(token, "secret", options).ok);
    // Default allow-list follows the key: an RSA key does not accept an EC token.
    const QByteArray es = Jwt::sign(sampleClaims(), JwtAlgorithm::ES256, m_ec256.privatePem, &error);
    QCOMPARE(Jwt::verify(es, m_rsa.publicPem, {}).failure, F::AlgorithmNotAllowed);
}

void TestJwt::rejectsAlgorithmConfusion()
{
    // The classic attack: HMAC-sign with the server's *public* key as the secret, claim HS256.
    const QByteArray header = b64(R"({"alg":"HS256","typ":"JWT"})");
    const QByteArray payload = b64(R"({"role":"postgres"})");
    QString error;
    // Jwt::sign refuses a PEM as an HMAC secret, and verify refuses one before any HMAC is computed.
    const QByteArray pemAsSecret = m_rsa.publicPem;
    QVERIFY(Jwt::sign({}, JwtAlgorithm::HS256, pemAsSecret, &error).isEmpty());
    QVERIFY(error.contains(QStringLiteral("symmetric")));
    JwtVerifyOptions options;
    options.allowed = {JwtAlgorithm::HS256, JwtAlgorithm::RS256};
    const JwtResult r = Jwt::verify(header + '.' + payload + ".c2lnbmF0dXJl", pemAsSecret, options);
    QVERIFY(!r.ok);
    QCOMPARE(r.failure, F::Unsupported);
    QCOMPARE(r.error, QStringLiteral("secretOrPublicKey must be a symmetric key when using HS256"));
}

void TestJwt::rejectsWrongKeyType()
{
    QString error;
    // ES384 needs P-384; ES256 with a P-384 key is refused on both sides.
    QVERIFY(Jwt::sign(sampleClaims(), JwtAlgorithm::ES384, m_ec256.privatePem, &error).isEmpty());
    QCOMPARE(error, QStringLiteral("\"alg\" parameter \"ES384\" requires curve \"secp384r1\"."));
    const QByteArray es256 = Jwt::sign(sampleClaims(), JwtAlgorithm::ES256, m_ec256.privatePem, &error);
    JwtVerifyOptions options;
    options.allowed = {JwtAlgorithm::ES256};
    QCOMPARE(Jwt::verify(es256, m_ec384.publicPem, options).failure, F::Unsupported);
    // An RSA token against an EC key, with both allowed.
    const QByteArray rs = Jwt::sign(sampleClaims(), JwtAlgorithm::RS256, m_rsa.privatePem, &error);
    options.allowed = {JwtAlgorithm::RS256, JwtAlgorithm::ES256};
    QCOMPARE(Jwt::verify(rs, m_ec256.publicPem, options).failure, F::Unsupported);
    // An asymmetric algorithm with a plain secret.
    options.allowed = {JwtAlgorithm::RS256};
    const JwtResult r = Jwt::verify(rs, "secret", options);
    QCOMPARE(r.failure, F::Unsupported);
    QCOMPARE(r.error, QStringLiteral("secretOrPublicKey must be an asymmetric key when using RS256"));
    // Garbage PEM.
    QCOMPARE(Jwt::verify(rs, "-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----\n", {}).error,
             QStringLiteral("secretOrPublicKey is not valid key material"));
}

void TestJwt::rejectsMalformed_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QString>("message");
    const QByteArray h = b64(R"({"alg":"HS256","typ":"JWT"})");
    const QByteArray p = b64(R"({"a":1})");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("jwt must be provided");
    QTest::newRow("one part") << QByteArray("abc") << QStringLiteral("jwt malformed");
    QTest::newRow("two parts") << QByteArray(h + '.' + p) << QStringLiteral("jwt malformed");
    QTest::newRow("four parts") << QByteArray(h + '.' + p + ".x.y") << QStringLiteral("jwt malformed");
    QTest::newRow("bad base64") << QByteArray(h + ".%%%." + "abc") << QStringLiteral("invalid token");
    QTest::newRow("header not JSON") << QByteArray(b64("nope") + '.' + p + ".abc") << QStringLiteral("invalid token");
    QTest::newRow("header without alg") << QByteArray(b64("{}") + '.' + p + ".abc") << QStringLiteral("invalid token");
    QTest::newRow("payload array") << QByteArray(h + '.' + b64("[1,2]") + ".abc") << QStringLiteral("invalid token");
    QTest::newRow("payload string") << QByteArray(h + '.' + b64("\"x\"") + ".abc") << QStringLiteral("invalid token");
    QTest::newRow("binary") << QByteArray("\x01\x02.\xff\xfe.\x00", 7) << QStringLiteral("invalid token");
}

void TestJwt::rejectsMalformed()
{
    QFETCH(QByteArray, token);
    QFETCH(QString, message);
    const JwtResult r = Jwt::verify(token, "secret", {});
    QVERIFY(!r.ok);
    QCOMPARE(r.failure, F::Malformed);
    QCOMPARE(r.error, message);
    QVERIFY(!Jwt::decode(token).ok);
}

void TestJwt::expiryAndNotBefore()
{
    QString error;
    QJsonObject c{{QStringLiteral("exp"), 1000}, {QStringLiteral("nbf"), 900}};
    const QByteArray token = Jwt::sign(c, JwtAlgorithm::HS256, "k", &error);
    JwtVerifyOptions o;
    o.nowSecs = 950;
    QVERIFY(Jwt::verify(token, "k", o).ok);
    o.nowSecs = 1000;
    JwtResult r = Jwt::verify(token, "k", o);
    QCOMPARE(r.failure, F::Expired);
    QCOMPARE(r.error, QStringLiteral("jwt expired"));
    QCOMPARE(r.claims.value(QStringLiteral("exp")).toInt(), 1000); // claims still shown
    o.leewaySeconds = 5;
    QVERIFY(Jwt::verify(token, "k", o).ok);
    o.leewaySeconds = 0;
    o.nowSecs = 899;
    r = Jwt::verify(token, "k", o);
    QCOMPARE(r.failure, F::NotYetValid);
    QCOMPARE(r.error, QStringLiteral("jwt not active"));
    o.nowSecs = 900;
    QVERIFY(Jwt::verify(token, "k", o).ok);
    // Non-numeric exp is malformed, not "never expires".
    const QByteArray bad = Jwt::sign(QJsonObject{{QStringLiteral("exp"), QStringLiteral("tomorrow")}}, JwtAlgorithm::HS256, "k", &error);
    r = Jwt::verify(bad, "k", {});
    QCOMPARE(r.failure, F::Malformed);
    QCOMPARE(r.error, QStringLiteral("invalid exp value"));
    // Real clock: a token that expired an hour ago.
    const QByteArray old = Jwt::sign(QJsonObject{{QStringLiteral("exp"), double(QDateTime::currentSecsSinceEpoch() - 3600)}},
                                     JwtAlgorithm::HS256, "k", &error);
    QCOMPARE(Jwt::verify(old, "k", {}).failure, F::Expired);
}

void TestJwt::audience()
{
    QString error;
    auto token = [&](const QJsonValue &aud) {
        QJsonObject c{{QStringLiteral("sub"), QStringLiteral("x")}};
        if (!aud.isUndefined())
            c.insert(QStringLiteral("aud"), aud);
        return Jwt::sign(c, JwtAlgorithm::HS256, "k", &error);
    };
    JwtVerifyOptions o;
    o.audience = QStringLiteral("postgraphile");
    QVERIFY(Jwt::verify(token(QStringLiteral("postgraphile")), "k", o).ok);
    QVERIFY(Jwt::verify(token(QJsonArray{QStringLiteral("other"), QStringLiteral("postgraphile")}), "k", o).ok);
    const JwtResult wrong = Jwt::verify(token(QStringLiteral("other")), "k", o);
    QCOMPARE(wrong.failure, F::WrongAudience);
    QCOMPARE(wrong.error, QStringLiteral("jwt audience invalid. expected: postgraphile"));
    QCOMPARE(Jwt::verify(token(QJsonArray{QStringLiteral("a"), QStringLiteral("b")}), "k", o).failure, F::WrongAudience);
    QCOMPARE(Jwt::verify(token(QJsonValue(QJsonValue::Undefined)), "k", o).failure, F::WrongAudience);
    QCOMPARE(Jwt::verify(token(QJsonArray{1}), "k", o).failure, F::WrongAudience);
    o.audience.clear();
    QVERIFY(Jwt::verify(token(QStringLiteral("other")), "k", o).ok);
}

void TestJwt::signErrors()
{
    QString error;
    QVERIFY(Jwt::sign({}, JwtAlgorithm::HS256, QByteArray(), &error).isEmpty());
    QVERIFY(!error.isEmpty());
    QVERIFY(Jwt::sign({}, JwtAlgorithm::RS256, "not a pem", &error).isEmpty());
    QVERIFY(Jwt::sign({}, JwtAlgorithm::RS256, m_rsa.publicPem, &error).isEmpty()); // public key cannot sign
    QVERIFY(Jwt::sign({}, JwtAlgorithm::RS256, m_ec256.privatePem, &error).isEmpty());
    const test::PemPair small = test::generateKeyPair("RSA", 1024);
    QVERIFY(Jwt::sign({}, JwtAlgorithm::RS256, small.privatePem, &error).isEmpty());
    QVERIFY(error.contains(QStringLiteral("2048")));
    // Errors never echo key material.
    QVERIFY(!error.contains(QStringLiteral("BEGIN")));
}

void TestJwt::decodeWithoutKey()
{
    QString error;
    const QByteArray token = Jwt::sign(sampleClaims(), JwtAlgorithm::RS256, m_rsa.privatePem, &error);
    const JwtResult r = Jwt::decode(token);
    QVERIFY(r.ok);
    QCOMPARE(r.claims, sampleClaims());
    QCOMPARE(r.header.value(QStringLiteral("alg")).toString(), QStringLiteral("RS256"));
}

void TestJwt::manyKeys()
{
    // Parsed keys are cached by their PEM (bounded): more keys than the cache holds, each used
    // twice, never verify with another's key.
    QList<test::PemPair> keys;
    for (int i = 0; i < 40; ++i)
        keys << test::generateKeyPair("EC", 0, "P-256");
    QString error;
    for (int round = 0; round < 2; ++round)
        for (int i = 0; i < keys.size(); ++i) {
            const QByteArray t = Jwt::sign(sampleClaims(), JwtAlgorithm::ES256, keys[i].privatePem, &error);
            QVERIFY2(!t.isEmpty(), qPrintable(error));
            QVERIFY(Jwt::verify(t, keys[i].publicPem, {}).ok);
            QCOMPARE(Jwt::verify(t, keys[(i + 1) % keys.size()].publicPem, {}).failure, F::BadSignature);
        }
}

QTEST_GUILESS_MAIN(TestJwt)
#include "tst_jwt.moc"
