#include "../pg/testdatabase.h"

#include <exec/executor.h>
#include <exec/sqlcompiler.h>
#include <graphql/parser.h>
#include <graphql/validator.h>
#include <reflect/catalogreader.h>
#include <reflect/schemagenerator.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QJsonObject>
#include <QTest>

#include <memory>

// The compiler and executor against the demo database (resources/demo/forum_demo.sql): real SQL,
// real rows, real RLS. Conformance with PostGraphile's answers is tests/conformance/exec.
using namespace refract;

namespace {

using refract::test::sourceDir;

using Settings = QList<QPair<QString, QString>>;

} // namespace

class TestSqlCompiler : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void connectionAndCursors();
    void nodeIdRoundTrip();
    void relationsAndComputedColumns();
    void statementCountDoesNotGrow();
    void oneTransactionPerRequest();
    void rlsCurrentPerson();
    void settingsAreParameters();
    void dryRunRollsBack();
    void postgresErrorKeepsOtherFields();
    void injectionInArguments_data();
    void injectionInArguments();
    void cursorErrors();
    void variablesRequired();
    void mutationsInSavepoints();
    void loneMutationIsOneStatement();
    void toOneRelationsJoinThePage();
    void mutationDryRunLeavesNoTrace();
    void appsyncPreset();

private:
    QJsonObject run(const QString &query, const QJsonObject &variables = {}, const Settings &settings = {},
                    bool dryRun = false, int *statements = nullptr);

    test::TestDatabase m_db;
    pg::Connection m_conn;
    reflect::Catalog m_catalog;
    std::unique_ptr<reflect::GeneratedSchema> m_generated;
    std::unique_ptr<exec::SqlCompiler> m_compiler;
    QList<pg::Statement> m_lastSent;
};

