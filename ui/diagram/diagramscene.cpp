#include "diagramscene.h"

#include "carditem.h"
#include "edgeitem.h"
#include "edgelayer.h"
#include "overviewitem.h"

#include <QBuffer>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <cmath>

namespace refract::ui::diagram {

DiagramScene::DiagramScene(QObject *parent) : QGraphicsScene(parent)
{
    setBackgroundBrush(m_style.background);
}

DiagramScene::~DiagramScene()
{
    clearDiagram();
}

void DiagramScene::clearDiagram()
{
    // Edges hold pointers to cards: remove them first.
    clearSelection();
    delete m_overview;
    m_overview = nullptr;
    delete m_edgeLayer;
    m_edgeLayer = nullptr;
    m_overviewMode = false;
    for (EdgeItem *e : std::as_const(m_edges))
        delete e;
    m_edges.clear();
    for (CardItem *c : std::as_const(m_cards))
        delete c;
    m_cards.clear();
    m_graph.reset();
}

void DiagramScene::populate(std::shared_ptr<const DiagramGraph> graph, const QList<QSizeF> &sizes, const LayoutResult &layout)
{
    clearDiagram();
    m_graph = std::move(graph);
    const DiagramGraph &g = *m_graph;
    m_cards.reserve(g.nodes.size());
    for (int i = 0; i < g.nodes.size(); ++i) {
        auto *c = new CardItem(this, i, &g.nodes.at(i), sizes.value(i, CardItem::sizeFor(g.nodes.at(i))));
        c->setPos(layout.rects.value(i).topLeft());
        addItem(c);
        m_cards.append(c);
    }
    m_edges.reserve(g.edges.size());
    for (int i = 0; i < g.edges.size(); ++i) {
        const DiagramEdge &e = g.edges.at(i);
        m_edges.append(new EdgeItem(this, &e, m_cards.at(e.from), m_cards.at(e.to), layout.routes.value(i)));
    }
    m_edgeLayer = new EdgeLayer(this);
    addItem(m_edgeLayer);
    m_overview = new OverviewItem(this);
    m_overview->setVisible(false);
    addItem(m_overview);
    const QRectF bounds = itemsBoundingRect();
    // Room around the cards so any card, even one at the edge, can be centred.
    setSceneRect(bounds.adjusted(-1500, -1500, 1500, 1500));
}

CardItem *DiagramScene::card(const QString &id) const
{
    if (!m_graph)
        return nullptr;
    return m_cards.value(m_graph->indexOf(id), nullptr);
}

QList<QRectF> DiagramScene::cardRects() const
{
    QList<QRectF> out;
    out.reserve(m_cards.size());
    for (const CardItem *c : m_cards)
        out.append(c->cardRect());
    return out;
}

void DiagramScene::setStyle(const DiagramStyle &style)
{
    m_style = style;
    setBackgroundBrush(style.background);
    if (m_overview)
        m_overview->update();
    for (CardItem *c : std::as_const(m_cards))
        c->update();
    if (m_edgeLayer)
        m_edgeLayer->update();
}

QJsonObject DiagramScene::pinsToJson(const QHash<QString, QPointF> &pins)
{
    QJsonObject cards;
    for (auto it = pins.cbegin(); it != pins.cend(); ++it)
        cards.insert(it.key(), QJsonArray{std::round(it.value().x()), std::round(it.value().y())});
    return QJsonObject{{QStringLiteral("version"), 1}, {QStringLiteral("cards"), cards}};
}

bool DiagramScene::pinsFromJson(const QJsonObject &json, QHash<QString, QPointF> *pins, QString *error)
{
    auto fail = [error](const QString &m) {
        if (error)
            *error = m;
        return false;
    };
    if (json.value(QStringLiteral("version")).toInt() != 1)
        return fail(tr("diagram positions: unsupported version"));
    const QJsonValue cardsValue = json.value(QStringLiteral("cards"));
    if (!cardsValue.isObject())
        return fail(tr("diagram positions: \"cards\" must be an object"));
    QHash<QString, QPointF> out;
    const QJsonObject cards = cardsValue.toObject();
    for (auto it = cards.begin(); it != cards.end(); ++it) {
        const QJsonArray a = it.value().toArray();
        if (a.size() != 2 || !a.at(0).isDouble() || !a.at(1).isDouble())
            return fail(tr("diagram positions: %1 needs [x, y]").arg(it.key()));
        const qreal x = a.at(0).toDouble(), y = a.at(1).toDouble();
        if (!std::isfinite(x) || !std::isfinite(y) || std::abs(x) > 1e7 || std::abs(y) > 1e7)
            return fail(tr("diagram positions: %1 is out of range").arg(it.key()));
        out.insert(it.key(), QPointF(x, y));
    }
    *pins = out;
    return true;
}

bool DiagramScene::setPositionsJson(const QJsonObject &json, QString *error)
{
    QHash<QString, QPointF> pins;
    if (!pinsFromJson(json, &pins, error))
        return false;
    m_pinned = pins;
    for (auto it = m_pinned.cbegin(); it != m_pinned.cend(); ++it)
        if (CardItem *c = card(it.key()))
            c->setPos(it.value());
    emit pinnedChanged();
    return true;
}

void DiagramScene::setOverviewMode(bool on)
{
    if (on == m_overviewMode || !m_overview)
        return;
    m_overviewMode = on;
    if (on)
        m_overview->refresh();
    m_overview->setVisible(on);
    for (CardItem *c : std::as_const(m_cards))
        c->setVisible(!on);
    m_edgeLayer->setVisible(!on);
}

void DiagramScene::edgeChanged(const QRectF &before, const QRectF &after)
{
    if (m_edgeLayer)
        m_edgeLayer->edgeChanged(before, after);
}

void DiagramScene::cardDragged(CardItem *dragged)
{
    QList<CardItem *> moved{dragged};
    for (QGraphicsItem *i : selectedItems())
        if (i->type() == CardItem::Type && i != dragged)
            moved.append(static_cast<CardItem *>(i));
    for (CardItem *c : std::as_const(moved))
        m_pinned.insert(c->node().id, c->pos());
    emit pinnedChanged();
}

void DiagramScene::selectCard(CardItem *c)
{
    clearSelection();
    if (c)
        c->setSelected(true);
}

void DiagramScene::renderPrint(QPainter *painter, const QRectF &target)
{
    const DiagramStyle saved = m_style;
    const bool overview = m_overviewMode;
    setOverviewMode(false);
    const QList<QGraphicsItem *> selected = selectedItems();
    clearSelection();
    setStyle(DiagramStyle::print());
    // Vector output and full detail: no pixmap caches while printing.
    for (CardItem *c : std::as_const(m_cards))
        c->setCacheMode(QGraphicsItem::NoCache);
    const QRectF source = itemsBoundingRect().adjusted(-20, -20, 20, 20);
    painter->fillRect(target, Qt::white);
    render(painter, target, source, Qt::KeepAspectRatio);
    for (CardItem *c : std::as_const(m_cards))
        c->setCacheMode(QGraphicsItem::DeviceCoordinateCache);
    setStyle(saved);
    for (QGraphicsItem *i : selected)
        i->setSelected(true);
    setOverviewMode(overview);
}

QImage DiagramScene::renderImage(qreal scale, int maxSide)
{
    const QRectF source = itemsBoundingRect().adjusted(-20, -20, 20, 20);
    qreal s = scale;
    const qreal longest = std::max(source.width(), source.height()) * s;
    if (longest > maxSide)
        s = maxSide / std::max(source.width(), source.height());
    const QSize size(std::max(1, int(std::ceil(source.width() * s))), std::max(1, int(std::ceil(source.height() * s))));
    QImage image(size, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    renderPrint(&p, QRectF(QPointF(0, 0), QSizeF(size)));
    return image;
}

bool DiagramScene::exportTo(const QString &path, QString *error, qreal pngScale)
{
    QByteArray data;
    const bool svg = QFileInfo(path).suffix().compare(QLatin1String("svg"), Qt::CaseInsensitive) == 0;
    if (svg) {
        QBuffer buffer(&data);
        buffer.open(QIODevice::WriteOnly);
        const QRectF source = itemsBoundingRect().adjusted(-20, -20, 20, 20);
        QSvgGenerator gen;
        gen.setOutputDevice(&buffer);
        gen.setSize(source.size().toSize());
        gen.setViewBox(QRectF(QPointF(0, 0), source.size()));
        gen.setTitle(tr("Refract diagram"));
        QPainter p;
        if (!p.begin(&gen)) {
            *error = tr("could not start the SVG writer");
            return false;
        }
        renderPrint(&p, QRectF(QPointF(0, 0), source.size()));
        p.end();
    } else {
        const QImage image = renderImage(pngScale);
        QBuffer buffer(&data);
        buffer.open(QIODevice::WriteOnly);
        const QByteArray format = QFileInfo(path).suffix().toLower().toLatin1();
        if (!image.save(&buffer, format.isEmpty() ? "png" : format.constData())) {
            *error = tr("could not encode the image as %1").arg(QString::fromLatin1(format));
            return false;
        }
    }
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit()) {
        *error = tr("could not write %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

} // namespace refract::ui::diagram
