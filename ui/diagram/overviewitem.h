#pragma once

#include <QGraphicsItem>

namespace refract::ui::diagram {

class DiagramScene;

/// The whole diagram as one item for far zoom levels: cards as blocks in their header colour and
/// edges as hairlines, drawn in a few batched calls and cached in device coordinates. Thousands of
/// separate items cost QGraphicsView tens of microseconds each per frame; this costs one blit.
class OverviewItem : public QGraphicsItem
{
public:
    explicit OverviewItem(DiagramScene *scene);
    QRectF boundingRect() const override { return m_bounds; }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;
    /// Takes the cards' current positions.
    void refresh();

private:
    DiagramScene *m_scene;
    QRectF m_bounds;
};

} // namespace refract::ui::diagram
