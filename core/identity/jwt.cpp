#include "jwt.h"

#include "jsvalue.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QMutexLocker>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/decoder.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

namespace refract::identity {

namespace {

struct PkeyFree { void operator()(EVP_PKEY *p) const { EVP_PKEY_free(p); } };
struct BioFree { void operator()(BIO *b) const { BIO_free(b); } };
struct MdCtxFree { void operator()(EVP_MD_CTX *c) const { EVP_MD_CTX_free(c); } };
struct SigFree { void operator()(ECDSA_SIG *s) const { ECDSA_SIG_free(s); } };
struct X509Free { void operator()(X509 *x) const { X509_free(x); } };
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using Bio = std::unique_ptr<BIO, BioFree>;

enum class Family { Hmac, Rsa, Ec };

Family familyOf(JwtAlgorithm a)
{
    switch (a) {
    case JwtAlgorithm::HS256: case JwtAlgorithm::HS384: case JwtAlgorithm::HS512: return Family::Hmac;
    case JwtAlgorithm::RS256: case JwtAlgorithm::RS384: case JwtAlgorithm::RS512: return Family::Rsa;
    case JwtAlgorithm::ES256: case JwtAlgorithm::ES384: return Family::Ec;
    }
    return Family::Hmac;
}

const EVP_MD *digestOf(JwtAlgorithm a)
{
    switch (a) {
    case JwtAlgorithm::HS256: case JwtAlgorithm::RS256: case JwtAlgorithm::ES256: return EVP_sha256();
    case JwtAlgorithm::HS384: case JwtAlgorithm::RS384: case JwtAlgorithm::ES384: return EVP_sha384();
    case JwtAlgorithm::HS512: case JwtAlgorithm::RS512: return EVP_sha512();
    }
    return EVP_sha256();
}

const char *digestName(JwtAlgorithm a)
{
    switch (a) {
    case JwtAlgorithm::HS256: case JwtAlgorithm::RS256: case JwtAlgorithm::ES256: return "SHA256";
    case JwtAlgorithm::HS384: case JwtAlgorithm::RS384: case JwtAlgorithm::ES384: return "SHA384";
    case JwtAlgorithm::HS512: case JwtAlgorithm::RS512: return "SHA512";
    }
    return "SHA256";
}

/// ES256 uses P-256 with 32-byte R and S, ES384 P-384 with 48-byte ones (RFC 7518 §3.4).
int ecComponentBytes(JwtAlgorithm a) { return a == JwtAlgorithm::ES384 ? 48 : 32; }
const char *ecCurve(JwtAlgorithm a) { return a == JwtAlgorithm::ES384 ? "secp384r1" : "prime256v1"; }

// Encrypted PEM keys must fail, not prompt on the terminal (OpenSSL's default callback would).
int noPassphrase(char *, int, int, void *) { return -1; }

bool isPem(const QByteArray &key) { return key.contains("-----BEGIN"); }

Bio memBio(const QByteArray &data) { return Bio(BIO_new_mem_buf(data.constData(), int(data.size()))); }

/// Parsed keys by a hash of their PEM text: OpenSSL 3's decoders cost about a millisecond per key,
/// far more than the verification itself, and a server verifies every request with the same key.
/// EVP_PKEY is safe to share between threads for signing and verifying.
class KeyCache
{
public:
    template<typename Load>
    Pkey get(const QByteArray &pem, char kind, Load load)
    {
        const QByteArray id = kind + QCryptographicHash::hash(pem, QCryptographicHash::Sha256);
        {
            QMutexLocker lock(&m_mutex);
            if (EVP_PKEY *k = m_keys.value(id)) {
                EVP_PKEY_up_ref(k);
                return Pkey(k);
            }
        }
        Pkey key = load(pem);
        if (!key)
            return key;
        QMutexLocker lock(&m_mutex);
        if (m_keys.size() >= 32) { // a handful of keys in practice; never grow without bound
            for (EVP_PKEY *k : std::as_const(m_keys))
                EVP_PKEY_free(k);
            m_keys.clear();
        }
        if (!m_keys.contains(id)) {
            EVP_PKEY_up_ref(key.get());
            m_keys.insert(id, key.get());
        }
        return key;
    }

private:
    QMutex m_mutex;
    QHash<QByteArray, EVP_PKEY *> m_keys;
};

KeyCache &keyCache()
{
    // Never destroyed: freeing keys after OpenSSL's own atexit cleanup could crash at exit.
    static KeyCache *cache = new KeyCache;
    return *cache;
}

Pkey parsePrivateKey(const QByteArray &pem);
Pkey parsePublicKey(const QByteArray &pem);
Pkey loadPrivateKey(const QByteArray &pem) { return keyCache().get(pem, 'S', parsePrivateKey); }
Pkey loadPublicKey(const QByteArray &pem) { return keyCache().get(pem, 'V', parsePublicKey); }

Pkey parsePrivateKey(const QByteArray &pem)
{
    Bio bio = memBio(pem);
    Pkey key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassphrase, nullptr) : nullptr);
    ERR_clear_error();
    return key;
}

