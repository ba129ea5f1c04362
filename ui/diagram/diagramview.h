#pragma once

#include <QGraphicsView>

namespace refract::ui::diagram {

class CardItem;

/// The diagram canvas: wheel zooms around the pointer, dragging the background pans, cards drag.
class DiagramView : public QGraphicsView
{
    Q_OBJECT
public:
    explicit DiagramView(QWidget *parent = nullptr);

    qreal zoom() const { return transform().m11(); }
    void setZoom(qreal zoom);
    void zoomBy(qreal factor);
    void fitAll();
    /// Centres a card, zooming in so its columns can be read.
    void centreOn(CardItem *card);

signals:
    /// The visible part of the scene changed (pan, zoom, resize).
    void viewportMoved();

protected:
    void wheelEvent(QWheelEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;

public:
    /// Switches the scene between its overview and its cards at DiagramScene::overviewZoom.
    void updateLevelOfDetail();
};

/// An overview of the whole diagram with the visible area framed; click or drag to move there.
/// The overview is a pixmap rendered once per scene change, so panning costs one blit.
class Minimap : public QWidget
{
    Q_OBJECT
public:
    explicit Minimap(DiagramView *view, QWidget *parent = nullptr);
    /// Re-renders the overview (after a layout or a drag).
    void refresh();
    QSize sizeHint() const override { return QSize(220, 160); }

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    QTransform sceneToMap() const;
    void moveTo(QPointF widgetPos);

    DiagramView *m_view;
    QPixmap m_pixmap;
    QRectF m_source;
};

} // namespace refract::ui::diagram
