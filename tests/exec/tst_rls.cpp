#include "../pg/testdatabase.h"

#include <exec/executor.h>
#include <exec/sqlcompiler.h>
#include <graphql/parser.h>
#include <graphql/validator.h>
#include <identity/identityprofile.h>
#include <identity/jwt.h>
#include <reflect/catalogreader.h>
#include <reflect/enumtables.h>
#include <reflect/schemagenerator.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <map>
#include <memory>

// Row level security as an identity sees it, through the whole pipeline (CatalogReader →
// SchemaGenerator → validate → SqlCompiler → Executor) on the AWS sample's forum database:
//  - "appsync": the sample's own policies (appsync.identity_username), johndoe from an identity
//    profile with the AppSync claims mapping, schema with the appsync preset;
//  - "postgraphile": tests/fixtures/forum_rls_jwt_claims.sql (jwt.claims.username), johndoe's
//    profile minted as a JWT, verified, mapped with the PostGraphile preset;
//  - "supabase": tests/fixtures/forum_rls_supabase.sql (request.jwt.claims), same through a JWT.
using namespace refract;
using namespace refract::identity;
using Settings = QList<QPair<QString, QString>>;

namespace {

using refract::test::sourceDir;

const QByteArray kSecret = "rls-test-secret";

struct Fixture
{
    reflect::Preset preset = reflect::Preset::PostGraphile;
    test::TestDatabase db;
    pg::Connection conn;
    reflect::Catalog catalog;
    reflect::ReflectOptions options;
    std::unique_ptr<reflect::GeneratedSchema> generated;
    std::unique_ptr<exec::SqlCompiler> compiler;
};

/// The names of the operations under each preset.
struct Names
{
    QString allPeople, updatePerson, patch, personPayload, createPost, postPayload, deletePost;
};

Names namesFor(reflect::Preset p)
{
    if (p == reflect::Preset::AppSync)
        return {QStringLiteral("people"), QStringLiteral("updatePerson"), QStringLiteral("patch"), QString(),
                QStringLiteral("createPost"), QString(), QStringLiteral("deletePost")};
    return {QStringLiteral("allPeople { totalCount }"), QStringLiteral("updatePersonById"), QStringLiteral("personPatch"),
            QStringLiteral("person"), QStringLiteral("createPost"), QStringLiteral("post"), QStringLiteral("deletePostById")};
}

} // namespace

class TestRls : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void identitySettings_data() { mappings(); }
    void identitySettings();
    void currentPersonIsJohndoe_data() { mappings(); }
    void currentPersonIsJohndoe();
    void updateOwnRowSucceeds_data() { mappings(); }
    void updateOwnRowSucceeds();
    void othersRowsAreRefused_data() { mappings(); }
    void othersRowsAreRefused();
    void anonymousReadsButCannotWrite_data() { mappings(); }
    void anonymousReadsButCannotWrite();
    void anonymousCurrentPerson_data() { mappings(); }
    void anonymousCurrentPerson();
    void badTokenNeverReachesTheDatabase();
    void dryRunLeavesDatabaseUnchanged_data() { mappings(); }
    void dryRunLeavesDatabaseUnchanged();

private:
    void mappings();
    bool loadFixture(const QString &mapping, QString *error);
    Settings settingsFor(const QString &mapping, bool johndoe);
    QJsonObject run(const QString &mapping, const QString &query, const Settings &settings, bool dryRun = false,
                    pg::Connection *connection = nullptr);
    QString scalar(const QString &mapping, const QString &sql);

    std::map<QString, std::unique_ptr<Fixture>> m_fixtures;
};

void TestRls::mappings()
{
    QTest::addColumn<QString>("mapping");
    for (const char *m : {"appsync", "postgraphile", "supabase"})
        QTest::newRow(m) << QString::fromLatin1(m);
}