/// A public key from PEM: SubjectPublicKeyInfo or PKCS#1 ("RSA PUBLIC KEY"), a certificate, or a
/// private key (its public half).
Pkey parsePublicKey(const QByteArray &pem)
{
    EVP_PKEY *raw = nullptr;
    if (OSSL_DECODER_CTX *dctx = OSSL_DECODER_CTX_new_for_pkey(&raw, "PEM", nullptr, nullptr, EVP_PKEY_PUBLIC_KEY, nullptr, nullptr)) {
        const unsigned char *data = reinterpret_cast<const unsigned char *>(pem.constData());
        size_t len = size_t(pem.size());
        if (OSSL_DECODER_from_data(dctx, &data, &len) != 1)
            raw = nullptr;
        OSSL_DECODER_CTX_free(dctx);
    }
    Pkey key(raw);
    if (!key) {
        Bio bio = memBio(pem);
        if (bio) {
            std::unique_ptr<X509, X509Free> cert(PEM_read_bio_X509(bio.get(), nullptr, noPassphrase, nullptr));
            if (cert)
                key.reset(X509_get_pubkey(cert.get()));
        }
    }
    if (!key)
        key = parsePrivateKey(pem);
    ERR_clear_error();
    return key;
}

QString curveName(EVP_PKEY *key)
{
    char name[80] = {};
    size_t len = 0;
    if (EVP_PKEY_get_group_name(key, name, sizeof name, &len) != 1)
        return QString();
    return QString::fromLatin1(name, qsizetype(len));
}

/// jsonwebtoken's validateAsymmetricKey, in its words.
QString keyMismatch(JwtAlgorithm alg, EVP_PKEY *key)
{
    const QString name = Jwt::algorithmName(alg);
    if (familyOf(alg) == Family::Rsa) {
        if (!EVP_PKEY_is_a(key, "RSA"))
            return QStringLiteral("\"alg\" parameter \"%1\" requires an RSA key").arg(name);
        return QString();
    }
    if (!EVP_PKEY_is_a(key, "EC"))
        return QStringLiteral("\"alg\" parameter \"%1\" requires an EC key").arg(name);
    const QString curve = curveName(key);
    if (curve != QLatin1String(ecCurve(alg)))
        return QStringLiteral("\"alg\" parameter \"%1\" requires curve \"%2\".").arg(name, QLatin1String(ecCurve(alg)));
    return QString();
}

QByteArray base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

std::optional<QByteArray> fromBase64Url(const QByteArray &text)
{
    for (const char c : text) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok)
            return std::nullopt;
    }
    if (text.size() % 4 == 1)
        return std::nullopt;
    const auto r = QByteArray::fromBase64Encoding(text, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (r.decodingStatus != QByteArray::Base64DecodingStatus::Ok)
        return std::nullopt;
    return r.decoded;
}

QByteArray hmac(JwtAlgorithm alg, const QByteArray &key, const QByteArray &data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    size_t outLen = 0;
    if (!EVP_Q_mac(nullptr, "HMAC", nullptr, digestName(alg), nullptr, key.constData(), size_t(key.size()),
                   reinterpret_cast<const unsigned char *>(data.constData()), size_t(data.size()), out, sizeof out, &outLen)) {
        ERR_clear_error();
        return QByteArray();
    }
    return QByteArray(reinterpret_cast<const char *>(out), qsizetype(outLen));
}

