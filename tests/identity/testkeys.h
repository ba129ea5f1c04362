#pragma once

// Key pairs generated at run time for the JWT tests (no private key is committed).

#include <QByteArray>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace refract::test {

struct PemPair
{
    QByteArray privatePem, publicPem;
};

inline QByteArray bioText(BIO *bio)
{
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    return QByteArray(data, qsizetype(len));
}

/// `type` "RSA" (bits) or "EC" (curve "P-256"/"P-384"); PKCS#8 private and SPKI public PEM.
inline PemPair generateKeyPair(const char *type, unsigned bits = 2048, const char *curve = "P-256")
{
    EVP_PKEY *key = qstrcmp(type, "RSA") == 0 ? EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(bits))
                                              : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve);
    PemPair out;
    if (!key)
        return out;
    BIO *priv = BIO_new(BIO_s_mem());
    BIO *pub = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(priv, key, nullptr, nullptr, 0, nullptr, nullptr);
    PEM_write_bio_PUBKEY(pub, key);
    out.privatePem = bioText(priv);
    out.publicPem = bioText(pub);
    BIO_free(priv);
    BIO_free(pub);
    EVP_PKEY_free(key);
    return out;
}

} // namespace refract::test
