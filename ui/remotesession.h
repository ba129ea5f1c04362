#pragma once

#include "remoteendpoint.h"

#include <graphql/schema.h>

#include <QObject>

#include <memory>

namespace refract::net {
class GraphQLClient;
}

namespace refract::ui {

/// The workbench's link to a deployed GraphQL API: reads its schema in the background (by
/// introspection through net::GraphQLClient, or from an SDL file), can be cancelled, and then
/// keeps the endpoint that Run sends operations to.
class RemoteSession : public QObject
{
    Q_OBJECT
public:
    explicit RemoteSession(QObject *parent = nullptr);
    ~RemoteSession() override;

    /// Starts reading the schema; ends with connected(), failed() or cancelled().
    void connectTo(const RemoteEndpoint &endpoint);
    void cancel();
    /// Forgets the endpoint (a running connect is cancelled without a signal).
    void disconnectEndpoint();
    bool isBusy() const { return m_busy; }
    bool isConnected() const { return m_connected; }
    /// The endpoint connected to (or being connected to), secret values included.
    const RemoteEndpoint &endpoint() const { return m_endpoint; }

signals:
    void progress(const QString &text);
    void connected(std::shared_ptr<const refract::graphql::Schema> schema, qint64 elapsedMs);
    void failed(const QString &error);
    void cancelled();

private:
    void loadSdl();

    net::GraphQLClient *m_client = nullptr;
    RemoteEndpoint m_endpoint;
    quint64 m_request = 0;
    int m_generation = 0;
    bool m_busy = false;
    bool m_connected = false;
};

} // namespace refract::ui
