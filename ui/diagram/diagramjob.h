#pragma once

#include "diagramgraph.h"
#include "diagramlayout.h"
#include "typegraphmodel.h"

#include <graphql/schema.h>
#include <reflect/catalog.h>

#include <QHash>
#include <QPointF>
#include <QStringList>

#include <atomic>
#include <memory>

namespace refract::ui::diagram {

/// Which diagram to build and which part of it to show.
struct DiagramRequest
{
    enum class Mode { Er, Types };
    Mode mode = Mode::Er;
    std::shared_ptr<const reflect::Catalog> catalog; ///< Er
    std::shared_ptr<const graphql::Schema> schema;   ///< Types
    TypeGraphModel::Options typeOptions;
    QStringList groups;  ///< schemas (ER) or kinds (types) to show; empty: all
    QString focusId;     ///< show only this card and its neighbours…
    int hops = 1;        ///< …this many edges away
    QHash<QString, QPointF> pinned; ///< id → top-left of cards the user placed
    int dotLimit = 300;
};

/// Everything the scene needs: the graph shown, card sizes and the layout, all in node order.
struct DiagramJobResult
{
    std::shared_ptr<const DiagramGraph> graph;
    QList<QSizeF> sizes;
    LayoutResult layout;
    int totalNodes = 0;     ///< before filter and focus
    QString error;
    qint64 modelMs = 0;
    qint64 sizeMs = 0;
};

/// The off-UI-thread half of a diagram: model from the catalog or schema, filter, focus, card
/// sizes and layout. Blocking; the widget runs it with QtConcurrent, the benchmark directly.
DiagramJobResult computeDiagram(const DiagramRequest &request, const std::atomic_bool *cancelled = nullptr,
                                const DiagramLayout::Progress &progress = {});

} // namespace refract::ui::diagram
