#include "recentconnections.h"

#include <QJsonDocument>
#include <QSettings>

namespace refract::ui {

namespace {
const QString Key = QStringLiteral("connections/recent");
const QString EndpointsKey = QStringLiteral("connections/recentEndpoints");
}

QList<PgConnectionParams> RecentConnections::load()
{
    QList<PgConnectionParams> out;
    const QVariantList list = QSettings().value(Key).toList();
    for (const QVariant &v : list)
        out.append(PgConnectionParams::fromSettings(v.toMap()));
    return out;
}

void RecentConnections::add(const PgConnectionParams &params)
{
    PgConnectionParams p = params;
    p.password.clear();
    p.uri = PgConnectionParams::redact(p.uri);
    QList<PgConnectionParams> list = load();
    list.removeIf([&](const PgConnectionParams &o) { return o == p; });
    list.prepend(p);
    QVariantList out;
    for (qsizetype i = 0; i < list.size() && i < MaxEntries; ++i)
        out.append(list.at(i).toSettings());
    QSettings().setValue(Key, out);
}

void RecentConnections::clear()
{
    QSettings().remove(Key);
    QSettings().remove(EndpointsKey);
}

QList<RemoteEndpoint> RecentConnections::loadEndpoints()
{
    QList<RemoteEndpoint> out;
    for (const QVariant &v : QSettings().value(EndpointsKey).toList())
        if (const QJsonDocument doc = QJsonDocument::fromJson(v.toByteArray()); doc.isObject())
            out.append(RemoteEndpoint::fromJson(doc.object()));
    return out;
}

void RecentConnections::addEndpoint(const RemoteEndpoint &endpoint)
{
    const RemoteEndpoint e = endpoint.withoutSecrets();
    QList<RemoteEndpoint> list = loadEndpoints();
    list.removeIf([&](const RemoteEndpoint &o) { return o.url == e.url; });
    list.prepend(e);
    QVariantList out;
    for (qsizetype i = 0; i < list.size() && i < MaxEntries; ++i)
        out.append(QJsonDocument(list.at(i).toJson()).toJson(QJsonDocument::Compact)); // never a secret value
    QSettings().setValue(EndpointsKey, out);
}

} // namespace refract::ui
