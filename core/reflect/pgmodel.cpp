#include "pgmodel.h"

#include <QRegularExpression>
#include <QSet>

namespace refract::reflect {

std::optional<QString> descriptionOf(const SmartTags &tags)
{
    const QString &d = tags.description();
    if (d.isEmpty())
        return std::nullopt;
    return d;
}

const PgAttrInfo *PgClassInfo::attr(int num) const
{
    for (const PgAttrInfo &a : attrs)
        if (a.attr->num == num)
            return &a;
    return nullptr;
}

QList<const PgAttrInfo *> PgClassInfo::attrsByNums(const QList<int> &nums) const
{
    QList<const PgAttrInfo *> out;
    for (int n : nums)
        out << attr(n);
    return out;
}

PgModel::PgModel(const Catalog &catalog, const ReflectOptions &options, const EnumTableData *enumData)
    : m_catalog(catalog), m_options(options)
{
    for (const Type &t : catalog.types) {
        PgTypeInfo ti;
        ti.type = &t;
        ti.tags = SmartTags::parse(t.comment);
        ti.description = descriptionOf(ti.tags);
        m_types.push_back(ti);
        m_typeByOid.insert(t.oid, &m_types.back());
    }

    for (const Class &c : catalog.classes) {
        const bool exposed = catalog.schemas.contains(c.namespaceName);
        // usePartitionedParent swaps which side of a partitioned table is visible.
        if (options.usePartitionedParent ? c.isPartition : c.kind == 'p')
            continue;
        PgClassInfo ci;
        ci.cls = &c;
        const PgTypeInfo *ti = typeByOid(c.typeOid);
        ci.type = ti ? ti->type : nullptr;
        // Smart tags of a composite type are written on the type (`comment on type`).
        ci.tags = SmartTags::parse(c.comment.isEmpty() && c.kind == 'c' && ti ? ti->type->comment : c.comment);
        ci.description = descriptionOf(ci.tags);
        if (!ci.description && ti)
            ci.description = ti->description;
        ci.exposed = exposed;
        ci.isSelectable = c.kind != 'c';
        m_classes.push_back(std::move(ci));
        PgClassInfo &stored = m_classes.back();
        for (const Attribute &a : c.attributes) {
            PgAttrInfo ai;
            ai.attr = &a;
            ai.cls = &stored;
            ai.tags = SmartTags::parse(a.comment);
            ai.description = descriptionOf(ai.tags);
            stored.attrs.push_back(std::move(ai));
        }
        m_classByOid.insert(c.oid, &stored);
        m_classByTypeOid.insert(c.typeOid, &stored);
    }

    for (const Index &idx : catalog.indexes) {
        PgClassInfo *ci = const_cast<PgClassInfo *>(classByOid(idx.classOid));
        if (!ci || idx.attrNums.isEmpty())
            continue;
        for (PgAttrInfo &a : ci->attrs)
            if (a.attr->num == idx.attrNums.first())
                a.isIndexed = true;
    }

    // The indexes of each class, so that a foreign key looks at its own table's indexes rather
    // than at every index of the catalog (quadratic: 54 M checks at 3,000 tables).
    QHash<Oid, QList<const Index *>> indexesByClass;
    for (const Index &idx : catalog.indexes)
        indexesByClass[idx.classOid].append(&idx);

    for (const Constraint &con : catalog.constraints) {
        if (con.type != 'p' && con.type != 'u' && con.type != 'f')
            continue;
        PgClassInfo *ci = const_cast<PgClassInfo *>(classByOid(con.classOid));
        if (!ci)
            continue;
        PgConstraintInfo info;
        info.oid = con.oid;
        info.name = con.name;
        info.type = con.type;
        info.cls = ci;
        info.keyAttrNums = con.keyAttrNums;
        info.tags = SmartTags::parse(con.comment);
        info.description = descriptionOf(info.tags);
        if (con.type == 'f') {
            info.foreignClass = classByOid(con.foreignClassOid);
            if (!info.foreignClass)
                continue;
            info.foreignKeyAttrNums = con.foreignKeyAttrNums;
            bool indexed = false;
            const QSet<int> keys(con.keyAttrNums.begin(), con.keyAttrNums.end());
            for (const Index *idx : indexesByClass.value(con.classOid)) {
                if (idx->attrNums.size() < con.keyAttrNums.size())
                    continue;
                const QList<int> head = idx->attrNums.mid(0, con.keyAttrNums.size());
                if (QSet<int>(head.begin(), head.end()) == keys)
                    indexed = true;
            }
            info.isIndexed = indexed;
        }
        m_constraints.push_back(std::move(info));
        const PgConstraintInfo *stored = &m_constraints.back();
        ci->constraints << stored;
        if (stored->type == 'p')
            ci->primaryKey = stored;
    }

    for (PgClassInfo &ci : m_classes)
        addSmartConstraints(ci);

    for (const PgConstraintInfo &con : m_constraints)
        if (con.type == 'f' && con.foreignClass)
            const_cast<PgClassInfo *>(con.foreignClass)->foreignConstraints << &con;

    if (enumData)
        addEnumTables(*enumData);

    for (const Function &f : catalog.functions) {
        if (!catalog.schemas.contains(f.namespaceName))
            continue;
        PgProcInfo pi;
        pi.fn = &f;
        pi.tags = SmartTags::parse(f.comment);
        pi.description = descriptionOf(pi.tags);
        m_procs.push_back(std::move(pi));
    }
}

const PgClassInfo *PgModel::findClassByName(const QString &spec, const QString &defaultSchema) const
{
    QString schema = defaultSchema;
    QString name = spec.trimmed();
    const qsizetype dot = name.indexOf(QLatin1Char('.'));
    if (dot >= 0) {
        schema = name.left(dot);
        name = name.mid(dot + 1);
    }
    auto unquote = [](QString s) {
        s = s.trimmed();
        if (s.startsWith(QLatin1Char('"')) && s.endsWith(QLatin1Char('"')) && s.size() >= 2)
            s = s.mid(1, s.size() - 2);
        return s;
    };
    schema = unquote(schema);
    name = unquote(name);
    for (const PgClassInfo &c : m_classes)
        if (c.cls->name == name && c.cls->namespaceName == schema)
            return &c;
    return nullptr;
}

static QList<int> attrNumsByNames(const PgClassInfo &ci, const QString &list, bool *ok)
{
    QList<int> nums;
    *ok = true;
    for (QString n : list.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        n = n.trimmed();
        if (n.startsWith(QLatin1Char('"')) && n.endsWith(QLatin1Char('"')) && n.size() >= 2)
            n = n.mid(1, n.size() - 2);
        bool found = false;
        for (const PgAttrInfo &a : ci.attrs)
            if (a.attr->name == n) {
                nums << a.attr->num;
                found = true;
            }
        if (!found)
            *ok = false;
    }
    return nums;
}

// Virtual constraints declared with smart tags (PgIntrospectionPlugin "smart constraints").
void PgModel::addSmartConstraints(PgClassInfo &ci)
{
    auto splitTagged = [](const QString &value, SmartTags *extra) {
        // `cols|@fieldName x|@foreignFieldName y`: tags after `|` apply to the constraint.
        QStringList parts = value.split(QLatin1Char('|'));
        const QString head = parts.takeFirst();
        QString comment;
        for (const QString &p : parts)
            comment += p.trimmed() + QLatin1Char('\n');
        *extra = SmartTags::parse(comment);
        return head;
    };
    if (ci.tags.has(QStringLiteral("primaryKey"))) {
        SmartTags extra;
        const QString cols = splitTagged(ci.tags.value(QStringLiteral("primaryKey")), &extra);
        bool ok = false;
        const QList<int> nums = attrNumsByNames(ci, cols, &ok);
        if (ok && !nums.isEmpty() && !ci.primaryKey) {
            PgConstraintInfo c;
            c.name = QStringLiteral("FAKE_%1_%2_primaryKey").arg(ci.cls->namespaceName, ci.cls->name);
            c.type = 'p';
            c.cls = &ci;
            c.keyAttrNums = nums;
            c.tags = extra;
            c.isFake = true;
            m_constraints.push_back(c);
            ci.constraints << &m_constraints.back();
            ci.primaryKey = &m_constraints.back();
            // @primaryKey columns become non-null.
            for (PgAttrInfo &a : ci.attrs)
                if (nums.contains(a.attr->num) && !a.tags.has(QStringLiteral("notNull")))
                    a.tags.set(QStringLiteral("notNull"), {QString()});
        } else if (!ok) {
            m_warnings << QStringLiteral("@primaryKey on %1.%2 names an unknown column").arg(ci.cls->namespaceName, ci.cls->name);
        }
    }
    for (const QString &u : ci.tags.values(QStringLiteral("unique"))) {
        SmartTags extra;
        const QString cols = splitTagged(u, &extra);
        bool ok = false;
        const QList<int> nums = attrNumsByNames(ci, cols, &ok);
        if (!ok || nums.isEmpty()) {
            m_warnings << QStringLiteral("@unique on %1.%2 names an unknown column").arg(ci.cls->namespaceName, ci.cls->name);
            continue;
        }
        PgConstraintInfo c;
        c.name = QStringLiteral("FAKE_%1_%2_unique").arg(ci.cls->namespaceName, ci.cls->name);
        c.type = 'u';
        c.cls = &ci;
        c.keyAttrNums = nums;
        c.tags = extra;
        c.isFake = true;
        m_constraints.push_back(c);
        ci.constraints << &m_constraints.back();
    }
    static const QRegularExpression fkRe(QStringLiteral(
        "^\\(([^()]+)\\)\\s*references\\s*([^\\s(]+)\\s*(?:\\(([^()]+)\\))?\\s*$"),
        QRegularExpression::CaseInsensitiveOption);
    for (const QString &f : ci.tags.values(QStringLiteral("foreignKey"))) {
        SmartTags extra;
        const QString spec = splitTagged(f, &extra).trimmed();
        const QRegularExpressionMatch m = fkRe.match(spec);
        if (!m.hasMatch()) {
            m_warnings << QStringLiteral("@foreignKey on %1.%2 is malformed: %3").arg(ci.cls->namespaceName, ci.cls->name, spec);
            continue;
        }
        const PgClassInfo *target = findClassByName(m.captured(2), ci.cls->namespaceName);
        if (!target) {
            m_warnings << QStringLiteral("@foreignKey on %1.%2 references an unknown table").arg(ci.cls->namespaceName, ci.cls->name);
            continue;
        }
        bool ok1 = false, ok2 = true;
        const QList<int> keys = attrNumsByNames(ci, m.captured(1), &ok1);
        QList<int> fkeys;
        if (m.captured(3).isEmpty()) {
            if (target->primaryKey)
                fkeys = target->primaryKey->keyAttrNums;
            else
                ok2 = false;
        } else {
            fkeys = attrNumsByNames(*target, m.captured(3), &ok2);
        }
        if (!ok1 || !ok2 || keys.size() != fkeys.size()) {
            m_warnings << QStringLiteral("@foreignKey on %1.%2 names unknown columns").arg(ci.cls->namespaceName, ci.cls->name);
            continue;
        }
        PgConstraintInfo c;
        c.name = QStringLiteral("FAKE_%1_%2_foreignKey").arg(ci.cls->namespaceName, ci.cls->name);
        c.type = 'f';
        c.cls = &ci;
        c.keyAttrNums = keys;
        c.foreignClass = target;
        c.foreignKeyAttrNums = fkeys;
        c.tags = extra;
        c.isFake = true;
        c.isIndexed = true;
        m_constraints.push_back(c);
        ci.constraints << &m_constraints.back();
    }
}

// graphile-build-pg PgIntrospectionPlugin `enumTables`.
void PgModel::addEnumTables(const EnumTableData &data)
{
    for (PgClassInfo &ci : m_classes) {
        if (!ci.exposed)
            continue;
        const bool isEnumTable = ci.tags.has(QStringLiteral("enum"));
        if (isEnumTable) {
            ci.tags.set(QStringLiteral("omit"), {QString()});
            ci.isSelectable = false;
        }
        const auto rowsIt = data.constFind(ci.cls->oid);
        const PgAttrInfo *descAttr = nullptr;
        for (const PgAttrInfo &a : ci.attrs)
            if (!descAttr && (a.attr->name == QLatin1String("description") || a.tags.has(QStringLiteral("enumDescription"))))
                descAttr = &a;
        for (const PgConstraintInfo *con : ci.constraints) {
            const bool explicitEnum = (con->type == 'p' || con->type == 'u') && con->tags.has(QStringLiteral("enum"));
            if (!explicitEnum && !(con->type == 'p' && isEnumTable))
                continue;
            if (con->keyAttrNums.size() != 1) {
                m_warnings << QStringLiteral("enum constraint %1 on %2.%3 must have exactly one column").arg(con->name, ci.cls->namespaceName, ci.cls->name);
                continue;
            }
            const PgAttrInfo *col = ci.attr(con->keyAttrNums.first());
            if (!col || rowsIt == data.cend())
                continue;
            const qsizetype valueIdx = rowsIt->columns.indexOf(col->attr->name);
            const qsizetype descIdx = descAttr ? rowsIt->columns.indexOf(descAttr->attr->name) : -1;
            if (valueIdx < 0)
                continue;
            PgFakeEnum e;
            e.name = con->type == 'p' ? ci.cls->name : ci.cls->name + QLatin1Char('_') + con->name;
            e.tags = ci.tags;
            for (auto it = con->tags.all().cbegin(); it != con->tags.all().cend(); ++it)
                e.tags.set(it.key(), it.value());
            e.description = ci.description;
            e.cls = &ci;
            e.attNum = col->attr->num;
            for (const auto &row : rowsIt->rows) {
                if (!row.value(valueIdx))
                    continue;
                e.values << *row.value(valueIdx);
                if (descAttr)
                    e.valueDescriptions << (descIdx >= 0 ? row.value(descIdx) : std::nullopt);
            }
            if (e.values.isEmpty()) {
                m_warnings << QStringLiteral("enum table %1.%2 has no visible rows for %3").arg(ci.cls->namespaceName, ci.cls->name, con->name);
                continue;
            }
            m_fakeEnums.push_back(e);
            const PgFakeEnum *stored = &m_fakeEnums.back();
            // Columns referencing the enum column through a single-column FK become that enum.
            for (const PgConstraintInfo &fk : m_constraints)
                if (fk.type == 'f' && fk.foreignClass == &ci && fk.foreignKeyAttrNums == QList<int>{col->attr->num})
                    m_attrEnums.insert(qMakePair(fk.cls->cls->oid, fk.keyAttrNums.first()), stored);
        }
    }
}

const PgFakeEnum *PgModel::enumForAttribute(Oid classOid, int attNum) const
{
    return m_attrEnums.value(qMakePair(classOid, attNum));
}

const PgFakeEnum *PgModel::fakeEnum(const QString &schema, const QString &name) const
{
    for (const PgFakeEnum &e : m_fakeEnums)
        if (e.name == name && e.cls->cls->namespaceName == schema)
            return &e;
    return nullptr;
}

const PgClassInfo *PgModel::classByOid(Oid oid) const { return m_classByOid.value(oid); }
const PgClassInfo *PgModel::classByTypeOid(Oid typeOid) const { return m_classByTypeOid.value(typeOid); }
const PgTypeInfo *PgModel::typeByOid(Oid oid) const { return m_typeByOid.value(oid); }

static bool isTableLike(const Class &c)
{
    return c.kind == 'r' || c.kind == 'v' || c.kind == 'm';
}

bool PgModel::omit(const PgClassInfo &c, const QString &action) const
{
    if (!m_options.ignoreRBAC && isTableLike(*c.cls)) {
        auto anyAttr = [&](bool Acl::*flag) {
            for (const PgAttrInfo &a : c.attrs)
                if (a.attr->acl.*flag)
                    return true;
            return false;
        };
        if ((action == QLatin1String("read") || action == QLatin1String("all") || action == QLatin1String("many"))
            && !c.cls->acl.select && !anyAttr(&Acl::select))
            return true;
        if (action == QLatin1String("create") && !c.cls->acl.insert && !anyAttr(&Acl::insert))
            return true;
        if (action == QLatin1String("update") && !c.cls->acl.update && !anyAttr(&Acl::update))
            return true;
        if (action == QLatin1String("delete") && !c.cls->acl.del)
            return true;
    }
    return c.tags.omits(action);
}

bool PgModel::omit(const PgAttrInfo &a, const QString &action) const
{
    if (!m_options.ignoreIndexes && !a.isIndexed
        && (action == QLatin1String("filter") || action == QLatin1String("order")))
        return true;
    if (!m_options.ignoreRBAC && isTableLike(*a.cls->cls)) {
        bool tableReadable = a.cls->cls->acl.select;
        for (const PgAttrInfo &o : a.cls->attrs)
            tableReadable = tableReadable || o.attr->acl.select;
        if (tableReadable) {
            if ((action == QLatin1String("read") || action == QLatin1String("filter") || action == QLatin1String("order"))
                && !a.attr->acl.select)
                return true;
            if (action == QLatin1String("create") && !a.attr->acl.insert)
                return true;
            if (action == QLatin1String("update") && !a.attr->acl.update)
                return true;
        }
    }
    return a.tags.omits(action);
}

bool PgModel::omit(const PgConstraintInfo &c, const QString &action) const
{
    if (!m_options.ignoreIndexes && c.type == 'f' && !c.isIndexed && action == QLatin1String("read"))
        return true;
    return c.tags.omits(action);
}

bool PgModel::omit(const PgProcInfo &p, const QString &action) const
{
    if (!m_options.ignoreRBAC && action == QLatin1String("execute") && !p.fn->acl.execute)
        return true;
    return p.tags.omits(action);
}

} // namespace refract::reflect
