#include "mutationgenerator.h"

#include "relationgenerator.h"
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

const QString kMutation = QStringLiteral("Mutation");

void ensureMutationType(GeneratorContext &ctx)
{
    ctx.ensureType(TypeKind::Object, kMutation,
                   GeneratorContext::wrap(QStringLiteral("The root mutation type which contains root level fields which mutate data."), DescPos::Type));
}

/// Fields of a row mutation's payload: clientMutationId, the row, query, one relation per foreign
/// key and the edge.
qsizetype payloadCapacity(const PgClassInfo &c)
{
    // Only foreign keys give relations: counting primary and unique keys too left every payload of
    // thousands with unused room (2 MB at 3,000 tables).
    return 4 + std::count_if(c.constraints.cbegin(), c.constraints.cend(), [](const PgConstraintInfo *k) { return k->type == 'f'; });
}

} // namespace

InputValue MutationGenerator::inputArg(const QString &inputTypeName)
{
    return GeneratorContext::arg(QStringLiteral("input"), TypeRef::named(inputTypeName).nonNull(),
                                 GeneratorContext::wrap(QStringLiteral("The exclusive input argument for this mutation. An object type, make sure to see documentation for this object\u2019s fields."), DescPos::Arg));
}

void MutationGenerator::addClientMutationIdInput(const QString &inputTypeName)
{
    if (m_ctx.inflector.preset() == Preset::AppSync)
        return;
    InputFieldMeta im;
    im.kind = InputFieldMeta::Kind::ClientMutationId;
    m_ctx.addInputField(inputTypeName,
                        GeneratorContext::arg(QStringLiteral("clientMutationId"), TypeRef::named(QStringLiteral("String")),
                                              GeneratorContext::wrap(QStringLiteral("An arbitrary string value with no semantic meaning. Will be included in the payload verbatim. May be used to track mutations by the client."), DescPos::Field)),
                        im);
}

void MutationGenerator::addPayloadClientMutationId(const QString &payloadName, const FieldMeta &base)
{
    {
        Field f;
        f.name = QStringLiteral("clientMutationId");
        f.description = GeneratorContext::wrap(QStringLiteral("The exact same `clientMutationId` that was provided in the mutation input, unchanged and unused. May be used by a client to track mutations."), DescPos::Field);
        f.type = TypeRef::named(QStringLiteral("String"));
        FieldMeta m = base;
        m.kind = FieldMeta::Kind::PayloadClientMutationId;
        m_ctx.addField(payloadName, f, m);
    }
}

void MutationGenerator::addPayloadExtras(const PgClassInfo *c, const QString &payloadName, const FieldMeta &base)
{
    if (m_ctx.payloadQueryEnabled()) {
        Field f;
        f.name = QStringLiteral("query");
        f.description = GeneratorContext::wrap(QStringLiteral("Our root query field type. Allows us to run any query from our mutation payload."), DescPos::Field);
        f.type = TypeRef::named(QStringLiteral("Query"));
        FieldMeta m = base;
        m.kind = FieldMeta::Kind::PayloadQuery;
        m_ctx.addField(payloadName, f, m);
    }
    if (!c || !c->exposed)
        return;
    m_relations.addForwardRelations(*c, payloadName, true);
    // PgMutationPayloadEdgePlugin
    if (!c->isSelectable || (m_ctx.model.omit(*c, QStringLiteral("all")) && m_ctx.model.omit(*c, QStringLiteral("many"))))
        return;
    if (m_ctx.simpleCollections(c->tags) == QLatin1String("only"))
        return;
    const QString typeName = m_ctx.tableTypeName(*c);
    const QString edgeName = m_ctx.inflector.edge(typeName);
    if (!m_ctx.schema.type(edgeName))
        return;
    Field f;
    f.name = m_ctx.inflector.edgeField(m_ctx.singular(*c));
    f.description = m_ctx.shared(GeneratorContext::wrap(QStringLiteral("An edge for our `%1`. May be used by Relay 1.").arg(typeName), DescPos::Field));
    f.type = TypeRef::named(edgeName);
    const QString orderName = m_ctx.inflector.orderByType(typeName);
    const NamedType *orderType = m_ctx.schema.type(orderName);
    if (!m_ctx.model.omit(*c, QStringLiteral("order")) && orderType) {
        bool hasPk = false;
        for (const graphql::EnumValue &v : orderType->enumValues)
            hasPk = hasPk || v.name == QLatin1String("PRIMARY_KEY_ASC");
        f.arguments << GeneratorContext::arg(QStringLiteral("orderBy"), TypeRef::named(orderName).nonNull().list(),
                                             m_ctx.shared(GeneratorContext::wrap(QStringLiteral("The method to use when ordering `%1`.").arg(typeName), DescPos::Arg)),
                                             GeneratorContext::orderByDefault(hasPk, orderType->enumValues.first().name));
    }
    FieldMeta m = base;
    m.kind = FieldMeta::Kind::PayloadEdge;
    m.classOid = c->cls->oid;
    if (auto d = GeneratorContext::deprecation(c->tags)) f.deprecationReason = d;
    m_ctx.addField(payloadName, f, m);
}

