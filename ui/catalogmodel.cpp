#include "catalogmodel.h"

#include <QFont>

namespace refract::ui {

using namespace refract::reflect;

namespace {

QStandardItem *makeItem(const QString &text, CatalogModel::ObjectKind kind, const QString &toolTip = {})
{
    auto *it = new QStandardItem(text);
    it->setEditable(false);
    it->setData(kind, CatalogModel::ObjectKindRole);
    // Rows are elided to the dock's width; the tooltip has the whole text and the comment.
    it->setToolTip(toolTip.isEmpty() ? text : text + QLatin1String("\n\n") + toolTip);
    return it;
}

QStandardItem *folder(const QString &label, int count)
{
    auto *it = makeItem(QStringLiteral("%1 (%2)").arg(label).arg(count), CatalogModel::Folder);
    QFont f;
    f.setBold(true);
    it->setFont(f);
    return it;
}

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

} // namespace

CatalogModel::CatalogModel(QObject *parent)
    : QStandardItemModel(parent)
{
    setHorizontalHeaderLabels({tr("Object")});
}

void CatalogModel::setCatalog(std::shared_ptr<const Catalog> catalog)
{
    m_catalog = std::move(catalog);
    build();
}

QString CatalogModel::typeName(const Catalog &catalog, Oid oid)
{
    const reflect::Type *t = catalog.typeByOid(oid);
    if (!t)
        return oid ? QStringLiteral("oid %1").arg(oid) : QString();
    if (t->category == 'A' && t->arrayItemOid)
        return typeName(catalog, t->arrayItemOid) + QLatin1String("[]");
    const bool builtin = t->namespaceName == QLatin1String("pg_catalog");
    return builtin ? t->name : t->namespaceName + QLatin1Char('.') + t->name;
}

void CatalogModel::build()
{
    clear();
    setHorizontalHeaderLabels({tr("Object")});
    if (!m_catalog)
        return;
    const Catalog &c = *m_catalog;

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
        QStandardItem *schemaItem = makeItem(ns.name, Schema, ns.comment);
        QList<const reflect::Class *> tables, views;
        for (const auto &cls : c.classes) {
            if (cls.namespaceOid != ns.oid && cls.namespaceName != ns.name)
                continue;
            if (cls.kind == 'r' || cls.kind == 'p' || cls.kind == 'f')
                tables.append(&cls);
            else if (cls.kind == 'v' || cls.kind == 'm')
                views.append(&cls);
        }

        auto addClass = [&](QStandardItem *parentFolder, const reflect::Class &cls, ObjectKind kind) {
            QStandardItem *ci = makeItem(cls.name, kind, cls.comment);
            QString html = QStringLiteral("<h2>%1.%2</h2>").arg(esc(cls.namespaceName), esc(cls.name));
            html += QStringLiteral("<p><i>%1</i>%2</p>")
                        .arg(kind == Table ? tr("table") : tr("view"),
                             cls.rowSecurity ? tr(" · row level security enabled") : QString());
            if (!cls.comment.isEmpty())
                html += QStringLiteral("<p>%1</p>").arg(esc(cls.comment));

            QStandardItem *cols = folder(tr("Columns"), int(cls.attributes.size()));
            html += QStringLiteral("<h3>%1</h3><table cellspacing=0 cellpadding=3>").arg(tr("Columns"));
            for (const Attribute &a : cls.attributes) {
                QString text = a.name + QLatin1String(": ") + typeName(c, a.typeOid);
                if (a.notNull)
                    text += QLatin1String(" not null");
                if (!a.defaultExpr.isEmpty())
                    text += QLatin1String(" = ") + a.defaultExpr;
                cols->appendRow(makeItem(text, Column, a.comment));
                html += QStringLiteral("<tr><td><b>%1</b></td><td><code>%2</code></td><td>%3</td></tr>")
                            .arg(esc(a.name), esc(typeName(c, a.typeOid)) + (a.notNull ? QStringLiteral(" not null") : QString()),
                                 esc(a.comment));
            }
            html += QLatin1String("</table>");
            ci->appendRow(cols);

            const auto &cons = constraints.value(cls.oid);
            if (!cons.isEmpty()) {
                QStandardItem *f = folder(tr("Constraints"), int(cons.size()));
                html += QStringLiteral("<h3>%1</h3><ul>").arg(tr("Constraints"));
                for (const auto *k : cons) {
                    f->appendRow(makeItem(k->name + QLatin1String(": ") + k->definition, Constraint,
                                      constraintKind(k->type)));
                    html += QStringLiteral("<li><b>%1</b> <code>%2</code></li>").arg(esc(k->name), esc(k->definition));
                }
                html += QLatin1String("</ul>");
                ci->appendRow(f);
            }
            const auto &idx = indexes.value(cls.oid);
            if (!idx.isEmpty()) {
                QStandardItem *f = folder(tr("Indexes"), int(idx.size()));
                for (const auto *i : idx)
                    f->appendRow(makeItem(i->name, Index, i->definition));
                ci->appendRow(f);
            }
            const auto &pols = policies.value(cls.oid);
            if (!pols.isEmpty()) {
                QStandardItem *f = folder(tr("Policies"), int(pols.size()));
                html += QStringLiteral("<h3>%1</h3>").arg(tr("Row level security policies"));
                for (const auto *p : pols) {
                    QStandardItem *pi = makeItem(policyLine(*p), Policy);
                    html += QStringLiteral("<p><b>%1</b>").arg(esc(policyLine(*p)));
                    if (!p->usingExpr.isEmpty()) {
                        pi->appendRow(makeItem(QLatin1String("USING ") + p->usingExpr, PolicyExpr, p->usingExpr));
                        html += QStringLiteral("<br>USING <code>%1</code>").arg(esc(p->usingExpr));
                    }
                    if (!p->withCheckExpr.isEmpty()) {
                        pi->appendRow(makeItem(QLatin1String("WITH CHECK ") + p->withCheckExpr, PolicyExpr, p->withCheckExpr));
                        html += QStringLiteral("<br>WITH CHECK <code>%1</code>").arg(esc(p->withCheckExpr));
                    }
                    html += QLatin1String("</p>");
                    f->appendRow(pi);
                }
                ci->appendRow(f);
            }
            ci->setData(html, DocsHtmlRole);
            parentFolder->appendRow(ci);
        };

        if (!tables.isEmpty()) {
            QStandardItem *f = folder(tr("Tables"), int(tables.size()));
            for (const auto *t : tables)
                addClass(f, *t, Table);
            schemaItem->appendRow(f);
        }
        if (!views.isEmpty()) {
            QStandardItem *f = folder(tr("Views"), int(views.size()));
            for (const auto *v : views)
                addClass(f, *v, View);
            schemaItem->appendRow(f);
        }

        QList<const reflect::Function *> functions;
        for (const auto &fn : c.functions)
            if (fn.namespaceOid == ns.oid || fn.namespaceName == ns.name)
                functions.append(&fn);
        if (!functions.isEmpty()) {
            QStandardItem *f = folder(tr("Functions"), int(functions.size()));
            for (const auto *fn : functions) {
                QStringList args;
                for (const auto &a : fn->args) {
                    if (a.mode == 'o' || a.mode == 't')
                        continue;
                    args.append((a.name.isEmpty() ? QString() : a.name + QLatin1Char(' ')) + typeName(c, a.typeOid));
                }
                const QString ret = (fn->returnsSet ? QStringLiteral("setof ") : QString()) + typeName(c, fn->returnTypeOid);
                f->appendRow(makeItem(QStringLiteral("%1(%2) → %3").arg(fn->name, args.join(QLatin1String(", ")), ret),
                                  Function, fn->comment));
            }
            schemaItem->appendRow(f);
        }

        QList<QStandardItem *> typeItems;
        for (const auto &t : c.types) {
            if (t.namespaceOid != ns.oid && t.namespaceName != ns.name)
                continue;
            QString text;
            if (t.type == 'e')
                text = tr("%1 (enum: %2)").arg(t.name, t.enumLabels.join(QLatin1String(", ")));
            else if (t.type == 'd')
                text = tr("%1 (domain over %2)").arg(t.name, typeName(c, t.domainBaseOid));
            else if (t.type == 'r')
                text = tr("%1 (range of %2)").arg(t.name, typeName(c, t.rangeSubtypeOid));
            else if (t.type == 'c') {
                // Table row types are listed as tables; only stand-alone composite types are types.
                const reflect::Class *cls = c.classByOid(t.classOid);
                if (cls && cls->kind != 'c')
                    continue;
                text = tr("%1 (composite)").arg(t.name);
            } else
                continue; // base types and arrays are not worth a row
            typeItems.append(makeItem(text, Type, t.comment));
        }
        if (!typeItems.isEmpty()) {
            QStandardItem *f = folder(tr("Types"), int(typeItems.size()));
            for (auto *ti : typeItems)
                f->appendRow(ti);
            schemaItem->appendRow(f);
        }
        appendRow(schemaItem);
    }
}

} // namespace refract::ui
