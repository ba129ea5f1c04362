#pragma once

#include "connection.h"

#include <QMutex>
#include <QPointer>
#include <QString>
#include <QWaitCondition>

#include <functional>
#include <memory>
#include <vector>

namespace refract::pg {

/// A fixed number of connections to one database, shared by threads (the local server's workers).
/// acquire() hands out an idle connection or waits up to a timeout; release() gives it back. A
/// connection whose socket broke (PostgreSQL restarted, network gone) is reopened when it is handed
/// out again, so the pool survives a server restart: requests during the outage fail cleanly and
/// the next ones after it reconnect. Thread-safe.
class ConnectionPool
{
public:
    /// Nothing is opened until open(); `size` is clamped to at least 1.
    ConnectionPool(const QString &conninfo, int size);
    ~ConnectionPool();
    ConnectionPool(const ConnectionPool &) = delete;
    ConnectionPool &operator=(const ConnectionPool &) = delete;

    /// Opens every connection; false (with `error`) when the first one cannot be opened. The others
    /// that fail are retried on acquire().
    bool open(QString *error = nullptr);

    /// An open connection, or nullptr when none became free within `timeoutMs` (then `*busy` is
    /// set) or the database cannot be reached (then `error` says why). The caller owns it until
    /// release().
    Connection *acquire(int timeoutMs, QString *error = nullptr, bool *busy = nullptr);
    /// The same without waiting: nullptr with `*busy` set when every connection is in use.
    Connection *tryAcquire(QString *error = nullptr, bool *busy = nullptr);
    /// Runs `callback` once, on `context`'s thread (queued), after the next release(): an event
    /// loop that found the pool busy registers this instead of blocking its thread. Dropped when
    /// `context` is destroyed first.
    void notifyOnRelease(QObject *context, std::function<void()> callback);
    /// Forgets what notifyOnRelease() registered for `context` (call before destroying it).
    void cancelNotify(QObject *context);
    /// Gives a connection back; an aborted transaction is rolled back, a broken socket closed (it
    /// reconnects on its next acquire).
    void release(Connection *connection);

    int size() const { return int(m_all.size()); }
    int idleCount() const;
    const QString &conninfo() const { return m_conninfo; }

    /// RAII lease: releases on destruction.
    class Lease
    {
    public:
        Lease(ConnectionPool &pool, int timeoutMs, QString *error = nullptr, bool *busy = nullptr)
            : m_pool(&pool), m_connection(pool.acquire(timeoutMs, error, busy)) {}
        ~Lease() { if (m_connection) m_pool->release(m_connection); }
        Lease(const Lease &) = delete;
        Lease &operator=(const Lease &) = delete;
        Connection *get() const { return m_connection; }
        /// Takes over a connection acquired with tryAcquire() (released on destruction).
        Lease(ConnectionPool &pool, Connection *acquired) : m_pool(&pool), m_connection(acquired) {}
        Connection *operator->() const { return m_connection; }
        explicit operator bool() const { return m_connection != nullptr; }

    private:
        ConnectionPool *m_pool;
        Connection *m_connection;
    };

private:
    bool ensureOpen(Connection *c, QString *error);
    /// An idle connection, opened if need be; waits up to `timeoutMs`, or not at all when negative.
    Connection *take(int timeoutMs, QString *error, bool *busy);

    QString m_conninfo;
    std::vector<std::unique_ptr<Connection>> m_all;
    std::vector<Connection *> m_idle;
    mutable QMutex m_mutex;
    QWaitCondition m_available;
    std::vector<std::pair<QPointer<QObject>, std::function<void()>>> m_releaseWaiters;
};

} // namespace refract::pg
