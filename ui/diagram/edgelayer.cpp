#include "edgelayer.h"

#include "diagramscene.h"
#include "edgeitem.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <cmath>

namespace refract::ui::diagram {

namespace {

qint64 key(qint64 x, qint64 y) { return (x << 32) ^ (y & 0xffffffff); }

} // namespace

EdgeLayer::EdgeLayer(DiagramScene *scene) : m_scene(scene)
{
    setZValue(0);
    setAcceptedMouseButtons(Qt::NoButton);
    setFlag(ItemUsesExtendedStyleOption); // paint() needs the exposed rect
    rebuild();
}

void EdgeLayer::rebuild()
{
    m_grid.clear();
    QRectF bounds;
    const QList<EdgeItem *> &edges = m_scene->edgeItems();
    m_stamp = QList<quint32>(edges.size(), 0);
    for (int i = 0; i < edges.size(); ++i) {
        const EdgeItem *e = edges.at(i);
        bounds = bounds.isNull() ? e->boundingRect() : bounds.united(e->boundingRect());
        QSet<qint64> cells;
        {
            const QPolygonF &poly = e->polyline();
            for (int k = 0; k + 1 < poly.size(); ++k) {
                // Long segments in pieces no longer than a cell, so a diagonal edge only claims the
                // cells along it.
                const QPointF a = poly.at(k), b = poly.at(k + 1);
                const int pieces = std::max(1, int(std::ceil(QLineF(a, b).length() / m_cell)));
                for (int j = 0; j < pieces; ++j) {
                    const QPointF p = a + (b - a) * (qreal(j) / pieces), q = a + (b - a) * (qreal(j + 1) / pieces);
                    const QRectF r = QRectF(p, q).normalized().adjusted(-20, -20, 20, 20); // room for end markers
                    for (qint64 x = qint64(std::floor(r.left() / m_cell)); x <= qint64(std::floor(r.right() / m_cell)); ++x)
                        for (qint64 y = qint64(std::floor(r.top() / m_cell)); y <= qint64(std::floor(r.bottom() / m_cell)); ++y)
                            cells.insert(key(x, y));
                }
            }
        }
        for (qint64 c : std::as_const(cells))
            m_grid[c].append(i);
    }
    if (bounds != m_bounds)
        prepareGeometryChange();
    m_bounds = bounds;
    m_dirty = false;
}

void EdgeLayer::edgeChanged(const QRectF &before, const QRectF &after)
{
    m_dirty = true;
    const QRectF grown = m_bounds.united(after);
    if (grown != m_bounds) {
        prepareGeometryChange();
        m_bounds = grown;
    }
    update(before);
    update(after);
}

void EdgeLayer::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget)
{
    if (m_dirty)
        rebuild();
    const QRectF exposed = option->exposedRect.isEmpty() ? m_bounds : option->exposedRect;
    const QList<EdgeItem *> &edges = m_scene->edgeItems();
    ++m_paint;
    QList<int> visible, highlighted;
    for (qint64 x = qint64(std::floor(exposed.left() / m_cell)); x <= qint64(std::floor(exposed.right() / m_cell)); ++x) {
        for (qint64 y = qint64(std::floor(exposed.top() / m_cell)); y <= qint64(std::floor(exposed.bottom() / m_cell)); ++y) {
            const auto it = m_grid.constFind(key(x, y));
            if (it == m_grid.cend())
                continue;
            for (int i : *it) {
                if (m_stamp.at(i) == m_paint)
                    continue;
                m_stamp[i] = m_paint;
                if (!edges.at(i)->boundingRect().intersects(exposed))
                    continue;
                (edges.at(i)->isHighlighted() ? highlighted : visible).append(i);
            }
        }
    }
    // Highlighted edges on top of the others.
    for (int i : std::as_const(visible))
        edges.at(i)->paint(painter, option, widget);
    for (int i : std::as_const(highlighted))
        edges.at(i)->paint(painter, option, widget);
}

} // namespace refract::ui::diagram