QByteArray derToRaw(const QByteArray &der, int n)
{
    const unsigned char *p = reinterpret_cast<const unsigned char *>(der.constData());
    std::unique_ptr<ECDSA_SIG, SigFree> sig(d2i_ECDSA_SIG(nullptr, &p, long(der.size())));
    if (!sig)
        return QByteArray();
    const BIGNUM *r = nullptr, *s = nullptr;
    ECDSA_SIG_get0(sig.get(), &r, &s);
    QByteArray raw(2 * n, '\0');
    unsigned char *out = reinterpret_cast<unsigned char *>(raw.data());
    if (BN_bn2binpad(r, out, n) != n || BN_bn2binpad(s, out + n, n) != n)
        return QByteArray();
    return raw;
}

QByteArray rawToDer(const QByteArray &raw, int n)
{
    if (raw.size() != 2 * n)
        return QByteArray();
    const unsigned char *in = reinterpret_cast<const unsigned char *>(raw.constData());
    std::unique_ptr<ECDSA_SIG, SigFree> sig(ECDSA_SIG_new());
    BIGNUM *r = BN_bin2bn(in, n, nullptr);
    BIGNUM *s = BN_bin2bn(in + n, n, nullptr);
    if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
        BN_free(r);
        BN_free(s);
        return QByteArray();
    }
    const int len = i2d_ECDSA_SIG(sig.get(), nullptr);
    if (len <= 0)
        return QByteArray();
    QByteArray der(len, '\0');
    unsigned char *out = reinterpret_cast<unsigned char *>(der.data());
    i2d_ECDSA_SIG(sig.get(), &out);
    return der;
}

QByteArray signAsymmetric(JwtAlgorithm alg, EVP_PKEY *key, const QByteArray &data)
{
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    size_t len = 0;
    const unsigned char *in = reinterpret_cast<const unsigned char *>(data.constData());
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, digestOf(alg), nullptr, key) != 1
        || EVP_DigestSign(ctx.get(), nullptr, &len, in, size_t(data.size())) != 1) {
        ERR_clear_error();
        return QByteArray();
    }
    QByteArray sig(qsizetype(len), '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(sig.data()), &len, in, size_t(data.size())) != 1) {
        ERR_clear_error();
        return QByteArray();
    }
    sig.resize(qsizetype(len));
    return familyOf(alg) == Family::Ec ? derToRaw(sig, ecComponentBytes(alg)) : sig;
}

bool verifyAsymmetric(JwtAlgorithm alg, EVP_PKEY *key, const QByteArray &data, const QByteArray &signature)
{
    const QByteArray sig = familyOf(alg) == Family::Ec ? rawToDer(signature, ecComponentBytes(alg)) : signature;
    if (sig.isEmpty())
        return false;
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    const bool ok = ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, digestOf(alg), nullptr, key) == 1
        && EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(sig.constData()), size_t(sig.size()),
                            reinterpret_cast<const unsigned char *>(data.constData()), size_t(data.size())) == 1;
    ERR_clear_error();
    return ok;
}

JwtResult failed(JwtResult r, JwtResult::Failure failure, const QString &message)
{
    r.ok = false;
    r.failure = failure;
    r.error = message;
    return r;
}

/// Splits and parses the token; on success `parts` holds the three base64url segments.
JwtResult parse(const QByteArray &token, QList<QByteArray> *parts)
{
    JwtResult r;
    const QByteArray t = token.trimmed();
    if (t.isEmpty())
        return failed(r, JwtResult::Failure::Malformed, QStringLiteral("jwt must be provided"));
    *parts = t.split('.');
    if (parts->size() != 3)
        return failed(r, JwtResult::Failure::Malformed, QStringLiteral("jwt malformed"));
    const auto header = fromBase64Url(parts->at(0));
    const auto payload = fromBase64Url(parts->at(1));
    if (!header || !payload)
        return failed(r, JwtResult::Failure::Malformed, QStringLiteral("invalid token"));
    QJsonParseError pe;
    const QJsonDocument h = QJsonDocument::fromJson(*header, &pe);
    if (pe.error != QJsonParseError::NoError || !h.isObject() || !h.object().value(QStringLiteral("alg")).isString())
        return failed(r, JwtResult::Failure::Malformed, QStringLiteral("invalid token"));
    r.header = h.object();
    const QJsonDocument p = QJsonDocument::fromJson(*payload, &pe);
    if (pe.error != QJsonParseError::NoError || !p.isObject())
        return failed(r, JwtResult::Failure::Malformed, QStringLiteral("invalid token"));
    r.claims = p.object();
    r.ok = true;
    return r;
}

} // namespace

