#pragma once

#include "diagramgraph.h"
#include "diagramlayout.h"
#include "diagramstyle.h"

#include <QGraphicsScene>
#include <QHash>
#include <QJsonObject>

#include <memory>

namespace refract::ui::diagram {

class CardItem;
class EdgeItem;
class EdgeLayer;
class OverviewItem;

/// The items of one diagram: a card per node and an edge item per edge, placed where the layout
/// put them. Knows which cards the user placed by hand (pinned) so a re-layout keeps them.
class DiagramScene : public QGraphicsScene
{
    Q_OBJECT
public:
    explicit DiagramScene(QObject *parent = nullptr);
    ~DiagramScene() override;

    /// Replaces the items. `sizes` and `layout` are in node order of `graph` (as DiagramLayout made them).
    void populate(std::shared_ptr<const DiagramGraph> graph, const QList<QSizeF> &sizes, const LayoutResult &layout);
    void clearDiagram();

    const DiagramGraph *graph() const { return m_graph.get(); }
    std::shared_ptr<const DiagramGraph> graphPtr() const { return m_graph; }
    CardItem *card(int index) const { return m_cards.value(index); }
    CardItem *card(const QString &id) const;
    const QList<CardItem *> &cards() const { return m_cards; }
    const QList<EdgeItem *> &edgeItems() const { return m_edges; }
    /// Card rects in scene coordinates, in node order.
    QList<QRectF> cardRects() const;

    const DiagramStyle &style() const { return m_style; }
    void setStyle(const DiagramStyle &style);

    /// Cards the user dragged: id → top-left corner. Kept across re-layouts and graph changes.
    const QHash<QString, QPointF> &pinned() const { return m_pinned; }
    void setPinned(const QHash<QString, QPointF> &pinned) { m_pinned = pinned; }
    void clearPinned() { m_pinned.clear(); }
    /// `{"version":1,"cards":{"schema.table":[x,y],…}}`
    QJsonObject positionsJson() const { return pinsToJson(m_pinned); }
    /// Reads positionsJson(); false with a message for malformed input (nothing changes then).
    bool setPositionsJson(const QJsonObject &json, QString *error = nullptr);
    static QJsonObject pinsToJson(const QHash<QString, QPointF> &pins);
    static bool pinsFromJson(const QJsonObject &json, QHash<QString, QPointF> *pins, QString *error);

    /// Called by a card the user released after dragging it (the selection moves with it).
    void cardDragged(CardItem *card);
    /// Selects and highlights a card and its edges.
    void selectCard(CardItem *card);

    /// An edge's path or look changed (EdgeItem calls this; the edge layer repaints).
    void edgeChanged(const QRectF &before, const QRectF &after);

    /// Far away, one overview item stands in for all cards and edges (see OverviewItem).
    void setOverviewMode(bool on);
    bool overviewMode() const { return m_overviewMode; }
    /// Zoom below which the view switches to the overview.
    static constexpr qreal overviewZoom = 0.12;

    /// Renders the whole diagram in the print style (white, black text) at `scale`.
    QImage renderImage(qreal scale, int maxSide = 16000);
    /// Writes PNG (by the file's suffix, any Qt image format) or SVG with QSaveFile.
    bool exportTo(const QString &path, QString *error, qreal pngScale = 1.0);

signals:
    void pinnedChanged();

private:
    void renderPrint(QPainter *painter, const QRectF &target);

    std::shared_ptr<const DiagramGraph> m_graph;
    QList<CardItem *> m_cards;
    QList<EdgeItem *> m_edges;
    DiagramStyle m_style = DiagramStyle::light();
    QHash<QString, QPointF> m_pinned;
    OverviewItem *m_overview = nullptr;
    EdgeLayer *m_edgeLayer = nullptr;
    bool m_overviewMode = false;
};

} // namespace refract::ui::diagram
