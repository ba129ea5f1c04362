#include "../pg/testdatabase.h"

#include <reflect/catalogreader.h>

#include <QElapsedTimer>
#include <QTest>

#include <thread>

using namespace refract;
using reflect::Catalog;
using reflect::CatalogReader;

namespace {

QString fixture(const QString &name)
{
    const QString src = qEnvironmentVariable("REFRACT_SOURCE_DIR");
    return (src.isEmpty() ? QStringLiteral(REFRACT_TEST_SOURCE_DIR) : src) + QStringLiteral("/tests/fixtures/") + name;
}

const reflect::Class *findClass(const Catalog &c, const QString &schema, const QString &name)
{
    for (const auto &k : c.classes) {
        if (k.namespaceName == schema && k.name == name)
            return &k;
    }
    return nullptr;
}

const reflect::Attribute *findAttr(const reflect::Class *k, const QString &name)
{
    if (!k)
        return nullptr;
    for (const auto &a : k->attributes) {
        if (a.name == name)
            return &a;
    }
    return nullptr;
}

template <typename T>
const T *findNamed(const std::vector<T> &items, const QString &name)
{
    for (const auto &x : items) {
        if (x.name == name)
            return &x;
    }
    return nullptr;
}

const reflect::Function *findFunction(const Catalog &c, const QString &name) { return findNamed(c.functions, name); }
const reflect::Constraint *findConstraint(const Catalog &c, const QString &name) { return findNamed(c.constraints, name); }
const reflect::Policy *findPolicy(const Catalog &c, const QString &name) { return findNamed(c.policies, name); }

const reflect::Type *findType(const Catalog &c, const QString &schema, const QString &name)
{
    for (const auto &t : c.types) {
        if (t.namespaceName == schema && t.name == name)
            return &t;
    }
    return nullptr;
}

QStringList argNames(const reflect::Function *f)
{
    QStringList out;
    for (const auto &a : f->args)
        out << a.name;
    return out;
}

} // namespace

class TestCatalogReader : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void parseTextArray();
    void textArrayLiteral();
    void forumClasses();
    void forumAttributes();
    void forumConstraintsAndIndexes();
    void forumTypes();
    void forumFunctions();
    void forumPolicies();
    void forumGrants();
    void rbacPerRole_data();
    void rbacPerRole();
    void roleWithoutPrivileges();
    void unknownSchema();
    void emptySchemaList();
    void cancelledBeforeStart();
    void callerTransactionKept();
    void hostileIdentifiers();
    void postgraphileFilters();
    void indexDefinitionsMatchServer();
    void withoutDisplayText();
    void typeClosure();
    void cancelWhileBlocked();

private:
    bool readAs(const QString &role, Catalog *out, const QStringList &schemas = {QStringLiteral("forum_example")});

    test::TestDatabase m_db;
    pg::Connection m_conn;
    Catalog m_forum;
};

void TestCatalogReader::initTestCase()
{
    if (!test::hasPgEnvironment())
        QSKIP("PG* environment not set: no PostgreSQL to test against (scripts/test provides one)");
    QVERIFY2(m_db.create(QStringLiteral("tst_catalogreader")), qPrintable(m_db.error()));
    QVERIFY2(m_conn.open(m_db.conninfo()), qPrintable(m_conn.lastError().toString()));
    QString error;
    QVERIFY2(test::loadForumExample(m_conn, fixture(QStringLiteral("forum_example.sql")), &error), qPrintable(error));
    CatalogReader reader(m_conn);
    QElapsedTimer t;
    t.start();
    QVERIFY2(reader.read({QStringLiteral("forum_example")}, &m_forum), qPrintable(reader.error().toString()));
    qInfo("forum_example read in %lld ms", qint64(t.elapsed()));
}

void TestCatalogReader::cleanupTestCase()
{
    m_conn.close();
    m_db.drop();
}