void MutationGenerator::generate()
{
    if (m_ctx.options.disableDefaultMutations)
        return;
    // Room for every CRUD field at once (create, and update + delete by each key and by node id):
    // Mutation of thousands of tables grew by reallocation to up to twice its size, at the peak.
    qsizetype expected = 0;
    for (const PgClassInfo &c : m_ctx.model.classes()) {
        if (!m_ctx.hasRowType(c) || !c.exposed || !c.type)
            continue;
        expected += 3 + 2 * std::count_if(c.constraints.cbegin(), c.constraints.cend(), [](const PgConstraintInfo *k) { return k->type != 'f'; });
    }
    if (expected > 0) {
        // (An unused Mutation type is pruned with the other unreachable types.)
        ensureMutationType(m_ctx);
        graphql::NamedType *mutation = m_ctx.schema.type(kMutation);
        if (mutation && mutation->fields.capacity() < mutation->fields.size() + expected)
            mutation->fields.reserve(mutation->fields.size() + expected);
    }
    for (const PgClassInfo &c : m_ctx.model.classes()) {
        if (!m_ctx.hasRowType(c) || !c.exposed || !c.type)
            continue;
        generateCreate(c);
    }
    for (bool update : {true, false})
        for (const PgClassInfo &c : m_ctx.model.classes()) {
            if (!m_ctx.hasRowType(c) || !c.exposed || !c.type)
                continue;
            generateUpdateDelete(c, update);
            if (!update)
                m_relations.forgetForwardRelations(c);
        }
}

void MutationGenerator::generateCreate(const PgClassInfo &c)
{
    if (!c.isSelectable || !c.cls->isInsertable || m_ctx.model.omit(c, QStringLiteral("create")))
        return;
    const TypeMapper::ClassTypes *names = m_ctx.types->classTypes(c.type->oid);
    if (!names || names->input.isEmpty())
        return;
    const bool unwrap = m_ctx.inflector.preset() == Preset::AppSync;
    const QString typeName = names->output;
    const QString sing = m_ctx.singular(c);
    const QString tableField = m_ctx.inflector.tableFieldName(sing);
    FieldMeta base;
    base.kind = FieldMeta::Kind::CreateRow;
    base.classOid = c.cls->oid;
    base.payloadUnwrapped = unwrap;

    const QString inputName = m_ctx.inflector.createInputType(sing);
    m_ctx.ensureType(TypeKind::InputObject, inputName,
                     GeneratorContext::wrap(QStringLiteral("All input for the create `%1` mutation.").arg(typeName), DescPos::Type), 2);
    addClientMutationIdInput(inputName);
    InputFieldMeta rowMeta;
    rowMeta.kind = InputFieldMeta::Kind::RowInput;
    rowMeta.classOid = c.cls->oid;
    m_ctx.addInputField(inputName,
                        GeneratorContext::arg(tableField, TypeRef::named(names->input).nonNull(),
                                              GeneratorContext::wrap(QStringLiteral("The `%1` to be created by this mutation.").arg(typeName), DescPos::Field)),
                        rowMeta);

    QString resultType = typeName;
    if (!unwrap) {
        const QString payloadName = m_ctx.inflector.createPayloadType(sing);
        resultType = payloadName;
        m_ctx.ensureType(TypeKind::Object, payloadName,
                         GeneratorContext::wrap(QStringLiteral("The output of our create `%1` mutation.").arg(typeName), DescPos::Type),
                         payloadCapacity(c));
        addPayloadClientMutationId(payloadName, base);
        Field row;
        row.name = tableField;
        row.description = GeneratorContext::wrap(QStringLiteral("The `%1` that was created by this mutation.").arg(typeName), DescPos::Field);
        row.type = TypeRef::named(typeName);
        FieldMeta m = base;
        m.kind = FieldMeta::Kind::PayloadRow;
        if (auto d = GeneratorContext::deprecation(c.tags)) row.deprecationReason = d;
        m_ctx.addField(payloadName, row, m);
        addPayloadExtras(&c, payloadName, base);
    }
    ensureMutationType(m_ctx);
    Field f;
    f.name = m_ctx.inflector.createField(sing);
    f.description = GeneratorContext::wrap(QStringLiteral("Creates a single `%1`.").arg(typeName), DescPos::Field);
    f.type = TypeRef::named(resultType);
    f.arguments << inputArg(inputName);
    if (auto d = GeneratorContext::deprecation(c.tags)) f.deprecationReason = d;
    m_ctx.addField(kMutation, f, base);
}

