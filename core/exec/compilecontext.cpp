#include "compilecontext.h"

#include <graphql/parser.h>

#include <QJsonDocument>

#include <algorithm>
#include <cmath>
#include <functional>

namespace refract::exec {

using namespace refract::graphql;
using reflect::FieldMeta;
using reflect::Oid;

namespace {

QString quoteIdent(const QString &s) { return pg::Connection::quoteIdentifier(s); }

/// PostgreSQL array literal (`{"a","b",NULL}`) of already-converted element texts.
QByteArray arrayLiteral(const QList<pg::Param> &items)
{
    QByteArray out = "{";
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (i)
            out += ',';
        if (!items[i]) {
            out += "NULL";
            continue;
        }
        out += '"';
        for (char ch : *items[i]) {
            if (ch == '"' || ch == '\\')
                out += '\\';
            out += ch;
        }
        out += '"';
    }
    return out + '}';
}

} // namespace

// ---------------------------------------------------------------- collection

FieldList CompileContext::collect(const QString &typeName, const QList<const ast::SelectionSet *> &sets) const
{
    FieldList out;
    QSet<QString> visitedFragments;
    auto typeApplies = [&](const QString &cond) {
        if (cond == typeName)
            return true;
        const NamedType *t = m_c.m_schema.type(cond);
        if (!t)
            return false;
        if (t->kind == TypeKind::Union)
            return t->possibleTypes.contains(typeName);
        if (t->kind == TypeKind::Interface) {
            const NamedType *self = m_c.m_schema.type(typeName);
            return self && self->interfaces.contains(cond);
        }
        return false;
    };
    auto included = [&](const std::vector<ast::Directive> &directives) {
        for (const ast::Directive &d : directives) {
            const bool skip = d.name.value == QLatin1String("skip");
            if (!skip && d.name.value != QLatin1String("include"))
                continue;
            for (const ast::Argument &a : d.arguments)
                if (a.name.value == QLatin1String("if")) {
                    const bool v = value(a.value).toBool();
                    if (skip == v)
                        return false;
                }
        }
        return true;
    };
    std::function<void(const ast::SelectionSet &)> walk = [&](const ast::SelectionSet &set) {
        for (const ast::Selection &s : set.selections) {
            if (!included(s.directives))
                continue;
            switch (s.kind) {
            case ast::Selection::Kind::Field: {
                const QString key = s.alias ? s.alias->value : s.name.value;
                auto it = std::find_if(out.begin(), out.end(), [&](const CollectedField &c) { return c.key == key; });
                if (it == out.end())
                    out.push_back(CollectedField{key, {&s}});
                else
                    it->nodes << &s;
                break;
            }
            case ast::Selection::Kind::InlineFragment:
                if ((!s.typeCondition || typeApplies(s.typeCondition->value)) && s.selectionSet)
                    walk(*s.selectionSet);
                break;
            case ast::Selection::Kind::FragmentSpread: {
                if (visitedFragments.contains(s.name.value))
                    break;
                visitedFragments.insert(s.name.value);
                const ast::Definition *frag = m_fragments.value(s.name.value);
                if (frag && frag->typeCondition && typeApplies(frag->typeCondition->value) && frag->selectionSet)
                    walk(*frag->selectionSet);
                break;
            }
            }
        }
    };
    for (const ast::SelectionSet *set : sets)
        walk(*set);
    return out;
}

FieldList CompileContext::subFields(const QString &typeName, const CollectedField &f) const
{
    QList<const ast::SelectionSet *> sets;
    for (const ast::Selection *s : f.nodes)
        if (s->selectionSet)
            sets << &*s->selectionSet;
    return collect(typeName, sets);
}

// ---------------------------------------------------------------- values

QJsonValue CompileContext::value(const ast::Value &v) const
{
    switch (v.kind) {
    case ast::Value::Kind::Variable:
        return m_variables.contains(v.value) ? m_variables.value(v.value) : QJsonValue(QJsonValue::Undefined);
    case ast::Value::Kind::Int:
    case ast::Value::Kind::Float:
        return v.value.toDouble();
    case ast::Value::Kind::String:
    case ast::Value::Kind::Enum:
        return v.value;
    case ast::Value::Kind::Boolean:
        return v.boolean;
    case ast::Value::Kind::Null:
        return QJsonValue::Null;
    case ast::Value::Kind::List: {
        QJsonArray a;
        for (const ast::Value &item : v.list) {
            const QJsonValue x = value(item);
            a.append(x.isUndefined() ? QJsonValue(QJsonValue::Null) : x);
        }
        return a;
    }
    case ast::Value::Kind::Object: {
        QJsonObject o;
        for (const ast::ObjectField &of : v.fields) {
            const QJsonValue x = value(of.value);
            if (!x.isUndefined())
                o.insert(of.name.value, x);
        }
        return o;
    }
    }
    return QJsonValue::Undefined;
}

