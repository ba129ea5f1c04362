#include "diagramlayout.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QMutexLocker>
#include <QSet>

#include <gvc.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace refract::ui::diagram {

namespace {

/// Graphviz keeps global state (error handlers, the plugin context): one layout at a time.
QMutex &graphvizMutex()
{
    static QMutex m;
    return m;
}

GVC_t *graphvizContext()
{
    static GVC_t *gvc = [] {
        agseterr(AGMAX); // warnings ("falling back to straight lines") go nowhere; failures are checked
        return gvContext();
    }();
    return gvc;
}

char *cs(const char *s) { return const_cast<char *>(s); }

/// Grid buckets of rects for overlap queries in near-linear time.
class RectGrid
{
public:
    explicit RectGrid(qreal cell) : m_cell(cell) {}
    void insert(int id, const QRectF &r)
    {
        forCells(r, [&](qint64 key) { m_cells[key].append(id); });
    }
    template<typename F>
    void candidates(const QRectF &r, F f) const
    {
        forCells(r, [&](qint64 key) {
            const auto it = m_cells.constFind(key);
            if (it != m_cells.cend())
                for (int id : *it)
                    f(id);
        });
    }

private:
    template<typename F>
    void forCells(const QRectF &r, F f) const
    {
        const qint64 x0 = qint64(std::floor(r.left() / m_cell)), x1 = qint64(std::floor(r.right() / m_cell));
        const qint64 y0 = qint64(std::floor(r.top() / m_cell)), y1 = qint64(std::floor(r.bottom() / m_cell));
        for (qint64 x = x0; x <= x1; ++x)
            for (qint64 y = y0; y <= y1; ++y)
                f((x << 32) ^ (y & 0xffffffff));
    }
    qreal m_cell;
    QHash<qint64, QList<int>> m_cells;
};

struct Component
{
    QList<int> nodes;     ///< global indexes
    QList<int> edges;     ///< global edge indexes
    QList<QRectF> rects;  ///< local, in `nodes` order
    QList<QList<QPointF>> routes; ///< in `edges` order
    QRectF bounds;
};

QByteArray num(qreal v) { return QByteArray::number(v, 'f', 3); }

/// Lays out one component with Graphviz; false with an error on failure.
bool layoutComponent(const LayoutInput &in, Component &c, const char *engine, QString *error)
{
    const bool dot = qstrcmp(engine, "dot") == 0;
    Agraph_t *g = agopen(cs("G"), Agdirected, nullptr);
    if (dot) {
        agsafeset(g, cs("rankdir"), cs("LR"), cs(""));
        agsafeset(g, cs("nodesep"), num(in.gap / 72.0).data(), cs(""));
        agsafeset(g, cs("ranksep"), num(in.gap * 3 / 72.0).data(), cs(""));
        agsafeset(g, cs("mclimit"), cs("0.5"), cs(""));
        agsafeset(g, cs("splines"), cs("spline"), cs(""));
    } else {
        agsafeset(g, cs("overlap"), cs("prism"), cs(""));
        QByteArray sep = "+" + num(in.gap / 2);
        agsafeset(g, cs("sep"), sep.data(), cs(""));
        agsafeset(g, cs("splines"), cs("false"), cs(""));
    }
    QList<Agnode_t *> nodes;
    nodes.reserve(c.nodes.size());
    for (int i = 0; i < c.nodes.size(); ++i) {
        const QSizeF s = in.sizes.at(c.nodes.at(i));
        Agnode_t *n = agnode(g, QByteArray("n" + QByteArray::number(i)).data(), 1);
        agsafeset(n, cs("shape"), cs("box"), cs(""));
        agsafeset(n, cs("fixedsize"), cs("true"), cs(""));
        agsafeset(n, cs("label"), cs(""), cs(""));
        agsafeset(n, cs("width"), num(s.width() / 72.0).data(), cs(""));
        agsafeset(n, cs("height"), num(s.height() / 72.0).data(), cs(""));
        nodes.append(n);
    }
    QHash<int, int> local;
    for (int i = 0; i < c.nodes.size(); ++i)
        local.insert(c.nodes.at(i), i);
    QList<Agedge_t *> edges;
    for (int ei : std::as_const(c.edges)) {
        const auto &e = in.edges.at(ei);
        Agedge_t *ge = agedge(g, nodes.at(local.value(e.first)), nodes.at(local.value(e.second)), nullptr, 1);
        agsafeset(ge, cs("dir"), cs("none"), cs(""));
        edges.append(ge);
    }
    if (gvLayout(graphvizContext(), g, engine) != 0) {
        *error = QStringLiteral("Graphviz %1 failed").arg(QLatin1String(engine));
        agclose(g);
        return false;
    }
    const boxf bb = GD_bb(g);
    const qreal top = bb.UR.y;
    c.rects.clear();
    for (int i = 0; i < nodes.size(); ++i) {
        const pointf p = ND_coord(nodes.at(i));
        const QSizeF s = in.sizes.at(c.nodes.at(i));
        c.rects.append(QRectF(QPointF(p.x - s.width() / 2, top - p.y - s.height() / 2), s));
    }
    c.routes.clear();
    for (int k = 0; k < edges.size(); ++k) {
        QList<QPointF> pts;
        const splines *spl = dot ? ED_spl(edges.at(k)) : nullptr;
        if (spl) {
            for (int b = 0; b < spl->size; ++b) {
                const bezier &bz = spl->list[b];
                for (int j = (b == 0 ? 0 : 1); j < bz.size; ++j)
                    pts.append(QPointF(bz.list[j].x, top - bz.list[j].y));
            }
        }
        // dot may draw a reversed (cycle-breaking) edge from head to tail: orient it from the edge's first node.
        if (pts.size() >= 4) {
            const auto &e = in.edges.at(c.edges.at(k));
            const QPointF a = c.rects.at(local.value(e.first)).center(), b = c.rects.at(local.value(e.second)).center();
            auto d2 = [](QPointF p, QPointF q) { return (p.x() - q.x()) * (p.x() - q.x()) + (p.y() - q.y()) * (p.y() - q.y()); };
            if (d2(pts.first(), a) + d2(pts.last(), b) > d2(pts.first(), b) + d2(pts.last(), a))
                std::reverse(pts.begin(), pts.end());
        } else {
            pts.clear();
        }
        c.routes.append(pts);
    }
    gvFreeLayout(graphvizContext(), g);
    agclose(g);
    return true;
}

void translate(Component &c, QPointF by)
{
    for (QRectF &r : c.rects)
        r.translate(by);
    for (QList<QPointF> &route : c.routes)
        for (QPointF &p : route)
            p += by;
    c.bounds.translate(by);
}

/// Moves every non-fixed rect that overlaps an earlier-placed one (gap included) downwards until it
/// is free. Returns the indexes that moved.
QSet<int> separate(QList<QRectF> &rects, const QSet<int> &fixed, qreal gap)
{
    QSet<int> moved;
    qreal cell = 256;
    for (const QRectF &r : std::as_const(rects))
        cell = std::max(cell, std::max(r.width(), r.height()));
    RectGrid grid(cell);
    QList<int> order;
    for (int i = 0; i < rects.size(); ++i)
        if (fixed.contains(i))
            order.append(i);
    QList<int> rest;
    for (int i = 0; i < rects.size(); ++i)
        if (!fixed.contains(i))
            rest.append(i);
    std::stable_sort(rest.begin(), rest.end(), [&](int a, int b) { return rects.at(a).top() < rects.at(b).top(); });
    order += rest;
    for (int i : std::as_const(order)) {
        if (!fixed.contains(i)) {
            for (int attempt = 0; attempt < 10000; ++attempt) {
                const QRectF probe = rects.at(i).adjusted(-gap / 2, -gap / 2, gap / 2, gap / 2);
                qreal pushTo = -1;
                grid.candidates(probe, [&](int j) {
                    const QRectF other = rects.at(j).adjusted(-gap / 2, -gap / 2, gap / 2, gap / 2);
                    if (other.intersects(probe))
                        pushTo = std::max(pushTo, other.bottom() + gap / 2 + 0.5);
                });
                if (pushTo < 0)
                    break;
                rects[i].moveTop(pushTo);
                moved.insert(i);
            }
        }
        grid.insert(i, rects.at(i));
    }
    return moved;
}

} // namespace

