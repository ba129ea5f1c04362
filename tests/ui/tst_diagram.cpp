// The diagram views' models, layout, scene and export without a database (label gui, offscreen).
#include <ui/diagram/carditem.h>
#include <ui/diagram/diagramgraph.h>
#include <ui/diagram/diagramlayout.h>
#include <ui/diagram/diagramscene.h>
#include <ui/diagram/diagramview.h>
#include <ui/diagram/diagramwidget.h>
#include <ui/diagram/edgeitem.h>
#include <ui/diagram/typegraphmodel.h>

#include <graphql/schemabuilder.h>

#include <QApplication>
#include <QImage>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace refract;
using namespace refract::ui::diagram;

namespace {

DiagramGraph chain(int n)
{
    // 0 - 1 - 2 - … - n-1, plus a lone card n.
    DiagramGraph g;
    for (int i = 0; i <= n; ++i) {
        DiagramNode node;
        node.id = QStringLiteral("s%1.t%2").arg(i % 2).arg(i);
        node.title = QStringLiteral("t%1").arg(i);
        node.group = QStringLiteral("s%1").arg(i % 2);
        node.rows.append({QStringLiteral("id"), QStringLiteral("int4"), true, false, false, true});
        g.nodes.append(node);
    }
    for (int i = 0; i + 1 < n; ++i) {
        DiagramEdge e;
        e.from = i + 1;
        e.to = i;
        g.edges.append(e);
    }
    g.reindex();
    return g;
}

/// A random graph with the shape of the generated benchmark schemas: each card references two earlier ones.
LayoutInput randomInput(int n, quint32 seed)
{
    QRandomGenerator rnd(seed);
    LayoutInput in;
    for (int i = 0; i < n; ++i)
        in.sizes.append(QSizeF(150 + rnd.bounded(150), 60 + 18 * rnd.bounded(12)));
    for (int i = 2; i < n; ++i)
        for (int k = 0; k < 2; ++k)
            in.edges.append({i, int(rnd.bounded(i))});
    return in;
}

const char *const forumSdl = R"(
schema { query: Query mutation: Mutation }
interface Node { nodeId: ID! }
type Query implements Node { nodeId: ID! node(nodeId: ID!): Node allPeople(first: Int, orderBy: [PeopleOrderBy!]): PeopleConnection search: [SearchResult!]! }
type Mutation { createPost(input: CreatePostInput!): CreatePostPayload }
type Person implements Node { nodeId: ID! id: Int! name: String postsByAuthorId: PostsConnection! }
type Post implements Node { nodeId: ID! id: Int! topic: PostTopic author: Person }
union SearchResult = Person | Post
enum PostTopic { DISCUSSION INSPIRATION HELP }
enum PeopleOrderBy { NATURAL ID_ASC }
input CreatePostInput { post: PostInput! }
input PostInput { topic: PostTopic authorId: Int! }
type CreatePostPayload { post: Post query: Query }
type PeopleConnection { nodes: [Person]! edges: [PeopleEdge!]! pageInfo: PageInfo! totalCount: Int! }
type PeopleEdge { cursor: String node: Person }
type PostsConnection { nodes: [Post]! edges: [PostsEdge!]! pageInfo: PageInfo! totalCount: Int! }
type PostsEdge { cursor: String node: Post }
type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! }
)";

std::shared_ptr<const graphql::Schema> forumSchema()
{
    graphql::GraphQLError error;
    auto s = graphql::buildSchema(QString::fromUtf8(forumSdl), &error);
    if (!s)
        qFatal("forum SDL does not build: %s", qPrintable(error.message));
    return std::make_shared<const graphql::Schema>(std::move(*s));
}

const DiagramEdge *findEdge(const DiagramGraph &g, const QString &from, const QString &to, const QString &label = {})
{
    for (const DiagramEdge &e : g.edges)
        if (g.nodes.at(e.from).id == from && g.nodes.at(e.to).id == to && (label.isEmpty() || e.label == label))
            return &e;
    return nullptr;
}

} // namespace

