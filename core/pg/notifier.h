#pragma once

#include "connection.h"

#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>

#include <memory>

class QSocketNotifier;

namespace refract::pg {

/// PostgreSQL LISTEN/NOTIFY on a dedicated connection, driven by the event loop: a socket notifier
/// wakes it when the server sends something, so nothing polls. When the connection breaks
/// (PostgreSQL restarted), it reconnects with backoff and LISTENs to every channel again; the
/// notifications sent while it was away are lost, as PostgreSQL does not queue them for a session
/// that no longer exists.
///
/// Reconnecting never blocks the thread the notifier lives on (a server's socket thread): the
/// connection is opened with PQconnectStart/PQconnectPoll and the LISTENs sent with PQsendQuery,
/// each step run when the socket is ready, and an attempt the server does not answer is given up
/// after connectTimeout().
class Notifier : public QObject
{
    Q_OBJECT

public:
    explicit Notifier(const QString &conninfo, QObject *parent = nullptr);
    ~Notifier() override;

    /// Connects now, waiting at most connectTimeout(); false (see lastError()) when the server
    /// cannot be reached, in which case it keeps retrying in the background. While a background
    /// attempt is under way it returns false at once instead of waiting for it.
    bool start();
    void stop();
    bool isConnected() const;
    /// A background (re)connect is under way.
    bool isConnecting() const { return m_phase == Phase::Connecting || m_phase == Phase::Listening; }
    QString lastError() const { return m_lastError; }

    /// Starts listening to `channel` (any text; quoted as an identifier). Idempotent.
    bool listen(const QString &channel);
    void unlisten(const QString &channel);
    QSet<QString> channels() const { return m_channels; }

    /// Retry delays after a broken connection: from `minMs`, doubling up to `maxMs`.
    void setReconnectDelays(int minMs, int maxMs);
    /// How long one connection attempt (connect, authenticate, LISTEN) may take; 5 s by default.
    void setConnectTimeout(int ms) { m_connectTimeout = qMax(1, ms); }
    int connectTimeout() const { return m_connectTimeout; }

signals:
    void notification(const QString &channel, const QString &payload, int backendPid);
    void connectionLost(const QString &error);
    /// After a reconnect, once every channel is listened to again.
    void reconnected();

private:
    enum class Phase { Idle, Connecting, Listening, Connected };
    struct ConnDeleter
    {
        void operator()(pg_conn *conn) const;
    };

    void readSocket();
    /// Starts an attempt (PQconnectStart); false with lastError() when it fails at once.
    bool beginConnect();
    /// Advances the attempt as far as the socket allows: PQconnectPoll, then the LISTEN replies.
    void step();
    /// Waits for the socket to be readable (or writable): by the event loop, or by poll() while
    /// start() waits.
    void waitForSocket(bool write);
    void attemptFailed(const QString &error);
    void becomeConnected();
    /// Runs LISTEN/UNLISTEN on the open connection and waits for its reply (one round trip).
    bool execOnOpen(const QString &sql);
    void dropSocket();
    void lost(const QString &error);
    void scheduleReconnect();

    QString m_conninfo;
    std::unique_ptr<pg_conn, ConnDeleter> m_conn;
    std::unique_ptr<QSocketNotifier> m_socket;
    QSet<QString> m_channels;
    QSet<QString> m_sent; ///< the channels the attempt's LISTEN query names
    QTimer m_retry;
    QTimer m_attemptTimer; ///< gives up an attempt the server does not answer
    QString m_lastError;
    QString m_attemptError; ///< the first failed LISTEN of an attempt
    Phase m_phase = Phase::Idle;
    int m_minDelay = 200;
    int m_maxDelay = 5000;
    int m_delay = 200;
    int m_connectTimeout = 5000;
    bool m_running = false;
    bool m_wasConnected = false;
    bool m_waiting = false;   ///< start() is waiting: the socket is polled, not watched
    bool m_wantWrite = false; ///< what the attempt waits for next
};

} // namespace refract::pg
