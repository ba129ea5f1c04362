#include "serverworker.h"

#include <QTcpSocket>

#include <unistd.h>

namespace refract::net {

ServerWorker::ServerWorker(const HttpLimits &limits, const HttpHandler &handler, const UpgradeHandler &upgrade)
    : m_limits(limits), m_handler(handler), m_upgrade(upgrade)
{
}

void ServerWorker::adopt(qintptr descriptor)
{
    auto *socket = new QTcpSocket;
    if (!socket->setSocketDescriptor(descriptor)) {
        ::close(int(descriptor));
        delete socket;
        m_count.fetch_sub(1, std::memory_order_relaxed);
        return;
    }
    auto *connection = new HttpConnection(socket, m_limits, m_handler, m_upgrade, this);
    connect(connection, &HttpConnection::finished, this, [this] { m_count.fetch_sub(1, std::memory_order_relaxed); });
}

void ServerWorker::closeAll()
{
    for (HttpConnection *c : findChildren<HttpConnection *>(Qt::FindDirectChildrenOnly))
        c->shutdown();
}

} // namespace refract::net
