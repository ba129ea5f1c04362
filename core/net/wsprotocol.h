#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <memory>
#include <optional>

namespace refract::net {

/// One client message of either subscription protocol, in protocol-neutral terms.
struct WsClientMessage
{
    enum class Type { ConnectionInit, Subscribe, Complete, Ping, Pong, Terminate };
    Type type = Type::ConnectionInit;
    QString id;
    QJsonObject payload; ///< ConnectionInit: connection params; Subscribe: {query, variables, operationName}
};

/// Close codes of graphql-ws's PROTOCOL.md (also used for the legacy protocol, whose clients treat
/// any close as fatal).
enum WsCloseCode : int {
    BadRequest = 4400,
    Unauthorized = 4401,
    Forbidden = 4403,
    SubprotocolNotAcceptable = 4406,
    ConnectionInitialisationTimeout = 4408,
    SubscriberAlreadyExists = 4409,
    TooManyInitialisationRequests = 4429,
    InternalServerError = 4500,
};

/// The wire format of one subscription protocol: parses client frames and writes server frames.
class WsProtocol
{
public:
    virtual ~WsProtocol() = default;
    /// `graphql-transport-ws` (graphql-ws) or `graphql-ws` (subscriptions-transport-ws);
    /// nullptr for anything else.
    static std::unique_ptr<WsProtocol> forSubprotocol(const QString &name);

    virtual QString name() const = 0;
    /// The message, or nullopt with `error` (the close reason for 4400).
    virtual std::optional<WsClientMessage> parse(const QString &text, QString *error) const = 0;

    virtual QByteArray ack() const = 0;
    /// A result of an operation (`{"data":…}` or `{"data":…,"errors":…}` as JSON text).
    virtual QByteArray next(const QString &id, const QByteArray &executionResult) const = 0;
    /// Operation errors before execution (validation): `errors` is a JSON array text.
    virtual QByteArray error(const QString &id, const QByteArray &errors) const = 0;
    virtual QByteArray complete(const QString &id) const = 0;
    virtual QByteArray pong(const QJsonObject &payload) const = 0;
    /// Legacy only: `ka`; empty for graphql-transport-ws (it pings instead).
    virtual QByteArray keepAlive() const = 0;
    /// Legacy only: `connection_error` before closing; empty for graphql-transport-ws.
    virtual QByteArray connectionError(const QString &message) const = 0;
    /// Whether the client's `complete`/`stop` must be answered with `complete` (legacy does).
    virtual bool answersStop() const = 0;
};

} // namespace refract::net