const Field *CompileContext::schemaField(const QString &type, const QString &name) const
{
    const NamedType *t = m_c.m_schema.type(type);
    return t ? t->field(name) : nullptr;
}

QJsonValue CompileContext::argument(const CollectedField &f, const QString &parentType, const QString &argName) const
{
    for (const ast::Argument &a : f.nodes.front()->arguments)
        if (a.name.value == argName) {
            QJsonValue v = value(a.value);
            if (!v.isUndefined())
                return v;
        }
    // The schema's default (`orderBy: [PRIMARY_KEY_ASC]`), written as a GraphQL literal.
    if (const Field *sf = schemaField(parentType, f.name()))
        for (const InputValue &iv : sf->arguments)
            if (iv.name == argName && iv.defaultValue) {
                if (auto parsed = parseValue(*iv.defaultValue, nullptr, true))
                    return value(*parsed);
            }
    return QJsonValue::Undefined;
}

QString CompileContext::param(const pg::Param &p)
{
    m_params << p;
    return QStringLiteral("$%1").arg(m_params.size());
}

namespace {

/// Text form of one GraphQL input value for PostgreSQL type `t` (enum names back to labels, lists
/// to array literals, objects to JSON).
pg::Param toPgText(const CompileContext &ctx, const QJsonValue &v, Oid typeOid)
{
    if (v.isNull() || v.isUndefined())
        return std::nullopt;
    const reflect::Type *type = nullptr;
    for (Oid o = typeOid; o;) {
        type = ctx.m_c.catalogType(o);
        if (type && type->type == 'd') {
            o = type->domainBaseOid;
            continue;
        }
        break;
    }
    if (v.isArray()) {
        const Oid item = type && type->category == 'A' ? type->arrayItemOid : 0;
        QList<pg::Param> items;
        for (const QJsonValue &x : v.toArray())
            items << toPgText(ctx, x, item);
        return arrayLiteral(items);
    }
    if (v.isBool())
        return QByteArray(v.toBool() ? "true" : "false");
    if (v.isDouble()) {
        const double d = v.toDouble();
        if (std::floor(d) == d && std::abs(d) < 9.2e18)
            return QByteArray::number(qint64(d));
        return QByteArray::number(d, 'g', 17);
    }
    if (v.isObject())
        return QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
    if (type && type->type == 'e') {
        const QString label = ctx.m_c.enumLabel(type->oid, v.toString());
        return label.toUtf8();
    }
    return v.toString().toUtf8();
}

} // namespace

