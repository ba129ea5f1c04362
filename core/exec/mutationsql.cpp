#include "compilecontext.h"

// Mutations: create/update/delete by nodeId and by unique key, and custom mutations. Like
// PostGraphile (viaTemporaryTable.js) the payload is read in a second statement, after the change,
// so that computed columns and relations see the changed rows; the two statements are pipelined
// together: the first keeps the rows' text forms in a transaction-local setting that the second
// unnests, so no value makes a round trip through the client.
namespace refract::exec {

using namespace refract::graphql;
using reflect::FieldMeta;
using reflect::InputFieldMeta;
using reflect::Oid;

namespace {

const QString kRowsSetting = QStringLiteral("refract.mutation_rows");

QString inputTypeOf(const Field *sf)
{
    if (sf)
        for (const InputValue &iv : sf->arguments)
            if (iv.name == QLatin1String("input"))
                return iv.type.name;
    return QString();
}

} // namespace

void CompileContext::compileMutation(const QString &parentType, const CollectedField &f, CompiledField *out)
{
    const FieldMeta *m = m_c.m_meta.field(parentType, f.name());
    if (!m)
        throw CompileFailure{QStringLiteral("Cannot query field \"%1\" on type \"%2\".").arg(f.name(), parentType)};
    const Field *sf = schemaField(parentType, f.name());
    const QString payloadType = sf ? sf->type.name : QString();
    const QString inputType = inputTypeOf(sf);
    const QJsonObject input = argument(f, parentType, QStringLiteral("input")).toObject();
    const NamedType *inType = m_c.schema().type(inputType);
    const Oid classOid = m->classOid;

    auto inputMeta = [&](const QString &type, const QString &field) -> const InputFieldMeta * {
        auto it = m_c.m_meta.inputFields.constFind(type + QLatin1Char('.') + field);
        return it == m_c.m_meta.inputFields.cend() ? nullptr : &it.value();
    };
    // Column values of a row input or patch object, in the input type's field order.
    auto columnValues = [&](const InputFieldMeta::Kind kind, QStringList *cols, QStringList *vals) {
        for (const InputValue &iv : inType ? inType->inputFields : QList<InputValue>{}) {
            const InputFieldMeta *im = inputMeta(inputType, iv.name);
            if (!im || im->kind != kind || !input.value(iv.name).isObject())
                continue;
            const QJsonObject row = input.value(iv.name).toObject();
            const NamedType *rowType = m_c.schema().type(iv.type.name);
            for (const InputValue &col : rowType ? rowType->inputFields : QList<InputValue>{}) {
                if (!row.contains(col.name))
                    continue;
                const InputFieldMeta *cm = inputMeta(iv.type.name, col.name);
                if (!cm || cm->kind != InputFieldMeta::Kind::Column)
                    continue;
                *cols << columnName(classOid, cm->attNum);
                *vals << valueParam(row.value(col.name), columnType(classOid, cm->attNum));
            }
        }
    };
    // The WHERE clause of update/delete: the nodeId's primary key or the unique key's input fields.
    auto keyWhere = [&]() {
        QStringList conds;
        if (m->kind == FieldMeta::Kind::UpdateByNodeId || m->kind == FieldMeta::Kind::DeleteByNodeId) {
            const QString id = input.value(m_c.m_options.effectiveNodeIdFieldName()).toString();
            auto decoded = decodeNodeId(id);
            if (!decoded)
                throw CompileFailure{QStringLiteral("Invalid ID")};
            if (decoded->first != classOid)
                throw CompileFailure{QStringLiteral("Mismatched type")};
            const QList<int> pk = primaryKey(classOid);
            if (pk.size() != decoded->second.size())
                throw CompileFailure{QStringLiteral("Invalid ID")};
            for (qsizetype i = 0; i < pk.size(); ++i)
                conds << columnName(classOid, pk[i]) + QStringLiteral(" = ") + valueParam(decoded->second[i], columnType(classOid, pk[i]));
        } else {
            for (const InputValue &iv : inType ? inType->inputFields : QList<InputValue>{}) {
                const InputFieldMeta *im = inputMeta(inputType, iv.name);
                if (!im || im->kind != InputFieldMeta::Kind::Column || !m->keyAttrNums.contains(im->attNum))
                    continue;
                conds << columnName(classOid, im->attNum) + QStringLiteral(" = ") + valueParam(input.value(iv.name), columnType(classOid, im->attNum));
            }
        }
        return conds.join(QStringLiteral(" and "));
    };

    QString change;
    Oid resultType = 0;
    bool resultIsSet = false;
    const reflect::Function *fn = nullptr;
    const QString collection = m_c.m_nodeAliasByClass.value(classOid, cls(classOid) ? cls(classOid)->name : QString());
    switch (m->kind) {
    case FieldMeta::Kind::CreateRow: {
        QStringList cols, vals;
        columnValues(InputFieldMeta::Kind::RowInput, &cols, &vals);
        change = cols.isEmpty() ? QStringLiteral("insert into %1 default values returning *").arg(tableSql(classOid))
                                : QStringLiteral("insert into %1 (%2) values (%3) returning *")
                                      .arg(tableSql(classOid), cols.join(QStringLiteral(", ")), vals.join(QStringLiteral(", ")));
        break;
    }
    case FieldMeta::Kind::UpdateByNodeId:
    case FieldMeta::Kind::UpdateByKey: {
        QStringList cols, vals;
        columnValues(InputFieldMeta::Kind::Patch, &cols, &vals);
        const QString where = keyWhere();
        QStringList sets;
        for (qsizetype i = 0; i < cols.size(); ++i)
            sets << cols[i] + QStringLiteral(" = ") + vals[i];
        if (sets.isEmpty()) {
            // PostGraphile answers an empty patch with null and sends no SQL.
            out->staticJson = "null";
            return;
        }
        change = QStringLiteral("update %1 set %2 where %3 returning *").arg(tableSql(classOid), sets.join(QStringLiteral(", ")), where);
        out->noRowsMessage = QStringLiteral("No values were updated in collection '%1' because no values you can update were found matching these criteria.").arg(collection);
        break;
    }
    case FieldMeta::Kind::DeleteByNodeId:
    case FieldMeta::Kind::DeleteByKey:
        change = QStringLiteral("delete from %1 where %2 returning *").arg(tableSql(classOid), keyWhere());
        out->noRowsMessage = QStringLiteral("No values were deleted in collection '%1' because no values you can delete were found matching these criteria.").arg(collection);
        break;
    case FieldMeta::Kind::CustomMutation: {
        fn = m_c.m_functions.value(m->functionOid);
        if (!fn)
            throw CompileFailure{QStringLiteral("Unknown function %1").arg(m->functionOid)};
        const QString call = functionCall(m->functionOid, QString(), f, parentType, &input, inputType);
        const QString a = newAlias();
        change = QStringLiteral("select %1 as v from %2 as %1").arg(a, call);
        resultType = fn->returnTypeOid;
        resultIsSet = fn->returnsSet;
        if (resultType == 2249)
            throw CompileFailure{QStringLiteral("Mutations returning records are not supported yet")};
        break;
    }
    default:
        throw CompileFailure{QStringLiteral("Field \"%1.%2\" is not supported yet").arg(parentType, f.name())};
    }
    if (!resultType && cls(classOid))
        resultType = cls(classOid)->typeOid;

    const reflect::Type *rt = m_c.catalogType(resultType);
    const bool rowResult = rt && rt->classOid && rt->category != 'A';

    // A payload that reads nothing but the changed row's own columns sees nothing the change could
    // have altered elsewhere: it is built in the same statement, from the rows the change returns
    // (one statement instead of two, and no rows kept as text in a setting). One output row per
    // changed row (a key or a nodeId changes at most one): none means nothing matched. Reading
    // the row's columns in scope, instead of scanning the CTE again for the row and for a count,
    // costs PostgreSQL ~20 % less per update.
    if (!fn && rowResult && payloadReadsOnlyRow(payloadType, f, m->payloadUnwrapped)) {
        out->sql = QStringLiteral("with __m as (%1) select %2 from __m").arg(change, payloadSql(payloadType, f, *m, QString(), resultType, false, input,
                                                                                                 QStringLiteral("__m")));
        out->params = takeParams();
        return;
    }

    // A function's result is the column `v`; a changed table row is the CTE's row itself.
    out->preSql = QStringLiteral("with __m as (%1) select set_config(%2, coalesce(array_agg(%3::text), '{}')::text, true) from __m")
                      .arg(change, textParam(kRowsSetting), fn ? QStringLiteral("__m.v") : QStringLiteral("__m"));
    out->preParams = takeParams();

    // The payload, over the changed rows read back as their type.
    const QString rows = resultType == 2278 // void
        ? QStringLiteral("(select __s as r from unnest(current_setting(%1)::text[]) as __s)").arg(textParam(kRowsSetting))
        : QStringLiteral("(select __s::%1 as r from unnest(current_setting(%2)::text[]) as __s)").arg(typeSql(resultType), textParam(kRowsSetting));
    out->sql = QStringLiteral("select %1, (select count(*) from %2 as %3)").arg(payloadSql(payloadType, f, *m, rows, resultType, resultIsSet, input), rows, newAlias());
    out->params = takeParams();
}

bool CompileContext::payloadReadsOnlyRow(const QString &payloadType, const CollectedField &f, bool unwrapped)
{
    auto pureRow = [&](const QString &type, const CollectedField &x) {
        if (isJwtScalar(type))
            return false;
        for (const CollectedField &y : subFields(type, x)) {
            if (y.name() == QLatin1String("__typename"))
                continue;
            const FieldMeta *ym = m_c.m_meta.field(type, y.name());
            if (!ym || (ym->kind != FieldMeta::Kind::Column && ym->kind != FieldMeta::Kind::NodeId))
                return false;
        }
        return true;
    };
    if (unwrapped)
        return pureRow(payloadType, f);
    for (const CollectedField &x : subFields(payloadType, f)) {
        if (x.name() == QLatin1String("__typename"))
            continue;
        const FieldMeta *pm = m_c.m_meta.field(payloadType, x.name());
        if (!pm)
            return false;
        if (pm->kind == FieldMeta::Kind::PayloadClientMutationId || pm->kind == FieldMeta::Kind::PayloadDeletedNodeId)
            continue;
        const Field *pf = schemaField(payloadType, x.name());
        if (pm->kind != FieldMeta::Kind::PayloadRow || !pf || !pureRow(pf->type.name, x))
            return false;
    }
    return true;
}

QString CompileContext::payloadSql(const QString &payloadType, const CollectedField &f, const reflect::FieldMeta &mutation,
                                   const QString &rows, reflect::Oid resultType, bool resultIsSet, const QJsonObject &input,
                                   const QString &rowInScope)
{
    const FieldMeta *m = &mutation;
    const Oid classOid = m->classOid;
    const reflect::Type *rt = m_c.catalogType(resultType);
    const bool rowResult = rt && rt->classOid && rt->category != 'A';
    // Each part reads the changed rows through `rows`, or, with one row in scope, reads it directly.
    auto fromRows = [&](const QString &expr, const QString &alias, bool set) {
        if (!rowInScope.isEmpty())
            return expr;
        return (set ? QStringLiteral("(select json_agg(%1) from %2 as %3)") : QStringLiteral("(select %1 from %2 as %3 limit 1)")).arg(expr, rows, alias);
    };
    auto rowOf = [&](const QString &alias) { return rowInScope.isEmpty() ? QStringLiteral("(%1.r)").arg(alias) : rowInScope; };
    if (m->payloadUnwrapped) {
        // appsync preset: the mutation answers with the row (or function result) itself.
        const QString e = newAlias();
        const QString rowRef = rowOf(e);
        const QString item = rowResult && !isJwtScalar(payloadType) ? QStringLiteral("(case when %1 is null then null else %2 end)").arg(rowRef, rowJson(payloadType, rowRef, subFields(payloadType, f)))
                                       : formatValue(rowRef, resultType, payloadType, &f);
        return QStringLiteral("to_json(%1)::text").arg(fromRows(item, e, resultIsSet));
    }
    QList<QPair<QString, QString>> kv;
    for (const CollectedField &x : subFields(payloadType, f)) {
        const QString n = x.name();
        if (n == QLatin1String("__typename")) {
            kv << qMakePair(x.key, textParam(payloadType));
            continue;
        }
        const FieldMeta *pm = m_c.m_meta.field(payloadType, n);
        if (!pm)
            throw CompileFailure{QStringLiteral("Cannot query field \"%1\" on type \"%2\".").arg(n, payloadType)};
        const Field *pf = schemaField(payloadType, n);
        const QString type = pf ? pf->type.name : QString();
        const QString e = newAlias();
        const QString rowRef = rowOf(e);
        switch (pm->kind) {
        case FieldMeta::Kind::PayloadClientMutationId:
            kv << qMakePair(x.key, valueParam(input.value(QStringLiteral("clientMutationId")), 25));
            break;
        case FieldMeta::Kind::PayloadRow:
            if (rowResult && !isJwtScalar(type)) {
                // A function's null row (all attributes null) is null, as in PostGraphile.
                const QString row = QStringLiteral("(case when %1 is null then null else %2 end)").arg(rowRef, rowJson(type, rowRef, subFields(type, x)));
                kv << qMakePair(x.key, fromRows(row, e, resultIsSet));
            }
            else
                kv << qMakePair(x.key, fromRows(formatValue(rowRef, resultType, type, &x), e, resultIsSet));
            break;
        case FieldMeta::Kind::PayloadRelation:
            kv << qMakePair(x.key, fromRows(rowFieldExpression(payloadType, rowRef, x), e, false));
            break;
        case FieldMeta::Kind::PayloadDeletedNodeId:
            kv << qMakePair(x.key, fromRows(nodeIdSql(classOid, rowRef), e, false));
            break;
        case FieldMeta::Kind::PayloadQuery: {
            QList<QPair<QString, QString>> q;
            for (const CollectedField &y : subFields(type, x))
                q << qMakePair(y.key, rootExpression(type, y));
            kv << qMakePair(x.key, objectSql(q));
            break;
        }
        case FieldMeta::Kind::PayloadEdge: {
            RowSource src;
            src.from = tableSql(rt && rt->classOid ? rt->classOid : classOid);
            src.classOid = rt && rt->classOid ? rt->classOid : classOid;
            QList<QPair<QString, QString>> ekv;
            const QString cursor = orderCursorSql(x, payloadType, src, rowRef);
            for (const CollectedField &y : subFields(type, x)) {
                if (y.name() == QLatin1String("cursor"))
                    ekv << qMakePair(y.key, cursor.isEmpty() ? QStringLiteral("NULL::text") : cursor);
                else if (y.name() == QLatin1String("node")) {
                    const Field *nf = schemaField(type, QStringLiteral("node"));
                    const QString nodeType = nf ? nf->type.name : QString();
                    ekv << qMakePair(y.key, rowJson(nodeType, rowRef, subFields(nodeType, y)));
                } else {
                    ekv << qMakePair(y.key, textParam(type));
                }
            }
            kv << qMakePair(x.key, fromRows(objectSql(ekv), e, false));
            break;
        }
        default:
            throw CompileFailure{QStringLiteral("Field \"%1.%2\" is not supported yet").arg(payloadType, n)};
        }
    }
    return QStringLiteral("to_json(%1)::text").arg(objectSql(kv));
}

} // namespace refract::exec
