#include "diagramview.h"

#include "carditem.h"
#include "diagramscene.h"
#include "edgeitem.h"

#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>

#include <cmath>

namespace refract::ui::diagram {

DiagramView::DiagramView(QWidget *parent) : QGraphicsView(parent)
{
    setObjectName(QStringLiteral("diagramView"));
    setDragMode(ScrollHandDrag);
    setTransformationAnchor(AnchorUnderMouse);
    setResizeAnchor(AnchorViewCenter);
    setViewportUpdateMode(SmartViewportUpdate);
    setOptimizationFlags(DontSavePainterState | DontAdjustForAntialiasing);
    setCacheMode(CacheBackground);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
}

void DiagramView::setZoom(qreal zoom)
{
    zoom = std::clamp(zoom, 0.01, 4.0);
    setTransform(QTransform::fromScale(zoom, zoom));
    updateLevelOfDetail();
    emit viewportMoved();
}

void DiagramView::zoomBy(qreal factor)
{
    const qreal z = zoom();
    const qreal target = std::clamp(z * factor, 0.01, 4.0);
    scale(target / z, target / z);
    updateLevelOfDetail();
    emit viewportMoved();
}

void DiagramView::fitAll()
{
    if (!scene())
        return;
    const QRectF r = scene()->itemsBoundingRect();
    if (r.isEmpty())
        return;
    fitInView(r.adjusted(-20, -20, 20, 20), Qt::KeepAspectRatio);
    if (zoom() > 1.0)
        setZoom(1.0);
    updateLevelOfDetail();
    emit viewportMoved();
}

void DiagramView::centreOn(CardItem *card)
{
    if (!card)
        return;
    if (zoom() < 0.8)
        setZoom(0.9);
    centerOn(card->cardRect().center());
    emit viewportMoved();
}

void DiagramView::updateLevelOfDetail()
{
    if (auto *s = qobject_cast<DiagramScene *>(scene()))
        s->setOverviewMode(zoom() < DiagramScene::overviewZoom);
}

void DiagramView::mouseDoubleClickEvent(QMouseEvent *event)
{
    // In the overview cards cannot be picked: a double click zooms in to where the names show.
    if (zoom() < 0.5 && !itemAt(event->position().toPoint())) {
        const QPointF at = mapToScene(event->position().toPoint());
        setZoom(0.6);
        centerOn(at);
        event->accept();
        return;
    }
    QGraphicsView::mouseDoubleClickEvent(event);
}

void DiagramView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ShiftModifier) {
        QGraphicsView::wheelEvent(event); // scroll
        return;
    }
    const qreal steps = event->angleDelta().y() / 120.0;
    if (steps != 0)
        zoomBy(std::pow(1.2, steps));
    event->accept();
}

void DiagramView::scrollContentsBy(int dx, int dy)
{
    QGraphicsView::scrollContentsBy(dx, dy);
    emit viewportMoved();
}

void DiagramView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    emit viewportMoved();
}

void DiagramView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Plus || event->key() == Qt::Key_Equal)
        zoomBy(1.25);
    else if (event->key() == Qt::Key_Minus)
        zoomBy(0.8);
    else if (event->key() == Qt::Key_0)
        fitAll();
    else
        QGraphicsView::keyPressEvent(event);
}

Minimap::Minimap(DiagramView *view, QWidget *parent) : QWidget(parent), m_view(view)
{
    setObjectName(QStringLiteral("diagramMinimap"));
    setMinimumSize(120, 90);
    setCursor(Qt::PointingHandCursor);
    connect(view, &DiagramView::viewportMoved, this, qOverload<>(&QWidget::update));
}

void Minimap::refresh()
{
    auto *scene = qobject_cast<DiagramScene *>(m_view->scene());
    m_pixmap = QPixmap();
    if (!scene || scene->cards().isEmpty() || width() < 4 || height() < 4) {
        update();
        return;
    }
    m_source = scene->itemsBoundingRect().adjusted(-20, -20, 20, 20);
    const qreal dpr = devicePixelRatioF();
    QPixmap pm(size() * dpr);
    pm.setDevicePixelRatio(dpr);
    pm.fill(scene->style().background);
    QPainter p(&pm);
    const QTransform t = sceneToMap();
    p.setTransform(t);
    // Cards as blocks and edges as hairlines: what can be seen at this scale, without asking every
    // item to paint itself.
    QPen pen(scene->style().edge, 0);
    QColor ec = scene->style().edge;
    ec.setAlpha(90);
    pen.setColor(ec);
    p.setPen(pen);
    for (const auto *e : scene->edgeItems()) {
        const QRectF a = e->fromCard()->cardRect(), b = e->toCard()->cardRect();
        p.drawLine(a.center(), b.center());
    }
    p.setPen(Qt::NoPen);
    for (const CardItem *c : scene->cards()) {
        p.setBrush(scene->style().headerColor(c->node()));
        p.drawRect(c->cardRect());
    }
    p.end();
    m_pixmap = pm;
    update();
}

QTransform Minimap::sceneToMap() const
{
    if (m_source.isEmpty())
        return {};
    const qreal s = std::min((width() - 4) / m_source.width(), (height() - 4) / m_source.height());
    const qreal ox = (width() - m_source.width() * s) / 2, oy = (height() - m_source.height() * s) / 2;
    QTransform t;
    t.translate(ox, oy);
    t.scale(s, s);
    t.translate(-m_source.left(), -m_source.top());
    return t;
}

void Minimap::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    if (m_pixmap.isNull())
        return;
    p.drawPixmap(0, 0, m_pixmap);
    const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    p.setPen(QPen(QColor(0xe6, 0x7e, 0x22), 1.5));
    p.setBrush(QColor(0xe6, 0x7e, 0x22, 40));
    p.drawRect(sceneToMap().mapRect(visible));
    p.setPen(palette().mid().color());
    p.setBrush(Qt::NoBrush);
    p.drawRect(rect().adjusted(0, 0, -1, -1));
}

void Minimap::moveTo(QPointF widgetPos)
{
    bool invertible = false;
    const QTransform inv = sceneToMap().inverted(&invertible);
    if (invertible)
        m_view->centerOn(inv.map(widgetPos));
}

void Minimap::mousePressEvent(QMouseEvent *event)
{
    moveTo(event->position());
}

void Minimap::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton)
        moveTo(event->position());
}

void Minimap::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    refresh();
}

} // namespace refract::ui::diagram
