#pragma once

#include "graphqlhttphandler.h"
#include "httpconnection.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QUrl>

#include <functional>
#include <memory>

class QThread;
class QWebSocket;
class QWebSocketServer;

namespace refract::exec {
class Engine;
}
namespace refract::pg {
class ConnectionPool;
}

namespace refract::net {

class ServerWorker;
class TcpListener;

struct LocalServerOptions
{
    QHostAddress host = QHostAddress(QHostAddress::LocalHost); ///< 127.0.0.1 unless told otherwise
    quint16 port = 0;          ///< 0: a free port (see port())
    int threads = 2;           ///< worker threads (event loops); about one per core
    int maxConnections = 1024; ///< more clients are refused (connection closed at once)
    HttpLimits http;
    GraphQLHttpOptions graphql;
};

/// The engine over HTTP and WebSocket on one port: `refract-cli serve` and the workbench's "Run
/// locally" start this server.
///
/// Why our own HTTP/1.1 layer and not Qt HttpServer: Qt HttpServer 6.4 is a technology preview
/// without limits on body size or header/body deadlines, and a request there runs on the thread
/// that owns the listening socket. Here a QTcpServer hands each accepted socket to one of N worker
/// threads (the one with the fewest connections), each with its own event loop. A worker reads a
/// request, takes a connection from the pool and sends the request's whole transaction in one
/// pipeline (one round trip), then serves its other clients until PostgreSQL answers on that
/// connection's socket, and writes the response (ServerWorker, GraphQLHttpJob). No thread waits on
/// the database, so a couple of workers serve any number of requests in flight with few context
/// switches: on a small machine those, not the work, were most of a cheap request's cost.
/// Keep-alive and pipelined requests are served in order on their connection.
///
/// WebSocket (subscriptions): a request with `Upgrade: websocket` is not read; its socket moves to
/// the server's thread and is given to webSocketServer() (QWebSocketServer::handleConnection), which
/// performs the handshake. Each upgraded QWebSocket is then passed to the handler installed with
/// setWebSocketHandler() (on the server's thread; the handler takes ownership), or, without one,
/// closed with code 1008. Set the subprotocols the handler speaks (`graphql-transport-ws`,
/// `graphql-ws`) with webSocketServer()->setSupportedSubprotocols() before clients connect.
class LocalServer : public QObject
{
    Q_OBJECT
public:
    /// `engine` (loaded) and `pool` must outlive the server.
    LocalServer(const exec::Engine &engine, pg::ConnectionPool &pool, const LocalServerOptions &options,
                QObject *parent = nullptr);
    ~LocalServer() override;

    /// Starts the workers and listens; false with `error` when the address is taken or the options
    /// are invalid.
    bool listen(QString *error = nullptr);
    /// Stops listening, closes every connection and joins the workers. Called by the destructor.
    void close();

    bool isListening() const;
    quint16 port() const;
    /// `http://host:port/graphql`.
    QUrl url() const;
    const LocalServerOptions &options() const { return m_options; }

    QWebSocketServer *webSocketServer() const { return m_webSockets; }
    /// Receives every upgraded WebSocket on the server's thread (ownership passes to the handler).
    void setWebSocketHandler(std::function<void(QWebSocket *)> handler) { m_webSocketHandler = std::move(handler); }

private:
    friend class TcpListener;
    void dispatch(qintptr descriptor);
    void onWebSocket();

    const exec::Engine &m_engine;
    pg::ConnectionPool &m_pool;
    LocalServerOptions m_options;
    std::unique_ptr<GraphQLHttpHandler> m_graphql;
    HttpHandler m_handler;
    UpgradeHandler m_upgrade;
    TcpListener *m_listener = nullptr;
    QWebSocketServer *m_webSockets = nullptr;
    std::function<void(QWebSocket *)> m_webSocketHandler;
    QList<QThread *> m_threads;
    QList<ServerWorker *> m_workers;
};

} // namespace refract::net
