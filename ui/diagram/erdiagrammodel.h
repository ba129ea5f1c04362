#pragma once

#include "diagramgraph.h"

#include <reflect/catalog.h>

namespace refract::ui::diagram {

/// The ER diagram's graph: one card per table, view, materialized view or foreign table of the
/// catalog's schemas (composite types are not relations and are left out), one edge per foreign
/// key, real or declared with `@foreignKey` (those are virtual and drawn dashed).
class ErDiagramModel
{
public:
    /// Builds the graph; pure data, safe on any thread.
    static DiagramGraph build(const reflect::Catalog &catalog);
    /// `int4`, `varchar(50)`, `numeric(12,2)`, `text[]`: the column type as the card shows it.
    static QString typeLabel(const reflect::Catalog &catalog, reflect::Oid typeOid, int typmod);
};

} // namespace refract::ui::diagram
