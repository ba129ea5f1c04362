#include "relationgenerator.h"

#include "tablegenerator.h"

namespace refract::reflect {

using graphql::Field;
using graphql::TypeRef;

namespace {

const QString kRead = QStringLiteral("read");

Inflector::RelationTags relationTags(const PgConstraintInfo &con)
{
    Inflector::RelationTags t;
    t.fieldName = con.tags.value(QStringLiteral("fieldName"));
    t.foreignFieldName = con.tags.value(QStringLiteral("foreignFieldName"));
    t.foreignSingleFieldName = con.tags.value(QStringLiteral("foreignSingleFieldName"));
    t.foreignSimpleFieldName = con.tags.value(QStringLiteral("foreignSimpleFieldName"));
    return t;
}

FieldMeta relationMeta(FieldMeta::Kind kind, const PgConstraintInfo &con)
{
    FieldMeta m;
    m.kind = kind;
    m.classOid = con.cls->cls->oid;
    m.constraintOid = con.oid;
    m.constraintName = con.name;
    m.keyAttrNums = con.keyAttrNums;
    m.foreignClassOid = con.foreignClass->cls->oid;
    m.foreignKeyAttrNums = con.foreignKeyAttrNums;
    return m;
}

bool anyOmitted(const GeneratorContext &ctx, const PgClassInfo &c, const QList<int> &nums)
{
    for (int n : nums) {
        const PgAttrInfo *a = c.attr(n);
        if (!a || ctx.model.omit(*a, kRead))
            return true;
    }
    return false;
}

} // namespace

void RelationGenerator::generate()
{
    for (const PgClassInfo &c : m_ctx.model.classes()) {
        if (!m_ctx.hasRowType(c) || !c.exposed || !c.type)
            continue;
        addForwardRelations(c, m_ctx.tableTypeName(c), false);
        if (c.isSelectable)
            addBackwardRelations(c);
    }
}

void RelationGenerator::addForwardRelations(const PgClassInfo &c, const QString &typeName, bool isPayload)
{
    for (const ForwardRelation &r : forwardRelations(c)) {
        FieldMeta m = r.meta;
        if (isPayload)
            m.kind = FieldMeta::Kind::PayloadRelation;
        m_ctx.addField(typeName, r.field, m);
    }
}

const QList<RelationGenerator::ForwardRelation> &RelationGenerator::forwardRelations(const PgClassInfo &c)
{
    const auto known = m_forward.constFind(&c);
    if (known != m_forward.constEnd())
        return *known;
    QList<ForwardRelation> &out = m_forward[&c];
    const QString tableTypeName = m_ctx.tableTypeName(c);
    for (const PgConstraintInfo *con : c.constraints) {
        if (con->type != 'f' || m_ctx.model.omit(*con, kRead))
            continue;
        const PgClassInfo &foreign = *con->foreignClass;
        if (!m_ctx.hasRowType(foreign) || m_ctx.model.omit(foreign, kRead))
            continue;
        if (anyOmitted(m_ctx, c, con->keyAttrNums) || anyOmitted(m_ctx, foreign, con->foreignKeyAttrNums))
            continue;
        const QString foreignTypeName = m_ctx.tableTypeName(foreign);
        Field f;
        f.name = m_ctx.inflector.singleRelationByKeys(m_ctx.keyColumnNames(c, con->keyAttrNums), m_ctx.singular(foreign),
                                                      foreign.cls->name, relationTags(*con));
        const QString fwd = con->tags.value(QStringLiteral("forwardDescription"));
        f.description = fwd.isEmpty()
            ? GeneratorContext::wrap(QStringLiteral("Reads a single `%1` that is related to this `%2`.").arg(foreignTypeName, tableTypeName), DescPos::Field)
            : fwd;
        f.type = TypeRef::named(foreignTypeName);
        out.append(ForwardRelation{std::move(f), relationMeta(FieldMeta::Kind::ForwardRelation, *con)});
    }
    return out;
}

void RelationGenerator::addBackwardRelations(const PgClassInfo &foreign)
{
    const QString foreignTypeName = m_ctx.tableTypeName(foreign);
    const QString legacy = m_ctx.options.legacyRelations;
    for (const PgConstraintInfo *con : foreign.foreignConstraints) {
        if (m_ctx.model.omit(*con, kRead))
            continue;
        const PgClassInfo &table = *con->cls;
        if (!table.isSelectable || !m_ctx.hasRowType(table) || !table.exposed)
            continue;
        if (anyOmitted(m_ctx, table, con->keyAttrNums) || anyOmitted(m_ctx, foreign, con->foreignKeyAttrNums))
            continue;
        const QString tableTypeName = m_ctx.tableTypeName(table);
        const QStringList keys = m_ctx.keyColumnNames(table, con->keyAttrNums);
        const Inflector::RelationTags tags = relationTags(*con);
        bool isUnique = false;
        for (const PgConstraintInfo *u : table.constraints)
            if ((u->type == 'p' || u->type == 'u') && u->keyAttrNums == con->keyAttrNums)
                isUnique = true;
        const bool isDeprecated = isUnique && legacy == QLatin1String("deprecated");
        const QString singleName = isUnique
            ? m_ctx.inflector.singleRelationByKeysBackwards(keys, m_ctx.singular(table), foreign.cls->name, tags)
            : QString();
        const bool addSingle = isUnique && legacy != QLatin1String("only");
        const bool addMany = !isUnique || legacy == QLatin1String("deprecated") || legacy == QLatin1String("only");
        const QString backDesc = con->tags.value(QStringLiteral("backwardDescription"));
        if (addSingle && !m_ctx.model.omit(table, kRead) && !singleName.isEmpty()) {
            Field f;
            f.name = singleName;
            f.description = backDesc.isEmpty()
                ? GeneratorContext::wrap(QStringLiteral("Reads a single `%1` that is related to this `%2`.").arg(tableTypeName, foreignTypeName), DescPos::Field)
                : backDesc;
            f.type = TypeRef::named(tableTypeName);
            if (auto d = GeneratorContext::deprecation(table.tags)) f.deprecationReason = d;
            m_ctx.addField(foreignTypeName, f, relationMeta(FieldMeta::Kind::BackwardRelationSingle, *con));
        }
        if (addMany && !m_ctx.model.omit(table, QStringLiteral("many")) && !m_ctx.model.omit(*con, QStringLiteral("many"))) {
            const QString mode = m_ctx.simpleCollections(con->tags, table.tags);
            const bool hasConnections = mode != QLatin1String("only");
            const bool hasSimple = mode == QLatin1String("only") || mode == QLatin1String("both");
            auto make = [&](bool connection) {
                Field f;
                f.name = connection ? m_ctx.inflector.manyRelationByKeys(keys, m_ctx.singular(table), foreign.cls->name, tags)
                                    : m_ctx.inflector.manyRelationByKeysSimple(keys, m_ctx.singular(table), foreign.cls->name, tags);
                f.description = backDesc.isEmpty()
                    ? m_ctx.shared(GeneratorContext::wrap(QStringLiteral("Reads and enables pagination through a set of `%1`.").arg(tableTypeName), DescPos::Field))
                    : backDesc;
                f.type = connection ? TypeRef::named(m_ctx.inflector.connection(tableTypeName)).nonNull()
                                    : TypeRef::named(tableTypeName).nonNull().list().nonNull();
                f.arguments = m_tables.collectionArgs(table, connection, true, true);
                if (isDeprecated)
                    f.deprecationReason = singleName.isEmpty() ? QStringLiteral("Please use singular instead")
                                                               : QStringLiteral("Please use %1 instead").arg(singleName);
                if (auto d = GeneratorContext::deprecation(table.tags)) f.deprecationReason = d;
                m_ctx.addField(foreignTypeName, f,
                               relationMeta(connection ? FieldMeta::Kind::BackwardRelationConnection
                                                       : FieldMeta::Kind::BackwardRelationList, *con));
            };
            if (hasConnections)
                make(true);
            if (hasSimple && !isUnique)
                make(false);
        }
    }
}

} // namespace refract::reflect
