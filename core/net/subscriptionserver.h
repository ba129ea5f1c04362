#pragma once

#include "graphqlhttphandler.h"
#include "subscriptionplanner.h"

#include <exec/engine.h>
#include <exec/mutationevents.h>
#include <exec/pubsub.h>

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <memory>

class QWebSocket;

namespace refract::identity {
class ClaimsMapping;
}
namespace refract::pg {
class ConnectionPool;
class Notifier;
}

namespace refract::net {

class WsSession;

struct SubscriptionServerOptions
{
    /// graphql-ws's `connectionInitWaitTimeout`: a socket without `connection_init` by then is
    /// closed with 4408.
    int connectionInitTimeoutMs = 3000;
    /// Legacy protocol: `ka` every so often (subscriptions-transport-ws's keepAlive).
    int keepAliveMs = 12000;
    int maxSubscriptionsPerConnection = 100;
    qint64 maxMessageBytes = 1024 * 1024;
    int acquireTimeoutMs = 5000;
    /// Same meaning as over HTTP: key, algorithms, audience, default role, claims mapping.
    JwtAuthOptions auth;
    /// pg-pubsub's channel prefix for `listen(topic:)`.
    QString topicPrefix = QStringLiteral("postgraphile:");
    /// The database for LISTEN (a dedicated connection); empty: no `listen` events.
    QString conninfo;
};

/// GraphQL over WebSocket for the local server: `graphql-transport-ws` (graphql-ws) and the legacy
/// `graphql-ws` (subscriptions-transport-ws). Identity comes from `connection_init`'s
/// `Authorization: Bearer <jwt>`, verified and mapped like HTTP requests. Subscriptions:
/// - AppSync's `on<Mutation>(filter:)`: after a mutation made through this server commits, each
///   subscriber re-reads the changed row by its key under its own identity (so RLS decides) and
///   gets it when the filter matches;
/// - `listen(topic:)` (pg-pubsub): NOTIFY on `postgraphile:<topic>`, with `relatedNode` and
///   `query` read as the subscriber.
/// Queries and mutations sent over the socket run too (and mutations publish events). Lives on
/// one thread (the LocalServer's); install with LocalServer::setWebSocketHandler.
class SubscriptionServer : public QObject
{
    Q_OBJECT

public:
    SubscriptionServer(const exec::Engine &engine, pg::ConnectionPool &pool, exec::PubSub &pubsub,
                       const SubscriptionServerOptions &options, QObject *parent = nullptr);
    ~SubscriptionServer() override;

    /// false (with `error`) for an unknown claims mapping.
    bool isValid(QString *error = nullptr) const;
    /// The subprotocols to announce (QWebSocketServer::setSupportedSubprotocols).
    static QStringList subprotocols();

    /// Takes ownership of an upgraded socket.
    void handleConnection(QWebSocket *socket);

    int connectionCount() const;
    int subscriptionCount() const;
    const SubscriptionPlanner &planner() const { return m_planner; }
    const exec::MutationEvents &mutationEvents() const { return m_events; }
    exec::PubSub &pubsub() { return m_pubsub; }
    pg::Notifier *notifier() const { return m_notifier.get(); }

    /// Runs a query or mutation for a transport and publishes the events of its mutations
    /// (the HTTP handler may use this so that mutations over HTTP notify subscribers too).
    QByteArray executeAndPublish(const exec::Request &request, pg::Connection &connection, bool *requestError = nullptr);

signals:
    void connectionClosed();

private:
    friend class WsSession;
    void listenTo(const QString &channel);
    void unlistenFrom(const QString &channel);
    void onNotification(const QString &channel, const QString &payload);
    /// One event re-read for a subscriber; subscribers with the same subscription and the same
    /// identity share one read per event (many anonymous viewers cost one query).
    std::optional<QByteArray> reselect(const SubscriptionPlan &plan, const exec::MutationEvent &event,
                                       const QList<QPair<QString, QString>> &settings);

    const exec::Engine &m_engine;
    pg::ConnectionPool &m_pool;
    exec::PubSub &m_pubsub;
    SubscriptionServerOptions m_options;
    SubscriptionPlanner m_planner;
    exec::MutationEvents m_events;
    std::unique_ptr<identity::ClaimsMapping> m_mapping;
    std::unique_ptr<pg::Notifier> m_notifier;
    QHash<QString, int> m_channelUsers;
    QHash<QByteArray, std::optional<QByteArray>> m_reselectCache; ///< valid while one event is delivered
    QList<QPointer<WsSession>> m_sessions;
};

} // namespace refract::net
