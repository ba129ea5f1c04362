#include "subscriptionserver.h"

#include "wssession.h"

#include <exec/engine.h>
#include <identity/claimsmapping.h>
#include <pg/connectionpool.h>
#include <pg/notifier.h>

#include <QWebSocket>

namespace refract::net {

SubscriptionServer::SubscriptionServer(const exec::Engine &engine, pg::ConnectionPool &pool, exec::PubSub &pubsub,
                                       const SubscriptionServerOptions &options, QObject *parent)
    : QObject(parent),
      m_engine(engine),
      m_pool(pool),
      m_pubsub(pubsub),
      m_options(options),
      m_planner(engine, options.topicPrefix),
      m_events(engine.schema(), engine.meta())
{
    if (auto mapping = identity::ClaimsMapping::preset(options.auth.claimsMapping))
        m_mapping = std::make_unique<identity::ClaimsMapping>(*mapping);
    // Re-reads are shared only within the delivery of one event.
    connect(&m_pubsub, &exec::PubSub::published, this, [this] { m_reselectCache.clear(); });
    if (!options.conninfo.isNull()) {
        m_notifier = std::make_unique<pg::Notifier>(options.conninfo);
        connect(m_notifier.get(), &pg::Notifier::notification, this,
                [this](const QString &channel, const QString &payload, int) { onNotification(channel, payload); });
    }
}

SubscriptionServer::~SubscriptionServer()
{
    // Sessions are children; delete them first so that they unsubscribe while we still exist.
    for (const QPointer<WsSession> &s : std::as_const(m_sessions))
        delete s.data();
}

bool SubscriptionServer::isValid(QString *error) const
{
    if (m_mapping)
        return true;
    if (error)
        *error = QStringLiteral("unknown claims mapping '%1' (postgraphile, appsync or supabase)").arg(m_options.auth.claimsMapping);
    return false;
}

QStringList SubscriptionServer::subprotocols()
{
    return {QStringLiteral("graphql-transport-ws"), QStringLiteral("graphql-ws")};
}

void SubscriptionServer::handleConnection(QWebSocket *socket)
{
    std::unique_ptr<WsProtocol> protocol = WsProtocol::forSubprotocol(socket->subprotocol());
    if (!protocol || !m_mapping) {
        socket->setParent(this);
        connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
        socket->close(QWebSocketProtocol::CloseCode(WsCloseCode::SubprotocolNotAcceptable), QStringLiteral("Subprotocol not acceptable"));
        return;
    }
    m_sessions.removeAll(nullptr);
    m_sessions << new WsSession(*this, socket, std::move(protocol));
}

int SubscriptionServer::connectionCount() const
{
    int n = 0;
    for (const QPointer<WsSession> &s : m_sessions)
        n += s ? 1 : 0;
    return n;
}

int SubscriptionServer::subscriptionCount() const
{
    int n = 0;
    for (const QPointer<WsSession> &s : m_sessions)
        n += s ? s->subscriptionCount() : 0;
    return n;
}

QByteArray SubscriptionServer::executeAndPublish(const exec::Request &request, pg::Connection &connection, bool *requestError)
{
    // Nobody subscribed: run the request as it came (no parse of our own, no rewriting).
    if (m_pubsub.subscriberCount() == 0) {
        const exec::ExecutionResult result = m_engine.execute(request, connection);
        if (requestError)
            *requestError = result.requestError;
        return result.json;
    }
    const exec::MutationEvents::Prepared prepared = m_events.prepare(
        request.query, request.operationName, request.variables,
        [this](const QString &field) { return m_pubsub.hasSubscribers(field); });
    exec::Request run = request;
    run.query = prepared.query;
    exec::ExecutionResult result = m_engine.execute(run, connection);
    if (requestError)
        *requestError = result.requestError;
    if (!prepared.taps.isEmpty() && !request.dryRun) {
        const QList<exec::MutationEvent> events = m_events.finish(prepared, &result.json);
        for (const exec::MutationEvent &e : events)
            m_pubsub.publish(e);
    }
    return result.json;
}

std::optional<QByteArray> SubscriptionServer::reselect(const SubscriptionPlan &plan, const exec::MutationEvent &event,
                                                       const QList<QPair<QString, QString>> &settings)
{
    QByteArray key = plan.cacheKey;
    for (const auto &s : settings)
        key += '\x1f' + s.first.toUtf8() + '\x1e' + s.second.toUtf8();
    auto it = m_reselectCache.constFind(key);
    if (it != m_reselectCache.cend())
        return *it;
    QString poolError;
    pg::ConnectionPool::Lease connection(m_pool, m_options.acquireTimeoutMs, &poolError);
    if (!connection)
        return std::nullopt; // the database is away: the event cannot be re-read safely, so it is not sent
    const std::optional<QByteArray> result = m_planner.mutationResult(plan, event, settings, *connection.get());
    m_reselectCache.insert(key, result);
    return result;
}

void SubscriptionServer::listenTo(const QString &channel)
{
    if (m_channelUsers[channel]++ == 0) {
        m_notifier->listen(channel);
        if (!m_notifier->isConnected())
            m_notifier->start();
    }
}

void SubscriptionServer::unlistenFrom(const QString &channel)
{
    auto it = m_channelUsers.find(channel);
    if (it == m_channelUsers.end())
        return;
    if (--*it <= 0) {
        m_channelUsers.erase(it);
        if (m_notifier)
            m_notifier->unlisten(channel);
    }
}

void SubscriptionServer::onNotification(const QString &channel, const QString &payload)
{
    const QList<QPointer<WsSession>> sessions = m_sessions;
    for (const QPointer<WsSession> &s : sessions)
        if (s)
            s->notify(channel, payload);
}

} // namespace refract::net
