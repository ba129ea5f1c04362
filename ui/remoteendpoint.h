#pragma once

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace refract::ui {

/// A deployed GraphQL API the workbench connects to: its URL, the headers every request carries
/// and where its schema comes from. Secret header values live here (in memory) and in the
/// keychain only: toJson() writes their names, never their values.
struct RemoteEndpoint
{
    struct Header
    {
        QString name;
        QString value;
        bool secret = false; ///< marked secret by the user (Authorization and x-api-key always are)
        bool operator==(const Header &) const = default;
    };
    enum class SchemaSource { Introspection, SdlFile };

    QUrl url;
    QList<Header> headers;
    SchemaSource schemaSource = SchemaSource::Introspection;
    QString sdlPath;

    bool isValid() const;
    /// host[:port]/path, as the connection bar and the event log name it.
    QString displayName() const;
    /// Authorization, Proxy-Authorization, x-api-key and Cookie are secrets whatever the user ticked.
    static bool isSecretName(const QString &name);
    bool isSecret(const Header &header) const { return header.secret || isSecretName(header.name); }
    /// The keychain entry of one secret header of this endpoint.
    QString secretKey(const QString &headerName) const;
    /// Name/value pairs as requests send them (empty names skipped).
    QList<QPair<QString, QString>> httpHeaders() const;
    /// Header names, secret ones marked, for "identity: headers (…)" notes.
    QStringList headerNames() const;

    /// For recent connections and the workspace: `{"kind":"graphql", url, headers:[{name, value?,
    /// secret}], schema, sdlPath}` — secret values are left out.
    QJsonObject toJson() const;
    static RemoteEndpoint fromJson(const QJsonObject &json);
    static bool isEndpointJson(const QJsonObject &json);
    /// The same endpoint with secret values emptied.
    RemoteEndpoint withoutSecrets() const;

    bool operator==(const RemoteEndpoint &) const = default;
};

} // namespace refract::ui
