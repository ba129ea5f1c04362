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
        QString poolError;
        pg::ConnectionPool::Lease connection(m_server.m_pool, m_server.m_options.acquireTimeoutMs, &poolError);
        if (!connection) {
            send(m_protocol->error(m.id, oneError(QStringLiteral("The database is not available: %1").arg(poolError.simplified()))));
            return;
        }
        bool requestError = false;
        const QByteArray result = m_server.executeAndPublish(req, *connection.get(), &requestError);
        if (requestError) {
            const auto errs = exec::jsontext::member(result, 0, "errors");
            send(m_protocol->error(m.id, errs.first >= 0 ? result.mid(errs.first, errs.second - errs.first) : oneError(QStringLiteral("Invalid request"))));
            return;
        }
        send(m_protocol->next(m.id, result));
        send(m_protocol->complete(m.id));
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
    if (plan->kind == SubscriptionPlan::Kind::MutationEvent) {
        const QString id = m.id;
        QPointer<WsSession> self(this);
        s.pubsubId = m_server.m_pubsub.subscribe(plan->topic, m_settings, [self, id](const exec::MutationEvent &e) {
            if (self)
                self->deliverMutation(id, e);
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
        QString poolError;
        pg::ConnectionPool::Lease connection(m_server.m_pool, m_server.m_options.acquireTimeoutMs, &poolError);
        if (connection)
            send(m_protocol->next(m.id, m_server.m_planner.listenResult(*plan, QString(), m_settings, *connection.get())));
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

void WsSession::deliverMutation(const QString &id, const exec::MutationEvent &event)
{
    auto it = m_subscriptions.constFind(id);
    if (it == m_subscriptions.cend() || m_closing)
        return;
    const std::optional<QByteArray> result = m_server.reselect(it->plan, event, m_settings);
    if (result)
        send(m_protocol->next(id, *result));
}

void WsSession::notify(const QString &channel, const QString &payload)
{
    if (m_closing)
        return;
    QList<QPair<QString, SubscriptionPlan>> targets;
    for (auto it = m_subscriptions.cbegin(); it != m_subscriptions.cend(); ++it)
        if (!it->pubsubId && it->plan.channel == channel)
            targets << qMakePair(it.key(), it->plan);
    if (targets.isEmpty())
        return;
    QString poolError;
    pg::ConnectionPool::Lease connection(m_server.m_pool, m_server.m_options.acquireTimeoutMs, &poolError);
    if (!connection)
        return;
    for (const auto &t : targets)
        send(m_protocol->next(t.first, m_server.m_planner.listenResult(t.second, payload, m_settings, *connection.get())));
}

} // namespace refract::net
