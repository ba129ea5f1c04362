#pragma once

#include "secretstore.h"

#include <QHash>
#include <QMutex>

namespace refract::identity {

/// Secrets held in memory until the process exits; thread-safe.
class MemorySecretStore : public SecretStore
{
public:
    ~MemorySecretStore() override;
    std::optional<QByteArray> secret(const QString &keyId, QString *error) const override;
    bool setSecret(const QString &keyId, const QByteArray &secret, QString *error) override;
    bool removeSecret(const QString &keyId, QString *error) override;
    bool isPersistent() const override { return false; }

private:
    mutable QMutex m_mutex;
    QHash<QString, QByteArray> m_secrets;
};

} // namespace refract::identity