void TestSqlCompiler::initTestCase()
{
    if (!test::hasPgEnvironment())
        QSKIP("PG* environment not set: no PostgreSQL to test against (scripts/test provides one)");
    QVERIFY2(m_db.create(QStringLiteral("tst_sqlcompiler")), qPrintable(m_db.error()));
    QVERIFY2(m_conn.open(m_db.conninfo()), qPrintable(m_conn.lastError().toString()));
    QFile f(sourceDir() + QStringLiteral("/resources/demo/forum_demo.sql"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const pg::Result loaded = m_conn.exec(QString::fromUtf8(f.readAll()));
    QVERIFY2(loaded.ok(), qPrintable(loaded.error().toString()));
    reflect::CatalogReader reader(m_conn);
    QVERIFY2(reader.read({QStringLiteral("forum_example")}, &m_catalog), qPrintable(reader.error().toString()));
    const auto options = reflect::ReflectOptions::defaultsFor(reflect::Preset::PostGraphile);
    m_generated = std::make_unique<reflect::GeneratedSchema>(
        reflect::SchemaGenerator(m_catalog, reflect::Preset::PostGraphile, options).generate());
    m_generated->schema.addBuiltInScalars();
    m_generated->schema.addBuiltInDirectives();
    m_compiler = std::make_unique<exec::SqlCompiler>(m_generated->schema, m_generated->meta, m_catalog, options);
}

void TestSqlCompiler::cleanupTestCase()
{
    m_compiler.reset();
    m_conn.close();
    m_db.drop();
}

QJsonObject TestSqlCompiler::run(const QString &query, const QJsonObject &variables, const Settings &settings, bool dryRun,
                                 int *statements)
{
    const graphql::ParseResult parsed = graphql::parse(query);
    if (!parsed.document)
        return QJsonObject{{QStringLiteral("parseError"), parsed.error->message}};
    const auto invalid = graphql::validate(m_generated->schema, *parsed.document);
    if (!invalid.isEmpty())
        return QJsonObject{{QStringLiteral("validationError"), invalid.front().message}};
    const exec::CompiledOperation op = m_compiler->compile(*parsed.document, QString(), variables);
    exec::Executor executor(m_conn);
    exec::ExecuteOptions o;
    o.settings = settings;
    o.dryRun = dryRun;
    const QByteArray out = executor.execute(op, o);
    m_lastSent = executor.lastStatements();
    if (statements)
        *statements = executor.lastStatementCount();
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(out, &pe);
    if (pe.error != QJsonParseError::NoError)
        qWarning("not JSON: %s", out.constData());
    return doc.object();
}

void TestSqlCompiler::connectionAndCursors()
{
    const QJsonObject r = run(QStringLiteral("{ allPeople(first: 2) { totalCount edges { cursor node { id } } "
                                             "pageInfo { hasNextPage hasPreviousPage endCursor } } }"));
    const QJsonObject c = r[QStringLiteral("data")][QStringLiteral("allPeople")].toObject();
    QCOMPARE(c[QStringLiteral("totalCount")].toInt(), 10);
    const QJsonArray edges = c[QStringLiteral("edges")].toArray();
    QCOMPARE(edges.size(), 2);
    // base64('["primary_key_asc",[1]]'), PostGraphile's encoding
    QCOMPARE(edges[0][QStringLiteral("cursor")].toString(), QStringLiteral("WyJwcmltYXJ5X2tleV9hc2MiLFsxXV0="));
    QCOMPARE(c[QStringLiteral("pageInfo")][QStringLiteral("hasNextPage")].toBool(), true);
    QCOMPARE(c[QStringLiteral("pageInfo")][QStringLiteral("hasPreviousPage")].toBool(), false);

    // The next page starts after the end cursor.
    const QString after = c[QStringLiteral("pageInfo")][QStringLiteral("endCursor")].toString();
    const QJsonObject next = run(QStringLiteral("query($a: Cursor) { allPeople(first: 2, after: $a) { nodes { id } "
                                                "pageInfo { hasPreviousPage } } }"),
                                 QJsonObject{{QStringLiteral("a"), after}});
    const QJsonObject nc = next[QStringLiteral("data")][QStringLiteral("allPeople")].toObject();
    QCOMPARE(nc[QStringLiteral("nodes")].toArray()[0][QStringLiteral("id")].toInt(), 3);
    QCOMPARE(nc[QStringLiteral("pageInfo")][QStringLiteral("hasPreviousPage")].toBool(), true);
}

void TestSqlCompiler::nodeIdRoundTrip()
{
    const QJsonObject r = run(QStringLiteral("{ personByUsername(username: \"johndoe\") { nodeId id } }"));
    const QJsonObject p = r[QStringLiteral("data")][QStringLiteral("personByUsername")].toObject();
    const QString nodeId = p[QStringLiteral("nodeId")].toString();
    QCOMPARE(QByteArray::fromBase64(nodeId.toLatin1()), QByteArray("[\"people\",") + QByteArray::number(p[QStringLiteral("id")].toInt()) + ']');
    const QJsonObject n = run(QStringLiteral("query($n: ID!) { node(nodeId: $n) { __typename ... on Person { username } } }"),
                              QJsonObject{{QStringLiteral("n"), nodeId}});
    QCOMPARE(n[QStringLiteral("data")][QStringLiteral("node")][QStringLiteral("__typename")].toString(), QStringLiteral("Person"));
    QCOMPARE(n[QStringLiteral("data")][QStringLiteral("node")][QStringLiteral("username")].toString(), QStringLiteral("johndoe"));
}

void TestSqlCompiler::relationsAndComputedColumns()
{
    const QJsonObject r = run(QStringLiteral("{ personByUsername(username: \"johndoe\") { fullName "
                                             "posts(orderBy: CREATED_AT_ASC) { totalCount nodes { author { username } summary(length: 3, omission: \"~\") } } } }"));
    const QJsonObject p = r[QStringLiteral("data")][QStringLiteral("personByUsername")].toObject();
    QVERIFY(!p[QStringLiteral("fullName")].toString().isEmpty());
    const QJsonArray posts = p[QStringLiteral("posts")][QStringLiteral("nodes")].toArray();
    QVERIFY(!posts.isEmpty());
    QCOMPARE(posts.size(), p[QStringLiteral("posts")][QStringLiteral("totalCount")].toInt());
    for (const QJsonValue &post : posts) {
        QCOMPARE(post[QStringLiteral("author")][QStringLiteral("username")].toString(), QStringLiteral("johndoe"));
        QVERIFY(post[QStringLiteral("summary")].toString().endsWith(QLatin1Char('~')));
    }
}

void TestSqlCompiler::statementCountDoesNotGrow()
{
    // begin + one statement per root field + commit, however many rows and however deep.
    int shallow = 0, deep = 0, twoRoots = 0;
    run(QStringLiteral("{ allPeople(first: 1) { nodes { id } } }"), {}, {}, false, &shallow);
    run(QStringLiteral("{ allPeople { nodes { id posts { nodes { author { posts { edges { node { author { fullName "
                       "latestPost { id } } } } } } } } } } }"),
        {}, {}, false, &deep);
    run(QStringLiteral("{ a: allPeople { nodes { id } } b: allPosts { nodes { id author { id } } } }"), {}, {}, false, &twoRoots);
    QCOMPARE(shallow, 3);
    QCOMPARE(deep, 3);
    QCOMPARE(twoRoots, 4);
}

void TestSqlCompiler::oneTransactionPerRequest()
{
    run(QStringLiteral("{ a: allPeople { totalCount } b: allPosts { totalCount } }"), {},
        Settings{{QStringLiteral("role"), QStringLiteral("forum_example_anonymous")}});
    QCOMPARE(m_lastSent.size(), 5);
    QCOMPARE(m_lastSent.first().sql, QStringLiteral("begin"));
    QCOMPARE(m_lastSent[1].sql, QStringLiteral("select set_config($1, $2, true)"));
    QCOMPARE(m_lastSent.last().sql, QStringLiteral("commit"));
}

void TestSqlCompiler::rlsCurrentPerson()
{
    const Settings johndoe{{QStringLiteral("role"), QStringLiteral("forum_example_person")},
                           {QStringLiteral("appsync.identity_username"), QStringLiteral("johndoe")}};
    const QJsonObject r = run(QStringLiteral("{ currentPerson { username } }"), {}, johndoe);
    QCOMPARE(r[QStringLiteral("data")][QStringLiteral("currentPerson")][QStringLiteral("username")].toString(), QStringLiteral("johndoe"));
    const QJsonObject anon = run(QStringLiteral("{ currentPerson { username } }"), {},
                                 Settings{{QStringLiteral("role"), QStringLiteral("forum_example_anonymous")}});
    QVERIFY(anon[QStringLiteral("data")][QStringLiteral("currentPerson")].isNull());
    QVERIFY(!m_conn.inTransaction());
}

void TestSqlCompiler::settingsAreParameters()
{
    const pg::Statement s = exec::Executor::settingsStatement(
        Settings{{QStringLiteral("a.b"), QStringLiteral("1')); drop table x; --")}, {QStringLiteral("role"), QStringLiteral("r")},
                 {QStringLiteral("a.b"), QStringLiteral("2")}},
        1500);
    // Last value wins, statement_timeout joins the same statement, values never reach the SQL text.
    QCOMPARE(s.sql, QStringLiteral("select set_config($1, $2, true), set_config($3, $4, true), set_config($5, $6, true)"));
    QCOMPARE(s.params.size(), 6);
    QCOMPARE(*s.params[0], QByteArray("role"));
    QCOMPARE(*s.params[2], QByteArray("a.b"));
    QCOMPARE(*s.params[3], QByteArray("2"));
    QCOMPARE(*s.params[5], QByteArray("1500"));
}

void TestSqlCompiler::dryRunRollsBack()
{
    run(QStringLiteral("{ allPeople(first: 1) { nodes { id } } }"), {}, {}, true);
    QCOMPARE(m_lastSent.last().sql, QStringLiteral("rollback"));
    QVERIFY(!m_conn.inTransaction());
}

void TestSqlCompiler::postgresErrorKeepsOtherFields()
{
    const QJsonObject r = run(QStringLiteral("{ a: allPeople(first: 1) { nodes { id } } b: allPeople(first: -1) { nodes { id } } "
                                             "c: allPosts(first: 1) { totalCount } }"));
    const QJsonArray errors = r[QStringLiteral("errors")].toArray();
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors[0][QStringLiteral("path")].toArray(), QJsonArray{QStringLiteral("b")});
    QCOMPARE(errors[0][QStringLiteral("extensions")][QStringLiteral("code")].toString(), QStringLiteral("2201W"));
    QVERIFY(errors[0][QStringLiteral("message")].toString().contains(QStringLiteral("LIMIT")));
    QVERIFY(!errors[0][QStringLiteral("locations")].toArray().isEmpty());
    const QJsonObject data = r[QStringLiteral("data")].toObject();
    QCOMPARE(data.keys(), (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
    QCOMPARE(data[QStringLiteral("a")][QStringLiteral("nodes")].toArray().size(), 1);
    QVERIFY(data[QStringLiteral("b")].isNull());
    QCOMPARE(data[QStringLiteral("c")][QStringLiteral("totalCount")].toInt(), 30);
    QVERIFY(!m_conn.inTransaction());
}

void TestSqlCompiler::injectionInArguments_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QJsonObject>("variables");
    const QString evil = QStringLiteral("x'); drop table forum_example.post; --");
    const QString evilCursor = QString::fromLatin1(QByteArray("[\"primary_key_asc\",[\"1) or true; drop table forum_example.post; --\"]]").toBase64());
    const QString evilNode = QString::fromLatin1(QByteArray("[\"people\",\"1; drop table forum_example.post\"]").toBase64());
    QTest::newRow("unique key") << QStringLiteral("query($u: String!) { personByUsername(username: $u) { id } }") << QJsonObject{{QStringLiteral("u"), evil}};
    QTest::newRow("condition") << QStringLiteral("query($u: String) { allPosts(condition: {authorUsername: $u}) { totalCount } }") << QJsonObject{{QStringLiteral("u"), evil}};
    QTest::newRow("function argument") << QStringLiteral("query($s: String!) { searchPosts(search: $s) { totalCount } }") << QJsonObject{{QStringLiteral("s"), evil}};
    QTest::newRow("computed column argument") << QStringLiteral("query($s: String) { allPosts(first: 1) { nodes { summary(omission: $s) } } }") << QJsonObject{{QStringLiteral("s"), evil}};
    QTest::newRow("cursor") << QStringLiteral("query($c: Cursor) { allPeople(after: $c) { totalCount } }") << QJsonObject{{QStringLiteral("c"), evilCursor}};
    QTest::newRow("nodeId") << QStringLiteral("query($n: ID!) { person(nodeId: $n) { id } }") << QJsonObject{{QStringLiteral("n"), evilNode}};
    QTest::newRow("alias") << QStringLiteral("{ allPeople(first: 1) { nodes { x__drop__: id } } }") << QJsonObject{};
}

void TestSqlCompiler::injectionInArguments()
{
    QFETCH(QString, query);
    QFETCH(QJsonObject, variables);
    const QJsonObject r = run(query, variables);
    QVERIFY2(r.contains(QStringLiteral("data")) || r.contains(QStringLiteral("errors")), QJsonDocument(r).toJson().constData());
    // Whatever the answer, the table is still there.
    const pg::Result check = m_conn.exec(QStringLiteral("select count(*) from forum_example.post"));
    QVERIFY(check.ok());
    QCOMPARE(check.toInt(0, 0), 30);
}

void TestSqlCompiler::cursorErrors()
{
    const QJsonObject bad = run(QStringLiteral("{ allPeople(after: \"!!notbase64json\") { totalCount } }"));
    QCOMPARE(bad[QStringLiteral("errors")].toArray()[0][QStringLiteral("message")].toString(),
             QStringLiteral("Invalid cursor, please enter a cursor from a previous request, or null."));
    QVERIFY(bad[QStringLiteral("data")][QStringLiteral("allPeople")].isNull());
    const QJsonObject both = run(QStringLiteral("{ allPeople(first: 1, last: 1) { totalCount } }"));
    QCOMPARE(both[QStringLiteral("errors")].toArray()[0][QStringLiteral("message")].toString(),
             QStringLiteral("We don't support setting both first and last"));
}

void TestSqlCompiler::variablesRequired()
{
    const QJsonObject r = run(QStringLiteral("query($u: String!) { personByUsername(username: $u) { id } }"));
    QCOMPARE(r[QStringLiteral("errors")].toArray()[0][QStringLiteral("message")].toString(),
             QStringLiteral("Variable \"$u\" of required type \"String!\" was not provided."));
    QVERIFY(!r.contains(QStringLiteral("data")));
}

void TestSqlCompiler::mutationsInSavepoints()
{
    const Settings johndoe{{QStringLiteral("role"), QStringLiteral("forum_example_person")},
                           {QStringLiteral("appsync.identity_username"), QStringLiteral("johndoe")}};
    int statements = 0;
    // b is refused by RLS (another author); a and c still happen, as in PostGraphile.
    const QJsonObject r = run(QStringLiteral("mutation { a: createPost(input: {post: {authorUsername: \"johndoe\", headline: \"one\"}}) { post { headline author { username } } } "
                                             "b: createPost(input: {post: {authorUsername: \"li_wei\", headline: \"two\"}}) { post { id } } "
                                             "c: updatePersonByUsername(input: {username: \"johndoe\", personPatch: {about: \"edited\"}}) { person { about } } }"),
                              {}, johndoe, false, &statements);
    const QJsonObject data = r[QStringLiteral("data")].toObject();
    QCOMPARE(data[QStringLiteral("a")][QStringLiteral("post")][QStringLiteral("author")][QStringLiteral("username")].toString(), QStringLiteral("johndoe"));
    QVERIFY(data[QStringLiteral("b")].isNull());
    QCOMPARE(data[QStringLiteral("c")][QStringLiteral("person")][QStringLiteral("about")].toString(), QStringLiteral("edited"));
    const QJsonArray errors = r[QStringLiteral("errors")].toArray();
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors[0][QStringLiteral("path")].toArray(), QJsonArray{QStringLiteral("b")});
    QCOMPARE(errors[0][QStringLiteral("extensions")][QStringLiteral("code")].toString(), QStringLiteral("42501"));
    // begin, settings, a: savepoint, change, payload (it reads a relation after the change),
    // release; b and c: savepoint, change with its payload, release; b's rollback to savepoint; commit
    QCOMPARE(statements, 2 + 4 + 3 + 1 + 3 + 1);
    QVERIFY(!m_conn.inTransaction());
    const pg::Result check = m_conn.exec(QStringLiteral("select count(*) from forum_example.post where headline in ('one', 'two')"));
    QCOMPARE(check.toInt(0, 0), 1);
}

void TestSqlCompiler::loneMutationIsOneStatement()
{
    const Settings johndoe{{QStringLiteral("role"), QStringLiteral("forum_example_person")},
                           {QStringLiteral("appsync.identity_username"), QStringLiteral("johndoe")}};
    int statements = 0;
    // A payload of the row's own columns is read in the change's statement; one field needs no savepoint.
    const QJsonObject r = run(QStringLiteral("mutation { updatePersonByUsername(input: {username: \"johndoe\", personPatch: {about: \"lone\"}}) "
                                             "{ clientMutationId person { __typename nodeId username about } } }"),
                              {}, johndoe, false, &statements);
    const QJsonObject person = r[QStringLiteral("data")][QStringLiteral("updatePersonByUsername")][QStringLiteral("person")].toObject();
    QCOMPARE(person[QStringLiteral("about")].toString(), QStringLiteral("lone"));
    QCOMPARE(person[QStringLiteral("__typename")].toString(), QStringLiteral("Person"));
    QVERIFY(QByteArray::fromBase64(person[QStringLiteral("nodeId")].toString().toLatin1()).startsWith("[\"people\","));
    QCOMPARE(statements, 4); // begin, settings, change + payload, commit
    QVERIFY(m_lastSent[2].sql.startsWith(QLatin1String("with __m as (update ")));
    QCOMPARE(m_conn.exec(QStringLiteral("select about from forum_example.person where username = 'johndoe'")).text(0, 0), QStringLiteral("lone"));

    // Nothing updated (another person's row, hidden by RLS): PostGraphile's error, nothing kept.
    const QJsonObject refused = run(QStringLiteral("mutation { updatePersonByUsername(input: {username: \"li_wei\", personPatch: {about: \"x\"}}) "
                                                   "{ person { about } } }"),
                                    {}, johndoe);
    QVERIFY(refused[QStringLiteral("data")][QStringLiteral("updatePersonByUsername")].isNull());
    QVERIFY(refused[QStringLiteral("errors")].toArray()[0][QStringLiteral("message")].toString().startsWith(QLatin1String("No values were updated")));
    // A failing lone change rolls the transaction back and the connection stays usable.
    const QJsonObject failed = run(QStringLiteral("mutation { createPost(input: {post: {authorUsername: \"li_wei\", headline: \"not mine\"}}) "
                                                  "{ post { id } } }"),
                                   {}, johndoe, false, &statements);
    QCOMPARE(failed[QStringLiteral("errors")].toArray()[0][QStringLiteral("extensions")][QStringLiteral("code")].toString(), QStringLiteral("42501"));
    QCOMPARE(m_lastSent.last().sql, QStringLiteral("rollback"));
    QVERIFY(!m_conn.inTransaction());
    QCOMPARE(m_conn.exec(QStringLiteral("select count(*) from forum_example.post where headline = 'not mine'")).toInt(0, 0), 0);
}

void TestSqlCompiler::toOneRelationsJoinThePage()
{
    // nodes and edges join their to-one relations into the page and sort again (nodes by the
    // ordering, edges by position): the same rows in the same order, for either direction, with
    // the author the table says.
    for (const QString &order : {QStringLiteral("HEADLINE_DESC"), QStringLiteral("ID_ASC")}) {
        const QJsonObject r = run(QStringLiteral("{ allPosts(first: 7, offset: 1, orderBy: %1) { nodes { id author { username latestPost { id } } } "
                                                 "edges { node { id author { username latestPost { id } } } } } }").arg(order));
        const QJsonObject c = r[QStringLiteral("data")][QStringLiteral("allPosts")].toObject();
        const QJsonArray nodes = c[QStringLiteral("nodes")].toArray();
        QCOMPARE(nodes.size(), 7);
        QJsonArray fromEdges;
        for (const QJsonValue &e : c[QStringLiteral("edges")].toArray())
            fromEdges << e[QStringLiteral("node")];
        QCOMPARE(nodes, fromEdges);
        for (const QJsonValue &n : nodes) {
            const pg::Result author = m_conn.execParams(QStringLiteral("select author_username from forum_example.post where id = $1"),
                                                  {QByteArray::number(n[QStringLiteral("id")].toInt())});
            QCOMPARE(n[QStringLiteral("author")][QStringLiteral("username")].toString(), author.text(0, 0));
        }
        const QString sql = m_lastSent[1].sql;
        QVERIFY2(sql.contains(QLatin1String(" left join \"forum_example\".\"person\"")), qPrintable(sql));
        QVERIFY2(sql.contains(QLatin1String(" limit 7 offset 1")), qPrintable(sql)); // no parameter: see intLiteral
        QVERIFY2(sql.contains(QRegularExpression(QStringLiteral("order by __t[0-9]+\\.n\\) from \\(select"))), qPrintable(sql)); // edges
    }
    // Under another role (RLS policies apply to the joined table as they did to the subquery).
    const QJsonObject hidden = run(QStringLiteral("{ allPosts(first: 2) { nodes { id author { username } } } }"), {},
                                   Settings{{QStringLiteral("role"), QStringLiteral("forum_example_anonymous")}});
    QCOMPARE(hidden[QStringLiteral("data")][QStringLiteral("allPosts")][QStringLiteral("nodes")].toArray().size(), 2);
}

void TestSqlCompiler::mutationDryRunLeavesNoTrace()
{
    run(QStringLiteral("mutation { deletePersonByUsername(input: {username: \"johndoe\"}) { deletedPersonId } }"),
                              {}, {}, true);
    const pg::Result check = m_conn.exec(QStringLiteral("select count(*) from forum_example.person where username = 'johndoe'"));
    QCOMPARE(check.toInt(0, 0), 1);
    QCOMPARE(m_lastSent.last().sql, QStringLiteral("rollback"));
}

void TestSqlCompiler::appsyncPreset()
{
    // Simple lists, `person(id)`, unwrapped mutation payloads.
    const auto options = reflect::ReflectOptions::defaultsFor(reflect::Preset::AppSync);
    reflect::GeneratedSchema generated = reflect::SchemaGenerator(m_catalog, reflect::Preset::AppSync, options).generate();
    generated.schema.addBuiltInScalars();
    generated.schema.addBuiltInDirectives();
    exec::SqlCompiler compiler(generated.schema, generated.meta, m_catalog, options);
    auto runAppsync = [&](const QString &query) {
        const graphql::ParseResult parsed = graphql::parse(query);
        const auto invalid = graphql::validate(generated.schema, *parsed.document);
        if (!invalid.isEmpty())
            return QJsonObject{{QStringLiteral("validationError"), invalid.front().message}};
        exec::Executor executor(m_conn);
        exec::ExecuteOptions o;
        o.dryRun = true;
        return QJsonDocument::fromJson(executor.execute(compiler.compile(*parsed.document, QString(), {}), o)).object();
    };
    const QJsonObject q = runAppsync(QStringLiteral("{ people(orderBy: USERNAME_ASC, first: 2) { username posts(first: 1) { author { username } } } person(id: 1) { id } }"));
    const QJsonArray people = q[QStringLiteral("data")][QStringLiteral("people")].toArray();
    QCOMPARE(people.size(), 2);
    QCOMPARE(people[0][QStringLiteral("username")].toString(), QStringLiteral("amara"));
    QCOMPARE(q[QStringLiteral("data")][QStringLiteral("person")][QStringLiteral("id")].toInt(), 1);
    const QJsonObject m = runAppsync(QStringLiteral("mutation { updatePerson(input: {id: 1, patch: {about: \"appsync\"}}) { id about } }"));
    QCOMPARE(m[QStringLiteral("data")][QStringLiteral("updatePerson")][QStringLiteral("about")].toString(), QStringLiteral("appsync"));
}

QTEST_GUILESS_MAIN(TestSqlCompiler)
#include "tst_sqlcompiler.moc"
