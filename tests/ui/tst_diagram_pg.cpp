// The ER diagram against real databases (labels gui, pg): the kitchen sink fixture and the forum demo.
// Every foreign key PostgreSQL knows (asked with our own SQL, not through the CatalogReader) must be
// an edge with the right cardinality, every `@foreignKey` smart tag a dashed edge, and the laid-out
// cards must not overlap.
#include <ui/diagram/carditem.h>
#include <ui/diagram/diagramjob.h>
#include <ui/diagram/diagramlayout.h>
#include <ui/diagram/diagramscene.h>
#include <ui/diagram/erdiagrammodel.h>

#include "../pg/testdatabase.h"

#include <pg/connection.h>
#include <reflect/catalogreader.h>

#include <QApplication>
#include <QFile>
#include <QTest>

using namespace refract;
using namespace refract::ui::diagram;

class TestDiagramPg : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void kitchenSink();
    void forumDemo();

private:
    /// Loads a SQL file into a fresh database and reads the catalog of `schemas`.
    std::shared_ptr<reflect::Catalog> load(test::TestDatabase &db, const QString &file, const QStringList &schemas, pg::Connection &c);
    void checkForeignKeys(pg::Connection &c, const reflect::Catalog &catalog, const DiagramGraph &g);
};

void TestDiagramPg::initTestCase()
{
    if (!test::hasPgEnvironment())
        QSKIP("no PostgreSQL server: set PG* variables (scripts/test does)");
}

std::shared_ptr<reflect::Catalog> TestDiagramPg::load(test::TestDatabase &db, const QString &file, const QStringList &schemas,
                                                      pg::Connection &c)
{
    if (!db.create(QStringLiteral("tst_diagram"))) {
        qWarning("%s", qPrintable(db.error()));
        return {};
    }
    if (!c.open(db.conninfo())) {
        qWarning("%s", qPrintable(c.lastError().toString()));
        return {};
    }
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const pg::Result r = c.exec(QString::fromUtf8(f.readAll()));
    if (!r.ok()) {
        qWarning("%s", qPrintable(r.error().toString()));
        return {};
    }
    auto catalog = std::make_shared<reflect::Catalog>();
    reflect::CatalogReader reader(c);
    if (!reader.read(schemas, catalog.get())) {
        qWarning("%s", qPrintable(reader.error().toString()));
        return {};
    }
    return catalog;
}

void TestDiagramPg::checkForeignKeys(pg::Connection &c, const reflect::Catalog &catalog, const DiagramGraph &g)
{
    // One-to-one when some unique index (PK and unique constraints have one) lies within the key
    // columns; optional when a key column is nullable.
    const pg::Result r = c.execParams(QStringLiteral(R"(
        select distinct on (c.conrelid, c.conkey, c.confrelid, c.confkey)
               cn.nspname || '.' || cl.relname, fn.nspname || '.' || fcl.relname, c.conname,
               exists (select from pg_index i where i.indrelid = c.conrelid and i.indisunique and i.indpred is null
                                and not (0 = any (i.indkey::int2[])) and i.indkey::int2[] <@ c.conkey),
               exists (select from pg_attribute a where a.attrelid = c.conrelid and a.attnum = any (c.conkey) and not a.attnotnull)
          from pg_constraint c
          join pg_class cl on cl.oid = c.conrelid join pg_namespace cn on cn.oid = cl.relnamespace
          join pg_class fcl on fcl.oid = c.confrelid join pg_namespace fn on fn.oid = fcl.relnamespace
         where c.contype = 'f' and cn.nspname = any ($1::text[]) and fn.nspname = any ($1::text[])
         order by c.conrelid, c.conkey, c.confrelid, c.confkey, c.conname)"),
                                          {reflect::CatalogReader::textArrayLiteral(catalog.schemas)});
    QVERIFY2(r.ok(), qPrintable(r.error().toString()));
    QVERIFY(r.rows() > 0);
    int real = 0;
    for (const DiagramEdge &e : g.edges)
        if (!e.isVirtual)
            ++real;
    QCOMPARE(real, r.rows());
    int oneToOne = 0, optional = 0;
    for (int row = 0; row < r.rows(); ++row) {
        oneToOne += r.toBool(row, 3) ? 1 : 0;
        optional += r.toBool(row, 4) ? 1 : 0;
    }
    qInfo("%d foreign keys (%d one-to-one, %d optional), %lld edges in all", r.rows(), oneToOne, optional, qlonglong(g.edges.size()));
    for (int row = 0; row < r.rows(); ++row) {
        const QString child = r.text(row, 0), parent = r.text(row, 1), name = r.text(row, 2);
        const DiagramEdge *edge = nullptr;
        for (const DiagramEdge &e : g.edges)
            if (!e.isVirtual && e.label == name && g.nodes.at(e.from).id == child && g.nodes.at(e.to).id == parent)
                edge = &e;
        QVERIFY2(edge, qPrintable(QStringLiteral("no edge for %1 on %2 → %3").arg(name, child, parent)));
        const auto expected = r.toBool(row, 3) ? DiagramEdge::Cardinality::OneToOne : DiagramEdge::Cardinality::OneToMany;
        QVERIFY2(edge->cardinality == expected, qPrintable(QStringLiteral("%1: cardinality").arg(name)));
        QVERIFY2(edge->optional == r.toBool(row, 4), qPrintable(QStringLiteral("%1: optional").arg(name)));
        QCOMPARE(edge->kind, DiagramEdge::Kind::ForeignKey);
        // The key column is marked FK on the child card.
        QVERIFY(edge->fromRow >= 0);
        QVERIFY(g.nodes.at(edge->from).rows.at(edge->fromRow).foreignKey);
    }
}

