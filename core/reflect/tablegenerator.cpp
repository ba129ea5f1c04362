#include "tablegenerator.h"

#include "typemapper.h"

#include <algorithm>

namespace refract::reflect {

using graphql::Field;
using graphql::InputValue;
using graphql::NamedType;
using graphql::TypeKind;
using graphql::TypeRef;

namespace {

const QString kRead = QStringLiteral("read");

FieldMeta classMeta(FieldMeta::Kind kind, const PgClassInfo &c)
{
    FieldMeta m;
    m.kind = kind;
    m.classOid = c.cls->oid;
    return m;
}

} // namespace

void TableGenerator::registerTypes()
{
    for (const PgClassInfo &c : m_ctx.model.classes()) {
        // The JWT type is a scalar (PgJWTPlugin), not a row type.
        if (!m_ctx.hasRowType(c) || !c.type || m_ctx.types->isJwtType(c.type->oid))
            continue;
        const QString typeName = m_ctx.tableTypeName(c);
        static const QStringList reserved = {QStringLiteral("Query"), QStringLiteral("Mutation"), QStringLiteral("Subscription"),
                                             QStringLiteral("Node"), QStringLiteral("PageInfo"), QStringLiteral("Cursor"),
                                             QStringLiteral("Int"), QStringLiteral("Float"), QStringLiteral("String"),
                                             QStringLiteral("Boolean"), QStringLiteral("ID")};
        if (m_ctx.meta.classByTypeName.contains(typeName) || reserved.contains(typeName)) {
            m_ctx.warnings << QStringLiteral("%1.%2 and another table both become type %3; it is left out (rename one with @name)")
                                  .arg(c.cls->namespaceName, c.cls->name, typeName);
            m_ctx.clashingClasses.insert(c.cls->oid);
            continue;
        }
        TypeMapper::ClassTypes names;
        names.output = typeName;
        // Input types exist only when they have fields; decide that now from the attributes.
        bool anyCreate = false, anyPatch = false;
        for (const PgAttrInfo &a : c.attrs) {
            if (a.attr->identity == 'a')
                continue;
            anyCreate = anyCreate || !m_ctx.model.omit(a, QStringLiteral("create"));
            anyPatch = anyPatch || !m_ctx.model.omit(a, QStringLiteral("update"));
        }
        if (anyCreate)
            names.input = m_ctx.inflector.inputType(typeName);
        if (c.isSelectable) {
            if (anyPatch)
                names.patch = m_ctx.inflector.patchType(typeName);
            // PostGraphile always creates the base input type (only reachable via @argNvariant base).
            names.base = m_ctx.inflector.baseInputType(typeName);
        }
        m_ctx.types->registerClass(c.type->oid, names);
        m_ctx.meta.classByTypeName.insert(typeName, c.cls->oid);
    }
}

void TableGenerator::generateTypes()
{
    generateNodeInterface();
    for (const PgClassInfo &c : m_ctx.model.classes()) {
        if (!m_ctx.hasRowType(c) || !c.type || m_ctx.types->isJwtType(c.type->oid))
            continue;
        generateRowType(c);
        generateInputTypes(c);
        generateConnectionTypes(c);
        if (c.isSelectable && c.exposed) {
            generateOrderBy(c);
            generateCondition(c);
        }
    }
}

void TableGenerator::generateNodeInterface()
{
    NamedType query;
    query.kind = TypeKind::Object;
    query.name = QStringLiteral("Query");
    query.description = GeneratorContext::wrap(QStringLiteral("The root query type which gives access points into the data universe."), DescPos::Type);
    m_ctx.schema.addType(query);
    m_ctx.schema.setQueryTypeName(QStringLiteral("Query"));

    if (m_ctx.payloadQueryEnabled()) {
        Field q;
        q.name = QStringLiteral("query");
        q.description = GeneratorContext::wrap(QStringLiteral("Exposes the root query type nested one level down. This is helpful for Relay 1 which can only query top level fields if they are in a particular form."), DescPos::Field);
        q.type = TypeRef::named(QStringLiteral("Query")).nonNull();
        FieldMeta m;
        m.kind = FieldMeta::Kind::QueryQuery;
        m_ctx.addField(QStringLiteral("Query"), q, m);
    }
    if (!m_ctx.nodeEnabled())
        return;
    const QString idName = m_ctx.nodeIdFieldName();
    NamedType node;
    node.kind = TypeKind::Interface;
    node.name = QStringLiteral("Node");
    node.description = GeneratorContext::wrap(QStringLiteral("An object with a globally unique `ID`."), DescPos::Type);
    Field nid;
    nid.name = idName;
    nid.description = GeneratorContext::wrap(QStringLiteral("A globally unique identifier. Can be used in various places throughout the system to identify this single value."), DescPos::Field);
    nid.type = TypeRef::named(QStringLiteral("ID")).nonNull();
    node.fields << nid;
    m_ctx.schema.addType(node);

    m_ctx.schema.type(QStringLiteral("Query"))->interfaces << QStringLiteral("Node");
    Field qid;
    qid.name = idName;
    qid.description = GeneratorContext::wrap(QStringLiteral("The root query type must be a `Node` to work well with Relay 1 mutations. This just resolves to `query`."), DescPos::Field);
    qid.type = TypeRef::named(QStringLiteral("ID")).nonNull();
    FieldMeta m;
    m.kind = FieldMeta::Kind::QueryNodeId;
    m_ctx.addField(QStringLiteral("Query"), qid, m);

    Field n;
    n.name = QStringLiteral("node");
    n.description = GeneratorContext::wrap(QStringLiteral("Fetches an object given its globally unique `ID`."), DescPos::Field);
    n.type = TypeRef::named(QStringLiteral("Node"));
    n.arguments << GeneratorContext::arg(idName, TypeRef::named(QStringLiteral("ID")).nonNull(),
                                         GeneratorContext::wrap(QStringLiteral("The globally unique `ID`."), DescPos::Arg));
    m.kind = FieldMeta::Kind::QueryNode;
    m_ctx.addField(QStringLiteral("Query"), n, m);
}

void TableGenerator::generateRowType(const PgClassInfo &c)
{
    const QString typeName = m_ctx.tableTypeName(c);
    // nodeId, the columns, and about one relation per constraint (computed columns fit in the
    // room primary and unique keys leave).
    NamedType *t = m_ctx.ensureType(TypeKind::Object, typeName, c.description,
                                    qsizetype(c.attrs.size()) + 1 + c.constraints.size() + c.foreignConstraints.size());
    const bool hasNodeId = m_ctx.nodeEnabled() && c.isSelectable && c.exposed && c.primaryKey
                           && !c.primaryKey->keyAttrNums.isEmpty();
    if (hasNodeId) {
        t->interfaces << QStringLiteral("Node");
        Field f;
        f.name = m_ctx.nodeIdFieldName();
        f.description = GeneratorContext::wrap(QStringLiteral("A globally unique identifier. Can be used in various places throughout the system to identify this single value."), DescPos::Field);
        f.type = TypeRef::named(QStringLiteral("ID")).nonNull();
        FieldMeta m = classMeta(FieldMeta::Kind::NodeId, c);
        m.keyAttrNums = c.primaryKey->keyAttrNums;
        m_ctx.addField(typeName, f, m);
        m_ctx.meta.nodeAliases.insert(m_ctx.inflector.pluralize(c.cls->name), c.cls->oid);
    }
    for (const PgAttrInfo &a : c.attrs) {
        if (m_ctx.model.omit(a, kRead))
            continue;
        auto type = m_ctx.types->output(a);
        if (!type)
            type = TypeRef::named(QStringLiteral("String"));
        const PgTypeInfo *ti = m_ctx.model.typeByOid(a.attr->typeOid);
        const bool domainNotNull = ti && ti->type->domainNotNull;
        if (a.attr->notNull || domainNotNull || a.tags.has(QStringLiteral("notNull")))
            type = type->nonNull();
        Field f;
        f.name = m_ctx.columnField(a);
        f.description = a.description;
        f.type = *type;
        const QStringList dep = a.tags.values(QStringLiteral("deprecated"));
        if (!dep.isEmpty())
            f.deprecationReason = dep.join(QLatin1Char('\n'));
        FieldMeta m = classMeta(FieldMeta::Kind::Column, c);
        m.attNum = a.attr->num;
        m_ctx.addField(typeName, f, m);
    }
}

void TableGenerator::generateBaseInputTypes()
{
    for (const PgClassInfo &c : m_ctx.model.classes()) {
        if (!m_ctx.hasRowType(c) || !c.type || m_ctx.types->isJwtType(c.type->oid) || !m_ctx.types->baseInputUsed(c.type->oid))
            continue;
        generateInputTypes(c, true);
    }
}

void TableGenerator::generateInputTypes(const PgClassInfo &c, bool base)
{
    const TypeMapper::ClassTypes *names = m_ctx.types->classTypes(c.type->oid);
    if (!names)
        return;
    const QString typeName = names->output;
    struct Variant
    {
        QString name;
        QString action;
        std::optional<QString> description;
        bool allOptional;
    };
    QList<Variant> variants;
    if (!base && !names->input.isEmpty())
        variants << Variant{names->input, QStringLiteral("create"),
                            GeneratorContext::wrap(QStringLiteral("An input for mutations affecting `%1`").arg(typeName), DescPos::Type), false};
    if (!base && !names->patch.isEmpty())
        variants << Variant{names->patch, QStringLiteral("update"),
                            GeneratorContext::wrap(QStringLiteral("Represents an update to a `%1`. Fields that are set will be updated.").arg(typeName), DescPos::Type), true};
    if (base && !names->base.isEmpty())
        variants << Variant{names->base, QStringLiteral("base"),
                            GeneratorContext::wrap(QStringLiteral("An input representation of `%1` with nullable fields.").arg(typeName), DescPos::Type), true};
    for (const Variant &v : variants) {
        auto included = [&](const PgAttrInfo &a) { return !m_ctx.model.omit(a, v.action) && a.attr->identity != 'a'; };
        m_ctx.ensureType(TypeKind::InputObject, v.name, v.description, std::count_if(c.attrs.cbegin(), c.attrs.cend(), included));
        for (const PgAttrInfo &a : c.attrs) {
            if (!included(a))
                continue;
            auto type = m_ctx.types->input(a);
            if (!type)
                type = TypeRef::named(QStringLiteral("String"));
            const PgTypeInfo *ti = m_ctx.model.typeByOid(a.attr->typeOid);
            const bool domainNotNull = ti && ti->type->domainNotNull;
            const bool domainHasDefault = ti && ti->type->domainHasDefault;
            const bool nullable = v.allOptional
                                  || (!a.attr->notNull && (!domainNotNull || domainHasDefault) && !a.tags.has(QStringLiteral("notNull")))
                                  || a.attr->hasDefault || a.tags.has(QStringLiteral("hasDefault")) || a.attr->identity == 'd';
            InputValue f = GeneratorContext::arg(m_ctx.columnField(a), nullable ? *type : type->nonNull(), a.description);
            InputFieldMeta im;
            im.kind = InputFieldMeta::Kind::Column;
            im.classOid = c.cls->oid;
            im.attNum = a.attr->num;
            im.pgTypeOid = a.attr->typeOid;
            m_ctx.addInputField(v.name, f, im);
        }
        m_ctx.meta.classByTypeName.insert(v.name, c.cls->oid);
    }
}

void TableGenerator::generateConnectionTypes(const PgClassInfo &c)
{
    const QString typeName = m_ctx.tableTypeName(c);
    const QString edgeName = m_ctx.inflector.edge(typeName);
    const QString connName = m_ctx.inflector.connection(typeName);
    if (m_ctx.schema.type(edgeName))
        return;
    const bool nullableNodes = m_ctx.options.setofFunctionsContainNulls;
    m_ctx.ensureType(TypeKind::Object, edgeName, GeneratorContext::wrap(QStringLiteral("A `%1` edge in the connection.").arg(typeName), DescPos::Type), 2);
    m_ctx.types->ensureScalar(QStringLiteral("Cursor"));
    Field cursor;
    cursor.name = QStringLiteral("cursor");
    cursor.description = GeneratorContext::wrap(QStringLiteral("A cursor for use in pagination."), DescPos::Field);
    cursor.type = TypeRef::named(QStringLiteral("Cursor"));
    m_ctx.addField(edgeName, cursor, classMeta(FieldMeta::Kind::EdgeCursor, c));
    Field node;
    node.name = QStringLiteral("node");
    node.description = GeneratorContext::wrap(QStringLiteral("The `%1` at the end of the edge.").arg(typeName), DescPos::Field);
    node.type = nullableNodes ? TypeRef::named(typeName) : TypeRef::named(typeName).nonNull();
    m_ctx.addField(edgeName, node, classMeta(FieldMeta::Kind::EdgeNode, c));

    m_ctx.ensureType(TypeKind::Object, connName, GeneratorContext::wrap(QStringLiteral("A connection to a list of `%1` values.").arg(typeName), DescPos::Type), 4);
    Field nodes;
    nodes.name = QStringLiteral("nodes");
    nodes.description = GeneratorContext::wrap(QStringLiteral("A list of `%1` objects.").arg(typeName), DescPos::Field);
    nodes.type = (nullableNodes ? TypeRef::named(typeName) : TypeRef::named(typeName).nonNull()).list().nonNull();
    m_ctx.addField(connName, nodes, classMeta(FieldMeta::Kind::ConnectionNodes, c));
    Field edges;
    edges.name = QStringLiteral("edges");
    edges.description = GeneratorContext::wrap(QStringLiteral("A list of edges which contains the `%1` and cursor to aid in pagination.").arg(typeName), DescPos::Field);
    edges.type = TypeRef::named(edgeName).nonNull().list().nonNull();
    m_ctx.addField(connName, edges, classMeta(FieldMeta::Kind::ConnectionEdges, c));
    Field pageInfo;
    pageInfo.name = QStringLiteral("pageInfo");
    pageInfo.description = GeneratorContext::wrap(QStringLiteral("Information to aid in pagination."), DescPos::Field);
    pageInfo.type = TypeRef::named(QStringLiteral("PageInfo")).nonNull();
    m_ctx.addField(connName, pageInfo, classMeta(FieldMeta::Kind::ConnectionPageInfo, c));
    Field total;
    total.name = QStringLiteral("totalCount");
    total.description = GeneratorContext::wrap(QStringLiteral("The count of *all* `%1` you could get from the connection.").arg(typeName), DescPos::Field);
    total.type = TypeRef::named(QStringLiteral("Int")).nonNull();
    m_ctx.addField(connName, total, classMeta(FieldMeta::Kind::ConnectionTotalCount, c));

    if (!m_ctx.schema.type(QStringLiteral("PageInfo"))) {
        NamedType pi;
        pi.kind = TypeKind::Object;
        pi.name = QStringLiteral("PageInfo");
        pi.description = GeneratorContext::wrap(QStringLiteral("Information about pagination in a connection."), DescPos::Type);
        auto add = [&](const char *name, const char *desc, const TypeRef &type) {
            Field f;
            f.name = QLatin1String(name);
            f.description = GeneratorContext::wrap(QLatin1String(desc), DescPos::Field);
            f.type = type;
            pi.fields << f;
        };
        add("hasNextPage", "When paginating forwards, are there more items?", TypeRef::named(QStringLiteral("Boolean")).nonNull());
        add("hasPreviousPage", "When paginating backwards, are there more items?", TypeRef::named(QStringLiteral("Boolean")).nonNull());
        add("startCursor", "When paginating backwards, the cursor to continue.", TypeRef::named(QStringLiteral("Cursor")));
        add("endCursor", "When paginating forwards, the cursor to continue.", TypeRef::named(QStringLiteral("Cursor")));
        m_ctx.schema.addType(pi);
    }
}

void TableGenerator::generateOrderBy(const PgClassInfo &c)
{
    if (m_ctx.model.omit(c, QStringLiteral("order")))
        return;
    const QString typeName = m_ctx.tableTypeName(c);
    const QString enumName = m_ctx.inflector.orderByType(typeName);
    NamedType *e = m_ctx.ensureType(TypeKind::Enum, enumName, GeneratorContext::wrap(QStringLiteral("Methods to use when ordering `%1`.").arg(typeName), DescPos::Type),
                                    2 * qsizetype(c.attrs.size()) + 3);
    auto addValue = [&](const QString &name, const OrderByMeta &meta) {
        for (const graphql::EnumValue &v : e->enumValues)
            if (v.name == name)
                return;
        graphql::EnumValue v;
        v.name = name;
        e->enumValues << v;
        if (m_ctx.collectFieldMeta)
            m_ctx.meta.orderByValues.insert(enumName + QLatin1Char('.') + name, meta);
    };
    addValue(QStringLiteral("NATURAL"), OrderByMeta{});
    for (const PgAttrInfo &a : c.attrs) {
        if (m_ctx.model.omit(a, QStringLiteral("order")))
            continue;
        bool unique = false;
        if (m_ctx.collectFieldMeta)
            for (const PgConstraintInfo *con : c.constraints)
                if ((con->type == 'p' || con->type == 'u') && con->keyAttrNums == QList<int>{a.attr->num})
                    unique = true;
        for (bool asc : {true, false}) {
            const QString name = m_ctx.inflector.orderByEnum(m_ctx.columnName(a, true), asc);
            OrderByMeta m;
            if (m_ctx.collectFieldMeta) { // only the metadata needs them (two allocations per value)
                m.alias = name.toLower();
                m.specs << OrderByMeta::Spec{a.attr->num, 0, asc};
                m.unique = unique;
            }
            addValue(name, m);
        }
    }
    if (c.primaryKey) {
        for (bool asc : {true, false}) {
            OrderByMeta m;
            m.alias = asc ? QStringLiteral("primary_key_asc") : QStringLiteral("primary_key_desc");
            for (int n : c.primaryKey->keyAttrNums)
                m.specs << OrderByMeta::Spec{n, 0, asc};
            m.unique = true;
            addValue(asc ? QStringLiteral("PRIMARY_KEY_ASC") : QStringLiteral("PRIMARY_KEY_DESC"), m);
        }
    }
    m_ctx.meta.classByTypeName.insert(enumName, c.cls->oid);
}

void TableGenerator::generateCondition(const PgClassInfo &c)
{
    if (m_ctx.model.omit(c, QStringLiteral("filter")))
        return;
    const QString typeName = m_ctx.tableTypeName(c);
    const QString condName = m_ctx.inflector.conditionType(typeName);
    QList<InputValue> fields;
    fields.reserve(qsizetype(c.attrs.size()));
    for (const PgAttrInfo &a : c.attrs) {
        if (m_ctx.model.omit(a, QStringLiteral("filter")))
            continue;
        const QString fieldName = m_ctx.columnField(a);
        auto type = m_ctx.types->input(a);
        InputValue f = GeneratorContext::arg(fieldName, type ? *type : TypeRef::named(QStringLiteral("String")),
                                             m_ctx.equalityDescription(fieldName));
        bool duplicate = false;
        for (const InputValue &other : fields)
            duplicate = duplicate || other.name == fieldName;
        if (duplicate)
            continue; // PostGraphile throws "Two columns produce the same GraphQL field name"
        fields << f;
        InputFieldMeta im;
        im.classOid = c.cls->oid;
        im.attNum = a.attr->num;
        im.pgTypeOid = a.attr->typeOid;
        if (m_ctx.collectFieldMeta)
            m_ctx.meta.inputFields.insert(condName + QLatin1Char('.') + fieldName, im);
    }
    if (fields.isEmpty())
        return;
    NamedType *t = m_ctx.ensureType(TypeKind::InputObject, condName,
                                    GeneratorContext::wrap(QStringLiteral("A condition to be used against `%1` object types. All fields are tested for equality and combined with a logical \u2018and.\u2019").arg(typeName), DescPos::Type));
    if (t->inputFields.isEmpty())
        t->inputFields = std::move(fields);
    else
        t->inputFields << fields;
    m_ctx.meta.classByTypeName.insert(condName, c.cls->oid);
}

QList<InputValue> TableGenerator::collectionArgs(const PgClassInfo &c, bool connection, bool withOrder,
                                                 bool withCondition) const
{
    QList<InputValue> args;
    args.reserve(connection ? 7 : 4);
    const QString typeName = m_ctx.tableTypeName(c);
    args << GeneratorContext::arg(QStringLiteral("first"), TypeRef::named(QStringLiteral("Int")),
                                  GeneratorContext::wrap(QStringLiteral("Only read the first `n` values of the set."), DescPos::Arg));
    if (connection)
        args << GeneratorContext::arg(QStringLiteral("last"), TypeRef::named(QStringLiteral("Int")),
                                      GeneratorContext::wrap(QStringLiteral("Only read the last `n` values of the set."), DescPos::Arg));
    args << GeneratorContext::arg(QStringLiteral("offset"), TypeRef::named(QStringLiteral("Int")),
                                  GeneratorContext::wrap(connection ? QStringLiteral("Skip the first `n` values from our `after` cursor, an alternative to cursor based pagination. May not be used with `last`.")
                                                                    : QStringLiteral("Skip the first `n` values."), DescPos::Arg));
    if (connection) {
        args << GeneratorContext::arg(QStringLiteral("before"), TypeRef::named(QStringLiteral("Cursor")),
                                      GeneratorContext::wrap(QStringLiteral("Read all values in the set before (above) this cursor."), DescPos::Arg));
        args << GeneratorContext::arg(QStringLiteral("after"), TypeRef::named(QStringLiteral("Cursor")),
                                      GeneratorContext::wrap(QStringLiteral("Read all values in the set after (below) this cursor."), DescPos::Arg));
    }
    const QString orderName = m_ctx.inflector.orderByType(typeName);
    const NamedType *orderType = m_ctx.schema.type(orderName);
    if (withOrder && c.exposed && c.isSelectable && !m_ctx.model.omit(c, QStringLiteral("order")) && orderType) {
        std::optional<QString> def;
        if (connection) {
            bool hasPk = false;
            for (const graphql::EnumValue &v : orderType->enumValues)
                hasPk = hasPk || v.name == QLatin1String("PRIMARY_KEY_ASC");
            def = GeneratorContext::orderByDefault(hasPk, orderType->enumValues.first().name);
        }
        args << GeneratorContext::arg(QStringLiteral("orderBy"), TypeRef::named(orderName).nonNull().list(),
                                      m_ctx.shared(GeneratorContext::wrap(QStringLiteral("The method to use when ordering `%1`.").arg(typeName), DescPos::Arg)), def);
    }
    const QString condName = m_ctx.inflector.conditionType(typeName);
    if (withCondition && c.exposed && !m_ctx.model.omit(c, QStringLiteral("filter")) && m_ctx.schema.type(condName))
        args << GeneratorContext::arg(QStringLiteral("condition"), TypeRef::named(condName),
                                      GeneratorContext::wrap(QStringLiteral("A condition to be used in determining which values should be returned by the collection."), DescPos::Arg));
    return args;
}

void TableGenerator::generateQueryFields()
{
    const QString query = QStringLiteral("Query");
    // Room for all*, the finders by each key and by node id, and the functions' fields at once:
    // Query of thousands of tables otherwise grew by reallocation, with room left unused.
    if (NamedType *q = m_ctx.schema.type(query)) {
        qsizetype expected = qsizetype(m_ctx.model.procs().size());
        for (const PgClassInfo &c : m_ctx.model.classes())
            if (m_ctx.hasRowType(c) && c.exposed && c.type)
                expected += 2 + std::count_if(c.constraints.cbegin(), c.constraints.cend(), [](const PgConstraintInfo *k) { return k->type != 'f'; });
        q->fields.reserve(q->fields.size() + expected);
    }
    for (const PgClassInfo &c : m_ctx.model.classes()) {
        if (!m_ctx.hasRowType(c) || !c.exposed || !c.type)
            continue;
        const QString typeName = m_ctx.tableTypeName(c);
        const QString sing = m_ctx.singular(c);
        // all*: PgAllRows
        if (c.isSelectable && !m_ctx.model.omit(c, QStringLiteral("all"))) {
            const QString mode = m_ctx.simpleCollections(c.tags);
            if (mode != QLatin1String("only")) {
                Field f;
                f.name = m_ctx.inflector.allRows(sing);
                f.description = m_ctx.shared(GeneratorContext::wrap(QStringLiteral("Reads and enables pagination through a set of `%1`.").arg(typeName), DescPos::Field));
                f.type = TypeRef::named(m_ctx.inflector.connection(typeName));
                f.arguments = collectionArgs(c, true, true, true);
                if (auto d = GeneratorContext::deprecation(c.tags)) f.deprecationReason = d;
                m_ctx.addField(query, f, classMeta(FieldMeta::Kind::AllRows, c));
            }
            if (mode == QLatin1String("only") || mode == QLatin1String("both")) {
                Field f;
                f.name = m_ctx.inflector.allRowsSimple(sing);
                f.description = GeneratorContext::wrap(QStringLiteral("Reads a set of `%1`.").arg(typeName), DescPos::Field);
                f.type = TypeRef::named(typeName).nonNull().list();
                f.arguments = collectionArgs(c, false, true, true);
                if (auto d = GeneratorContext::deprecation(c.tags)) f.deprecationReason = d;
                m_ctx.addField(query, f, classMeta(FieldMeta::Kind::AllRowsList, c));
            }
        }
    }
    for (const PgClassInfo &c : m_ctx.model.classes()) {
        if (!m_ctx.hasRowType(c) || !c.exposed || !c.type || m_ctx.model.omit(c, kRead))
            continue;
        const QString typeName = m_ctx.tableTypeName(c);
        const QString sing = m_ctx.singular(c);
        // PgRowByUniqueConstraint
        for (const PgConstraintInfo *con : c.constraints) {
            if (con->type != 'p' && con->type != 'u')
                continue;
            if (m_ctx.model.omit(*con, kRead))
                continue;
            const QList<const PgAttrInfo *> keys = c.attrsByNums(con->keyAttrNums);
            bool skip = false;
            for (const PgAttrInfo *k : keys)
                skip = skip || !k || m_ctx.model.omit(*k, kRead);
            if (skip)
                continue;
            Field f;
            f.name = m_ctx.inflector.rowByUniqueKeys(sing, m_ctx.keyColumnNames(c, con->keyAttrNums), con->type == 'p',
                                                    con->tags.value(QStringLiteral("fieldName")));
            f.type = TypeRef::named(typeName);
            for (const PgAttrInfo *k : keys) {
                auto t = m_ctx.types->input(*k);
                f.arguments << GeneratorContext::arg(m_ctx.columnField(*k), (t ? *t : TypeRef::named(QStringLiteral("String"))).nonNull());
            }
            FieldMeta m = classMeta(FieldMeta::Kind::RowByUniqueKey, c);
            m.constraintOid = con->oid;
            m.constraintName = con->name;
            m.keyAttrNums = con->keyAttrNums;
            m_ctx.addField(query, f, m);
        }
    }
}

void TableGenerator::generateNodeFinders()
{
    const QString query = QStringLiteral("Query");
    for (const PgClassInfo &c : m_ctx.model.classes()) {
        if (!m_ctx.hasRowType(c) || !c.exposed || !c.type || m_ctx.model.omit(c, kRead))
            continue;
        const QString typeName = m_ctx.tableTypeName(c);
        const QString sing = m_ctx.singular(c);
        if (m_ctx.nodeEnabled() && c.isSelectable && c.primaryKey) {
            Field f;
            f.name = m_ctx.inflector.tableNode(sing);
            f.description = GeneratorContext::wrap(QStringLiteral("Reads a single `%1` using its globally unique `ID`.").arg(typeName), DescPos::Field);
            f.type = TypeRef::named(typeName);
            f.arguments << GeneratorContext::arg(m_ctx.nodeIdFieldName(), TypeRef::named(QStringLiteral("ID")).nonNull(),
                                                 GeneratorContext::wrap(QStringLiteral("The globally unique `ID` to be used in selecting a single `%1`.").arg(typeName), DescPos::Arg));
            if (auto d = GeneratorContext::deprecation(c.tags)) f.deprecationReason = d;
            FieldMeta m = classMeta(FieldMeta::Kind::RowByNodeId, c);
            m.keyAttrNums = c.primaryKey->keyAttrNums;
            m_ctx.addField(query, f, m);
        }
    }
}

} // namespace refract::reflect
