#include "jsvalue.h"

#include "schemabuilder.h"
#include "textutil.h"

#include <cmath>
#include <cstdlib>

namespace refract::graphql {

namespace {

/// A canonical array index ("0", "7", not "07" or "-1"): JavaScript orders such keys first, ascending.
bool arrayIndex(QStringView key, quint32 *index)
{
    if (key.isEmpty() || key.size() > 10 || (key.size() > 1 && key.at(0) == QLatin1Char('0')))
        return false;
    quint64 v = 0;
    for (QChar c : key) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return false;
        v = v * 10 + quint64(c.unicode() - u'0');
    }
    if (v >= 0xFFFFFFFFull)
        return false;
    *index = quint32(v);
    return true;
}

class JsonReader
{
public:
    JsonReader(QByteArrayView json, int maxDepth) : m_p(json.data()), m_begin(json.data()), m_end(json.data() + json.size()), m_maxDepth(maxDepth) {}

    std::optional<JsValue> read(QString *error)
    {
        JsValue v;
        skipWs();
        if (value(v, 0)) {
            skipWs();
            if (m_p == m_end)
                return v;
            fail("Unexpected non-whitespace character after JSON");
        }
        if (error)
            *error = QStringLiteral("%1 at position %2").arg(m_error).arg(m_errorAt);
        return std::nullopt;
    }

private:
    bool fail(const char *message)
    {
        if (m_error.isEmpty()) {
            m_error = QString::fromLatin1(message);
            m_errorAt = m_p - m_begin;
        }
        return false;
    }

    void skipWs()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\n' || *m_p == '\r'))
            ++m_p;
    }

    bool literal(const char *word)
    {
        const qsizetype n = qsizetype(std::strlen(word));
        if (m_end - m_p < n || std::memcmp(m_p, word, size_t(n)) != 0)
            return fail("Unexpected token");
        m_p += n;
        return true;
    }

    bool value(JsValue &out, int depth)
    {
        if (depth > m_maxDepth)
            return fail("Nesting too deep");
        if (m_p >= m_end)
            return fail("Unexpected end of JSON input");
        switch (*m_p) {
        case 'n': out.kind = JsValue::Kind::Null; return literal("null");
        case 't': out = JsValue::of(true); return literal("true");
        case 'f': out = JsValue::of(false); return literal("false");
        case '"': out.kind = JsValue::Kind::String; return string(out.string);
        case '[': {
            ++m_p;
            out.kind = JsValue::Kind::List;
            skipWs();
            if (m_p < m_end && *m_p == ']') {
                ++m_p;
                return true;
            }
            for (;;) {
                skipWs();
                out.list.emplace_back();
                if (!value(out.list.back(), depth + 1))
                    return false;
                skipWs();
                if (m_p < m_end && *m_p == ',') {
                    ++m_p;
                    continue;
                }
                if (m_p < m_end && *m_p == ']') {
                    ++m_p;
                    return true;
                }
                return fail(m_p < m_end ? "Expected ',' or ']' after array element" : "Unexpected end of JSON input");
            }
        }
        case '{': {
            ++m_p;
            out.kind = JsValue::Kind::Object;
            skipWs();
            if (m_p < m_end && *m_p == '}') {
                ++m_p;
                return true;
            }
            for (;;) {
                skipWs();
                if (m_p >= m_end || *m_p != '"')
                    return fail(m_p < m_end ? "Expected double-quoted property name" : "Unexpected end of JSON input");
                QString key;
                if (!string(key))
                    return false;
                skipWs();
                if (m_p >= m_end || *m_p != ':')
                    return fail("Expected ':' after property name");
                ++m_p;
                skipWs();
                JsValue v;
                if (!value(v, depth + 1))
                    return false;
                out.set(key, std::move(v));
                skipWs();
                if (m_p < m_end && *m_p == ',') {
                    ++m_p;
                    continue;
                }
                if (m_p < m_end && *m_p == '}') {
                    ++m_p;
                    return true;
                }
                return fail(m_p < m_end ? "Expected ',' or '}' after property value" : "Unexpected end of JSON input");
            }
        }
        default:
            if (*m_p == '-' || (*m_p >= '0' && *m_p <= '9'))
                return number(out);
            return fail("Unexpected token");
        }
    }

    bool number(JsValue &out)
    {
        const char *start = m_p;
        if (*m_p == '-')
            ++m_p;
        auto digit = [&] { return m_p < m_end && *m_p >= '0' && *m_p <= '9'; };
        if (!digit())
            return fail("No number after minus sign");
        if (*m_p == '0')
            ++m_p;
        else
            while (digit())
                ++m_p;
        if (m_p < m_end && *m_p == '.') {
            ++m_p;
            if (!digit())
                return fail("Unterminated fractional number");
            while (digit())
                ++m_p;
        }
        if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
            ++m_p;
            if (m_p < m_end && (*m_p == '+' || *m_p == '-'))
                ++m_p;
            if (!digit())
                return fail("Exponent part is missing a number");
            while (digit())
                ++m_p;
        }
        const std::string text(start, size_t(m_p - start));
        out.kind = JsValue::Kind::Number;
        out.number = std::strtod(text.c_str(), nullptr);
        return true;
    }

    static int hex(char c)
    {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    }

    bool string(QString &out)
    {
        ++m_p; // "
        const char *run = m_p;
        for (;;) {
            if (m_p >= m_end)
                return fail("Unterminated string in JSON");
            const unsigned char c = static_cast<unsigned char>(*m_p);
            if (c == '"') {
                out += QString::fromUtf8(run, m_p - run);
                ++m_p;
                return true;
            }
            if (c < 0x20)
                return fail("Bad control character in string literal");
            if (c != '\\') {
                ++m_p;
                continue;
            }
            out += QString::fromUtf8(run, m_p - run);
            if (m_end - m_p < 2)
                return fail("Unterminated string in JSON");
            const char e = m_p[1];
            m_p += 2;
            switch (e) {
            case '"': out += QLatin1Char('"'); break;
            case '\\': out += QLatin1Char('\\'); break;
            case '/': out += QLatin1Char('/'); break;
            case 'b': out += QChar(0x08); break;
            case 'f': out += QChar(0x0c); break;
            case 'n': out += QChar(0x0a); break;
            case 'r': out += QChar(0x0d); break;
            case 't': out += QChar(0x09); break;
            case 'u': {
                if (m_end - m_p < 4)
                    return fail("Bad Unicode escape");
                int code = 0;
                for (int i = 0; i < 4; ++i) {
                    const int h = hex(m_p[i]);
                    if (h < 0)
                        return fail("Bad Unicode escape");
                    code = code * 16 + h;
                }
                m_p += 4;
                out += QChar(char16_t(code));
                break;
            }
            default:
                return fail("Bad escaped character");
            }
            run = m_p;
        }
    }

    const char *m_p;
    const char *m_begin;
    const char *m_end;
    int m_maxDepth;
    QString m_error;
    qsizetype m_errorAt = 0;
};

