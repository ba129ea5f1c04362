#include "requestbodyreader.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cstring>
#include <utility>

namespace refract::net {

namespace {

/// Reads the envelope left to right; every method returns false where it cannot vouch.
class Reader
{
public:
    Reader(const char *begin, const char *end) : m_p(begin), m_end(end) {}

    bool take(char c)
    {
        space();
        if (m_p < m_end && *m_p == c) {
            ++m_p;
            return true;
        }
        return false;
    }
    bool atEnd()
    {
        space();
        return m_p == m_end;
    }
    bool null()
    {
        space();
        if (m_end - m_p >= 4 && std::memcmp(m_p, "null", 4) == 0) {
            m_p += 4;
            return true;
        }
        return false;
    }
    /// A member name without escapes or non-ASCII bytes.
    bool key(QByteArrayView *out)
    {
        space();
        if (m_p >= m_end || *m_p != '"')
            return false;
        const char *start = ++m_p;
        for (; m_p < m_end && *m_p != '"'; ++m_p)
            if (*m_p == '\\' || uchar(*m_p) < 0x20 || uchar(*m_p) >= 0x80)
                return false;
        if (m_p >= m_end)
            return false;
        *out = QByteArrayView(start, m_p - start);
        ++m_p;
        return true;
    }
    /// An ASCII string value with its escapes decoded.
    bool string(QString *out)
    {
        space();
        if (m_p >= m_end || *m_p != '"')
            return false;
        const char *start = ++m_p;
        bool escaped = false;
        const char *p = start;
        for (;; ++p) {
            if (p >= m_end)
                return false;
            const uchar c = uchar(*p);
            if (c == '"')
                break;
            if (c < 0x20 || c >= 0x80)
                return false; // a control character is malformed; non-ASCII is the general path's to judge
            if (c != '\\')
                continue;
            escaped = true;
            if (++p >= m_end)
                return false;
            switch (*p) {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
                break;
            case 'u':
                if (m_end - p < 5 || hex4(p + 1) < 0)
                    return false;
                p += 4;
                break;
            default:
                return false;
            }
        }
        m_p = p + 1;
        if (!escaped) {
            *out = QString::fromLatin1(start, p - start);
            return true;
        }
        QString decoded(p - start, Qt::Uninitialized);
        QChar *w = decoded.data();
        for (const char *q = start; q < p; ++q) {
            if (*q != '\\') {
                *w++ = QLatin1Char(*q);
                continue;
            }
            switch (*++q) {
            case 'b': *w++ = u'\b'; break;
            case 'f': *w++ = u'\f'; break;
            case 'n': *w++ = u'\n'; break;
            case 'r': *w++ = u'\r'; break;
            case 't': *w++ = u'\t'; break;
            case 'u': {
                const int unit = hex4(q + 1);
                q += 4;
                if (unit >= 0xDC00 && unit <= 0xDFFF)
                    return false; // a lone low surrogate
                if (unit >= 0xD800 && unit <= 0xDBFF) {
                    // Only as the first half of a pair.
                    const int low = p - q >= 7 && q[1] == '\\' && q[2] == 'u' ? hex4(q + 3) : -1;
                    if (low < 0xDC00 || low > 0xDFFF)
                        return false;
                    *w++ = QChar(char16_t(unit));
                    *w++ = QChar(char16_t(low));
                    q += 6;
                    break;
                }
                *w++ = QChar(char16_t(unit));
                break;
            }
            default: *w++ = QLatin1Char(*q); break; // " \ /
            }
        }
        decoded.resize(w - decoded.constData());
        *out = std::move(decoded);
        return true;
    }
    /// The bytes of an object value, found by tracking strings and brackets only: the caller parses
    /// them, which checks everything else.
    bool objectSpan(QByteArrayView *out)
    {
        space();
        if (m_p >= m_end || *m_p != '{')
            return false;
        const char *start = m_p;
        int depth = 0;
        while (m_p < m_end) {
            const char c = *m_p++;
            if (c == '"') {
                for (;;) {
                    if (m_p >= m_end)
                        return false;
                    const char d = *m_p++;
                    if (d == '\\') {
                        if (m_p++ >= m_end)
                            return false;
                    } else if (d == '"') {
                        break;
                    }
                }
            } else if (c == '{' || c == '[') {
                if (++depth > 64)
                    return false;
            } else if (c == '}' || c == ']') {
                if (--depth == 0) {
                    *out = QByteArrayView(start, m_p - start);
                    return true;
                }
            }
        }
        return false;
    }

private:
    void space()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }
    static int hex4(const char *p)
    {
        int v = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = p[i];
            const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0)
                return -1;
            v = v * 16 + d;
        }
        return v;
    }

    const char *m_p;
    const char *m_end;
};

/// An object value's bytes as a QJsonObject; false when they are not valid JSON.
bool parseObject(QByteArrayView span, QJsonObject *out)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromRawData(span.data(), span.size()), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return false;
    *out = doc.object();
    return true;
}

} // namespace

bool RequestBodyReader::read(const QByteArray &body, Body *out)
{
    Reader r(body.constData(), body.constData() + body.size());
    if (!r.take('{') || r.take('}'))
        return false;
    bool seenQuery = false, seenOperation = false, seenVariables = false, seenExtensions = false;
    do {
        QByteArrayView key;
        if (!r.key(&key) || !r.take(':'))
            return false;
        if (key == "query") {
            if (std::exchange(seenQuery, true) || !r.string(&out->query))
                return false;
        } else if (key == "operationName") {
            if (std::exchange(seenOperation, true) || (!r.null() && !r.string(&out->operationName)))
                return false;
        } else if (key == "variables" || key == "extensions") {
            bool &seen = key.front() == 'v' ? seenVariables : seenExtensions;
            if (std::exchange(seen, true))
                return false;
            if (r.null())
                continue;
            QByteArrayView span;
            QJsonObject object;
            if (!r.objectSpan(&span) || !parseObject(span, &object))
                return false;
            if (key.front() == 'v')
                out->variables = std::move(object);
        } else {
            return false;
        }
    } while (r.take(','));
    return r.take('}') && r.atEnd() && seenQuery;
}

} // namespace refract::net
