#include "compilecontext.h"

#include <QJsonDocument>

#include <cmath>

// Connections (nodes, edges, pageInfo, totalCount) and simple lists, paginated the way
// graphile-build-pg's queryFromResolveDataFactory/QueryBuilder do it, so that cursors, page
// bounds and hasNextPage/hasPreviousPage come out identical.
namespace refract::exec {

using namespace refract::graphql;
using reflect::Oid;

namespace {

QString withAlias(QString s, const QString &alias) { return s.replace(QStringLiteral("{@}"), alias); }

QString jsonText(const QString &expr) { return QStringLiteral("coalesce(to_json(%1)::text, 'null')").arg(expr); }

QString base64Of(const QString &textExpr)
{
    return QStringLiteral("translate(encode(convert_to(%1, 'UTF8'), 'base64'), E'\\n', '')").arg(textExpr);
}

/// LIMIT and OFFSET take literals, the one exception to "every value is a bind parameter": they
/// are integers we format ourselves (no text from the request reaches the SQL), and a parameter
/// there makes PostgreSQL plan a prepared statement anew on every execution (the generic plan,
/// costed for an unknown limit, never wins against the custom one), which cost a 100-row
/// connection about half its server time.
QString intLiteral(qint64 n) { return QString::number(n); }

const QString kInvalidCursor = QStringLiteral("Invalid cursor, please enter a cursor from a previous request, or null.");

std::optional<qint64> intArg(const QJsonValue &v)
{
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    return qint64(v.toDouble());
}

/// A cursor value as a bind parameter's text; PostgreSQL infers its type from the compared expression.
pg::Param cursorValueText(const QJsonValue &v)
{
    if (v.isNull() || v.isUndefined())
        return std::nullopt;
    if (v.isBool())
        return QByteArray(v.toBool() ? "true" : "false");
    if (v.isDouble()) {
        const double d = v.toDouble();
        if (std::floor(d) == d && std::abs(d) < 9.2e18)
            return QByteArray::number(qint64(d));
        return QByteArray::number(d, 'g', 17);
    }
    if (v.isString())
        return v.toString().toUtf8();
    QJsonArray wrap{v};
    const QByteArray s = QJsonDocument(wrap).toJson(QJsonDocument::Compact);
    return s.mid(1, s.size() - 2);
}

} // namespace

CompileContext::Ordering CompileContext::ordering(const CollectedField &f, const QString &parentType, const RowSource &src)
{
    Ordering o;
    const Field *sf = schemaField(parentType, f.name());
    const InputValue *orderArg = nullptr;
    if (sf)
        for (const InputValue &iv : sf->arguments)
            if (iv.name == QLatin1String("orderBy"))
                orderArg = &iv;
    if (!orderArg)
        return o; // natural order (setof functions without @sortable)
    QJsonValue v = argument(f, parentType, QStringLiteral("orderBy"));
    QJsonArray values = v.isArray() ? v.toArray() : (v.isString() ? QJsonArray{v} : QJsonArray{});
    const reflect::Class *c = cls(src.classOid);
    for (const QJsonValue &x : values) {
        auto it = m_c.m_meta.orderByValues.constFind(orderArg->type.name + QLatin1Char('.') + x.toString());
        if (it == m_c.m_meta.orderByValues.cend())
            continue;
        if (!it->alias.isEmpty())
            o.aliases << it->alias;
        for (const reflect::OrderByMeta::Spec &s : it->specs) {
            if (s.functionOid)
                o.exprs << functionSql(s.functionOid) + QStringLiteral("(({@})::") + (c ? typeSql(c->typeOid) : QStringLiteral("record"))
                               + QLatin1Char(')');
            else
                o.exprs << QStringLiteral("{@}.") + columnName(src.classOid, s.attNum);
            o.ascending << s.ascending;
        }
        o.unique = o.unique || it->unique;
    }
    // Tables get their primary key appended to make the order unique; functions do not.
    const QList<int> pk = src.isFunction ? QList<int>{} : primaryKey(src.classOid);
    if (!o.unique && !pk.isEmpty()) {
        if (o.aliases.isEmpty())
            o.aliases << QStringLiteral("primary_key_asc");
        for (int att : pk) {
            o.exprs << QStringLiteral("{@}.") + columnName(src.classOid, att);
            o.ascending << true;
        }
        o.unique = true;
    }
    return o;
}

QString CompileContext::conditionSql(const CollectedField &f, const QString &parentType, const RowSource &src)
{
    QStringList conds = src.conditions;
    const QJsonValue cv = argument(f, parentType, QStringLiteral("condition"));
    if (cv.isObject()) {
        const Field *sf = schemaField(parentType, f.name());
        QString condType;
        if (sf)
            for (const InputValue &iv : sf->arguments)
                if (iv.name == QLatin1String("condition"))
                    condType = iv.type.name;
        const QJsonObject obj = cv.toObject();
        // Keys in the input type's order, as graphql-js coerces input objects.
        const NamedType *ct = m_c.schema().type(condType);
        for (const InputValue &field : ct ? ct->inputFields : QList<InputValue>{}) {
            if (!obj.contains(field.name))
                continue;
            auto it = m_c.m_meta.inputFields.constFind(condType + QLatin1Char('.') + field.name);
            if (it == m_c.m_meta.inputFields.cend())
                continue;
            QString lhs;
            Oid type = it->pgTypeOid;
            if (it->functionOid) {
                const reflect::Class *c = cls(src.classOid);
                lhs = functionSql(it->functionOid) + QStringLiteral("(({@})::") + (c ? typeSql(c->typeOid) : QStringLiteral("record")) + QLatin1Char(')');
            } else {
                lhs = QStringLiteral("{@}.") + columnName(it->classOid ? it->classOid : src.classOid, it->attNum);
                if (!type)
                    type = columnType(src.classOid, it->attNum);
            }
            const QJsonValue val = obj.value(field.name);
            if (val.isNull())
                conds << lhs + QStringLiteral(" is null");
            else
                conds << lhs + QStringLiteral(" = ") + valueParam(val, type);
        }
    }
    return conds.isEmpty() ? QStringLiteral("true") : QStringLiteral("(") + conds.join(QStringLiteral(") and (")) + QLatin1Char(')');
}

QString CompileContext::orderCursorSql(const CollectedField &f, const QString &parentType, const RowSource &src, const QString &rowRef)
{
    const Ordering ord = ordering(f, parentType, src);
    if (ord.exprs.isEmpty() || !ord.unique)
        return QString();
    QString text = QStringLiteral("'['");
    for (const QString &al : ord.aliases)
        text += QStringLiteral(" || to_json(%1)::text || ','").arg(textParam(al));
    QStringList vals;
    for (const QString &e : ord.exprs)
        vals << jsonText(withAlias(e, rowRef));
    text += QStringLiteral(" || '[' || ") + vals.join(QStringLiteral(" || ',' || ")) + QStringLiteral(" || ']]'");
    return base64Of(text);
}

CompileContext::JoinScope *CompileContext::joinScopeFor(const QString &rowRef) const
{
    for (JoinScope *scope : m_joinScopes)
        if (scope->rowRefs.contains(rowRef))
            return scope;
    return nullptr;
}

QString CompileContext::joinedAggregateOrder(const CollectedField &f, const QString &parentType, const RowSource &src,
                                             const QString &rowRef)
{
    // Joins may return the page's rows in any order, so json_agg sorts them again; that needs an
    // order that is total (it ends with the whole primary key) over plain columns.
    if (!src.classOid || src.isFunction)
        return QString();
    const Ordering ord = ordering(f, parentType, src);
    const QList<int> pk = primaryKey(src.classOid);
    if (ord.exprs.isEmpty() || !ord.unique || pk.isEmpty())
        return QString();
    for (const QString &e : ord.exprs)
        if (!e.startsWith(QLatin1String("{@}.")))
            return QString();
    for (int att : pk)
        if (!ord.exprs.contains(QStringLiteral("{@}.") + columnName(src.classOid, att)))
            return QString();
    QStringList parts;
    for (qsizetype i = 0; i < ord.exprs.size(); ++i)
        parts << withAlias(ord.exprs[i], rowRef) + (ord.ascending[i] ? QStringLiteral(" ASC") : QStringLiteral(" DESC"));
    return QStringLiteral(" order by ") + parts.join(QStringLiteral(", "));
}

QString CompileContext::listSql(const QString &parentType, const CollectedField &f, const RowSource &src)
{
    const Field *sf = schemaField(parentType, f.name());
    const QString itemType = sf ? sf->type.name : QString();
    const Ordering ord = ordering(f, parentType, src);
    const QString a = newAlias();
    const QString where = withAlias(conditionSql(f, parentType, src), a);
    QString page = src.classOid || src.recordFunction ? QStringLiteral("select %1.* from %2 as %1 where %3").arg(a, src.from, where)
                                : QStringLiteral("select %1 as v from %2 as %1 where %3").arg(a, src.from, where);
    if (!ord.exprs.isEmpty()) {
        QStringList parts;
        for (qsizetype i = 0; i < ord.exprs.size(); ++i)
            parts << withAlias(ord.exprs[i], a) + (ord.ascending[i] ? QStringLiteral(" ASC") : QStringLiteral(" DESC"));
        page += QStringLiteral(" order by ") + parts.join(QStringLiteral(", "));
    }
    if (auto first = intArg(argument(f, parentType, QStringLiteral("first"))))
        page += QStringLiteral(" limit ") + intLiteral(*first);
    if (auto offset = intArg(argument(f, parentType, QStringLiteral("offset"))))
        page += QStringLiteral(" offset ") + intLiteral(*offset);
    JoinScope scope{{a}, {}};
    const QString aggOrder = joinedAggregateOrder(f, parentType, src, a);
    if (!aggOrder.isEmpty())
        m_joinScopes.push_back(&scope);
    const QString item = itemJson(src, itemType, a, f);
    if (!aggOrder.isEmpty())
        m_joinScopes.pop_back();
    if (!scope.joins.isEmpty())
        return QStringLiteral("coalesce((select json_agg(%1%4) from (%2) as %3%5), '[]'::json)")
            .arg(item, page, a, aggOrder, scope.joins.join(QString()));
    return QStringLiteral("coalesce((select json_agg(%1) from (%2) as %3), '[]'::json)").arg(item, page, a);
}

QString CompileContext::connectionSql(const QString &parentType, const CollectedField &f, const RowSource &src)
{
    const Field *sf = schemaField(parentType, f.name());
    const QString connType = sf ? sf->type.name : QString();
    const Field *nodesField = schemaField(connType, QStringLiteral("nodes"));
    const QString nodeType = nodesField ? nodesField->type.name : QString();
    const Field *edgesField = schemaField(connType, QStringLiteral("edges"));
    const QString edgeType = edgesField ? edgesField->type.name : QString();

    const auto first = intArg(argument(f, parentType, QStringLiteral("first")));
    const auto last = intArg(argument(f, parentType, QStringLiteral("last")));
    const auto offsetArg = intArg(argument(f, parentType, QStringLiteral("offset")));
    const QJsonValue after = argument(f, parentType, QStringLiteral("after"));
    const QJsonValue before = argument(f, parentType, QStringLiteral("before"));
    if (first && last)
        throw CompileFailure{QStringLiteral("We don't support setting both first and last")};
    if (offsetArg && last)
        throw CompileFailure{QStringLiteral("We don't support setting both offset and last")};

    const Ordering ord = ordering(f, parentType, src);
    const bool cursorWhere = !ord.exprs.isEmpty() && ord.unique;
    const QString conds = conditionSql(f, parentType, src);

    std::optional<qint64> limit;
    qint64 offset = offsetArg.value_or(0);
    QString lowerBound, upperBound; // with {@}
    auto addBound = [&](const QJsonValue &cursor, bool isAfter) {
        if (cursor.isUndefined() || cursor.isNull())
            return;
        auto arr = decodeBase64JsonArray(cursor.toString());
        if (!arr || arr->isEmpty())
            throw CompileFailure{kInvalidCursor};
        QString bound;
        if (!ord.exprs.isEmpty()) {
            if (!ord.unique)
                throw CompileFailure{kInvalidCursor};
            const QJsonValue values = arr->last();
            bool prefixOk = arr->size() - 1 == ord.aliases.size() && values.isArray();
            for (qsizetype i = 0; prefixOk && i < ord.aliases.size(); ++i)
                prefixOk = arr->at(i).isString() && arr->at(i).toString() == ord.aliases[i];
            if (!prefixOk) {
                bound = QStringLiteral("false");
            } else {
                const QJsonArray vals = values.toArray();
                QString filter = QStringLiteral("false");
                for (qsizetype i = ord.exprs.size() - 1; i >= 0; --i) {
                    const QString p = i < vals.size() ? param(cursorValueText(vals[i])) : QStringLiteral("null");
                    const bool greater = ord.ascending[i] == isAfter;
                    filter = QStringLiteral("((%1 %2 %3) OR (%1 = %3 AND %4))")
                                 .arg(ord.exprs[i], greater ? QStringLiteral(">") : QStringLiteral("<"), p, filter);
                }
                bound = filter;
            }
        } else if (arr->size() >= 2 && arr->at(0).toString() == QLatin1String("natural") && arr->at(1).isDouble()
                   && arr->at(1).toDouble() >= 0 && std::floor(arr->at(1).toDouble()) == arr->at(1).toDouble()) {
            const qint64 n = qint64(arr->at(1).toDouble());
            if (isAfter)
                offset = n;
            else
                limit = std::max<qint64>(0, n - offset - 1);
            return;
        } else {
            throw CompileFailure{kInvalidCursor};
        }
        (isAfter ? lowerBound : upperBound) = bound;
    };
    addBound(after, true);
    addBound(before, false);

    // QueryBuilder.getFinalLimitAndOffset
    bool flip = false;
    if (first)
        limit = limit ? std::min(*limit, *first) : *first;
    if (last) {
        if (limit) {
            if (*last < *limit) {
                offset = *limit - *last;
                limit = *last;
            }
        } else if (!ord.exprs.isEmpty()) {
            flip = true;
            limit = *last;
        } else {
            throw CompileFailure{QStringLiteral("Cannot do last of an unordered set")};
        }
    }

    auto whereWith = [&](bool lower, bool upper) {
        QString w = conds;
        if (lower && !lowerBound.isEmpty())
            w += QStringLiteral(" and (") + lowerBound + QLatin1Char(')');
        if (upper && !upperBound.isEmpty())
            w += QStringLiteral(" and (") + upperBound + QLatin1Char(')');
        return w;
    };
    auto orderSql = [&](const QString &alias, bool reverse) {
        QStringList parts;
        for (qsizetype i = 0; i < ord.exprs.size(); ++i)
            parts << withAlias(ord.exprs[i], alias) + ((ord.ascending[i] != reverse) ? QStringLiteral(" ASC") : QStringLiteral(" DESC"));
        return parts.isEmpty() ? QString() : QStringLiteral(" order by ") + parts.join(QStringLiteral(","));
    };
    const QString a = newAlias();
    // A non-unique order numbers the rows as PostGraphile does: row_number() in the ordering select
    // itself, which PostgreSQL evaluates before sorting, so positions follow the scan order.
    const bool scanNumbers = !cursorWhere && !ord.exprs.isEmpty() && src.classOid && !flip;
    const QString numberedAlias = scanNumbers ? newAlias() : QString();
    QString select = src.classOid || src.recordFunction ? QStringLiteral("select %1.*").arg(a) : QStringLiteral("select %1 as v").arg(a);
    if (scanNumbers)
        select = QStringLiteral("select %1 as r, row_number() over (partition by 1) as n").arg(a);
    QString page = QStringLiteral("%1 from %2 as %3 where %4").arg(select, src.from, a, withAlias(whereWith(true, true), a)) + orderSql(a, flip);
    if (limit)
        page += QStringLiteral(" limit ") + intLiteral(*limit);
    if (offset)
        page += QStringLiteral(" offset ") + intLiteral(offset);
    if (flip)
        page = QStringLiteral("select * from (%1) as %2%3").arg(page, a, orderSql(a, false));
    const QString pageAlias = newAlias();
    QString offsetParam; // created on first use: an unreferenced parameter has no type

    auto cursorSql = [&](const QString &rowRef, const QString &rowNumber) {
        if (cursorWhere) {
            QString text = QStringLiteral("'['");
            for (const QString &al : ord.aliases)
                text += QStringLiteral(" || to_json(%1)::text || ','").arg(textParam(al));
            QStringList vals;
            for (const QString &e : ord.exprs)
                vals << jsonText(withAlias(e, rowRef));
            text += QStringLiteral(" || '[' || ") + vals.join(QStringLiteral(" || ',' || ")) + QStringLiteral(" || ']]'");
            return base64Of(text);
        }
        // Not unique: the order's aliases (or "natural") and the row's position.
        if (offsetParam.isEmpty())
            offsetParam = param(QByteArray::number(offset));
        QString text = QStringLiteral("'['");
        for (const QString &al : ord.aliases.isEmpty() ? QStringList{QStringLiteral("natural")} : ord.aliases)
            text += QStringLiteral(" || to_json(%1)::text || ','").arg(textParam(al));
        return base64Of(text + QStringLiteral(" || (%1::bigint + %2) || ']'").arg(offsetParam, rowNumber));
    };
    auto itemSql = [&](const QString &rowRef, const CollectedField &x) { return itemJson(src, nodeType, rowRef, x); };
    // Rows of the page with their 1-based position, for edges and cursors.
    // Rows are carried as the table's row type: an anonymous record could not be cast back to it
    // for computed columns.
    const reflect::Class *rowClass = cls(src.classOid);
    auto numbered = [&](const QString &e) {
        if (scanNumbers)
            return QStringLiteral("(select r, n from %1) as %2").arg(numberedAlias, e);
        const QString row = rowClass ? QStringLiteral("(%1)::%2").arg(pageAlias, typeSql(rowClass->typeOid)) : pageAlias;
        return QStringLiteral("(select %1 as r, row_number() over () as n from %2) as %3").arg(row, pageAlias, e);
    };

    // generateNextPrevPageSql
    auto nextPrev = [&](bool invert) -> QString {
        const bool hasBound = invert ? !lowerBound.isEmpty() : !upperBound.isEmpty();
        const bool hasFirst = invert ? bool(last) : bool(first);
        if (limit && *limit == 0)
            return QStringLiteral("false");
        if (invert && offset > 0)
            return QStringLiteral("true");
        const QString b = newAlias();
        if (cursorWhere) {
            if (!hasBound && !hasFirst)
                return QStringLiteral("false");
            if (hasBound && !hasFirst)
                return QStringLiteral("exists(select 1 from %1 as %2 where %3 and not (%4))")
                    .arg(src.from, b, withAlias(conds, b), withAlias(invert ? lowerBound : upperBound, b));
            const QString c = newAlias();
            QString s = QStringLiteral("exists(select 1 from %1 as %2 where %3 and (%4) not in (select %5 from %6 as %7)")
                            .arg(src.from, b, withAlias(whereWith(!invert, invert), b), cursorSql(b, QString()),
                                 cursorSql(c, QString()), pageAlias, c);
            if (!invert && offset)
                s += QStringLiteral(" offset ") + intLiteral(offset);
            return s + QLatin1Char(')');
        }
        if (!limit || invert)
            return QStringLiteral("false");
        return QStringLiteral("exists(select 1 from %1 as %2 where %3 offset %4)")
            .arg(src.from, b, withAlias(whereWith(true, true), b), intLiteral(*limit + offset));
    };

    QList<QPair<QString, QString>> kv;
    for (const CollectedField &x : subFields(connType, f)) {
        const QString n = x.name();
        if (n == QLatin1String("__typename")) {
            kv << qMakePair(x.key, textParam(connType));
        } else if (n == QLatin1String("nodes")) {
            const QString r = newAlias();
            JoinScope scope{{r}, {}};
            const QString aggOrder = scanNumbers ? QString() : joinedAggregateOrder(f, parentType, src, r);
            if (!aggOrder.isEmpty())
                m_joinScopes.push_back(&scope);
            const QString item = itemSql(r, x);
            if (!aggOrder.isEmpty())
                m_joinScopes.pop_back();
            if (scope.joins.isEmpty())
                kv << qMakePair(x.key, QStringLiteral("coalesce((select json_agg(%1) from %2 as %3), '[]'::json)").arg(item, pageAlias, r));
            else
                kv << qMakePair(x.key, QStringLiteral("coalesce((select json_agg(%1%4) from %2 as %3%5), '[]'::json)")
                                           .arg(item, pageAlias, r, aggOrder, scope.joins.join(QString())));
        } else if (n == QLatin1String("edges")) {
            const QString e = newAlias();
            const QString rowRef = QStringLiteral("(%1.r)").arg(e);
            // Edges are numbered in page order (n), so joins can always be sorted back by n;
            // except when n numbers the scan (scanNumbers), whose order is the CTE's.
            JoinScope scope{{rowRef}, {}};
            const bool joinable = src.classOid && !src.isFunction && !scanNumbers;
            if (joinable)
                m_joinScopes.push_back(&scope);
            QList<QPair<QString, QString>> ekv;
            for (const CollectedField &y : subFields(edgeType, x)) {
                if (y.name() == QLatin1String("cursor"))
                    ekv << qMakePair(y.key, cursorSql(rowRef, e + QStringLiteral(".n")));
                else if (y.name() == QLatin1String("node"))
                    ekv << qMakePair(y.key, itemSql(rowRef, y));
                else
                    ekv << qMakePair(y.key, textParam(edgeType));
            }
            if (joinable)
                m_joinScopes.pop_back();
            if (scope.joins.isEmpty())
                kv << qMakePair(x.key, QStringLiteral("coalesce((select json_agg(%1) from %2), '[]'::json)").arg(objectSql(ekv), numbered(e)));
            else
                kv << qMakePair(x.key, QStringLiteral("coalesce((select json_agg(%1 order by %2.n) from %3%4), '[]'::json)")
                                           .arg(objectSql(ekv), e, numbered(e), scope.joins.join(QString())));
        } else if (n == QLatin1String("pageInfo")) {
            QList<QPair<QString, QString>> pkv;
            for (const CollectedField &y : subFields(QStringLiteral("PageInfo"), x)) {
                const QString yn = y.name();
                if (yn == QLatin1String("hasNextPage") || yn == QLatin1String("hasPreviousPage")) {
                    pkv << qMakePair(y.key, nextPrev(yn == QLatin1String("hasPreviousPage")));
                } else if (yn == QLatin1String("startCursor") || yn == QLatin1String("endCursor")) {
                    const QString e = newAlias();
                    const QString rowRef = QStringLiteral("(%1.r)").arg(e);
                    pkv << qMakePair(y.key, QStringLiteral("((select json_agg(%1) from %2) -> %3)")
                                                .arg(cursorSql(rowRef, e + QStringLiteral(".n")), numbered(e),
                                                     yn == QLatin1String("startCursor") ? QStringLiteral("0") : QStringLiteral("-1")));
                } else {
                    pkv << qMakePair(y.key, textParam(QStringLiteral("PageInfo")));
                }
            }
            kv << qMakePair(x.key, objectSql(pkv));
        } else if (n == QLatin1String("totalCount")) {
            const QString b = newAlias();
            kv << qMakePair(x.key, QStringLiteral("(select count(1) from %1 as %2 where %3)::int").arg(src.from, b, withAlias(conds, b)));
        } else {
            throw CompileFailure{QStringLiteral("Cannot query field \"%1\" on type \"%2\".").arg(n, connType)};
        }
    }
    if (scanNumbers)
        return QStringLiteral("(with %1 as (%2), %3 as (select (%1.r).* from %1) select %4)").arg(numberedAlias, page, pageAlias, objectSql(kv));
    return QStringLiteral("(with %1 as (%2) select %3)").arg(pageAlias, page, objectSql(kv));
}

} // namespace refract::exec
