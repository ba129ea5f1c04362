#include "notifier.h"

#include <QDeadlineTimer>
#include <QSocketNotifier>

#include <libpq-fe.h>
#include <poll.h>

#include <utility>

namespace refract::pg {

namespace {

// libpq reports multi-host attempts on several lines; one line reads better in a log.
QString oneLine(const char *message)
{
    const QString text = QString::fromUtf8(message).trimmed();
    return text.split(QLatin1Char('\n'), Qt::SkipEmptyParts).join(QLatin1String("; "));
}

} // namespace

void Notifier::ConnDeleter::operator()(pg_conn *conn) const
{
    PQfinish(conn);
}

Notifier::Notifier(const QString &conninfo, QObject *parent) : QObject(parent), m_conninfo(conninfo)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, [this] {
        if (m_running && !isConnected() && !isConnecting() && !beginConnect())
            scheduleReconnect();
    });
    m_attemptTimer.setSingleShot(true);
    connect(&m_attemptTimer, &QTimer::timeout, this, [this] {
        if (isConnecting())
            attemptFailed(QStringLiteral("timeout expired (no answer from the server within %1 ms)").arg(m_connectTimeout));
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
    // A background attempt (or its backoff) is under way: the caller gets the answer now and the
    // connection when that attempt succeeds, never a wait on this thread.
    if (isConnecting() || m_retry.isActive())
        return false;
    // The first connect waits (callers rely on a LISTEN session being there when true is
    // returned), bounded by the same timeout as every attempt.
    m_waiting = true;
    const QDeadlineTimer deadline(m_connectTimeout);
    if (beginConnect()) {
        while (isConnecting()) {
            if (deadline.hasExpired()) {
                attemptFailed(QStringLiteral("timeout expired (no answer from the server within %1 ms)").arg(m_connectTimeout));
                break;
            }
            pollfd p{PQsocket(m_conn.get()), short(m_wantWrite ? POLLOUT : POLLIN), 0};
            const int ready = ::poll(&p, 1, int(qMin<qint64>(deadline.remainingTime(), 100)));
            if (ready > 0 || ready < 0)
                step(); // an error shows up as a failed step
        }
    }
    m_waiting = false;
    if (isConnected())
        return true;
    scheduleReconnect();
    return false;
}

void Notifier::stop()
{
    m_running = false;
    m_retry.stop();
    m_attemptTimer.stop();
    dropSocket();
    m_conn.reset();
    m_phase = Phase::Idle;
}

bool Notifier::isConnected() const
{
    return m_phase == Phase::Connected && m_conn && PQstatus(m_conn.get()) == CONNECTION_OK;
}

void Notifier::dropSocket()
{
    // Possibly called from the notifier's own activated(): deleted once that returns.
    if (m_socket) {
        m_socket->setEnabled(false);
        m_socket.release()->deleteLater();
    }
}

bool Notifier::beginConnect()
{
    dropSocket();
    m_conn.reset();
    m_attemptError.clear();
    // A URI or key/value string goes in as "dbname", which libpq expands; the other keys fill
    // what it leaves out. client_encoding here costs no round trip (PQsetClientEncoding would).
    const QByteArray dsn = m_conninfo.toUtf8();
    const char *keys[] = {"dbname", "fallback_application_name", "client_encoding", nullptr};
    const char *values[] = {dsn.isEmpty() ? nullptr : dsn.constData(), "refract", "UTF8", nullptr};
    m_conn.reset(PQconnectStartParams(keys, values, 1));
    if (!m_conn) {
        m_lastError = QStringLiteral("out of memory while connecting");
        return false;
    }
    m_sent.clear();
    if (PQstatus(m_conn.get()) == CONNECTION_BAD) {
        m_lastError = oneLine(PQerrorMessage(m_conn.get()));
        m_conn.reset();
        return false;
    }
    m_phase = Phase::Connecting;
    if (!m_waiting)
        m_attemptTimer.start(m_connectTimeout);
    // As the libpq manual says: after PQconnectStart, act as if PQconnectPoll asked to write.
    waitForSocket(true);
    return true;
}

void Notifier::waitForSocket(bool write)
{
    m_wantWrite = write;
    if (m_waiting)
        return; // start()'s loop polls the socket itself
    const qintptr fd = PQsocket(m_conn.get());
    const auto type = write ? QSocketNotifier::Write : QSocketNotifier::Read;
    if (m_socket && m_socket->socket() == fd && m_socket->type() == type) {
        m_socket->setEnabled(true);
        return;
    }
    dropSocket(); // libpq may have moved to another socket (the next host of a list)
    m_socket = std::make_unique<QSocketNotifier>(fd, type);
    connect(m_socket.get(), &QSocketNotifier::activated, this, [this] {
        if (m_phase == Phase::Connected)
            readSocket();
        else if (isConnecting())
            step();
    });
}

void Notifier::step()
{
    PGconn *conn = m_conn.get();
    if (m_phase == Phase::Connecting) {
        switch (PQconnectPoll(conn)) {
        case PGRES_POLLING_READING: waitForSocket(false); return;
        case PGRES_POLLING_WRITING: waitForSocket(true); return;
        case PGRES_POLLING_FAILED: attemptFailed(oneLine(PQerrorMessage(conn))); return;
        case PGRES_POLLING_OK: break;
        default: waitForSocket(false); return; // PGRES_POLLING_ACTIVE (unused by libpq ≥ 7.4)
        }
        PQsetnonblocking(conn, 1);
        if (m_channels.isEmpty()) {
            becomeConnected();
            return;
        }
        // Every LISTEN in one query string: one round trip, whatever the number of channels.
        QString sql;
        m_sent = m_channels;
        for (const QString &ch : std::as_const(m_channels))
            sql += QStringLiteral("listen ") + Connection::quoteIdentifier(ch) + QLatin1String("; ");
        if (!PQsendQuery(conn, sql.toUtf8().constData())) {
            attemptFailed(oneLine(PQerrorMessage(conn)));
            return;
        }
        m_phase = Phase::Listening;
    }
    // Listening: send what is left of the query, then read its replies.
    const int flushed = PQflush(conn);
    if (flushed < 0) {
        attemptFailed(oneLine(PQerrorMessage(conn)));
        return;
    }
    if (flushed > 0) {
        waitForSocket(true);
        return;
    }
    if (!PQconsumeInput(conn)) {
        attemptFailed(oneLine(PQerrorMessage(conn)));
        return;
    }
    while (!PQisBusy(conn)) {
        PGresult *r = PQgetResult(conn);
        if (!r) { // every reply is in
            if (!m_attemptError.isEmpty())
                attemptFailed(m_attemptError);
            else
                becomeConnected();
            return;
        }
        if (PQresultStatus(r) != PGRES_COMMAND_OK && m_attemptError.isEmpty())
            m_attemptError = oneLine(PQresultErrorMessage(r));
        PQclear(r);
    }
    waitForSocket(false);
}

void Notifier::attemptFailed(const QString &error)
{
    m_attemptTimer.stop();
    dropSocket();
    m_conn.reset();
    m_phase = Phase::Idle;
    m_lastError = error.isEmpty() ? QStringLiteral("could not connect to the server") : error;
    if (!m_waiting)
        scheduleReconnect();
}

void Notifier::becomeConnected()
{
    m_attemptTimer.stop();
    m_phase = Phase::Connected;
    m_delay = m_minDelay;
    m_lastError.clear();
    // Even while start() polls: from now on the event loop watches the socket.
    const bool waiting = std::exchange(m_waiting, false);
    waitForSocket(false);
    m_waiting = waiting;
    // Channels listened to (or dropped) while the LISTEN query was on its way.
    for (const QString &ch : m_channels - m_sent)
        if (!execOnOpen(QStringLiteral("listen ") + Connection::quoteIdentifier(ch)) && m_phase != Phase::Connected)
            return; // lost again: the next attempt listens to everything
    for (const QString &ch : m_sent - m_channels)
        if (!execOnOpen(QStringLiteral("unlisten ") + Connection::quoteIdentifier(ch)) && m_phase != Phase::Connected)
            return;
    m_sent.clear();
    const bool again = m_wasConnected;
    m_wasConnected = true;
    if (again)
        Q_EMIT reconnected();
    // Notifications may already sit in libpq's buffer (sent while we were LISTENing).
    QMetaObject::invokeMethod(this, [this] { readSocket(); }, Qt::QueuedConnection);
}

bool Notifier::execOnOpen(const QString &sql)
{
    // One short round trip on a connection that answers: waiting for it is as before. The socket
    // notifier must not fire meanwhile (it would consume the reply).
    PGconn *conn = m_conn.get();
    if (m_socket)
        m_socket->setEnabled(false);
    PQsetnonblocking(conn, 0);
    PGresult *r = PQexec(conn, sql.toUtf8().constData());
    PQsetnonblocking(conn, 1);
    if (m_socket)
        m_socket->setEnabled(true);
    const bool ok = r && PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok)
        m_lastError = oneLine(r ? PQresultErrorMessage(r) : PQerrorMessage(conn));
    PQclear(r);
    if (!ok && PQstatus(conn) != CONNECTION_OK)
        lost(m_lastError);
    return ok;
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
    if (!execOnOpen(QStringLiteral("listen ") + Connection::quoteIdentifier(channel)))
        return false;
    QMetaObject::invokeMethod(this, [this] { readSocket(); }, Qt::QueuedConnection);
    return true;
}

void Notifier::unlisten(const QString &channel)
{
    if (!m_channels.remove(channel) || !isConnected())
        return;
    execOnOpen(QStringLiteral("unlisten ") + Connection::quoteIdentifier(channel));
}

void Notifier::readSocket()
{
    if (m_phase != Phase::Connected || !m_conn)
        return;
    PGconn *conn = m_conn.get();
    if (!PQconsumeInput(conn) || PQstatus(conn) != CONNECTION_OK) {
        lost(oneLine(PQerrorMessage(conn)));
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
        if (m_phase != Phase::Connected || !m_conn)
            return; // a slot stopped us
    }
}

void Notifier::lost(const QString &error)
{
    m_lastError = error.isEmpty() ? QStringLiteral("connection to the server was lost") : error;
    dropSocket();
    m_conn.reset();
    m_phase = Phase::Idle;
    Q_EMIT connectionLost(m_lastError);
    scheduleReconnect();
}

void Notifier::scheduleReconnect()
{
    if (!m_running || m_retry.isActive() || isConnecting())
        return;
    m_retry.start(m_delay);
    m_delay = qMin(m_delay * 2, m_maxDelay);
}

} // namespace refract::pg
