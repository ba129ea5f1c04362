#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace refract::identity {

enum class JwtAlgorithm { HS256, HS384, HS512, RS256, RS384, RS512, ES256, ES384 };

struct JwtVerifyOptions
{
    /// Algorithms a token may use. Empty: the ones that fit the key, as jsonwebtoken does — HS* for a
    /// secret, RS* for an RSA key, ES* for an EC key. `none` is never accepted.
    QList<JwtAlgorithm> allowed;
    /// Required `aud` (the claim may be a string or an array holding it); empty: not checked.
    QString audience;
    qint64 leewaySeconds = 0; ///< clock tolerance for `exp` and `nbf`
    qint64 nowSecs = 0;       ///< 0: current time
};

struct JwtResult
{
    bool ok = false;
    QJsonObject header, claims;
    /// Human message; for the cases jsonwebtoken knows, its very words ("jwt expired", "invalid
    /// signature", …), so an error response reads as PostGraphile's does. Never contains key material.
    QString error;
    enum class Failure { None, Malformed, Unsupported, BadSignature, AlgorithmNotAllowed, Expired, NotYetValid, WrongAudience };
    Failure failure = Failure::None;
};

/// JSON Web Tokens (RFC 7519, JWS compact form) with OpenSSL 3: HMAC, RSASSA-PKCS1-v1_5 and ECDSA
/// (signatures as raw R||S, RFC 7518 §3.4). Keys: the secret's bytes for HS*, PEM text for RS*/ES*
/// (a private key to sign; a public key, certificate or private key to verify). A key that is PEM
/// is never used as an HMAC secret, which closes the RS→HS algorithm-confusion attack.
class Jwt
{
public:
    /// A signed token for `claims` (header `{"alg":…,"typ":"JWT"}`), or empty with `*error` set.
    static QByteArray sign(const QJsonObject &claims, JwtAlgorithm alg, const QByteArray &keyOrPem, QString *error);
    /// Checks structure, algorithm, signature, then `nbf`, `exp` and the audience, in jsonwebtoken's order.
    static JwtResult verify(const QByteArray &token, const QByteArray &keyOrPem, const JwtVerifyOptions &options);
    /// Header and claims without any verification (for showing a token); ok when both parse.
    static JwtResult decode(const QByteArray &token);

    static std::optional<JwtAlgorithm> algorithmFromName(const QString &name);
    static QString algorithmName(JwtAlgorithm alg);
};

} // namespace refract::identity
