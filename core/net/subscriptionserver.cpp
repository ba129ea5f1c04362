#include "subscriptionserver.h"

#include "wssession.h"

#include <exec/engine.h>
#include <identity/claimsmapping.h>
#include <pg/connectionpool.h>
#include <pg/notifier.h>

#include <QThread>
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
    for (int i = 0; i < qMax(1, options.readerThreads); ++i) {
        auto lane = std::make_unique<Lane>();
        lane->thread = new QThread;
        lane->thread->setObjectName(QStringLiteral("refract-ws-read-%1").arg(i));
        lane->context = new QObject;
        lane->context->moveToThread(lane->thread);
        lane->thread->start();
        m_lanes.push_back(std::move(lane));
    }
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
    // A read in progress finishes (bounded by statement_timeout); queued ones are dropped with
    // their context. Answers they posted back are dropped with this object.
    for (const auto &lane : m_lanes) {
        lane->thread->quit();
        lane->thread->wait();
        delete lane->context;
        delete lane->thread;
    }
}

int SubscriptionServer::nextLane()
{
    const int lane = m_nextLane;
    m_nextLane = (m_nextLane + 1) % int(m_lanes.size());
    return lane;
}

void SubscriptionServer::post(int lane, std::function<void()> job)
{
    QMetaObject::invokeMethod(m_lanes[size_t(lane)]->context, std::move(job), Qt::QueuedConnection);
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

bool SubscriptionServer::hasSubscribers() const { return m_pubsub.subscriberCount() > 0; }

QByteArray SubscriptionServer::executeAndPublish(const exec::Request &request, pg::Connection &connection, bool *requestError)
{
    MutationAnnouncement announcement = prepareAnnouncement(request, connection);
    exec::ExecutionResult result = m_engine.execute(announcement.request, connection);
    if (requestError)
        *requestError = result.requestError;
    if (announcement.announce)
        announcement.announce(&result.json);
    return result.json;
}

MutationAnnouncement SubscriptionServer::prepareAnnouncement(const exec::Request &request, pg::Connection &connection)
{
    MutationAnnouncement announcement;
    announcement.request = request;
    // Nobody subscribed, or a dry run (nothing happens, so nothing to announce): the request runs as
    // it came, with no parse of our own and no rewriting.
    if (m_pubsub.subscriberCount() == 0 || request.dryRun)
        return announcement;
    struct State
    {
        exec::MutationEvents::Prepared prepared;
        QList<QPair<QJsonObject, QHash<quint64, QByteArray>>> before; // per delete tap: keys, snapshots
    };
    auto state = std::make_shared<State>();
    state->prepared = m_events.prepare(request.query, request.operationName, request.variables,
                                       [this](const QString &field) { return m_pubsub.hasSubscribers(field); });
    if (state->prepared.taps.isEmpty())
        return announcement;
    // Deletes: after them the row cannot be read, so each subscriber reads it as itself now, while
    // it exists (RLS decides as for any event: a subscriber that cannot see the row gets nothing).
    // The reads are sent only if the delete then happens. A change to the row between these reads
    // and the delete is not reflected in what subscribers get.
    for (const exec::MutationEvents::Tap &tap : state->prepared.taps) {
        if (!tap.deletes)
            continue;
        exec::MutationEvent e;
        e.mutationField = tap.mutationField;
        e.classOid = tap.classOid;
        e.arguments = tap.arguments;
        e.keys = m_events.keysBefore(tap);
        state->before << qMakePair(e.keys, e.keys.isEmpty() ? QHash<quint64, QByteArray>() : m_pubsub.snapshot(e, connection));
    }
    announcement.request.query = state->prepared.query;
    announcement.announce = [this, state](QByteArray *json) {
        QList<exec::MutationEvent> events = m_events.finish(state->prepared, json);
        for (exec::MutationEvent &e : events) {
            for (const exec::MutationEvents::Tap &tap : state->prepared.taps)
                if (tap.mutationField == e.mutationField && tap.deletes)
                    e.deleted = true;
            if (e.deleted) {
                for (const auto &b : std::as_const(state->before))
                    if (b.first == e.keys)
                        e.snapshots = b.second;
            }
            m_pubsub.publish(e);
        }
    };
    return announcement;
}

std::optional<QByteArray> SubscriptionServer::snapshot(const SubscriptionPlan &plan, const exec::MutationEvent &event,
                                                       const QList<QPair<QString, QString>> &settings, pg::Connection &connection,
                                                       exec::PubSub::SnapshotCache *shared) const
{
    QByteArray key = plan.cacheKey;
    for (const auto &s : settings)
        key += '\x1f' + s.first.toUtf8() + '\x1e' + s.second.toUtf8();
    auto it = shared->constFind(key);
    if (it != shared->cend())
        return *it;
    const std::optional<QByteArray> result = m_planner.mutationResult(plan, event, settings, connection);
    shared->insert(key, result);
    return result;
}

std::optional<QByteArray> SubscriptionServer::reselect(int laneIndex, const SubscriptionPlan &plan, const exec::MutationEvent &event,
                                                       const QList<QPair<QString, QString>> &settings)
{
    // Re-reads are shared only within the delivery of one event (the jobs of one event are queued
    // together, so a new sequence number means the previous event is done on this lane).
    Lane &lane = *m_lanes[size_t(laneIndex)];
    if (lane.cachedEvent != event.sequence) {
        lane.cache.clear();
        lane.cachedEvent = event.sequence;
    }
    QByteArray key = plan.cacheKey;
    for (const auto &s : settings)
        key += '\x1f' + s.first.toUtf8() + '\x1e' + s.second.toUtf8();
    auto it = lane.cache.constFind(key);
    if (it != lane.cache.cend())
        return *it;
    QString poolError;
    pg::ConnectionPool::Lease connection(m_pool, m_options.acquireTimeoutMs, &poolError);
    if (!connection)
        return std::nullopt; // the database is away: the event cannot be re-read safely, so it is not sent
    const std::optional<QByteArray> result = m_planner.mutationResult(plan, event, settings, *connection.get());
    lane.cache.insert(key, result);
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