std::optional<JwtAlgorithm> Jwt::algorithmFromName(const QString &name)
{
    static const struct { const char *name; JwtAlgorithm alg; } table[] = {
        {"HS256", JwtAlgorithm::HS256}, {"HS384", JwtAlgorithm::HS384}, {"HS512", JwtAlgorithm::HS512},
        {"RS256", JwtAlgorithm::RS256}, {"RS384", JwtAlgorithm::RS384}, {"RS512", JwtAlgorithm::RS512},
        {"ES256", JwtAlgorithm::ES256}, {"ES384", JwtAlgorithm::ES384},
    };
    for (const auto &e : table)
        if (name == QLatin1String(e.name)) // case-sensitive, as RFC 7518 names are
            return e.alg;
    return std::nullopt;
}

QString Jwt::algorithmName(JwtAlgorithm alg)
{
    switch (alg) {
    case JwtAlgorithm::HS256: return QStringLiteral("HS256");
    case JwtAlgorithm::HS384: return QStringLiteral("HS384");
    case JwtAlgorithm::HS512: return QStringLiteral("HS512");
    case JwtAlgorithm::RS256: return QStringLiteral("RS256");
    case JwtAlgorithm::RS384: return QStringLiteral("RS384");
    case JwtAlgorithm::RS512: return QStringLiteral("RS512");
    case JwtAlgorithm::ES256: return QStringLiteral("ES256");
    case JwtAlgorithm::ES384: return QStringLiteral("ES384");
    }
    return QString();
}

QByteArray Jwt::sign(const QJsonObject &claims, JwtAlgorithm alg, const QByteArray &keyOrPem, QString *error)
{
    auto fail = [&](const QString &m) {
        if (error)
            *error = m;
        return QByteArray();
    };
    if (keyOrPem.isEmpty())
        return fail(QStringLiteral("secretOrPrivateKey must have a value"));
    const QByteArray header = "{\"alg\":\"" + algorithmName(alg).toLatin1() + "\",\"typ\":\"JWT\"}";
    const QByteArray input = base64Url(header) + '.' + base64Url(jsonStringify(claims));
    QByteArray signature;
    if (familyOf(alg) == Family::Hmac) {
        if (isPem(keyOrPem))
            return fail(QStringLiteral("secretOrPrivateKey must be a symmetric key when using %1").arg(algorithmName(alg)));
        signature = hmac(alg, keyOrPem, input);
    } else {
        if (!isPem(keyOrPem))
            return fail(QStringLiteral("secretOrPrivateKey must be an asymmetric key when using %1").arg(algorithmName(alg)));
        const Pkey key = loadPrivateKey(keyOrPem);
        if (!key)
            return fail(QStringLiteral("the key is not an unencrypted PEM private key"));
        const QString mismatch = keyMismatch(alg, key.get());
        if (!mismatch.isEmpty())
            return fail(mismatch);
        if (familyOf(alg) == Family::Rsa && EVP_PKEY_get_bits(key.get()) < 2048)
            return fail(QStringLiteral("%1 requires a key size of 2048 bits or larger").arg(algorithmName(alg)));
        signature = signAsymmetric(alg, key.get(), input);
    }
    if (signature.isEmpty())
        return fail(QStringLiteral("signing with %1 failed").arg(algorithmName(alg)));
    if (error)
        error->clear();
    return input + '.' + base64Url(signature);
}

JwtResult Jwt::decode(const QByteArray &token)
{
    QList<QByteArray> parts;
    return parse(token, &parts);
}

