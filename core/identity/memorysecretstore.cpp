#include "memorysecretstore.h"

#include <QMutexLocker>

namespace refract::identity {

MemorySecretStore::~MemorySecretStore()
{
    // Overwrite before the memory goes back to the allocator.
    for (QByteArray &s : m_secrets)
        s.fill('\0');
}

std::optional<QByteArray> MemorySecretStore::secret(const QString &keyId, QString *error) const
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_secrets.constFind(keyId);
    if (it == m_secrets.constEnd()) {
        if (error)
            *error = QStringLiteral("no secret stored under '%1'").arg(keyId);
        return std::nullopt;
    }
    return *it;
}

bool MemorySecretStore::setSecret(const QString &keyId, const QByteArray &secret, QString *error)
{
    if (keyId.isEmpty()) {
        if (error)
            *error = QStringLiteral("a secret needs a key id");
        return false;
    }
    QMutexLocker lock(&m_mutex);
    m_secrets.insert(keyId, secret);
    return true;
}

bool MemorySecretStore::removeSecret(const QString &keyId, QString *error)
{
    QMutexLocker lock(&m_mutex);
    auto it = m_secrets.find(keyId);
    if (it == m_secrets.end()) {
        if (error)
            *error = QStringLiteral("no secret stored under '%1'").arg(keyId);
        return false;
    }
    it->fill('\0');
    m_secrets.erase(it);
    return true;
}

} // namespace refract::identity
