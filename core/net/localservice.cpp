#include "localservice.h"

#include "lambdaevent.h"
#include "subscriptionserver.h"

#include <exec/pubsub.h>
#include <pg/connectionpool.h>

#include <QWebSocketServer>

namespace refract::net {

LocalService::LocalService(const LocalServiceOptions &options)
    : m_options(options)
    , m_engine(std::make_unique<exec::Engine>())
{
}

LocalService::~LocalService() { close(); }

bool LocalService::load(QString *error)
{
    QString e;
    if (m_loaded) {
        if (error)
            *error = QStringLiteral("already loaded");
        return false;
    }
    m_engine->setLimits(m_options.limits);
    if (!m_engine->load(m_options.conninfo, m_options.schemas, m_options.preset, m_options.reflect, &e)) {
        if (error)
            *error = e;
        return false;
    }
    m_pool = std::make_unique<pg::ConnectionPool>(m_options.conninfo, m_options.poolSize);
    if (!m_pool->open(&e)) {
        if (error)
            *error = QStringLiteral("cannot connect: %1").arg(e.simplified());
        m_pool.reset();
        return false;
    }
    m_loaded = true;
    return true;
}

bool LocalService::listen(QString *error)
{
    if (!m_loaded || m_server) {
        if (error)
            *error = m_server ? QStringLiteral("already listening") : QStringLiteral("not loaded");
        return false;
    }
    LocalServerOptions serverOptions = m_options.server;
    // Subscriptions over WebSocket; mutations over HTTP announce themselves to them.
    m_pubsub = std::make_unique<exec::PubSub>();
    SubscriptionServerOptions subscriptionOptions;
    subscriptionOptions.auth = serverOptions.graphql.auth;
    subscriptionOptions.conninfo = m_options.conninfo;
    m_subscriptions = std::make_unique<SubscriptionServer>(*m_engine, *m_pool, *m_pubsub, subscriptionOptions);
    SubscriptionServer *subscriptions = m_subscriptions.get();
    serverOptions.graphql.runMutation = [subscriptions](const exec::Request &r, pg::Connection &c, bool *requestError) {
        return subscriptions->executeAndPublish(r, c, requestError);
    };
    serverOptions.graphql.prepareMutation = [subscriptions](const exec::Request &r, pg::Connection &c) {
        return subscriptions->prepareAnnouncement(r, c);
    };
    serverOptions.graphql.mutationNeedsRunner = [subscriptions] { return subscriptions->hasSubscribers(); };
    m_lambda = std::make_unique<LambdaEvent>(*m_engine, serverOptions.graphql.auth.defaultRole);
    m_lambda->setMutationRunner(serverOptions.graphql.runMutation);
    if (m_options.appSyncEvent) {
        LambdaEvent *lambda = m_lambda.get();
        pg::ConnectionPool *pool = m_pool.get();
        serverOptions.graphql.appSyncEvent = [lambda, pool](const HttpRequest &r) { return lambda->handleHttp(r, *pool); };
    }
    m_server = std::make_unique<LocalServer>(*m_engine, *m_pool, serverOptions);
    m_server->webSocketServer()->setSupportedSubprotocols(SubscriptionServer::subprotocols());
    m_server->setWebSocketHandler([subscriptions](QWebSocket *ws) { subscriptions->handleConnection(ws); });
    if (!m_server->listen(error)) {
        m_server.reset();
        m_lambda.reset();
        m_subscriptions.reset();
        m_pubsub.reset();
        return false;
    }
    return true;
}

void LocalService::close()
{
    if (m_server)
        m_server->close();
    m_server.reset();
    m_lambda.reset();
    m_subscriptions.reset();
    m_pubsub.reset();
}

bool LocalService::isListening() const { return m_server && m_server->isListening(); }

QUrl LocalService::url() const { return m_server ? m_server->url() : QUrl(); }

} // namespace refract::net
