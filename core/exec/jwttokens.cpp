#include "jwttokens.h"

#include <identity/jwt.h>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace refract::exec {

namespace {

bool truthy(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Bool: return v.toBool();
    case QJsonValue::Double: return v.toDouble() != 0;
    case QJsonValue::String: return !v.toString().isEmpty();
    case QJsonValue::Array: case QJsonValue::Object: return true;
    default: return false;
    }
}

/// JavaScript's parseFloat: the longest leading decimal literal; NaN (here nullopt) when none.
std::optional<double> parseFloatJs(const QJsonValue &v)
{
    if (v.isDouble())
        return v.toDouble();
    const QString s = v.toString().trimmed();
    qsizetype end = 0;
    for (qsizetype i = s.size(); i > 0; --i) {
        bool ok = false;
        s.left(i).toDouble(&ok);
        if (ok) {
            end = i;
            break;
        }
    }
    if (!end)
        return std::nullopt;
    return s.left(end).toDouble();
}

} // namespace

std::optional<QByteArray> JwtTokens::sign(const QJsonObject &attributes, const QByteArray &secret, qint64 nowSecs, QString *error)
{
    auto fail = [&](const QString &m) {
        if (error)
            *error = m;
        return std::optional<QByteArray>();
    };
    // PgJWTPlugin's serialize: exp parsed as float (undefined when falsy), the rest as delivered.
    QJsonObject token;
    bool hasExpKey = false;
    for (auto it = attributes.begin(); it != attributes.end(); ++it) {
        if (it.key() == QLatin1String("exp")) {
            hasExpKey = true;
            if (truthy(*it)) {
                const auto f = parseFloatJs(*it);
                if (!f)
                    return fail(QStringLiteral("\"exp\" should be a number of seconds"));
                token.insert(it.key(), *f);
            }
        } else {
            token.insert(it.key(), *it);
        }
    }
    // jsonwebtoken.sign's payload validation: a present iat/exp/nbf must be a number.
    if (hasExpKey && !token.contains(QStringLiteral("exp")))
        return fail(QStringLiteral("\"exp\" should be a number of seconds"));
    for (const char *k : {"iat", "nbf"}) {
        const QJsonValue v = token.value(QLatin1String(k));
        if (!v.isUndefined() && !v.isDouble())
            return fail(QStringLiteral("\"%1\" should be a number of seconds").arg(QLatin1String(k)));
    }
    const bool expiresIn = !truthy(token.value(QStringLiteral("exp")));
    if (expiresIn && token.contains(QStringLiteral("exp")))
        return fail(QStringLiteral("Bad \"options.expiresIn\" option the payload already has an \"exp\" property."));
    const QJsonValue iat = token.value(QStringLiteral("iat"));
    const double timestamp = truthy(iat) ? iat.toDouble() : double(nowSecs);
    token.insert(QStringLiteral("iat"), timestamp);
    if (expiresIn)
        token.insert(QStringLiteral("exp"), timestamp + 86400);
    for (const auto &[option, claim] : {std::pair{"audience", "aud"}, std::pair{"issuer", "iss"}}) {
        const QJsonValue v = token.value(QLatin1String(claim));
        if (truthy(v))
            continue;
        if (!v.isUndefined())
            return fail(QStringLiteral("Bad \"options.%1\" option. The payload already has an \"%2\" property.")
                            .arg(QLatin1String(option), QLatin1String(claim)));
        token.insert(QLatin1String(claim), QStringLiteral("postgraphile"));
    }
    QString e;
    const QByteArray signed_ = identity::Jwt::sign(token, identity::JwtAlgorithm::HS256, secret, &e);
    if (signed_.isEmpty())
        return fail(e);
    return signed_;
}

bool JwtTokens::signPlaceholders(QByteArray *json, const QByteArray &marker, const QByteArray &secret, QString *error)
{
    const QByteArray needle = '"' + marker;
    qsizetype from = 0;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    while (true) {
        const qsizetype start = json->indexOf(needle, from);
        if (start < 0)
            return true;
        // The end of this JSON string literal: the next unescaped quote.
        qsizetype end = start + needle.size();
        while (end < json->size() && json->at(end) != '"')
            end += json->at(end) == '\\' ? 2 : 1;
        if (end >= json->size()) {
            *error = QStringLiteral("malformed JWT placeholder");
            return false;
        }
        const QByteArray literal = json->mid(start, end - start + 1);
        const QJsonArray wrapped = QJsonDocument::fromJson('[' + literal + ']').array();
        const QString text = wrapped.isEmpty() ? QString() : wrapped.first().toString();
        const QJsonDocument claims = QJsonDocument::fromJson(text.mid(marker.size()).toUtf8());
        if (!claims.isObject()) {
            *error = QStringLiteral("malformed JWT placeholder");
            return false;
        }
        const std::optional<QByteArray> token = sign(claims.object(), secret, now, error);
        if (!token)
            return false;
        const QByteArray replacement = '"' + *token + '"';
        json->replace(start, literal.size(), replacement);
        from = start + replacement.size();
    }
}

} // namespace refract::exec