bool TestRls::loadFixture(const QString &mapping, QString *error)
{
    auto f = std::make_unique<Fixture>();
    f->preset = mapping == QLatin1String("appsync") ? reflect::Preset::AppSync : reflect::Preset::PostGraphile;
    if (!f->db.create(QStringLiteral("tst_rls_") + mapping)) {
        *error = f->db.error();
        return false;
    }
    if (!f->conn.open(f->db.conninfo())) {
        *error = f->conn.lastError().toString();
        return false;
    }
    if (!test::loadForumExample(f->conn, sourceDir() + QStringLiteral("/tests/fixtures/forum_example.sql"), error))
        return false;
    const QString extra = mapping == QLatin1String("postgraphile") ? QStringLiteral("forum_rls_jwt_claims.sql")
                        : mapping == QLatin1String("supabase")     ? QStringLiteral("forum_rls_supabase.sql")
                                                                   : QString();
    if (!extra.isEmpty()) {
        QFile file(sourceDir() + QStringLiteral("/tests/fixtures/") + extra);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read ") + file.fileName();
            return false;
        }
        const pg::Result r = f->conn.exec(QString::fromUtf8(file.readAll()));
        if (!r.ok()) {
            *error = extra + QStringLiteral(": ") + r.error().toString();
            return false;
        }
    }
    reflect::CatalogReader reader(f->conn);
    if (!reader.read({QStringLiteral("forum_example")}, &f->catalog)) {
        *error = reader.error().toString();
        return false;
    }
    reflect::EnumTableData enumData;
    if (!reflect::readEnumTables(f->conn, f->catalog, &enumData, error))
        return false;
    f->options = reflect::ReflectOptions::defaultsFor(f->preset);
    reflect::SchemaGenerator generator(f->catalog, f->preset, f->options);
    generator.setEnumTableData(enumData);
    f->generated = std::make_unique<reflect::GeneratedSchema>(generator.generate());
    f->generated->schema.addBuiltInScalars();
    f->generated->schema.addBuiltInDirectives();
    f->compiler = std::make_unique<exec::SqlCompiler>(f->generated->schema, f->generated->meta, f->catalog, f->options);
    m_fixtures[mapping] = std::move(f);
    return true;
}

void TestRls::initTestCase()
{
    if (!test::hasPgEnvironment())
        QSKIP("PG* environment not set: no PostgreSQL to test against (scripts/test provides one)");
    for (const char *m : {"appsync", "postgraphile", "supabase"}) {
        QString error;
        QVERIFY2(loadFixture(QString::fromLatin1(m), &error), qPrintable(QLatin1String(m) + QStringLiteral(": ") + error));
    }
}

void TestRls::cleanupTestCase()
{
    m_fixtures.clear();
}

/// johndoe or an anonymous visitor, as an identity profile describes them. Under the AppSync
/// mapping the profile's claims are the AppSync identity; under the other two the profile mints a
/// token, which is verified and whose claims are mapped — the path a request with a bearer token takes.
Settings TestRls::settingsFor(const QString &mapping, bool johndoe)
{
    QString error;
    QJsonObject json{{QStringLiteral("name"), johndoe ? QStringLiteral("johndoe") : QStringLiteral("anonymous")},
                     {QStringLiteral("claimsMapping"), mapping},
                     {QStringLiteral("defaultRole"), QStringLiteral("forum_example_anonymous")},
                     {QStringLiteral("signingAlgorithm"), QStringLiteral("HS256")},
                     {QStringLiteral("tokenLifetime"), 300},
                     {QStringLiteral("audience"), QStringLiteral("postgraphile")}};
    if (johndoe && mapping == QLatin1String("appsync")) {
        json.insert(QStringLiteral("claims"), QJsonObject{{QStringLiteral("username"), QStringLiteral("johndoe")}});
        json.insert(QStringLiteral("role"), QStringLiteral("forum_example_person"));
    } else if (johndoe) {
        json.insert(QStringLiteral("claims"), QJsonObject{{QStringLiteral("username"), QStringLiteral("johndoe")},
                                                          {QStringLiteral("role"), QStringLiteral("forum_example_person")}});
    }
    const std::optional<IdentityProfile> profile = IdentityProfile::fromJson(json, &error);
    if (!profile) {
        qWarning("%s", qPrintable(error));
        return {};
    }
    std::optional<Settings> s;
    if (mapping == QLatin1String("appsync") || !johndoe) {
        s = profile->settings(&error);
    } else {
        const QByteArray token = profile->signToken(kSecret, QDateTime::currentSecsSinceEpoch(), &error);
        JwtVerifyOptions options;
        options.audience = QStringLiteral("postgraphile");
        const JwtResult verified = Jwt::verify(token, kSecret, options);
        if (!verified.ok) {
            qWarning("token: %s", qPrintable(verified.error));
            return {};
        }
        s = profile->settingsFor(verified.claims, &error);
    }
    if (!s)
        qWarning("%s", qPrintable(error));
    return s.value_or(Settings());
}

