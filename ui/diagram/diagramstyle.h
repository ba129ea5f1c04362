#pragma once

#include "diagramgraph.h"

#include <QColor>
#include <QFont>

namespace refract::ui::diagram {

/// Colours and fonts of a diagram: the workbench's light and dark looks, and a print style
/// (white, black text, no shading) for exports.
struct DiagramStyle
{
    enum class Kind { Light, Dark, Print };

    Kind kind = Kind::Light;
    QColor background;
    QColor cardFill;
    QColor cardBorder;
    QColor text;
    QColor muted;
    QColor edge;
    QColor highlight;
    QColor headerText;

    QColor headerColor(const DiagramNode &node) const;

    static DiagramStyle light();
    static DiagramStyle dark();
    static DiagramStyle print();

    // Card geometry, in scene units (1 unit = 1 Graphviz point = 1 pixel at 100 %).
    static constexpr qreal headerHeight = 26;
    static constexpr qreal rowHeight = 18;
    static constexpr qreal padding = 8;
    static constexpr qreal markerWidth = 38;
    static constexpr qreal minWidth = 150;
    static constexpr qreal maxWidth = 340;
    static QFont titleFont();
    static QFont rowFont();
    static QFont markerFont();
};

} // namespace refract::ui::diagram
