#include "notifier.h"

#include <QSocketNotifier>

#include <libpq-fe.h>

namespace refract::pg {

Notifier::Notifier(const QString &conninfo, QObject *parent) : QObject(parent), m_conninfo(conninfo)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, [this] {
        if (m_running && !connectNow())
            scheduleReconnect();
    });
}

Notifier::~Notifier()
{
    stop();
}

void Notifier::setReconnectDelays(int minMs, int maxMs)
{
    m_minDelay = qMax(1, minMs);
    m_maxDelay = qMax(m_minDelay, maxMs);
    m_delay = m_minDelay;
}

bool Notifier::start()
{
    m_running = true;
    if (isConnected())
        return true;
    if (connectNow())
        return true;
    scheduleReconnect();
    return false;
}

void Notifier::stop()
{
    m_running = false;
    m_retry.stop();
    m_socket.reset();
    m_connection.reset();
}

bool Notifier::isConnected() const
{
    return m_connection && m_connection->isOpen();
}

bool Notifier::connectNow()
{
    m_socket.reset();
    auto c = std::make_unique<Connection>();
    if (!c->open(m_conninfo, 5)) {
        m_lastError = c->lastError().toString();
        return false;
    }
    for (const QString &ch : std::as_const(m_channels)) {
        const Result r = c->exec(QStringLiteral("listen ") + Connection::quoteIdentifier(ch));
        if (!r.ok()) {
            m_lastError = r.error().toString();
            return false;
        }
    }
    m_connection = std::move(c);
    PQsetnonblocking(m_connection->handle(), 1);
    m_socket = std::make_unique<QSocketNotifier>(PQsocket(m_connection->handle()), QSocketNotifier::Read);
    connect(m_socket.get(), &QSocketNotifier::activated, this, [this] { readSocket(); });
    m_delay = m_minDelay;
    m_lastError.clear();
    const bool again = m_wasConnected;
    m_wasConnected = true;
    if (again)
        Q_EMIT reconnected();
    // Notifications may already sit in libpq's buffer (sent while we were LISTENing).
    QMetaObject::invokeMethod(this, [this] { readSocket(); }, Qt::QueuedConnection);
    return true;
}

bool Notifier::listen(const QString &channel)
{
    if (channel.isEmpty())
        return false;
    if (m_channels.contains(channel))
        return true;
    m_channels.insert(channel);
    if (!isConnected())
        return false; // picked up on (re)connect
    // The socket notifier must not fire inside the blocking exec (it would consume the reply).
    m_socket->setEnabled(false);
    PQsetnonblocking(m_connection->handle(), 0);
    const Result r = m_connection->exec(QStringLiteral("listen ") + Connection::quoteIdentifier(channel));
    PQsetnonblocking(m_connection->handle(), 1);
    m_socket->setEnabled(true);
    if (!r.ok()) {
        m_lastError = r.error().toString();
        if (!m_connection->isOpen())
            lost(m_lastError);
        return false;
    }
    QMetaObject::invokeMethod(this, [this] { readSocket(); }, Qt::QueuedConnection);
    return true;
}

void Notifier::unlisten(const QString &channel)
{
    if (!m_channels.remove(channel) || !isConnected())
        return;
    m_socket->setEnabled(false);
    PQsetnonblocking(m_connection->handle(), 0);
    m_connection->exec(QStringLiteral("unlisten ") + Connection::quoteIdentifier(channel));
    PQsetnonblocking(m_connection->handle(), 1);
    m_socket->setEnabled(true);
}

void Notifier::readSocket()
{
    if (!m_connection || !m_connection->handle())
        return;
    PGconn *conn = m_connection->handle();
    if (!PQconsumeInput(conn) || PQstatus(conn) != CONNECTION_OK) {
        lost(QString::fromUtf8(PQerrorMessage(conn)).trimmed());
        return;
    }
    // Drain results (none expected outside listen()) and then the notifications.
    while (!PQisBusy(conn)) {
        PGresult *r = PQgetResult(conn);
        if (!r)
            break;
        PQclear(r);
    }
    while (PGnotify *n = PQnotifies(conn)) {
        const QString channel = QString::fromUtf8(n->relname);
        const QString payload = QString::fromUtf8(n->extra);
        const int pid = n->be_pid;
        PQfreemem(n);
        Q_EMIT notification(channel, payload, pid);
        if (!m_connection)
            return; // a slot stopped us
    }
}

void Notifier::lost(const QString &error)
{
    m_lastError = error.isEmpty() ? QStringLiteral("connection to the server was lost") : error;
    m_socket.reset();
    m_connection.reset();
    Q_EMIT connectionLost(m_lastError);
    scheduleReconnect();
}

void Notifier::scheduleReconnect()
{
    if (!m_running || m_retry.isActive())
        return;
    m_retry.start(m_delay);
    m_delay = qMin(m_delay * 2, m_maxDelay);
}

} // namespace refract::pg
