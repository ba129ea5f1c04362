#include "connectionpool.h"

#include <libpq-fe.h>

#include <QDeadlineTimer>
#include <QMutexLocker>

#include <poll.h>

namespace refract::pg {

namespace {

/// An idle pooled connection has nothing to say: pool connections do not LISTEN and every reply
/// was read before release. Bytes (or a hang-up) on its socket mean the server spoke first, which
/// it does only to end the session ("terminating connection due to administrator command" on a
/// fast shutdown, a restart or pg_terminate_backend). Such a connection is reopened before it is
/// handed out, so the first request after a restart does not fail on a dead session. One poll()
/// with a zero timeout: about a microsecond.
bool idleConnectionIsStale(Connection *c)
{
    PGconn *h = c->handle();
    if (!h || PQstatus(h) != CONNECTION_OK)
        return true;
    const int fd = PQsocket(h);
    if (fd < 0)
        return true;
    pollfd p{fd, POLLIN, 0};
    return ::poll(&p, 1, 0) != 0; // readable, hung up, or an error: not fit for a request
}

} // namespace

ConnectionPool::ConnectionPool(const QString &conninfo, int size) : m_conninfo(conninfo)
{
    for (int i = 0; i < qMax(1, size); ++i) {
        m_all.push_back(std::make_unique<Connection>());
        m_idle.push_back(m_all.back().get());
    }
}

ConnectionPool::~ConnectionPool() = default;

bool ConnectionPool::open(QString *error)
{
    QMutexLocker lock(&m_mutex);
    bool first = true;
    for (const auto &c : m_all) {
        QString e;
        if (!ensureOpen(c.get(), &e) && first) {
            if (error)
                *error = e;
            return false;
        }
        first = false;
    }
    return true;
}

bool ConnectionPool::ensureOpen(Connection *c, QString *error)
{
    if (c->isOpen() && !idleConnectionIsStale(c))
        return true;
    if (c->handle())
        c->close();
    // A short connect timeout: during an outage each request should fail quickly, not hang.
    if (c->open(m_conninfo, 5))
        return true;
    if (error)
        *error = c->lastError().message;
    return false;
}

Connection *ConnectionPool::acquire(int timeoutMs, QString *error, bool *busy)
{
    return take(timeoutMs, error, busy);
}

Connection *ConnectionPool::tryAcquire(QString *error, bool *busy)
{
    return take(-1, error, busy);
}

Connection *ConnectionPool::take(int timeoutMs, QString *error, bool *busy)
{
    if (busy)
        *busy = false;
    Connection *c = nullptr;
    {
        QMutexLocker lock(&m_mutex);
        QDeadlineTimer deadline(qMax(0, timeoutMs));
        while (m_idle.empty()) {
            if (timeoutMs < 0 || !m_available.wait(&m_mutex, deadline)) {
                if (error)
                    *error = timeoutMs < 0 ? QStringLiteral("every database connection is in use")
                                           : QStringLiteral("no database connection became free within %1 ms").arg(timeoutMs);
                if (busy)
                    *busy = true;
                return nullptr;
            }
        }
        c = m_idle.back();
        m_idle.pop_back();
    }
    // Reconnecting happens outside the lock so one slow reconnect does not stall other threads.
    if (!ensureOpen(c, error)) {
        QMutexLocker lock(&m_mutex);
        m_idle.push_back(c);
        m_available.wakeOne();
        return nullptr;
    }
    return c;
}

void ConnectionPool::notifyOnRelease(QObject *context, std::function<void()> callback)
{
    QMutexLocker lock(&m_mutex);
    m_releaseWaiters.emplace_back(QPointer<QObject>(context), std::move(callback));
}

void ConnectionPool::cancelNotify(QObject *context)
{
    QMutexLocker lock(&m_mutex);
    std::erase_if(m_releaseWaiters, [context](const auto &w) { return w.first.data() == context || w.first.isNull(); });
}

void ConnectionPool::release(Connection *c)
{
    if (!c)
        return;
    if (c->handle() && PQstatus(c->handle()) != CONNECTION_OK)
        c->close();
    else if (c->inTransaction())
        c->exec(QStringLiteral("rollback"));
    if (c->handle() && PQstatus(c->handle()) != CONNECTION_OK)
        c->close();
    std::vector<std::pair<QPointer<QObject>, std::function<void()>>> waiters;
    {
        QMutexLocker lock(&m_mutex);
        m_idle.push_back(c);
        m_available.wakeOne();
        waiters.swap(m_releaseWaiters);
    }
    for (auto &w : waiters)
        if (QObject *context = w.first.data())
            QMetaObject::invokeMethod(context, std::move(w.second), Qt::QueuedConnection);
}

int ConnectionPool::idleCount() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_idle.size());
}

} // namespace refract::pg
