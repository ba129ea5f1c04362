#pragma once

#include <graphql/schema.h>

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace refract::net {

/// What one GraphQL-over-HTTP request came back with. The raw body is kept whatever happened:
/// a 4xx/5xx answer with a GraphQL body is still a valid GraphQL response.
struct GraphQLResponse
{
    enum class Failure {
        None,        ///< 2xx with a JSON body
        Http,        ///< a non-2xx status (the body may still be a GraphQL response)
        NotJson,     ///< the body is not JSON
        Unreachable, ///< refused, unknown host, no route
        Tls,         ///< certificate or handshake errors
        Closed,      ///< the server closed the connection before the response was complete
        Timeout,
        Aborted,
        Network,     ///< anything else the transport reports
    };
    Failure failure = Failure::None;
    QString error;        ///< one line for the user; empty when failure is None
    int status = 0;       ///< HTTP status; 0 when no response arrived
    QByteArray contentType;
    QByteArray body;
    qint64 elapsedMs = 0; ///< request sent → last byte (or failure)

    bool ok() const { return failure == Failure::None; }
    /// The body is a JSON object with `data` or `errors`: show it as a GraphQL response.
    bool hasGraphQLBody() const;
};

/// What introspect() produced: the response and, when it held a usable introspection result,
/// the schema built from it.
struct IntrospectionOutcome
{
    GraphQLResponse response;
    std::shared_ptr<const graphql::Schema> schema;
    QString error; ///< why there is no schema (transport, GraphQL errors, or an unreadable result)
};

/// GraphQL over HTTP to a deployed API (POST `application/json`, Accept
/// `application/graphql-response+json, application/json`), with custom headers, a timeout and
/// abort. Signal-driven on the thread that owns it: every request calls its callback exactly once
/// (unless the `context` object is gone), aborted and timed-out requests included.
class GraphQLClient : public QObject
{
    Q_OBJECT
public:
    using Headers = QList<QPair<QString, QString>>;
    using Callback = std::function<void(const GraphQLResponse &)>;
    using IntrospectionCallback = std::function<void(const IntrospectionOutcome &)>;

    explicit GraphQLClient(QObject *parent = nullptr);
    ~GraphQLClient() override;

    void setUrl(const QUrl &url) { m_url = url; }
    QUrl url() const { return m_url; }
    /// Sent with every request; per-request headers with the same name (case-insensitive) win.
    void setHeaders(const Headers &headers) { m_headers = headers; }
    Headers headers() const { return m_headers; }
    /// Whole-request deadline in milliseconds (0: none). Default 30 s.
    void setTimeout(int ms) { m_timeoutMs = ms; }
    int timeout() const { return m_timeoutMs; }

    /// Sends one operation; returns an id for abort().
    quint64 post(const QString &query, const QString &operationName, const QJsonObject &variables,
                 const Headers &extraHeaders, QObject *context, Callback done);
    /// Sends graphql-js's getIntrospectionQuery() and builds the schema from the answer on a pool
    /// thread (a large schema takes a moment to build).
    quint64 introspect(QObject *context, IntrospectionCallback done);
    /// Ends a request at once; its callback reports Failure::Aborted. Unknown ids are ignored.
    void abort(quint64 id);
    void abortAll();
    bool isBusy() const { return !m_pending.isEmpty(); }

    /// The text of graphql-js 16's getIntrospectionQuery() with its default options.
    static QString introspectionQuery();
    /// A schema from an introspection response body (`{"data":{"__schema":…}}`); synchronous.
    static std::shared_ptr<const graphql::Schema> schemaFromIntrospection(const QByteArray &body, QString *error);

private:
    struct Pending;
    void finish(quint64 id, GraphQLResponse response);
    void onReplyFinished(quint64 id);

    QNetworkAccessManager *m_nam = nullptr;
    QUrl m_url;
    Headers m_headers;
    int m_timeoutMs = 30000;
    quint64 m_nextId = 0;
    QHash<quint64, std::shared_ptr<Pending>> m_pending;
};

} // namespace refract::net

Q_DECLARE_METATYPE(refract::net::GraphQLResponse)
