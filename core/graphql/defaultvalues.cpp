#include "defaultvalues.h"

#include "pendingdefaults.h"
#include "printer.h"
#include "schemabuilder.h"
#include "textutil.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <string>
#include <unordered_map>

// graphql-js 16.15 valueFromAST / astFromValue / print for the default values of buildASTSchema and
// buildClientSchema (kept apart from schemabuilder.cpp, which builds the types).
namespace refract::graphql {

using namespace ast;

QString jsNumberToString(double v)
{
    if (std::isnan(v))
        return QStringLiteral("NaN");
    if (v == 0)
        return QStringLiteral("0");
    if (std::isinf(v))
        return v < 0 ? QStringLiteral("-Infinity") : QStringLiteral("Infinity");
    // Integers below 2^53 print as their digits (Number::toString without exponent below 1e21):
    // the common case of default values, without the digit-string juggling below.
    if (std::fabs(v) < 9007199254740992.0 && v == std::trunc(v)) {
        char buf[24];
        const auto res = std::to_chars(buf, buf + sizeof buf, qint64(v));
        return QString::fromLatin1(buf, res.ptr - buf);
    }
    QString sign;
    if (v < 0) {
        sign = QStringLiteral("-");
        v = -v;
    }
    // Shortest round-trip digits and exponent: d.ddd e±x.
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
    const std::string s(buf, res.ptr);
    const size_t e = s.find('e');
    std::string digits = s.substr(0, e);
    digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
    const int exp10 = std::atoi(s.c_str() + e + 1);
    const int k = int(digits.size());
    const int n = exp10 + 1; // position of the decimal point relative to the digits
    // Appended piecewise: GCC 12 misreads `"." + digits.substr(1)` as an overlapping copy (-Wrestrict).
    std::string out;
    if (k <= n && n <= 21) {
        out = digits;
        out.append(size_t(n - k), '0');
    } else if (0 < n && n <= 21) {
        out.assign(digits, 0, size_t(n));
        out += '.';
        out.append(digits, size_t(n), std::string::npos);
    } else if (-6 < n && n <= 0) {
        out.assign("0.");
        out.append(size_t(-n), '0');
        out.append(digits);
    } else {
        const int ex = n - 1;
        out = digits.substr(0, 1);
        if (k > 1) {
            out += '.';
            out.append(digits, 1, std::string::npos);
        }
        out += ex >= 0 ? "e+" : "e-";
        out += std::to_string(std::abs(ex));
    }
    return sign + QString::fromLatin1(out.c_str());
}

namespace {

JsValue jsNull() { JsValue v; v.kind = JsValue::Kind::Null; return v; }
JsValue jsString(const QString &s) { JsValue v; v.kind = JsValue::Kind::String; v.string = s; return v; }
JsValue jsNumber(double d) { JsValue v; v.kind = JsValue::Kind::Number; v.number = d; return v; }
JsValue jsBool(bool b) { JsValue v; v.kind = JsValue::Kind::Boolean; v.boolean = b; return v; }

double parseJsFloat(const QString &s)
{
    // Number literals are ASCII: short ones (all but hostile input) convert without an allocation.
    char buf[64];
    if (s.size() < qsizetype(sizeof buf)) {
        for (qsizetype i = 0; i < s.size(); ++i)
            buf[i] = char(s.at(i).unicode() < 128 ? s.at(i).unicode() : '?');
        buf[s.size()] = 0;
        return std::strtod(buf, nullptr);
    }
    const QByteArray b = s.toLatin1();
    return std::strtod(b.constData(), nullptr);
}

bool isIntegerString(const QString &s)
{
    // /^-?(?:0|[1-9][0-9]*)$/
    qsizetype i = 0;
    if (i < s.size() && s.at(i) == QLatin1Char('-'))
        ++i;
    if (i >= s.size())
        return false;
    if (s.at(i) == QLatin1Char('0'))
        return i + 1 == s.size();
    for (; i < s.size(); ++i)
        if (s.at(i) < QLatin1Char('0') || s.at(i) > QLatin1Char('9'))
            return false;
    return true;
}

} // namespace

namespace detail {

bool EnumNames::contains(const QString &name) const
{
    if (type) {
        for (const EnumValue &ev : type->enumValues)
            if (ev.name == name)
                return true;
        return false;
    }
    for (const EnumValueDefinition &v : def->values)
        if (v.name.value == name)
            return true;
    if (extensions)
        for (const Definition *d : *extensions)
            for (const EnumValueDefinition &v : d->values)
                if (v.name.value == name)
                    return true;
    return false;
}

void DefaultValues::setSchema(Schema *schema, Lookup lookup)
{
    m_schema = schema;
    m_lookup = std::move(lookup);
}

std::optional<QString> DefaultValues::printDefault(const Value &node, const TypeRef &type)
{
    std::optional<QString> printed;
    if (printSimple(node, type, printed))
        return printed;
    return printValue(coerce(node, type), type);
}

bool DefaultValues::printSimple(const Value &node, const TypeRef &type, std::optional<QString> &out) const
{
    if (printInt(node, type, out))
        return true;
    return printEnum(node, type, out, [this](const QString &name) -> std::optional<EnumNames> {
        const NamedType *t = schemaType(name);
        if (!t || t->kind != TypeKind::Enum)
            return std::nullopt;
        return EnumNames{t, nullptr, nullptr};
    });
}

void DefaultValues::printInputFields()
{
    std::vector<NamedType> &types = m_schema->types();
    for (InputFieldDefaults &d : m_inputDefaults) {
        NamedType &t = types[size_t(d.type)];
        for (const qsizetype i : d.general) {
            if (i >= t.inputFields.size())
                continue;
            InputValue &f = t.inputFields[i];
            f.defaultValue.reset();
            const JsValue v = inputFieldDefault(d, i);
            if (!v.isUndefined())
                f.defaultValue = printValue(v, f.type);
        }
    }
}

bool DefaultValues::printInt(const Value &node, const TypeRef &type, std::optional<QString> &out)
{
    if (node.kind != Value::Kind::Int || type.name.size() != 3 || type.name != QLatin1String("Int")
        || type.wrappers.size() > 1 || (type.wrappers.size() == 1 && type.wrappers.front() != TypeWrapper::NonNull))
        return false;
    const QString &text = node.value;
    qsizetype i = !text.isEmpty() && text.at(0) == QLatin1Char('-') ? 1 : 0;
    if (text.size() - i < 1 || text.size() - i > 10)
        return false;
    qint64 v = 0;
    for (; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        if (c < u'0' || c > u'9')
            return false;
        v = v * 10 + (c - u'0');
    }
    if (text.at(0) == QLatin1Char('-'))
        v = -v;
    if (v > 2147483647 || v < -2147483648LL)
        return false;
    if (v == 0)
        out = QStringLiteral("0");
    else
        out = text;
    return true;
}

InputFieldDefaults *DefaultValues::inputDefaultsOf(qsizetype typeIndex)
{
    if (m_inputDefaults.empty())
        return nullptr;
    if (m_inputDefaultsByType.empty()) {
        m_inputDefaultsByType.assign(m_schema->types().size(), -1);
        for (size_t i = 0; i < m_inputDefaults.size(); ++i)
            m_inputDefaultsByType[size_t(m_inputDefaults[i].type)] = qsizetype(i);
    }
    if (typeIndex < 0 || size_t(typeIndex) >= m_inputDefaultsByType.size() || m_inputDefaultsByType[size_t(typeIndex)] < 0)
        return nullptr;
    return &m_inputDefaults[size_t(m_inputDefaultsByType[size_t(typeIndex)])];
}

JsValue DefaultValues::inputFieldDefault(InputFieldDefaults &d, qsizetype field)
{
    if (size_t(field) >= d.nodes.size() || !d.nodes[size_t(field)])
        return JsValue(); // no default written
    if (d.memo.empty())
        d.memo.resize(d.nodes.size());
    if (d.memo[size_t(field)])
        return *d.memo[size_t(field)];
    const InputValueDefinition *fd = d.nodes[size_t(field)];
    JsValue result;
    if (fd->defaultValue && m_inProgress < 64) {
        ++m_inProgress;
        const NamedType &t = m_schema->types()[size_t(d.type)];
        if (field < t.inputFields.size())
            result = coerce(*fd->defaultValue, t.inputFields[field].type);
        --m_inProgress;
    }
    d.memo[size_t(field)] = result;
    return result;
}

JsValue DefaultValues::coerce(const Value &node, const TypeRef &type, size_t wrapper)
{
    JsValue undefined;
    if (node.kind == Value::Kind::Variable)
        return undefined;
    if (wrapper < type.wrappers.size() && type.wrappers[wrapper] == TypeRef::Wrapper::NonNull) {
        if (node.kind == Value::Kind::Null)
            return undefined;
        return coerce(node, type, wrapper + 1);
    }
    if (node.kind == Value::Kind::Null)
        return jsNull();
    if (wrapper < type.wrappers.size()) { // List
        if (node.kind == Value::Kind::List) {
            JsValue list;
            list.kind = JsValue::Kind::List;
            for (const Value &item : node.list) {
                JsValue v = coerce(item, type, wrapper + 1);
                if (v.isUndefined())
                    return undefined;
                list.list.push_back(std::move(v));
            }
            return list;
        }
        JsValue v = coerce(node, type, wrapper + 1);
        if (v.isUndefined())
            return undefined;
        JsValue list;
        list.kind = JsValue::Kind::List;
        list.list.push_back(std::move(v));
        return list;
    }
    const QString &n = type.name;
    const NamedType *t = Schema::isBuiltInScalar(n) ? nullptr : schemaType(n);
    if (!t) {
        if (n == QLatin1String("Int")) {
            if (node.kind != Value::Kind::Int)
                return undefined;
            const double d = parseJsFloat(node.value);
            if (d > 2147483647.0 || d < -2147483648.0)
                return undefined;
            return jsNumber(d);
        }
        if (n == QLatin1String("Float")) {
            if (node.kind != Value::Kind::Int && node.kind != Value::Kind::Float)
                return undefined;
            return jsNumber(parseJsFloat(node.value));
        }
        if (n == QLatin1String("String"))
            return node.kind == Value::Kind::String ? jsString(node.value) : undefined;
        if (n == QLatin1String("Boolean"))
            return node.kind == Value::Kind::Boolean ? jsBool(node.boolean) : undefined;
        if (n == QLatin1String("ID"))
            return node.kind == Value::Kind::String || node.kind == Value::Kind::Int ? jsString(node.value) : undefined;
        return undefined;
    }
    switch (t->kind) {
    case TypeKind::Enum:
        if (node.kind != Value::Kind::Enum)
            return undefined;
        for (const EnumValue &ev : t->enumValues)
            if (ev.name == node.value)
                return jsString(ev.name);
        return undefined;
    case TypeKind::Scalar:
        return untyped(node);
    case TypeKind::InputObject: {
        if (node.kind != Value::Kind::Object)
            return undefined;
        JsValue obj;
        obj.kind = JsValue::Kind::Object;
        for (const InputValue &f : t->inputFields) {
            const ObjectField *fieldNode = nullptr;
            for (const ObjectField &of : node.fields) // keyMap: the last duplicate wins
                if (of.name.value == f.name)
                    fieldNode = &of;
            if (!fieldNode || fieldNode->value.kind == Value::Kind::Variable) {
                InputFieldDefaults *defaults = inputDefaultsOf(qsizetype(t - m_schema->types().data()));
                const JsValue def = defaults ? inputFieldDefault(*defaults, qsizetype(&f - t->inputFields.constData()))
                                             : JsValue();
                if (!def.isUndefined())
                    obj.set(f.name, def);
                else if (f.type.isNonNull())
                    return undefined;
                continue;
            }
            JsValue v = coerce(fieldNode->value, f.type);
            if (v.isUndefined())
                return undefined;
            obj.set(f.name, std::move(v));
        }
        if (t->isOneOf) {
            if (obj.object.size() != 1 || obj.object.front().second.kind == JsValue::Kind::Null)
                return undefined;
        }
        return obj;
    }
    default:
        return undefined;
    }
}

JsValue DefaultValues::untyped(const Value &node)
{
    switch (node.kind) {
    case Value::Kind::Null: return jsNull();
    case Value::Kind::Int: return jsNumber(parseJsFloat(node.value));
    case Value::Kind::Float: return jsNumber(parseJsFloat(node.value));
    case Value::Kind::String:
    case Value::Kind::Enum: return jsString(node.value);
    case Value::Kind::Boolean: return jsBool(node.boolean);
    case Value::Kind::List: {
        JsValue l;
        l.kind = JsValue::Kind::List;
        for (const Value &v : node.list)
            l.list.push_back(untyped(v));
        return l;
    }
    case Value::Kind::Object: {
        JsValue o;
        o.kind = JsValue::Kind::Object;
        for (const ObjectField &f : node.fields)
            o.set(f.name.value, untyped(f.value));
        return o;
    }
    case Value::Kind::Variable: return JsValue();
    }
    return JsValue();
}

std::optional<QString> DefaultValues::printValue(const JsValue &v, const TypeRef &type, size_t wrapper)
{
    if (wrapper < type.wrappers.size() && type.wrappers[wrapper] == TypeRef::Wrapper::NonNull) {
        const std::optional<QString> inner = printValue(v, type, wrapper + 1);
        if (inner && *inner == QLatin1String("null"))
            return std::nullopt;
        return inner;
    }
    if (v.kind == JsValue::Kind::Null)
        return QStringLiteral("null");
    if (v.isUndefined())
        return std::nullopt;
    if (wrapper < type.wrappers.size()) { // List
        if (v.kind == JsValue::Kind::List) {
            QStringList items;
            for (const JsValue &item : v.list)
                if (const auto s = printValue(item, type, wrapper + 1))
                    items.append(*s);
            return QLatin1Char('[') + items.join(QLatin1String(", ")) + QLatin1Char(']');
        }
        return printValue(v, type, wrapper + 1);
    }
    const NamedType *t = Schema::isBuiltInScalar(type.name) ? nullptr : schemaType(type.name);
    if (t && t->kind == TypeKind::InputObject) {
        if (v.kind != JsValue::Kind::Object)
            return std::nullopt;
        QStringList fields;
        for (const InputValue &f : t->inputFields) {
            const JsValue *fv = v.get(f.name);
            if (!fv)
                continue;
            if (const auto s = printValue(*fv, f.type))
                fields.append(f.name + QLatin1String(": ") + *s);
        }
        return QLatin1Char('{') + fields.join(QLatin1String(", ")) + QLatin1Char('}');
    }
    // Leaf: serialize, then pick the literal kind from the JS type.
    switch (v.kind) {
    case JsValue::Kind::Boolean:
        return v.boolean ? QStringLiteral("true") : QStringLiteral("false");
    case JsValue::Kind::Number:
        return jsNumberToString(v.number); // Int or Float literal: the same text either way
    case JsValue::Kind::String:
        if (t && t->kind == TypeKind::Enum)
            return v.string;
        if (type.name == QLatin1String("ID") && isIntegerString(v.string))
            return v.string;
        return printString(v.string);
    default:
        // graphql-js throws "Cannot convert value to AST" here (lists/objects for a custom scalar);
        // keep something useful rather than failing the whole schema.
        return std::nullopt;
    }
}

quint64 IntrospectionDefaults::packedWrappers(const TypeWrappers &w)
{
    if (w.size() > 58)
        return ~quint64(0); // rarer than rare: pendAll
    quint64 packed = w.size();
    for (size_t j = 0; j < w.size(); ++j)
        if (w[j] == TypeWrapper::List)
            packed |= quint64(1) << (6 + j);
    return packed;
}

void IntrospectionDefaults::pendAll(const std::vector<NamedType> &types, PendingDefaults &pending) const
{
    for (size_t i = 0; i < records.size();) {
        const Record &r = records[i];
        const NamedType &t = types[size_t(r.type)];
        if (r.field < 0) {
            auto node = std::make_unique<ast::InputValueDefinition>();
            const InputValue &iv = t.inputFields[r.member];
            node->name = ast::Name{iv.name, {}};
            node->defaultValue = values[r.value];
            pending.inputFields.insert(t.name + QLatin1Char('.') + iv.name, node.get());
            pending.inputFieldStore.push_back(std::move(node));
            ++i;
            continue;
        }
        PendingDefaults::FieldArgs rec;
        rec.type = t.name;
        rec.field = r.field;
        for (const InputValue &a : t.fields[r.field].arguments) {
            ast::InputValueDefinition node;
            node.name = ast::Name{a.name, {}};
            rec.node.arguments.push_back(std::move(node));
        }
        for (; i < records.size() && records[i].type == r.type && records[i].field == r.field; ++i)
            rec.node.arguments[size_t(records[i].member)].defaultValue = values[records[i].value];
        pending.fieldArgs.push_back(std::move(rec));
    }
}

bool IntrospectionDefaults::coerceDistinct(Schema &schema, const NamedTypeOf &namedTypeOf)
{
    if (records.empty())
        return true;
    struct Distinct
    {
        quint32 value;
        quint32 named;
        quint64 wrappers;
        bool operator==(const Distinct &) const = default;
    };
    struct DistinctHash
    {
        size_t operator()(const Distinct &d) const
        {
            return size_t((quint64(d.value) * 0x9e3779b97f4a7c15ull) ^ (quint64(d.named) * 0xbf58476d1ce4e5b9ull) ^ d.wrappers);
        }
    };
    std::unordered_map<Distinct, quint32, DistinctHash> distinct;
    std::vector<quint32> which(records.size());
    std::vector<const Record *> representatives;
    for (size_t i = 0; i < records.size(); ++i) {
        const Record &r = records[i];
        if (r.wrappers == ~quint64(0))
            return false;
        const auto [it, added] = distinct.emplace(Distinct{r.value, r.named, r.wrappers}, quint32(representatives.size()));
        if (added)
            representatives.push_back(&r);
        which[i] = it->second;
    }
    // An input object default can depend on other defaults (graphql-js's memo): the whole-schema route.
    const auto inputObject = [&](quint32 entry) {
        const NamedType *t = namedTypeOf(entry);
        return t && t->kind == TypeKind::InputObject;
    };
    for (const Record *r : representatives)
        if (inputObject(r->named))
            return false;
    for (const Record &r : directiveRecords)
        if (inputObject(r.named))
            return false;

    // What buildSchema's fillDefaults does for an argument default; without input objects it consults
    // only the named type's kind and enum values.
    DefaultValues coerce;
    coerce.setSchema(&schema);
    std::vector<std::optional<QString>> printed;
    printed.reserve(representatives.size());
    for (const Record *r : representatives)
        printed.push_back(coerce.printDefault(values[r->value], r->target->type));
    for (size_t i = 0; i < records.size(); ++i)
        records[i].target->defaultValue = printed[which[i]];
    return true;
}

} // namespace detail

} // namespace refract::graphql
