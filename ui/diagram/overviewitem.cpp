#include "overviewitem.h"

#include "carditem.h"
#include "diagramscene.h"
#include "edgeitem.h"

#include <QPainter>

namespace refract::ui::diagram {

OverviewItem::OverviewItem(DiagramScene *scene) : m_scene(scene)
{
    setCacheMode(DeviceCoordinateCache);
    setZValue(2);
    setAcceptedMouseButtons(Qt::NoButton);
    refresh();
}

void OverviewItem::refresh()
{
    prepareGeometryChange();
    QRectF b;
    for (const CardItem *c : m_scene->cards())
        b = b.isNull() ? c->cardRect() : b.united(c->cardRect());
    m_bounds = b.adjusted(-2, -2, 2, 2);
    update();
}

void OverviewItem::paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *)
{
    const DiagramStyle &s = m_scene->style();
    QList<QLineF> lines;
    lines.reserve(m_scene->edgeItems().size());
    for (const EdgeItem *e : m_scene->edgeItems()) {
        const QPainterPath &path = e->path();
        if (!path.isEmpty())
            lines.append(QLineF(path.elementAt(0), path.currentPosition()));
    }
    p->setRenderHint(QPainter::Antialiasing, false);
    p->setPen(QPen(s.edge, 0));
    p->drawLines(lines);
    // One drawRects call per header colour.
    QHash<QRgb, QList<QRectF>> byColour;
    for (const CardItem *c : m_scene->cards())
        byColour[(c->isSelected() ? s.highlight : s.headerColor(c->node())).rgb()].append(c->cardRect());
    p->setPen(Qt::NoPen);
    for (auto it = byColour.cbegin(); it != byColour.cend(); ++it) {
        p->setBrush(QColor::fromRgb(it.key()));
        p->drawRects(it.value().constData(), int(it.value().size()));
    }
}

} // namespace refract::ui::diagram
