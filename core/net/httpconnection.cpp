#include "httpconnection.h"

#include <QHostAddress>
#include <QTcpSocket>

#include <sys/socket.h>

#include <cstring>

namespace refract::net {

namespace {

QByteArray errorBody(const QByteArray &message)
{
    QByteArray escaped = message;
    escaped.replace('\\', "\\\\").replace('"', "\\\"");
    return "{\"errors\":[{\"message\":\"" + escaped + "\"}]}";
}

bool hasToken(QByteArrayView headerValue, QByteArrayView token)
{
    // Walked in place: this runs for several headers of every request.
    while (!headerValue.isEmpty()) {
        const qsizetype comma = headerValue.indexOf(',');
        const QByteArrayView part = (comma < 0 ? headerValue : headerValue.first(comma)).trimmed();
        if (part.compare(token, Qt::CaseInsensitive) == 0)
            return true;
        if (comma < 0)
            break;
        headerValue = headerValue.sliced(comma + 1);
    }
    return false;
}

/// Where the head ends (the blank line's `\r\n\r\n`), or -1. Line ends are few, so looking for
/// each `\n` with memchr beats QByteArray::indexOf's general substring search (~4k instructions
/// per request).
qsizetype headEnd(QByteArrayView data)
{
    const char *begin = data.data(), *end = begin + data.size();
    for (const char *p = begin + 1; p + 2 < end;) {
        const char *nl = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
        if (!nl || nl + 2 >= end)
            return -1;
        if (nl[-1] == '\r' && nl[1] == '\r' && nl[2] == '\n')
            return (nl - 1) - begin;
        p = nl + 1;
    }
    return -1;
}

/// ASCII lower case of a header name; names are tokens (RFC 9110 §5.1), so no other letters matter.
QByteArray lowerName(QByteArrayView name)
{
    QByteArray out(name.data(), name.size());
    for (char &c : out)
        if (c >= 'A' && c <= 'Z')
            c = char(c + ('a' - 'A'));
    return out;
}

/// How long a connection that answered with an error keeps reading (and discarding) what the client
/// still sends before closing: closing with unread data makes the kernel reset the connection, and
/// the client could lose the response (a 413 for a 50 MB body would never be seen).
constexpr int kLingerMs = 2000;

} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, const HttpLimits &limits, const HttpHandler &handler,
                               const UpgradeHandler &upgrade, const JobRunner &runJob, QObject *parent)
    : QObject(parent), m_socket(socket), m_limits(limits), m_handler(handler), m_upgrade(upgrade), m_runJob(runJob)
{
    m_socket->setParent(this);
    m_peerAddress = m_socket->peerAddress().toString().toLatin1();
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &HttpConnection::onTimer);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::finish);
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
        // A closing connection half-closes once the response is out, then lingers (see kLingerMs).
        if (m_state == State::Draining && m_socket && m_socket->bytesToWrite() == 0)
            ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
    });
    setDeadline(m_limits.idleTimeoutMs);
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpConnection::onReadyRead, Qt::QueuedConnection);
}

HttpConnection::~HttpConnection() = default;

void HttpConnection::setDeadline(int ms)
{
    if (ms <= 0) {
        m_deadline = QDeadlineTimer(QDeadlineTimer::Forever);
        return; // a running timer finds no deadline when it fires and stops
    }
    m_deadline = QDeadlineTimer(ms);
    if (!m_timer.isActive() || m_deadline < m_timerDue) {
        m_timer.start(ms);
        m_timerDue = m_deadline;
    }
}

void HttpConnection::onTimer()
{
    if (m_deadline.isForever())
        return;
    if (!m_deadline.hasExpired()) {
        // Fired for an earlier deadline that has since moved on: wait for the current one.
        const int ms = int(qMax<qint64>(1, m_deadline.remainingTime()));
        m_timer.start(ms);
        m_timerDue = m_deadline;
        return;
    }
    m_deadline = QDeadlineTimer(QDeadlineTimer::Forever);
    onTimeout();
}

