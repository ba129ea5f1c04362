#include "diagramjob.h"

#include "carditem.h"
#include "erdiagrammodel.h"

#include <QCoreApplication>
#include <QElapsedTimer>

namespace refract::ui::diagram {

DiagramJobResult computeDiagram(const DiagramRequest &request, const std::atomic_bool *cancelled,
                                const DiagramLayout::Progress &progress)
{
    DiagramJobResult out;
    QElapsedTimer timer;
    timer.start();
    if (progress)
        progress(1, QCoreApplication::translate("refract::ui::diagram::DiagramJob", "building the model"));
    DiagramGraph full;
    if (request.mode == DiagramRequest::Mode::Er) {
        if (!request.catalog) {
            out.error = QCoreApplication::translate("refract::ui::diagram::DiagramJob", "No database reflected yet.");
            return out;
        }
        full = ErDiagramModel::build(*request.catalog);
    } else {
        if (!request.schema) {
            out.error = QCoreApplication::translate("refract::ui::diagram::DiagramJob", "No GraphQL schema loaded yet.");
            return out;
        }
        full = TypeGraphModel::build(*request.schema, request.typeOptions);
    }
    out.totalNodes = int(full.nodes.size());

    QSet<int> keep;
    bool restricted = false;
    if (!request.groups.isEmpty()) {
        keep = full.nodesInGroups(request.groups);
        restricted = true;
    }
    if (!request.focusId.isEmpty()) {
        const int f = full.indexOf(request.focusId);
        if (f < 0) {
            out.error = QCoreApplication::translate("refract::ui::diagram::DiagramJob", "%1 is not in this diagram.").arg(request.focusId);
            return out;
        }
        QSet<int> near = full.neighbourhood({f}, std::max(0, request.hops));
        if (restricted)
            near.intersect(keep);
        near.insert(f);
        keep = near;
        restricted = true;
    }
    auto graph = std::make_shared<DiagramGraph>(restricted ? full.subgraph(keep) : std::move(full));
    out.modelMs = timer.restart();
    if (cancelled && cancelled->load()) {
        out.layout.cancelled = true;
        return out;
    }

    LayoutInput in;
    in.dotLimit = request.dotLimit;
    in.sizes.reserve(graph->nodes.size());
    for (const DiagramNode &n : graph->nodes)
        in.sizes.append(CardItem::sizeFor(n));
    in.edges.reserve(graph->edges.size());
    for (const DiagramEdge &e : graph->edges)
        in.edges.append({e.from, e.to});
    for (auto it = request.pinned.cbegin(); it != request.pinned.cend(); ++it) {
        const int i = graph->indexOf(it.key());
        if (i >= 0)
            in.pinned.insert(i, it.value());
    }
    out.sizeMs = timer.restart();
    out.layout = DiagramLayout::run(in, cancelled, progress);
    if (!out.layout.ok && !out.layout.cancelled)
        out.error = out.layout.error;
    out.sizes = in.sizes;
    out.graph = std::move(graph);
    return out;
}

} // namespace refract::ui::diagram
