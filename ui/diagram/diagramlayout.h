#pragma once

#include <QHash>
#include <QList>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>

#include <atomic>
#include <functional>

namespace refract::ui::diagram {

/// What to lay out: card sizes (scene units, 1 unit = 1 Graphviz point) and edges by node index.
struct LayoutInput
{
    QList<QSizeF> sizes;
    QList<QPair<int, int>> edges;
    /// Cards the user placed: they keep their top-left corner; the others are laid out around them.
    QHash<int, QPointF> pinned;
    /// Components up to this many cards go through `dot` (layered, splines around cards); larger ones
    /// through `sfdp` with prism overlap removal (straight edges: routing splines around thousands of
    /// cards costs minutes).
    int dotLimit = 300;
    qreal gap = 24; ///< minimum free space between two cards
};

/// Where everything went. Rects are in node order; an edge route is a cubic Bézier chain
/// (start, then three points per segment) from the edge's first node to its second, or empty when
/// the view should draw a straight line between the card borders.
struct LayoutResult
{
    QList<QRectF> rects;
    QList<QList<QPointF>> routes;
    bool ok = false;
    bool cancelled = false;
    QString error;
    int components = 0;
    int dotComponents = 0;
    int sfdpComponents = 0;
    qint64 elapsedMs = 0;
};

/// Automatic layout with Graphviz in-process (libgvc + cgraph): each connected component on its own
/// (dot when small, sfdp beyond), components packed in rows, pinned cards applied, and a final pass
/// that guarantees no two cards overlap. Blocking: run it on a pool thread. Graphviz keeps global
/// state, so concurrent calls are serialised.
class DiagramLayout
{
public:
    using Progress = std::function<void(int percent, const QString &step)>;
    static LayoutResult run(const LayoutInput &input, const std::atomic_bool *cancelled = nullptr,
                            const Progress &progress = {});
    /// True when no two rects intersect (touching edges allowed).
    static bool hasOverlaps(const QList<QRectF> &rects, QPair<int, int> *firstPair = nullptr);
    /// The Graphviz source of the graph with the same sizes and attributes the in-process layout
    /// uses (`engine` "dot" or "sfdp"), for comparing with the command-line tools.
    static QByteArray toDot(const LayoutInput &input, const QString &engine);
};

} // namespace refract::ui::diagram
