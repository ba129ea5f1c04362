#pragma once

#include "httpmessage.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <functional>

namespace refract::exec {
class Engine;
struct Request;
}
namespace refract::pg {
class Connection;
class ConnectionPool;
}

namespace refract::net {

/// The AWS AppSync Direct Lambda resolver contract, run by the engine: the event AppSync sends
/// (`arguments`, `identity`, `source`, `request`, `info` with `fieldName`, `parentTypeName`,
/// `selectionSetGraphQL`, `selectionSetList`, `variables`; `stash.pgSettings`) becomes one
/// operation over the root field, run as the caller with the AppSync claims mapping.
///
/// Beyond the AWS sample: named fragments work (AppSync sends `...Name` without its definition;
/// the definition is rebuilt from `selectionSetList`, where AppSync lists the fragment's fields),
/// variables used inside the selection set are declared from `info.variables`, and every error is
/// kept (the sample keeps only the first message).
class LambdaEvent
{
public:
    /// `defaultRole`: the role every event runs as (the sample sets none, so its login role's
    /// grants apply; a role keeps RLS policies `to <role>` meaningful).
    LambdaEvent(const exec::Engine &engine, const QString &defaultRole = QString());

    struct Result
    {
        bool ok = false;
        /// ok: the root field's value as JSON text (what the Lambda returns to AppSync).
        /// !ok: `{"errorType":…,"errorMessage":…,"errors":[…],"data":…}`, the shape of a Lambda
        /// error with every GraphQL error and any partial data kept.
        QByteArray json;
        bool badEvent = false; ///< the event itself is malformed (not a GraphQL error)
    };

    /// Runs mutations through `runner` (SubscriptionServer::executeAndPublish), so that mutations
    /// arriving as Lambda events notify `on<Mutation>` subscribers as AppSync would.
    void setMutationRunner(std::function<QByteArray(const exec::Request &, pg::Connection &, bool *requestError)> runner)
    {
        m_runMutation = std::move(runner);
    }

    Result handle(const QJsonObject &event, pg::Connection &connection) const;
    Result handle(const QByteArray &eventJson, pg::Connection &connection) const;

    /// `POST /appsync-event`: the event as the body; answers as AWS Lambda's Invoke API does: 200
    /// with the value, or with the error object and `X-Amz-Function-Error: Unhandled` (400 for a
    /// malformed event, 405/415 for the wrong method or content type, 503 without a connection).
    HttpResponse handleHttp(const HttpRequest &request, pg::ConnectionPool &pool, int acquireTimeoutMs = 5000) const;

    /// The operation text the event becomes (for tests and logs), with its variables; empty text
    /// with `error` set when the event is malformed.
    QString operationText(const QJsonObject &event, QJsonObject *variables, QString *error) const;

private:
    const exec::Engine &m_engine;
    QString m_defaultRole;
    std::function<QByteArray(const exec::Request &, pg::Connection &, bool *)> m_runMutation;
};

} // namespace refract::net
