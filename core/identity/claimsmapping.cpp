#include "claimsmapping.h"

#include "jsvalue.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace refract::identity {

namespace {

bool isLetter(QChar c) { return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_' || c.unicode() >= 0x80; }
bool isLater(QChar c) { return isLetter(c) || (c >= u'0' && c <= u'9') || c == u'$'; }

/// The value at `path` in `claims`, undefined when a step is missing (PostGraphile's getPath).
QJsonValue valueAt(const QJsonObject &claims, const QStringList &path)
{
    QJsonValue v = claims;
    for (const QString &step : path) {
        if (!v.isObject())
            return QJsonValue(QJsonValue::Undefined);
        v = v.toObject().value(step);
    }
    return v;
}

QString jsTypeOf(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::String: return QStringLiteral("string");
    case QJsonValue::Double: return QStringLiteral("number");
    case QJsonValue::Bool: return QStringLiteral("boolean");
    case QJsonValue::Undefined: return QStringLiteral("undefined");
    default: return QStringLiteral("object");
    }
}

} // namespace

bool ClaimsMapping::isValidSettingName(const QString &name)
{
    // PostgreSQL 15 guc.c valid_custom_variable_name().
    bool sawSeparator = false, partStart = true;
    for (const QChar c : name) {
        if (c == u'.') {
            if (partStart)
                return false;
            sawSeparator = true;
            partStart = true;
        } else if (isLetter(c)) {
            partStart = false;
        } else if (!partStart && isLater(c)) {
        } else {
            return false;
        }
    }
    return !partStart && sawSeparator;
}

QString ClaimsMapping::validSettingName(const QString &name)
{
    if (isValidSettingName(name))
        return name;
    QStringList parts = name.split(QLatin1Char('.'));
    if (parts.size() < 2)
        parts.prepend(QStringLiteral("_"));
    for (QString &part : parts) {
        for (QChar &c : part)
            if (!isLater(c))
                c = u'_';
        if (part.isEmpty() || !isLetter(part.front()))
            part.prepend(QLatin1Char('_'));
    }
    return parts.join(QLatin1Char('.'));
}

QStringList ClaimsMapping::presetNames()
{
    return {QStringLiteral("postgraphile"), QStringLiteral("appsync"), QStringLiteral("supabase")};
}

std::optional<ClaimsMapping> ClaimsMapping::preset(const QString &name)
{
    ClaimsMapping m;
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("postgraphile")) {
        m.m_prefix = QStringLiteral("jwt.claims.");
        m.m_roleClaim = {QStringLiteral("role")};
    } else if (n == QLatin1String("appsync")) {
        m.m_prefix = QStringLiteral("appsync.identity_");
        m.m_nested = Nested::Flatten;
        m.m_appSyncIdentity = true;
    } else if (n == QLatin1String("supabase")) {
        m.m_prefix = QStringLiteral("request.jwt.claim.");
        m.m_document = QStringLiteral("request.jwt.claims");
        m.m_roleClaim = {QStringLiteral("role")};
    } else {
        return std::nullopt;
    }
    m.m_name = n;
    return m;
}

