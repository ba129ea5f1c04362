#include "wssession.h"

#include "subscriptionserver.h"

#include <exec/engine.h>
#include <graphql/parser.h>
#include <identity/claimsmapping.h>
#include <identity/jwt.h>
#include <pg/connectionpool.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QWebSocket>

namespace refract::net {

namespace {

QByteArray errorsArray(const QList<graphql::GraphQLError> &errors)
{
    QByteArray out = "[";
    for (qsizetype i = 0; i < errors.size(); ++i)
        out += (i ? "," : "") + errors[i].toJson();
    return out + ']';
}

QByteArray oneError(const QString &message)
{
    return errorsArray({graphql::GraphQLError{message, {}}});
}

} // namespace

WsSession::WsSession(SubscriptionServer &server, QWebSocket *socket, std::unique_ptr<WsProtocol> protocol)
    : QObject(&server), m_server(server), m_socket(socket), m_protocol(std::move(protocol))
{
    m_socket->setParent(this);
    m_lane = server.nextLane();
    m_socket->setMaxAllowedIncomingMessageSize(quint64(server.m_options.maxMessageBytes));
    connect(m_socket, &QWebSocket::textMessageReceived, this, &WsSession::onText);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this,
            [this](const QByteArray &) { closeWith(WsCloseCode::BadRequest, QStringLiteral("Invalid message received: binary frames are not used")); });
    connect(m_socket, &QWebSocket::disconnected, this, &WsSession::onDisconnected);
    m_initTimer.setSingleShot(true);
    connect(&m_initTimer, &QTimer::timeout, this, [this] {
        if (!m_initReceived)
            closeWith(WsCloseCode::ConnectionInitialisationTimeout, QStringLiteral("Connection initialisation timeout"));
    });
    m_initTimer.start(qMax(1, server.m_options.connectionInitTimeoutMs));
    connect(&m_keepAlive, &QTimer::timeout, this, [this] { send(m_protocol->keepAlive()); });
}

WsSession::~WsSession()
{
    const QStringList ids = m_subscriptions.keys();
    for (const QString &id : ids)
        stop(id);
}

void WsSession::send(const QByteArray &frame)
{
    if (!frame.isEmpty() && !m_closing && m_socket->isValid())
        m_socket->sendTextMessage(QString::fromUtf8(frame));
}

void WsSession::closeWith(int code, const QString &reason)
{
    if (m_closing)
        return;
    m_closing = true;
    m_initTimer.stop();
    m_keepAlive.stop();
    const QStringList ids = m_subscriptions.keys();
    for (const QString &id : ids)
        stop(id);
    m_socket->close(QWebSocketProtocol::CloseCode(code), reason);
}

void WsSession::onDisconnected()
{
    m_closing = true;
    m_initTimer.stop();
    m_keepAlive.stop();
    const QStringList ids = m_subscriptions.keys();
    for (const QString &id : ids)
        stop(id);
    deleteLater();
    Q_EMIT m_server.connectionClosed();
}

void WsSession::onText(const QString &text)
{
    if (m_closing)
        return;
    QString error;
    const std::optional<WsClientMessage> m = m_protocol->parse(text, &error);
    if (!m) {
        closeWith(WsCloseCode::BadRequest, error);
        return;
    }
    switch (m->type) {
    case WsClientMessage::Type::ConnectionInit:
        onInit(*m);
        return;
    case WsClientMessage::Type::Ping:
        send(m_protocol->pong(m->payload));
        return;
    case WsClientMessage::Type::Pong:
        return;
    case WsClientMessage::Type::Terminate:
        closeWith(1000, QString());
        return;
    case WsClientMessage::Type::Subscribe:
        onSubscribe(*m);
        return;
    case WsClientMessage::Type::Complete:
        if (m_subscriptions.contains(m->id)) {
            stop(m->id);
            if (m_protocol->answersStop())
                send(m_protocol->complete(m->id));
        }
        return;
    }
}