QString CompileContext::valueParam(const QJsonValue &v, Oid typeOid)
{
    const reflect::Type *t = m_c.catalogType(typeOid);
    if (t && t->classOid && t->category != 'A' && v.isObject()) {
        // Composite input: a row constructor of the attributes, each value its own parameter.
        const reflect::Class *c = cls(t->classOid);
        const QJsonObject o = v.toObject();
        QStringList items;
        for (const reflect::Attribute &a : c ? c->attributes : std::vector<reflect::Attribute>{}) {
            const QString name = m_c.inputFieldName(t->classOid, a.num);
            items << (o.contains(name) ? valueParam(o.value(name), a.typeOid) : QStringLiteral("NULL::") + typeSql(a.typeOid));
        }
        return QStringLiteral("row(%1)::%2").arg(items.join(QStringLiteral(", ")), typeSql(typeOid));
    }
    const reflect::Type *base = t;
    while (base && base->type == 'd')
        base = m_c.catalogType(base->domainBaseOid);
    if (base && base->category == 'A' && v.isArray()) {
        // Arrays of objects (composites, ranges, intervals, points): array[…] of their constructors.
        const QJsonArray items = v.toArray();
        const bool objects = std::any_of(items.begin(), items.end(), [](const QJsonValue &x) { return x.isObject(); });
        if (objects) {
            QStringList parts;
            for (const QJsonValue &x : items)
                parts << valueParam(x, base->arrayItemOid);
            return QStringLiteral("array[%1]::%2").arg(parts.join(QStringLiteral(", ")), typeSql(typeOid));
        }
    }
    if (base && v.isObject()) {
        const QJsonObject o = v.toObject();
        if (base->type == 'r') {
            // PostGraphile: "ns"."range"(lower, upper, '[)'), bounds inclusive unless told otherwise.
            auto bound = [&](const QString &key, QChar inc, QChar exc) {
                const QJsonObject b = o.value(key).toObject();
                const bool inclusive = !b.contains(QStringLiteral("inclusive")) || b.value(QStringLiteral("inclusive")).toBool();
                const QString value = b.contains(QStringLiteral("value")) ? valueParam(b.value(QStringLiteral("value")), base->rangeSubtypeOid)
                                                                         : QStringLiteral("NULL::") + typeSql(base->rangeSubtypeOid);
                return qMakePair(value, inclusive ? inc : exc);
            };
            const auto lo = bound(QStringLiteral("start"), QLatin1Char('['), QLatin1Char('('));
            const auto hi = bound(QStringLiteral("end"), QLatin1Char(']'), QLatin1Char(')'));
            return QStringLiteral("%1(%2, %3, %4)").arg(typeSql(base->oid), lo.first, hi.first, textParam(QString(lo.second) + hi.second));
        }
        if (base->oid == 1186) {
            QStringList parts;
            for (const char *unit : {"seconds", "minutes", "hours", "days", "months", "years"}) {
                const QString k = QLatin1String(unit);
                if (o.contains(k) && !o.value(k).isNull())
                    parts << QString::number(o.value(k).toDouble(), 'g', 17) + QLatin1Char(' ') + k;
            }
            return param(parts.join(QLatin1Char(' ')).toUtf8()) + QStringLiteral("::") + typeSql(typeOid);
        }
        if (base->name == QLatin1String("hstore")) {
            // KeyValueHash: hstore's text form, `"k"=>"v", "k2"=>NULL`.
            auto quote = [](const QString &x) {
                QString q = x;
                q.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('"'), QStringLiteral("\\\""));
                return QLatin1Char('"') + q + QLatin1Char('"');
            };
            QStringList pairs;
            for (auto it = o.begin(); it != o.end(); ++it)
                pairs << quote(it.key()) + QStringLiteral("=>") + (it->isNull() ? QStringLiteral("NULL") : quote(it->toString()));
            return param(pairs.join(QStringLiteral(", ")).toUtf8()) + QStringLiteral("::") + typeSql(typeOid);
        }
        if (base->oid == 600)
            return QStringLiteral("point(%1, %2)::%3").arg(valueParam(o.value(QStringLiteral("x")), 701),
                                                           valueParam(o.value(QStringLiteral("y")), 701), typeSql(typeOid));
    }
    pg::Param p;
    if (t && (t->oid == 114 || t->oid == 3802) && !v.isNull() && !v.isUndefined()) {
        // JSON arrives as its text (dynamicJson off) or as a value (on).
        p = v.isString() && !m_c.m_options.dynamicJson ? v.toString().toUtf8()
                                                        : QJsonDocument::fromVariant(v.toVariant()).toJson(QJsonDocument::Compact);
        if (m_c.m_options.dynamicJson && !v.isArray() && !v.isObject()) {
            QJsonArray wrap{v};
            QByteArray s = QJsonDocument(wrap).toJson(QJsonDocument::Compact);
            p = s.mid(1, s.size() - 2);
        }
    } else {
        p = toPgText(*this, v, typeOid);
    }
    return param(p) + QStringLiteral("::") + typeSql(typeOid);
}

// ---------------------------------------------------------------- catalog helpers

const reflect::Class *CompileContext::cls(Oid oid) const { return m_c.m_catalog.classByOid(oid); }

QString CompileContext::tableSql(Oid classOid) const
{
    const reflect::Class *c = cls(classOid);
    if (!c)
        throw CompileFailure{QStringLiteral("Unknown table %1").arg(classOid)};
    return quoteIdent(c->namespaceName) + QLatin1Char('.') + quoteIdent(c->name);
}

QString CompileContext::typeSql(Oid typeOid) const
{
    const reflect::Type *t = m_c.catalogType(typeOid);
    if (!t)
        return QStringLiteral("text");
    return quoteIdent(t->namespaceName) + QLatin1Char('.') + quoteIdent(t->name);
}