void MutationGenerator::generateUpdateDelete(const PgClassInfo &c, bool update)
{
    const QString mode = update ? QStringLiteral("update") : QStringLiteral("delete");
    if (update) {
        bool anyAttr = false;
        for (const PgAttrInfo &a : c.attrs)
            anyAttr = anyAttr || !m_ctx.model.omit(a, mode);
        if (!c.cls->isUpdatable || m_ctx.model.omit(c, mode) || !anyAttr)
            return;
    } else if (!c.cls->isDeletable || m_ctx.model.omit(c, mode)) {
        return;
    }
    const TypeMapper::ClassTypes *names = m_ctx.types->classTypes(c.type->oid);
    if (!names || (update && names->patch.isEmpty()))
        return;
    const bool unwrap = m_ctx.inflector.preset() == Preset::AppSync;
    const QString typeName = names->output;
    const QString sing = m_ctx.singular(c);
    const QString tableField = m_ctx.inflector.tableFieldName(sing);

    FieldMeta base;
    base.classOid = c.cls->oid;
    base.payloadUnwrapped = unwrap;

    QString resultType = typeName;
    if (!unwrap) {
        const QString payloadName = update ? m_ctx.inflector.updatePayloadType(sing) : m_ctx.inflector.deletePayloadType(sing);
        resultType = payloadName;
        if (!m_ctx.schema.type(payloadName)) {
            m_ctx.ensureType(TypeKind::Object, payloadName,
                             GeneratorContext::wrap(QStringLiteral("The output of our %1 `%2` mutation.").arg(mode, typeName), DescPos::Type),
                             payloadCapacity(c) + (update ? 0 : 1)); // delete: deleted…Id
            addPayloadClientMutationId(payloadName, base);
            Field row;
            row.name = tableField;
            row.description = GeneratorContext::wrap(QStringLiteral("The `%1` that was %2d by this mutation.").arg(typeName, mode), DescPos::Field);
            row.type = TypeRef::named(typeName);
            FieldMeta m = base;
            m.kind = FieldMeta::Kind::PayloadRow;
            m_ctx.addField(payloadName, row, m);
            if (!update) {
                Field del;
                del.name = m_ctx.inflector.deletedNodeId(c.cls->name);
                del.type = TypeRef::named(QStringLiteral("ID"));
                FieldMeta dm = base;
                dm.kind = FieldMeta::Kind::PayloadDeletedNodeId;
                if (c.primaryKey)
                    dm.keyAttrNums = c.primaryKey->keyAttrNums;
                m_ctx.addField(payloadName, del, dm);
            }
            addPayloadExtras(&c, payloadName, base);
        }
    }

    auto addPatchField = [&](const QString &inputName) {
        if (!update)
            return;
        InputFieldMeta pm;
        pm.kind = InputFieldMeta::Kind::Patch;
        pm.classOid = c.cls->oid;
        m_ctx.addInputField(inputName,
                            GeneratorContext::arg(m_ctx.inflector.patchField(tableField), TypeRef::named(names->patch).nonNull(),
                                                  GeneratorContext::wrap(QStringLiteral("An object where the defined keys will be set on the `%1` being %2d.").arg(typeName, mode), DescPos::Field)),
                            pm);
    };

    // By node id
    if (m_ctx.nodeEnabled() && c.primaryKey) {
        const QString fieldName = update ? m_ctx.inflector.updateNode(sing) : m_ctx.inflector.deleteNode(sing);
        const QString inputName = update ? m_ctx.inflector.updateNodeInputType(sing) : m_ctx.inflector.deleteNodeInputType(sing);
        m_ctx.ensureType(TypeKind::InputObject, inputName,
                         GeneratorContext::wrap(QStringLiteral("All input for the `%1` mutation.").arg(fieldName), DescPos::Type), update ? 3 : 2);
        addClientMutationIdInput(inputName);
        InputFieldMeta nm;
        nm.kind = InputFieldMeta::Kind::NodeId;
        nm.classOid = c.cls->oid;
        m_ctx.addInputField(inputName,
                            GeneratorContext::arg(m_ctx.nodeIdFieldName(), TypeRef::named(QStringLiteral("ID")).nonNull(),
                                                  GeneratorContext::wrap(QStringLiteral("The globally unique `ID` which will identify a single `%1` to be %2d.").arg(typeName, mode), DescPos::Field)),
                            nm);
        addPatchField(inputName);
        ensureMutationType(m_ctx);
        Field f;
        f.name = fieldName;
        f.description = GeneratorContext::wrap(update ? QStringLiteral("Updates a single `%1` using its globally unique id and a patch.").arg(typeName)
                                                      : QStringLiteral("Deletes a single `%1` using its globally unique id.").arg(typeName), DescPos::Field);
        f.type = TypeRef::named(resultType);
        f.arguments << inputArg(inputName);
        FieldMeta m = base;
        m.kind = update ? FieldMeta::Kind::UpdateByNodeId : FieldMeta::Kind::DeleteByNodeId;
        m.keyAttrNums = c.primaryKey->keyAttrNums;
        if (auto d = GeneratorContext::deprecation(c.tags)) f.deprecationReason = d;
        m_ctx.addField(kMutation, f, m);
    }

    // By unique key
    for (const PgConstraintInfo *con : c.constraints) {
        if ((con->type != 'p' && con->type != 'u') || m_ctx.model.omit(*con, mode))
            continue;
        const QList<const PgAttrInfo *> keys = c.attrsByNums(con->keyAttrNums);
        bool skip = false;
        for (const PgAttrInfo *k : keys)
            skip = skip || !k || m_ctx.model.omit(*k, QStringLiteral("read"));
        if (skip)
            continue;
        const QStringList keyNames = m_ctx.keyColumnNames(c, con->keyAttrNums);
        const bool isPk = con->type == 'p';
        const QString fieldName = update ? m_ctx.inflector.updateByKeys(sing, keyNames, isPk, con->tags.value(QStringLiteral("updateFieldName")))
                                         : m_ctx.inflector.deleteByKeys(sing, keyNames, isPk, con->tags.value(QStringLiteral("deleteFieldName")));
        const QString inputName = update ? m_ctx.inflector.updateByKeysInputType(sing, keyNames, isPk, con->tags.value(QStringLiteral("updateFieldName")))
                                         : m_ctx.inflector.deleteByKeysInputType(sing, keyNames, isPk, con->tags.value(QStringLiteral("deleteFieldName")));
        m_ctx.ensureType(TypeKind::InputObject, inputName,
                         GeneratorContext::wrap(QStringLiteral("All input for the `%1` mutation.").arg(fieldName), DescPos::Type),
                         (update ? 2 : 1) + keys.size());
        addClientMutationIdInput(inputName);
        addPatchField(inputName);
        for (const PgAttrInfo *k : keys) {
            auto t = m_ctx.types->input(*k);
            InputFieldMeta km;
            km.classOid = c.cls->oid;
            km.attNum = k->attr->num;
            km.pgTypeOid = k->attr->typeOid;
            m_ctx.addInputField(inputName,
                                GeneratorContext::arg(m_ctx.columnField(*k), (t ? *t : TypeRef::named(QStringLiteral("String"))).nonNull(), k->description),
                                km);
        }
        ensureMutationType(m_ctx);
        Field f;
        f.name = fieldName;
        f.description = GeneratorContext::wrap(update ? QStringLiteral("Updates a single `%1` using a unique key and a patch.").arg(typeName)
                                                      : QStringLiteral("Deletes a single `%1` using a unique key.").arg(typeName), DescPos::Field);
        f.type = TypeRef::named(resultType);
        f.arguments << inputArg(inputName);
        FieldMeta m = base;
        m.kind = update ? FieldMeta::Kind::UpdateByKey : FieldMeta::Kind::DeleteByKey;
        m.constraintOid = con->oid;
        m.constraintName = con->name;
        m.keyAttrNums = con->keyAttrNums;
        if (auto d = GeneratorContext::deprecation(c.tags)) f.deprecationReason = d;
        m_ctx.addField(kMutation, f, m);
    }
}

} // namespace refract::reflect
