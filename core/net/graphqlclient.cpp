#include "graphqlclient.h"

#include <graphql/introspection.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSslError>
#include <QThreadPool>
#include <QTimer>

namespace refract::net {

namespace {

// graphql-js 16 getIntrospectionQuery() with its default options (descriptions on; no
// specifiedByURL, isRepeatable, schema description or input value deprecation, which older
// servers reject). Deployed APIs are written against this exact text, so send it as is.
const char IntrospectionQueryText[] = R"(
    query IntrospectionQuery {
      __schema {
        queryType { name }
        mutationType { name }
        subscriptionType { name }
        types {
          ...FullType
        }
        directives {
          name
          description
          locations
          args {
            ...InputValue
          }
        }
      }
    }

    fragment FullType on __Type {
      kind
      name
      description
      fields(includeDeprecated: true) {
        name
        description
        args {
          ...InputValue
        }
        type {
          ...TypeRef
        }
        isDeprecated
        deprecationReason
      }
      inputFields {
        ...InputValue
      }
      interfaces {
        ...TypeRef
      }
      enumValues(includeDeprecated: true) {
        name
        description
        isDeprecated
        deprecationReason
      }
      possibleTypes {
        ...TypeRef
      }
    }

    fragment InputValue on __InputValue {
      name
      description
      type { ...TypeRef }
      defaultValue
    }