QString CompileContext::columnName(Oid classOid, int attNum) const
{
    if (const reflect::Class *c = cls(classOid))
        for (const reflect::Attribute &a : c->attributes)
            if (a.num == attNum)
                return quoteIdent(a.name);
    throw CompileFailure{QStringLiteral("Unknown column %1.%2").arg(classOid).arg(attNum)};
}

Oid CompileContext::columnType(Oid classOid, int attNum) const
{
    if (const reflect::Class *c = cls(classOid))
        for (const reflect::Attribute &a : c->attributes)
            if (a.num == attNum)
                return a.typeOid;
    return 0;
}

QString CompileContext::functionSql(Oid functionOid) const
{
    const reflect::Function *fn = m_c.m_functions.value(functionOid);
    if (!fn)
        throw CompileFailure{QStringLiteral("Unknown function %1").arg(functionOid)};
    return quoteIdent(fn->namespaceName) + QLatin1Char('.') + quoteIdent(fn->name);
}

QString CompileContext::functionCall(Oid functionOid, const QString &rowArg, const CollectedField &f, const QString &parentType,
                                     const QJsonObject *inputObject, const QString &inputTypeName)
{
    const reflect::Function *fn = m_c.m_functions.value(functionOid);
    if (!fn)
        throw CompileFailure{QStringLiteral("Unknown function %1").arg(functionOid)};
    QList<Oid> inputTypes;
    for (const reflect::FunctionArg &a : fn->args)
        if (a.mode == 'i' || a.mode == 'b' || a.mode == 'v')
            inputTypes << a.typeOid;
    QStringList args;
    if (!rowArg.isEmpty())
        args << rowArg;
    // GraphQL arguments by their index among the input arguments; trailing omitted arguments are
    // left out so that PostgreSQL applies their defaults (PostGraphile does the same).
    // argIndex counts the GraphQL-visible arguments: a computed column's row argument is not one.
    const int shift = int(args.size());
    QHash<int, QJsonValue> byIndex;
    int last = int(args.size()) - 1;
    // Query functions take GraphQL arguments; mutation functions the fields of their `input`.
    const NamedType *inputType = inputObject ? m_c.schema().type(inputTypeName) : nullptr;
    const Field *sf = inputObject ? nullptr : schemaField(parentType, f.name());
    const QList<InputValue> params = inputType ? inputType->inputFields : sf ? sf->arguments : QList<InputValue>{};
    for (const InputValue &iv : params) {
            const QString key = inputType ? inputTypeName + QLatin1Char('.') + iv.name
                                          : parentType + QLatin1Char('.') + f.name() + QLatin1Char('(') + iv.name + QLatin1Char(')');
            auto it = m_c.m_meta.inputFields.constFind(key);
            if (it == m_c.m_meta.inputFields.cend() || it->kind != reflect::InputFieldMeta::Kind::FunctionArgument)
                continue;
            const QJsonValue v = inputObject ? (inputObject->contains(iv.name) ? inputObject->value(iv.name) : QJsonValue(QJsonValue::Undefined))
                                             : argument(f, parentType, iv.name);
            if (v.isUndefined())
                continue;
            byIndex.insert(it->argIndex + shift, v);
            last = std::max(last, it->argIndex + shift);
        }
    // Arguments without defaults are always passed (NULL when not given); after an omitted
    // defaulted argument the later ones are passed by name so that PostgreSQL fills the gap.
    last = std::max(last, int(inputTypes.size()) - fn->argDefaultsCount - 1);
    QStringList inputNames;
    for (const reflect::FunctionArg &a : fn->args)
        if (a.mode == 'i' || a.mode == 'b' || a.mode == 'v')
            inputNames << a.name;
    const int firstDefaulted = int(inputTypes.size()) - fn->argDefaultsCount;
    bool gap = false;
    for (int i = int(args.size()); i <= last && i < inputTypes.size(); ++i) {
        if (!byIndex.contains(i) && i >= firstDefaulted && !inputNames[i].isEmpty()) {
            gap = true;
            continue;
        }
        const QString v = byIndex.contains(i) ? valueParam(byIndex.value(i), inputTypes[i])
                                              : QStringLiteral("NULL::") + typeSql(inputTypes[i]);
        args << (gap && !inputNames[i].isEmpty() ? quoteIdent(inputNames[i]) + QStringLiteral(" => ") + v : v);
    }
    return functionSql(functionOid) + QLatin1Char('(') + args.join(QStringLiteral(", ")) + QLatin1Char(')');
}

