#include "carditem.h"

#include "diagramscene.h"
#include "diagramstyle.h"
#include "edgeitem.h"

#include <QFontMetricsF>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>

namespace refract::ui::diagram {

namespace {

QString markers(const DiagramRow &r)
{
    QStringList m;
    if (r.primaryKey)
        m << QStringLiteral("PK");
    if (r.foreignKey)
        m << QStringLiteral("FK");
    if (r.unique)
        m << QStringLiteral("UQ");
    return m.join(QLatin1Char(' '));
}

QString badge(const DiagramNode &n)
{
    using K = DiagramNode::Kind;
    switch (n.kind) {
    case K::Table:
        return n.rowSecurity ? QStringLiteral("RLS on · %1").arg(n.policyCount) : QStringLiteral("RLS off");
    case K::View: return QStringLiteral("view");
    case K::MaterializedView: return QStringLiteral("mat. view");
    case K::ForeignTable: return QStringLiteral("foreign");
    case K::Object: return n.root ? QStringLiteral("root") : QString();
    case K::Interface: return QStringLiteral("interface");
    case K::Union: return QStringLiteral("union");
    case K::Enum: return QStringLiteral("enum");
    case K::Input: return QStringLiteral("input");
    case K::Scalar: return QStringLiteral("scalar");
    }
    return {};
}

} // namespace

CardItem::CardItem(DiagramScene *scene, int index, const DiagramNode *node, QSizeF size)
    : m_scene(scene), m_index(index), m_node(node), m_size(size)
{
    setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
    setCacheMode(DeviceCoordinateCache);
    setZValue(1);
    setToolTip(node->id);
}

QSizeF CardItem::sizeFor(const DiagramNode &node)
{
    const QFontMetricsF title(DiagramStyle::titleFont());
    const QFontMetricsF row(DiagramStyle::rowFont());
    const QFontMetricsF mark(DiagramStyle::markerFont());
    qreal w = title.horizontalAdvance(node.title) + mark.horizontalAdvance(badge(node)) + 3 * DiagramStyle::padding;
    qreal nameW = 0, typeW = 0;
    for (const DiagramRow &r : node.rows) {
        nameW = std::max(nameW, row.horizontalAdvance(r.name));
        typeW = std::max(typeW, row.horizontalAdvance(r.type));
    }
    w = std::max(w, DiagramStyle::markerWidth + nameW + typeW + 3 * DiagramStyle::padding);
    w = std::clamp(w, DiagramStyle::minWidth, DiagramStyle::maxWidth);
    const int rows = int(node.rows.size()) + (node.hiddenRows > 0 ? 1 : 0);
    const qreal h = DiagramStyle::headerHeight + std::max(1, rows) * DiagramStyle::rowHeight + 6;
    return QSizeF(std::ceil(w), std::ceil(h));
}

QRectF CardItem::boundingRect() const
{
    return QRectF(QPointF(-1, -1), m_size + QSizeF(2, 2));
}

qreal CardItem::rowY(int row) const
{
    if (row < 0 || row >= m_node->rows.size())
        return pos().y() + DiagramStyle::headerHeight / 2;
    return pos().y() + DiagramStyle::headerHeight + (row + 0.5) * DiagramStyle::rowHeight;
}

void CardItem::setHighlighted(bool on)
{
    if (m_highlighted == on)
        return;
    m_highlighted = on;
    update();
}

void CardItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const DiagramStyle &s = m_scene->style();
    const QRectF r(QPointF(0, 0), m_size);
    const bool selected = isSelected() || m_highlighted;
    if (lod < 0.12) {
        // Far away: a block in the header colour is all that can be seen.
        painter->fillRect(r, selected ? s.highlight : s.headerColor(*m_node));
        return;
    }
    painter->setRenderHint(QPainter::Antialiasing, lod > 0.3);
    painter->setPen(QPen(selected ? s.highlight : s.cardBorder, selected ? 2.5 : 1));
    painter->setBrush(s.cardFill);
    painter->drawRoundedRect(r, 4, 4);
    if (lod < 0.5)
        paintName(painter, lod);
    else
        paintFull(painter);
}

void CardItem::paintName(QPainter *p, qreal lod)
{
    // Names only: the header colour over the whole card and the title large enough to read.
    const DiagramStyle &s = m_scene->style();
    const QRectF r(QPointF(0, 0), m_size);
    p->setPen(Qt::NoPen);
    p->setBrush(isSelected() || m_highlighted ? s.highlight : s.headerColor(*m_node));
    p->drawRoundedRect(r.adjusted(1, 1, -1, -1), 4, 4);
    // Large enough to read at this zoom, small enough to fit the card; one line, elided in the middle
    // (word-wrapping layout costs more than the rest of the card when hundreds are re-cached on zoom).
    QFont f = DiagramStyle::titleFont();
    f.setPixelSize(std::clamp(int(12 / lod), 13, 40));
    QFontMetricsF fm(f);
    const qreal fit = (r.width() - 12) / std::max<qreal>(1, fm.horizontalAdvance(m_node->title));
    if (fit < 1 && f.pixelSize() * fit >= 13) {
        f.setPixelSize(int(f.pixelSize() * fit));
        fm = QFontMetricsF(f);
    }
    p->setFont(f);
    p->setPen(s.headerText);
    p->drawText(r.adjusted(6, 4, -6, -4), Qt::AlignCenter, fm.elidedText(m_node->title, Qt::ElideMiddle, r.width() - 12));
}

