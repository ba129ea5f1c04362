#include "../pg/testdatabase.h"

#include <exec/operationcache.h>
#include <exec/sqlcompiler.h>
#include <graphql/parser.h>
#include <graphql/validator.h>
#include <reflect/catalogreader.h>
#include <reflect/schemagenerator.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <memory>

// exec::OperationCache: an operation compiled once per variables shape and reused with other Int
// and String values must be exactly what SqlCompiler::compile gives for those values (SQL, every
// parameter, errors), and shapes whose values change the SQL (`first: $n`, enums, node ids) must
// never be reused. The compiled forms are compared field by field, then a few are run.
using namespace refract;

namespace {

using refract::test::sourceDir;

QByteArray dump(const exec::CompiledOperation &op)
{
    QJsonArray fields;
    auto params = [](const QList<pg::Param> &list) {
        QJsonArray a;
        for (const pg::Param &p : list)
            a << (p ? QJsonValue(QString::fromUtf8(*p)) : QJsonValue());
        return a;
    };
    for (const exec::CompiledField &f : op.fields)
        fields << QJsonObject{{QStringLiteral("key"), f.responseKey},
                              {QStringLiteral("sql"), f.sql},
                              {QStringLiteral("params"), params(f.params)},
                              {QStringLiteral("preSql"), f.preSql},
                              {QStringLiteral("preParams"), params(f.preParams)},
                              {QStringLiteral("noRows"), f.noRowsMessage},
                              {QStringLiteral("static"), QString::fromUtf8(f.staticJson)},
                              {QStringLiteral("error"), f.error ? QString::fromUtf8(f.error->toJson()) : QString()},
                              {QStringLiteral("mutation"), f.isMutation},
                              {QStringLiteral("nonNull"), f.nonNull}};
    QJsonArray errors;
    for (const exec::ExecError &e : op.errors)
        errors << QString::fromUtf8(e.toJson());
    return QJsonDocument(QJsonObject{{QStringLiteral("type"), int(op.type)},
                                     {QStringLiteral("fields"), fields},
                                     {QStringLiteral("errors"), errors},
                                     {QStringLiteral("jwt"), !op.jwtMarker.isEmpty()}})
        .toJson(QJsonDocument::Compact);
}

const graphql::ast::Definition *operationOf(const graphql::ast::Document &d, const QString &name)
{
    for (const graphql::ast::Definition &def : d.definitions)
        if (def.kind == graphql::ast::Definition::Kind::Operation && (name.isEmpty() || (def.name && def.name->value == name)))
            return &def;
    return nullptr;
}

} // namespace

class TestOperationCache : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void sameAsCompile_data();
    void sameAsCompile();
    void reusedResultsRun();

private:
    test::TestDatabase m_db;
    pg::Connection m_conn;
    reflect::Catalog m_catalog;
    std::unique_ptr<reflect::GeneratedSchema> m_generated;
    std::unique_ptr<exec::SqlCompiler> m_compiler;
};

void TestOperationCache::initTestCase()
{
    if (!test::hasPgEnvironment())
        QSKIP("PG* environment not set: no PostgreSQL to test against (scripts/test provides one)");
    QVERIFY2(m_db.create(QStringLiteral("tst_operationcache")), qPrintable(m_db.error()));
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

void TestOperationCache::cleanupTestCase()
{
    m_compiler.reset();
    m_conn.close();
    m_db.drop();
}

void TestOperationCache::sameAsCompile_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("operationName");
    QTest::addColumn<QString>("variableSets"); ///< JSON array of variable objects, sent in order
    QTest::addColumn<bool>("reused");          ///< whether any of them may come from a template

    QTest::newRow("Int id") << QStringLiteral("query($id:Int!){personById(id:$id){id firstName posts(first:2){nodes{headline}}}}")
                            << QString() << QStringLiteral("[{\"id\":1},{\"id\":2},{\"id\":0},{\"id\":-5},{\"id\":2147483647},{\"id\":3.0}]") << true;
    QTest::newRow("Int out of range / not an int")
        << QStringLiteral("query($id:Int!){personById(id:$id){id}}") << QString()
        << QStringLiteral("[{\"id\":1},{\"id\":3000000000},{\"id\":2.5},{\"id\":\"7\"},{\"id\":null},{}]") << true;
    QTest::newRow("first: $n inlined") << QStringLiteral("query($n:Int){allPosts(first:$n,orderBy:ID_ASC){nodes{id}}}") << QString()
                                       << QStringLiteral("[{\"n\":1},{\"n\":2},{\"n\":0},{\"n\":-1},{\"n\":null},{}]") << false;
    QTest::newRow("offset: $n") << QStringLiteral("query($n:Int){allPosts(first:2,offset:$n){nodes{id}}}") << QString()
                                << QStringLiteral("[{\"n\":1},{\"n\":3},{\"n\":0},{\"n\":-1}]") << false;
    QTest::newRow("String function argument")
        << QStringLiteral("query($s:String!){searchPosts(search:$s){nodes{headline}}}") << QString()
        << QStringLiteral("[{\"s\":\"a\"},{\"s\":\"\"},{\"s\":\"x'y\\\"z\"},{\"s\":\"%_\"},{\"s\":\"\\u00e9\\u4e2d\"}]") << true;
    QTest::newRow("String condition, null")
        << QStringLiteral("query($h:String){allPosts(condition:{headline:$h}){totalCount}}") << QString()
        << QStringLiteral("[{\"h\":\"a\"},{\"h\":null},{\"h\":\"b\"},{}]") << true;
    QTest::newRow("computed column Int argument")
        << QStringLiteral("query($len:Int){allPosts(first:2){nodes{summary(length:$len)}}}") << QString()
        << QStringLiteral("[{\"len\":5},{\"len\":10},{\"len\":null}]") << true;
    QTest::newRow("enum") << QStringLiteral("query($t:PostTopic){allPosts(condition:{topic:$t}){totalCount}}") << QString()
                          << QStringLiteral("[{\"t\":\"DISCUSSION\"},{\"t\":\"HELP\"},{\"t\":null}]") << false;
    QTest::newRow("node id") << QStringLiteral("query($id:ID!){post(nodeId:$id){id}}") << QString()
                             << QStringLiteral("[{\"id\":\"WyJwb3N0cyIsMV0=\"},{\"id\":\"WyJwb3N0cyIsMl0=\"},{\"id\":\"bad\"}]") << false;
    QTest::newRow("mutation") << QStringLiteral("mutation($id:Int!,$b:String){updatePostById(input:{id:$id,postPatch:{body:$b}}){post{id body}}}")
                              << QString() << QStringLiteral("[{\"id\":1,\"b\":\"x\"},{\"id\":2,\"b\":null},{\"id\":3,\"b\":\"y\"},{\"id\":4}]") << true;
    QTest::newRow("two operations") << QStringLiteral("query A($id:Int!){personById(id:$id){id}} query B($id:Int!){postById(id:$id){id}}")
                                    << QStringLiteral("B") << QStringLiteral("[{\"id\":1},{\"id\":2}]") << true;
    QTest::newRow("no variables") << QStringLiteral("{allPeople(first:2){nodes{username}} __typename}") << QString()
                                  << QStringLiteral("[{},{},{}]") << true;
    QTest::newRow("unused and undeclared variables") << QStringLiteral("query($id:Int!){personById(id:$id){id}}") << QString()
                                                      << QStringLiteral("[{\"id\":1,\"x\":2},{\"id\":2,\"x\":3},{\"id\":3,\"x\":2}]") << true;
}

