#include "edgeitem.h"

#include "carditem.h"
#include "diagramscene.h"
#include "diagramstyle.h"

#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>
#include <QVarLengthArray>

#include <cmath>

namespace refract::ui::diagram {

namespace {

QPointF unit(QPointF v)
{
    const qreal len = std::hypot(v.x(), v.y());
    return len > 1e-6 ? v / len : QPointF(1, 0);
}

QPointF normal(QPointF u) { return QPointF(-u.y(), u.x()); }

/// Where the segment from the centre of `r` towards `target` leaves `r`.
QPointF borderPoint(const QRectF &r, QPointF target)
{
    const QPointF c = r.center();
    const QPointF d = target - c;
    if (std::abs(d.x()) < 1e-6 && std::abs(d.y()) < 1e-6)
        return c;
    const qreal sx = std::abs(d.x()) > 1e-6 ? (r.width() / 2) / std::abs(d.x()) : 1e9;
    const qreal sy = std::abs(d.y()) > 1e-6 ? (r.height() / 2) / std::abs(d.y()) : 1e9;
    return c + d * std::min(sx, sy);
}

} // namespace

EdgeItem::EdgeItem(DiagramScene *scene, const DiagramEdge *edge, CardItem *from, CardItem *to, const QList<QPointF> &route)
    : m_scene(scene), m_edge(edge), m_from(from), m_to(to), m_route(route), m_routed(!route.isEmpty())
{
    setZValue(0);
    setAcceptedMouseButtons(Qt::NoButton);
    from->addEdge(this);
    if (to != from)
        to->addEdge(this);
    rebuild();
}

void EdgeItem::cardMoved()
{
    if (m_routed) {
        m_routed = false;
        m_route.clear();
    }
    const QRectF before = m_bounds;
    rebuild();
    m_scene->edgeChanged(before, m_bounds);
}

void EdgeItem::setHighlighted(bool on)
{
    m_highlighted = on;
    m_scene->edgeChanged(m_bounds, m_bounds);
}

void EdgeItem::rebuild()
{
    m_path = QPainterPath();
    const QRectF a = m_from->cardRect(), b = m_to->cardRect();
    if (m_routed && m_route.size() >= 4) {
        // Graphviz ends edges at the middle of a card's side; slide the ends to the key column's or
        // field's row so the line says which column it is about.
        auto anchor = [](QList<QPointF> &r, int end, int next, const QRectF &card, qreal rowY) {
            if (std::abs(r.at(end).x() - card.left()) > 2 && std::abs(r.at(end).x() - card.right()) > 2)
                return;
            const qreal dy = rowY - r.at(end).y();
            r[end].ry() += dy;
            r[next].ry() += dy;
        };
        if (m_edge->fromRow >= 0)
            anchor(m_route, 0, 1, a, m_from->rowY(m_edge->fromRow));
        if (m_edge->toRow >= 0)
            anchor(m_route, int(m_route.size()) - 1, int(m_route.size()) - 2, b, m_to->rowY(m_edge->toRow));
        m_path.moveTo(m_route.first());
        for (int i = 1; i + 2 < m_route.size(); i += 3)
            m_path.cubicTo(m_route.at(i), m_route.at(i + 1), m_route.at(i + 2));
        m_startPoint = m_route.first();
        m_endPoint = m_route.last();
        // Directions point away from the cards, along the curve.
        m_startDir = unit(m_route.at(1) - m_route.at(0));
        m_endDir = unit(m_route.at(m_route.size() - 2) - m_route.last());
    } else if (m_from == m_to) {
        // A self-reference: a loop on the right side of the card.
        const QPointF p1(a.right(), a.top() + DiagramStyle::headerHeight * 0.5 + 6);
        const QPointF p2(a.right(), a.top() + DiagramStyle::headerHeight + 12);
        m_path.moveTo(p1);
        m_path.cubicTo(p1 + QPointF(60, -20), p2 + QPointF(60, 20), p2);
        m_startPoint = p1;
        m_startDir = QPointF(1, 0);
        m_endPoint = p2;
        m_endDir = QPointF(1, 0);
    } else {
        // Straight between the borders, leaving from the side facing the other card at the row's height
        // when the cards do not overlap horizontally.
        QPointF s, e;
        if (b.left() > a.right() + 20 || a.left() > b.right() + 20) {
            const bool right = b.center().x() > a.center().x();
            s = QPointF(right ? a.right() : a.left(), m_edge->fromRow >= 0 ? m_from->rowY(m_edge->fromRow) : a.center().y());
            e = QPointF(right ? b.left() : b.right(), m_edge->toRow >= 0 ? m_to->rowY(m_edge->toRow) : b.center().y());
            const qreal dx = (e.x() - s.x()) / 2;
            m_path.moveTo(s);
            m_path.cubicTo(s + QPointF(dx, 0), e - QPointF(dx, 0), e);
            m_startDir = QPointF(right ? 1 : -1, 0);
            m_endDir = -m_startDir;
        } else {
            s = borderPoint(a, b.center());
            e = borderPoint(b, a.center());
            m_path.moveTo(s);
            m_path.lineTo(e);
            m_startDir = unit(e - s);
            m_endDir = -m_startDir;
        }
        m_startPoint = s;
        m_endPoint = e;
    }
    m_bounds = m_path.boundingRect().adjusted(-16, -16, 16, 16);
    const QList<QPolygonF> polys = m_path.toSubpathPolygons();
    m_poly = polys.isEmpty() ? QPolygonF() : polys.first();
}

QRectF EdgeItem::boundingRect() const
{
    return m_bounds;
}

QPainterPath EdgeItem::shape() const
{
    QPainterPathStroker st;
    st.setWidth(6);
    return st.createStroke(m_path);
}

void EdgeItem::paint(QPainter *p, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const qreal lod = option->levelOfDetailFromTransform(p->worldTransform());
    const DiagramStyle &s = m_scene->style();
    const bool hl = m_highlighted;
    QColor c = hl ? s.highlight : s.edge;
    if (lod < 0.35 && !hl && s.kind != DiagramStyle::Kind::Print) {
        // Fainter from afar, mixed with the background rather than alpha-blended (cheaper to draw).
        const QColor bg = s.background;
        c = QColor((c.red() + bg.red()) / 2, (c.green() + bg.green()) / 2, (c.blue() + bg.blue()) / 2);
    }
    // Cosmetic pens: Qt's cosmetic stroker clips long curves cheaply, while a scaled pen strokes the
    // whole curve first (tens of milliseconds per frame when thousands of long edges cross the view).
    QPen pen(c, hl ? 2.4 : 1.3);
    pen.setCosmetic(true);
    if (m_edge->isVirtual || m_edge->kind == DiagramEdge::Kind::Implements)
        pen.setStyle(Qt::DashLine);
    else if (m_edge->kind == DiagramEdge::Kind::Member)
        pen.setStyle(Qt::DotLine);
    p->setRenderHint(QPainter::Antialiasing, lod > 0.3);
    p->setPen(pen);
    p->setBrush(Qt::NoBrush);
    // Only the segments in the exposed area: an edge across a large diagram is thousands of pixels
    // long, and stroking all of it for the few pixels on screen made panning slow.
    const QRectF clip = option->exposedRect.isEmpty() ? m_bounds : option->exposedRect.adjusted(-4, -4, 4, 4);
    if (lod < 0.35 && !m_routed) {
        // From afar a straight line reads the same as the S-curve and costs one segment.
        p->drawLine(m_startPoint, m_endPoint);
    } else if (clip.contains(m_bounds)) {
        p->drawPath(m_path);
    } else {
        QVarLengthArray<QLineF, 64> lines;
        for (int i = 0; i + 1 < m_poly.size(); ++i)
            if (QRectF(m_poly.at(i), m_poly.at(i + 1)).normalized().adjusted(-1, -1, 1, 1).intersects(clip))
                lines.append(QLineF(m_poly.at(i), m_poly.at(i + 1)));
        if (!lines.isEmpty())
            p->drawLines(lines.constData(), int(lines.size()));
    }
    if (lod < 0.25)
        return; // the end markers are too small to read
    if (!clip.intersects(QRectF(m_startPoint, m_startPoint).adjusted(-24, -24, 24, 24))
        && !clip.intersects(QRectF(m_endPoint, m_endPoint).adjusted(-24, -24, 24, 24)))
        return;
    pen.setStyle(Qt::SolidLine);
    p->setPen(pen);

    auto bar = [p](QPointF at, QPointF u, qreal dist) {
        const QPointF n = normal(u) * 6, m = at + u * dist;
        p->drawLine(m - n, m + n);
    };
    auto circle = [p, &s](QPointF at, QPointF u, qreal dist) {
        const QPointF m = at + u * dist;
        p->setBrush(s.cardFill);
        p->drawEllipse(m, 4, 4);
        p->setBrush(Qt::NoBrush);
    };
    auto crowsFoot = [p](QPointF at, QPointF u) {
        const QPointF n = normal(u) * 7, apex = at + u * 12;
        p->drawLine(apex, at + n);
        p->drawLine(apex, at);
        p->drawLine(apex, at - n);
    };
    auto arrow = [p, &pen](QPointF at, QPointF u, bool hollow) {
        const QPointF n = normal(u) * 5, base = at + u * 10;
        QPolygonF tri{at, base + n, base - n};
        p->setBrush(hollow ? QBrush(Qt::white) : QBrush(pen.color()));
        p->drawPolygon(tri);
        p->setBrush(Qt::NoBrush);
    };

    if (m_edge->kind == DiagramEdge::Kind::ForeignKey) {
        // Child (referencing) end: zero-or-many, or zero-or-one for a one-to-one key.
        if (m_edge->cardinality == DiagramEdge::Cardinality::OneToMany)
            crowsFoot(m_startPoint, m_startDir);
        else
            bar(m_startPoint, m_startDir, 8);
        circle(m_startPoint, m_startDir, 18);
        // Parent end: exactly one, or zero-or-one when the key columns are nullable.
        bar(m_endPoint, m_endDir, 8);
        if (m_edge->optional)
            circle(m_endPoint, m_endDir, 18);
        else
            bar(m_endPoint, m_endDir, 13);
    } else if (m_edge->kind == DiagramEdge::Kind::Implements) {
        arrow(m_endPoint, m_endDir, true);
    } else if (m_edge->list) {
        crowsFoot(m_endPoint, m_endDir);
    } else {
        arrow(m_endPoint, m_endDir, false);
    }
}

} // namespace refract::ui::diagram
