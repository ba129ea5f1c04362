#include "remoteendpoint.h"

#include <QJsonArray>
#include <QStringList>

namespace refract::ui {

bool RemoteEndpoint::isValid() const
{
    const QString scheme = url.scheme().toLower();
    return url.isValid() && !url.host().isEmpty() && (scheme == QLatin1String("http") || scheme == QLatin1String("https"));
}

QString RemoteEndpoint::displayName() const
{
    QString s = url.host();
    if (url.port() > 0)
        s += QLatin1Char(':') + QString::number(url.port());
    return s + url.path();
}

bool RemoteEndpoint::isSecretName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    return n == QLatin1String("authorization") || n == QLatin1String("proxy-authorization")
        || n == QLatin1String("x-api-key") || n == QLatin1String("cookie");
}

QString RemoteEndpoint::secretKey(const QString &headerName) const
{
    return QStringLiteral("graphql-endpoint:%1#%2")
        .arg(url.toString(QUrl::RemoveUserInfo | QUrl::RemoveFragment), headerName.trimmed().toLower());
}

QList<QPair<QString, QString>> RemoteEndpoint::httpHeaders() const
{
    QList<QPair<QString, QString>> out;
    for (const Header &h : headers)
        if (!h.name.trimmed().isEmpty())
            out.append({h.name.trimmed(), h.value});
    return out;
}

QStringList RemoteEndpoint::headerNames() const
{
    QStringList out;
    for (const Header &h : headers)
        if (!h.name.trimmed().isEmpty())
            out.append(h.name.trimmed());
    return out;
}

QJsonObject RemoteEndpoint::toJson() const
{
    QJsonArray hs;
    for (const Header &h : headers) {
        if (h.name.trimmed().isEmpty())
            continue;
        QJsonObject o{{QStringLiteral("name"), h.name.trimmed()}};
        if (isSecret(h))
            o.insert(QStringLiteral("secret"), true); // the value is in the keychain
        else
            o.insert(QStringLiteral("value"), h.value);
        hs.append(o);
    }
    QJsonObject o{{QStringLiteral("kind"), QStringLiteral("graphql")},
                  {QStringLiteral("url"), url.toString(QUrl::RemoveUserInfo)},
                  {QStringLiteral("headers"), hs},
                  {QStringLiteral("schema"), schemaSource == SchemaSource::SdlFile ? QStringLiteral("sdl") : QStringLiteral("introspection")}};
    if (schemaSource == SchemaSource::SdlFile)
        o.insert(QStringLiteral("sdlPath"), sdlPath);
    return o;
}

bool RemoteEndpoint::isEndpointJson(const QJsonObject &json)
{
    return json.value(QLatin1String("kind")).toString() == QLatin1String("graphql");
}

RemoteEndpoint RemoteEndpoint::fromJson(const QJsonObject &json)
{
    RemoteEndpoint e;
    e.url = QUrl(json.value(QLatin1String("url")).toString());
    for (const QJsonValue &v : json.value(QLatin1String("headers")).toArray()) {
        const QJsonObject h = v.toObject();
        e.headers.append({h.value(QLatin1String("name")).toString(), h.value(QLatin1String("value")).toString(),
                          h.value(QLatin1String("secret")).toBool()});
    }
    if (json.value(QLatin1String("schema")).toString() == QLatin1String("sdl")) {
        e.schemaSource = SchemaSource::SdlFile;
        e.sdlPath = json.value(QLatin1String("sdlPath")).toString();
    }
    return e;
}

RemoteEndpoint RemoteEndpoint::withoutSecrets() const
{
    RemoteEndpoint e = *this;
    for (Header &h : e.headers)
        if (isSecret(h)) {
            h.secret = true;
            h.value.clear();
        }
    return e;
}

} // namespace refract::ui