std::optional<ClaimsMapping> ClaimsMapping::custom(const QJsonObject &spec, QString *error)
{
    auto fail = [&](const QString &m) {
        if (error)
            *error = QStringLiteral("claims mapping: ") + m;
        return std::optional<ClaimsMapping>();
    };
    static const QSet<QString> known = {QStringLiteral("name"), QStringLiteral("preset"), QStringLiteral("prefix"),
                                        QStringLiteral("nested"), QStringLiteral("separator"), QStringLiteral("document"),
                                        QStringLiteral("roleClaim"), QStringLiteral("fixed"), QStringLiteral("appsyncIdentity")};
    for (auto it = spec.begin(); it != spec.end(); ++it)
        if (!known.contains(it.key()))
            return fail(QStringLiteral("unknown key '%1' (known: name, preset, prefix, nested, separator, document, roleClaim, fixed, appsyncIdentity)").arg(it.key()));

    ClaimsMapping m;
    m.m_name = QStringLiteral("custom");
    if (spec.contains(QStringLiteral("preset"))) {
        const auto base = preset(spec.value(QStringLiteral("preset")).toString());
        if (!base)
            return fail(QStringLiteral("unknown preset '%1' (postgraphile, appsync or supabase)").arg(spec.value(QStringLiteral("preset")).toString()));
        m = *base;
    }
    auto stringOf = [&](const char *key, QString *out) {
        const QJsonValue v = spec.value(QLatin1String(key));
        if (v.isUndefined())
            return true;
        if (!v.isString() && !v.isNull())
            return false;
        *out = v.toString();
        return true;
    };
    if (!stringOf("name", &m.m_name))
        return fail(QStringLiteral("'name' must be a string"));
    if (!stringOf("prefix", &m.m_prefix))
        return fail(QStringLiteral("'prefix' must be a string"));
    if (!stringOf("separator", &m.m_separator))
        return fail(QStringLiteral("'separator' must be a string"));
    if (!stringOf("document", &m.m_document))
        return fail(QStringLiteral("'document' must be a string (a setting name)"));
    if (spec.contains(QStringLiteral("nested"))) {
        const QString nested = spec.value(QStringLiteral("nested")).toString();
        if (nested == QLatin1String("json"))
            m.m_nested = Nested::Json;
        else if (nested == QLatin1String("flatten"))
            m.m_nested = Nested::Flatten;
        else
            return fail(QStringLiteral("'nested' must be \"json\" or \"flatten\""));
    }
    if (spec.contains(QStringLiteral("appsyncIdentity"))) {
        if (!spec.value(QStringLiteral("appsyncIdentity")).isBool())
            return fail(QStringLiteral("'appsyncIdentity' must be true or false"));
        m.m_appSyncIdentity = spec.value(QStringLiteral("appsyncIdentity")).toBool();
    }
    if (spec.contains(QStringLiteral("roleClaim"))) {
        const QJsonValue r = spec.value(QStringLiteral("roleClaim"));
        m.m_roleClaim.clear();
        if (r.isString() && !r.toString().isEmpty()) {
            m.m_roleClaim = {r.toString()};
        } else if (r.isArray()) {
            for (const QJsonValue &step : r.toArray()) {
                if (!step.isString())
                    return fail(QStringLiteral("'roleClaim' path steps must be strings"));
                m.m_roleClaim << step.toString();
            }
        } else if (!r.isNull() && !(r.isString() && r.toString().isEmpty())) {
            return fail(QStringLiteral("'roleClaim' must be a claim name, a path array or null"));
        }
    }
    if (spec.contains(QStringLiteral("fixed"))) {
        const QJsonValue f = spec.value(QStringLiteral("fixed"));
        if (!f.isObject())
            return fail(QStringLiteral("'fixed' must be an object of setting names to values"));
        m.m_fixed.clear();
        const QJsonObject fixed = f.toObject();
        for (auto it = fixed.begin(); it != fixed.end(); ++it) {
            if (!it->isString() && !it->isDouble() && !it->isBool())
                return fail(QStringLiteral("fixed setting '%1' must be a string, number or boolean").arg(it.key()));
            if (!isValidSettingName(it.key()) && it.key() != QLatin1String("role"))
                return fail(QStringLiteral("fixed setting name '%1' is not valid in PostgreSQL (use e.g. '%2')")
                                .arg(it.key(), validSettingName(it.key())));
            m.m_fixed << qMakePair(it.key(), jsSettingText(*it));
        }
    }
    if (!m.m_document.isEmpty() && !isValidSettingName(m.m_document))
        return fail(QStringLiteral("'document' name '%1' is not valid in PostgreSQL").arg(m.m_document));
    if (error)
        error->clear();
    return m;
}

QJsonObject ClaimsMapping::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("name"), m_name);
    o.insert(QStringLiteral("prefix"), m_prefix);
    o.insert(QStringLiteral("nested"), m_nested == Nested::Json ? QStringLiteral("json") : QStringLiteral("flatten"));
    o.insert(QStringLiteral("separator"), m_separator);
    if (!m_document.isEmpty())
        o.insert(QStringLiteral("document"), m_document);
    if (m_roleClaim.isEmpty())
        o.insert(QStringLiteral("roleClaim"), QJsonValue::Null);
    else if (m_roleClaim.size() == 1)
        o.insert(QStringLiteral("roleClaim"), m_roleClaim.front());
    else
        o.insert(QStringLiteral("roleClaim"), QJsonArray::fromStringList(m_roleClaim));
    if (!m_fixed.isEmpty()) {
        QJsonObject fixed;
        for (const auto &kv : m_fixed)
            fixed.insert(kv.first, kv.second);
        o.insert(QStringLiteral("fixed"), fixed);
    }
    if (m_appSyncIdentity)
        o.insert(QStringLiteral("appsyncIdentity"), true);
    return o;
}

