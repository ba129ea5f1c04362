#include "identityprofile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>

namespace refract::identity {

QJsonObject IdentityProfile::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("name"), name);
    o.insert(QStringLiteral("claims"), claims);
    if (!role.isEmpty())
        o.insert(QStringLiteral("role"), role);
    if (roleClaim.size() == 1)
        o.insert(QStringLiteral("roleClaim"), roleClaim.front());
    else if (!roleClaim.isEmpty())
        o.insert(QStringLiteral("roleClaim"), QJsonArray::fromStringList(roleClaim));
    if (!defaultRole.isEmpty())
        o.insert(QStringLiteral("defaultRole"), defaultRole);
    if (claimsMapping == QLatin1String("custom"))
        o.insert(QStringLiteral("claimsMapping"), customMapping);
    else
        o.insert(QStringLiteral("claimsMapping"), claimsMapping);
    if (!signingKeyId.isEmpty())
        o.insert(QStringLiteral("signingKeyId"), signingKeyId);
    o.insert(QStringLiteral("signingAlgorithm"), Jwt::algorithmName(signingAlgorithm));
    if (tokenLifetimeSecs > 0)
        o.insert(QStringLiteral("tokenLifetime"), double(tokenLifetimeSecs));
    if (!audience.isEmpty())
        o.insert(QStringLiteral("audience"), audience);
    return o;
}

std::optional<IdentityProfile> IdentityProfile::fromJson(const QJsonObject &json, QString *error)
{
    auto fail = [&](const QString &m) {
        if (error)
            *error = QStringLiteral("identity profile: ") + m;
        return std::optional<IdentityProfile>();
    };
    static const QSet<QString> secretLike = {QStringLiteral("secret"), QStringLiteral("jwtSecret"), QStringLiteral("key"),
                                             QStringLiteral("signingKey"), QStringLiteral("privateKey"), QStringLiteral("password")};
    static const QSet<QString> known = {QStringLiteral("name"), QStringLiteral("claims"), QStringLiteral("role"),
                                        QStringLiteral("roleClaim"), QStringLiteral("defaultRole"), QStringLiteral("claimsMapping"),
                                        QStringLiteral("signingKeyId"), QStringLiteral("signingAlgorithm"),
                                        QStringLiteral("tokenLifetime"), QStringLiteral("audience"), QStringLiteral("description")};
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (secretLike.contains(it.key()))
            return fail(QStringLiteral("'%1' looks like a secret: profiles never hold secrets; keep it in the secret store "
                                       "and name it with 'signingKeyId'").arg(it.key()));
        if (!known.contains(it.key()))
            return fail(QStringLiteral("unknown key '%1'").arg(it.key()));
    }
    IdentityProfile p;
    auto str = [&](const char *key, QString *out) {
        const QJsonValue v = json.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return true;
        if (!v.isString())
            return false;
        *out = v.toString();
        return true;
    };
    if (!str("name", &p.name))
        return fail(QStringLiteral("'name' must be a string"));
    const QJsonValue claims = json.value(QStringLiteral("claims"));
    if (!claims.isUndefined() && !claims.isNull() && !claims.isObject())
        return fail(QStringLiteral("'claims' must be a JSON object"));
    p.claims = claims.toObject();
    if (!str("role", &p.role))
        return fail(QStringLiteral("'role' must be a string (a PostgreSQL role name)"));
    if (!str("defaultRole", &p.defaultRole))
        return fail(QStringLiteral("'defaultRole' must be a string"));
    const QJsonValue rc = json.value(QStringLiteral("roleClaim"));
    if (rc.isString()) {
        if (!rc.toString().isEmpty())
            p.roleClaim = {rc.toString()};
    } else if (rc.isArray()) {
        for (const QJsonValue &s : rc.toArray()) {
            if (!s.isString())
                return fail(QStringLiteral("'roleClaim' path steps must be strings"));
            p.roleClaim << s.toString();
        }
    } else if (!rc.isUndefined() && !rc.isNull()) {
        return fail(QStringLiteral("'roleClaim' must be a claim name or a path array"));
    }
    const QJsonValue cm = json.value(QStringLiteral("claimsMapping"));
    if (cm.isString()) {
        if (!ClaimsMapping::preset(cm.toString()))
            return fail(QStringLiteral("unknown claims mapping '%1' (postgraphile, appsync, supabase or a template object)").arg(cm.toString()));
        p.claimsMapping = cm.toString().toLower();
    } else if (cm.isObject()) {
        QString e;
        if (!ClaimsMapping::custom(cm.toObject(), &e))
            return fail(e);
        p.claimsMapping = QStringLiteral("custom");
        p.customMapping = cm.toObject();
    } else if (!cm.isUndefined() && !cm.isNull()) {
        return fail(QStringLiteral("'claimsMapping' must be a preset name or a template object"));
    }
    if (!str("signingKeyId", &p.signingKeyId))
        return fail(QStringLiteral("'signingKeyId' must be a string (a secret store key id)"));
    QString alg;
    if (!str("signingAlgorithm", &alg))
        return fail(QStringLiteral("'signingAlgorithm' must be a string"));
    if (!alg.isEmpty()) {
        const auto a = Jwt::algorithmFromName(alg);
        if (!a)
            return fail(QStringLiteral("unsupported signing algorithm '%1' (HS256/384/512, RS256/384/512, ES256/384)").arg(alg));
        p.signingAlgorithm = *a;
    }
    const QJsonValue life = json.value(QStringLiteral("tokenLifetime"));
    if (!life.isUndefined() && !life.isNull()) {
        if (!life.isDouble() || life.toDouble() < 0 || life.toDouble() != double(qint64(life.toDouble())))
            return fail(QStringLiteral("'tokenLifetime' must be a whole number of seconds ≥ 0"));
        p.tokenLifetimeSecs = qint64(life.toDouble());
    }
    if (!str("audience", &p.audience))
        return fail(QStringLiteral("'audience' must be a string"));
    if (error)
        error->clear();
    return p;
}