class TestDiagram : public QObject
{
    Q_OBJECT
private slots:
    void neighbourhood();
    void searchAndGroups();
    void typeGraph();
    void typeGraphOptions();
    void layoutNoOverlapDot();
    void layoutNoOverlapSfdp();
    void layoutKeepsPinned();
    void layoutBadInput();
    void sceneAndExport();
    void positionsJson();
    void widget();
};

void TestDiagram::neighbourhood()
{
    const DiagramGraph g = chain(6); // t0..t5 in a chain, t6 alone
    QCOMPARE(g.neighbourhood({3}, 0), (QSet<int>{3}));
    QCOMPARE(g.neighbourhood({3}, 1), (QSet<int>{2, 3, 4}));
    QCOMPARE(g.neighbourhood({3}, 2), (QSet<int>{1, 2, 3, 4, 5}));
    QCOMPARE(g.neighbourhood({0}, 10), (QSet<int>{0, 1, 2, 3, 4, 5}));
    QCOMPARE(g.neighbourhood({6}, 3), (QSet<int>{6}));
    QCOMPARE(g.neighbourhood({-1, 99}, 3), QSet<int>());

    const DiagramGraph sub = g.subgraph(g.neighbourhood({3}, 1));
    QCOMPARE(sub.nodes.size(), 3);
    QCOMPARE(sub.edges.size(), 2);
    for (const DiagramEdge &e : sub.edges) {
        QVERIFY(e.from >= 0 && e.from < 3 && e.to >= 0 && e.to < 3);
        QCOMPARE(sub.nodes.at(e.from).title.mid(1).toInt(), sub.nodes.at(e.to).title.mid(1).toInt() + 1);
    }
    QCOMPARE(sub.indexOf(QStringLiteral("s0.t4")), 2);
}

void TestDiagram::searchAndGroups()
{
    const DiagramGraph g = chain(12);
    QCOMPARE(g.groups(), (QStringList{QStringLiteral("s0"), QStringLiteral("s1")}));
    QCOMPARE(g.nodesInGroups({QStringLiteral("s1")}).size(), 6);
    const QList<int> hits = g.search(QStringLiteral("T1"));
    QVERIFY(!hits.isEmpty());
    QCOMPARE(g.nodes.at(hits.first()).title, QStringLiteral("t1")); // exact match first, then t10, t11, t12
    QCOMPARE(hits.size(), 4);
    QCOMPARE(g.nodes.at(g.search(QStringLiteral("s0.t10")).first()).id, QStringLiteral("s0.t10"));
    QVERIFY(g.search(QStringLiteral("nothing")).isEmpty());
    QVERIFY(g.search(QStringLiteral("   ")).isEmpty());
}

