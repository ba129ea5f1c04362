#include "localserver.h"

#include "serverworker.h"

#include <exec/engine.h>
#include <pg/connectionpool.h>

#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QWebSocket>
#include <QWebSocketServer>

#include <unistd.h>

namespace refract::net {

/// Accepts sockets and passes their descriptors on, so each QTcpSocket is created on the worker
/// thread that serves it (a socket cannot be moved to another thread while it is in use).
class TcpListener : public QTcpServer
{
public:
    explicit TcpListener(LocalServer *server) : QTcpServer(server), m_server(server) {}

protected:
    void incomingConnection(qintptr descriptor) override { m_server->dispatch(descriptor); }

private:
    LocalServer *m_server;
};

LocalServer::LocalServer(const exec::Engine &engine, pg::ConnectionPool &pool, const LocalServerOptions &options, QObject *parent)
    : QObject(parent), m_engine(engine), m_pool(pool), m_options(options)
{
    m_graphql = std::make_unique<GraphQLHttpHandler>(engine, pool, options.graphql);
    m_handler = [this](const HttpRequest &request) { return m_graphql->start(request); };
    m_webSockets = new QWebSocketServer(QStringLiteral("refract"), QWebSocketServer::NonSecureMode, this);
    connect(m_webSockets, &QWebSocketServer::newConnection, this, &LocalServer::onWebSocket);
    // Called on a worker thread with a parentless socket whose handshake is still unread.
    m_upgrade = [this](QTcpSocket *socket) {
        socket->moveToThread(thread());
        QMetaObject::invokeMethod(m_webSockets, [ws = m_webSockets, socket] { ws->handleConnection(socket); }, Qt::QueuedConnection);
    };
}

LocalServer::~LocalServer() { close(); }

bool LocalServer::listen(QString *error)
{
    if (!m_graphql->isValid(error))
        return false;
    if (m_listener)
        return true;
    const int n = qMax(1, m_options.threads);
    for (int i = 0; i < n; ++i) {
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("refract-http-%1").arg(i));
        auto *worker = new ServerWorker(m_options.http, m_handler, m_upgrade, m_pool);
        worker->moveToThread(thread);
        thread->start();
        m_threads << thread;
        m_workers << worker;
    }
    m_listener = new TcpListener(this);
    m_listener->setMaxPendingConnections(m_options.maxConnections);
    if (!m_listener->listen(m_options.host, m_options.port)) {
        if (error)
            *error = QStringLiteral("cannot listen on %1:%2: %3").arg(m_options.host.toString()).arg(m_options.port).arg(m_listener->errorString());
        close();
        return false;
    }
    return true;
}

void LocalServer::close()
{
    if (m_listener) {
        m_listener->close();
        delete m_listener;
        m_listener = nullptr;
    }
    for (qsizetype i = 0; i < m_workers.size(); ++i) {
        ServerWorker *worker = m_workers[i];
        QMetaObject::invokeMethod(worker, [worker] { worker->closeAll(); delete worker; }, Qt::BlockingQueuedConnection);
        m_threads[i]->quit();
        m_threads[i]->wait();
        delete m_threads[i];
    }
    m_workers.clear();
    m_threads.clear();
}

bool LocalServer::isListening() const { return m_listener && m_listener->isListening(); }

quint16 LocalServer::port() const { return m_listener ? m_listener->serverPort() : 0; }

QUrl LocalServer::url() const
{
    QUrl u;
    u.setScheme(QStringLiteral("http"));
    QHostAddress host = m_options.host;
    if (host == QHostAddress::Any || host == QHostAddress::AnyIPv4)
        host = QHostAddress(QHostAddress::LocalHost);
    else if (host == QHostAddress::AnyIPv6)
        host = QHostAddress(QHostAddress::LocalHostIPv6);
    u.setHost(host.toString());
    u.setPort(port());
    u.setPath(QString::fromUtf8(m_options.graphql.path));
    return u;
}

void LocalServer::dispatch(qintptr descriptor)
{
    ServerWorker *best = nullptr;
    int total = 0;
    for (ServerWorker *w : std::as_const(m_workers)) {
        total += w->connectionCount();
        if (!best || w->connectionCount() < best->connectionCount())
            best = w;
    }
    if (!best || total >= m_options.maxConnections) {
        ::close(int(descriptor));
        return;
    }
    best->reserve();
    QMetaObject::invokeMethod(best, [best, descriptor] { best->adopt(descriptor); }, Qt::QueuedConnection);
}

void LocalServer::onWebSocket()
{
    while (QWebSocket *socket = m_webSockets->nextPendingConnection()) {
        if (m_webSocketHandler) {
            m_webSocketHandler(socket);
        } else {
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("subscriptions are not enabled on this server"));
            socket->deleteLater();
        }
    }
}

} // namespace refract::net