// ---------------------------------------------------------------- root fields

QString CompileContext::rootExpression(const QString &parentType, const CollectedField &f)
{
    if (f.name() == QLatin1String("__typename"))
        return textParam(parentType);
    const FieldMeta *m = m_c.m_meta.field(parentType, f.name());
    if (!m)
        throw CompileFailure{QStringLiteral("Cannot query field \"%1\" on type \"%2\".").arg(f.name(), parentType)};
    const Field *sf = schemaField(parentType, f.name());
    const QString retType = sf ? sf->type.name : QString();
    switch (m->kind) {
    case FieldMeta::Kind::QueryNodeId:
        return textParam(QStringLiteral("query"));
    case FieldMeta::Kind::QueryQuery: {
        QList<QPair<QString, QString>> kv;
        for (const CollectedField &sub : subFields(retType, f))
            kv << qMakePair(sub.key, rootExpression(retType, sub));
        return objectSql(kv);
    }
    case FieldMeta::Kind::AllRows:
    case FieldMeta::Kind::AllRowsList: {
        RowSource src;
        src.from = tableSql(m->classOid);
        src.classOid = m->classOid;
        return m->kind == FieldMeta::Kind::AllRows ? connectionSql(parentType, f, src) : listSql(parentType, f, src);
    }
    case FieldMeta::Kind::RowByUniqueKey: {
        QStringList conds;
        const QList<InputValue> args = sf ? sf->arguments : QList<InputValue>{};
        for (qsizetype i = 0; i < m->keyAttrNums.size() && i < args.size(); ++i)
            conds << QStringLiteral("{@}.") + columnName(m->classOid, m->keyAttrNums[i]) + QStringLiteral(" = ")
                         + valueParam(argument(f, parentType, args[i].name), columnType(m->classOid, m->keyAttrNums[i]));
        return singleRowSql(retType, tableSql(m->classOid), m->classOid, conds, subFields(retType, f));
    }
    case FieldMeta::Kind::RowByNodeId:
    case FieldMeta::Kind::QueryNode: {
        const QString id = argument(f, parentType, m_c.m_options.effectiveNodeIdFieldName()).toString();
        auto decoded = decodeNodeId(id);
        // PostGraphile answers null for ids it cannot read or of another type.
        if (!decoded || (m->kind == FieldMeta::Kind::RowByNodeId && decoded->first != m->classOid))
            return QStringLiteral("NULL::json");
        const Oid classOid = decoded->first;
        const QList<int> pk = primaryKey(classOid);
        if (pk.size() != decoded->second.size())
            return QStringLiteral("NULL::json");
        const QString typeName = m_c.m_typeNameByClass.value(classOid);
        QStringList conds;
        for (qsizetype i = 0; i < pk.size(); ++i)
            conds << QStringLiteral("{@}.") + columnName(classOid, pk[i]) + QStringLiteral(" = ")
                         + valueParam(decoded->second[i], columnType(classOid, pk[i]));
        return singleRowSql(typeName, tableSql(classOid), classOid, conds, subFields(typeName, f));
    }
    case FieldMeta::Kind::CustomQuery:
    case FieldMeta::Kind::CustomQueryConnection:
    case FieldMeta::Kind::CustomQueryList: {
        const QString call = functionCall(m->functionOid, QString(), f, parentType);
        const reflect::Function *fn = m_c.m_functions.value(m->functionOid);
        const RowSource src = functionSource(call, fn);
        if (m->kind == FieldMeta::Kind::CustomQueryConnection)
            return connectionSql(parentType, f, src);
        if (m->kind == FieldMeta::Kind::CustomQueryList)
            return listSql(parentType, f, src);
        if (src.classOid || src.recordFunction) {
            const QString a = newAlias();
            return QStringLiteral("(select case when %1 is null then null else %2 end from %3 as %1)")
                .arg(a, itemJson(src, retType, a, f), call);
        }
        return formatValue(call, fn->returnTypeOid, retType, &f);
    }
    default:
        throw CompileFailure{QStringLiteral("Field \"%1.%2\" is not supported yet").arg(parentType, f.name())};
    }
}

} // namespace refract::exec
