#pragma once

#include "claimsmapping.h"
#include "jwt.h"
#include "secretstore.h"

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace refract::identity {

/// Who a request runs as: claims, how the role is chosen and how claims become settings, and how
/// to mint a token for it. Stored as JSON (user files, `refract-cli query --profile`):
/// ```json
/// { "name": "johndoe",
///   "claims": { "username": "johndoe" },
///   "role": "forum_example_person",        // fixed role: wins over the role claim
///   "roleClaim": "role",                   // or ["https://x/claims","role"]; default: the mapping's
///   "defaultRole": "forum_example_anonymous",  // when neither gives a role
///   "claimsMapping": "appsync",            // preset name, or a custom template object
///   "signingKeyId": "refract/forum/jwt",   // SecretStore key id — never the secret itself
///   "signingAlgorithm": "HS256",
///   "tokenLifetime": 3600,                 // seconds; 0: tokens without `exp`
///   "audience": "postgraphile" }           // `aud` of minted tokens; optional
/// ```
/// Unknown keys are errors (a typo would otherwise silently change who a request runs as), and so
/// are keys that look like secrets (`secret`, `jwtSecret`, `key`, `privateKey`, `password`).
class IdentityProfile
{
public:
    QString name;
    QJsonObject claims;
    QString role;
    QStringList roleClaim;
    QString defaultRole;
    QString claimsMapping = QStringLiteral("postgraphile"); ///< preset name, or "custom"
    QJsonObject customMapping;                               ///< the template when claimsMapping is "custom"
    QString signingKeyId;
    JwtAlgorithm signingAlgorithm = JwtAlgorithm::HS256;
    qint64 tokenLifetimeSecs = 0;
    QString audience;

    QJsonObject toJson() const;
    static std::optional<IdentityProfile> fromJson(const QJsonObject &json, QString *error);
    static std::optional<IdentityProfile> load(const QString &path, QString *error);
    /// Written atomically (QSaveFile).
    bool save(const QString &path, QString *error) const;

    /// The mapping with this profile's role rules applied (fixed role → never from claims).
    std::optional<ClaimsMapping> mapping(QString *error) const;
    /// The settings a request as this profile carries (role first), for `claims` (default: the
    /// profile's own — a verified token's claims may stand in).
    std::optional<QList<QPair<QString, QString>>> settings(QString *error) const;
    std::optional<QList<QPair<QString, QString>>> settingsFor(const QJsonObject &claims, QString *error) const;

    /// The claims of a token minted at `nowSecs`: the profile's claims plus `iat`, `exp` (with a
    /// lifetime) and `aud` (when set and the claims have none).
    QJsonObject tokenClaims(qint64 nowSecs) const;
    /// A token signed with `key` (the secret the SecretStore holds under signingKeyId).
    QByteArray signToken(const QByteArray &key, qint64 nowSecs, QString *error) const;
    /// A token signed with the key `store` holds under signingKeyId.
    QByteArray signToken(const SecretStore &store, qint64 nowSecs, QString *error) const;
};

} // namespace refract::identity
