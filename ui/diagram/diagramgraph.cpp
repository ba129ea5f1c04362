#include "diagramgraph.h"

#include <algorithm>

namespace refract::ui::diagram {

int DiagramGraph::indexOf(const QString &id) const
{
    if (m_index.size() != nodes.size())
        const_cast<DiagramGraph *>(this)->reindex();
    return m_index.value(id, -1);
}

void DiagramGraph::reindex()
{
    m_index.clear();
    m_index.reserve(nodes.size());
    for (int i = 0; i < nodes.size(); ++i)
        m_index.insert(nodes.at(i).id, i);
}

QSet<int> DiagramGraph::neighbourhood(const QSet<int> &seeds, int hops) const
{
    QList<QList<int>> adjacent(nodes.size());
    for (const DiagramEdge &e : edges) {
        if (e.from < 0 || e.to < 0 || e.from >= nodes.size() || e.to >= nodes.size())
            continue;
        adjacent[e.from].append(e.to);
        adjacent[e.to].append(e.from);
    }
    QSet<int> seen;
    QList<int> frontier;
    for (int s : seeds) {
        if (s >= 0 && s < nodes.size() && !seen.contains(s)) {
            seen.insert(s);
            frontier.append(s);
        }
    }
    for (int h = 0; h < hops && !frontier.isEmpty(); ++h) {
        QList<int> next;
        for (int n : std::as_const(frontier)) {
            for (int m : std::as_const(adjacent.at(n))) {
                if (!seen.contains(m)) {
                    seen.insert(m);
                    next.append(m);
                }
            }
        }
        frontier = std::move(next);
    }
    return seen;
}

DiagramGraph DiagramGraph::subgraph(const QSet<int> &keep) const
{
    DiagramGraph out;
    QList<int> map(nodes.size(), -1);
    for (int i = 0; i < nodes.size(); ++i) {
        if (keep.contains(i)) {
            map[i] = int(out.nodes.size());
            out.nodes.append(nodes.at(i));
        }
    }
    for (const DiagramEdge &e : edges) {
        if (e.from < 0 || e.to < 0 || map.value(e.from, -1) < 0 || map.value(e.to, -1) < 0)
            continue;
        DiagramEdge c = e;
        c.from = map.at(e.from);
        c.to = map.at(e.to);
        out.edges.append(c);
    }
    out.reindex();
    return out;
}

QSet<int> DiagramGraph::nodesInGroups(const QStringList &groups) const
{
    QSet<int> out;
    for (int i = 0; i < nodes.size(); ++i)
        if (groups.contains(nodes.at(i).group))
            out.insert(i);
    return out;
}

QStringList DiagramGraph::groups() const
{
    QStringList out;
    QSet<QString> seen;
    for (const DiagramNode &n : nodes) {
        if (!seen.contains(n.group)) {
            seen.insert(n.group);
            out.append(n.group);
        }
    }
    return out;
}

QList<int> DiagramGraph::search(const QString &text, int limit) const
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return {};
    QList<QPair<int, int>> scored; // (rank, node)
    for (int i = 0; i < nodes.size(); ++i) {
        const DiagramNode &n = nodes.at(i);
        int rank = -1;
        if (n.id.compare(t, Qt::CaseInsensitive) == 0 || n.title.compare(t, Qt::CaseInsensitive) == 0)
            rank = 0;
        else if (n.title.startsWith(t, Qt::CaseInsensitive) || n.id.startsWith(t, Qt::CaseInsensitive))
            rank = 1;
        else if (n.id.contains(t, Qt::CaseInsensitive))
            rank = 2;
        if (rank >= 0)
            scored.append({rank, i});
    }
    std::stable_sort(scored.begin(), scored.end(), [this](const QPair<int, int> &a, const QPair<int, int> &b) {
        if (a.first != b.first)
            return a.first < b.first;
        return nodes.at(a.second).title.size() < nodes.at(b.second).title.size();
    });
    QList<int> out;
    for (const auto &s : std::as_const(scored)) {
        if (out.size() >= limit)
            break;
        out.append(s.second);
    }
    return out;
}

QList<int> DiagramGraph::edgesOf(int node) const
{
    QList<int> out;
    for (int i = 0; i < edges.size(); ++i)
        if (edges.at(i).from == node || edges.at(i).to == node)
            out.append(i);
    return out;
}

} // namespace refract::ui::diagram