void CardItem::paintFull(QPainter *p)
{
    const DiagramStyle &s = m_scene->style();
    const qreal w = m_size.width();
    const qreal pad = DiagramStyle::padding;
    // Header
    QRectF header(0, 0, w, DiagramStyle::headerHeight);
    p->setPen(Qt::NoPen);
    p->setBrush(s.headerColor(*m_node));
    p->drawRoundedRect(header.adjusted(0.5, 0.5, -0.5, 0), 4, 4);
    p->drawRect(header.adjusted(0.5, 8, -0.5, 0));
    const QString b = badge(*m_node);
    const QFontMetricsF markFm(DiagramStyle::markerFont());
    const qreal badgeW = b.isEmpty() ? 0 : markFm.horizontalAdvance(b) + pad;
    p->setFont(DiagramStyle::markerFont());
    p->setPen(s.headerText);
    p->drawText(header.adjusted(pad, 0, -pad, 0), Qt::AlignRight | Qt::AlignVCenter, b);
    p->setFont(DiagramStyle::titleFont());
    const QFontMetricsF titleFm(DiagramStyle::titleFont());
    p->drawText(header.adjusted(pad, 0, -pad - badgeW, 0), Qt::AlignLeft | Qt::AlignVCenter,
                titleFm.elidedText(m_node->title, Qt::ElideMiddle, w - 2 * pad - badgeW));
    if (s.kind == DiagramStyle::Kind::Print) {
        p->setPen(QPen(s.cardBorder, 0.8));
        p->drawLine(QPointF(0, header.bottom()), QPointF(w, header.bottom()));
    }

    // Rows: markers, name, type.
    const QFontMetricsF rowFm(DiagramStyle::rowFont());
    qreal y = DiagramStyle::headerHeight;
    const qreal nameX = DiagramStyle::markerWidth;
    for (const DiagramRow &row : m_node->rows) {
        const QRectF line(0, y, w, DiagramStyle::rowHeight);
        const QString m = markers(row);
        if (!m.isEmpty()) {
            p->setFont(DiagramStyle::markerFont());
            p->setPen(row.primaryKey ? QColor(0xb7, 0x95, 0x0b) : s.muted);
            p->drawText(line.adjusted(4, 0, 0, 0).intersected(QRectF(4, y, nameX - 4, DiagramStyle::rowHeight)),
                        Qt::AlignLeft | Qt::AlignVCenter, m.section(QLatin1Char(' '), 0, 0));
        }
        p->setFont(DiagramStyle::rowFont());
        const qreal typeW = std::min(rowFm.horizontalAdvance(row.type), (w - nameX - pad) / 2);
        QFont nameFont = DiagramStyle::rowFont();
        nameFont.setBold(row.primaryKey);
        p->setFont(nameFont);
        p->setPen(s.text);
        // Tables mark nullable columns with `?`; GraphQL types already say it with `!` in the type.
        const bool relation = m_node->kind == DiagramNode::Kind::Table || m_node->kind == DiagramNode::Kind::View
            || m_node->kind == DiagramNode::Kind::MaterializedView || m_node->kind == DiagramNode::Kind::ForeignTable;
        const QString name = !relation || row.notNull ? row.name : row.name + QLatin1Char('?');
        p->drawText(QRectF(nameX, y, w - nameX - typeW - 2 * pad, DiagramStyle::rowHeight), Qt::AlignLeft | Qt::AlignVCenter,
                    rowFm.elidedText(name, Qt::ElideRight, w - nameX - typeW - 2 * pad));
        p->setFont(DiagramStyle::rowFont());
        p->setPen(s.muted);
        p->drawText(QRectF(w - pad - typeW, y, typeW, DiagramStyle::rowHeight), Qt::AlignRight | Qt::AlignVCenter,
                    rowFm.elidedText(row.type, Qt::ElideRight, typeW));
        y += DiagramStyle::rowHeight;
    }
    if (m_node->hiddenRows > 0) {
        p->setPen(s.muted);
        p->drawText(QRectF(nameX, y, w - nameX - pad, DiagramStyle::rowHeight), Qt::AlignLeft | Qt::AlignVCenter,
                    QStringLiteral("… %1 more").arg(m_node->hiddenRows));
    }
}

QVariant CardItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionHasChanged) {
        for (EdgeItem *e : std::as_const(m_edges))
            e->cardMoved();
    } else if (change == ItemSelectedHasChanged) {
        for (EdgeItem *e : std::as_const(m_edges))
            e->setHighlighted(value.toBool());
    }
    return QGraphicsItem::itemChange(change, value);
}

void CardItem::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    const QPointF before = event->buttonDownScenePos(Qt::LeftButton);
    QGraphicsItem::mouseReleaseEvent(event);
    if (event->button() == Qt::LeftButton && (event->scenePos() - before).manhattanLength() > 1)
        m_scene->cardDragged(this);
}

} // namespace refract::ui::diagram