std::optional<IdentityProfile> IdentityProfile::load(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot read %1: %2").arg(path, f.errorString());
        return std::nullopt;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    if (pe.error != QJsonParseError::NoError) {
        if (error)
            *error = QStringLiteral("%1: not JSON (%2 at offset %3)").arg(path, pe.errorString()).arg(pe.offset);
        return std::nullopt;
    }
    if (!doc.isObject()) {
        if (error)
            *error = QStringLiteral("%1: an identity profile is a JSON object").arg(path);
        return std::nullopt;
    }
    auto p = fromJson(doc.object(), error);
    if (!p && error)
        *error = path + QStringLiteral(": ") + *error;
    return p;
}

bool IdentityProfile::save(const QString &path, QString *error) const
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    f.write(QJsonDocument(toJson()).toJson(QJsonDocument::Indented));
    if (!f.commit()) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

std::optional<ClaimsMapping> IdentityProfile::mapping(QString *error) const
{
    std::optional<ClaimsMapping> m = claimsMapping == QLatin1String("custom") ? ClaimsMapping::custom(customMapping, error)
                                                                             : ClaimsMapping::preset(claimsMapping);
    if (!m) {
        if (error && error->isEmpty())
            *error = QStringLiteral("unknown claims mapping '%1'").arg(claimsMapping);
        return m;
    }
    if (!role.isEmpty())
        m->setRoleClaim({});
    else if (!roleClaim.isEmpty())
        m->setRoleClaim(roleClaim);
    return m;
}

std::optional<QList<QPair<QString, QString>>> IdentityProfile::settings(QString *error) const
{
    return settingsFor(claims, error);
}

std::optional<QList<QPair<QString, QString>>> IdentityProfile::settingsFor(const QJsonObject &c, QString *error) const
{
    const std::optional<ClaimsMapping> m = mapping(error);
    if (!m || !m->checkClaims(c, error))
        return std::nullopt;
    return m->settings(c, role.isEmpty() ? defaultRole : role);
}

QJsonObject IdentityProfile::tokenClaims(qint64 nowSecs) const
{
    QJsonObject c = claims;
    if (!c.contains(QStringLiteral("iat")))
        c.insert(QStringLiteral("iat"), double(nowSecs));
    if (tokenLifetimeSecs > 0 && !c.contains(QStringLiteral("exp")))
        c.insert(QStringLiteral("exp"), double(nowSecs + tokenLifetimeSecs));
    if (!audience.isEmpty() && !c.contains(QStringLiteral("aud")))
        c.insert(QStringLiteral("aud"), audience);
    if (!role.isEmpty() && !c.contains(QStringLiteral("role")) && roleClaim.isEmpty() && claimsMapping != QLatin1String("appsync"))
        c.insert(QStringLiteral("role"), role); // so a server reading the role claim runs as this profile
    return c;
}

QByteArray IdentityProfile::signToken(const QByteArray &key, qint64 nowSecs, QString *error) const
{
    return Jwt::sign(tokenClaims(nowSecs), signingAlgorithm, key, error);
}

QByteArray IdentityProfile::signToken(const SecretStore &store, qint64 nowSecs, QString *error) const
{
    if (signingKeyId.isEmpty()) {
        if (error)
            *error = QStringLiteral("profile '%1' names no signing key (signingKeyId)").arg(name);
        return QByteArray();
    }
    const std::optional<QByteArray> key = store.secret(signingKeyId, error);
    if (!key)
        return QByteArray();
    return signToken(*key, nowSecs, error);
}

} // namespace refract::identity
