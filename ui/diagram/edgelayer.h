#pragma once

#include <QGraphicsItem>
#include <QHash>

namespace refract::ui::diagram {

class DiagramScene;

/// Paints every edge of the scene as one item. Edges are long: as separate items, thousands of them
/// cross any view of a large diagram and each costs QGraphicsView a paint call and a full curve
/// stroke per frame. Here a grid of the edges' flattened paths picks the few that cross the exposed
/// area, and only those are drawn (by their EdgeItem, which is not itself in the scene).
class EdgeLayer : public QGraphicsItem
{
public:
    explicit EdgeLayer(DiagramScene *scene);
    QRectF boundingRect() const override { return m_bounds; }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;
    /// An edge changed its path or look: repaint where it was and where it is.
    void edgeChanged(const QRectF &before, const QRectF &after);

private:
    void rebuild();

    DiagramScene *m_scene;
    QRectF m_bounds;
    bool m_dirty = true;
    qreal m_cell = 400;
    QHash<qint64, QList<int>> m_grid;
    QList<quint32> m_stamp; ///< per edge: the last paint that drew it (dedupes grid hits)
    quint32 m_paint = 0;
};

} // namespace refract::ui::diagram
