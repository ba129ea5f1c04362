#pragma once

#include "httpjob.h"
#include "httpmessage.h"
#include "mutationannouncement.h"

#include <exec/engine.h>

#include <QByteArray>
#include <QHash>
#include <QPair>
#include <QReadWriteLock>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace refract::pg {
class Connection;
class ConnectionPool;
}
namespace refract::identity {
class ClaimsMapping;
enum class JwtAlgorithm;
}

namespace refract::net {

/// How requests prove who they are. Without a key, `Authorization` is ignored (PostGraphile reads
/// tokens only when it has a secret) and every request runs as the default role.
struct JwtAuthOptions
{
    QByteArray key;                 ///< HMAC secret or PEM public key; empty: no JWT
    QList<identity::JwtAlgorithm> algorithms; ///< empty: those that fit the key
    QString audience;               ///< required `aud`; empty: not checked
    QString defaultRole;            ///< the role of requests without a token (and tokens without a role claim)
    QString claimsMapping = QStringLiteral("postgraphile"); ///< postgraphile | appsync | supabase
};

struct GraphQLHttpOptions
{
    QByteArray path = "/graphql";
    /// Origins allowed to call from a browser (`*`: any); empty: no CORS headers at all.
    QStringList corsOrigins;
    int requestTimeoutMs = 30000;   ///< statement_timeout of each request's transaction; 0: the server's
    int acquireTimeoutMs = 5000;    ///< waiting for a pooled connection; then 503
    JwtAuthOptions auth;
    /// Runs mutations instead of Engine::execute when set, so that the subscription server can
    /// announce them (SubscriptionServer::executeAndPublish). Called on worker threads.
    std::function<QByteArray(const exec::Request &, pg::Connection &, bool *requestError)> runMutation;
    /// The same in a form that does not block an event-driven worker (start()): it returns the
    /// request to run and what to announce once it has run (SubscriptionServer::prepareAnnouncement),
    /// and the job runs it on the engine like any request. start() prefers it to runMutation.
    std::function<MutationAnnouncement(const exec::Request &, pg::Connection &)> prepareMutation;
    /// When set and false, a mutation runs on the engine as any request (nobody to announce it
    /// to), skipping runMutation / prepareMutation.
    std::function<bool()> mutationNeedsRunner;
    /// Serves `POST /appsync-event` (the AppSync Direct Lambda contract, LambdaEvent::handleHttp)
    /// when set. The event carries the caller's identity, so only enable it where that is trusted.
    std::function<HttpResponse(const HttpRequest &)> appSyncEvent;
};

/// GraphQL over HTTP (the GraphQL-over-HTTP specification, as graphql-http audits it) on top of the
/// engine: POST `application/json` and GET for queries, Accept negotiation
/// (`application/graphql-response+json`: request errors answer 4xx; `application/json`: 200, the
/// legacy behaviour), 405 for mutations over GET, CORS, JWT → claims → settings, `/health`.
/// handle() is const and thread-safe: the server's worker threads call it concurrently.
class GraphQLHttpHandler
{
public:
    GraphQLHttpHandler(const exec::Engine &engine, pg::ConnectionPool &pool, const GraphQLHttpOptions &options);
    ~GraphQLHttpHandler();

    /// false (with `error`) when the claims mapping name is unknown.
    bool isValid(QString *error = nullptr) const;

    HttpResponse handle(const HttpRequest &request) const;
    /// The same for an event-driven worker: the response when it is ready at once (no database,
    /// an error), else a job that waits for a pooled connection and PostgreSQL without blocking
    /// (HttpJob). Mutations to announce go through prepareMutation when it is set and then do not
    /// block either; through runMutation alone they block the worker while they run.
    HttpOutcome start(const HttpRequest &request) const;

private:
    friend class GraphQLHttpJob;
    /// A GraphQL request that passed every check and is ready to run.
    struct Admitted
    {
        exec::Request request;
        std::shared_ptr<const exec::PreparedDocument> prepared;
        QByteArray contentType;
        bool graphqlResponse = false; ///< answering application/graphql-response+json
        bool viaMutationRunner = false;
    };
    /// Parses, authenticates and prepares: a response when the request ends here, else nullopt.
    std::optional<HttpResponse> admit(const HttpRequest &request, Admitted *admitted) const;
    HttpResponse respond(const Admitted &admitted, const QByteArray &json, bool requestError, const pg::Connection &connection) const;
    HttpResponse unavailable(const Admitted &admitted, const QString &why) const;
    HttpResponse handleGraphQL(const HttpRequest &request) const;
    HttpResponse health(const HttpRequest &request) const;
    void addCors(const HttpRequest &request, HttpResponse *response) const;
    void addCors(const QByteArray &origin, HttpResponse *response) const;

    /// The settings of a verified token, kept while it stays valid: verifying (HMAC or signature,
    /// base64, two JSON documents) was a fifth of a root finder's server CPU. Keyed by the whole
    /// token, so a changed byte is a miss and is verified afresh.
    struct CachedToken
    {
        QList<QPair<QString, QString>> settings;
        double exp = 0; ///< 0: none
        double nbf = 0; ///< 0: none
    };
    static constexpr int kTokenCacheSize = 1024;

    const exec::Engine &m_engine;
    pg::ConnectionPool &m_pool;
    GraphQLHttpOptions m_options;
    std::unique_ptr<identity::ClaimsMapping> m_mapping;
    mutable QReadWriteLock m_tokenLock;
    mutable QHash<QByteArray, CachedToken> m_tokens;
};

} // namespace refract::net
