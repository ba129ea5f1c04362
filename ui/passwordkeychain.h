#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>

namespace refract::ui {

/// Connection passwords: in the system keychain (QtKeychain) where a keychain service runs,
/// otherwise in memory until the application quits. Memory always holds what this session used,
/// so a lookup never waits for the keychain twice. Secrets never reach settings or logs.
class PasswordKeychain : public QObject
{
    Q_OBJECT
public:
    enum Status {
        Probing,    ///< asking the keychain service whether it answers
        Available,  ///< passwords go to the system keychain
        MemoryOnly, ///< no keychain service (or disabled): memory only
    };

    static PasswordKeychain *instance();

    Status status() const { return m_status; }
    /// What the UI tells the user about where passwords are kept.
    QString statusText() const;
    /// false: never touch the system keychain (tests, screenshots, REFRACT_NO_KEYCHAIN=1).
    void setBackendEnabled(bool enabled);

    void store(const QString &key, const QString &secret);
    /// Calls `done` with the secret (empty when there is none): at once when this session knows
    /// it, else when the keychain answers or after `timeoutMs` (a keychain waiting for an unlock
    /// prompt must not hold a connection forever) — exactly once, never if `context` is gone.
    void lookup(const QString &key, QObject *context, std::function<void(const QString &)> done, int timeoutMs = 15000);
    void remove(const QString &key);
    /// Tests: while held, lookups wait as they would behind a keychain's unlock prompt; lifting
    /// the hold answers them (those whose `context` still lives) in the order they were asked.
    void setHoldLookups(bool hold);

signals:
    void statusChanged();

private:
    explicit PasswordKeychain(QObject *parent = nullptr);
    void probe();
    void setStatus(Status status);

    QHash<QString, QString> m_memory;
    QList<std::function<void()>> m_held; ///< lookups waiting for setHoldLookups(false)
    bool m_hold = false;
    Status m_status = Probing;
    bool m_enabled = true;
};

} // namespace refract::ui
