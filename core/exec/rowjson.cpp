#include "compilecontext.h"

#include <QJsonDocument>

// Row objects and PostGraphile's wire formats, all built by PostgreSQL.
namespace refract::exec {

using namespace refract::graphql;
using reflect::FieldMeta;
using reflect::Oid;

namespace {

QString withAlias(QString s, const QString &alias) { return s.replace(QStringLiteral("{@}"), alias); }

/// JSON text of a value, `null` for SQL NULL, for the hand-built compact arrays of nodeIds/cursors.
QString jsonText(const QString &expr) { return QStringLiteral("coalesce(to_json(%1)::text, 'null')").arg(expr); }

QString base64Of(const QString &textExpr)
{
    return QStringLiteral("translate(encode(convert_to(%1, 'UTF8'), 'base64'), E'\\n', '')").arg(textExpr);
}

} // namespace

QString CompileContext::objectSql(const QList<QPair<QString, QString>> &keyValues)
{
    QStringList parts;
    // json_build_object takes at most 100 arguments; larger objects keep their key order through
    // an ordered json_object_agg.
    if (keyValues.size() <= 50) {
        for (const auto &kv : keyValues)
            parts << textParam(kv.first) << kv.second;
        return QStringLiteral("json_build_object(%1)").arg(parts.join(QStringLiteral(", ")));
    }
    for (qsizetype i = 0; i < keyValues.size(); ++i)
        parts << QStringLiteral("(%1, %2, to_json(%3))").arg(i).arg(textParam(keyValues[i].first), keyValues[i].second);
    return QStringLiteral("(select json_object_agg(__o.k, __o.v order by __o.i) from (values %1) as __o(i, k, v))")
        .arg(parts.join(QStringLiteral(", ")));
}

QString CompileContext::rowJson(const QString &typeName, const QString &rowRef, const FieldList &fields)
{
    QList<QPair<QString, QString>> kv;
    for (const CollectedField &f : fields)
        kv << qMakePair(f.key, rowFieldExpression(typeName, rowRef, f));
    return objectSql(kv);
}

QString CompileContext::singleRowSql(const QString &typeName, const QString &from, Oid classOid, const QStringList &conds,
                                     const FieldList &fields)
{
    Q_UNUSED(classOid);
    const QString a = newAlias();
    QString where;
    for (const QString &c : conds)
        where += (where.isEmpty() ? QStringLiteral(" where ") : QStringLiteral(" and ")) + withAlias(c, a);
    return QStringLiteral("(select %1 from %2 as %3%4)").arg(rowJson(typeName, a, fields), from, a, where);
}

QString CompileContext::nodeIdSql(Oid classOid, const QString &rowRef)
{
    QString text = QStringLiteral("'[' || to_json(%1)::text").arg(textParam(m_c.m_nodeAliasByClass.value(classOid)));
    for (int att : primaryKey(classOid))
        text += QStringLiteral(" || ',' || ") + jsonText(QStringLiteral("(%1).%2").arg(rowRef, columnName(classOid, att)));
    text += QStringLiteral(" || ']'");
    return base64Of(text);
}

QString CompileContext::formatValue(const QString &expr, Oid typeOid, const QString &gqlType, const CollectedField *f)
{
    const reflect::Type *t = m_c.catalogType(typeOid);
    if (!t)
        return expr;
    if (t->type == 'd')
        return formatValue(expr, t->domainBaseOid, gqlType, f);
    if (t->category == 'A' && t->arrayItemOid) {
        const QString e = newAlias();
        return QStringLiteral("(case when %1 is null then null when coalesce(array_length(%1, 1), 0) = 0 then '[]'::json "
                              "else (select json_agg(%2) from unnest(%1) as %3) end)")
            .arg(expr, formatValue(e, t->arrayItemOid, gqlType, f), e);
    }
    if (t->type == 'e') {
        const QStringList names = m_c.enumValueNames(t->oid);
        QList<pg::Param> labels, values;
        QByteArray l = "{", v = "{";
        for (qsizetype i = 0; i < t->enumLabels.size() && i < names.size(); ++i) {
            auto quote = [](const QString &s) {
                QByteArray out = "\"";
                for (char ch : s.toUtf8()) {
                    if (ch == '"' || ch == '\\')
                        out += '\\';
                    out += ch;
                }
                return out + '"';
            };
            l += (i ? "," : "") + quote(t->enumLabels[i]);
            v += (i ? "," : "") + quote(names[i]);
        }
        const QString m = newAlias();
        return QStringLiteral("(select %1.v from unnest(%2::text[], %3::text[]) as %1(l, v) where %1.l = (%4)::text)")
            .arg(m, param(l + '}'), param(v + '}'), expr);
    }
    if (t->type == 'r') {
        const FieldList sub = f ? subFields(gqlType, *f) : FieldList{};
        const Field *startField = schemaField(gqlType, QStringLiteral("start"));
        const QString boundType = startField ? startField->type.name : QString();
        auto bound = [&](const CollectedField &bf, bool lower) {
            const QString fn = lower ? QStringLiteral("lower") : QStringLiteral("upper");
            QList<QPair<QString, QString>> kv;
            for (const CollectedField &x : subFields(boundType, bf)) {
                if (x.name() == QLatin1String("value"))
                    kv << qMakePair(x.key, formatValue(QStringLiteral("%1(%2)").arg(fn, expr), t->rangeSubtypeOid,
                                                       schemaField(boundType, QStringLiteral("value"))->type.name, &x));
                else if (x.name() == QLatin1String("inclusive"))
                    kv << qMakePair(x.key, QStringLiteral("%1_inc(%2)").arg(fn, expr));
                else
                    kv << qMakePair(x.key, textParam(boundType));
            }
            return QStringLiteral("(case when %1_inf(%2) then null else %3 end)").arg(fn, expr, objectSql(kv));
        };
        QList<QPair<QString, QString>> kv;
        for (const CollectedField &x : sub) {
            if (x.name() == QLatin1String("start") || x.name() == QLatin1String("end"))
                kv << qMakePair(x.key, bound(x, x.name() == QLatin1String("start")));
            else
                kv << qMakePair(x.key, textParam(gqlType));
        }
        return QStringLiteral("(case when (%1) is null then null else %2 end)").arg(expr, objectSql(kv));
    }
    if (t->classOid && isJwtScalar(gqlType)) {
        // The jwtPgTypeIdentifier type (PgJWTPlugin): its attributes as JSON (bigint/numeric as
        // text), behind the operation's marker; the executor signs it. All-null rows are null.
        const QString r = QStringLiteral("(%1)").arg(expr);
        QStringList kv;
        const reflect::Class *c = cls(t->classOid);
        for (const reflect::Attribute &a : c ? c->attributes : std::vector<reflect::Attribute>{}) {
            const QString col = QStringLiteral("%1.%2").arg(r, columnName(t->classOid, a.num));
            const bool asText = a.typeOid == 20 || a.typeOid == 1700;
            kv << textParam(a.name) << (asText ? QStringLiteral("(%1)::text").arg(col) : col);
        }
        usedJwt = true;
        return QStringLiteral("(case when %1 is null then null else %2 || json_build_object(%3)::text end)")
            .arg(r, textParam(jwtMarker), kv.join(QStringLiteral(", ")));
    }
    if (t->classOid) {
        const QString r = QStringLiteral("(%1)").arg(expr);
        return QStringLiteral("(case when %1 is not distinct from null then null else %2 end)")
            .arg(r, rowJson(gqlType, r, f ? subFields(gqlType, *f) : FieldList{}));
    }
    switch (t->oid) {
    case 20: case 1700: case 26:
        return QStringLiteral("(%1)::text").arg(expr);
    case 790:
        return QStringLiteral("(%1)::numeric").arg(expr);
    case 114: case 3802:
        if (m_c.m_options.dynamicJson)
            return expr;
        // PostGraphile re-serialises JSON with JSON.stringify: no whitespace outside strings, and a
        // JSON null is null.
        return QStringLiteral("(case when json_typeof((%1)::json) = 'null' then null else "
                              "regexp_replace((%1)::text, '(\"(?:[^\"\\\\]|\\\\.)*\")|\\s+', '\\1', 'g') end)").arg(expr);
    case 1186: {
        QList<QPair<QString, QString>> kv;
        for (const CollectedField &x : f ? subFields(gqlType, *f) : FieldList{}) {
            static const QStringList parts{QStringLiteral("seconds"), QStringLiteral("minutes"), QStringLiteral("hours"),
                                           QStringLiteral("days"), QStringLiteral("months"), QStringLiteral("years")};
            if (x.name() == QLatin1String("seconds"))
                kv << qMakePair(x.key, QStringLiteral("extract(second from %1)::float8").arg(expr));
            else if (parts.contains(x.name()))
                kv << qMakePair(x.key, QStringLiteral("extract(%1 from %2)::int").arg(x.name().chopped(1), expr));
            else
                kv << qMakePair(x.key, textParam(gqlType));
        }
        return QStringLiteral("(case when (%1) is null then null else %2 end)").arg(expr, objectSql(kv));
    }
    case 600: {
        QList<QPair<QString, QString>> kv;
        for (const CollectedField &x : f ? subFields(gqlType, *f) : FieldList{}) {
            if (x.name() == QLatin1String("x"))
                kv << qMakePair(x.key, QStringLiteral("(%1)[0]").arg(expr));
            else if (x.name() == QLatin1String("y"))
                kv << qMakePair(x.key, QStringLiteral("(%1)[1]").arg(expr));
            else
                kv << qMakePair(x.key, textParam(gqlType));
        }
        return QStringLiteral("(case when (%1) is null then null else %2 end)").arg(expr, objectSql(kv));
    }
    default:
        if (t->category == 'N' && t->oid != 21 && t->oid != 23 && t->oid != 700 && t->oid != 701)
            return QStringLiteral("(%1)::text").arg(expr);
        return expr;
    }
}

QString CompileContext::rowFieldExpression(const QString &typeName, const QString &rowRef, const CollectedField &f)
{
    if (f.name() == QLatin1String("__typename"))
        return textParam(typeName);
    const FieldMeta *m = m_c.m_meta.field(typeName, f.name());
    if (!m)
        throw CompileFailure{QStringLiteral("Cannot query field \"%1\" on type \"%2\".").arg(f.name(), typeName)};
    const Field *sf = schemaField(typeName, f.name());
    const QString retType = sf ? sf->type.name : QString();
    auto joinConds = [&](Oid otherClass, const QList<int> &otherAtts, Oid selfClass, const QList<int> &selfAtts) {
        QStringList conds;
        for (qsizetype i = 0; i < otherAtts.size() && i < selfAtts.size(); ++i)
            conds << QStringLiteral("{@}.") + columnName(otherClass, otherAtts[i]) + QStringLiteral(" = (") + rowRef
                         + QStringLiteral(").") + columnName(selfClass, selfAtts[i]);
        return conds;
    };
    // A to-one relation of a row whose page gathers joins: left join it there (see JoinScope).
    // The joined row's key column is non-null exactly when a row matched (it equals the referencing
    // value), so it tells a missing or RLS-hidden row (null) from a present one.
    auto joined = [&](Oid otherClass, const QList<int> &otherAtts, Oid selfClass, const QList<int> &selfAtts) -> QString {
        JoinScope *scope = joinScopeFor(rowRef);
        if (!scope || otherAtts.isEmpty())
            return QString();
        const QString a = newAlias();
        scope->joins << QStringLiteral(" left join %1 as %2 on %3")
                            .arg(tableSql(otherClass), a,
                                 withAlias(joinConds(otherClass, otherAtts, selfClass, selfAtts).join(QStringLiteral(" and ")), a));
        scope->rowRefs << a;
        return QStringLiteral("(case when %1.%2 is null then null else %3 end)")
            .arg(a, columnName(otherClass, otherAtts.front()), rowJson(retType, a, subFields(retType, f)));
    };
    switch (m->kind) {
    case FieldMeta::Kind::Column:
        return formatValue(QStringLiteral("(%1).%2").arg(rowRef, columnName(m->classOid, m->attNum)),
                           columnType(m->classOid, m->attNum), retType, &f);
    case FieldMeta::Kind::NodeId:
        return nodeIdSql(m->classOid, rowRef);
    case FieldMeta::Kind::ForwardRelation:
    case FieldMeta::Kind::PayloadRelation:
        if (QString j = joined(m->foreignClassOid, m->foreignKeyAttrNums, m->classOid, m->keyAttrNums); !j.isEmpty())
            return j;
        return singleRowSql(retType, tableSql(m->foreignClassOid), m->foreignClassOid,
                            joinConds(m->foreignClassOid, m->foreignKeyAttrNums, m->classOid, m->keyAttrNums), subFields(retType, f));
    case FieldMeta::Kind::BackwardRelationSingle:
        if (QString j = joined(m->classOid, m->keyAttrNums, m->foreignClassOid, m->foreignKeyAttrNums); !j.isEmpty())
            return j;
        return singleRowSql(retType, tableSql(m->classOid), m->classOid,
                            joinConds(m->classOid, m->keyAttrNums, m->foreignClassOid, m->foreignKeyAttrNums), subFields(retType, f));
    case FieldMeta::Kind::BackwardRelationConnection:
    case FieldMeta::Kind::BackwardRelationList: {
        RowSource src;
        src.from = tableSql(m->classOid);
        src.classOid = m->classOid;
        src.conditions = joinConds(m->classOid, m->keyAttrNums, m->foreignClassOid, m->foreignKeyAttrNums);
        return m->kind == FieldMeta::Kind::BackwardRelationConnection ? connectionSql(typeName, f, src) : listSql(typeName, f, src);
    }
    case FieldMeta::Kind::ComputedColumn:
    case FieldMeta::Kind::ComputedColumnConnection:
    case FieldMeta::Kind::ComputedColumnList: {
        const reflect::Class *self = cls(m->classOid);
        const QString rowArg = QStringLiteral("(%1)::%2").arg(rowRef, self ? typeSql(self->typeOid) : QStringLiteral("record"));
        const QString call = functionCall(m->functionOid, rowArg, f, typeName);
        const reflect::Function *fn = m_c.m_functions.value(m->functionOid);
        const RowSource src = functionSource(call, fn);
        if (m->kind == FieldMeta::Kind::ComputedColumnConnection)
            return connectionSql(typeName, f, src);
        if (m->kind == FieldMeta::Kind::ComputedColumnList)
            return listSql(typeName, f, src);
        if (src.classOid || src.recordFunction) {
            const QString a = newAlias();
            return QStringLiteral("(select case when %1 is null then null else %2 end from %3 as %1)")
                .arg(a, itemJson(src, retType, a, f), call);
        }
        return formatValue(call, fn->returnTypeOid, retType, &f);
    }
    default:
        throw CompileFailure{QStringLiteral("Field \"%1.%2\" is not supported yet").arg(typeName, f.name())};
    }
}

RowSource CompileContext::functionSource(const QString &call, const reflect::Function *fn) const
{
    RowSource src;
    src.from = call;
    src.isFunction = true;
    const reflect::Type *rt = m_c.catalogType(fn->returnTypeOid);
    if (rt && rt->classOid && rt->category != 'A')
        src.classOid = rt->classOid;
    else if (fn->returnTypeOid == 2249)
        src.recordFunction = fn;
    else
        src.scalarTypeOid = fn->returnTypeOid;
    return src;
}

QString CompileContext::itemJson(const RowSource &src, const QString &typeName, const QString &rowRef, const CollectedField &f)
{
    if (src.classOid && isJwtScalar(typeName))
        if (const reflect::Class *c = cls(src.classOid))
            return formatValue(rowRef, c->typeOid, typeName, &f);
    if (src.classOid)
        return rowJson(typeName, rowRef, subFields(typeName, f));
    if (src.recordFunction)
        return recordJson(typeName, rowRef, src.recordFunction, subFields(typeName, f));
    return formatValue(rowRef + QStringLiteral(".v"), src.scalarTypeOid, typeName, &f);
}

QString CompileContext::recordJson(const QString &typeName, const QString &rowRef, const reflect::Function *fn, const FieldList &fields)
{
    auto norm = [](QString s) { return s.remove(QLatin1Char('_')).toLower(); };
    QList<QPair<QString, QString>> kv;
    for (const CollectedField &f : fields) {
        if (f.name() == QLatin1String("__typename")) {
            kv << qMakePair(f.key, textParam(typeName));
            continue;
        }
        const Field *sf = schemaField(typeName, f.name());
        QString expr;
        int outIndex = 0;
        for (const reflect::FunctionArg &a : fn->args) {
            if (a.mode != 'o' && a.mode != 'b' && a.mode != 't')
                continue;
            ++outIndex;
            const QString name = a.name.isEmpty() ? QStringLiteral("column%1").arg(outIndex) : a.name;
            if (norm(name) == norm(f.name()) || (a.name.isEmpty() && f.name() == QStringLiteral("arg%1").arg(outIndex - 1))) {
                expr = formatValue(QStringLiteral("(%1).%2").arg(rowRef, pg::Connection::quoteIdentifier(name)), a.typeOid,
                                   sf ? sf->type.name : QString(), &f);
                break;
            }
        }
        if (expr.isEmpty())
            throw CompileFailure{QStringLiteral("Cannot query field \"%1\" on type \"%2\".").arg(f.name(), typeName)};
        kv << qMakePair(f.key, expr);
    }
    return objectSql(kv);
}

std::optional<QJsonArray> decodeBase64JsonArray(const QString &text)
{
    const QByteArray raw = QByteArray::fromBase64(text.toLatin1());
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(raw, &err);
    if (err.error != QJsonParseError::NoError || !doc.isArray())
        return std::nullopt;
    return doc.array();
}

std::optional<std::pair<Oid, QJsonArray>> CompileContext::decodeNodeId(const QString &id) const
{
    auto arr = decodeBase64JsonArray(id);
    if (!arr || arr->isEmpty() || !arr->at(0).isString())
        return std::nullopt;
    auto it = m_c.m_meta.nodeAliases.constFind(arr->at(0).toString());
    if (it == m_c.m_meta.nodeAliases.cend())
        return std::nullopt;
    QJsonArray ids = *arr;
    ids.removeFirst();
    return std::make_pair(it.value(), ids);
}

} // namespace refract::exec