QJsonObject TestRls::run(const QString &mapping, const QString &query, const Settings &settings, bool dryRun,
                         pg::Connection *connection)
{
    Fixture &f = *m_fixtures.at(mapping);
    const graphql::ParseResult parsed = graphql::parse(query);
    if (!parsed.document)
        return QJsonObject{{QStringLiteral("parseError"), parsed.error->message}};
    const auto invalid = graphql::validate(f.generated->schema, *parsed.document);
    if (!invalid.isEmpty())
        return QJsonObject{{QStringLiteral("validationError"), invalid.front().message}};
    const exec::CompiledOperation op = f.compiler->compile(*parsed.document, QString(), {});
    exec::Executor executor(connection ? *connection : f.conn);
    exec::ExecuteOptions o;
    o.settings = settings;
    o.dryRun = dryRun;
    const QByteArray out = executor.execute(op, o);
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(out, &pe);
    if (pe.error != QJsonParseError::NoError)
        qWarning("not JSON: %s", out.constData());
    return doc.object();
}

/// A value read as the table owner, outside any identity.
QString TestRls::scalar(const QString &mapping, const QString &sql)
{
    const pg::Result r = m_fixtures.at(mapping)->conn.exec(sql);
    return r.ok() && r.rows() > 0 ? r.text(0, 0) : QStringLiteral("<error: %1>").arg(r.error().toString());
}

void TestRls::identitySettings()
{
    QFETCH(QString, mapping);
    const Settings john = settingsFor(mapping, true);
    QVERIFY(!john.isEmpty());
    QCOMPARE(john.front(), qMakePair(QStringLiteral("role"), QStringLiteral("forum_example_person")));
    const QPair<QString, QString> key = mapping == QLatin1String("appsync")
        ? qMakePair(QStringLiteral("appsync.identity_username"), QStringLiteral("johndoe"))
        : mapping == QLatin1String("postgraphile") ? qMakePair(QStringLiteral("jwt.claims.username"), QStringLiteral("johndoe"))
                                                   : qMakePair(QStringLiteral("request.jwt.claim.username"), QStringLiteral("johndoe"));
    QVERIFY2(john.contains(key), qPrintable(key.first));
    if (mapping == QLatin1String("supabase")) {
        bool documentFound = false;
        for (const auto &kv : john)
            if (kv.first == QLatin1String("request.jwt.claims"))
                documentFound = QJsonDocument::fromJson(kv.second.toUtf8()).object().value(QStringLiteral("username")).toString()
                    == QLatin1String("johndoe");
        QVERIFY(documentFound);
    }
    const Settings anon = settingsFor(mapping, false);
    QCOMPARE(anon.front(), qMakePair(QStringLiteral("role"), QStringLiteral("forum_example_anonymous")));
}