void TestCatalogReader::parseTextArray()
{
    QCOMPARE(CatalogReader::parseTextArray("{}"), QStringList());
    QCOMPARE(CatalogReader::parseTextArray(""), QStringList());
    QCOMPARE(CatalogReader::parseTextArray("{a,b}"), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(CatalogReader::parseTextArray("[0:2]={16418,23,25}"),
             (QStringList{QStringLiteral("16418"), QStringLiteral("23"), QStringLiteral("25")}));
    const QStringList parsed = CatalogReader::parseTextArray("{\"a b\",\"x\\\"y\",\"c,d\",\"{}\",NULL,\"NULL\",\"back\\\\slash\"}");
    QCOMPARE(parsed.size(), 7);
    QCOMPARE(parsed[0], QStringLiteral("a b"));
    QCOMPARE(parsed[1], QStringLiteral("x\"y"));
    QCOMPARE(parsed[2], QStringLiteral("c,d"));
    QCOMPARE(parsed[3], QStringLiteral("{}"));
    QVERIFY(parsed[4].isNull());
    QCOMPARE(parsed[5], QStringLiteral("NULL"));
    QCOMPARE(parsed[6], QStringLiteral("back\\slash"));
}

void TestCatalogReader::textArrayLiteral()
{
    QCOMPARE(CatalogReader::textArrayLiteral({QStringLiteral("a"), QStringLiteral("b\"c\\d")}),
             QByteArray("{\"a\",\"b\\\"c\\\\d\"}"));
    QCOMPARE(CatalogReader::textArrayLiteral({}), QByteArray("{}"));
}

void TestCatalogReader::forumClasses()
{
    QCOMPARE(m_forum.schemas, QStringList{QStringLiteral("forum_example")});
    QCOMPARE(m_forum.currentUser, QStringLiteral("postgres"));
    QVERIFY(m_forum.serverVersionNum >= 100000);
    QCOMPARE(m_forum.namespaces.size(), size_t(1));
    QCOMPARE(m_forum.namespaces[0].name, QStringLiteral("forum_example"));
    QVERIFY(m_forum.namespaceByOid(m_forum.namespaces[0].oid));

    QCOMPARE(m_forum.classes.size(), size_t(2));
    const auto *person = findClass(m_forum, QStringLiteral("forum_example"), QStringLiteral("person"));
    const auto *post = findClass(m_forum, QStringLiteral("forum_example"), QStringLiteral("post"));
    QVERIFY(person && post);
    QCOMPARE(person->kind, 'r');
    QCOMPARE(person->comment, QStringLiteral("A user of the forum."));
    QCOMPARE(post->comment, QStringLiteral("A forum post written by a user."));
    QVERIFY(person->rowSecurity);
    QVERIFY(post->rowSecurity);
    QVERIFY(!person->forceRowSecurity);
    QVERIFY(person->isInsertable && person->isUpdatable && person->isDeletable);
    QVERIFY(person->acl.select && person->acl.insert && person->acl.update && person->acl.del);
    QCOMPARE(m_forum.classByOid(person->oid), person);
    const auto *rowType = m_forum.typeByOid(person->typeOid);
    QVERIFY(rowType);
    QCOMPARE(rowType->type, 'c');
    QCOMPARE(rowType->classOid, person->oid);
}

void TestCatalogReader::forumAttributes()
{
    const auto *person = findClass(m_forum, QStringLiteral("forum_example"), QStringLiteral("person"));
    QVERIFY(person);
    QStringList names;
    for (const auto &a : person->attributes)
        names << a.name;
    QCOMPARE(names, (QStringList{QStringLiteral("id"), QStringLiteral("username"), QStringLiteral("first_name"),
                                 QStringLiteral("last_name"), QStringLiteral("about"), QStringLiteral("created_at"),
                                 QStringLiteral("updated_at")}));
    const auto *id = findAttr(person, QStringLiteral("id"));
    QCOMPARE(id->num, 1);
    QCOMPARE(id->typeOid, reflect::Oid(23));
    QVERIFY(id->notNull);
    QVERIFY(id->hasDefault);
    QVERIFY2(id->defaultExpr.startsWith(QStringLiteral("nextval(")), qPrintable(id->defaultExpr));
    QCOMPARE(id->comment, QStringLiteral("@omit update")); // the second COMMENT replaced the first
    QCOMPARE(id->identity, char(0));
    QCOMPARE(id->generated, char(0));
    const auto *first = findAttr(person, QStringLiteral("first_name"));
    QVERIFY(first->notNull);
    QVERIFY(!first->hasDefault);
    QCOMPARE(first->comment, QStringLiteral("The person's first name."));
    QCOMPARE(first->typmod, -1);
    const auto *created = findAttr(person, QStringLiteral("created_at"));
    QCOMPARE(created->defaultExpr, QStringLiteral("now()"));
    QCOMPARE(created->typeOid, reflect::Oid(1184));
    QVERIFY(!findAttr(person, QStringLiteral("about"))->notNull);
    QVERIFY(id->acl.select && id->acl.insert && id->acl.update);
    QVERIFY(!id->columnSelectGrant);

    const auto *post = findClass(m_forum, QStringLiteral("forum_example"), QStringLiteral("post"));
    const auto *topic = findAttr(post, QStringLiteral("topic"));
    QVERIFY(topic);
    const auto *topicType = m_forum.typeByOid(topic->typeOid);
    QVERIFY(topicType);
    QCOMPARE(topicType->name, QStringLiteral("post_topic"));
}

void TestCatalogReader::forumConstraintsAndIndexes()
{
    const auto *person = findClass(m_forum, QStringLiteral("forum_example"), QStringLiteral("person"));
    const auto *post = findClass(m_forum, QStringLiteral("forum_example"), QStringLiteral("post"));
    const auto *fk = findConstraint(m_forum, QStringLiteral("post_author_username_fkey"));
    QVERIFY(fk);
    QCOMPARE(fk->type, 'f');
    QCOMPARE(fk->classOid, post->oid);
    QCOMPARE(fk->foreignClassOid, person->oid);
    QCOMPARE(fk->keyAttrNums, QList<int>{2});
    QCOMPARE(fk->foreignKeyAttrNums, QList<int>{2});
    QCOMPARE(fk->comment, QStringLiteral("@foreignFieldName posts\n@fieldName author"));
    QVERIFY(fk->definition.startsWith(QStringLiteral("FOREIGN KEY (author_username) REFERENCES")));

    const auto *pk = findConstraint(m_forum, QStringLiteral("person_pkey"));
    QVERIFY(pk);
    QCOMPARE(pk->type, 'p');
    QCOMPARE(pk->keyAttrNums, QList<int>{1});
    QVERIFY(pk->foreignKeyAttrNums.isEmpty());
    const auto *uq = findConstraint(m_forum, QStringLiteral("person_username_key"));
    QVERIFY(uq);
    QCOMPARE(uq->type, 'u');
    const auto *check = findConstraint(m_forum, QStringLiteral("person_first_name_check"));
    QVERIFY(check);
    QCOMPARE(check->type, 'c');
    QCOMPARE(check->definition, QStringLiteral("CHECK (char_length(first_name) < 80)"));

    int personIndexes = 0;
    for (const auto &x : m_forum.indexes) {
        if (x.classOid != person->oid)
            continue;
        ++personIndexes;
        if (x.name == QLatin1String("person_pkey")) {
            QVERIFY(x.isPrimary && x.isUnique && !x.isPartial);
            QCOMPARE(x.attrNums, QList<int>{1});
        }
    }
    QCOMPARE(personIndexes, 2);
}

void TestCatalogReader::forumTypes()
{
    const auto *topic = findType(m_forum, QStringLiteral("forum_example"), QStringLiteral("post_topic"));
    QVERIFY(topic);
    QCOMPARE(topic->type, 'e');
    QCOMPARE(topic->category, 'E');
    QCOMPARE(topic->enumLabels, (QStringList{QStringLiteral("discussion"), QStringLiteral("inspiration"),
                                             QStringLiteral("help"), QStringLiteral("showcase")}));
    const auto *tz = findType(m_forum, QStringLiteral("pg_catalog"), QStringLiteral("timestamptz"));
    QVERIFY(tz);
    QCOMPARE(tz->category, 'D');
    QCOMPARE(tz->type, 'b');
    QVERIFY(tz->arrayOid != 0);
    const auto *text = m_forum.typeByOid(25);
    QVERIFY(text);
    QCOMPARE(text->name, QStringLiteral("text"));
    QCOMPARE(text->category, 'S');
    // Function argument types are there too (post_summary takes an int).
    QVERIFY(m_forum.typeByOid(23));
    // Every oid a column, function or type points at resolves.
    for (const auto &k : m_forum.classes) {
        for (const auto &a : k.attributes)
            QVERIFY2(m_forum.typeByOid(a.typeOid), qPrintable(a.name));
    }
    for (const auto &f : m_forum.functions) {
        QVERIFY2(m_forum.typeByOid(f.returnTypeOid), qPrintable(f.name));
        for (const auto &a : f.args)
            QVERIFY(m_forum.typeByOid(a.typeOid));
    }
    for (const auto &t : m_forum.types) {
        if (t.arrayItemOid)
            QVERIFY2(m_forum.typeByOid(t.arrayItemOid), qPrintable(t.name));
        if (t.classOid)
            QVERIFY2(m_forum.classByOid(t.classOid), qPrintable(t.name));
    }
}

void TestCatalogReader::forumFunctions()
{
    QStringList names;
    for (const auto &f : m_forum.functions)
        names << f.name;
    QCOMPARE(names, (QStringList{QStringLiteral("current_person"), QStringLiteral("person_full_name"),
                                 QStringLiteral("person_latest_post"), QStringLiteral("post_summary"),
                                 QStringLiteral("register_person"), QStringLiteral("search_posts")}));

    const auto *summary = findFunction(m_forum, QStringLiteral("post_summary"));
    QCOMPARE(summary->volatility, 's');
    QVERIFY(!summary->isStrict);
    QVERIFY(!summary->returnsSet);
    QCOMPARE(summary->returnTypeOid, reflect::Oid(25));
    QCOMPARE(argNames(summary), (QStringList{QStringLiteral("post"), QStringLiteral("length"), QStringLiteral("omission")}));
    QCOMPARE(summary->args[1].typeOid, reflect::Oid(23));
    QCOMPARE(summary->args[1].mode, 'i');
    QCOMPARE(summary->argDefaultsCount, 2);
    QCOMPARE(summary->inputArgsCount, 3);
    QCOMPARE(summary->argDefaultsExpr, QStringLiteral("50, '…'::text"));
    QCOMPARE(summary->comment, QStringLiteral("A truncated version of the body for summaries."));
    QCOMPARE(summary->language, QStringLiteral("sql"));
    QCOMPARE(summary->kind, 'f');

    const auto *reg = findFunction(m_forum, QStringLiteral("register_person"));
    QCOMPARE(reg->volatility, 'v');
    QVERIFY(reg->isStrict);
    QVERIFY(reg->securityDefiner);
    QCOMPARE(reg->language, QStringLiteral("plpgsql"));
    const auto *person = findClass(m_forum, QStringLiteral("forum_example"), QStringLiteral("person"));
    QCOMPARE(reg->returnTypeOid, person->typeOid);

    const auto *search = findFunction(m_forum, QStringLiteral("search_posts"));
    QVERIFY(search->returnsSet);
    QCOMPARE(findFunction(m_forum, QStringLiteral("current_person"))->args.size(), 0);
    for (const auto &f : m_forum.functions)
        QVERIFY2(f.acl.execute, qPrintable(f.name));
}

void TestCatalogReader::forumPolicies()
{
    QCOMPARE(m_forum.policies.size(), size_t(7));
    const auto *update = findPolicy(m_forum, QStringLiteral("update_person"));
    QVERIFY(update);
    QCOMPARE(update->command, 'w');
    QVERIFY(update->permissive);
    QCOMPARE(update->roles, QStringList{QStringLiteral("forum_example_person")});
    QCOMPARE(update->usingExpr, QStringLiteral("(username = current_setting('appsync.identity_username'::text))"));
    QVERIFY(update->withCheckExpr.isEmpty());
    const auto *insert = findPolicy(m_forum, QStringLiteral("insert_post"));
    QCOMPARE(insert->command, 'a');
    QVERIFY(insert->usingExpr.isEmpty());
    QCOMPARE(insert->withCheckExpr, QStringLiteral("(author_username = current_setting('appsync.identity_username'::text))"));
    const auto *select = findPolicy(m_forum, QStringLiteral("select_post"));
    QCOMPARE(select->command, 'r');
    QCOMPARE(select->roles, QStringList{QStringLiteral("public")});
    QCOMPARE(select->usingExpr, QStringLiteral("true"));
    QCOMPARE(findPolicy(m_forum, QStringLiteral("delete_person"))->command, 'd');
}

void TestCatalogReader::forumGrants()
{
    const auto *post = findClass(m_forum, QStringLiteral("forum_example"), QStringLiteral("post"));
    QStringList personOnPost;
    bool anonSelects = false;
    for (const auto &g : m_forum.grants) {
        if (g.objectOid != post->oid || g.attNum != 0)
            continue;
        if (g.grantee == QLatin1String("forum_example_person"))
            personOnPost << g.privilege;
        if (g.grantee == QLatin1String("forum_example_anonymous") && g.privilege == QLatin1String("SELECT"))
            anonSelects = true;
    }
    personOnPost.sort();
    QCOMPARE(personOnPost, (QStringList{QStringLiteral("DELETE"), QStringLiteral("INSERT"), QStringLiteral("SELECT"),
                                        QStringLiteral("UPDATE")}));
    QVERIFY(anonSelects);
    const auto *reg = findFunction(m_forum, QStringLiteral("register_person"));
    QStringList onRegister;
    for (const auto &g : m_forum.grants) {
        if (g.objectOid == reg->oid)
            onRegister << g.grantee + QLatin1Char(':') + g.privilege;
    }
    onRegister.sort();
    // `alter default privileges revoke execute on functions from public`: no PUBLIC here.
    QCOMPARE(onRegister, (QStringList{QStringLiteral("forum_example_anonymous:EXECUTE"), QStringLiteral("postgres:EXECUTE")}));
}

bool TestCatalogReader::readAs(const QString &role, Catalog *out, const QStringList &schemas)
{
    const pg::Result set = m_conn.exec(QStringLiteral("set role %1").arg(pg::Connection::quoteIdentifier(role)));
    if (!set.ok()) {
        qWarning("%s", qPrintable(set.error().toString()));
        return false;
    }
    CatalogReader reader(m_conn);
    const bool ok = reader.read(schemas, out);
    if (!ok)
        qWarning("%s", qPrintable(reader.error().toString()));
    m_conn.exec(QStringLiteral("reset role"));
    return ok;
}

void TestCatalogReader::rbacPerRole_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<bool>("postInsert");
    QTest::addColumn<bool>("personUpdate");
    QTest::addColumn<bool>("personInsert");
    QTest::addColumn<bool>("registerExecute");
    QTest::addColumn<bool>("fullNameExecute");
    QTest::newRow("anonymous") << QStringLiteral("forum_example_anonymous") << false << false << false << true << true;
    QTest::newRow("person") << QStringLiteral("forum_example_person") << true << true << false << false << true;
    // lambda_runner holds both roles: the union, as PostGraphile's recursive accessible_roles.
    QTest::newRow("lambda_runner") << QStringLiteral("lambda_runner") << true << true << false << true << true;
}