void TestDiagram::typeGraph()
{
    const auto schema = forumSchema();
    const DiagramGraph g = TypeGraphModel::build(*schema);
    // Relay wrappers, inputs, input-only enums and scalars are hidden by default.
    for (const char *hidden : {"PeopleConnection", "PeopleEdge", "PageInfo", "CreatePostInput", "PeopleOrderBy", "String", "Int"})
        QVERIFY2(g.indexOf(QLatin1String(hidden)) < 0, hidden);
    for (const char *shown : {"Query", "Mutation", "Node", "Person", "Post", "SearchResult", "PostTopic", "CreatePostPayload"})
        QVERIFY2(g.indexOf(QLatin1String(shown)) >= 0, shown);
    QVERIFY(g.nodes.at(g.indexOf(QStringLiteral("Query"))).root);
    QVERIFY(g.nodes.at(g.indexOf(QStringLiteral("Mutation"))).root);
    QVERIFY(!g.nodes.at(g.indexOf(QStringLiteral("Person"))).root);
    QCOMPARE(g.nodes.at(g.indexOf(QStringLiteral("Node"))).kind, DiagramNode::Kind::Interface);
    QCOMPARE(g.nodes.at(g.indexOf(QStringLiteral("SearchResult"))).kind, DiagramNode::Kind::Union);

    // A connection field points at its node type as a list.
    const DiagramEdge *all = findEdge(g, QStringLiteral("Query"), QStringLiteral("Person"), QStringLiteral("allPeople"));
    QVERIFY(all);
    QVERIFY(all->list);
    QCOMPARE(g.nodes.at(all->from).rows.at(all->fromRow).name, QStringLiteral("allPeople"));
    QCOMPARE(g.nodes.at(all->from).rows.at(all->fromRow).type, QStringLiteral("[Person]"));
    const DiagramEdge *author = findEdge(g, QStringLiteral("Post"), QStringLiteral("Person"), QStringLiteral("author"));
    QVERIFY(author);
    QVERIFY(!author->list);
    QVERIFY(findEdge(g, QStringLiteral("Person"), QStringLiteral("Post"), QStringLiteral("postsByAuthorId")));
    QVERIFY(findEdge(g, QStringLiteral("Post"), QStringLiteral("PostTopic"), QStringLiteral("topic")));
    // Relay plumbing is left out by default: payloads' query back-links and `implements Node`.
    QVERIFY(!findEdge(g, QStringLiteral("CreatePostPayload"), QStringLiteral("Query"), QStringLiteral("query")));
    QVERIFY(!findEdge(g, QStringLiteral("Person"), QStringLiteral("Node")));
    QVERIFY(findEdge(g, QStringLiteral("Query"), QStringLiteral("Node"), QStringLiteral("node")));
    QCOMPARE(findEdge(g, QStringLiteral("SearchResult"), QStringLiteral("Post"))->kind, DiagramEdge::Kind::Member);
    QVERIFY(findEdge(g, QStringLiteral("Query"), QStringLiteral("SearchResult"), QStringLiteral("search"))->list);
    // Every edge is between shown cards and starts at its field's row when it has one.
    for (const DiagramEdge &e : g.edges) {
        QVERIFY(e.from >= 0 && e.to >= 0);
        if (e.kind == DiagramEdge::Kind::Field)
            QCOMPARE(g.nodes.at(e.from).rows.at(e.fromRow).name, e.label);
    }
}

void TestDiagram::typeGraphOptions()
{
    const auto schema = forumSchema();
    TypeGraphModel::Options o;
    o.hideScalars = false;
    o.hideInputs = false;
    o.collapseRelay = false;
    const DiagramGraph g = TypeGraphModel::build(*schema, o);
    for (const char *shown : {"PeopleConnection", "PeopleEdge", "PageInfo", "CreatePostInput", "PeopleOrderBy", "String", "Int", "Boolean"})
        QVERIFY2(g.indexOf(QLatin1String(shown)) >= 0, shown);
    QVERIFY(findEdge(g, QStringLiteral("Query"), QStringLiteral("PeopleConnection"), QStringLiteral("allPeople")));
    QVERIFY(findEdge(g, QStringLiteral("PeopleEdge"), QStringLiteral("Person"), QStringLiteral("node")));
    QVERIFY(findEdge(g, QStringLiteral("CreatePostInput"), QStringLiteral("PostInput"), QStringLiteral("post")));
    QVERIFY(findEdge(g, QStringLiteral("Person"), QStringLiteral("Int"), QStringLiteral("id")));
    QVERIFY(findEdge(g, QStringLiteral("CreatePostPayload"), QStringLiteral("Query"), QStringLiteral("query")));
    QCOMPARE(findEdge(g, QStringLiteral("Person"), QStringLiteral("Node"))->kind, DiagramEdge::Kind::Implements);
    QCOMPARE(g.nodes.at(g.indexOf(QStringLiteral("CreatePostInput"))).kind, DiagramNode::Kind::Input);
    QCOMPARE(g.groups().contains(QStringLiteral("inputs")), true);
}