bool DiagramLayout::hasOverlaps(const QList<QRectF> &rects, QPair<int, int> *firstPair)
{
    QList<int> order(rects.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) { return rects.at(a).left() < rects.at(b).left(); });
    for (int i = 0; i < order.size(); ++i) {
        const QRectF &a = rects.at(order.at(i));
        for (int j = i + 1; j < order.size(); ++j) {
            const QRectF &b = rects.at(order.at(j));
            if (b.left() >= a.right())
                break;
            if (b.top() < a.bottom() && a.top() < b.bottom()) {
                if (firstPair)
                    *firstPair = {order.at(i), order.at(j)};
                return true;
            }
        }
    }
    return false;
}

LayoutResult DiagramLayout::run(const LayoutInput &in, const std::atomic_bool *cancelled, const Progress &progress)
{
    QElapsedTimer timer;
    timer.start();
    LayoutResult out;
    const int n = int(in.sizes.size());
    auto isCancelled = [cancelled] { return cancelled && cancelled->load(); };
    auto report = [&progress](int pct, const QString &step) {
        if (progress)
            progress(pct, step);
    };

    // Connected components (union-find).
    QList<int> parent(n);
    std::iota(parent.begin(), parent.end(), 0);
    auto find = [&parent](int x) {
        while (parent[x] != x)
            x = parent[x] = parent[parent[x]];
        return x;
    };
    for (const auto &e : in.edges) {
        if (e.first < 0 || e.second < 0 || e.first >= n || e.second >= n) {
            out.error = QStringLiteral("edge refers to a missing card");
            return out;
        }
        parent[find(e.first)] = find(e.second);
    }
    QHash<int, int> compOf;
    QList<Component> comps;
    for (int i = 0; i < n; ++i) {
        const int r = find(i);
        auto it = compOf.find(r);
        if (it == compOf.end()) {
            it = compOf.insert(r, int(comps.size()));
            comps.append(Component());
        }
        comps[*it].nodes.append(i);
    }
    for (int ei = 0; ei < in.edges.size(); ++ei)
        comps[compOf.value(find(in.edges.at(ei).first))].edges.append(ei);
    out.components = int(comps.size());

    // Largest first, so that progress moves steadily and packing puts the big picture on top.
    std::stable_sort(comps.begin(), comps.end(), [](const Component &a, const Component &b) { return a.nodes.size() > b.nodes.size(); });
    int done = 0;
    {
        QMutexLocker lock(&graphvizMutex());
        for (Component &c : comps) {
            if (isCancelled()) {
                out.cancelled = true;
                return out;
            }
            if (c.nodes.size() == 1 && c.edges.isEmpty()) {
                c.rects = {QRectF(QPointF(0, 0), in.sizes.at(c.nodes.first()))};
            } else {
                const bool dot = c.nodes.size() <= in.dotLimit;
                report(5 + 85 * done / std::max(1, n),
                       QStringLiteral("%1: %2 cards").arg(QLatin1String(dot ? "dot" : "sfdp")).arg(c.nodes.size()));
                if (!layoutComponent(in, c, dot ? "dot" : "sfdp", &out.error))
                    return out;
                ++(dot ? out.dotComponents : out.sfdpComponents);
            }
            QRectF b;
            for (const QRectF &r : std::as_const(c.rects))
                b = b.isNull() ? r : b.united(r);
            c.bounds = b;
            done += int(c.nodes.size());
        }
    }
    report(90, QStringLiteral("packing"));

    // Shelf packing: rows about as wide as the square root of the total area.
    qreal area = 0, widest = 0;
    const qreal pad = in.gap * 2;
    for (const Component &c : std::as_const(comps)) {
        area += (c.bounds.width() + pad) * (c.bounds.height() + pad);
        widest = std::max(widest, c.bounds.width() + pad);
    }
    const qreal rowWidth = std::max(widest, std::sqrt(area) * 1.3);
    QList<int> order(comps.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        const bool sa = comps.at(a).nodes.size() == 1, sb = comps.at(b).nodes.size() == 1;
        if (sa != sb)
            return sb; // connected components before lone cards
        return comps.at(a).bounds.height() > comps.at(b).bounds.height();
    });
    qreal x = 0, y = 0, rowHeight = 0;
    for (int ci : std::as_const(order)) {
        Component &c = comps[ci];
        if (x > 0 && x + c.bounds.width() > rowWidth) {
            x = 0;
            y += rowHeight + pad;
            rowHeight = 0;
        }
        translate(c, QPointF(x, y) - c.bounds.topLeft());
        x += c.bounds.width() + pad;
        rowHeight = std::max(rowHeight, c.bounds.height());
    }

    out.rects = QList<QRectF>(n);
    out.routes = QList<QList<QPointF>>(in.edges.size());
    for (const Component &c : std::as_const(comps)) {
        for (int i = 0; i < c.nodes.size(); ++i)
            out.rects[c.nodes.at(i)] = c.rects.at(i);
        for (int k = 0; k < c.edges.size(); ++k)
            out.routes[c.edges.at(k)] = c.routes.at(k);
    }

    // Pinned cards where the user left them; the others step aside. The pass also removes any overlap
    // a layout engine left (sfdp's prism is approximate at the margins).
    QSet<int> fixed;
    for (auto it = in.pinned.cbegin(); it != in.pinned.cend(); ++it) {
        if (it.key() >= 0 && it.key() < n) {
            out.rects[it.key()].moveTopLeft(it.value());
            fixed.insert(it.key());
        }
    }
    QSet<int> moved = separate(out.rects, fixed, std::min<qreal>(in.gap, 8));
    moved |= fixed;
    for (int ei = 0; ei < in.edges.size(); ++ei)
        if (moved.contains(in.edges.at(ei).first) || moved.contains(in.edges.at(ei).second))
            out.routes[ei].clear();
    report(100, QStringLiteral("done"));
    out.ok = true;
    out.elapsedMs = timer.elapsed();
    return out;
}

QByteArray DiagramLayout::toDot(const LayoutInput &in, const QString &engine)
{
    QByteArray s = "digraph G {\n";
    if (engine == QLatin1String("dot"))
        s += "  graph [rankdir=LR, nodesep=" + num(in.gap / 72.0) + ", ranksep=" + num(in.gap * 3 / 72.0)
             + ", mclimit=0.5, splines=spline];\n";
    else
        s += "  graph [overlap=prism, sep=\"+" + num(in.gap / 2) + "\", splines=false];\n";
    s += "  node [shape=box, fixedsize=true, label=\"\"];\n  edge [dir=none];\n";
    for (int i = 0; i < in.sizes.size(); ++i)
        s += "  n" + QByteArray::number(i) + " [width=" + num(in.sizes.at(i).width() / 72.0)
             + ", height=" + num(in.sizes.at(i).height() / 72.0) + "];\n";
    for (const auto &e : in.edges)
        s += "  n" + QByteArray::number(e.first) + " -> n" + QByteArray::number(e.second) + ";\n";
    s += "}\n";
    return s;
}

} // namespace refract::ui::diagram