void TestDiagramPg::kitchenSink()
{
    test::TestDatabase db;
    pg::Connection c;
    const auto catalog = load(db, QStringLiteral(REFRACT_SOURCE_DIR "/tests/fixtures/kitchen_sink.sql"),
                              {QStringLiteral("ks_a"), QStringLiteral("ks_b"), QStringLiteral("ks_c")}, c);
    QVERIFY(catalog);
    const DiagramGraph g = ErDiagramModel::build(*catalog);
    checkForeignKeys(c, *catalog, g);
    if (QTest::currentTestFailed())
        return;

    // Virtual foreign keys from smart tags, dashed; composite types are no cards.
    auto virtualEdge = [&g](const QString &from, const QString &to) -> const DiagramEdge * {
        for (const DiagramEdge &e : g.edges)
            if (e.isVirtual && g.nodes.at(e.from).id == from && g.nodes.at(e.to).id == to)
                return &e;
        return nullptr;
    };
    QVERIFY(virtualEdge(QStringLiteral("ks_b.types_table"), QStringLiteral("ks_a.post")));
    QVERIFY(g.indexOf(QStringLiteral("ks_c.post_ref")) < 0);
    int virtuals = 0;
    for (const DiagramEdge &e : g.edges)
        virtuals += e.isVirtual ? 1 : 0;
    QVERIFY2(virtuals >= 3, qPrintable(QString::number(virtuals)));
    // Views are cards of their own kind.
    bool sawView = false;
    for (const DiagramNode &n : g.nodes)
        sawView = sawView || n.kind == DiagramNode::Kind::View;
    QVERIFY(sawView);
    QCOMPARE(g.groups().size(), 3);

    // Laid out as the widget does it: no card overlaps another.
    DiagramRequest req;
    req.catalog = catalog;
    const DiagramJobResult job = computeDiagram(req);
    QVERIFY2(job.layout.ok, qPrintable(job.error));
    QCOMPARE(job.graph->nodes.size(), g.nodes.size());
    QVERIFY(!DiagramLayout::hasOverlaps(job.layout.rects));
    DiagramScene scene;
    scene.populate(job.graph, job.sizes, job.layout);
    QVERIFY(!DiagramLayout::hasOverlaps(scene.cardRects()));

    // Schema filter and focus.
    req.groups = {QStringLiteral("ks_c")};
    const DiagramJobResult onlyC = computeDiagram(req);
    QVERIFY(onlyC.layout.ok);
    for (const DiagramNode &n : onlyC.graph->nodes)
        QCOMPARE(n.group, QStringLiteral("ks_c"));
    QCOMPARE(onlyC.graph->nodes.size(), g.nodesInGroups({QStringLiteral("ks_c")}).size());
}

void TestDiagramPg::forumDemo()
{
    test::TestDatabase db;
    pg::Connection c;
    const auto catalog = load(db, QStringLiteral(REFRACT_SOURCE_DIR "/resources/demo/forum_demo.sql"), {QStringLiteral("forum_example")}, c);
    QVERIFY(catalog);
    const DiagramGraph g = ErDiagramModel::build(*catalog);
    checkForeignKeys(c, *catalog, g);
    if (QTest::currentTestFailed())
        return;
    const int person = g.indexOf(QStringLiteral("forum_example.person"));
    const int post = g.indexOf(QStringLiteral("forum_example.post"));
    QVERIFY(person >= 0 && post >= 0);
    QCOMPARE(g.nodes.at(person).title, QStringLiteral("person")); // one schema: short names
    QVERIFY(g.nodes.at(person).rowSecurity);
    QCOMPARE(g.nodes.at(person).policyCount, 3);
    QCOMPARE(g.nodes.at(post).policyCount, 4);
    const DiagramRow &pk = g.nodes.at(person).rows.first();
    QVERIFY(pk.primaryKey && pk.notNull);
    // post.author_username → person.username: many posts per person, mandatory.
    const DiagramEdge *author = nullptr;
    for (const DiagramEdge &e : g.edges)
        if (e.from == post && e.to == person)
            author = &e;
    QVERIFY(author);
    QCOMPARE(author->cardinality, DiagramEdge::Cardinality::OneToMany);
    QVERIFY(!author->optional);
    QCOMPARE(g.nodes.at(post).rows.at(author->fromRow).name, QStringLiteral("author_username"));
    QCOMPARE(g.nodes.at(person).rows.at(author->toRow).name, QStringLiteral("username"));
    // Focus on post, one hop: post and person.
    QCOMPARE(g.neighbourhood({post}, 1), (QSet<int>{post, person}));
}

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    TestDiagramPg t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_diagram_pg.moc"