void TestRls::currentPersonIsJohndoe()
{
    QFETCH(QString, mapping);
    const QJsonObject r = run(mapping, QStringLiteral("{ currentPerson { id username firstName } }"), settingsFor(mapping, true));
    QVERIFY2(!r.contains(QStringLiteral("errors")), QJsonDocument(r).toJson().constData());
    const QJsonObject p = r[QStringLiteral("data")][QStringLiteral("currentPerson")].toObject();
    QCOMPARE(p[QStringLiteral("username")].toString(), QStringLiteral("johndoe"));
    QCOMPARE(p[QStringLiteral("id")].toInt(), 1);
}

void TestRls::updateOwnRowSucceeds()
{
    QFETCH(QString, mapping);
    const Names n = namesFor(m_fixtures.at(mapping)->preset);
    const QString about = QStringLiteral("written by johndoe under ") + mapping;
    const QString sel = n.personPayload.isEmpty() ? QStringLiteral("{ id about }") : QStringLiteral("{ %1 { id about } }").arg(n.personPayload);
    const QJsonObject r = run(mapping, QStringLiteral("mutation { u: %1(input: {id: 1, %2: {about: \"%3\"}}) %4 }")
                                           .arg(n.updatePerson, n.patch, about, sel),
                              settingsFor(mapping, true));
    QVERIFY2(!r.contains(QStringLiteral("errors")), QJsonDocument(r).toJson().constData());
    QJsonObject row = r[QStringLiteral("data")][QStringLiteral("u")].toObject();
    if (!n.personPayload.isEmpty())
        row = row[n.personPayload].toObject();
    QCOMPARE(row[QStringLiteral("about")].toString(), about);
    // Committed: the owner reads it back outside any identity.
    QCOMPARE(scalar(mapping, QStringLiteral("select about from forum_example.person where id = 1")), about);
}

void TestRls::othersRowsAreRefused()
{
    QFETCH(QString, mapping);
    const Names n = namesFor(m_fixtures.at(mapping)->preset);
    const QString aboutBefore = scalar(mapping, QStringLiteral("select coalesce(about, '<null>') from forum_example.person where id = 2"));
    const QString postsBefore = scalar(mapping, QStringLiteral("select count(*) from forum_example.post"));
    const QString otherPost = scalar(mapping, QStringLiteral("select min(id) from forum_example.post where author_username <> 'johndoe'"));
    const QString personSel = n.personPayload.isEmpty() ? QStringLiteral("{ id }") : QStringLiteral("{ %1 { id } }").arg(n.personPayload);
    const QString postSel = n.postPayload.isEmpty() ? QStringLiteral("{ id }") : QStringLiteral("{ %1 { id } }").arg(n.postPayload);
    const QString query = QStringLiteral("mutation { u: %1(input: {id: 2, %2: {about: \"hacked\"}}) %3 "
                                         "c: %4(input: {post: {authorUsername: \"user2\", headline: \"forged\"}}) %5 "
                                         "d: %6(input: {id: %7}) %5 }")
                              .arg(n.updatePerson, n.patch, personSel, n.createPost, postSel, n.deletePost, otherPost);
    const QJsonObject r = run(mapping, query, settingsFor(mapping, true));
    const QJsonArray errors = r[QStringLiteral("errors")].toArray();
    QCOMPARE(errors.size(), 3);
    const QString collection = m_fixtures.at(mapping)->preset == reflect::Preset::AppSync ? QStringLiteral("person") : QStringLiteral("people");
    const QString postCollection = m_fixtures.at(mapping)->preset == reflect::Preset::AppSync ? QStringLiteral("post") : QStringLiteral("posts");
    // RLS hides the row from the UPDATE/DELETE: no row, PostGraphile's message.
    QCOMPARE(errors[0][QStringLiteral("message")].toString(),
             QStringLiteral("No values were updated in collection '%1' because no values you can update were found matching these criteria.").arg(collection));
    QCOMPARE(errors[0][QStringLiteral("path")].toArray(), QJsonArray{QStringLiteral("u")});
    // The insert's WITH CHECK fails: PostgreSQL's error with its SQLSTATE.
    QCOMPARE(errors[1][QStringLiteral("message")].toString(), QStringLiteral("new row violates row-level security policy for table \"post\""));
    QCOMPARE(errors[1][QStringLiteral("extensions")][QStringLiteral("code")].toString(), QStringLiteral("42501"));
    QCOMPARE(errors[2][QStringLiteral("message")].toString(),
             QStringLiteral("No values were deleted in collection '%1' because no values you can delete were found matching these criteria.").arg(postCollection));
    for (const char *k : {"u", "c", "d"})
        QVERIFY(r[QStringLiteral("data")][QLatin1String(k)].isNull());
    QCOMPARE(scalar(mapping, QStringLiteral("select coalesce(about, '<null>') from forum_example.person where id = 2")), aboutBefore);
    QCOMPARE(scalar(mapping, QStringLiteral("select count(*) from forum_example.post")), postsBefore);
    QCOMPARE(scalar(mapping, QStringLiteral("select count(*) from forum_example.post where id = ") + otherPost), QStringLiteral("1"));
}

