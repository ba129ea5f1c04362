#include "../pg/testdatabase.h"

#include <identity/claimsmapping.h>

#include <QJsonDocument>
#include <QTest>

// Every setting name the presets generate is accepted by a real PostgreSQL (≥ 14 rejects names whose
// parts are not identifiers), and its value reads back unchanged with current_setting().
using namespace refract;
using namespace refract::identity;


class TestSettingNames : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sampleNameIsRejected();
    void generatedNamesAreAccepted_data();
    void generatedNamesAreAccepted();

private:
    pg::Connection m_conn;
};

namespace {

// Claim names as identity providers send them: namespaced URLs, colons, dashes, digits first,
// dots, spaces, non-ASCII, empty.
const char *identityJson = R"({
      "sub":"abc-123","username":"johndoe","issuer":"https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_x",
      "sourceIp":["1.2.3.4","::1"],"defaultAuthStrategy":"ALLOW","groups":["admin"],
      "claims":{"cognito:username":"johndoe","cognito:groups":["admin","dev"],"custom:tenant-id":"t-1",
                "https://hasura.io/jwt/claims":{"x-hasura-default-role":"user","x-hasura-allowed-roles":["user","admin"]},
                "0start":1,"dotted.name":"d","with space":"s","naïve":"n","":"empty","$dollar":true,"exp":1700000000,
                "email_verified":false,"nested":{"deeper":{"deepest":[1,{"x:y":2}]}}},
      "role":"forum_example_person"})";

} // namespace

void TestSettingNames::initTestCase()
{
    if (!test::hasPgEnvironment())
        QSKIP("PG* environment not set: no PostgreSQL to test against (scripts/test provides one)");
    QVERIFY2(m_conn.open(QString()), qPrintable(m_conn.lastError().toString()));
}

void TestSettingNames::sampleNameIsRejected()
{
    // The AppSync sample's own name for a Cognito username claim: the reason for the renaming rule.
    const pg::Result r = m_conn.execParams(QStringLiteral("select set_config($1, $2, true)"),
                                     {QByteArray("appsync.identity_claims_cognito:username"), QByteArray("johndoe")});
    QVERIFY(!r.ok());
    QCOMPARE(r.error().sqlState, QStringLiteral("42602")); // invalid_name
    QVERIFY(!ClaimsMapping::isValidSettingName(QStringLiteral("appsync.identity_claims_cognito:username")));
}

void TestSettingNames::generatedNamesAreAccepted_data()
{
    QTest::addColumn<QString>("preset");
    for (const QString &p : ClaimsMapping::presetNames())
        QTest::newRow(qPrintable(p)) << p;
    QTest::newRow("custom flatten") << QStringLiteral("custom");
}

void TestSettingNames::generatedNamesAreAccepted()
{
    QFETCH(QString, preset);
    const QJsonObject identity = QJsonDocument::fromJson(QByteArray(identityJson)).object();
    QVERIFY(!identity.isEmpty());
    QString error;
    const std::optional<ClaimsMapping> m = preset == QLatin1String("custom")
        ? ClaimsMapping::custom(QJsonDocument::fromJson(R"({"prefix":"my.claims.","nested":"flatten","separator":"."})").object(), &error)
        : ClaimsMapping::preset(preset);
    QVERIFY2(m, qPrintable(error));
    // The postgraphile/supabase flat claims: the AppSync identity's inner claims are the token.
    const QJsonObject claims = preset == QLatin1String("appsync") ? identity : identity.value(QStringLiteral("claims")).toObject();
    const QList<QPair<QString, QString>> settings = m->settings(claims, QString());
    QVERIFY(settings.size() >= 10);

    QVERIFY(m_conn.exec(QStringLiteral("begin")).ok());
    for (const auto &kv : settings) {
        if (kv.first == QLatin1String("role"))
            continue;
        QVERIFY2(ClaimsMapping::isValidSettingName(kv.first), qPrintable(kv.first));
        const pg::Result set = m_conn.execParams(QStringLiteral("select set_config($1, $2, true)"), {kv.first.toUtf8(), kv.second.toUtf8()});
        QVERIFY2(set.ok(), qPrintable(kv.first + QStringLiteral(": ") + set.error().toString()));
        const pg::Result get = m_conn.execParams(QStringLiteral("select current_setting($1)"), {kv.first.toUtf8()});
        QVERIFY2(get.ok(), qPrintable(get.error().toString()));
        QCOMPARE(get.text(0, 0), kv.second);
    }
    QVERIFY(m_conn.exec(QStringLiteral("rollback")).ok());
}

QTEST_GUILESS_MAIN(TestSettingNames)
#include "tst_settingnames.moc"
