#pragma once

#include "subscriptionplanner.h"
#include "wsprotocol.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

class QWebSocket;

namespace refract::net {

class SubscriptionServer;

/// One WebSocket client of the SubscriptionServer: the protocol state machine (init, ack,
/// subscribe, complete), its identity and its running subscriptions.
class WsSession : public QObject
{
    Q_OBJECT

public:
    WsSession(SubscriptionServer &server, QWebSocket *socket, std::unique_ptr<WsProtocol> protocol);
    ~WsSession() override;

    int subscriptionCount() const { return int(m_subscriptions.size()); }
    /// Delivers a NOTIFY to the subscriptions on `channel`.
    void notify(const QString &channel, const QString &payload);

private:
    struct Subscription
    {
        SubscriptionPlan plan;
        quint64 pubsubId = 0;
        quint64 serial = 0; ///< tells a late answer for a completed subscription from one reusing its id
    };

    void onText(const QString &text);
    void onInit(const WsClientMessage &m);
    void onSubscribe(const WsClientMessage &m);
    void stop(const QString &id);
    void send(const QByteArray &frame);
    void closeWith(int code, const QString &reason);
    void onDisconnected();
    void deliverMutation(const QString &id, const exec::MutationEvent &event);
    /// Sends `payload` as `next` of subscription `id` if it is still the one numbered `serial`.
    void sendNext(const QString &id, quint64 serial, const QByteArray &payload);
    /// Runs `read` on this connection's reader thread, then `answer` with its result here.
    void offThread(std::function<QByteArray()> read, std::function<void(WsSession *, const QByteArray &)> answer);

    SubscriptionServer &m_server;
    QWebSocket *m_socket;
    std::unique_ptr<WsProtocol> m_protocol;
    QTimer m_initTimer;
    QTimer m_keepAlive;
    bool m_initReceived = false;
    bool m_acknowledged = false;
    bool m_closing = false;
    QList<QPair<QString, QString>> m_settings;
    QHash<QString, Subscription> m_subscriptions;
    int m_lane = 0;
    quint64 m_nextSerial = 1;
};

} // namespace refract::net
