#include "erdiagrammodel.h"

#include <reflect/pgmodel.h>
#include <reflect/reflectoptions.h>

#include <QSet>

namespace refract::ui::diagram {

using reflect::Oid;

QString ErDiagramModel::typeLabel(const reflect::Catalog &catalog, Oid typeOid, int typmod)
{
    const reflect::Type *t = catalog.typeByOid(typeOid);
    if (!t)
        return QStringLiteral("?");
    if (t->category == 'A' && t->arrayItemOid) {
        const reflect::Type *item = catalog.typeByOid(t->arrayItemOid);
        if (item)
            return typeLabel(catalog, item->oid, typmod) + QLatin1String("[]");
    }
    QString name = t->name;
    if (t->namespaceName != QLatin1String("pg_catalog") && !catalog.schemas.contains(t->namespaceName))
        name = t->namespaceName + QLatin1Char('.') + name;
    if (typmod >= 0 && t->namespaceName == QLatin1String("pg_catalog")) {
        if (name == QLatin1String("varchar") || name == QLatin1String("bpchar"))
            return QStringLiteral("%1(%2)").arg(name).arg(typmod - 4);
        if (name == QLatin1String("numeric")) {
            const int m = typmod - 4;
            return QStringLiteral("numeric(%1,%2)").arg((m >> 16) & 0xffff).arg(m & 0xffff);
        }
    }
    return name;
}

namespace {

bool isNotNull(const reflect::PgAttrInfo *a)
{
    return a && (a->attr->notNull || a->tags.has(QStringLiteral("notNull")));
}

DiagramNode::Kind kindOf(char relkind)
{
    switch (relkind) {
    case 'v': return DiagramNode::Kind::View;
    case 'm': return DiagramNode::Kind::MaterializedView;
    case 'f': return DiagramNode::Kind::ForeignTable;
    default: return DiagramNode::Kind::Table;
    }
}

} // namespace

DiagramGraph ErDiagramModel::build(const reflect::Catalog &catalog)
{
    // PgModel adds the smart-tag constraints (@primaryKey, @unique, @foreignKey) to the real ones.
    const reflect::PgModel model(catalog, reflect::ReflectOptions::defaultsFor(reflect::Preset::PostGraphile));
    const QSet<QString> schemas(catalog.schemas.begin(), catalog.schemas.end());

    QHash<Oid, int> policies;
    for (const reflect::Policy &p : catalog.policies)
        ++policies[p.classOid];
    // Unique indexes make columns unique as much as unique constraints do.
    QHash<Oid, QList<QSet<int>>> uniqueSets;
    for (const reflect::Index &idx : catalog.indexes) {
        if ((idx.isUnique || idx.isPrimary) && !idx.isPartial && !idx.attrNums.contains(0))
            uniqueSets[idx.classOid].append(QSet<int>(idx.attrNums.begin(), idx.attrNums.end()));
    }

    DiagramGraph g;
    QHash<Oid, int> nodeOf;
    for (const reflect::PgClassInfo &ci : model.classes()) {
        const reflect::Class &c = *ci.cls;
        if (c.kind == 'c' || !schemas.contains(c.namespaceName))
            continue;
        for (const reflect::PgConstraintInfo *con : ci.constraints)
            if (con->type == 'p' || con->type == 'u')
                uniqueSets[c.oid].append(QSet<int>(con->keyAttrNums.begin(), con->keyAttrNums.end()));

        DiagramNode n;
        n.id = c.namespaceName + QLatin1Char('.') + c.name;
        n.title = catalog.schemas.size() > 1 ? n.id : c.name;
        n.group = c.namespaceName;
        n.kind = kindOf(c.kind);
        n.rowSecurity = c.rowSecurity;
        n.policyCount = policies.value(c.oid);
        QSet<int> pk, fk, unique;
        for (const reflect::PgConstraintInfo *con : ci.constraints) {
            const QSet<int> keys(con->keyAttrNums.begin(), con->keyAttrNums.end());
            if (con->type == 'p')
                pk |= keys;
            else if (con->type == 'f')
                fk |= keys;
            else if (con->type == 'u' && keys.size() == 1)
                unique |= keys;
        }
        for (const QSet<int> &s : uniqueSets.value(c.oid))
            if (s.size() == 1)
                unique |= s;
        for (const reflect::PgAttrInfo &a : ci.attrs) {
            if (n.rows.size() >= DiagramGraph::maxRows) {
                ++n.hiddenRows;
                continue;
            }
            DiagramRow r;
            r.name = a.attr->name;
            r.type = typeLabel(catalog, a.attr->typeOid, a.attr->typmod);
            r.primaryKey = pk.contains(a.attr->num);
            r.foreignKey = fk.contains(a.attr->num);
            r.unique = unique.contains(a.attr->num) && !r.primaryKey;
            r.notNull = isNotNull(&a) || r.primaryKey;
            n.rows.append(r);
        }
        nodeOf.insert(c.oid, int(g.nodes.size()));
        g.nodes.append(std::move(n));
    }

    auto rowOf = [](const reflect::PgClassInfo &ci, int attNum) {
        int row = 0;
        for (const reflect::PgAttrInfo &a : ci.attrs) {
            if (a.attr->num == attNum)
                return row < DiagramGraph::maxRows ? row : -1;
            ++row;
        }
        return -1;
    };

    for (const reflect::PgClassInfo &ci : model.classes()) {
        const int from = nodeOf.value(ci.cls->oid, -1);
        if (from < 0)
            continue;
        for (const reflect::PgConstraintInfo *con : ci.constraints) {
            if (con->type != 'f' || !con->foreignClass)
                continue;
            const int to = nodeOf.value(con->foreignClass->cls->oid, -1);
            if (to < 0)
                continue;
            DiagramEdge e;
            e.from = from;
            e.to = to;
            e.kind = DiagramEdge::Kind::ForeignKey;
            e.label = con->isFake ? QStringLiteral("@foreignKey") : con->name;
            e.isVirtual = con->isFake;
            const QSet<int> keys(con->keyAttrNums.begin(), con->keyAttrNums.end());
            // One-to-one when the referencing columns are unique: some unique key lies within them.
            bool oneToOne = false;
            for (const QSet<int> &s : uniqueSets.value(ci.cls->oid))
                if (!s.isEmpty() && keys.contains(s))
                    oneToOne = true;
            e.cardinality = oneToOne ? DiagramEdge::Cardinality::OneToOne : DiagramEdge::Cardinality::OneToMany;
            for (int k : con->keyAttrNums)
                if (!isNotNull(ci.attr(k)))
                    e.optional = true;
            if (!con->keyAttrNums.isEmpty())
                e.fromRow = rowOf(ci, con->keyAttrNums.first());
            if (!con->foreignKeyAttrNums.isEmpty())
                e.toRow = rowOf(*con->foreignClass, con->foreignKeyAttrNums.first());
            g.edges.append(e);
        }
    }
    g.reindex();
    return g;
}

} // namespace refract::ui::diagram
