#include "../identity/testkeys.h"
#include "../pg/testdatabase.h"

#include <identity/identityprofile.h>
#include <identity/jwt.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// refract-cli query as an identity: --profile, --jwt with a secret, a PEM public key (@FILE) or
// REFRACT_JWT_SECRET, --claims-mapping and --settings precedence, on the forum example. Invalid tokens
// answer with a GraphQL error and exit 1; secrets never appear in any output.
using namespace refract;
using namespace refract::identity;

namespace {

using refract::test::sourceDir;

struct Run
{
    int exitCode = -1;
    QByteArray out, err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

const char *kCurrentPerson = "{ currentPerson { username } }";

} // namespace

class TestQueryIdentity : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void profile();
    void hsToken();
    void rsTokenWithPemFile();
    void invalidTokens_data();
    void invalidTokens();
    void settingsPrecedence();
    void usageErrors();

private:
    Run run(const QStringList &args, const QByteArray &query, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
    QByteArray token(const QJsonObject &claims, JwtAlgorithm alg = JwtAlgorithm::HS256, const QByteArray &key = "cli-secret");

    test::TestDatabase m_db;
    QTemporaryDir m_dir;
    QString m_uri;
};

void TestQueryIdentity::initTestCase()
{
    if (!test::hasPgEnvironment())
        QSKIP("PG* environment not set: no PostgreSQL to test against (scripts/test provides one)");
    QVERIFY2(m_db.create(QStringLiteral("tst_queryidentity")), qPrintable(m_db.error()));
    pg::Connection c;
    QVERIFY2(c.open(m_db.conninfo()), qPrintable(c.lastError().toString()));
    QString error;
    QVERIFY2(test::loadForumExample(c, sourceDir() + QStringLiteral("/tests/fixtures/forum_example.sql"), &error), qPrintable(error));
    QFile f(sourceDir() + QStringLiteral("/tests/fixtures/forum_rls_jwt_claims.sql"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(c.exec(QString::fromUtf8(f.readAll())).ok());
    m_uri = m_db.conninfo();
    QVERIFY(m_dir.isValid());
}

Run TestQueryIdentity::run(const QStringList &args, const QByteArray &query, const QProcessEnvironment &env)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(REFRACT_CLI), QStringList{QStringLiteral("query"), QStringLiteral("--db"), m_uri,
                                                     QStringLiteral("--schema"), QStringLiteral("forum_example")}
                                             + args + QStringList{QStringLiteral("-")});
    p.write(query);
    p.closeWriteChannel();
    Run r;
    if (!p.waitForFinished(120000))
        return r;
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QByteArray TestQueryIdentity::token(const QJsonObject &claims, JwtAlgorithm alg, const QByteArray &key)
{
    QString error;
    return Jwt::sign(claims, alg, key, &error);
}

void TestQueryIdentity::profile()
{
    const QString path = m_dir.filePath(QStringLiteral("johndoe.json"));
    IdentityProfile p;
    p.name = QStringLiteral("johndoe");
    p.claims = QJsonObject{{QStringLiteral("username"), QStringLiteral("johndoe")}};
    p.role = QStringLiteral("forum_example_person");
    p.claimsMapping = QStringLiteral("postgraphile");
    QString error;
    QVERIFY2(p.save(path, &error), qPrintable(error));
    const Run r = run({QStringLiteral("--profile"), path}, kCurrentPerson);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.json()[QStringLiteral("data")][QStringLiteral("currentPerson")][QStringLiteral("username")].toString(), QStringLiteral("johndoe"));
    // The same profile under the appsync mapping sets appsync.identity_username, which these
    // policies do not read: nobody is the current person.
    const Run a = run({QStringLiteral("--profile"), path, QStringLiteral("--claims-mapping"), QStringLiteral("appsync")}, kCurrentPerson);
    QCOMPARE(a.exitCode, 0);
    QVERIFY(a.json()[QStringLiteral("data")][QStringLiteral("currentPerson")].isNull());
}

void TestQueryIdentity::hsToken()
{
    const QByteArray t = token({{QStringLiteral("aud"), QStringLiteral("postgraphile")}, {QStringLiteral("username"), QStringLiteral("user2")},
                                {QStringLiteral("role"), QStringLiteral("forum_example_person")}});
    const Run r = run({QStringLiteral("--jwt"), QString::fromLatin1(t), QStringLiteral("--jwt-secret"), QStringLiteral("cli-secret")}, kCurrentPerson);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.json()[QStringLiteral("data")][QStringLiteral("currentPerson")][QStringLiteral("username")].toString(), QStringLiteral("user2"));
    // The secret from the environment, the token from a file.
    QFile tf(m_dir.filePath(QStringLiteral("token.txt")));
    QVERIFY(tf.open(QIODevice::WriteOnly));
    tf.write(t + '\n');
    tf.close();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("REFRACT_JWT_SECRET"), QStringLiteral("cli-secret"));
    const Run e = run({QStringLiteral("--jwt"), QLatin1Char('@') + tf.fileName()}, kCurrentPerson, env);
    QCOMPARE(e.exitCode, 0);
    QCOMPARE(e.json()[QStringLiteral("data")][QStringLiteral("currentPerson")][QStringLiteral("username")].toString(), QStringLiteral("user2"));
}

