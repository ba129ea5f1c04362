#include "wsprotocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace refract::net {

namespace {

QByteArray frame(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// {"id":…,"type":…,"payload":<raw>} with the payload spliced as text (results are built by
// PostgreSQL and passed through).
QByteArray rawFrame(const char *type, const QString &id, const QByteArray &payload)
{
    QByteArray out = "{\"id\":";
    out += QJsonDocument(QJsonArray{id}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
    out += ",\"type\":\"";
    out += type;
    out += "\",\"payload\":";
    out += payload;
    out += '}';
    return out;
}

// Shared parsing: a JSON object with a string `type`, optional string `id`, optional object payload.
std::optional<QJsonObject> parseObject(const QString &text, QString *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QStringLiteral("Invalid message received");
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    if (!o.value(QLatin1String("type")).isString()) {
        *error = QStringLiteral("Invalid message received: missing type");
        return std::nullopt;
    }
    const QJsonValue payload = o.value(QLatin1String("payload"));
    if (!payload.isUndefined() && !payload.isNull() && !payload.isObject()) {
        *error = QStringLiteral("Invalid message received: payload must be an object");
        return std::nullopt;
    }
    return o;
}

bool needId(const QJsonObject &o, WsClientMessage *m, QString *error)
{
    const QJsonValue id = o.value(QLatin1String("id"));
    if (!id.isString() || id.toString().isEmpty()) {
        *error = QStringLiteral("Invalid message received: \"%1\" needs a string id").arg(o.value(QLatin1String("type")).toString());
        return false;
    }
    m->id = id.toString();
    return true;
}

bool needQuery(WsClientMessage *m, QString *error)
{
    if (!m->payload.value(QLatin1String("query")).isString()) {
        *error = QStringLiteral("Invalid message received: subscribe payload needs a query string");
        return false;
    }
    const QJsonValue v = m->payload.value(QLatin1String("variables"));
    if (!v.isUndefined() && !v.isNull() && !v.isObject()) {
        *error = QStringLiteral("Invalid message received: variables must be an object");
        return false;
    }
    return true;
}

/// graphql-ws's PROTOCOL.md (`graphql-transport-ws`).
class TransportWs : public WsProtocol
{
public:
    QString name() const override { return QStringLiteral("graphql-transport-ws"); }

    std::optional<WsClientMessage> parse(const QString &text, QString *error) const override
    {
        const auto o = parseObject(text, error);
        if (!o)
            return std::nullopt;
        WsClientMessage m;
        m.payload = o->value(QLatin1String("payload")).toObject();
        const QString type = o->value(QLatin1String("type")).toString();
        if (type == QLatin1String("connection_init"))
            m.type = WsClientMessage::Type::ConnectionInit;
        else if (type == QLatin1String("ping"))
            m.type = WsClientMessage::Type::Ping;
        else if (type == QLatin1String("pong"))
            m.type = WsClientMessage::Type::Pong;
        else if (type == QLatin1String("subscribe")) {
            m.type = WsClientMessage::Type::Subscribe;
            if (!needId(*o, &m, error) || !needQuery(&m, error))
                return std::nullopt;
        } else if (type == QLatin1String("complete")) {
            m.type = WsClientMessage::Type::Complete;
            if (!needId(*o, &m, error))
                return std::nullopt;
        } else {
            *error = QStringLiteral("Invalid message received: unknown type \"%1\"").arg(type);
            return std::nullopt;
        }
        return m;
    }

    QByteArray ack() const override { return "{\"type\":\"connection_ack\"}"; }
    QByteArray next(const QString &id, const QByteArray &r) const override { return rawFrame("next", id, r); }
    QByteArray error(const QString &id, const QByteArray &errors) const override { return rawFrame("error", id, errors); }
    QByteArray complete(const QString &id) const override
    {
        return frame(QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("type"), QStringLiteral("complete")}});
    }
    QByteArray pong(const QJsonObject &payload) const override
    {
        QJsonObject o{{QStringLiteral("type"), QStringLiteral("pong")}};
        if (!payload.isEmpty())
            o.insert(QStringLiteral("payload"), payload);
        return frame(o);
    }
    QByteArray keepAlive() const override { return {}; }
    QByteArray connectionError(const QString &) const override { return {}; }
    bool answersStop() const override { return false; }
};

/// subscriptions-transport-ws (`graphql-ws`): start/stop, data, ka, connection_error.
class LegacyWs : public WsProtocol
{
public:
    QString name() const override { return QStringLiteral("graphql-ws"); }

    std::optional<WsClientMessage> parse(const QString &text, QString *error) const override
    {
        const auto o = parseObject(text, error);
        if (!o)
            return std::nullopt;
        WsClientMessage m;
        m.payload = o->value(QLatin1String("payload")).toObject();
        const QString type = o->value(QLatin1String("type")).toString();
        if (type == QLatin1String("connection_init"))
            m.type = WsClientMessage::Type::ConnectionInit;
        else if (type == QLatin1String("connection_terminate"))
            m.type = WsClientMessage::Type::Terminate;
        else if (type == QLatin1String("start")) {
            m.type = WsClientMessage::Type::Subscribe;
            if (!needId(*o, &m, error) || !needQuery(&m, error))
                return std::nullopt;
        } else if (type == QLatin1String("stop")) {
            m.type = WsClientMessage::Type::Complete;
            if (!needId(*o, &m, error))
                return std::nullopt;
        } else {
            *error = QStringLiteral("Invalid message received: unknown type \"%1\"").arg(type);
            return std::nullopt;
        }
        return m;
    }

    QByteArray ack() const override { return "{\"type\":\"connection_ack\"}"; }
    QByteArray next(const QString &id, const QByteArray &r) const override { return rawFrame("data", id, r); }
    QByteArray error(const QString &id, const QByteArray &errors) const override
    {
        // The legacy client reads `payload` of `error` as one error object (or an array); it
        // rejects with whatever it gets. Send the array's first error, as its server did.
        const QJsonArray a = QJsonDocument::fromJson(errors).array();
        const QJsonObject first = a.isEmpty() ? QJsonObject{{QStringLiteral("message"), QStringLiteral("Unknown error")}} : a.at(0).toObject();
        return rawFrame("error", id, QJsonDocument(first).toJson(QJsonDocument::Compact));
    }
    QByteArray complete(const QString &id) const override
    {
        return frame(QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("type"), QStringLiteral("complete")}});
    }
    QByteArray pong(const QJsonObject &) const override { return {}; }
    QByteArray keepAlive() const override { return "{\"type\":\"ka\"}"; }
    QByteArray connectionError(const QString &message) const override
    {
        return frame(QJsonObject{{QStringLiteral("type"), QStringLiteral("connection_error")},
                                 {QStringLiteral("payload"), QJsonObject{{QStringLiteral("message"), message}}}});
    }
    bool answersStop() const override { return true; }
};

} // namespace

std::unique_ptr<WsProtocol> WsProtocol::forSubprotocol(const QString &name)
{
    if (name == QLatin1String("graphql-transport-ws"))
        return std::make_unique<TransportWs>();
    if (name == QLatin1String("graphql-ws"))
        return std::make_unique<LegacyWs>();
    return nullptr;
}

} // namespace refract::net
