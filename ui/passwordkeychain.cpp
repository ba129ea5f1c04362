#include "passwordkeychain.h"

#include <qt6keychain/keychain.h>

#include <QCoreApplication>
#include <QPointer>
#include <QTimer>

#include <memory>
#include <utility>

namespace refract::ui {

namespace {
const QString Service = QStringLiteral("Refract");

bool backendMissing(QKeychain::Error e)
{
    return e == QKeychain::NoBackendAvailable || e == QKeychain::NotImplemented || e == QKeychain::OtherError;
}
} // namespace

PasswordKeychain *PasswordKeychain::instance()
{
    static PasswordKeychain *keychain = [] {
        auto *k = new PasswordKeychain(QCoreApplication::instance());
        if (qEnvironmentVariableIntValue("REFRACT_NO_KEYCHAIN") != 0)
            k->setBackendEnabled(false);
        else
            k->probe();
        return k;
    }();
    return keychain;
}

PasswordKeychain::PasswordKeychain(QObject *parent)
    : QObject(parent)
{
}

QString PasswordKeychain::statusText() const
{
    switch (m_status) {
    case Available: return tr("Passwords are stored in the system keychain, never in settings or logs.");
    case MemoryOnly:
        return tr("No keychain service is available: passwords stay in memory until Refract quits; they are "
                  "never written to settings or logs.");
    case Probing: break;
    }
    return tr("Passwords go to the system keychain when one runs, otherwise they stay in memory until Refract quits.");
}

void PasswordKeychain::setStatus(Status status)
{
    if (status == m_status)
        return;
    m_status = status;
    emit statusChanged();
}

void PasswordKeychain::setBackendEnabled(bool enabled)
{
    m_enabled = enabled;
    if (!enabled)
        setStatus(MemoryOnly);
    else if (m_status == MemoryOnly)
        probe();
}

void PasswordKeychain::probe()
{
    setStatus(Probing);
    auto *job = new QKeychain::ReadPasswordJob(Service, this);
    job->setAutoDelete(true);
    job->setKey(QStringLiteral("refract/keychain-probe"));
    connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job *j) {
        if (!m_enabled)
            return;
        setStatus(backendMissing(j->error()) ? MemoryOnly : Available);
    });
    job->start();
}

void PasswordKeychain::store(const QString &key, const QString &secret)
{
    m_memory.insert(key, secret);
    if (!m_enabled || m_status == MemoryOnly)
        return;
    auto *job = new QKeychain::WritePasswordJob(Service, this);
    job->setAutoDelete(true);
    job->setKey(key);
    job->setTextData(secret);
    connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job *j) {
        if (backendMissing(j->error()))
            setStatus(MemoryOnly);
    });
    job->start();
}

void PasswordKeychain::lookup(const QString &key, QObject *context, std::function<void(const QString &)> done,
                              int timeoutMs)
{
    if (m_hold) {
        QPointer<QObject> guard(context);
        m_held.append([this, key, guard, done, timeoutMs] {
            if (guard)
                lookup(key, guard, done, timeoutMs);
        });
        return;
    }
    if (m_memory.contains(key) || !m_enabled || m_status == MemoryOnly) {
        done(m_memory.value(key));
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(Service, this);
    job->setAutoDelete(true);
    job->setKey(key);
    QPointer<QObject> guard(context);
    auto answered = std::make_shared<bool>(false);
    QTimer::singleShot(timeoutMs, context, [answered, done] {
        if (!std::exchange(*answered, true))
            done(QString());
    });
    connect(job, &QKeychain::Job::finished, this, [this, key, guard, done, answered](QKeychain::Job *j) {
        QString secret;
        if (j->error() == QKeychain::NoError) {
            secret = static_cast<QKeychain::ReadPasswordJob *>(j)->textData();
            if (!secret.isEmpty())
                m_memory.insert(key, secret);
        } else if (backendMissing(j->error())) {
            setStatus(MemoryOnly);
        }
        if (guard && !std::exchange(*answered, true))
            done(secret);
    });
    job->start();
}

void PasswordKeychain::setHoldLookups(bool hold)
{
    m_hold = hold;
    if (hold)
        return;
    const QList<std::function<void()>> held = std::exchange(m_held, {});
    for (const std::function<void()> &answer : held)
        answer();
}

void PasswordKeychain::remove(const QString &key)
{
    m_memory.remove(key);
    if (!m_enabled || m_status == MemoryOnly)
        return;
    auto *job = new QKeychain::DeletePasswordJob(Service, this);
    job->setAutoDelete(true);
    job->setKey(key);
    job->start();
}

} // namespace refract::ui
