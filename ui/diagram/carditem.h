#pragma once

#include "diagramgraph.h"

#include <QGraphicsItem>

namespace refract::ui::diagram {

class DiagramScene;
class EdgeItem;

/// One card. Paints at three levels of detail (full, name only, plain block) chosen from the
/// painter's transform, and is cached in device coordinates so panning only blits pixmaps.
class CardItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };

    CardItem(DiagramScene *scene, int index, const DiagramNode *node, QSizeF size);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    int index() const { return m_index; }
    const DiagramNode &node() const { return *m_node; }
    QRectF cardRect() const { return QRectF(pos(), m_size); }
    /// Scene y of a row's centre (the header's when the row is not shown).
    qreal rowY(int row) const;
    void addEdge(EdgeItem *edge) { m_edges.append(edge); }
    const QList<EdgeItem *> &edges() const { return m_edges; }
    void setHighlighted(bool on);
    bool isHighlighted() const { return m_highlighted; }

    /// Size a card needs for a node with the diagram fonts (safe on any thread).
    static QSizeF sizeFor(const DiagramNode &node);

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;

private:
    void paintFull(QPainter *p);
    void paintName(QPainter *p, qreal lod);

    DiagramScene *m_scene;
    int m_index;
    const DiagramNode *m_node;
    QSizeF m_size;
    QList<EdgeItem *> m_edges;
    bool m_highlighted = false;
};

} // namespace refract::ui::diagram