void TestOperationCache::sameAsCompile()
{
    QFETCH(QString, query);
    QFETCH(QString, operationName);
    QFETCH(QString, variableSets);
    QFETCH(bool, reused);
    const graphql::ParseResult parsed = graphql::parse(query);
    QVERIFY(parsed.document);
    const auto invalid = graphql::validate(m_generated->schema, *parsed.document);
    QVERIFY2(invalid.isEmpty(), qPrintable(invalid.isEmpty() ? QString() : invalid.front().message));
    const graphql::ast::Definition *op = operationOf(*parsed.document, operationName);
    QVERIFY(op);

    exec::OperationCache cache;
    const QJsonArray sets = QJsonDocument::fromJson(variableSets.toUtf8()).array();
    QVERIFY(!sets.isEmpty());
    // Twice through the sets: the first pass builds templates, the second only reuses them.
    for (int pass = 0; pass < 2; ++pass)
        for (const QJsonValue &v : sets) {
            const QJsonObject variables = v.toObject();
            const QByteArray expected = dump(m_compiler->compile(*parsed.document, operationName, variables));
            const QByteArray got = dump(cache.compile(*m_compiler, *parsed.document, op, operationName, variables));
            QVERIFY2(got == expected, (QJsonDocument(variables).toJson(QJsonDocument::Compact) + "\n got: " + got + "\nwant: " + expected).constData());
        }
    QVERIFY(cache.size() >= 1);
    if (reused)
        QVERIFY2(cache.reusedCount() >= int(sets.size()), qPrintable(QString::number(cache.reusedCount())));
}

void TestOperationCache::reusedResultsRun()
{
    // A reused template with the id slot substituted reads the row of that id.
    const QString query = QStringLiteral("query($id:Int!){personById(id:$id){id username}}");
    const graphql::ParseResult parsed = graphql::parse(query);
    QVERIFY(parsed.document);
    const graphql::ast::Definition *op = operationOf(*parsed.document, QString());
    exec::OperationCache cache;
    for (int id : {1, 2, 3, 2}) {
        const exec::CompiledOperation compiled = cache.compile(*m_compiler, *parsed.document, op, QString(), {{QStringLiteral("id"), id}});
        QCOMPARE(compiled.fields.size(), 1);
        const pg::Result r = m_conn.execParams(compiled.fields[0].sql, compiled.fields[0].params);
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        const QJsonObject person = QJsonDocument::fromJson(r.text(0, 0).toUtf8()).object();
        QCOMPARE(person.value(QStringLiteral("id")).toInt(), id);
        const pg::Result expected = m_conn.execParams(QStringLiteral("select username from forum_example.person where id = $1"),
                                                {QByteArray::number(id)});
        QCOMPARE(person.value(QStringLiteral("username")).toString(), expected.text(0, 0));
    }
    QCOMPARE(cache.reusedCount(), 4);
}

QTEST_GUILESS_MAIN(TestOperationCache)
#include "tst_operationcache.moc"
