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
class Notifier : public QObject
{
    Q_OBJECT

public:
    explicit Notifier(const QString &conninfo, QObject *parent = nullptr);
    ~Notifier() override;

    /// Connects now; false (see lastError()) when the server cannot be reached, in which case it
    /// keeps retrying in the background.
    bool start();
    void stop();
    bool isConnected() const;
    QString lastError() const { return m_lastError; }

    /// Starts listening to `channel` (any text; quoted as an identifier). Idempotent.
    bool listen(const QString &channel);
    void unlisten(const QString &channel);
    QSet<QString> channels() const { return m_channels; }

    /// Retry delays after a broken connection: from `minMs`, doubling up to `maxMs`.
    void setReconnectDelays(int minMs, int maxMs);

signals:
    void notification(const QString &channel, const QString &payload, int backendPid);
    void connectionLost(const QString &error);
    /// After a reconnect, once every channel is listened to again.
    void reconnected();

private:
    void readSocket();
    bool connectNow();
    void lost(const QString &error);
    void scheduleReconnect();

    QString m_conninfo;
    std::unique_ptr<Connection> m_connection;
    std::unique_ptr<QSocketNotifier> m_socket;
    QSet<QString> m_channels;
    QTimer m_retry;
    QString m_lastError;
    int m_minDelay = 200;
    int m_maxDelay = 5000;
    int m_delay = 200;
    bool m_running = false;
    bool m_wasConnected = false;
};

} // namespace refract::pg
