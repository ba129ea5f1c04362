#pragma once

#include "localserver.h"

#include <exec/engine.h>
#include <reflect/reflectoptions.h>

#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace refract::exec {
class PubSub;
}
namespace refract::pg {
class ConnectionPool;
}

namespace refract::net {

class LambdaEvent;
class SubscriptionServer;

struct LocalServiceOptions
{
    QString conninfo;
    QStringList schemas;
    reflect::Preset preset = reflect::Preset::PostGraphile;
    reflect::ReflectOptions reflect = reflect::ReflectOptions::defaultsFor(reflect::Preset::PostGraphile);
    exec::EngineLimits limits;
    int poolSize = 8;
    /// host, port, threads, HTTP limits, GraphQL options (auth, CORS, timeouts).
    LocalServerOptions server;
    /// POST /appsync-event (trusts the identity inside the event).
    bool appSyncEvent = false;
};

/// Everything `refract-cli serve` and the workbench's "Run locally" start, wired one way: the engine
/// (reflected once), the connection pool, GraphQL over HTTP, subscriptions over WebSocket with
/// mutations made over HTTP announced to them, and the optional AppSync event endpoint.
///
/// Two steps so that a GUI can keep its UI thread free: load() blocks on the database and touches
/// no QObject (run it on any thread, once); listen() creates the servers on the calling thread
/// (whose event loop then owns the WebSocket side) and returns at once.
class LocalService
{
public:
    explicit LocalService(const LocalServiceOptions &options);
    ~LocalService();
    LocalService(const LocalService &) = delete;
    LocalService &operator=(const LocalService &) = delete;

    /// Reflects and opens the pool; false with a one-line `error`.
    bool load(QString *error = nullptr);
    /// After a successful load(): starts serving; false with `error` (address taken, bad options).
    bool listen(QString *error = nullptr);
    /// Stops listening and joins the workers (also done by the destructor).
    void close();

    bool isListening() const;
    QUrl url() const;
    const LocalServiceOptions &options() const { return m_options; }
    const exec::Engine &engine() const { return *m_engine; }

private:
    LocalServiceOptions m_options;
    bool m_loaded = false;
    // Declared in dependency order: destroyed servers first, the engine last.
    std::unique_ptr<exec::Engine> m_engine;
    std::unique_ptr<pg::ConnectionPool> m_pool;
    std::unique_ptr<exec::PubSub> m_pubsub;
    std::unique_ptr<SubscriptionServer> m_subscriptions;
    std::unique_ptr<LambdaEvent> m_lambda;
    std::unique_ptr<LocalServer> m_server;
};

} // namespace refract::net
