#pragma once

#include "httpconnection.h"

#include <QObject>

#include <atomic>

namespace refract::net {

/// One worker thread's share of the local server's clients: it owns their HttpConnections, which
/// run requests synchronously on this thread.
class ServerWorker : public QObject
{
    Q_OBJECT
public:
    ServerWorker(const HttpLimits &limits, const HttpHandler &handler, const UpgradeHandler &upgrade);

    /// Takes over an accepted socket descriptor (call on this worker's thread).
    void adopt(qintptr descriptor);
    /// Closes every connection (call on this worker's thread).
    void closeAll();

    /// Connections this worker serves now (read by the accepting thread to balance).
    int connectionCount() const { return m_count.load(std::memory_order_relaxed); }
    /// Counted when a connection is dispatched, before adopt() runs.
    void reserve() { m_count.fetch_add(1, std::memory_order_relaxed); }

private:
    HttpLimits m_limits;
    const HttpHandler &m_handler;
    const UpgradeHandler &m_upgrade;
    std::atomic_int m_count{0};
};

} // namespace refract::net