void TestCatalogReader::rbacPerRole()
{
    QFETCH(QString, role);
    QFETCH(bool, postInsert);
    QFETCH(bool, personUpdate);
    QFETCH(bool, personInsert);
    QFETCH(bool, registerExecute);
    QFETCH(bool, fullNameExecute);
    Catalog c;
    QVERIFY(readAs(role, &c));
    QCOMPARE(c.currentUser, role);
    const auto *post = findClass(c, QStringLiteral("forum_example"), QStringLiteral("post"));
    const auto *person = findClass(c, QStringLiteral("forum_example"), QStringLiteral("person"));
    QVERIFY(post && person);
    QVERIFY(post->acl.select);
    QCOMPARE(post->acl.insert, (postInsert));
    QCOMPARE(person->acl.update, (personUpdate));
    QCOMPARE(person->acl.insert, (personInsert));
    QCOMPARE(findAttr(person, QStringLiteral("first_name"))->acl.update, (personUpdate));
    QVERIFY(findAttr(person, QStringLiteral("first_name"))->acl.select);
    QCOMPARE(findFunction(c, QStringLiteral("register_person"))->acl.execute, (registerExecute));
    QCOMPARE(findFunction(c, QStringLiteral("person_full_name"))->acl.execute, (fullNameExecute));
    // The catalog itself does not shrink with privileges: the generator decides what to omit.
    QCOMPARE(c.classes.size(), m_forum.classes.size());
    QCOMPARE(c.functions.size(), m_forum.functions.size());
}