void TestDiagram::layoutNoOverlapDot()
{
    LayoutInput in = randomInput(120, 7);
    const LayoutResult r = DiagramLayout::run(in);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.rects.size(), 120);
    QCOMPARE(r.dotComponents, 1);
    QPair<int, int> pair;
    QVERIFY2(!DiagramLayout::hasOverlaps(r.rects, &pair), qPrintable(QStringLiteral("%1 and %2 overlap").arg(pair.first).arg(pair.second)));
    for (int i = 0; i < in.sizes.size(); ++i)
        QCOMPARE(r.rects.at(i).size(), in.sizes.at(i)); // real card sizes went in and came out
    // dot routes every edge, and a route starts at its first card's border and ends at its second's.
    int routed = 0;
    for (int i = 0; i < in.edges.size(); ++i) {
        const QList<QPointF> &route = r.routes.at(i);
        if (route.isEmpty())
            continue;
        ++routed;
        QCOMPARE((route.size() - 1) % 3, 0);
        const QRectF a = r.rects.at(in.edges.at(i).first).adjusted(-2, -2, 2, 2);
        const QRectF b = r.rects.at(in.edges.at(i).second).adjusted(-2, -2, 2, 2);
        QVERIFY2(a.contains(route.first()) && b.contains(route.last()), qPrintable(QString::number(i)));
    }
    QCOMPARE(routed, in.edges.size());
}

void TestDiagram::layoutNoOverlapSfdp()
{
    LayoutInput in = randomInput(400, 11);
    // Three more components: a pair and two lone cards.
    in.sizes << QSizeF(200, 100) << QSizeF(200, 100) << QSizeF(300, 400) << QSizeF(150, 60);
    in.edges.append({400, 401});
    in.dotLimit = 100; // the big component goes through sfdp
    const LayoutResult r = DiagramLayout::run(in);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.components, 4);
    QCOMPARE(r.sfdpComponents, 1);
    QCOMPARE(r.dotComponents, 1);
    QPair<int, int> pair;
    QVERIFY2(!DiagramLayout::hasOverlaps(r.rects, &pair), qPrintable(QStringLiteral("%1 and %2 overlap").arg(pair.first).arg(pair.second)));
    // Packed, not spread out: the drawing is within a few times the cards' total area.
    qreal area = 0;
    QRectF bounds;
    for (const QRectF &rc : r.rects) {
        area += rc.width() * rc.height();
        bounds = bounds.isNull() ? rc : bounds.united(rc);
    }
    QVERIFY2(bounds.width() * bounds.height() < area * 12, qPrintable(QStringLiteral("%1 x %2").arg(bounds.width()).arg(bounds.height())));
}

void TestDiagram::layoutKeepsPinned()
{
    LayoutInput in = randomInput(60, 3);
    const LayoutResult first = DiagramLayout::run(in);
    QVERIFY(first.ok);
    // Pin card 5 right on top of card 10 and card 20 somewhere far away.
    in.pinned.insert(5, first.rects.at(10).topLeft());
    in.pinned.insert(20, QPointF(-5000, -3000));
    const LayoutResult second = DiagramLayout::run(in);
    QVERIFY(second.ok);
    QCOMPARE(second.rects.at(5).topLeft(), first.rects.at(10).topLeft());
    QCOMPARE(second.rects.at(20).topLeft(), QPointF(-5000, -3000));
    QVERIFY(!DiagramLayout::hasOverlaps(second.rects));
    // Edges of pinned cards lose their routes (drawn straight), the others keep theirs.
    for (int i = 0; i < in.edges.size(); ++i) {
        const bool touches = in.pinned.contains(in.edges.at(i).first) || in.pinned.contains(in.edges.at(i).second);
        if (touches)
            QVERIFY(second.routes.at(i).isEmpty());
    }
}

