#include "catalogtree.h"

#include "catalogmodel.h"

#include <QHash>

namespace refract::ui {

using namespace refract::reflect;

namespace {

QString commandName(char c)
{
    switch (c) {
    case 'r': return QStringLiteral("SELECT");
    case 'a': return QStringLiteral("INSERT");
    case 'w': return QStringLiteral("UPDATE");
    case 'd': return QStringLiteral("DELETE");
    default: return QStringLiteral("ALL");
    }
}

QString constraintKind(char c)
{
    switch (c) {
    case 'p': return CatalogModel::tr("primary key");
    case 'u': return CatalogModel::tr("unique");
    case 'f': return CatalogModel::tr("foreign key");
    case 'c': return CatalogModel::tr("check");
    case 'x': return CatalogModel::tr("exclusion");
    default: return QString();
    }
}

QString esc(const QString &s) { return s.toHtmlEscaped(); }

QString policyLine(const reflect::Policy &p)
{
    return CatalogModel::tr("%1 — FOR %2 TO %3%4")
        .arg(p.name, commandName(p.command), p.roles.join(QLatin1String(", ")),
             p.permissive ? QString() : CatalogModel::tr(" (restrictive)"));
}

QString folderText(const QString &label, qsizetype count) { return QStringLiteral("%1 (%2)").arg(label).arg(count); }

} // namespace

int CatalogTree::add(int parent, int kind, QString text, QString comment)
{
    const int index = int(m_nodes.size());
    Node n;
    n.parent = parent;
    n.kind = kind;
    n.text = std::move(text);
    n.comment = std::move(comment);
    std::vector<int> &siblings = parent < 0 ? m_top : m_nodes[size_t(parent)].children;
    n.row = int(siblings.size());
    siblings.push_back(index);
    m_nodes.push_back(std::move(n));
    return index;
}

std::shared_ptr<const CatalogTree> CatalogTree::build(const Catalog &c)
{
    using M = CatalogModel;
    auto tree = std::make_shared<CatalogTree>();
    CatalogTree &t = *tree;

    QHash<Oid, QList<const reflect::Constraint *>> constraints;
    for (const auto &k : c.constraints)
        constraints[k.classOid].append(&k);
    QHash<Oid, QList<const reflect::Index *>> indexes;
    for (const auto &i : c.indexes)
        indexes[i.classOid].append(&i);
    QHash<Oid, QList<const reflect::Policy *>> policies;
    for (const auto &p : c.policies)
        policies[p.classOid].append(&p);

    for (const Namespace &ns : c.namespaces) {
        if (!c.schemas.isEmpty() && !c.schemas.contains(ns.name))
            continue;
        const int schemaNode = t.add(-1, M::Schema, ns.name, ns.comment);
        QList<const reflect::Class *> tables, views;
        for (const auto &cls : c.classes) {
            if (cls.namespaceOid != ns.oid && cls.namespaceName != ns.name)
                continue;
            if (cls.kind == 'r' || cls.kind == 'p' || cls.kind == 'f')
                tables.append(&cls);
            else if (cls.kind == 'v' || cls.kind == 'm')
                views.append(&cls);
        }

        auto addClass = [&](int parentFolder, const reflect::Class &cls, M::ObjectKind kind) {
            const int ci = t.add(parentFolder, kind, cls.name, cls.comment);
            QString html = QStringLiteral("<h2>%1.%2</h2>").arg(esc(cls.namespaceName), esc(cls.name));
            html += QStringLiteral("<p><i>%1</i>%2</p>")
                        .arg(kind == M::Table ? CatalogModel::tr("table") : CatalogModel::tr("view"),
                             cls.rowSecurity ? CatalogModel::tr(" · row level security enabled") : QString());
            if (!cls.comment.isEmpty())
                html += QStringLiteral("<p>%1</p>").arg(esc(cls.comment));

            const int cols = t.add(ci, M::Folder, folderText(CatalogModel::tr("Columns"), cls.attributes.size()));
            html += QStringLiteral("<h3>%1</h3><table cellspacing=0 cellpadding=3>").arg(CatalogModel::tr("Columns"));
            for (const Attribute &a : cls.attributes) {
                const QString type = M::typeName(c, a.typeOid);
                QString text = a.name + QLatin1String(": ") + type;
                if (a.notNull)
                    text += QLatin1String(" not null");
                if (!a.defaultExpr.isEmpty())
                    text += QLatin1String(" = ") + a.defaultExpr;
                t.add(cols, M::Column, std::move(text), a.comment);
                html += QStringLiteral("<tr><td><b>%1</b></td><td><code>%2</code></td><td>%3</td></tr>")
                            .arg(esc(a.name), esc(type) + (a.notNull ? QStringLiteral(" not null") : QString()),
                                 esc(a.comment));
            }
            html += QLatin1String("</table>");

            const auto cons = constraints.value(cls.oid);
            if (!cons.isEmpty()) {
                const int f = t.add(ci, M::Folder, folderText(CatalogModel::tr("Constraints"), cons.size()));
                html += QStringLiteral("<h3>%1</h3><ul>").arg(CatalogModel::tr("Constraints"));
                for (const auto *k : cons) {
                    t.add(f, M::Constraint, k->name + QLatin1String(": ") + k->definition, constraintKind(k->type));
                    html += QStringLiteral("<li><b>%1</b> <code>%2</code></li>").arg(esc(k->name), esc(k->definition));
                }
                html += QLatin1String("</ul>");
            }
            const auto idx = indexes.value(cls.oid);
            if (!idx.isEmpty()) {
                const int f = t.add(ci, M::Folder, folderText(CatalogModel::tr("Indexes"), idx.size()));
                for (const auto *i : idx)
                    t.add(f, M::Index, i->name, i->definition);
            }
            const auto pols = policies.value(cls.oid);
            if (!pols.isEmpty()) {
                const int f = t.add(ci, M::Folder, folderText(CatalogModel::tr("Policies"), pols.size()));
                html += QStringLiteral("<h3>%1</h3>").arg(CatalogModel::tr("Row level security policies"));
                for (const auto *p : pols) {
                    const int pi = t.add(f, M::Policy, policyLine(*p));
                    html += QStringLiteral("<p><b>%1</b>").arg(esc(policyLine(*p)));
                    if (!p->usingExpr.isEmpty()) {
                        t.add(pi, M::PolicyExpr, QLatin1String("USING ") + p->usingExpr, p->usingExpr);
                        html += QStringLiteral("<br>USING <code>%1</code>").arg(esc(p->usingExpr));
                    }
                    if (!p->withCheckExpr.isEmpty()) {
                        t.add(pi, M::PolicyExpr, QLatin1String("WITH CHECK ") + p->withCheckExpr, p->withCheckExpr);
                        html += QStringLiteral("<br>WITH CHECK <code>%1</code>").arg(esc(p->withCheckExpr));
                    }
                    html += QLatin1String("</p>");
                }
            }
            t.m_nodes[size_t(ci)].docsHtml = std::move(html);
        };

        if (!tables.isEmpty()) {
            const int f = t.add(schemaNode, M::Folder, folderText(CatalogModel::tr("Tables"), tables.size()));
            for (const auto *cls : tables)
                addClass(f, *cls, M::Table);
        }
        if (!views.isEmpty()) {
            const int f = t.add(schemaNode, M::Folder, folderText(CatalogModel::tr("Views"), views.size()));
            for (const auto *v : views)
                addClass(f, *v, M::View);
        }

        QList<const reflect::Function *> functions;
        for (const auto &fn : c.functions)
            if (fn.namespaceOid == ns.oid || fn.namespaceName == ns.name)
                functions.append(&fn);
        if (!functions.isEmpty()) {
            const int f = t.add(schemaNode, M::Folder, folderText(CatalogModel::tr("Functions"), functions.size()));
            for (const auto *fn : functions) {
                QStringList args;
                for (const auto &a : fn->args) {
                    if (a.mode == 'o' || a.mode == 't')
                        continue;
                    args.append((a.name.isEmpty() ? QString() : a.name + QLatin1Char(' ')) + M::typeName(c, a.typeOid));
                }
                const QString ret = (fn->returnsSet ? QStringLiteral("setof ") : QString()) + M::typeName(c, fn->returnTypeOid);
                t.add(f, M::Function, QStringLiteral("%1(%2) → %3").arg(fn->name, args.join(QLatin1String(", ")), ret),
                      fn->comment);
            }
        }

        QList<QPair<QString, QString>> typeRows; // text, comment
        for (const auto &ty : c.types) {
            if (ty.namespaceOid != ns.oid && ty.namespaceName != ns.name)
                continue;
            QString text;
            if (ty.type == 'e')
                text = CatalogModel::tr("%1 (enum: %2)").arg(ty.name, ty.enumLabels.join(QLatin1String(", ")));
            else if (ty.type == 'd')
                text = CatalogModel::tr("%1 (domain over %2)").arg(ty.name, M::typeName(c, ty.domainBaseOid));
            else if (ty.type == 'r')
                text = CatalogModel::tr("%1 (range of %2)").arg(ty.name, M::typeName(c, ty.rangeSubtypeOid));
            else if (ty.type == 'c') {
                // Table row types are listed as tables; only stand-alone composite types are types.
                const reflect::Class *cls = c.classByOid(ty.classOid);
                if (cls && cls->kind != 'c')
                    continue;
                text = CatalogModel::tr("%1 (composite)").arg(ty.name);
            } else
                continue; // base types and arrays are not worth a row
            typeRows.append({text, ty.comment});
        }
        if (!typeRows.isEmpty()) {
            const int f = t.add(schemaNode, M::Folder, folderText(CatalogModel::tr("Types"), typeRows.size()));
            for (const auto &[text, comment] : typeRows)
                t.add(f, M::Type, text, comment);
        }
    }
    return tree;
}

} // namespace refract::ui
