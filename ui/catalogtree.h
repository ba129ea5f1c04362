#pragma once

#include <reflect/catalog.h>

#include <QString>

#include <memory>
#include <vector>

namespace refract::ui {

/// The Database tab's rows for one catalog, built in one go and immutable afterwards, so that a
/// pool thread can build it while the UI thread keeps running and CatalogModel can take it over in
/// O(1) (a 1,000-table catalog is ~30,000 rows: building them on the UI thread froze the window
/// for ~50 ms when the schema arrived).
class CatalogTree
{
public:
    struct Node
    {
        int parent = -1;           ///< node index, -1 at top level
        int row = 0;               ///< row within the parent
        int kind = 0;              ///< CatalogModel::ObjectKind
        QString text;
        QString comment;           ///< shown under the text in the tooltip
        QString docsHtml;          ///< tables and views: the docs pane's summary
        std::vector<int> children; ///< node indices
    };

    /// Reads everything it needs from `catalog`; safe on any thread (the catalog is immutable).
    static std::shared_ptr<const CatalogTree> build(const reflect::Catalog &catalog);

    const std::vector<Node> &nodes() const { return m_nodes; }
    /// Node indices of the top-level rows (the schemas).
    const std::vector<int> &top() const { return m_top; }

private:
    int add(int parent, int kind, QString text, QString comment = {});

    std::vector<Node> m_nodes;
    std::vector<int> m_top;
};

} // namespace refract::ui
