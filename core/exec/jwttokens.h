#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace refract::exec {

/// PostGraphile v4's JwtToken scalar (PgJWTPlugin): the jwtPgTypeIdentifier row's attributes,
/// signed HS256 with jwtSecret as jsonwebtoken.sign would — `exp` as a number, `iat` now unless
/// given, and `aud`/`iss` "postgraphile" and a one-day `exp` unless the row has its own.
class JwtTokens
{
public:
    /// The signed token for one row's attributes, or nullopt with jsonwebtoken's message.
    static std::optional<QByteArray> sign(const QJsonObject &attributes, const QByteArray &secret, qint64 nowSecs, QString *error);
    /// Replaces every `"<marker>{…}"` JSON string in `json` (a field's value as PostgreSQL built it)
    /// by its signed token. False with `*error` when a row cannot be signed.
    static bool signPlaceholders(QByteArray *json, const QByteArray &marker, const QByteArray &secret, QString *error);
};

} // namespace refract::exec