void TestRls::anonymousReadsButCannotWrite()
{
    QFETCH(QString, mapping);
    const Names n = namesFor(m_fixtures.at(mapping)->preset);
    const Settings anon = settingsFor(mapping, false);
    const QJsonObject read = run(mapping, QStringLiteral("{ %1 }").arg(n.allPeople.contains(QLatin1Char('{')) ? n.allPeople : n.allPeople + QStringLiteral(" { id }")), anon);
    QVERIFY2(!read.contains(QStringLiteral("errors")), QJsonDocument(read).toJson().constData());
    const QJsonValue people = read[QStringLiteral("data")].toObject().begin().value();
    QCOMPARE(people.isArray() ? people.toArray().size() : people[QStringLiteral("totalCount")].toInt(), 10);

    const QString personSel = n.personPayload.isEmpty() ? QStringLiteral("{ id }") : QStringLiteral("{ %1 { id } }").arg(n.personPayload);
    const QString postSel = n.postPayload.isEmpty() ? QStringLiteral("{ id }") : QStringLiteral("{ %1 { id } }").arg(n.postPayload);
    const QJsonObject w = run(mapping, QStringLiteral("mutation { u: %1(input: {id: 1, %2: {about: \"anon\"}}) %3 "
                                                      "c: %4(input: {post: {authorUsername: \"johndoe\", headline: \"anon\"}}) %5 }")
                                           .arg(n.updatePerson, n.patch, personSel, n.createPost, postSel),
                              anon);
    const QJsonArray errors = w[QStringLiteral("errors")].toArray();
    QCOMPARE(errors.size(), 2);
    QCOMPARE(errors[0][QStringLiteral("message")].toString(), QStringLiteral("permission denied for table person"));
    QCOMPARE(errors[0][QStringLiteral("extensions")][QStringLiteral("code")].toString(), QStringLiteral("42501"));
    QCOMPARE(errors[1][QStringLiteral("message")].toString(), QStringLiteral("permission denied for table post"));
    QVERIFY(scalar(mapping, QStringLiteral("select coalesce(about, '') from forum_example.person where id = 1")) != QLatin1String("anon"));
}

