#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace refract::identity {

/// Where secrets (JWT signing keys, passwords) live, by key id — never in profiles, settings or
/// logs (design.md §4). The desktop app backs it with the system keychain (QtKeychain); where no
/// keychain service runs, and in tests and headless runs, MemorySecretStore keeps them until the
/// process exits. Calls may block on the keychain: the UI makes them off its thread.
class SecretStore
{
public:
    virtual ~SecretStore() = default;
    /// The secret stored under `keyId`; nullopt with `*error` set when there is none.
    virtual std::optional<QByteArray> secret(const QString &keyId, QString *error) const = 0;
    virtual bool setSecret(const QString &keyId, const QByteArray &secret, QString *error) = 0;
    virtual bool removeSecret(const QString &keyId, QString *error) = 0;
    /// False when secrets are lost when the process exits (the UI says so).
    virtual bool isPersistent() const = 0;
};

} // namespace refract::identity
