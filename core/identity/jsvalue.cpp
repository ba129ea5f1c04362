#include "jsvalue.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

#include <cmath>

namespace refract::identity {

QString jsNumberToString(double value)
{
    if (std::isnan(value))
        return QStringLiteral("NaN");
    if (value == 0)
        return QStringLiteral("0"); // also -0, as JavaScript prints it
    if (std::isinf(value))
        return value < 0 ? QStringLiteral("-Infinity") : QStringLiteral("Infinity");
    if (value < 0)
        return QLatin1Char('-') + jsNumberToString(-value);

    // Shortest round-trip digits s (k of them) and the decimal exponent n with value = 0.s × 10^n.
    const QByteArray e = QByteArray::number(value, 'e', QLocale::FloatingPointShortest);
    const qsizetype ePos = e.indexOf('e');
    QByteArray digits = e.left(ePos);
    digits.replace(".", "");
    while (digits.size() > 1 && digits.endsWith('0'))
        digits.chop(1);
    const int exponent = e.mid(ePos + 1).toInt();
    const qsizetype k = digits.size();
    const qsizetype n = exponent + 1;

    QByteArray out;
    if (k <= n && n <= 21) {
        out = digits + QByteArray(n - k, '0');
    } else if (0 < n && n <= 21) {
        out = digits.left(n) + '.' + digits.mid(n);
    } else if (-6 < n && n <= 0) {
        out = "0." + QByteArray(-n, '0') + digits;
    } else {
        const qsizetype e1 = n - 1;
        out = digits.left(1);
        if (k > 1)
            out += '.' + digits.mid(1);
        out += 'e';
        out += e1 < 0 ? '-' : '+';
        out += QByteArray::number(e1 < 0 ? -e1 : e1);
    }
    return QString::fromLatin1(out);
}

namespace {

void appendString(QByteArray &out, const QString &s)
{
    out += '"';
    static const char hex[] = "0123456789abcdef";
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        switch (u) {
        case u'"': out += "\\\""; break;
        case u'\\': out += "\\\\"; break;
        case u'\b': out += "\\b"; break;
        case u'\f': out += "\\f"; break;
        case u'\n': out += "\\n"; break;
        case u'\r': out += "\\r"; break;
        case u'\t': out += "\\t"; break;
        default:
            if (u < 0x20) {
                out += "\\u00";
                out += hex[u >> 4];
                out += hex[u & 0xf];
            } else {
                out += QString(c).toUtf8(); // surrogate pairs: each half alone is invalid UTF-16
            }
        }
    }
    out += '"';
}

void append(QByteArray &out, const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out += "null";
        break;
    case QJsonValue::Bool:
        out += v.toBool() ? "true" : "false";
        break;
    case QJsonValue::Double:
        out += std::isfinite(v.toDouble()) ? jsNumberToString(v.toDouble()).toLatin1() : QByteArray("null");
        break;
    case QJsonValue::String:
        appendString(out, v.toString());
        break;
    case QJsonValue::Array: {
        out += '[';
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (i)
                out += ',';
            append(out, a[i]);
        }
        out += ']';
        break;
    }
    case QJsonValue::Object: {
        out += '{';
        const QJsonObject o = v.toObject();
        bool first = true;
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!first)
                out += ',';
            first = false;
            appendString(out, it.key());
            out += ':';
            append(out, it.value());
        }
        out += '}';
        break;
    }
    }
}

} // namespace

QByteArray jsonStringify(const QJsonValue &value)
{
    QByteArray out;
    append(out, value);
    return out;
}

QString jsSettingText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String: return value.toString();
    case QJsonValue::Bool: return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: return jsNumberToString(value.toDouble());
    case QJsonValue::Null:
    case QJsonValue::Undefined: return QStringLiteral("null");
    default: return QString::fromUtf8(jsonStringify(value));
    }
}

} // namespace refract::identity