bool ClaimsMapping::isAppSyncIdentity(const QJsonObject &o)
{
    // Members only AppSync's identity objects have (Cognito, OIDC, IAM, Lambda authorizer); token
    // claims say `iss`, never `issuer`.
    static const char *const keys[] = {"claims", "sourceIp", "resolverContext", "defaultAuthStrategy", "issuer",
                                       "accountId", "userArn", "cognitoIdentityId", "cognitoIdentityPoolId"};
    for (const char *k : keys)
        if (o.contains(QLatin1String(k)))
            return true;
    return false;
}

QJsonObject ClaimsMapping::appSyncIdentity(const QJsonObject &tokenClaims, const QStringList &sourceIp)
{
    QJsonObject identity;
    const QJsonValue sub = tokenClaims.value(QStringLiteral("sub"));
    if (!sub.isUndefined())
        identity.insert(QStringLiteral("sub"), sub);
    const QJsonValue iss = tokenClaims.value(QStringLiteral("iss"));
    if (!iss.isUndefined())
        identity.insert(QStringLiteral("issuer"), iss);
    QJsonValue username = tokenClaims.value(QStringLiteral("cognito:username"));
    if (username.isUndefined())
        username = tokenClaims.value(QStringLiteral("username"));
    if (username.isUndefined())
        username = sub;
    if (!username.isUndefined())
        identity.insert(QStringLiteral("username"), username);
    identity.insert(QStringLiteral("claims"), tokenClaims);
    const QJsonValue groups = tokenClaims.value(QStringLiteral("cognito:groups"));
    identity.insert(QStringLiteral("groups"), groups.isUndefined() ? QJsonValue(QJsonValue::Null) : groups);
    identity.insert(QStringLiteral("defaultAuthStrategy"), QStringLiteral("ALLOW"));
    if (!sourceIp.isEmpty())
        identity.insert(QStringLiteral("sourceIp"), QJsonArray::fromStringList(sourceIp));
    return identity;
}

bool ClaimsMapping::checkClaims(const QJsonObject &claims, QString *error) const
{
    if (m_roleClaim.isEmpty())
        return true;
    const QJsonValue role = valueAt(claims, m_roleClaim);
    if (role.isUndefined() || role.isString())
        return true;
    // PostGraphile's words (withPostGraphileContext.ts).
    if (error)
        *error = QStringLiteral("JWT `role` claim must be a string. Instead found '%1'.").arg(jsTypeOf(role));
    return false;
}

QList<QPair<QString, QString>> ClaimsMapping::settings(const QJsonObject &input, const QString &defaultRole) const
{
    QList<QPair<QString, QString>> out;
    QString role = defaultRole;
    bool haveRole = !defaultRole.isEmpty();
    if (!m_roleClaim.isEmpty()) {
        const QJsonValue r = valueAt(input, m_roleClaim);
        if (!r.isUndefined()) {
            role = jsSettingText(r); // a non-string fails closed in PostgreSQL: no such role
            haveRole = true;
        }
    }
    if (haveRole)
        out << qMakePair(QStringLiteral("role"), role);

    QJsonObject claims = input;
    // No claims is AppSync's null identity (API key auth): no identity settings at all.
    if (m_appSyncIdentity && !input.isEmpty() && !isAppSyncIdentity(input))
        claims = appSyncIdentity(input);

    if (!m_document.isEmpty())
        out << qMakePair(m_document, QString::fromUtf8(jsonStringify(claims)));

    if (!m_prefix.isEmpty()) {
        // The AppSync sample's toFlatMap: objects and arrays recurse, nulls and empty ones vanish.
        auto flatten = [&](auto &self, const QString &name, const QJsonValue &v) -> void {
            if (v.isObject()) {
                const QJsonObject o = v.toObject();
                for (auto it = o.begin(); it != o.end(); ++it)
                    self(self, name + m_separator + it.key(), *it);
            } else if (v.isArray()) {
                const QJsonArray a = v.toArray();
                for (qsizetype i = 0; i < a.size(); ++i)
                    self(self, name + m_separator + QString::number(i), a[i]);
            } else if (!v.isNull() && !v.isUndefined()) {
                out << qMakePair(validSettingName(name), jsSettingText(v));
            }
        };
        for (auto it = claims.begin(); it != claims.end(); ++it) {
            const QString name = m_prefix + it.key();
            if (it->isNull() || it->isUndefined())
                continue; // PostGraphile's isPgSettingValid skips null claims
            if (m_nested == Nested::Flatten && (it->isObject() || it->isArray()))
                flatten(flatten, name, *it);
            else
                out << qMakePair(validSettingName(name), jsSettingText(*it));
        }
    }
    out << m_fixed;
    return out;
}

} // namespace refract::identity