void TestDiagram::layoutBadInput()
{
    LayoutInput in;
    in.sizes << QSizeF(100, 50);
    in.edges.append({0, 3});
    const LayoutResult r = DiagramLayout::run(in);
    QVERIFY(!r.ok);
    QVERIFY(!r.error.isEmpty());
    const LayoutResult empty = DiagramLayout::run(LayoutInput());
    QVERIFY(empty.ok);
    QVERIFY(empty.rects.isEmpty());
    std::atomic_bool cancelled{true};
    const LayoutResult c = DiagramLayout::run(randomInput(30, 1), &cancelled);
    QVERIFY(c.cancelled);
    QVERIFY(!c.ok);
}

void TestDiagram::sceneAndExport()
{
    auto g = std::make_shared<DiagramGraph>(TypeGraphModel::build(*forumSchema()));
    LayoutInput in;
    for (const DiagramNode &n : g->nodes)
        in.sizes.append(CardItem::sizeFor(n));
    for (const DiagramEdge &e : g->edges)
        in.edges.append({e.from, e.to});
    const LayoutResult r = DiagramLayout::run(in);
    QVERIFY(r.ok);
    DiagramScene scene;
    scene.populate(g, in.sizes, r);
    QCOMPARE(scene.cards().size(), g->nodes.size());
    QCOMPARE(scene.edgeItems().size(), g->edges.size());
    QVERIFY(!DiagramLayout::hasOverlaps(scene.cardRects()));
    for (const EdgeItem *e : scene.edgeItems())
        QVERIFY(!e->path().isEmpty());

    QTemporaryDir dir;
    QString error;
    const QString svgPath = dir.filePath(QStringLiteral("types.svg"));
    QVERIFY2(scene.exportTo(svgPath, &error), qPrintable(error));
    QFile svgFile(svgPath);
    QVERIFY(svgFile.open(QIODevice::ReadOnly));
    const QByteArray svg = svgFile.readAll();
    QXmlStreamReader xml(svg);
    int texts = 0;
    bool sawPerson = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == QLatin1String("text"))
            ++texts;
        if (xml.isCharacters() && xml.text().contains(QLatin1String("Person")))
            sawPerson = true;
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(texts > 20);
    QVERIFY(sawPerson);
    QVERIFY(QSvgRenderer(svg).isValid());

    const QRectF bounds = scene.itemsBoundingRect().adjusted(-20, -20, 20, 20);
    const QString pngPath = dir.filePath(QStringLiteral("types.png"));
    QVERIFY2(scene.exportTo(pngPath, &error, 2.0), qPrintable(error));
    const QImage png(pngPath);
    QVERIFY(!png.isNull());
    QCOMPARE(png.size(), QSize(int(std::ceil(bounds.width() * 2)), int(std::ceil(bounds.height() * 2))));
    // Print style: white paper, dark ink.
    QCOMPARE(png.pixelColor(1, 1), QColor(Qt::white));
    QVERIFY(png.pixelColor(1, 1) != scene.style().background || scene.style().background == QColor(Qt::white));
    // The scene is back to its own style after printing.
    QCOMPARE(scene.style().kind, DiagramStyle::Kind::Light);

    QVERIFY(!scene.exportTo(dir.filePath(QStringLiteral("missing/dir/x.png")), &error));
    QVERIFY(!error.isEmpty());
}

void TestDiagram::positionsJson()
{
    DiagramScene scene;
    QHash<QString, QPointF> pins{{QStringLiteral("public.a"), QPointF(10, 20)}, {QStringLiteral("b"), QPointF(-5, 7)}};
    scene.setPinned(pins);
    const QJsonObject json = scene.positionsJson();
    DiagramScene other;
    QString error;
    QVERIFY2(other.setPositionsJson(json, &error), qPrintable(error));
    QCOMPARE(other.pinned(), pins);
    QJsonObject bad = json;
    bad.insert(QStringLiteral("cards"), QJsonObject{{QStringLiteral("x"), QJsonArray{1}}});
    QVERIFY(!other.setPositionsJson(bad, &error));
    QVERIFY(error.contains(QLatin1String("x")));
    QCOMPARE(other.pinned(), pins); // unchanged after bad input
    QVERIFY(!other.setPositionsJson(QJsonObject{{QStringLiteral("version"), 9}}, &error));
}

