#pragma once

#include "httpjob.h"
#include "httpmessage.h"

#include <QDeadlineTimer>
#include <QObject>
#include <QTimer>

#include <functional>

class QTcpSocket;

namespace refract::net {

/// Limits that protect the server from clients that send too much or too slowly.
struct HttpLimits
{
    qint64 maxBodyBytes = 10 * 1024 * 1024; ///< larger bodies: 413
    int maxHeaderBytes = 16 * 1024;         ///< request line + headers; larger: 431
    int headerTimeoutMs = 10000;            ///< from a request's first byte to its blank line: 408
    int bodyTimeoutMs = 30000;              ///< from the blank line to the body's last byte: 408
    int idleTimeoutMs = 60000;              ///< a keep-alive connection with no request is closed
};

/// Answers one request, at once or through a job; called on the connection's thread, so it must
/// be thread-safe.
using HttpHandler = std::function<HttpOutcome(const HttpRequest &)>;
class HttpConnection;
/// Takes over a request's job: drives it and calls HttpConnection::deliver() with its response.
using JobRunner = std::function<void(HttpConnection *, std::unique_ptr<HttpJob>)>;
/// Takes over a socket whose request asks for a WebSocket upgrade. The request bytes are still
/// unread in the socket (the connection only peeked at them), so a QWebSocketServer can read the
/// handshake itself. Called on the connection's thread with a parentless socket.
using UpgradeHandler = std::function<void(QTcpSocket *)>;

/// One client connection of the local server: HTTP/1.1 with keep-alive and pipelining, bodies by
/// Content-Length, `Expect: 100-continue`, and deadlines for headers and body (a client sending one
/// byte a second is dropped). Requests are answered in order, one at a time: while one waits for
/// its job, the next pipelined request stays unread.
class HttpConnection : public QObject
{
    Q_OBJECT
public:
    HttpConnection(QTcpSocket *socket, const HttpLimits &limits, const HttpHandler &handler,
                   const UpgradeHandler &upgrade, const JobRunner &runJob, QObject *parent = nullptr);
    ~HttpConnection() override;

    /// Closes the socket (server shutdown).
    void shutdown();
    /// The response of the job handed to the JobRunner; then the next request is read.
    void deliver(const HttpResponse &response);

Q_SIGNALS:
    /// The connection is over (closed or handed to the WebSocket server); the object deletes itself later.
    void finished();

private:
    enum class State { Idle, Headers, Body, Waiting, Draining, Done };
    void onReadyRead();
    void onTimeout();
    bool parseHeaders(const QByteArray &head);
    void fail(int status, const QByteArray &message);
    void respond(const HttpResponse &response);
    /// Writes the response of the request just read; false when the connection is closing, else
    /// it waits for the next request.
    bool answer(const HttpResponse &response);
    void finish();
    /// The current phase's deadline (idle, headers, body, linger); 0 clears it.
    void setDeadline(int ms);
    void onTimer();

    QTcpSocket *m_socket;
    HttpLimits m_limits;
    const HttpHandler &m_handler;
    const UpgradeHandler &m_upgrade;
    const JobRunner &m_runJob;
    // Deadlines change several times per request; restarting a QTimer each time (a timer
    // unregistered and registered again in the event dispatcher) was measurable per request. The
    // timer is only ever moved earlier; when it fires before the current deadline it re-arms.
    QTimer m_timer;
    QDeadlineTimer m_deadline{QDeadlineTimer::Forever};
    QDeadlineTimer m_timerDue{QDeadlineTimer::Forever};
    State m_state = State::Idle;
    HttpRequest m_request;
    qint64 m_contentLength = 0;
    bool m_keepAlive = true;
    bool m_headersTimed = false, m_bodyTimed = false; ///< this request's phase deadline is set
    QByteArray m_peerAddress; ///< formatted once: QHostAddress::toString was a tenth of the header parsing
};

} // namespace refract::net