void TestCatalogReader::roleWithoutPrivileges()
{
    QString error;
    const QString role = QStringLiteral("tst_catalogreader_nobody");
    QVERIFY2(test::ensureRole(m_conn, role, &error), qPrintable(error));
    Catalog c;
    QVERIFY(readAs(role, &c));
    QCOMPARE(c.classes.size(), m_forum.classes.size());
    for (const auto &k : c.classes) {
        QVERIFY(!k.acl.select && !k.acl.insert && !k.acl.update && !k.acl.del);
        for (const auto &a : k.attributes)
            QVERIFY(!a.acl.select);
    }
    for (const auto &f : c.functions)
        QVERIFY2(!f.acl.execute, qPrintable(f.name));

    // A column grant alone: that column only, flagged as PostGraphile's columnLevelSelectGrant.
    QVERIFY(m_conn.exec(QStringLiteral("grant select (username), update (about) on forum_example.person to %1")
                            .arg(pg::Connection::quoteIdentifier(role))).ok());
    Catalog cols;
    QVERIFY(readAs(role, &cols));
    const auto *person = findClass(cols, QStringLiteral("forum_example"), QStringLiteral("person"));
    QVERIFY(!person->acl.select);
    QVERIFY(findAttr(person, QStringLiteral("username"))->acl.select);
    QVERIFY(findAttr(person, QStringLiteral("username"))->columnSelectGrant);
    QVERIFY(!findAttr(person, QStringLiteral("username"))->acl.update);
    QVERIFY(findAttr(person, QStringLiteral("about"))->acl.update);
    QVERIFY(!findAttr(person, QStringLiteral("about"))->acl.select);
    QVERIFY(!findAttr(person, QStringLiteral("about"))->columnSelectGrant);
    QVERIFY(!findAttr(person, QStringLiteral("first_name"))->acl.select);
    QVERIFY(m_conn.exec(QStringLiteral("revoke select (username), update (about) on forum_example.person from %1")
                            .arg(pg::Connection::quoteIdentifier(role))).ok());
}

