#pragma once

// Shared by the local server's socket tests: a blocking HTTP/1.1 client and a LocalServer running
// on its own thread, so that a test thread may block on its sockets.

#include <exec/engine.h>
#include <net/localserver.h>
#include <pg/connectionpool.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QThread>
#include <QWebSocket>

#include <functional>
#include <memory>

namespace refract::test {

struct Reply
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers)
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

/// A blocking HTTP/1.1 client on one socket (usable from any thread, no event loop needed).
class Client
{
public:
    /// (Re)connects; what was buffered from an earlier connection is dropped.
    bool connect(quint16 port)
    {
        m_buffer.clear();
        m_socket.abort();
        m_socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
        return m_socket.waitForConnected(5000);
    }
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    bool send(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        return m_socket.waitForBytesWritten(5000) || m_socket.bytesToWrite() == 0;
    }
    /// Reads one response; status 0 when the connection closed or timed out first.
    Reply read(int timeoutMs = 15000)
    {
        Reply r;
        QElapsedTimer t;
        t.start();
        qsizetype end;
        while ((end = m_buffer.indexOf("\r\n\r\n")) < 0) {
            if (!fill(timeoutMs - int(t.elapsed())))
                return r;
        }
        const QList<QByteArray> lines = m_buffer.left(end).split('\n');
        r.status = lines.value(0).split(' ').value(1).toInt();
        qint64 length = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            const qsizetype colon = line.indexOf(':');
            r.headers.append(qMakePair(line.left(colon).trimmed(), line.mid(colon + 1).trimmed()));
            if (line.left(colon).trimmed().toLower() == "content-length")
                length = line.mid(colon + 1).trimmed().toLongLong();
        }
        m_buffer.remove(0, end + 4);
        while (m_buffer.size() < length)
            if (!fill(timeoutMs - int(t.elapsed()))) {
                r.status = 0;
                return r;
            }
        r.body = m_buffer.left(length);
        m_buffer.remove(0, length);
        return r;
    }
    /// One request and its response; status 0 when the connection closed or `timeoutMs` passed.
    Reply request(const QByteArray &method, const QByteArray &target, const QByteArray &body = {},
                  const QList<QByteArray> &headers = {"Content-Type: application/json"}, int timeoutMs = 15000)
    {
        QByteArray req = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        for (const QByteArray &h : headers)
            req += h + "\r\n";
        if (!body.isEmpty() || method == "POST")
            req += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
        req += "\r\n" + body;
        if (!send(req))
            return {};
        return read(timeoutMs);
    }
    /// True when the server closed the connection within `timeoutMs`.
    bool waitClosed(int timeoutMs)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            if (m_socket.state() != QAbstractSocket::ConnectedState)
                return true;
            if (m_socket.waitForReadyRead(100))
                m_buffer += m_socket.readAll();
        }
        return m_socket.state() != QAbstractSocket::ConnectedState;
    }
    QTcpSocket &socket() { return m_socket; }

private:
    bool fill(int timeoutMs)
    {
        if (timeoutMs <= 0)
            return false;
        if (m_socket.bytesAvailable() == 0 && !m_socket.waitForReadyRead(timeoutMs))
            return false;
        m_buffer += m_socket.readAll();
        return true;
    }
    QTcpSocket m_socket;
    QByteArray m_buffer;
};

inline QByteArray gql(const QString &query, const QJsonObject &variables = {})
{
    QJsonObject o{{QStringLiteral("query"), query}};
    if (!variables.isEmpty())
        o.insert(QStringLiteral("variables"), variables);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

/// Runs a LocalServer on its own thread, so that the test thread may block on its sockets.
class ServerThread
{
public:
    ~ServerThread() { stop(); }
    bool start(const exec::Engine &engine, pg::ConnectionPool &pool, const net::LocalServerOptions &options,
               std::function<void(QWebSocket *)> wsHandler = {})
    {
        m_thread.start();
        m_anchor.moveToThread(&m_thread);
        bool ok = false;
        QMetaObject::invokeMethod(&m_anchor, [&] {
            m_server = std::make_unique<net::LocalServer>(engine, pool, options);
            if (wsHandler)
                m_server->setWebSocketHandler(wsHandler);
            ok = m_server->listen(&m_error);
            m_port = m_server->port();
        }, Qt::BlockingQueuedConnection);
        return ok;
    }
    void stop()
    {
        if (!m_thread.isRunning())
            return;
        QMetaObject::invokeMethod(&m_anchor, [&] { m_server.reset(); m_anchor.moveToThread(QCoreApplication::instance()->thread()); },
                                  Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    quint16 port() const { return m_port; }
    const QString &error() const { return m_error; }

private:
    QThread m_thread;
    QObject m_anchor;
    std::unique_ptr<net::LocalServer> m_server;
    quint16 m_port = 0;
    QString m_error;
};


} // namespace refract::test
