#include "testkeys.h"

#include <identity/jwt.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// refract::identity::Jwt against jsonwebtoken 9 (tests/conformance/jwt, the library PostGraphile v4
// verifies and signs with): for every algorithm, tokens we sign verify there and tokens it signs
// verify here; deterministic algorithms (HS*, RS*) give byte-identical tokens; and for each kind of
// bad token both refuse it with the same message.
using namespace refract;
using namespace refract::identity;

namespace {

QByteArray b64(const QByteArray &s) { return s.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals); }

struct Case
{
    QString id;
    JwtAlgorithm alg;
    QByteArray token, verifyKey, signKey;
    QJsonObject claims;
    QString audience;
    qint64 leeway = 0;
};

} // namespace

class TestJwtConformance : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void crossCheck();

private:
    QJsonArray runNode(const QList<Case> &cases, qint64 now);
    QString m_script;
};

void TestJwtConformance::initTestCase()
{
    m_script = QStringLiteral(REFRACT_JWT_CROSSCHECK);
    QVERIFY2(QFile::exists(QFileInfo(m_script).dir().filePath(QStringLiteral("node_modules/jsonwebtoken/package.json"))),
             "jsonwebtoken is not installed: run scripts/setup (npm ci in tests/conformance/jwt)");
}

QJsonArray TestJwtConformance::runNode(const QList<Case> &cases, qint64 now)
{
    QJsonArray list;
    for (const Case &c : cases) {
        QJsonObject o{{QStringLiteral("id"), c.id}, {QStringLiteral("alg"), Jwt::algorithmName(c.alg)}};
        if (!c.token.isNull()) {
            o.insert(QStringLiteral("token"), QString::fromLatin1(c.token));
            o.insert(QStringLiteral("verifyKey"), QString::fromLatin1(c.verifyKey));
            o.insert(QStringLiteral("algorithms"), QJsonArray{Jwt::algorithmName(c.alg)});
        }
        if (!c.audience.isEmpty())
            o.insert(QStringLiteral("audience"), c.audience);
        if (c.leeway)
            o.insert(QStringLiteral("leeway"), double(c.leeway));
        if (!c.signKey.isNull()) {
            o.insert(QStringLiteral("signKey"), QString::fromLatin1(c.signKey));
            o.insert(QStringLiteral("claims"), c.claims);
        }
        list << o;
    }
    QTemporaryDir dir;
    QFile f(dir.filePath(QStringLiteral("cases.json")));
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(QJsonDocument(QJsonObject{{QStringLiteral("now"), double(now)}, {QStringLiteral("cases"), list}}).toJson());
    f.close();
    QProcess node;
    node.start(QStringLiteral(REFRACT_NODE), {m_script, f.fileName()});
    if (!node.waitForFinished(120000) || node.exitCode() != 0) {
        qWarning("node failed: %s", node.readAllStandardError().constData());
        return {};
    }
    return QJsonDocument::fromJson(node.readAllStandardOutput()).array();
}