void TestCatalogReader::unknownSchema()
{
    CatalogReader reader(m_conn);
    Catalog c;
    c.schemas = {QStringLiteral("untouched")};
    QVERIFY(!reader.read({QStringLiteral("forum_example"), QStringLiteral("no_such_schema")}, &c));
    QCOMPARE(reader.error().message, QStringLiteral("schema \"no_such_schema\" does not exist"));
    QCOMPARE(reader.error().sqlState, QStringLiteral("3F000"));
    QCOMPARE(c.schemas, QStringList{QStringLiteral("untouched")});
    // The connection is still usable and outside any transaction.
    QVERIFY(!m_conn.inTransaction());
    QVERIFY(m_conn.exec(QStringLiteral("select 1")).ok());
}

void TestCatalogReader::emptySchemaList()
{
    CatalogReader reader(m_conn);
    Catalog c;
    QVERIFY(!reader.read({}, &c));
    QVERIFY(!reader.error().message.isEmpty());
}

void TestCatalogReader::cancelledBeforeStart()
{
    CatalogReader reader(m_conn);
    Catalog c;
    std::atomic_bool cancelled{true};
    QVERIFY(!reader.read({QStringLiteral("forum_example")}, &c, &cancelled));
    QCOMPARE(reader.error().sqlState, QStringLiteral("57014"));
    QVERIFY(c.classes.empty());
}

void TestCatalogReader::callerTransactionKept()
{
    QVERIFY(m_conn.exec(QStringLiteral("begin")).ok());
    QVERIFY(m_conn.exec(QStringLiteral("create table forum_example.uncommitted (x int)")).ok());
    CatalogReader reader(m_conn);
    Catalog c;
    QVERIFY2(reader.read({QStringLiteral("forum_example")}, &c), qPrintable(reader.error().toString()));
    QVERIFY(findClass(c, QStringLiteral("forum_example"), QStringLiteral("uncommitted")));
    QVERIFY(m_conn.inTransaction());
    QVERIFY(m_conn.exec(QStringLiteral("rollback")).ok());
}

void TestCatalogReader::hostileIdentifiers()
{
    const QString schema = QStringLiteral("we\"ird 'schema'); drop table x; --");
    const QString table = QStringLiteral("'); drop table x; --");
    const QString column = QStringLiteral("spaced \"col\" ünïcødé ✓");
    const QString fn = QStringLiteral("fn 'x' \"y\"");
    const QString arg = QStringLiteral("arg, {with} \"quotes\"");
    const QString q = pg::Connection::quoteIdentifier(schema);
    const QString sql = QStringLiteral(
                            "create schema %1;"
                            "create type %1.\"e,num\" as enum ('a,b', '\"q\"', '{x}', 'NULL', 'back\\slash', ' sp ', 'ü');"
                            "create table %1.%2 (id int primary key, %3 %1.\"e,num\");"
                            "comment on table %1.%2 is $c$it's \"quoted\"\n@name odd$c$;"
                            "create function %1.%4(%5 int default 1) returns int language sql stable as $f$select 1$f$;")
                            .arg(q, pg::Connection::quoteIdentifier(table), pg::Connection::quoteIdentifier(column),
                                 pg::Connection::quoteIdentifier(fn), pg::Connection::quoteIdentifier(arg));
    const pg::Result created = m_conn.exec(sql);
    QVERIFY2(created.ok(), qPrintable(created.error().toString()));

    CatalogReader reader(m_conn);
    Catalog c;
    QVERIFY2(reader.read({schema}, &c), qPrintable(reader.error().toString()));
    QCOMPARE(c.namespaces.size(), size_t(1));
    QCOMPARE(c.namespaces[0].name, schema);
    const auto *k = findClass(c, schema, table);
    QVERIFY(k);
    QCOMPARE(k->comment, QStringLiteral("it's \"quoted\"\n@name odd"));
    const auto *col = findAttr(k, column);
    QVERIFY(col);
    const auto *e = c.typeByOid(col->typeOid);
    QVERIFY(e);
    QCOMPARE(e->name, QStringLiteral("e,num"));
    QCOMPARE(e->namespaceName, schema);
    QCOMPARE(e->enumLabels, (QStringList{QStringLiteral("a,b"), QStringLiteral("\"q\""), QStringLiteral("{x}"),
                                         QStringLiteral("NULL"), QStringLiteral("back\\slash"), QStringLiteral(" sp "),
                                         QStringLiteral("ü")}));
    QVERIFY(!e->enumLabels[3].isNull());
    const auto *f = findFunction(c, fn);
    QVERIFY(f);
    QCOMPARE(argNames(f), QStringList{arg});
    QCOMPARE(f->argDefaultsCount, 1);

    // Grants to a role whose name needs quoting inside an aclitem.
    const QString role = QStringLiteral("tst \"cr\" =/,x");
    QString error;
    QVERIFY2(test::ensureRole(m_conn, role, &error), qPrintable(error));
    const QString grant = QStringLiteral("grant select (%3), insert on %1.%2 to %4")
                              .arg(q, pg::Connection::quoteIdentifier(table), pg::Connection::quoteIdentifier(column),
                                   pg::Connection::quoteIdentifier(role));
    QVERIFY2(m_conn.exec(grant).ok(), qPrintable(m_conn.lastError().toString()));
    Catalog granted;
    QVERIFY(reader.read({schema}, &granted));
    const auto *gk = findClass(granted, schema, table);
    QStringList seen;
    for (const auto &g : granted.grants) {
        if (g.objectOid == gk->oid && g.grantee == role)
            seen << QStringLiteral("%1:%2").arg(g.attNum).arg(g.privilege);
    }
    QCOMPARE(seen, (QStringList{QStringLiteral("0:INSERT"), QStringLiteral("2:SELECT")}));
    QVERIFY(!findAttr(gk, column)->columnSelectGrant); // granted to another role, not to us

    // Two schemas at once, one of them hostile.
    Catalog both;
    QVERIFY(reader.read({QStringLiteral("forum_example"), schema}, &both));
    QCOMPARE(both.namespaces.size(), size_t(2));
    QCOMPARE(both.classes.size(), m_forum.classes.size() + 1);
}