void TestQueryIdentity::rsTokenWithPemFile()
{
    const test::PemPair rsa = test::generateKeyPair("RSA", 2048);
    QFile pub(m_dir.filePath(QStringLiteral("public.pem")));
    QVERIFY(pub.open(QIODevice::WriteOnly));
    pub.write(rsa.publicPem);
    pub.close();
    const QByteArray t = token({{QStringLiteral("aud"), QStringLiteral("postgraphile")}, {QStringLiteral("username"), QStringLiteral("johndoe")},
                                {QStringLiteral("role"), QStringLiteral("forum_example_person")}},
                               JwtAlgorithm::RS256, rsa.privatePem);
    const Run r = run({QStringLiteral("--jwt"), QString::fromLatin1(t), QStringLiteral("--jwt-secret"), QLatin1Char('@') + pub.fileName()}, kCurrentPerson);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.json()[QStringLiteral("data")][QStringLiteral("currentPerson")][QStringLiteral("username")].toString(), QStringLiteral("johndoe"));
}

void TestQueryIdentity::invalidTokens_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("message");
    const QJsonObject ok{{QStringLiteral("aud"), QStringLiteral("postgraphile")}, {QStringLiteral("role"), QStringLiteral("postgres")}};
    QTest::newRow("wrong secret") << token(ok) << QStringLiteral("not-the-cli-secret") << QStringLiteral("invalid signature");
    QJsonObject expired = ok;
    expired.insert(QStringLiteral("exp"), 1000);
    QTest::newRow("expired") << token(expired) << QStringLiteral("cli-secret") << QStringLiteral("jwt expired");
    QJsonObject noAud = ok;
    noAud.remove(QStringLiteral("aud"));
    QTest::newRow("no audience") << token(noAud) << QStringLiteral("cli-secret") << QStringLiteral("jwt audience invalid. expected: postgraphile");
    QTest::newRow("malformed") << QByteArray("abc") << QStringLiteral("cli-secret") << QStringLiteral("jwt malformed");
    QJsonObject numericRole = ok;
    numericRole.insert(QStringLiteral("role"), 5);
    QTest::newRow("role not a string") << token(numericRole) << QStringLiteral("cli-secret")
                                       << QStringLiteral("JWT `role` claim must be a string. Instead found 'number'.");
}

void TestQueryIdentity::invalidTokens()
{
    QFETCH(QByteArray, token);
    QFETCH(QString, secret);
    QFETCH(QString, message);
    const Run r = run({QStringLiteral("--jwt"), QString::fromLatin1(token), QStringLiteral("--jwt-secret"), secret}, kCurrentPerson);
    QCOMPARE(r.exitCode, 1);
    const QJsonArray errors = r.json()[QStringLiteral("errors")].toArray();
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors[0][QStringLiteral("message")].toString(), message);
    QVERIFY(!r.json().contains(QStringLiteral("data")));
    QVERIFY(!r.out.contains(secret.toUtf8()) && !r.err.contains(secret.toUtf8()));
}

void TestQueryIdentity::settingsPrecedence()
{
    // PostGraphile: pgSettings.role beats the token's role; claim settings beat pgSettings keys.
    const QByteArray t = token({{QStringLiteral("aud"), QStringLiteral("postgraphile")}, {QStringLiteral("username"), QStringLiteral("johndoe")},
                                {QStringLiteral("role"), QStringLiteral("postgres")}});
    const Run r = run({QStringLiteral("--jwt"), QString::fromLatin1(t), QStringLiteral("--jwt-secret"), QStringLiteral("cli-secret"),
                       QStringLiteral("--settings"), QStringLiteral(R"({"role":"forum_example_anonymous","jwt.claims.username":"user3"})")},
                      "mutation { updatePersonById(input: {id: 1, personPatch: {about: \"x\"}}) { person { id } } }");
    // Ran as forum_example_anonymous (no UPDATE privilege), not as the token's postgres.
    QCOMPARE(r.json()[QStringLiteral("errors")][0][QStringLiteral("message")].toString(), QStringLiteral("permission denied for table person"));
    const Run who = run({QStringLiteral("--jwt"), QString::fromLatin1(t), QStringLiteral("--jwt-secret"), QStringLiteral("cli-secret"),
                         QStringLiteral("--settings"), QStringLiteral(R"({"role":"forum_example_person","jwt.claims.username":"user3"})")},
                        kCurrentPerson);
    QCOMPARE(who.json()[QStringLiteral("data")][QStringLiteral("currentPerson")][QStringLiteral("username")].toString(), QStringLiteral("johndoe"));
}

void TestQueryIdentity::usageErrors()
{
    const Run noSecret = run({QStringLiteral("--jwt"), QStringLiteral("a.b.c")}, kCurrentPerson,
                             [] { auto e = QProcessEnvironment::systemEnvironment(); e.remove(QStringLiteral("REFRACT_JWT_SECRET")); return e; }());
    QCOMPARE(noSecret.exitCode, 2);
    QVERIFY(noSecret.err.contains("--jwt-secret"));
    const Run missing = run({QStringLiteral("--profile"), m_dir.filePath(QStringLiteral("nope.json"))}, kCurrentPerson);
    QCOMPARE(missing.exitCode, 2);
    QVERIFY(missing.err.contains("cannot read"));
    const Run mapping = run({QStringLiteral("--profile"), m_dir.filePath(QStringLiteral("johndoe.json")), QStringLiteral("--claims-mapping"), QStringLiteral("hasura")}, kCurrentPerson);
    QCOMPARE(mapping.exitCode, 2);
    QVERIFY(mapping.err.contains("unknown claims mapping"));
}

QTEST_GUILESS_MAIN(TestQueryIdentity)
#include "tst_queryidentity.moc"
