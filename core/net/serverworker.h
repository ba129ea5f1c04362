#pragma once

#include "httpconnection.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <atomic>
#include <deque>
#include <memory>
#include <optional>
#include <unordered_map>

class QSocketNotifier;

namespace refract::pg {
class ConnectionPool;
}

namespace refract::net {

/// One worker thread's share of the local server's clients. It owns their HttpConnections and the
/// jobs of their requests in flight: a request that waits for PostgreSQL does not block the
/// thread, which serves its other clients meanwhile and resumes the job when the database
/// connection's socket is ready (or, when every pooled connection was in use, when one is
/// released). A few such threads keep every core busy with far fewer context switches than a
/// thread per request in flight.
class ServerWorker : public QObject
{
    Q_OBJECT
public:
    ServerWorker(const HttpLimits &limits, const HttpHandler &handler, const UpgradeHandler &upgrade, pg::ConnectionPool &pool);
    ~ServerWorker() override;

    /// Takes over an accepted socket descriptor (call on this worker's thread).
    void adopt(qintptr descriptor);
    /// Closes every connection and abandons the jobs in flight (call on this worker's thread).
    void closeAll();

    /// Connections this worker serves now (read by the accepting thread to balance).
    int connectionCount() const { return m_count.load(std::memory_order_relaxed); }
    /// Counted when a connection is dispatched, before adopt() runs.
    void reserve() { m_count.fetch_add(1, std::memory_order_relaxed); }

private:
    struct Running
    {
        std::unique_ptr<HttpJob> job;
        QPointer<HttpConnection> connection;
    };
    /// A database socket this worker has waited on; its notifiers are kept for the next request
    /// on the same connection (creating them was measurable per request).
    struct Watch
    {
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
        std::optional<Running> running;
    };

    void run(HttpConnection *connection, std::unique_ptr<HttpJob> job);
    /// Registers a job by what it waits for, or delivers its response.
    void place(Running running);
    void onSocket(int fd);
    /// Watches `fd` for reading (and writing when asked), creating its notifiers on first use.
    void arm(int fd, Watch &w, bool wantWrite);
    void disarm(Watch &w);
    /// Registers once with the pool for the next release while jobs wait for a connection.
    void askForRelease();
    void retryWaiting();

    HttpLimits m_limits;
    const HttpHandler &m_handler;
    const UpgradeHandler &m_upgrade;
    JobRunner m_runJob;
    pg::ConnectionPool &m_pool;
    std::atomic_int m_count{0};
    std::unordered_map<int, Watch> m_watches; ///< by socket descriptor
    std::deque<Running> m_waiting; ///< for a pooled connection, oldest first
    bool m_notifyRequested = false;
    QTimer m_waitTimer; ///< lets waiting jobs time out when no connection is ever released
};

} // namespace refract::net
