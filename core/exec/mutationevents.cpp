#include "mutationevents.h"

#include <graphql/parser.h>

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace refract::exec {

using graphql::ast::Definition;
using graphql::ast::OperationType;
using graphql::ast::Selection;
using graphql::ast::Value;
using reflect::FieldMeta;

namespace {

const QString kKeyPrefix = QStringLiteral("_refractKey");
const QString kRowAlias = QStringLiteral("_refractRow");

bool isChange(FieldMeta::Kind k)
{
    switch (k) {
    case FieldMeta::Kind::CreateRow:
    case FieldMeta::Kind::UpdateByNodeId:
    case FieldMeta::Kind::UpdateByKey:
    case FieldMeta::Kind::DeleteByNodeId:
    case FieldMeta::Kind::DeleteByKey:
    case FieldMeta::Kind::CustomMutation:
        return true;
    default:
        return false;
    }
}

QJsonValue parseValueText(const QByteArray &json, QPair<qsizetype, qsizetype> span)
{
    if (span.first < 0)
        return QJsonValue(QJsonValue::Undefined);
    const QJsonDocument d = QJsonDocument::fromJson("[" + json.mid(span.first, span.second - span.first) + "]");
    return d.array().isEmpty() ? QJsonValue(QJsonValue::Undefined) : d.array().at(0);
}

} // namespace

QJsonValue astValueToJson(const Value &v, const QJsonObject &variables)
{
    switch (v.kind) {
    case Value::Kind::Variable:
        return variables.contains(v.value) ? variables.value(v.value) : QJsonValue(QJsonValue::Null);
    case Value::Kind::Int:
    case Value::Kind::Float:
        return v.value.toDouble();
    case Value::Kind::String:
    case Value::Kind::Enum:
        return v.value;
    case Value::Kind::Boolean:
        return v.boolean;
    case Value::Kind::Null:
        return QJsonValue(QJsonValue::Null);
    case Value::Kind::List: {
        QJsonArray a;
        for (const Value &x : v.list)
            a << astValueToJson(x, variables);
        return a;
    }
    case Value::Kind::Object: {
        QJsonObject o;
        for (const auto &f : v.fields)
            o.insert(f.name.value, astValueToJson(f.value, variables));
        return o;
    }
    }
    return QJsonValue(QJsonValue::Null);
}

const Definition *findOperation(const graphql::ast::Document &document, const QString &operationName)
{
    const Definition *found = nullptr;
    for (const Definition &d : document.definitions) {
        if (d.kind != Definition::Kind::Operation)
            continue;
        if (operationName.isEmpty()) {
            if (found)
                return nullptr; // several operations and no name: ambiguous
            found = &d;
        } else if (d.name && d.name->value == operationName) {
            return &d;
        }
    }
    return found;
}

namespace jsontext {

namespace {

qsizetype skipWs(const QByteArray &s, qsizetype i)
{
    while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t'))
        ++i;
    return i;
}

// Past the closing quote of the string starting at i; -1 when unterminated.
qsizetype skipString(const QByteArray &s, qsizetype i)
{
    for (++i; i < s.size(); ++i) {
        if (s[i] == '\\')
            ++i;
        else if (s[i] == '"')
            return i + 1;
    }
    return -1;
}

// Past the end of the value starting at i (after whitespace); -1 when malformed.
qsizetype skipValue(const QByteArray &s, qsizetype i)
{
    i = skipWs(s, i);
    if (i >= s.size())
        return -1;
    if (s[i] == '"')
        return skipString(s, i);
    if (s[i] == '{' || s[i] == '[') {
        int depth = 0;
        while (i < s.size()) {
            const char c = s[i];
            if (c == '"') {
                i = skipString(s, i);
                if (i < 0)
                    return -1;
                continue;
            }
            if (c == '{' || c == '[')
                ++depth;
            else if (c == '}' || c == ']') {
                if (--depth == 0)
                    return i + 1;
            }
            ++i;
        }
        return -1;
    }
    while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != ']' && s[i] != ' ' && s[i] != '\n')
        ++i;
    return i;
}

struct Member
{
    qsizetype keyStart, valueStart, valueEnd;
    QByteArray key; // raw (escapes kept): our keys never need any
};

QList<Member> members(const QByteArray &s, qsizetype objStart)
{
    QList<Member> out;
    qsizetype i = skipWs(s, objStart);
    if (i >= s.size() || s[i] != '{')
        return out;
    i = skipWs(s, i + 1);
    if (i < s.size() && s[i] == '}')
        return out;
    while (i < s.size() && s[i] == '"') {
        Member m;
        m.keyStart = i;
        const qsizetype ke = skipString(s, i);
        if (ke < 0)
            return {};
        m.key = s.mid(i + 1, ke - i - 2);
        i = skipWs(s, ke);
        if (i >= s.size() || s[i] != ':')
            return {};
        m.valueStart = skipWs(s, i + 1);
        m.valueEnd = skipValue(s, m.valueStart);
        if (m.valueEnd < 0)
            return {};
        out << m;
        i = skipWs(s, m.valueEnd);
        if (i < s.size() && s[i] == ',')
            i = skipWs(s, i + 1);
        else
            break;
    }
    return out;
}

} // namespace

QPair<qsizetype, qsizetype> member(const QByteArray &json, qsizetype objStart, const QByteArray &key)
{
    for (const Member &m : members(json, objStart))
        if (m.key == key)
            return {m.valueStart, m.valueEnd};
    return {-1, -1};
}

void removeMembers(QByteArray *json, qsizetype objStart, const QByteArray &prefix)
{
    const QList<Member> ms = members(*json, objStart);
    // From the back, so earlier offsets stay valid. A removed member takes the comma before it
    // (or, when it is the first kept-or-not member, the comma after it).
    for (qsizetype k = ms.size() - 1; k >= 0; --k) {
        if (!ms[k].key.startsWith(prefix))
            continue;
        qsizetype from = ms[k].keyStart, to = ms[k].valueEnd;
        if (k > 0) {
            from = ms[k - 1].valueEnd;
        } else if (k + 1 < ms.size()) {
            to = ms[k + 1].keyStart;
        }
        json->remove(from, to - from);
    }
}

} // namespace jsontext

