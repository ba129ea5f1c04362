#pragma once

#include "graphqlhttphandler.h"
#include "mutationannouncement.h"
#include "subscriptionplanner.h"

#include <exec/engine.h>
#include <exec/mutationevents.h>
#include <exec/pubsub.h>

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

class QThread;
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
    /// Threads that run the database work of WebSocket clients (re-reads of events, `listen`
    /// payloads, queries and mutations sent over a socket), so a slow read never stalls the socket
    /// thread. Each connection keeps to one of them: its events arrive in order.
    int readerThreads = 2;
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
/// one thread (the LocalServer's), which only moves frames: every database read runs on one of
/// `readerThreads` reader threads (a connection's work always on the same one, in order) and its
/// answer is sent back from the socket thread. Install with LocalServer::setWebSocketHandler.
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
    /// The same in two steps for a caller that runs the request itself without blocking (see
    /// MutationAnnouncement). The only database work done here is for deletes that someone
    /// listens to: their rows are read now, while they exist, on `connection`.
    MutationAnnouncement prepareAnnouncement(const exec::Request &request, pg::Connection &connection);
    /// Whether any subscription is open now (else a mutation has nobody to announce itself to).
    bool hasSubscribers() const;

signals:
    void connectionClosed();

private:
    friend class WsSession;
    void listenTo(const QString &channel);
    void unlistenFrom(const QString &channel);
    void onNotification(const QString &channel, const QString &payload);
    /// The reader lane for a new connection (round robin).
    int nextLane();
    /// Runs `job` on lane `lane`'s reader thread, after the jobs posted to it before.
    void post(int lane, std::function<void()> job);
    /// One event re-read for a subscriber, on lane `lane`'s thread; subscribers with the same
    /// subscription and identity share one read per event (many anonymous viewers cost one query).
    std::optional<QByteArray> reselect(int lane, const SubscriptionPlan &plan, const exec::MutationEvent &event,
                                       const QList<QPair<QString, QString>> &settings);

    /// A subscriber's view of a row about to be deleted, read on the mutator's `connection`
    /// (PubSub::Snapshot).
    std::optional<QByteArray> snapshot(const SubscriptionPlan &plan, const exec::MutationEvent &event,
                                       const QList<QPair<QString, QString>> &settings, pg::Connection &connection,
                                       exec::PubSub::SnapshotCache *shared) const;

    struct Lane
    {
        QThread *thread = nullptr;
        QObject *context = nullptr; ///< lives on `thread`; jobs are queued to it
        // Used on the lane's thread only: the re-reads of the event being delivered.
        quint64 cachedEvent = 0;
        QHash<QByteArray, std::optional<QByteArray>> cache;
    };

    const exec::Engine &m_engine;
    pg::ConnectionPool &m_pool;
    exec::PubSub &m_pubsub;
    SubscriptionServerOptions m_options;
    SubscriptionPlanner m_planner;
    exec::MutationEvents m_events;
    std::unique_ptr<identity::ClaimsMapping> m_mapping;
    std::unique_ptr<pg::Notifier> m_notifier;
    QHash<QString, int> m_channelUsers;
    std::vector<std::unique_ptr<Lane>> m_lanes;
    int m_nextLane = 0;
    QList<QPointer<WsSession>> m_sessions;
};

} // namespace refract::net
