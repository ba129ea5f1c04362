// Diagram benchmark and screenshot tool: not a test, figures for scripts/bench-diagram.
//   bench_diagram --db CONNINFO --schema S[,S2] [--mode er|types] [--gv PREFIX] [--frames N]
//   bench_diagram … --screenshot FILE [--size WxH] [--focus ID --hops N] [--zoom Z] [--centre ID]
// Reads the catalog (not timed with the layout), then times the model + card sizes + layout
// (computeDiagram, as the widget's pool thread runs it) and building the scene, prints one line of
// key=value pairs (ms, MB), optionally writes the same graph as Graphviz source for the command-line
// tools, and measures the frame time of panning the diagram offscreen.

#include <ui/diagram/diagramjob.h>
#include <ui/diagram/diagramlayout.h>
#include <ui/diagram/diagramscene.h>
#include <ui/diagram/diagramview.h>
#include <ui/diagram/diagramwidget.h>

#include <pg/connection.h>
#include <reflect/catalogreader.h>
#include <reflect/schemagenerator.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QGraphicsItem>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace refract;
using namespace refract::ui::diagram;

namespace {

double rssMb(const char *key)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(key))
            return line.mid(qstrlen(key)).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return 0;
}

int fail(const QString &m)
{
    std::fprintf(stderr, "bench_diagram: %s\n", qPrintable(m));
    return 1;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    const QCommandLineOption db(QStringLiteral("db"), QStringLiteral("conninfo"), QStringLiteral("conninfo"));
    const QCommandLineOption schema(QStringLiteral("schema"), QStringLiteral("schemas, comma-separated"), QStringLiteral("s"), QStringLiteral("bench"));
    const QCommandLineOption mode(QStringLiteral("mode"), QStringLiteral("er or types"), QStringLiteral("mode"), QStringLiteral("er"));
    const QCommandLineOption gv(QStringLiteral("gv"), QStringLiteral("write the graph as Graphviz source"), QStringLiteral("file"));
    const QCommandLineOption frames(QStringLiteral("frames"), QStringLiteral("panning frames to time"), QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption shot(QStringLiteral("screenshot"), QStringLiteral("grab the diagram widget"), QStringLiteral("file"));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("widget size"), QStringLiteral("WxH"), QStringLiteral("1400x900"));
    const QCommandLineOption focus(QStringLiteral("focus"), QStringLiteral("focus card id"), QStringLiteral("id"));
    const QCommandLineOption hops(QStringLiteral("hops"), QStringLiteral("focus hops"), QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption zoom(QStringLiteral("zoom"), QStringLiteral("zoom after fitting"), QStringLiteral("z"));
    const QCommandLineOption centre(QStringLiteral("centre"), QStringLiteral("card to centre"), QStringLiteral("id"));
    p.addOptions({db, schema, mode, gv, frames, shot, size, focus, hops, zoom, centre});
    p.process(app);
    if (!p.isSet(db))
        return fail(QStringLiteral("--db is required"));
    const bool types = p.value(mode) == QLatin1String("types");

    QElapsedTimer t;
    t.start();
    pg::Connection c;
    if (!c.open(p.value(db)))
        return fail(c.lastError().toString());
    auto catalog = std::make_shared<reflect::Catalog>();
    reflect::CatalogReader reader(c);
    if (!reader.read(p.value(schema).split(QLatin1Char(','), Qt::SkipEmptyParts), catalog.get()))
        return fail(reader.error().toString());
    const qint64 readMs = t.restart();
    std::shared_ptr<const graphql::Schema> gqlSchema;
    qint64 generateMs = 0;
    if (types) {
        reflect::SchemaGenerator gen(*catalog, reflect::Preset::PostGraphile,
                                     reflect::ReflectOptions::defaultsFor(reflect::Preset::PostGraphile));
        gqlSchema = std::make_shared<const graphql::Schema>(gen.generate().schema);
        generateMs = t.restart();
    }
    const double baseRss = rssMb("VmRSS:");

    if (p.isSet(shot)) {
        DiagramWidget w;
        const QStringList wh = p.value(size).split(QLatin1Char('x'));
        w.resize(wh.value(0).toInt(), wh.value(1).toInt());
        w.setCatalog(catalog);
        w.setSchema(gqlSchema);
        QSignalSpy done(&w, &DiagramWidget::layoutFinished);
        w.setMode(types ? DiagramWidget::Mode::Types : DiagramWidget::Mode::Er);
        if (p.isSet(focus)) {
            done.wait(120000);
            done.clear();
            w.focusOn(p.value(focus), p.value(hops).toInt());
        }
        w.show();
        if (done.isEmpty() && !done.wait(120000))
            return fail(QStringLiteral("layout did not finish"));
        if (!done.last().at(0).toBool())
            return fail(QStringLiteral("layout failed"));
        if (p.isSet(centre) && !w.searchAndCentre(p.value(centre)))
            return fail(QStringLiteral("no card %1").arg(p.value(centre)));
        if (p.isSet(zoom)) {
            const QPointF at = w.view()->mapToScene(w.view()->viewport()->rect().center());
            w.view()->setZoom(p.value(zoom).toDouble());
            w.view()->centerOn(at);
        }
        QPair<int, int> pair;
        if (DiagramLayout::hasOverlaps(w.scene()->cardRects(), &pair))
            return fail(QStringLiteral("cards %1 and %2 overlap").arg(pair.first).arg(pair.second));
        QTimer::singleShot(300, &app, &QCoreApplication::quit);
        app.exec();
        const QPixmap pm = w.grab();
        if (!pm.save(p.value(shot)))
            return fail(QStringLiteral("could not save %1").arg(p.value(shot)));
        std::printf("saved %s (%dx%d) cards=%lld\n", qPrintable(p.value(shot)), pm.width(), pm.height(),
                    qlonglong(w.scene()->cards().size()));
        return 0;
    }

    DiagramRequest req;
    req.mode = types ? DiagramRequest::Mode::Types : DiagramRequest::Mode::Er;
    req.catalog = catalog;
    req.schema = gqlSchema;
    t.restart();
    const DiagramJobResult r = computeDiagram(req);
    const qint64 jobMs = t.restart();
    if (!r.layout.ok)
        return fail(r.error);
    auto *scene = new DiagramScene(&app);
    scene->populate(r.graph, r.sizes, r.layout);
    const qint64 sceneMs = t.restart();
    QPair<int, int> pair;
    const bool overlaps = DiagramLayout::hasOverlaps(scene->cardRects(), &pair);

    if (p.isSet(gv)) {
        // The same graph and card sizes, with each engine's attributes: PREFIX-dot.gv, PREFIX-sfdp.gv.
        LayoutInput in;
        in.sizes = r.sizes;
        for (const DiagramEdge &e : r.graph->edges)
            in.edges.append({e.from, e.to});
        for (const QString &engine : {QStringLiteral("dot"), QStringLiteral("sfdp")}) {
            QFile f(p.value(gv) + QLatin1Char('-') + engine + QLatin1String(".gv"));
            if (!f.open(QIODevice::WriteOnly) || f.write(DiagramLayout::toDot(in, engine)) < 0)
                return fail(QStringLiteral("could not write %1").arg(f.fileName()));
        }
    }

    // Panning: the viewport moves by (12, 7) pixels per frame and is repainted in full each frame (the
    // worst case: Qt normally scrolls and repaints only the uncovered strips), at three zoom levels:
    // columns readable (1.0), names only (0.3) and the overview (0.08).
    struct Pan
    {
        double zoom;
        double avg = 0;
        double worst = 0;
        double scroll = 0;
    };
    QList<Pan> pans{{1.0}, {0.3}, {0.08}};
    const int n = p.value(frames).toInt();
    if (n > 0) {
        DiagramView view;
        view.resize(1280, 800);
        view.setScene(scene);
        view.show();
        const QRectF bounds = scene->itemsBoundingRect();
        const QByteArray hide = qgetenv("BENCH_DIAGRAM_HIDE"); // profiling aid: "cards" or "edges"
        for (QGraphicsItem *item : scene->items())
            if ((hide == "cards" && item->type() == QGraphicsItem::UserType + 1) || (hide == "edges" && item->type() != QGraphicsItem::UserType + 1))
                item->setVisible(false);
        for (Pan &pan : pans) {
            view.setZoom(pan.zoom);
            view.centerOn(bounds.center() - QPointF(400 / pan.zoom, 250 / pan.zoom));
            QCoreApplication::processEvents();
            view.viewport()->repaint();
            QScrollBar *h = view.horizontalScrollBar();
            QScrollBar *v = view.verticalScrollBar();
            QElapsedTimer ft;
            for (int i = 0; i < n; ++i) {
                ft.restart();
                h->setValue(h->value() + 12);
                v->setValue(v->value() + 7);
                view.viewport()->repaint();
                const double ms = ft.nsecsElapsed() / 1e6;
                pan.avg += ms;
                pan.worst = std::max(pan.worst, ms);
            }
            pan.avg /= n;
            // As the window system pans: the view scrolls its pixels and repaints the uncovered strips.
            ft.restart();
            for (int i = 0; i < n; ++i) {
                h->setValue(h->value() + 12);
                v->setValue(v->value() + 7);
                QCoreApplication::sendPostedEvents();
                QCoreApplication::processEvents();
            }
            pan.scroll = ft.nsecsElapsed() / 1e6 / n;
        }
    }

    std::printf("mode=%s cards=%lld edges=%lld components=%d dot=%d sfdp=%d read_ms=%lld generate_ms=%lld model_ms=%lld "
                "size_ms=%lld layout_ms=%lld job_ms=%lld scene_ms=%lld total_ms=%lld base_rss_mb=%.0f peak_rss_mb=%.0f "
                "overlaps=%d frame_ms_z1=%.1f worst_ms_z1=%.1f scroll_ms_z1=%.1f frame_ms_z03=%.1f worst_ms_z03=%.1f scroll_ms_z03=%.1f "
                "frame_ms_z008=%.1f worst_ms_z008=%.1f scroll_ms_z008=%.1f\n",
                types ? "types" : "er", qlonglong(r.graph->nodes.size()), qlonglong(r.graph->edges.size()), r.layout.components,
                r.layout.dotComponents, r.layout.sfdpComponents, readMs, generateMs, r.modelMs, r.sizeMs, r.layout.elapsedMs,
                jobMs, sceneMs, jobMs + sceneMs, baseRss, rssMb("VmHWM:"), overlaps ? 1 : 0, pans[0].avg, pans[0].worst, pans[0].scroll, pans[1].avg, pans[1].worst, pans[1].scroll, pans[2].avg,
                pans[2].worst, pans[2].scroll);
    return overlaps ? 2 : 0;
}
