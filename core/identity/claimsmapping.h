#pragma once

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace refract::identity {

/// Turns an identity's claims into the transaction-local settings (`set_config(name, value, true)`)
/// that RLS policies read, the way a deployment would set them.
///
/// Presets:
/// - `postgraphile` — PostGraphile v4: `role` from the `role` claim (else the default role), then
///   `jwt.claims.<claim>` for every claim: strings as they are, numbers and booleans as JavaScript's
///   `String()` prints them, objects and arrays as `JSON.stringify` text, nulls left out.
/// - `appsync` — the AWS AppSync + PostGraphile sample: the AppSync identity object flattened to
///   `appsync.identity_<path>` with `_` between levels and array indices as path parts
///   (`appsync.identity_claims_email`, `appsync.identity_sourceIp_0`); nulls and empty arrays or
///   objects give nothing. The sample never sets a role: here the role is the default role (an
///   identity profile's role). `claims` may be the identity object itself (isAppSyncIdentity(): any
///   authorization mode) or a token's claims, first shaped as AppSync's Cognito identity (appSyncIdentity()).
/// - `supabase` — PostgREST/Supabase: `role` from the `role` claim, `request.jwt.claims` holding all
///   claims as one JSON document, and the older per-claim `request.jwt.claim.<name>`.
///
/// Setting names (all presets and custom templates): PostgreSQL ≥ 14 accepts a custom setting name
/// only as two or more identifiers joined by dots (letters, `_`, non-ASCII, and after the first
/// character digits and `$`). A generated name PostgreSQL accepts is used unchanged; otherwise every
/// character outside those becomes `_`, an empty part becomes `_`, and a part starting with a digit
/// or `$` gets a leading `_`. So the sample's `appsync.identity_claims_cognito:username` (rejected by
/// PostgreSQL 15) becomes `appsync.identity_claims_cognito_username`. Two claims that end up with the
/// same name: the later one in the order below wins.
///
/// Order: `role` first, then the JSON document (if any), then one setting per claim in key order,
/// then a custom template's fixed settings.
class ClaimsMapping
{
public:
    /// "postgraphile" | "appsync" | "supabase" (case-insensitive).
    static std::optional<ClaimsMapping> preset(const QString &name);
    static QStringList presetNames();
    /// A template:
    /// ```json
    /// { "name": "mine",                     // optional, for display
    ///   "prefix": "app.claims.",            // per-claim settings: prefix + claim path ("" or absent: none)
    ///   "nested": "json" | "flatten",       // objects/arrays: one JSON-text setting, or one per leaf
    ///   "separator": "_",                   // between path parts when flattening (default "_")
    ///   "document": "request.jwt.claims",   // optional: all claims as one JSON document
    ///   "roleClaim": "role" | ["https://x/claims", "role"] | null,  // where the role comes from
    ///   "fixed": { "app.source": "refract" } }  // extra settings, strings/numbers/booleans
    /// ```
    /// A preset name may stand in for the base: `{"preset": "postgraphile", "fixed": {…}}`.
    static std::optional<ClaimsMapping> custom(const QJsonObject &templateSpec, QString *error);

    /// Settings for exec::ExecuteOptions::settings: role first, then claims, in a stable order.
    QList<QPair<QString, QString>> settings(const QJsonObject &claims, const QString &defaultRole) const;

    /// PostGraphile refuses a request whose role claim is not a string; call this first to do the same
    /// (settings() would pass such a claim's text on as a role name, which PostgreSQL then rejects).
    bool checkClaims(const QJsonObject &claims, QString *error) const;

    QString name() const { return m_name; }
    /// The claim path the role is read from; empty: never from claims (only the default role).
    QStringList roleClaim() const { return m_roleClaim; }
    void setRoleClaim(const QStringList &path) { m_roleClaim = path; }
    /// The template that reproduces this mapping (presets included).
    QJsonObject toJson() const;

    /// AppSync's `ctx.identity` for Cognito user pools built from a token's claims: `sub`, `issuer`
    /// (`iss`), `username` (`cognito:username`, else `username`, else `sub`), `claims`, `groups`
    /// (`cognito:groups`), `defaultAuthStrategy` "ALLOW", and `sourceIp` when given.
    static QJsonObject appSyncIdentity(const QJsonObject &tokenClaims, const QStringList &sourceIp = {});
    /// True for an AppSync identity object (it has `claims`, `sourceIp`, `issuer`, `resolverContext`,
    /// IAM's `accountId`/`userArn`/`cognitoIdentityId`…); the appsync preset flattens those as they
    /// are and shapes anything else (token claims, a profile's `{"username": …}`) with appSyncIdentity().
    static bool isAppSyncIdentity(const QJsonObject &object);

    static bool isValidSettingName(const QString &name);
    /// `name` made acceptable to PostgreSQL ≥ 14 by the rule above (unchanged when already valid).
    static QString validSettingName(const QString &name);

private:
    enum class Nested { Json, Flatten };
    QString m_name;
    QString m_prefix;
    Nested m_nested = Nested::Json;
    QString m_separator = QStringLiteral("_");
    QString m_document;
    QStringList m_roleClaim;
    QList<QPair<QString, QString>> m_fixed;
    bool m_appSyncIdentity = false; ///< shape token claims as an AppSync identity first
};

} // namespace refract::identity