void HttpConnection::shutdown()
{
    if (m_socket)
        m_socket->abort();
    finish();
}

void HttpConnection::finish()
{
    if (m_state == State::Done)
        return;
    m_state = State::Done;
    m_timer.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
    Q_EMIT finished();
    deleteLater();
}

void HttpConnection::onTimeout()
{
    switch (m_state) {
    case State::Idle:
        // An idle keep-alive connection: close quietly.
        if (m_socket)
            m_socket->disconnectFromHost();
        finish();
        break;
    case State::Headers:
    case State::Body:
        fail(408, "The request was not received in time.");
        break;
    case State::Waiting: // the job has its own deadlines (pool, statement_timeout)
        break;
    case State::Draining:
    case State::Done:
        finish();
        break;
    }
}

void HttpConnection::fail(int status, const QByteArray &message)
{
    HttpResponse r = HttpResponse::json(status, errorBody(message));
    r.close = true;
    respond(r);
}

void HttpConnection::respond(const HttpResponse &response)
{
    if (!m_socket)
        return;
    const bool keepAlive = m_keepAlive && !response.close;
    m_socket->write(response.serialize(keepAlive));
    // Out now rather than on the event loop's next pass: one poll less per request.
    m_socket->flush();
    if (keepAlive)
        return;
    m_state = State::Draining;
    setDeadline(kLingerMs);
    if (m_socket->bytesToWrite() == 0)
        ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
}

bool HttpConnection::parseHeaders(const QByteArray &head)
{
    m_request = HttpRequest{};
    m_request.peerAddress = m_peerAddress;
    // Lines are walked in place (no list of copies): header parsing is per request.
    qsizetype eol = head.indexOf('\n');
    // The request line: METHOD SP target SP HTTP/1.x
    const QByteArrayView first = QByteArrayView(head.constData(), eol < 0 ? head.size() : eol).trimmed();
    const qsizetype sp1 = first.indexOf(' ');
    const qsizetype sp2 = sp1 < 0 ? -1 : first.indexOf(' ', sp1 + 1);
    if (sp1 <= 0 || sp2 <= sp1 + 1 || first.indexOf(' ', sp2 + 1) >= 0) {
        fail(400, "Malformed request line.");
        return false;
    }
    const QByteArrayView version = first.sliced(sp2 + 1);
    if (version == "HTTP/1.1")
        m_request.minorVersion = 1;
    else if (version == "HTTP/1.0")
        m_request.minorVersion = 0;
    else {
        fail(505, "Only HTTP/1.0 and HTTP/1.1 are supported.");
        return false;
    }
    m_request.method = first.first(sp1).toByteArray();
    m_request.target = first.sliced(sp1 + 1, sp2 - sp1 - 1).toByteArray();
    m_request.headers.reserve(12);
    const qsizetype q = m_request.target.indexOf('?');
    m_request.path = q < 0 ? m_request.target : m_request.target.left(q);
    m_request.query = q < 0 ? QByteArray() : m_request.target.mid(q + 1);
    while (eol >= 0) {
        const qsizetype start = eol + 1;
        eol = head.indexOf('\n', start);
        QByteArrayView line(head.constData() + start, (eol < 0 ? head.size() : eol) - start);
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || line.front() == ' ' || line.front() == '\t' || line.first(colon).contains(' ')) {
            fail(400, "Malformed header line.");
            return false;
        }
        m_request.headers.append(qMakePair(lowerName(line.first(colon)), line.sliced(colon + 1).trimmed().toByteArray()));
    }
    const QByteArray connection = m_request.header("connection");
    m_keepAlive = m_request.minorVersion == 1 ? !hasToken(connection, "close") : hasToken(connection, "keep-alive");
    if (m_request.hasHeader("transfer-encoding")) {
        fail(411, "Chunked request bodies are not supported; send a Content-Length.");
        return false;
    }
    m_contentLength = 0;
    bool seen = false;
    for (const auto &h : m_request.headers) {
        if (h.first != "content-length")
            continue;
        bool ok = !h.second.isEmpty();
        for (char c : h.second)
            ok = ok && c >= '0' && c <= '9';
        const qint64 n = ok && h.second.size() <= 15 ? h.second.toLongLong(&ok) : -1;
        if (!ok || n < 0 || (seen && n != m_contentLength)) {
            fail(400, "Invalid Content-Length.");
            return false;
        }
        m_contentLength = n;
        seen = true;
    }
    if (m_contentLength > m_limits.maxBodyBytes) {
        fail(413, "The request body is larger than the limit of " + QByteArray::number(m_limits.maxBodyBytes) + " bytes.");
        return false;
    }
    return true;
}

