#include "jsonindex.h"

#include <QCoreApplication>

#include <algorithm>

namespace refract::ui {

namespace {
inline bool isWs(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
} // namespace

std::shared_ptr<const JsonIndex> JsonIndex::build(QByteArray json, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return nullptr;
    };
    auto index = std::shared_ptr<JsonIndex>(new JsonIndex);
    index->m_bytes = std::move(json);
    const char *d = index->m_bytes.constData();
    const qsizetype n = index->m_bytes.size();
    std::vector<qsizetype> stack; // positions in m_containers of the open containers
    index->m_containers.reserve(size_t(n / 64));
    qsizetype first = -1;
    qsizetype last = -1;
    for (qsizetype i = 0; i < n; ++i) {
        const char c = d[i];
        if (isWs(c))
            continue;
        if (first < 0) {
            if (c != '{' && c != '[')
                return fail(QCoreApplication::translate("refract::ui::JsonIndex", "not a JSON object or array"));
            first = i;
        } else if (stack.empty()) {
            return fail(QCoreApplication::translate("refract::ui::JsonIndex", "unexpected text after the JSON value at byte %1").arg(i));
        }
        switch (c) {
        case '"':
            for (++i; i < n && d[i] != '"'; ++i)
                if (d[i] == '\\')
                    ++i;
            if (i >= n)
                return fail(QCoreApplication::translate("refract::ui::JsonIndex", "unterminated string"));
            break;
        case '{':
        case '[':
            stack.push_back(qsizetype(index->m_containers.size()));
            index->m_containers.emplace_back(i, -1);
            break;
        case '}':
        case ']': {
            if (stack.empty())
                return fail(QCoreApplication::translate("refract::ui::JsonIndex", "unbalanced '%1' at byte %2").arg(QLatin1Char(c)).arg(i));
            auto &open = index->m_containers[size_t(stack.back())];
            if ((d[open.first] == '{') != (c == '}'))
                return fail(QCoreApplication::translate("refract::ui::JsonIndex", "mismatched '%1' at byte %2").arg(QLatin1Char(c)).arg(i));
            open.second = i;
            stack.pop_back();
            if (stack.empty())
                last = i;
            break;
        }
        default:
            break;
        }
    }
    if (first < 0)
        return fail(QCoreApplication::translate("refract::ui::JsonIndex", "empty document"));
    if (!stack.empty())
        return fail(QCoreApplication::translate("refract::ui::JsonIndex", "the document ends inside a value"));
    index->m_root = Entry{-1, -1, first, last + 1};
    return index;
}

qsizetype JsonIndex::closeOf(qsizetype open) const
{
    const auto it = std::lower_bound(m_containers.begin(), m_containers.end(), open,
                                     [](const std::pair<qsizetype, qsizetype> &p, qsizetype v) { return p.first < v; });
    return it != m_containers.end() && it->first == open ? it->second : -1;
}

qsizetype JsonIndex::skipWs(qsizetype pos, qsizetype end) const
{
    const char *d = m_bytes.constData();
    while (pos < end && isWs(d[pos]))
        ++pos;
    return pos;
}

qsizetype JsonIndex::valueEnd(qsizetype pos, qsizetype limit) const
{
    const char *d = m_bytes.constData();
    if (pos >= limit)
        return limit;
    switch (d[pos]) {
    case '{':
    case '[': {
        const qsizetype close = closeOf(pos);
        return close < 0 ? limit : close + 1;
    }
    case '"': {
        qsizetype i = pos + 1;
        for (; i < limit && d[i] != '"'; ++i)
            if (d[i] == '\\')
                ++i;
        return qMin(limit, i + 1);
    }
    default: {
        qsizetype i = pos;
        while (i < limit && d[i] != ',' && d[i] != '}' && d[i] != ']' && !isWs(d[i]))
            ++i;
        return i;
    }
    }
}

JsonIndex::Kind JsonIndex::kind(const Entry &e) const
{
    if (!isValid(e))
        return Kind::Invalid;
    switch (m_bytes.at(e.valueStart)) {
    case '{': return Kind::Object;
    case '[': return Kind::Array;
    case '"': return Kind::String;
    case 't':
    case 'f': return Kind::Bool;
    case 'n': return Kind::Null;
    default: return Kind::Number;
    }
}

QList<JsonIndex::Entry> JsonIndex::children(const Entry &container) const
{
    QList<Entry> out;
    const Kind k = kind(container);
    if (k != Kind::Object && k != Kind::Array)
        return out;
    const char *d = m_bytes.constData();
    const qsizetype end = container.valueEnd - 1; // the closing bracket
    qsizetype pos = skipWs(container.valueStart + 1, end);
    while (pos < end) {
        Entry e;
        if (k == Kind::Object) {
            e.keyStart = pos;
            e.keyEnd = valueEnd(pos, end);
            pos = skipWs(e.keyEnd, end);
            if (pos < end && d[pos] == ':')
                pos = skipWs(pos + 1, end);
        }
        e.valueStart = pos;
        e.valueEnd = valueEnd(pos, end);
        if (e.valueEnd <= e.valueStart)
            break; // malformed: stop rather than loop
        out.append(e);
        pos = skipWs(e.valueEnd, end);
        if (pos < end && d[pos] == ',')
            pos = skipWs(pos + 1, end);
    }
    return out;
}

qsizetype JsonIndex::childCount(const Entry &container) const
{
    const Kind k = kind(container);
    if (k != Kind::Object && k != Kind::Array)
        return 0;
    const char *d = m_bytes.constData();
    const qsizetype end = container.valueEnd - 1;
    qsizetype pos = skipWs(container.valueStart + 1, end);
    qsizetype count = 0;
    while (pos < end) {
        if (k == Kind::Object) {
            pos = skipWs(valueEnd(pos, end), end);
            if (pos < end && d[pos] == ':')
                pos = skipWs(pos + 1, end);
        }
        const qsizetype after = valueEnd(pos, end);
        if (after <= pos)
            break;
        ++count;
        pos = skipWs(after, end);
        if (pos < end && d[pos] == ',')
            pos = skipWs(pos + 1, end);
    }
    return count;
}

JsonIndex::Entry JsonIndex::member(const Entry &object, QLatin1String key) const
{
    if (kind(object) != Kind::Object)
        return {};
    const QByteArray quoted = '"' + QByteArray(key.data(), key.size()) + '"';
    for (const Entry &e : children(object))
        if (e.keyEnd - e.keyStart == quoted.size()
            && QByteArrayView(m_bytes.constData() + e.keyStart, e.keyEnd - e.keyStart) == quoted)
            return e;
    return {};
}

QString JsonIndex::key(const Entry &e) const
{
    if (e.keyStart < 0)
        return QString();
    return decodeString(m_bytes.constData() + e.keyStart, m_bytes.constData() + e.keyEnd);
}

QString JsonIndex::displayValue(const Entry &e, qsizetype maxChars) const
{
    switch (kind(e)) {
    case Kind::Object: return QStringLiteral("{%1}").arg(childCount(e));
    case Kind::Array: return QStringLiteral("[%1]").arg(childCount(e));
    case Kind::String: return decodeString(m_bytes.constData() + e.valueStart, m_bytes.constData() + e.valueEnd, maxChars);
    case Kind::Invalid: return QString();
    default: return QString::fromUtf8(m_bytes.constData() + e.valueStart, e.valueEnd - e.valueStart);
    }
}

QString JsonIndex::rawValue(const Entry &e, qsizetype maxBytes) const
{
    const qsizetype len = e.valueEnd - e.valueStart;
    QString s = QString::fromUtf8(m_bytes.constData() + e.valueStart, qMin(len, maxBytes));
    if (len > maxBytes)
        s += QChar(0x2026);
    return s;
}

double JsonIndex::number(const Entry &e) const
{
    return kind(e) == Kind::Number ? QByteArrayView(m_bytes.constData() + e.valueStart, e.valueEnd - e.valueStart).toDouble()
                                   : 0.0;
}

QString JsonIndex::decodeString(const char *begin, const char *end, qsizetype maxChars)
{
    if (end - begin >= 2 && *begin == '"') {
        ++begin;
        --end;
    }
    QString out;
    out.reserve(qMin<qsizetype>(end - begin, maxChars < 0 ? end - begin : maxChars));
    const char *run = begin;
    auto flush = [&](const char *to) {
        if (to > run)
            out += QString::fromUtf8(run, to - run);
    };
    const char *p = begin;
    while (p < end) {
        if (maxChars >= 0 && out.size() + (p - run) >= maxChars) {
            flush(p);
            out.truncate(maxChars);
            out += QChar(0x2026);
            return out;
        }
        if (*p != '\\') {
            ++p;
            continue;
        }
        flush(p);
        if (p + 1 >= end)
            break;
        const char c = p[1];
        p += 2;
        switch (c) {
        case 'n': out += QLatin1Char('\n'); break;
        case 't': out += QLatin1Char('\t'); break;
        case 'r': out += QLatin1Char('\r'); break;
        case 'b': out += QLatin1Char('\b'); break;
        case 'f': out += QLatin1Char('\f'); break;
        case 'u':
            if (end - p >= 4) {
                bool ok = false;
                const ushort u = QByteArrayView(p, 4).toUShort(&ok, 16);
                if (ok)
                    out += QChar(u); // surrogate pairs arrive as two escapes, in order
                p += 4;
            }
            break;
        default: out += QLatin1Char(c); break; // \" \\ \/
        }
        run = p;
    }
    flush(p);
    return out;
}

} // namespace refract::ui
