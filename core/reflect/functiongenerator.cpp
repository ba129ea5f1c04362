#include "functiongenerator.h"

#include "mutationgenerator.h"
#include "tablegenerator.h"
#include "typemapper.h"

#include <QRegularExpression>

namespace refract::reflect {

using graphql::Field;
using graphql::InputValue;
using graphql::NamedType;
using graphql::TypeKind;
using graphql::TypeRef;

namespace {

constexpr Oid kRecordOid = 2249;
constexpr Oid kVoidOid = 2278;
const QString kExecute = QStringLiteral("execute");

} // namespace

bool FunctionGenerator::isStable(const PgProcInfo &p) const
{
    return p.fn->volatility == 'i' || p.fn->volatility == 's';
}

FunctionGenerator::Details FunctionGenerator::details(const PgProcInfo &p, bool computed) const
{
    Details d;
    int inputIndex = 0;
    bool skippedRow = !computed;
    for (const FunctionArg &a : p.fn->args) {
        if (a.mode == 'i' || a.mode == 'b') {
            if (!skippedRow) {
                skippedRow = true;
            } else {
                d.inputs << ArgInfo{a.name, a.typeOid, inputIndex++};
            }
        }
        if (a.mode == 'o' || a.mode == 'b' || a.mode == 't') {
            d.outNames << a.name;
            d.outTypes << a.typeOid;
        }
    }
    return d;
}

static const PgClassInfo *selectableClassOfType(const PgModel &model, Oid typeOid)
{
    const PgTypeInfo *ti = model.typeByOid(typeOid);
    if (!ti || ti->type->type != 'c')
        return nullptr;
    const PgClassInfo *c = model.classByTypeOid(typeOid);
    return c && c->isSelectable ? c : nullptr;
}

const PgClassInfo *FunctionGenerator::computedColumnOf(const PgProcInfo &p, QString *pseudo) const
{
    if (!isStable(p) || p.fn->args.isEmpty())
        return nullptr;
    const PgClassInfo *c = m_ctx.model.classByTypeOid(p.fn->args.first().typeOid);
    if (!c || !c->exposed || c->cls->namespaceOid != p.fn->namespaceOid)
        return nullptr;
    if (!p.fn->name.startsWith(c->cls->name + QLatin1Char('_')))
        return nullptr;
    for (const ArgInfo &a : details(p, true).inputs)
        if (selectableClassOfType(m_ctx.model, a.typeOid))
            return nullptr;
    *pseudo = p.fn->name.mid(c->cls->name.size() + 1);
    return c;
}

bool FunctionGenerator::isComputedLike(const PgProcInfo &p) const
{
    const Details d = details(p, false);
    if (d.inputs.isEmpty())
        return false;
    const PgTypeInfo *ti = m_ctx.model.typeByOid(d.inputs.first().typeOid);
    if (!ti || ti->type->type != 'c' || !m_ctx.model.classByTypeOid(ti->type->oid))
        return false;
    return ti->type->namespaceOid == p.fn->namespaceOid && p.fn->name.startsWith(ti->type->name + QLatin1Char('_'));
}

void FunctionGenerator::ensureRecordTypes(const PgProcInfo &p, const QString &procFieldName, bool isMutation)
{
    const QString fn = m_ctx.functionName(p);
    const QString name = m_ctx.inflector.recordFunctionReturnType(fn, p.tags.value(QStringLiteral("resultTypeName")));
    if (m_ctx.schema.type(name))
        return;
    const Details d = details(p, false);
    m_ctx.ensureType(TypeKind::Object, name,
                     GeneratorContext::wrap(QStringLiteral("The return type of our `%1` %2.").arg(procFieldName, isMutation ? QStringLiteral("mutation") : QStringLiteral("query")), DescPos::Type));
    for (qsizetype i = 0; i < d.outNames.size(); ++i) {
        Field f;
        f.name = m_ctx.inflector.argument(d.outNames[i], int(i) + 1);
        auto t = m_ctx.types->output(d.outTypes[i]);
        f.type = t ? *t : TypeRef::named(QStringLiteral("String"));
        m_ctx.addField(name, f);
    }
}

void FunctionGenerator::ensureScalarConnection(const PgProcInfo &p, const TypeRef &nodeType, bool isRecord)
{
    const QString fn = m_ctx.functionName(p);
    const QString connName = isRecord ? m_ctx.inflector.recordFunctionConnection(fn) : m_ctx.inflector.scalarFunctionConnection(fn);
    const QString edgeName = isRecord ? m_ctx.inflector.recordFunctionEdge(fn) : m_ctx.inflector.scalarFunctionEdge(fn);
    if (m_ctx.schema.type(connName))
        return;
    const QString nodeName = nodeType.toString();
    const TypeRef itemType = isRecord && !m_ctx.options.setofFunctionsContainNulls ? nodeType.nonNull() : nodeType;
    FieldMeta base;
    base.functionOid = p.fn->oid;
    m_ctx.types->ensureScalar(QStringLiteral("Cursor"));
    m_ctx.ensureType(TypeKind::Object, edgeName, GeneratorContext::wrap(QStringLiteral("A `%1` edge in the connection.").arg(nodeName), DescPos::Type));
    Field cursor;
    cursor.name = QStringLiteral("cursor");
    cursor.description = GeneratorContext::wrap(QStringLiteral("A cursor for use in pagination."), DescPos::Field);
    cursor.type = TypeRef::named(QStringLiteral("Cursor"));
    base.kind = FieldMeta::Kind::EdgeCursor;
    m_ctx.addField(edgeName, cursor, base);
    Field node;
    node.name = QStringLiteral("node");
    node.description = GeneratorContext::wrap(QStringLiteral("The `%1` at the end of the edge.").arg(nodeName), DescPos::Field);
    node.type = itemType;
    base.kind = FieldMeta::Kind::EdgeNode;
    m_ctx.addField(edgeName, node, base);

    m_ctx.ensureType(TypeKind::Object, connName, GeneratorContext::wrap(QStringLiteral("A connection to a list of `%1` values.").arg(nodeName), DescPos::Type));
    Field nodes;
    nodes.name = QStringLiteral("nodes");
    nodes.description = GeneratorContext::wrap(QStringLiteral("A list of `%1` objects.").arg(nodeName), DescPos::Field);
    nodes.type = itemType.list().nonNull();
    base.kind = FieldMeta::Kind::ConnectionNodes;
    m_ctx.addField(connName, nodes, base);
    Field edges;
    edges.name = QStringLiteral("edges");
    edges.description = GeneratorContext::wrap(QStringLiteral("A list of edges which contains the `%1` and cursor to aid in pagination.").arg(nodeName), DescPos::Field);
    edges.type = TypeRef::named(edgeName).nonNull().list().nonNull();
    base.kind = FieldMeta::Kind::ConnectionEdges;
    m_ctx.addField(connName, edges, base);
    // PgScalarFunctionConnectionPlugin/PgRecordFunctionConnectionPlugin add no pageInfo.
    Field total;
    total.name = QStringLiteral("totalCount");
    total.description = GeneratorContext::wrap(QStringLiteral("The count of *all* `%1` you could get from the connection.").arg(nodeName), DescPos::Field);
    total.type = TypeRef::named(QStringLiteral("Int")).nonNull();
    base.kind = FieldMeta::Kind::ConnectionTotalCount;
    m_ctx.addField(connName, total, base);
}

void FunctionGenerator::addComputedOrderAndCondition()
{
    for (const PgClassInfo &c : m_ctx.model.classes()) {
        if (!m_ctx.hasRowType(c) || !c.exposed || !c.isSelectable || !c.type)
            continue;
        const QString typeName = m_ctx.tableTypeName(c);
        const QString orderName = m_ctx.inflector.orderByType(typeName);
        const QString condName = m_ctx.inflector.conditionType(typeName);
        for (const ComputedColumn &cc : m_computedByClass.value(&c)) {
            const PgProcInfo &p = *cc.proc;
            const QString &pseudo = cc.pseudo;
            const bool sortable = p.tags.has(QStringLiteral("sortable"));
            const bool filterable = p.tags.has(QStringLiteral("filterable"));
            if ((!sortable && !filterable) || m_ctx.model.omit(p, kExecute))
                continue;
            if (p.fn->inputArgsCount - p.fn->argDefaultsCount > 1 || p.fn->returnsSet)
                continue;
            const PgTypeInfo *rt = m_ctx.model.typeByOid(p.fn->returnTypeOid);
            if (!rt || rt->type->category == 'A' || m_ctx.model.classByTypeOid(rt->type->oid)
                || rt->type->oid == kRecordOid || rt->type->oid == kVoidOid)
                continue;
            const QString fieldName = m_ctx.inflector.computedColumn(pseudo, p.tags.value(QStringLiteral("fieldName")), false);
            NamedType *order = m_ctx.schema.type(orderName);
            if (sortable && order) {
                for (bool asc : {true, false}) {
                    graphql::EnumValue v;
                    v.name = m_ctx.inflector.orderByEnum(fieldName, asc);
                    order = m_ctx.schema.type(orderName);
                    // PgOrderComputedColumnsPlugin runs before PgOrderByPrimaryKeyPlugin.
                    qsizetype at = order->enumValues.size();
                    for (qsizetype i = 0; i < order->enumValues.size(); ++i)
                        if (order->enumValues[i].name == QLatin1String("PRIMARY_KEY_ASC")) {
                            at = i;
                            break;
                        }
                    order->enumValues.insert(at, v);
                    OrderByMeta om;
                    om.alias = v.name.toLower();
                    om.specs << OrderByMeta::Spec{0, p.fn->oid, asc};
                    om.unique = p.tags.has(QStringLiteral("isUnique"));
                    m_ctx.meta.orderByValues.insert(orderName + QLatin1Char('.') + v.name, om);
                }
            }
            if (filterable && m_ctx.schema.type(condName)) {
                auto t = m_ctx.types->input(p.fn->returnTypeOid);
                if (!t)
                    continue;
                InputFieldMeta im;
                im.kind = InputFieldMeta::Kind::FunctionArgument;
                im.functionOid = p.fn->oid;
                im.pgTypeOid = p.fn->returnTypeOid;
                m_ctx.addInputField(condName,
                                    GeneratorContext::arg(fieldName, *t,
                                                          m_ctx.equalityDescription(fieldName)),
                                    im);
            }
        }
    }
}

void FunctionGenerator::generate()
{
    m_computedByClass.clear();
    for (const PgProcInfo &p : m_ctx.model.procs()) {
        QString pseudo;
        if (const PgClassInfo *c = computedColumnOf(p, &pseudo))
            m_computedByClass[c].append(ComputedColumn{&p, pseudo});
    }
    addComputedOrderAndCondition();
    // Record types and scalar/record connections first (PgRecordReturnTypesPlugin and the
    // connection plugins run at init, before fields are built).
    for (const PgProcInfo &p : m_ctx.model.procs()) {
        if (m_ctx.model.omit(p, kExecute))
            continue;
        const PgTypeInfo *rt = m_ctx.model.typeByOid(p.fn->returnTypeOid);
        if (!rt)
            continue;
        const bool mutation = !isStable(p);
        if (p.fn->returnTypeOid == kRecordOid) {
            QString procFieldName;
            QString pseudo;
            const Details d = details(p, false);
            const PgTypeInfo *first = d.inputs.isEmpty() ? nullptr : m_ctx.model.typeByOid(d.inputs.first().typeOid);
            const bool computed = first && first->type->type == 'c' && m_ctx.model.classByTypeOid(first->type->oid)
                                  && first->type->namespaceOid == p.fn->namespaceOid
                                  && p.fn->name.startsWith(first->type->name + QLatin1Char('_'));
            if (mutation)
                procFieldName = m_ctx.inflector.functionMutationName(m_ctx.functionName(p));
            else if (computed)
                procFieldName = m_ctx.inflector.computedColumn(p.fn->name.mid(first->type->name.size() + 1),
                                                               p.tags.value(QStringLiteral("fieldName")), p.fn->returnsSet);
            else
                procFieldName = m_ctx.inflector.functionQueryName(m_ctx.functionName(p), p.fn->returnsSet);
            ensureRecordTypes(p, procFieldName, mutation);
            if (p.fn->returnsSet)
                ensureScalarConnection(p, TypeRef::named(m_ctx.inflector.recordFunctionReturnType(m_ctx.functionName(p), p.tags.value(QStringLiteral("resultTypeName")))), true);
        } else if (p.fn->returnsSet && !m_ctx.model.classByTypeOid(p.fn->returnTypeOid)) {
            auto t = m_ctx.types->output(p.fn->returnTypeOid);
            ensureScalarConnection(p, t ? *t : TypeRef::named(QStringLiteral("String")), false);
        }
    }

    // Computed columns on every exposed class.
    for (const PgClassInfo &c : m_ctx.model.classes()) {
        if (!m_ctx.hasRowType(c) || !c.exposed || !c.type)
            continue;
        for (const ComputedColumn &cc : m_computedByClass.value(&c)) {
            const PgProcInfo &p = *cc.proc;
            const QString &pseudo = cc.pseudo;
            if (m_ctx.model.omit(p, kExecute))
                continue;
            const QString mode = m_ctx.simpleCollections(p.tags);
            const QString fieldNameTag = p.tags.value(QStringLiteral("fieldName"));
            const QString typeName = m_ctx.tableTypeName(c);
            if (!p.fn->returnsSet || mode != QLatin1String("only"))
                makeField(p, Mode::Computed, false, typeName, m_ctx.inflector.computedColumn(pseudo, fieldNameTag, p.fn->returnsSet), &c);
            if (p.fn->returnsSet && (mode == QLatin1String("only") || mode == QLatin1String("both")))
                makeField(p, Mode::Computed, true, typeName, m_ctx.inflector.computedColumnList(pseudo, fieldNameTag), &c);
        }
    }

    // Custom queries and mutations.
    for (const PgProcInfo &p : m_ctx.model.procs()) {
        if (m_ctx.model.omit(p, kExecute))
            continue;
        const QString fn = m_ctx.functionName(p);
        if (isStable(p)) {
            bool skip = false;
            for (const ArgInfo &a : details(p, false).inputs)
                skip = skip || selectableClassOfType(m_ctx.model, a.typeOid);
            if (skip || isComputedLike(p))
                continue;
            const QString mode = m_ctx.simpleCollections(p.tags);
            if (!p.fn->returnsSet || mode != QLatin1String("only"))
                makeField(p, Mode::Query, false, QStringLiteral("Query"), m_ctx.inflector.functionQueryName(fn, p.fn->returnsSet), nullptr);
            if (p.fn->returnsSet && (mode == QLatin1String("only") || mode == QLatin1String("both")))
                makeField(p, Mode::Query, true, QStringLiteral("Query"), m_ctx.inflector.functionQueryNameList(fn), nullptr);
        } else {
            makeField(p, Mode::Mutation, false, QStringLiteral("Mutation"), m_ctx.inflector.functionMutationName(fn), nullptr);
        }
    }
}

void FunctionGenerator::makeField(const PgProcInfo &p, Mode mode, bool forceList, const QString &parentType,
                                  const QString &fieldName, const PgClassInfo *computedOn)
{
    const bool isMutation = mode == Mode::Mutation;
    const bool computed = mode == Mode::Computed;
    const bool isRootQuery = mode == Mode::Query;
    const bool unwrap = isMutation && m_ctx.inflector.preset() == Preset::AppSync;
    const Details d = details(p, computed);
    const QString fn = m_ctx.functionName(p);

    // Arguments (procFieldDetails)
    const int requiredArgCount = std::max(0, int(d.inputs.size()) - p.fn->argDefaultsCount);
    const int notNullArgCount = (p.fn->isStrict || m_ctx.options.pgStrictFunctions) ? requiredArgCount : 0;
    static const QRegularExpression patchName(QStringLiteral("(_p|P)atch$"));
    QList<InputValue> args;
    for (const ArgInfo &a : d.inputs) {
        InputVariant variant = InputVariant::Create;
        const QString tagVariant = p.tags.value(QStringLiteral("arg%1variant").arg(a.index));
        if (tagVariant == QLatin1String("patch") || (tagVariant.isEmpty() && patchName.match(a.name).hasMatch()))
            variant = InputVariant::Patch;
        else if (tagVariant == QLatin1String("base"))
            variant = InputVariant::Base;
        auto t = m_ctx.types->input(a.typeOid, -1, variant);
        if (!t) {
            m_ctx.warnings << QStringLiteral("could not determine the type of argument %1 of function %2.%3; skipped")
                                  .arg(a.index).arg(p.fn->namespaceName, p.fn->name);
            return;
        }
        args << GeneratorContext::arg(m_ctx.inflector.argument(a.name, a.index), a.index < notNullArgCount ? t->nonNull() : *t);
        InputFieldMeta im;
        im.kind = InputFieldMeta::Kind::FunctionArgument;
        im.functionOid = p.fn->oid;
        im.argIndex = a.index;
        im.pgTypeOid = a.typeOid;
        m_ctx.meta.inputFields.insert(parentType + QLatin1Char('.') + fieldName + QLatin1Char('(') + args.last().name + QLatin1Char(')'), im);
    }

    // Return type (makeProcField)
    const PgTypeInfo *raw = m_ctx.model.typeByOid(p.fn->returnTypeOid);
    if (!raw)
        return;
    const bool rawIsArray = raw->type->category == 'A' && raw->type->arrayItemOid;
    const Oid returnOid = rawIsArray ? raw->type->arrayItemOid : raw->type->oid;
    const PgClassInfo *returnTable = m_ctx.model.classByTypeOid(returnOid);
    const bool isTableLike = returnTable && m_ctx.hasRowType(*returnTable) && !m_ctx.types->isJwtType(returnOid);
    const bool isRecord = returnOid == kRecordOid;
    const bool forbidNulls = !m_ctx.options.setofFunctionsContainNulls;
    TypeRef type;
    bool isConnection = false;
    bool isSimpleCollection = false;
    if (isTableLike) {
        const TypeRef tableType = TypeRef::named(m_ctx.tableTypeName(*returnTable));
        if (p.fn->returnsSet) {
            if (isMutation || forceList) {
                type = (forbidNulls ? tableType.nonNull() : tableType).list();
                isSimpleCollection = forceList;
            } else {
                type = TypeRef::named(m_ctx.inflector.connection(tableType.name));
                isConnection = true;
            }
        } else {
            type = rawIsArray ? tableType.list() : tableType;
        }
    } else if (isRecord) {
        const TypeRef recordType = TypeRef::named(m_ctx.inflector.recordFunctionReturnType(fn, p.tags.value(QStringLiteral("resultTypeName"))));
        if (p.fn->returnsSet) {
            if (isMutation || forceList) {
                type = recordType.list();
                isSimpleCollection = forceList;
            } else {
                type = TypeRef::named(m_ctx.inflector.recordFunctionConnection(fn));
                isConnection = true;
            }
        } else {
            type = rawIsArray ? recordType.list() : recordType;
        }
    } else {
        auto t = m_ctx.types->output(returnOid);
        const TypeRef scalar = t ? *t : TypeRef::named(QStringLiteral("String"));
        if (p.fn->returnsSet) {
            if (isMutation || forceList || !m_ctx.schema.type(m_ctx.inflector.scalarFunctionConnection(fn))) {
                type = scalar.list();
                isSimpleCollection = !isMutation;
            } else {
                type = TypeRef::named(m_ctx.inflector.scalarFunctionConnection(fn));
                isConnection = true;
            }
        } else {
            type = rawIsArray ? scalar.list() : scalar;
        }
    }

    FieldMeta meta;
    meta.kind = isMutation ? FieldMeta::Kind::CustomMutation
              : computed ? (isConnection ? FieldMeta::Kind::ComputedColumnConnection
                                         : isSimpleCollection ? FieldMeta::Kind::ComputedColumnList : FieldMeta::Kind::ComputedColumn)
                         : (isConnection ? FieldMeta::Kind::CustomQueryConnection
                                         : isSimpleCollection ? FieldMeta::Kind::CustomQueryList : FieldMeta::Kind::CustomQuery);
    meta.functionOid = p.fn->oid;
    meta.returnsSet = p.fn->returnsSet;
    meta.classOid = computedOn ? computedOn->cls->oid : (isTableLike ? returnTable->cls->oid : 0);
    meta.payloadUnwrapped = unwrap;

    Field f;
    f.name = fieldName;
    if (p.description)
        f.description = p.description;
    else if (!isMutation && isTableLike && p.fn->returnsSet)
        f.description = m_ctx.shared(GeneratorContext::wrap(QStringLiteral("Reads and enables pagination through a set of `%1`.").arg(m_ctx.tableTypeName(*returnTable)), DescPos::Field));

    if (isConnection || isSimpleCollection) {
        // Pagination arguments; orderBy/condition only for @sortable/@filterable table functions.
        if (isTableLike) {
            QList<InputValue> extra = m_tables.collectionArgs(*returnTable, isConnection, p.tags.has(QStringLiteral("sortable")),
                                                              p.tags.has(QStringLiteral("filterable")));
            if (isConnection && p.tags.has(QStringLiteral("sortable"))) {
                // makeProcField connections get no default orderBy (PgConnectionArgOrderByDefaultValue is for tables).
                for (InputValue &a : extra)
                    if (a.name == QLatin1String("orderBy"))
                        a.defaultValue.reset();
            }
            args << extra;
        } else {
            args << GeneratorContext::arg(QStringLiteral("first"), TypeRef::named(QStringLiteral("Int")),
                                          GeneratorContext::wrap(QStringLiteral("Only read the first `n` values of the set."), DescPos::Arg));
            if (isConnection)
                args << GeneratorContext::arg(QStringLiteral("last"), TypeRef::named(QStringLiteral("Int")),
                                              GeneratorContext::wrap(QStringLiteral("Only read the last `n` values of the set."), DescPos::Arg));
            args << GeneratorContext::arg(QStringLiteral("offset"), TypeRef::named(QStringLiteral("Int")),
                                          GeneratorContext::wrap(isConnection ? QStringLiteral("Skip the first `n` values from our `after` cursor, an alternative to cursor based pagination. May not be used with `last`.")
                                                                              : QStringLiteral("Skip the first `n` values."), DescPos::Arg));
            if (isConnection) {
                args << GeneratorContext::arg(QStringLiteral("before"), TypeRef::named(QStringLiteral("Cursor")),
                                              GeneratorContext::wrap(QStringLiteral("Read all values in the set before (above) this cursor."), DescPos::Arg));
                args << GeneratorContext::arg(QStringLiteral("after"), TypeRef::named(QStringLiteral("Cursor")),
                                              GeneratorContext::wrap(QStringLiteral("Read all values in the set after (below) this cursor."), DescPos::Arg));
            }
        }
    }

    if (isMutation) {
        const QString mutationName = m_ctx.inflector.functionMutationName(fn);
        const QString inputName = m_ctx.inflector.functionInputType(fn);
        // Without clientMutationId (appsync) an argument-less function would get an empty input
        // object, which GraphQL forbids: it takes no `input` then.
        const bool hasInput = !(unwrap && args.isEmpty());
        if (hasInput) {
            m_ctx.ensureType(TypeKind::InputObject, inputName,
                             GeneratorContext::wrap(QStringLiteral("All input for the `%1` mutation.").arg(mutationName), DescPos::Type));
            m_mutations.addClientMutationIdInput(inputName);
        }
        for (const InputValue &a : args) {
            InputFieldMeta im = m_ctx.meta.inputFields.take(parentType + QLatin1Char('.') + fieldName + QLatin1Char('(') + a.name + QLatin1Char(')'));
            m_ctx.addInputField(inputName, a, im);
        }
        const bool isVoid = returnOid == kVoidOid;
        if (unwrap) {
            f.type = isVoid ? TypeRef::named(QStringLiteral("Boolean")) : type;
        } else {
            const QString payloadName = m_ctx.inflector.functionPayloadType(fn);
            m_ctx.ensureType(TypeKind::Object, payloadName,
                             GeneratorContext::wrap(QStringLiteral("The output of our `%1` mutation.").arg(mutationName), DescPos::Type));
            m_mutations.addPayloadClientMutationId(payloadName, meta);
            if (!isVoid) {
                Field r;
                QStringList outNames = d.outNames;
                r.name = m_ctx.inflector.functionMutationResultFieldName(p.tags.value(QStringLiteral("resultFieldName")), type.name,
                                                                         isRecord, p.fn->returnsSet || rawIsArray, outNames);
                r.type = type;
                FieldMeta rm = meta;
                rm.kind = FieldMeta::Kind::PayloadRow;
                m_ctx.addField(payloadName, r, rm);
            }
            m_mutations.addPayloadExtras(isTableLike && !p.fn->returnsSet ? returnTable : nullptr, payloadName, meta);
            f.type = TypeRef::named(payloadName);
        }
        if (hasInput)
            f.arguments << MutationGenerator::inputArg(inputName);
        if (p.tags.has(QStringLiteral("notNull")))
            f.type = f.type.nonNull();
        m_ctx.ensureType(TypeKind::Object, QStringLiteral("Mutation"),
                         GeneratorContext::wrap(QStringLiteral("The root mutation type which contains root level fields which mutate data."), DescPos::Type));
        if (auto d = GeneratorContext::deprecation(p.tags)) f.deprecationReason = d;
        m_ctx.addField(QStringLiteral("Mutation"), f, meta);
        return;
    }

    f.type = type;
    f.arguments = args;
    if (p.tags.has(QStringLiteral("notNull")) || (isConnection && !isRootQuery))
        f.type = f.type.nonNull();
    if (auto d = GeneratorContext::deprecation(p.tags)) f.deprecationReason = d;
    m_ctx.addField(parentType, f, meta);
}

} // namespace refract::reflect