void TestJwtConformance::crossCheck()
{
    const test::PemPair rsa = test::generateKeyPair("RSA", 2048);
    const test::PemPair ec256 = test::generateKeyPair("EC", 0, "P-256");
    const test::PemPair ec384 = test::generateKeyPair("EC", 0, "P-384");
    const qint64 now = 1700000000;
    // Keys in sorted order, as QJsonObject keeps them, so node serialises the same payload bytes.
    const QJsonObject claims{{QStringLiteral("aud"), QStringLiteral("postgraphile")},
                             {QStringLiteral("exp"), double(now + 3600)},
                             {QStringLiteral("groups"), QJsonArray{QStringLiteral("a"), QStringLiteral("b")}},
                             {QStringLiteral("n"), 1.5},
                             {QStringLiteral("name"), QStringLiteral("Jöhn \"J\" Doe\n")},
                             {QStringLiteral("role"), QStringLiteral("forum_example_person")},
                             {QStringLiteral("user_id"), 3}};
    struct Alg { JwtAlgorithm alg; QByteArray signKey, verifyKey; };
    const QList<Alg> algs{
        {JwtAlgorithm::HS256, "secret-256", "secret-256"}, {JwtAlgorithm::HS384, "secret-384", "secret-384"},
        {JwtAlgorithm::HS512, "secret-512", "secret-512"}, {JwtAlgorithm::RS256, rsa.privatePem, rsa.publicPem},
        {JwtAlgorithm::RS384, rsa.privatePem, rsa.publicPem}, {JwtAlgorithm::RS512, rsa.privatePem, rsa.publicPem},
        {JwtAlgorithm::ES256, ec256.privatePem, ec256.publicPem}, {JwtAlgorithm::ES384, ec384.privatePem, ec384.publicPem},
    };

    QList<Case> cases;
    QString error;
    for (const Alg &a : algs) {
        Case c;
        c.id = Jwt::algorithmName(a.alg);
        c.alg = a.alg;
        c.token = Jwt::sign(claims, a.alg, a.signKey, &error);
        QVERIFY2(!c.token.isEmpty(), qPrintable(error));
        c.verifyKey = a.verifyKey;
        c.signKey = a.signKey;
        c.claims = claims;
        c.audience = QStringLiteral("postgraphile");
        cases << c;
    }
    // Rejections: each is checked for the same message on both sides.
    auto bad = [&](const char *id, JwtAlgorithm alg, const QByteArray &token, const QByteArray &key, const QString &aud = {}) {
        Case c;
        c.id = QLatin1String(id);
        c.alg = alg;
        c.token = token;
        c.verifyKey = key;
        c.audience = aud;
        cases << c;
    };
    const QByteArray hs = cases[0].token;
    const QList<QByteArray> p = hs.split('.');
    bad("expired", JwtAlgorithm::HS256, Jwt::sign(QJsonObject{{QStringLiteral("exp"), double(now - 1)}}, JwtAlgorithm::HS256, "k", &error), "k");
    bad("expired at exp", JwtAlgorithm::HS256, Jwt::sign(QJsonObject{{QStringLiteral("exp"), double(now)}}, JwtAlgorithm::HS256, "k", &error), "k");
    bad("not active", JwtAlgorithm::HS256, Jwt::sign(QJsonObject{{QStringLiteral("nbf"), double(now + 10)}}, JwtAlgorithm::HS256, "k", &error), "k");
    bad("wrong audience", JwtAlgorithm::HS256, Jwt::sign(QJsonObject{{QStringLiteral("aud"), QStringLiteral("x")}}, JwtAlgorithm::HS256, "k", &error), "k", QStringLiteral("postgraphile"));
    bad("no audience", JwtAlgorithm::HS256, Jwt::sign(QJsonObject{{QStringLiteral("a"), 1}}, JwtAlgorithm::HS256, "k", &error), "k", QStringLiteral("postgraphile"));
    bad("exp not a number", JwtAlgorithm::HS256, Jwt::sign(QJsonObject{{QStringLiteral("exp"), QStringLiteral("soon")}}, JwtAlgorithm::HS256, "k", &error), "k");
    bad("wrong secret", JwtAlgorithm::HS256, hs, "not-the-secret");
    bad("tampered payload", JwtAlgorithm::HS256, p[0] + '.' + b64(R"({"role":"postgres"})") + '.' + p[2], "secret-256");
    bad("alg none", JwtAlgorithm::HS256, b64(R"({"alg":"none","typ":"JWT"})") + '.' + b64(R"({"a":1})") + '.', "k");
    bad("alg not allowed", JwtAlgorithm::HS256, cases[1].token, "secret-384");
    bad("malformed", JwtAlgorithm::HS256, "abc.def", "k");
    bad("HS with a public key", JwtAlgorithm::HS256, hs, rsa.publicPem);
    bad("ES signature from another key", JwtAlgorithm::ES256, cases[6].token, test::generateKeyPair("EC", 0, "P-256").publicPem);

    const QJsonArray results = runNode(cases, now);
    QCOMPARE(results.size(), cases.size());
    int identical = 0;
    for (qsizetype i = 0; i < cases.size(); ++i) {
        const Case &c = cases[i];
        const QJsonObject r = results[i].toObject();
        QCOMPARE(r.value(QStringLiteral("id")).toString(), c.id);
        JwtVerifyOptions o;
        o.nowSecs = now;
        o.audience = c.audience;
        o.allowed = {c.alg};
        const JwtResult ours = Jwt::verify(c.token, c.verifyKey, o);
        const QString theirs = r.value(QStringLiteral("error")).toString();
        if (!c.signKey.isNull()) {
            // Ours verified by them, theirs by us, identical where the algorithm is deterministic.
            QVERIFY2(theirs.isEmpty(), qPrintable(c.id + QStringLiteral(": jsonwebtoken refused our token: ") + theirs));
            QCOMPARE(r.value(QStringLiteral("verified")).toObject(), claims);
            QVERIFY2(ours.ok, qPrintable(ours.error));
            const QByteArray nodeToken = r.value(QStringLiteral("signed")).toString().toLatin1();
            QVERIFY2(!nodeToken.isEmpty(), qPrintable(r.value(QStringLiteral("signError")).toString()));
            const JwtResult fromNode = Jwt::verify(nodeToken, c.verifyKey, o);
            QVERIFY2(fromNode.ok, qPrintable(c.id + QStringLiteral(": we refused jsonwebtoken's token: ") + fromNode.error));
            QCOMPARE(fromNode.claims, claims);
            if (c.alg != JwtAlgorithm::ES256 && c.alg != JwtAlgorithm::ES384) {
                QCOMPARE(nodeToken, c.token);
                ++identical;
            }
        } else {
            QVERIFY2(!theirs.isEmpty(), qPrintable(c.id + QStringLiteral(": jsonwebtoken accepted a bad token")));
            QVERIFY2(!ours.ok, qPrintable(c.id + QStringLiteral(": we accepted a bad token")));
            QCOMPARE(ours.error, theirs);
        }
    }
    QCOMPARE(identical, 6);
}

QTEST_GUILESS_MAIN(TestJwtConformance)
#include "tst_jwt_conformance.moc"