void TestRls::anonymousCurrentPerson()
{
    QFETCH(QString, mapping);
    // A fresh session, so no earlier request left the setting defined (see below).
    pg::Connection fresh;
    QVERIFY(fresh.open(m_fixtures.at(mapping)->db.conninfo()));
    const QJsonObject r = run(mapping, QStringLiteral("{ currentPerson { id } }"), settingsFor(mapping, false), false, &fresh);
    if (mapping == QLatin1String("appsync")) {
        // The sample reads current_setting('appsync.identity_username') without missing_ok: an
        // anonymous request fails (in a pooled session that once set it, it would read '' instead).
        const QJsonArray errors = r[QStringLiteral("errors")].toArray();
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors[0][QStringLiteral("extensions")][QStringLiteral("code")].toString(), QStringLiteral("42704"));
        QCOMPARE(errors[0][QStringLiteral("message")].toString(), QStringLiteral("unrecognized configuration parameter \"appsync.identity_username\""));
    } else {
        QVERIFY2(!r.contains(QStringLiteral("errors")), QJsonDocument(r).toJson().constData());
        QVERIFY(r[QStringLiteral("data")][QStringLiteral("currentPerson")].isNull());
    }
}

void TestRls::badTokenNeverReachesTheDatabase()
{
    // A token signed with another secret, and one that expired, do not verify: no settings at all.
    QString error;
    const auto profile = IdentityProfile::fromJson(QJsonObject{{QStringLiteral("claims"), QJsonObject{{QStringLiteral("role"), QStringLiteral("postgres")}}},
                                                               {QStringLiteral("tokenLifetime"), 60}}, &error);
    QVERIFY2(profile, qPrintable(error));
    const QByteArray forged = profile->signToken("not-the-secret", QDateTime::currentSecsSinceEpoch(), &error);
    QCOMPARE(Jwt::verify(forged, kSecret, {}).failure, JwtResult::Failure::BadSignature);
    const QByteArray expired = profile->signToken(kSecret, QDateTime::currentSecsSinceEpoch() - 3600, &error);
    QCOMPARE(Jwt::verify(expired, kSecret, {}).failure, JwtResult::Failure::Expired);
}

void TestRls::dryRunLeavesDatabaseUnchanged()
{
    QFETCH(QString, mapping);
    const Names n = namesFor(m_fixtures.at(mapping)->preset);
    const QString countSql = QStringLiteral("select (select count(*) from forum_example.post) || '/' || "
                                            "(select count(*) from forum_example.person) || '/' || "
                                            "(select coalesce(about, '') from forum_example.person where id = 1)");
    const QString before = scalar(mapping, countSql);
    const QString personSel = n.personPayload.isEmpty() ? QStringLiteral("{ id about }") : QStringLiteral("{ %1 { id about } }").arg(n.personPayload);
    const QString postSel = n.postPayload.isEmpty() ? QStringLiteral("{ id headline }") : QStringLiteral("{ %1 { id headline } }").arg(n.postPayload);
    const QJsonObject r = run(mapping, QStringLiteral("mutation { c: %1(input: {post: {authorUsername: \"johndoe\", headline: \"draft\"}}) %2 "
                                                      "u: %3(input: {id: 1, %4: {about: \"dry run\"}}) %5 }")
                                           .arg(n.createPost, postSel, n.updatePerson, n.patch, personSel),
                              settingsFor(mapping, true), true);
    QVERIFY2(!r.contains(QStringLiteral("errors")), QJsonDocument(r).toJson().constData());
    // The response shows what would have happened…
    QJsonObject c = r[QStringLiteral("data")][QStringLiteral("c")].toObject();
    if (!n.postPayload.isEmpty())
        c = c[n.postPayload].toObject();
    QCOMPARE(c[QStringLiteral("headline")].toString(), QStringLiteral("draft"));
    QJsonObject u = r[QStringLiteral("data")][QStringLiteral("u")].toObject();
    if (!n.personPayload.isEmpty())
        u = u[n.personPayload].toObject();
    QCOMPARE(u[QStringLiteral("about")].toString(), QStringLiteral("dry run"));
    // …and nothing of it stayed.
    QCOMPARE(scalar(mapping, countSql), before);
    QCOMPARE(scalar(mapping, QStringLiteral("select count(*) from forum_example.post where headline = 'draft'")), QStringLiteral("0"));
}

QTEST_GUILESS_MAIN(TestRls)
#include "tst_rls.moc"