    fragment TypeRef on __Type {
      kind
      name
      ofType {
        kind
        name
        ofType {
          kind
          name
          ofType {
            kind
            name
            ofType {
              kind
              name
              ofType {
                kind
                name
                ofType {
                  kind
                  name
                  ofType {
                    kind
                    name
                    ofType {
                      kind
                      name
                      ofType {
                        kind
                        name
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  )";

// Bodies up to this size are parsed to tell JSON from not-JSON; larger ones are judged by their
// first character (the results view parses them off the UI thread anyway).
constexpr qsizetype FullParseLimit = 1 << 20;

bool looksLikeJsonObject(const QByteArray &body, QJsonObject *object = nullptr)
{
    if (body.size() <= FullParseLimit) {
        QJsonParseError e;
        const QJsonDocument doc = QJsonDocument::fromJson(body, &e);
        if (e.error != QJsonParseError::NoError || !doc.isObject())
            return false;
        if (object)
            *object = doc.object();
        return true;
    }
    for (char c : body) {
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
            continue;
        return c == '{';
    }
    return false;
}

QString excerpt(const QByteArray &body)
{
    QString s = QString::fromUtf8(body.left(160)).simplified();
    if (body.size() > 160)
        s += QStringLiteral("…");
    return s;
}

QString hostOf(const QUrl &url)
{
    return url.port() > 0 ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port()) : url.host();
}

} // namespace

bool GraphQLResponse::hasGraphQLBody() const
{
    QJsonObject o;
    if (!looksLikeJsonObject(body, &o))
        return false;
    if (body.size() > FullParseLimit)
        return true;
    return o.contains(QLatin1String("data")) || o.contains(QLatin1String("errors"));
}

struct GraphQLClient::Pending
{
    QPointer<QNetworkReply> reply;
    QTimer *timer = nullptr;
    QElapsedTimer clock;
    QPointer<QObject> context;
    bool hasContext = false;
    Callback done;
    bool timedOut = false;
    bool aborted = false;
    QStringList sslErrors;
    QUrl url;
};

GraphQLClient::GraphQLClient(QObject *parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this))
{
    qRegisterMetaType<GraphQLResponse>();
    // No redirects for POST bodies to other origins; a redirect to https on the same host is fine.
    m_nam->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
}

GraphQLClient::~GraphQLClient()
{
    // Callbacks must not run into a half-destroyed owner: drop them, then end the transfers.
    const auto pending = m_pending;
    m_pending.clear();
    for (const auto &p : pending)
        if (p->reply) {
            p->reply->disconnect(this);
            p->reply->abort();
            p->reply->deleteLater();
        }
}

QString GraphQLClient::introspectionQuery() { return QString::fromUtf8(IntrospectionQueryText); }

quint64 GraphQLClient::post(const QString &query, const QString &operationName, const QJsonObject &variables,
                            const Headers &extraHeaders, QObject *context, Callback done)
{
    const quint64 id = ++m_nextId;
    auto p = std::make_shared<Pending>();
    p->context = context;
    p->hasContext = context != nullptr;
    p->done = std::move(done);
    p->url = m_url;
    p->clock.start();
    m_pending.insert(id, p);

    const QString scheme = m_url.scheme().toLower();
    if (!m_url.isValid() || m_url.host().isEmpty() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        GraphQLResponse r;
        r.failure = GraphQLResponse::Failure::Unreachable;
        r.error = tr("Not an http:// or https:// URL: %1").arg(m_url.toDisplayString());
        // Callbacks always arrive later, never inside post().
        QTimer::singleShot(0, this, [this, id, r] { finish(id, r); });
        return id;
    }

    QNetworkRequest request(m_url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setRawHeader("Accept", "application/graphql-response+json, application/json");
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      QStringLiteral("Refract/%1").arg(QCoreApplication::applicationVersion()));
    Headers merged = m_headers;
    for (const QPair<QString, QString> &extra : extraHeaders) {
        // A named pair, not a structured binding: clang before 16 cannot capture bindings.
        merged.removeIf([&extra](const QPair<QString, QString> &h) { return h.first.compare(extra.first, Qt::CaseInsensitive) == 0; });
        merged.append(extra);
    }
    for (const auto &[name, value] : std::as_const(merged))
        if (!name.trimmed().isEmpty())
            request.setRawHeader(name.trimmed().toUtf8(), value.toUtf8());

    QJsonObject body{{QStringLiteral("query"), query}};
    if (!operationName.isEmpty())
        body.insert(QStringLiteral("operationName"), operationName);
    if (!variables.isEmpty())
        body.insert(QStringLiteral("variables"), variables);

    QNetworkReply *reply = m_nam->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    p->reply = reply;
    connect(reply, &QNetworkReply::sslErrors, this, [p](const QList<QSslError> &errors) {
        for (const QSslError &e : errors)
            p->sslErrors.append(e.errorString());
    });
    connect(reply, &QNetworkReply::finished, this, [this, id] { onReplyFinished(id); });
    if (m_timeoutMs > 0) {
        p->timer = new QTimer(reply);
        p->timer->setSingleShot(true);
        connect(p->timer, &QTimer::timeout, this, [p] {
            p->timedOut = true;
            if (p->reply)
                p->reply->abort();
        });
        p->timer->start(m_timeoutMs);
    }
    return id;
}

void GraphQLClient::abort(quint64 id)
{
    const auto p = m_pending.value(id);
    if (!p)
        return;
    p->aborted = true;
    if (p->reply && p->reply->isRunning())
        p->reply->abort(); // finished() follows synchronously → onReplyFinished reports it
    if (m_pending.contains(id)) { // not sent yet, building a schema, or no finished() came
        if (p->reply) {
            p->reply->disconnect(this);
            p->reply->deleteLater();
        }
        GraphQLResponse r;
        r.failure = GraphQLResponse::Failure::Aborted;
        r.error = tr("Cancelled");
        r.elapsedMs = p->clock.elapsed();
        finish(id, r);
    }
}

void GraphQLClient::abortAll()
{
    for (quint64 id : m_pending.keys())
        abort(id);
}

void GraphQLClient::onReplyFinished(quint64 id)
{
    const auto p = m_pending.value(id);
    if (!p || !p->reply)
        return;
    QNetworkReply *reply = p->reply;
    reply->deleteLater();
    GraphQLResponse r;
    r.elapsedMs = p->clock.elapsed();
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.contentType = reply->rawHeader("Content-Type");
    if (reply->isOpen()) // an aborted reply is closed
        r.body = reply->readAll();
    const QNetworkReply::NetworkError error = reply->error();
    const QString host = hostOf(p->url);
    using F = GraphQLResponse::Failure;
    if (p->timedOut) {
        r.failure = F::Timeout;
        r.error = tr("No complete answer from %1 within %2 s").arg(host).arg(m_timeoutMs / 1000.0);
    } else if (p->aborted) {
        r.failure = F::Aborted;
        r.error = tr("Cancelled");
    } else if (!p->sslErrors.isEmpty() || error == QNetworkReply::SslHandshakeFailedError) {
        r.failure = F::Tls;
        r.error = tr("TLS error with %1: %2")
                      .arg(host, p->sslErrors.isEmpty() ? reply->errorString() : p->sslErrors.join(QLatin1String("; ")));
    } else if (r.status == 0
               && (error == QNetworkReply::ConnectionRefusedError || error == QNetworkReply::HostNotFoundError
                   || error == QNetworkReply::TemporaryNetworkFailureError || error == QNetworkReply::NetworkSessionFailedError
                   || error == QNetworkReply::ProxyConnectionRefusedError || error == QNetworkReply::ProxyNotFoundError)) {
        const QString why = error == QNetworkReply::ConnectionRefusedError ? tr("connection refused")
            : error == QNetworkReply::HostNotFoundError                    ? tr("host not found")
                                                                           : reply->errorString();
        r.failure = F::Unreachable;
        r.error = tr("Cannot reach %1: %2").arg(host, why);
    } else if (error == QNetworkReply::RemoteHostClosedError
               || (error == QNetworkReply::UnknownNetworkError && r.status != 0)) {
        r.failure = F::Closed;
        r.error = r.status == 0 ? tr("%1 closed the connection without answering").arg(host)
                                : tr("%1 closed the connection in the middle of the response (HTTP %2, %3 bytes received)")
                                      .arg(host)
                                      .arg(r.status)
                                      .arg(r.body.size());
    } else if (r.status == 0) {
        r.failure = F::Network;
        r.error = tr("Request to %1 failed: %2").arg(host, reply->errorString());
    } else if (r.status < 200 || r.status >= 300) {
        r.failure = F::Http;
        const QString reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        r.error = tr("HTTP %1%2 from %3").arg(r.status).arg(reason.isEmpty() ? QString() : QLatin1Char(' ') + reason, host);
        if (!r.hasGraphQLBody() && !r.body.isEmpty())
            r.error += QStringLiteral(": ") + excerpt(r.body);
    } else if (!looksLikeJsonObject(r.body)) {
        r.failure = F::NotJson;
        r.error = tr("%1 answered HTTP %2 with %3, not a JSON object: %4")
                      .arg(host)
                      .arg(r.status)
                      .arg(r.contentType.isEmpty() ? tr("no content type") : QString::fromLatin1(r.contentType),
                           r.body.isEmpty() ? tr("(empty body)") : excerpt(r.body));
    }
    finish(id, std::move(r));
}

void GraphQLClient::finish(quint64 id, GraphQLResponse response)
{
    const auto p = m_pending.take(id);
    if (!p)
        return;
    if (p->timer)
        p->timer->stop();
    if (p->hasContext && !p->context)
        return;
    if (p->done)
        p->done(response);
}

quint64 GraphQLClient::introspect(QObject *context, IntrospectionCallback done)
{
    QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    auto shared = std::make_shared<IntrospectionCallback>(std::move(done));
    quint64 *idSlot = new quint64(0);
    std::shared_ptr<quint64> idHolder(idSlot);
    const quint64 id = post(introspectionQuery(), QStringLiteral("IntrospectionQuery"), {}, {}, this,
                            [this, guard, hasContext, shared, idHolder](const GraphQLResponse &response) {
        IntrospectionOutcome out;
        out.response = response;
        if (hasContext && !guard)
            return;
        if (!response.ok() && !(response.failure == GraphQLResponse::Failure::Http && response.hasGraphQLBody())) {
            out.error = response.error;
            (*shared)(out);
            return;
        }
        // Building a 20,000-type schema takes a while: off this thread. The request stays
        // pending under the same id meanwhile, so abort() still reaches it.
        const quint64 buildId = *idHolder;
        auto p = std::make_shared<Pending>();
        p->context = guard.data();
        p->hasContext = hasContext;
        p->clock.start();
        p->done = [shared, response](const GraphQLResponse &r) {
            // Only reached by abort() while building.
            IntrospectionOutcome o;
            o.response = response;
            o.response.failure = r.failure;
            o.error = r.error;
            (*shared)(o);
        };
        m_pending.insert(buildId, p);
        QPointer<GraphQLClient> self(this);
        const QByteArray body = response.body;
        QThreadPool::globalInstance()->start([self, buildId, body, shared, out]() mutable {
            QString error;
            auto schema = schemaFromIntrospection(body, &error);
            if (!self)
                return; // the client went away while the schema was built
            QMetaObject::invokeMethod(
                self.data(),
                [self, buildId, schema, error, shared, out]() mutable {
                    if (!self || !self->m_pending.contains(buildId))
                        return; // aborted meanwhile, or the client is gone
                    const auto pending = self->m_pending.take(buildId);
                    if (pending->hasContext && !pending->context)
                        return;
                    out.schema = schema;
                    if (!schema)
                        out.error = out.response.ok() ? error : out.response.error + QStringLiteral(": ") + error;
                    (*shared)(out);
                },
                Qt::QueuedConnection);
        });
    });
    *idSlot = id;
    return id;
}

std::shared_ptr<const graphql::Schema> GraphQLClient::schemaFromIntrospection(const QByteArray &body, QString *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (!doc.isObject()) {
        *error = tr("The introspection answer is not a JSON object: %1").arg(pe.errorString());
        return nullptr;
    }
    const QJsonObject o = doc.object();
    const QJsonValue schemaValue = o.value(QLatin1String("data")).toObject().value(QLatin1String("__schema"));
    if (!schemaValue.isObject()) {
        // Introspection switched off, or not a GraphQL endpoint at all.
        const QJsonArray errors = o.value(QLatin1String("errors")).toArray();
        if (!errors.isEmpty())
            *error = tr("The endpoint refused introspection: %1")
                         .arg(errors.first().toObject().value(QLatin1String("message")).toString());
        else
            *error = tr("The answer holds no introspection result (data.__schema)");
        return nullptr;
    }
    graphql::GraphQLError e;
    std::optional<graphql::Schema> schema = graphql::buildClientSchema(body, &e);
    if (!schema) {
        *error = tr("The introspection result cannot be read: %1").arg(e.message);
        return nullptr;
    }
    return std::make_shared<const graphql::Schema>(std::move(*schema));
}

} // namespace refract::net