JwtResult Jwt::verify(const QByteArray &token, const QByteArray &keyOrPem, const JwtVerifyOptions &options)
{
    using F = JwtResult::Failure;
    QList<QByteArray> parts;
    JwtResult r = parse(token, &parts);
    if (!r.ok)
        return r;
    const QString algName = r.header.value(QStringLiteral("alg")).toString();
    const bool hasSignature = !parts[2].isEmpty();
    if (!hasSignature)
        return failed(r, algName == QLatin1String("none") ? F::AlgorithmNotAllowed : F::BadSignature,
                      QStringLiteral("jwt signature is required"));
    if (keyOrPem.isEmpty())
        return failed(r, F::Unsupported, QStringLiteral("secret or public key must be provided"));

    // Classify the key first: it decides the default algorithms and guards against confusion.
    Pkey publicKey;
    if (isPem(keyOrPem)) {
        publicKey = loadPublicKey(keyOrPem);
        if (!publicKey)
            return failed(r, F::Unsupported, QStringLiteral("secretOrPublicKey is not valid key material"));
    }
    QList<JwtAlgorithm> allowed = options.allowed;
    if (allowed.isEmpty()) {
        if (!publicKey)
            allowed = {JwtAlgorithm::HS256, JwtAlgorithm::HS384, JwtAlgorithm::HS512};
        else if (EVP_PKEY_is_a(publicKey.get(), "RSA"))
            allowed = {JwtAlgorithm::RS256, JwtAlgorithm::RS384, JwtAlgorithm::RS512};
        else if (EVP_PKEY_is_a(publicKey.get(), "EC"))
            allowed = {JwtAlgorithm::ES256, JwtAlgorithm::ES384};
    }
    const std::optional<JwtAlgorithm> alg = algorithmFromName(algName);
    if (!alg)
        return failed(r, algName == QLatin1String("none") ? F::AlgorithmNotAllowed : F::Unsupported,
                      QStringLiteral("invalid algorithm"));
    if (!allowed.contains(*alg))
        return failed(r, F::AlgorithmNotAllowed, QStringLiteral("invalid algorithm"));
    if (familyOf(*alg) == Family::Hmac && publicKey)
        return failed(r, F::Unsupported, QStringLiteral("secretOrPublicKey must be a symmetric key when using %1").arg(algName));
    if (familyOf(*alg) != Family::Hmac && !publicKey)
        return failed(r, F::Unsupported, QStringLiteral("secretOrPublicKey must be an asymmetric key when using %1").arg(algName));
    if (publicKey) {
        const QString mismatch = keyMismatch(*alg, publicKey.get());
        if (!mismatch.isEmpty())
            return failed(r, F::Unsupported, mismatch);
    }

    const QByteArray input = parts[0] + '.' + parts[1];
    const std::optional<QByteArray> signature = fromBase64Url(parts[2]);
    bool valid = false;
    if (signature) {
        if (familyOf(*alg) == Family::Hmac) {
            const QByteArray expected = hmac(*alg, keyOrPem, input);
            valid = !expected.isEmpty() && expected.size() == signature->size()
                && CRYPTO_memcmp(expected.constData(), signature->constData(), size_t(expected.size())) == 0;
        } else {
            valid = verifyAsymmetric(*alg, publicKey.get(), input, *signature);
        }
    }
    if (!valid)
        return failed(r, F::BadSignature, QStringLiteral("invalid signature"));

    const qint64 now = options.nowSecs > 0 ? options.nowSecs : QDateTime::currentSecsSinceEpoch();
    const QJsonValue nbf = r.claims.value(QStringLiteral("nbf"));
    if (!nbf.isUndefined()) {
        if (!nbf.isDouble())
            return failed(r, F::Malformed, QStringLiteral("invalid nbf value"));
        if (nbf.toDouble() > double(now + options.leewaySeconds))
            return failed(r, F::NotYetValid, QStringLiteral("jwt not active"));
    }
    const QJsonValue exp = r.claims.value(QStringLiteral("exp"));
    if (!exp.isUndefined()) {
        if (!exp.isDouble())
            return failed(r, F::Malformed, QStringLiteral("invalid exp value"));
        if (double(now) >= exp.toDouble() + double(options.leewaySeconds))
            return failed(r, F::Expired, QStringLiteral("jwt expired"));
    }
    if (!options.audience.isEmpty()) {
        const QJsonValue aud = r.claims.value(QStringLiteral("aud"));
        bool match = aud.isString() && aud.toString() == options.audience;
        if (aud.isArray())
            for (const QJsonValue &v : aud.toArray())
                match = match || (v.isString() && v.toString() == options.audience);
        if (!match)
            return failed(r, F::WrongAudience, QStringLiteral("jwt audience invalid. expected: %1").arg(options.audience));
    }
    r.ok = true;
    r.failure = F::None;
    r.error.clear();
    return r;
}

} // namespace refract::identity