void TestDiagram::widget()
{
    DiagramWidget w;
    w.resize(1000, 700);
    w.setSchema(forumSchema());
    QSignalSpy done(&w, &DiagramWidget::layoutFinished);
    w.show();
    w.setMode(DiagramWidget::Mode::Types);
    QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty(), 20000);
    QVERIFY(done.last().at(0).toBool());
    QVERIFY(!w.isBusy());
    const int all = int(w.scene()->cards().size());
    QVERIFY(all >= 8);
    QVERIFY(!DiagramLayout::hasOverlaps(w.scene()->cardRects()));

    // Search selects and centres.
    QVERIFY(w.searchAndCentre(QStringLiteral("postto")));
    CardItem *topic = w.scene()->card(QStringLiteral("PostTopic"));
    QVERIFY(topic->isSelected());
    const QPointF centre = w.view()->mapToScene(w.view()->viewport()->rect().center());
    QVERIFY2(topic->cardRect().adjusted(-30, -30, 30, 30).contains(centre), "the found card is not centred");
    QVERIFY(!w.searchAndCentre(QStringLiteral("nothing like it")));

    // Focus on Post, one hop: Post, its neighbours, nothing else.
    done.clear();
    w.focusOn(QStringLiteral("Post"), 1);
    QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty(), 20000);
    QSet<QString> shown;
    for (const CardItem *c : w.scene()->cards())
        shown.insert(c->node().id);
    QCOMPARE(shown, (QSet<QString>{QStringLiteral("Post"), QStringLiteral("Person"), QStringLiteral("PostTopic"),
                                   QStringLiteral("SearchResult"), QStringLiteral("CreatePostPayload")}));

    // Back to everything; drag a card, lay out again: it stays, and the positions survive a JSON round trip.
    done.clear();
    w.clearFocus();
    QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty(), 20000);
    QCOMPARE(w.scene()->cards().size(), all);
    CardItem *person = w.scene()->card(QStringLiteral("Person"));
    const QPointF target = person->pos() + QPointF(900, 700);
    person->setPos(target);
    w.scene()->cardDragged(person);
    QCOMPARE(w.positions().value(QStringLiteral("types")).toObject().value(QStringLiteral("cards")).toObject().size(), 1);
    done.clear();
    w.relayout();
    QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty(), 20000);
    QCOMPARE(w.scene()->card(QStringLiteral("Person"))->pos(), target);
    QVERIFY(!DiagramLayout::hasOverlaps(w.scene()->cardRects()));

    QTemporaryDir dir;
    QString error;
    const QString file = dir.filePath(QStringLiteral("positions.json"));
    QVERIFY2(w.savePositions(file, &error), qPrintable(error));
    DiagramWidget w2;
    w2.setSchema(forumSchema());
    QVERIFY2(w2.loadPositions(file, &error), qPrintable(error));
    QCOMPARE(w2.positions(), w.positions());
    QVERIFY(!w2.loadPositions(dir.filePath(QStringLiteral("none.json")), &error));

    // Cancel while a layout runs: the widget is idle at once and reports a cancelled run.
    done.clear();
    w.resetPositions();
    QVERIFY(w.isBusy());
    w.cancel();
    QVERIFY(!w.isBusy());
    QCOMPARE(done.size(), 1);
    QCOMPARE(done.first().at(0).toBool(), false);
}

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    TestDiagram t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_diagram.moc"