void TestCatalogReader::postgraphileFilters()
{
    const pg::Result created = m_conn.exec(QStringLiteral(
        "create schema pgf;"
        "create schema pgf_other;"
        "create type pgf_other.pair as (a int, b text);"
        "create table pgf_other.ot (id int primary key);"
        "create table pgf.t (id int primary key, p pgf_other.pair, __hidden int);"
        "alter table pgf.t add constraint t_id_unique unique (id);"
        "create table pgf.__private (id int);"
        "create unlogged table pgf.scratch (id int);"
        "create table pgf.child (id int primary key, t_id int references pgf.t, o_id int references pgf_other.ot);"
        "create function pgf.overloaded(int) returns int language sql as 'select 1';"
        "create function pgf.overloaded(text) returns int language sql as 'select 1';"
        "create function pgf.variadic_fn(variadic int[]) returns int language sql as 'select 1';"
        "create function pgf.trig() returns trigger language plpgsql as 'begin return new; end';"
        "create function pgf.__secret() returns int language sql as 'select 1';"
        "create function pgf.takes_record(r record) returns int language plpgsql as 'begin return 1; end';"
        "create function pgf.returns_record() returns record language sql as 'select 1, 2';"
        "create function pgf.out_args(a int, out b int, out c text) language sql as $$select 1, 'x'$$;"
        "create function pgf.agg_state(int, int) returns int language sql as 'select 1';"
        "create aggregate pgf.agg(int) (sfunc = pgf.agg_state, stype = int);"
        "create procedure pgf.proc() language sql as 'select 1';"
        "create type pgf.floatrange as range (subtype = float8);"
        "create function pgf.uses_range(r pgf.floatrange) returns int language sql stable as 'select 1';"
        "create view pgf.v as select id from pgf.t;"
        "create view pgf.v_join as select a.id from pgf.t a, pgf.t b;"));
    QVERIFY2(created.ok(), qPrintable(created.error().toString()));

    CatalogReader reader(m_conn);
    Catalog c;
    QVERIFY2(reader.read({QStringLiteral("pgf")}, &c), qPrintable(reader.error().toString()));
    QStringList classes;
    for (const auto &k : c.classes)
        classes << k.namespaceName + QLatin1Char('.') + k.name;
    classes.sort();
    // The composite type from another schema comes along so that column `p` can be resolved.
    QCOMPARE(classes, (QStringList{QStringLiteral("pgf.child"), QStringLiteral("pgf.t"), QStringLiteral("pgf.v"),
                                   QStringLiteral("pgf.v_join"), QStringLiteral("pgf_other.pair")}));
    const auto *t = findClass(c, QStringLiteral("pgf"), QStringLiteral("t"));
    QCOMPARE(t->attributes.size(), size_t(2));
    const auto *pair = findClass(c, QStringLiteral("pgf_other"), QStringLiteral("pair"));
    QCOMPARE(pair->kind, 'c');
    QCOMPARE(pair->attributes.size(), size_t(2));
    QCOMPARE(c.typeByOid(findAttr(t, QStringLiteral("p"))->typeOid)->classOid, pair->oid);

    // PostGraphile keeps one of a PRIMARY KEY and a UNIQUE on the same columns: the first by name.
    QStringList tConstraints;
    for (const auto &k : c.constraints) {
        if (k.classOid == t->oid)
            tConstraints << k.name;
    }
    QCOMPARE(tConstraints, QStringList{QStringLiteral("t_id_unique")});
    // A foreign key into a schema that was not asked for is left out, as PostGraphile does.
    const auto *child = findClass(c, QStringLiteral("pgf"), QStringLiteral("child"));
    int childFks = 0;
    for (const auto &k : c.constraints) {
        if (k.classOid == child->oid && k.type == 'f') {
            ++childFks;
            QCOMPARE(k.foreignClassOid, t->oid);
        }
    }
    QCOMPARE(childFks, 1);

    QStringList functions;
    for (const auto &f : c.functions)
        functions << f.name;
    // takes_record stays: PostGraphile's "no record argument" test only looks at proallargtypes,
    // which is NULL when every argument is IN.
    QCOMPARE(functions, (QStringList{QStringLiteral("agg_state"), QStringLiteral("out_args"), QStringLiteral("takes_record"),
                                     QStringLiteral("uses_range")}));
    const auto *out = findFunction(c, QStringLiteral("out_args"));
    QCOMPARE(out->args.size(), 3);
    QCOMPARE(out->args[0].mode, 'i');
    QCOMPARE(out->args[1].mode, 'o');
    QCOMPARE(out->args[2].mode, 'o');
    QCOMPARE(argNames(out), (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
    QCOMPARE(out->inputArgsCount, 1);
    QCOMPARE(out->returnTypeOid, reflect::Oid(2249));
    QCOMPARE(out->volatility, 'v');

    const auto *range = findType(c, QStringLiteral("pgf"), QStringLiteral("floatrange"));
    QVERIFY(range);
    QCOMPARE(range->type, 'r');
    QCOMPARE(range->rangeSubtypeOid, reflect::Oid(701));
    QVERIFY(c.typeByOid(701));

    const auto *v = findClass(c, QStringLiteral("pgf"), QStringLiteral("v"));
    QCOMPARE(v->kind, 'v');
    QVERIFY(v->isInsertable && v->isUpdatable && v->isDeletable);
    const auto *vJoin = findClass(c, QStringLiteral("pgf"), QStringLiteral("v_join"));
    QVERIFY(!vJoin->isInsertable && !vJoin->isUpdatable && !vJoin->isDeletable);
}

void TestCatalogReader::indexDefinitionsMatchServer()
{
    const pg::Result created = m_conn.exec(QStringLiteral(
        "create schema idx;"
        "create table idx.\"Order\" (id int primary key, \"user\" text, \"order\" int, \"Mixed\" text, __hidden int,"
        "  \"select\" text collate \"C\", label text, n numeric, t text, \"from\" int, a_1 int, \"1a\" int);"
        "create unique index on idx.\"Order\" (\"user\", \"order\");"
        "create index on idx.\"Order\" (\"Mixed\", __hidden);"
        "create index on idx.\"Order\" (\"select\");"
        "create index on idx.\"Order\" (label collate \"C\");"
        "create index on idx.\"Order\" (n desc);"
        "create index on idx.\"Order\" (lower(label));"
        "create index partial_idx on idx.\"Order\" (t) where t is not null;"
        "create index on idx.\"Order\" (t text_pattern_ops);"
        "create index on idx.\"Order\" using hash (t);"
        "create index on idx.\"Order\" (\"from\") include (a_1);"
        "create index on idx.\"Order\" (a_1, \"1a\") with (fillfactor = 50);"
        "create table idx.plain (x int, y int);"
        "create index \"Weird Index\" on idx.plain (x, y);"
        "create table idx.parted (k int) partition by range (k);"
        "create index on idx.parted (k);"));
    QVERIFY2(created.ok(), qPrintable(created.error().toString()));
    CatalogReader reader(m_conn);
    Catalog c;
    QVERIFY2(reader.read({QStringLiteral("idx"), QStringLiteral("forum_example")}, &c), qPrintable(reader.error().toString()));
    QVERIFY(c.indexes.size() >= 15);
    for (const auto &x : c.indexes) {
        const pg::Result expected = m_conn.execParams(QStringLiteral("select pg_get_indexdef($1::oid)"),
                                                      {QByteArray::number(x.oid)});
        QVERIFY(expected.ok());
        QCOMPARE(x.definition, expected.text(0, 0));
    }
    // The hidden column is dropped from the class but still spelled in the index.
    const auto *order = findClass(c, QStringLiteral("idx"), QStringLiteral("Order"));
    QVERIFY(order);
    QVERIFY(!findAttr(order, QStringLiteral("__hidden")));
    QVERIFY(findAttr(order, QStringLiteral("Mixed")));
}

void TestCatalogReader::withoutDisplayText()
{
    CatalogReader reader(m_conn);
    QVERIFY(reader.readsDisplayText());
    reader.setReadDisplayText(false);
    Catalog c;
    QVERIFY2(reader.read({QStringLiteral("forum_example")}, &c), qPrintable(reader.error().toString()));
    QCOMPARE(c.classes.size(), m_forum.classes.size());
    QCOMPARE(c.constraints.size(), m_forum.constraints.size());
    QCOMPARE(c.indexes.size(), m_forum.indexes.size());
    QCOMPARE(c.types.size(), m_forum.types.size());
    QCOMPARE(c.grants.size(), m_forum.grants.size());
    for (const auto &k : c.classes) {
        for (const auto &a : k.attributes)
            QVERIFY(a.defaultExpr.isEmpty());
    }
    for (const auto &k : c.constraints)
        QVERIFY(k.definition.isEmpty());
    for (const auto &x : c.indexes)
        QVERIFY(x.definition.isEmpty());
    // What the generator needs is all there.
    const auto *person = findClass(c, QStringLiteral("forum_example"), QStringLiteral("person"));
    QVERIFY(findAttr(person, QStringLiteral("id"))->hasDefault);
    QCOMPARE(findConstraint(c, QStringLiteral("post_author_username_fkey"))->comment,
             QStringLiteral("@foreignFieldName posts\n@fieldName author"));
    QCOMPARE(findPolicy(c, QStringLiteral("update_person"))->usingExpr,
             QStringLiteral("(username = current_setting('appsync.identity_username'::text))"));
    QCOMPARE(findFunction(c, QStringLiteral("post_summary"))->argDefaultsExpr, QStringLiteral("50, '…'::text"));
}

void TestCatalogReader::typeClosure()
{
    const pg::Result created = m_conn.exec(QStringLiteral(
        "create schema tc;"
        "create schema tc_a;"
        "create schema tc_b;"
        "create type tc_b.mood as enum ('sad', 'ok', 'happy');"
        "create type tc_a.feeling as (mood tc_b.mood, since date);"
        "create domain tc.email as text not null default 'nobody@example.com' check (value like '%@%');"
        "comment on domain tc.email is 'An e-mail address';"
        "create domain tc.tags as varchar(20)[];"
        "create type tc.span as range (subtype = int8);"
        "create table tc.t (id int primary key, e tc.email[], tags tc.tags, s tc.span, f tc_a.feeling[]);"
        "create function tc.f_mr() returns int4multirange language sql stable as 'select null::int4multirange';"));
    QVERIFY2(created.ok(), qPrintable(created.error().toString()));
    CatalogReader reader(m_conn);
    Catalog c;
    QVERIFY2(reader.read({QStringLiteral("tc")}, &c), qPrintable(reader.error().toString()));
    const auto *t = findClass(c, QStringLiteral("tc"), QStringLiteral("t"));
    QVERIFY(t);

    const auto *emailArray = c.typeByOid(findAttr(t, QStringLiteral("e"))->typeOid);
    QVERIFY(emailArray);
    QCOMPARE(emailArray->category, 'A');
    const auto *email = c.typeByOid(emailArray->arrayItemOid);
    QVERIFY(email);
    QCOMPARE(email->name, QStringLiteral("email"));
    QCOMPARE(email->type, 'd');
    QCOMPARE(email->domainBaseOid, reflect::Oid(25));
    QVERIFY(email->domainNotNull);
    QVERIFY(email->domainHasDefault);
    QCOMPARE(email->domainDefaultExpr, QStringLiteral("'nobody@example.com'::text"));
    QCOMPARE(email->comment, QStringLiteral("An e-mail address"));
    QCOMPARE(email->arrayOid, emailArray->oid);
    QVERIFY(c.typeByOid(25));

    const auto *tags = c.typeByOid(findAttr(t, QStringLiteral("tags"))->typeOid);
    QCOMPARE(tags->type, 'd');
    const auto *varcharArray = c.typeByOid(tags->domainBaseOid);
    QVERIFY(varcharArray);
    QCOMPARE(varcharArray->name, QStringLiteral("_varchar"));
    QCOMPARE(tags->domainTypmod, 24); // varchar(20): 20 + VARHDRSZ
    QVERIFY(c.typeByOid(varcharArray->arrayItemOid));

    const auto *span = c.typeByOid(findAttr(t, QStringLiteral("s"))->typeOid);
    QCOMPARE(span->type, 'r');
    QCOMPARE(span->rangeSubtypeOid, reflect::Oid(20));
    QVERIFY(c.typeByOid(20));

    // A composite type two schemas away, with an enum from a third: class, columns and enum all come.
    const auto *feelingArray = c.typeByOid(findAttr(t, QStringLiteral("f"))->typeOid);
    const auto *feeling = c.typeByOid(feelingArray->arrayItemOid);
    QVERIFY(feeling);
    QCOMPARE(feeling->namespaceName, QStringLiteral("tc_a"));
    const auto *feelingClass = c.classByOid(feeling->classOid);
    QVERIFY(feelingClass);
    QCOMPARE(feelingClass->kind, 'c');
    QCOMPARE(feelingClass->attributes.size(), size_t(2));
    const auto *mood = c.typeByOid(feelingClass->attributes[0].typeOid);
    QVERIFY(mood);
    QCOMPARE(mood->enumLabels, (QStringList{QStringLiteral("sad"), QStringLiteral("ok"), QStringLiteral("happy")}));
    QCOMPARE(c.classes.back().oid, feelingClass->oid); // classes from elsewhere come last

    // A multirange leads to its range and that range's subtype.
    const auto *mr = c.typeByOid(findFunction(c, QStringLiteral("f_mr"))->returnTypeOid);
    QVERIFY(mr);
    QCOMPARE(mr->type, 'm');
    QVERIFY(c.typeByOid(3904)); // int4range
    QVERIFY(c.typeByOid(23));
}

void TestCatalogReader::cancelWhileBlocked()
{
    // pg_relation_is_updatable opens views, so a session holding an exclusive lock on one blocks the
    // read (PostGraphile's introspection blocks the same way): cancelling must get us out.
    QVERIFY(m_conn.exec(QStringLiteral("create schema lk; create table lk.t (id int); create view lk.v as select * from lk.t")).ok());
    pg::Connection locker;
    QVERIFY(locker.open(m_db.conninfo()));
    QVERIFY(locker.exec(QStringLiteral("begin; lock table lk.v in access exclusive mode")).ok());
    std::atomic_bool cancelled{false};
    std::thread canceller([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        cancelled = true;
    });
    QElapsedTimer t;
    t.start();
    CatalogReader reader(m_conn);
    Catalog c;
    const bool ok = reader.read({QStringLiteral("lk")}, &c, &cancelled);
    canceller.join();
    QVERIFY(!ok);
    QCOMPARE(reader.error().sqlState, QStringLiteral("57014"));
    QVERIFY2(t.elapsed() < 5000, qPrintable(QString::number(t.elapsed())));
    QVERIFY(!m_conn.inTransaction());
    QVERIFY(locker.exec(QStringLiteral("rollback")).ok());
    Catalog after;
    QVERIFY(reader.read({QStringLiteral("lk")}, &after));
    QCOMPARE(after.classes.size(), size_t(2));
}

QTEST_GUILESS_MAIN(TestCatalogReader)
#include "tst_catalogreader.moc"