void WsSession::onInit(const WsClientMessage &m)
{
    if (m_initReceived) {
        closeWith(WsCloseCode::TooManyInitialisationRequests, QStringLiteral("Too many initialisation requests"));
        return;
    }
    m_initReceived = true;
    m_initTimer.stop();
    const JwtAuthOptions &auth = m_server.m_options.auth;
    QJsonObject claims;
    QJsonValue header = m.payload.value(QLatin1String("Authorization"));
    if (header.isUndefined())
        header = m.payload.value(QLatin1String("authorization"));
    if (header.isUndefined() && m.payload.value(QLatin1String("headers")).isObject()) {
        const QJsonObject headers = m.payload.value(QLatin1String("headers")).toObject();
        header = headers.contains(QLatin1String("Authorization")) ? headers.value(QLatin1String("Authorization"))
                                                                   : headers.value(QLatin1String("authorization"));
    }
    // Without a key tokens are ignored and everyone is the default role (PostGraphile's rule).
    if (!auth.key.isEmpty() && !header.isUndefined() && !header.isNull()) {
        static const QRegularExpression bearer(QStringLiteral("^\\s*bearer\\s+([a-z0-9\\-._~+/]+=*)\\s*$"),
                                               QRegularExpression::CaseInsensitiveOption);
        const QRegularExpressionMatch match = bearer.match(header.toString());
        QString failure;
        if (!header.isString() || !match.hasMatch()) {
            failure = QStringLiteral("Authorization is not of the correct bearer scheme format.");
        } else {
            identity::JwtVerifyOptions vo;
            vo.allowed = auth.algorithms;
            vo.audience = auth.audience;
            const identity::JwtResult jwt = identity::Jwt::verify(match.captured(1).toLatin1(), auth.key, vo);
            if (!jwt.ok)
                failure = jwt.error;
            else if (m_server.m_mapping->checkClaims(jwt.claims, &failure))
                claims = jwt.claims;
            else if (failure.isEmpty())
                failure = QStringLiteral("The token's claims are not acceptable.");
        }
        if (!failure.isEmpty()) {
            // graphql-ws: 4403 Forbidden; the legacy client first reads connection_error.
            send(m_protocol->connectionError(failure));
            closeWith(WsCloseCode::Forbidden, QStringLiteral("Forbidden: %1").arg(failure).left(120));
            return;
        }
    }
    m_settings = m_server.m_mapping->settings(claims, auth.defaultRole);
    m_acknowledged = true;
    send(m_protocol->ack());
    const QByteArray ka = m_protocol->keepAlive();
    if (!ka.isEmpty()) {
        send(ka);
        if (m_server.m_options.keepAliveMs > 0)
            m_keepAlive.start(m_server.m_options.keepAliveMs);
    }
}

void WsSession::onSubscribe(const WsClientMessage &m)
{
    if (!m_acknowledged) {
        closeWith(WsCloseCode::Unauthorized, QStringLiteral("Unauthorized"));
        return;
    }
    if (m_subscriptions.contains(m.id)) {
        closeWith(WsCloseCode::SubscriberAlreadyExists, QStringLiteral("Subscriber for %1 already exists").arg(m.id).left(120));
        return;
    }
    const QString query = m.payload.value(QLatin1String("query")).toString();
    const QString operationName = m.payload.value(QLatin1String("operationName")).toString();
    const QJsonObject variables = m.payload.value(QLatin1String("variables")).toObject();

    // Queries and mutations run once: next + complete.
    const graphql::ParseResult parsed = graphql::parse(query);
    const graphql::ast::Definition *op = parsed.document ? exec::findOperation(*parsed.document, operationName) : nullptr;
    if (!op || op->operation != graphql::ast::OperationType::Subscription) {
        exec::Request req;
        req.query = query;
        req.operationName = operationName;
        req.variables = variables;
        req.settings = m_settings;
        // Runs on the reader thread; the answer (next + complete, or error) is framed back here.
        // `\x01` prefixes a request error's `errors` array, `\x02` a pool failure's message.
        SubscriptionServer *server = &m_server;
        const QString id = m.id;
        offThread([server, req]() -> QByteArray {
            QString poolError;
            pg::ConnectionPool::Lease connection(server->m_pool, server->m_options.acquireTimeoutMs, &poolError);
            if (!connection)
                return QByteArray("\x02") + poolError.simplified().toUtf8();
            bool requestError = false;
            const QByteArray result = server->executeAndPublish(req, *connection.get(), &requestError);
            if (!requestError)
                return result;
            const auto errs = exec::jsontext::member(result, 0, "errors");
            return QByteArray("\x01") + (errs.first >= 0 ? result.mid(errs.first, errs.second - errs.first) : oneError(QStringLiteral("Invalid request")));
        }, [id](WsSession *self, const QByteArray &answer) {
            if (answer.startsWith('\x02')) {
                self->send(self->m_protocol->error(id, oneError(QStringLiteral("The database is not available: %1").arg(QString::fromUtf8(answer.mid(1))))));
            } else if (answer.startsWith('\x01')) {
                self->send(self->m_protocol->error(id, answer.mid(1)));
            } else {
                self->send(self->m_protocol->next(id, answer));
                self->send(self->m_protocol->complete(id));
            }
        });
        return;
    }

    if (m_subscriptions.size() >= m_server.m_options.maxSubscriptionsPerConnection) {
        send(m_protocol->error(m.id, oneError(QStringLiteral("Too many subscriptions on this connection (at most %1).")
                                                  .arg(m_server.m_options.maxSubscriptionsPerConnection))));
        return;
    }
    QList<graphql::GraphQLError> errors;
    const std::optional<SubscriptionPlan> plan = m_server.m_planner.plan(query, operationName, variables, &errors);
    if (!plan) {
        send(m_protocol->error(m.id, errorsArray(errors)));
        return;
    }
    Subscription s;
    s.plan = *plan;
    s.serial = m_nextSerial++;
    if (plan->kind == SubscriptionPlan::Kind::MutationEvent) {
        const QString id = m.id;
        QPointer<WsSession> self(this);
        SubscriptionServer *server = &m_server;
        const SubscriptionPlan p = *plan;
        const QList<QPair<QString, QString>> settings = m_settings;
        s.pubsubId = m_server.m_pubsub.subscribe(plan->topic, m_settings, [self, id](const exec::MutationEvent &e) {
            if (self)
                self->deliverMutation(id, e);
        }, [server, p, settings](const exec::MutationEvent &e, pg::Connection &c, exec::PubSub::SnapshotCache *shared) {
            return server->snapshot(p, e, settings, c, shared);
        });
    } else {
        if (!m_server.m_notifier) {
            send(m_protocol->error(m.id, oneError(QStringLiteral("listen is not available: the server has no LISTEN connection."))));
            return;
        }
        m_server.listenTo(plan->channel);
    }
    m_subscriptions.insert(m.id, s);
    if (plan->kind == SubscriptionPlan::Kind::Listen && plan->initialEvent) {
        // pg-pubsub's initialEvent: one event right away, with no node.
        SubscriptionServer *server = &m_server;
        const QList<QPair<QString, QString>> settings = m_settings;
        const SubscriptionPlan p = *plan;
        const QString id = m.id;
        const quint64 serial = s.serial;
        offThread([server, p, settings]() -> QByteArray {
            QString poolError;
            pg::ConnectionPool::Lease connection(server->m_pool, server->m_options.acquireTimeoutMs, &poolError);
            return connection ? server->m_planner.listenResult(p, QString(), settings, *connection.get()) : QByteArray();
        }, [id, serial](WsSession *self, const QByteArray &payload) { self->sendNext(id, serial, payload); });
    }
}