MutationEvents::MutationEvents(const graphql::Schema &schema, const reflect::SchemaMeta &meta)
    : m_schema(schema), m_meta(meta)
{
}

QList<QStringList> MutationEvents::uniqueKeys(reflect::Oid classOid) const
{
    QList<QStringList> out;
    const graphql::NamedType *q = m_schema.type(m_schema.queryTypeName());
    if (!q || !classOid)
        return out;
    for (const graphql::Field &f : q->fields) {
        const FieldMeta *m = m_meta.field(q->name, f.name);
        if (!m || m->kind != FieldMeta::Kind::RowByUniqueKey || m->classOid != classOid)
            continue;
        QStringList names;
        for (const graphql::InputValue &a : f.arguments)
            names << a.name;
        if (!names.isEmpty())
            out << names;
    }
    return out;
}

QJsonObject MutationEvents::keysBefore(const Tap &tap) const
{
    if (!tap.deletes)
        return {};
    const QJsonObject input = tap.arguments.value(QStringLiteral("input")).isObject() ? tap.arguments.value(QStringLiteral("input")).toObject()
                                                                                      : tap.arguments;
    const QList<QStringList> keys = uniqueKeys(tap.classOid);
    // `deletePostById(input: {id: 5})`: the input names a whole unique key by its row field names.
    for (const QStringList &key : keys) {
        QJsonObject out;
        for (const QString &f : key) {
            const QJsonValue v = input.value(f);
            if (v.isNull() || v.isUndefined())
                break;
            out.insert(f, v);
        }
        if (out.size() == key.size())
            return out;
    }
    // `deletePost(input: {nodeId: "…"})`: base64 of `["posts", 5]`, the primary key's values.
    for (auto it = input.begin(); it != input.end(); ++it) {
        if (!it.value().isString() || keys.isEmpty())
            continue;
        const QJsonArray node = QJsonDocument::fromJson(QByteArray::fromBase64(it.value().toString().toLatin1())).array();
        if (node.size() != keys.first().size() + 1 || !node.at(0).isString())
            continue;
        QJsonObject out;
        for (qsizetype i = 0; i < keys.first().size(); ++i)
            out.insert(keys.first()[i], node.at(i + 1));
        return out;
    }
    return {};
}