void inspectValue(const JsValue &v, QString &out, int seen)
{
    switch (v.kind) {
    case JsValue::Kind::Undefined: out += QLatin1String("undefined"); return;
    case JsValue::Kind::Null: out += QLatin1String("null"); return;
    case JsValue::Kind::Boolean: out += v.boolean ? QLatin1String("true") : QLatin1String("false"); return;
    case JsValue::Kind::Number: out += jsNumberToString(v.number); return;
    case JsValue::Kind::String: out += jsonString(v.string); return;
    case JsValue::Kind::List: {
        if (v.list.empty()) {
            out += QLatin1String("[]");
            return;
        }
        if (seen + 1 > 2) {
            out += QLatin1String("[Array]");
            return;
        }
        const size_t len = std::min<size_t>(10, v.list.size());
        out += QLatin1Char('[');
        for (size_t i = 0; i < len; ++i) {
            if (i)
                out += QLatin1String(", ");
            inspectValue(v.list[i], out, seen + 1);
        }
        const size_t remaining = v.list.size() - len;
        if (remaining == 1)
            out += QLatin1String(", ... 1 more item");
        else if (remaining > 1)
            out += QStringLiteral(", ... %1 more items").arg(remaining);
        out += QLatin1Char(']');
        return;
    }
    case JsValue::Kind::Object: {
        if (v.object.empty()) {
            out += QLatin1String("{}");
            return;
        }
        if (seen + 1 > 2) {
            out += QLatin1String("[Object]");
            return;
        }
        out += QLatin1String("{ ");
        bool first = true;
        for (const auto &[key, value] : v.object) {
            if (!first)
                out += QLatin1String(", ");
            first = false;
            out += key + QLatin1String(": ");
            inspectValue(value, out, seen + 1);
        }
        out += QLatin1String(" }");
        return;
    }
    }
}

} // namespace

const JsValue *JsValue::get(QStringView key) const
{
    for (const auto &kv : object)
        if (kv.first == key)
            return &kv.second;
    return nullptr;
}

void JsValue::set(const QString &key, JsValue value)
{
    for (auto &kv : object) {
        if (kv.first == key) {
            kv.second = std::move(value);
            return;
        }
    }
    quint32 index = 0;
    if (arrayIndex(key, &index)) {
        auto it = object.begin();
        quint32 other = 0;
        while (it != object.end() && arrayIndex(it->first, &other) && other < index)
            ++it;
        object.emplace(it, key, std::move(value));
        return;
    }
    object.emplace_back(key, std::move(value));
}

void JsValue::appendJson(QString &out) const
{
    switch (kind) {
    case Kind::Undefined:
    case Kind::Null: out += QLatin1String("null"); return;
    case Kind::Boolean: out += boolean ? QLatin1String("true") : QLatin1String("false"); return;
    case Kind::Number: out += std::isfinite(number) ? jsNumberToString(number) : QStringLiteral("null"); return;
    case Kind::String: out += jsonString(string); return;
    case Kind::List:
        out += QLatin1Char('[');
        for (size_t i = 0; i < list.size(); ++i) {
            if (i)
                out += QLatin1Char(',');
            list[i].appendJson(out);
        }
        out += QLatin1Char(']');
        return;
    case Kind::Object: {
        out += QLatin1Char('{');
        bool first = true;
        for (const auto &[key, value] : object) {
            if (value.isUndefined())
                continue;
            if (!first)
                out += QLatin1Char(',');
            first = false;
            out += jsonString(key);
            out += QLatin1Char(':');
            value.appendJson(out);
        }
        out += QLatin1Char('}');
        return;
    }
    }
}

bool JsValue::operator==(const JsValue &o) const
{
    if (kind != o.kind || boolean != o.boolean || number != o.number || string != o.string || list != o.list
        || object.size() != o.object.size())
        return false;
    for (size_t i = 0; i < object.size(); ++i)
        if (object[i].first != o.object[i].first || !(object[i].second == o.object[i].second))
            return false;
    return true;
}

QByteArray JsValue::toJson() const
{
    QString out;
    appendJson(out);
    return out.toUtf8();
}

QString JsValue::inspect() const
{
    QString out;
    inspectValue(*this, out, 0);
    return out;
}

std::optional<JsValue> JsValue::fromJson(QByteArrayView json, QString *error, int maxDepth)
{
    return JsonReader(json, maxDepth).read(error);
}

} // namespace refract::graphql