void HttpConnection::onReadyRead()
{
    while (m_socket && (m_state != State::Done)) {
        if (m_state == State::Draining) {
            m_socket->readAll();
            return;
        }
        if (m_state == State::Idle || m_state == State::Headers) {
            // Blank lines between requests are allowed (RFC 9112 §2.2).
            while (m_socket->bytesAvailable() > 0) {
                char c;
                if (!m_socket->peek(&c, 1) || (c != '\r' && c != '\n'))
                    break;
                m_socket->skip(1);
            }
            const qint64 available = m_socket->bytesAvailable();
            if (available <= 0)
                return;
            if (m_state == State::Idle) {
                m_state = State::Headers;
                m_headersTimed = false;
            }
            // Peek, not read: a WebSocket upgrade must leave the handshake in the socket.
            const QByteArray head = m_socket->peek(qMin<qint64>(available, m_limits.maxHeaderBytes + 4));
            const qsizetype end = headEnd(head);
            if (end < 0) {
                if (head.size() > m_limits.maxHeaderBytes)
                    fail(431, "The request headers are larger than the limit.");
                else if (!std::exchange(m_headersTimed, true))
                    setDeadline(m_limits.headerTimeoutMs); // from the first byte, only when the headers come in parts
                return;
            }
            if (!parseHeaders(head.left(end)))
                return;
            if (m_upgrade && hasToken(m_request.header("upgrade"), "websocket")) {
                m_timer.stop();
                QTcpSocket *socket = m_socket;
                socket->disconnect(this);
                socket->setParent(nullptr);
                m_socket = nullptr;
                m_upgrade(socket);
                finish();
                return;
            }
            m_socket->skip(end + 4);
            m_state = State::Body;
            m_bodyTimed = false;
            if (m_contentLength > 0) {
                m_request.body.reserve(m_contentLength);
                if (m_socket->bytesAvailable() == 0 && hasToken(m_request.header("expect"), "100-continue"))
                    m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            }
        }
        if (m_state == State::Body) {
            const qint64 need = m_contentLength - m_request.body.size();
            if (need > 0) {
                m_request.body += m_socket->read(need);
                if (m_request.body.size() < m_contentLength) {
                    if (!std::exchange(m_bodyTimed, true))
                        setDeadline(m_limits.bodyTimeoutMs); // from the blank line's arrival, as far as this read knows
                    return;
                }
            }
            setDeadline(0);
            HttpOutcome outcome = m_handler(m_request);
            if (outcome.job) {
                m_state = State::Waiting;
                m_runJob(this, std::move(outcome.job));
                return;
            }
            if (!answer(outcome.response))
                return; // closing
        }
        if (m_state == State::Waiting)
            return;
    }
}

bool HttpConnection::answer(const HttpResponse &response)
{
    respond(response);
    if (m_state != State::Body)
        return false;
    m_state = State::Idle;
    m_request = HttpRequest{};
    setDeadline(m_limits.idleTimeoutMs);
    return true;
}

void HttpConnection::deliver(const HttpResponse &response)
{
    if (m_state != State::Waiting)
        return;
    m_state = State::Body;
    if (!answer(response))
        return; // closing
    // A pipelining client may have sent the next request already.
    if (m_socket && m_socket->bytesAvailable() > 0)
        onReadyRead();
}

} // namespace refract::net