void WsSession::stop(const QString &id)
{
    auto it = m_subscriptions.find(id);
    if (it == m_subscriptions.end())
        return;
    if (it->pubsubId)
        m_server.m_pubsub.unsubscribe(it->pubsubId);
    else if (!it->plan.channel.isEmpty())
        m_server.unlistenFrom(it->plan.channel);
    m_subscriptions.erase(it);
}

void WsSession::offThread(std::function<QByteArray()> read, std::function<void(WsSession *, const QByteArray &)> answer)
{
    // The answer goes through the server (it outlives the reader threads' jobs); the session may be
    // gone by then.
    SubscriptionServer *server = &m_server;
    QPointer<WsSession> self(this);
    m_server.post(m_lane, [server, self, read = std::move(read), answer = std::move(answer)] {
        QByteArray result = read();
        QMetaObject::invokeMethod(server, [self, answer, result = std::move(result)] {
            if (self && !self->m_closing)
                answer(self.data(), result);
        }, Qt::QueuedConnection);
    });
}

void WsSession::sendNext(const QString &id, quint64 serial, const QByteArray &payload)
{
    auto it = m_subscriptions.constFind(id);
    if (payload.isEmpty() || it == m_subscriptions.cend() || it->serial != serial)
        return; // completed meanwhile, or nothing to send
    send(m_protocol->next(id, payload));
}

void WsSession::deliverMutation(const QString &id, const exec::MutationEvent &event)
{
    auto it = m_subscriptions.constFind(id);
    if (it == m_subscriptions.cend() || m_closing)
        return;
    SubscriptionServer *server = &m_server;
    const int lane = m_lane;
    const SubscriptionPlan plan = it->plan;
    const quint64 serial = it->serial;
    const QList<QPair<QString, QString>> settings = m_settings;
    // A delete's row is gone: what this subscriber saw of it just before (if anything) came with
    // the event. It still goes through the reader lane to stay in order with earlier events.
    if (event.deleted) {
        const QByteArray seen = event.snapshots.value(it->pubsubId);
        if (seen.isEmpty())
            return;
        offThread([seen] { return seen; }, [id, serial](WsSession *self, const QByteArray &payload) { self->sendNext(id, serial, payload); });
        return;
    }
    offThread([server, lane, plan, event, settings]() -> QByteArray { return server->reselect(lane, plan, event, settings).value_or(QByteArray()); },
              [id, serial](WsSession *self, const QByteArray &payload) { self->sendNext(id, serial, payload); });
}

void WsSession::notify(const QString &channel, const QString &payload)
{
    if (m_closing)
        return;
    for (auto it = m_subscriptions.cbegin(); it != m_subscriptions.cend(); ++it) {
        if (it->pubsubId || it->plan.channel != channel)
            continue;
        SubscriptionServer *server = &m_server;
        const SubscriptionPlan plan = it->plan;
        const QList<QPair<QString, QString>> settings = m_settings;
        offThread([server, plan, payload, settings]() -> QByteArray {
            QString poolError;
            pg::ConnectionPool::Lease connection(server->m_pool, server->m_options.acquireTimeoutMs, &poolError);
            return connection ? server->m_planner.listenResult(plan, payload, settings, *connection.get()) : QByteArray();
        }, [id = it.key(), serial = it->serial](WsSession *self, const QByteArray &p) { self->sendNext(id, serial, p); });
    }
}

} // namespace refract::net
