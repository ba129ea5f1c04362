#include "diagramstyle.h"

namespace refract::ui::diagram {

QColor DiagramStyle::headerColor(const DiagramNode &node) const
{
    using K = DiagramNode::Kind;
    if (kind == Kind::Print)
        return node.root ? QColor(0xd0, 0xd0, 0xd0) : QColor(0xee, 0xee, 0xee);
    if (node.root)
        return QColor(0xc0, 0x39, 0x2b);
    switch (node.kind) {
    case K::Table: return QColor(0x2f, 0x6f, 0xb5);
    case K::View: return QColor(0x1f, 0x8a, 0x8a);
    case K::MaterializedView: return QColor(0x2e, 0x8b, 0x57);
    case K::ForeignTable: return QColor(0x6b, 0x6b, 0x6b);
    case K::Object: return QColor(0x2f, 0x6f, 0xb5);
    case K::Interface: return QColor(0x7d, 0x3c, 0x98);
    case K::Union: return QColor(0xd3, 0x54, 0x00);
    case K::Enum: return QColor(0x2e, 0x8b, 0x57);
    case K::Input: return QColor(0x8d, 0x6e, 0x63);
    case K::Scalar: return QColor(0x6b, 0x6b, 0x6b);
    }
    return QColor(0x2f, 0x6f, 0xb5);
}

DiagramStyle DiagramStyle::light()
{
    DiagramStyle s;
    s.kind = Kind::Light;
    s.background = QColor(0xf4, 0xf5, 0xf7);
    s.cardFill = Qt::white;
    s.cardBorder = QColor(0x9a, 0xa3, 0xad);
    s.text = QColor(0x1d, 0x23, 0x2a);
    s.muted = QColor(0x6a, 0x73, 0x7d);
    s.edge = QColor(0x7a, 0x86, 0x94);
    s.highlight = QColor(0xe6, 0x7e, 0x22);
    s.headerText = Qt::white;
    return s;
}

DiagramStyle DiagramStyle::dark()
{
    DiagramStyle s;
    s.kind = Kind::Dark;
    s.background = QColor(0x1e, 0x21, 0x26);
    s.cardFill = QColor(0x2b, 0x30, 0x37);
    s.cardBorder = QColor(0x4a, 0x52, 0x5c);
    s.text = QColor(0xe1, 0xe4, 0xe8);
    s.muted = QColor(0x9a, 0xa3, 0xad);
    s.edge = QColor(0x7f, 0x8a, 0x96);
    s.highlight = QColor(0xf3, 0x9c, 0x12);
    s.headerText = Qt::white;
    return s;
}

DiagramStyle DiagramStyle::print()
{
    DiagramStyle s;
    s.kind = Kind::Print;
    s.background = Qt::white;
    s.cardFill = Qt::white;
    s.cardBorder = Qt::black;
    s.text = Qt::black;
    s.muted = QColor(0x44, 0x44, 0x44);
    s.edge = QColor(0x33, 0x33, 0x33);
    s.highlight = Qt::black;
    s.headerText = Qt::black;
    return s;
}

QFont DiagramStyle::titleFont()
{
    QFont f;
    f.setPixelSize(13);
    f.setBold(true);
    return f;
}

QFont DiagramStyle::rowFont()
{
    QFont f;
    f.setPixelSize(12);
    return f;
}

QFont DiagramStyle::markerFont()
{
    QFont f;
    f.setPixelSize(9);
    f.setBold(true);
    return f;
}

} // namespace refract::ui::diagram