MutationEvents::Prepared MutationEvents::prepare(const QString &query, const QString &operationName,
                                                 const QJsonObject &variables,
                                                 const std::function<bool(const QString &)> &wanted) const
{
    Prepared p;
    p.query = query;
    const QString mutationType = m_schema.mutationTypeName();
    if (mutationType.isEmpty() || !query.contains(QLatin1String("mutation")))
        return p;
    const graphql::ParseResult parsed = graphql::parse(query);
    if (!parsed.document)
        return p;
    const Definition *op = findOperation(*parsed.document, operationName);
    if (!op || op->operation != OperationType::Mutation || !op->selectionSet)
        return p;
    QList<QPair<qsizetype, QString>> inserts;
    for (const Selection &sel : op->selectionSet->selections) {
        if (sel.kind != Selection::Kind::Field || !sel.selectionSet)
            continue;
        const FieldMeta *m = m_meta.field(mutationType, sel.name.value);
        if (!m || !isChange(m->kind))
            continue;
        if (wanted && !wanted(sel.name.value))
            continue;
        const graphql::Field *sf = m_schema.type(mutationType) ? m_schema.type(mutationType)->field(sel.name.value) : nullptr;
        if (!sf)
            continue;
        Tap tap;
        QString rowType = sf->type.name;
        if (!m->payloadUnwrapped) {
            const graphql::NamedType *payload = m_schema.type(rowType);
            rowType.clear();
            for (const graphql::Field &pf : payload ? payload->fields : QList<graphql::Field>{}) {
                const FieldMeta *pm = m_meta.field(payload->name, pf.name);
                if (pm && pm->kind == FieldMeta::Kind::PayloadRow) {
                    tap.rowField = pf.name;
                    rowType = pf.type.name;
                    break;
                }
            }
        }
        tap.classOid = m_meta.classByTypeName.value(rowType);
        tap.deletes = m->kind == FieldMeta::Kind::DeleteByKey || m->kind == FieldMeta::Kind::DeleteByNodeId;
        if (!tap.classOid || sf->type.isList())
            continue;
        QStringList columns;
        for (const QStringList &key : uniqueKeys(tap.classOid))
            for (const QString &c : key)
                if (!columns.contains(c))
                    columns << c;
        if (columns.isEmpty())
            continue;
        QString text;
        for (qsizetype i = 0; i < columns.size(); ++i) {
            const QString alias = kKeyPrefix + QString::number(i);
            tap.hidden << qMakePair(alias, columns[i]);
            text += QLatin1Char(' ') + alias + QStringLiteral(": ") + columns[i];
        }
        if (!tap.rowField.isEmpty())
            text = QStringLiteral(" %1: %2 {%3 }").arg(kRowAlias, tap.rowField, text);
        const qsizetype close = sel.selectionSet->loc.end - 1;
        if (close < 0 || close >= query.size() || query[close] != QLatin1Char('}'))
            continue;
        inserts << qMakePair(close, text);
        tap.responseKey = sel.alias ? sel.alias->value : sel.name.value;
        tap.mutationField = sel.name.value;
        for (const auto &a : sel.arguments)
            tap.arguments.insert(a.name.value, astValueToJson(a.value, variables));
        p.taps << tap;
    }
    std::sort(inserts.begin(), inserts.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    for (const auto &ins : inserts)
        p.query.insert(ins.first, ins.second);
    return p;
}

QList<MutationEvent> MutationEvents::finish(const Prepared &prepared, QByteArray *response) const
{
    QList<MutationEvent> events;
    for (const Tap &tap : prepared.taps) {
        const auto data = jsontext::member(*response, 0, "data");
        if (data.first < 0 || response->at(data.first) != '{')
            break;
        const auto field = jsontext::member(*response, data.first, tap.responseKey.toUtf8());
        if (field.first < 0 || response->at(field.first) != '{')
            continue; // null: the mutation failed, nothing changed
        MutationEvent e;
        e.mutationField = tap.mutationField;
        e.classOid = tap.classOid;
        e.arguments = tap.arguments;
        qsizetype rowStart = field.first;
        if (!tap.rowField.isEmpty()) {
            const auto row = jsontext::member(*response, field.first, kRowAlias.toUtf8());
            rowStart = row.first >= 0 && response->at(row.first) == '{' ? row.first : -1;
        }
        if (rowStart >= 0) {
            for (const auto &h : tap.hidden) {
                const QJsonValue v = parseValueText(*response, jsontext::member(*response, rowStart, h.first.toUtf8()));
                if (!v.isUndefined())
                    e.keys.insert(h.second, v);
            }
        }
        jsontext::removeMembers(response, field.first, (tap.rowField.isEmpty() ? kKeyPrefix : kRowAlias).toUtf8());
        const auto stripped = jsontext::member(*response, jsontext::member(*response, 0, "data").first, tap.responseKey.toUtf8());
        e.payload = parseValueText(*response, stripped);
        if (!e.keys.isEmpty())
            events << e;
    }
    return events;
}

} // namespace refract::exec
