#pragma once

#include "diagramgraph.h"

#include <QGraphicsItem>
#include <QPainterPath>

namespace refract::ui::diagram {

class CardItem;
class DiagramScene;

/// One relationship. Follows the route the layout computed while both cards stay where the layout
/// put them; once either card moves it is drawn straight between the card borders. ER edges end in
/// crow's-foot notation, type-graph edges in arrows (a crow's foot for lists). Not added to the
/// scene itself: the scene's EdgeLayer paints the edges that cross the exposed area.
class EdgeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 2 };

    EdgeItem(DiagramScene *scene, const DiagramEdge *edge, CardItem *from, CardItem *to, const QList<QPointF> &route);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    const DiagramEdge &edge() const { return *m_edge; }
    CardItem *fromCard() const { return m_from; }
    CardItem *toCard() const { return m_to; }
    void cardMoved();
    void setHighlighted(bool on);
    bool isHighlighted() const { return m_highlighted; }
    const QPainterPath &path() const { return m_path; }
    /// The path flattened to line segments (scene coordinates).
    const QPolygonF &polyline() const { return m_poly; }

private:
    void rebuild();

    DiagramScene *m_scene;
    const DiagramEdge *m_edge;
    CardItem *m_from;
    CardItem *m_to;
    QList<QPointF> m_route;
    bool m_routed = false;
    bool m_highlighted = false;
    QPainterPath m_path;
    QPolygonF m_poly;
    QPointF m_startPoint, m_startDir; ///< at the `from` card; direction points away from it
    QPointF m_endPoint, m_endDir;     ///< at the `to` card
    QRectF m_bounds;
};

} // namespace refract::ui::diagram
