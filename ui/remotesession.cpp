#include "remotesession.h"

#include <graphql/schemabuilder.h>
#include <net/graphqlclient.h>

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QPair>
#include <QtConcurrent/QtConcurrentRun>

namespace refract::ui {

RemoteSession::RemoteSession(QObject *parent)
    : QObject(parent)
    , m_client(new net::GraphQLClient(this))
{
}

RemoteSession::~RemoteSession() = default;

void RemoteSession::connectTo(const RemoteEndpoint &endpoint)
{
    if (m_busy)
        disconnectEndpoint();
    m_endpoint = endpoint;
    m_connected = false;
    m_busy = true;
    const int generation = ++m_generation;
    if (endpoint.schemaSource == RemoteEndpoint::SchemaSource::SdlFile) {
        loadSdl();
        return;
    }
    emit progress(tr("Introspecting %1…").arg(endpoint.displayName()));
    m_client->setUrl(endpoint.url);
    m_client->setHeaders(endpoint.httpHeaders());
    m_client->setTimeout(60000);
    m_request = m_client->introspect(this, [this, generation](const net::IntrospectionOutcome &out) {
        if (generation != m_generation)
            return;
        m_busy = false;
        m_request = 0;
        if (out.response.failure == net::GraphQLResponse::Failure::Aborted) {
            emit cancelled();
            return;
        }
        if (!out.schema) {
            emit failed(out.error);
            return;
        }
        m_connected = true;
        emit connected(out.schema, out.response.elapsedMs);
    });
}

void RemoteSession::loadSdl()
{
    using Loaded = QPair<std::shared_ptr<const graphql::Schema>, QString>;
    const int generation = m_generation;
    const QString path = m_endpoint.sdlPath;
    emit progress(tr("Reading the schema of %1 from %2…").arg(m_endpoint.displayName(), QFileInfo(path).fileName()));
    QElapsedTimer clock;
    clock.start();
    auto *watcher = new QFutureWatcher<Loaded>(this);
    connect(watcher, &QFutureWatcher<Loaded>::finished, this, [this, watcher, generation, clock] {
        watcher->deleteLater();
        if (generation != m_generation)
            return; // cancelled or superseded
        m_busy = false;
        const auto [schema, error] = watcher->result();
        if (!schema) {
            emit failed(error);
            return;
        }
        m_connected = true;
        emit connected(schema, clock.elapsed());
    });
    watcher->setFuture(QtConcurrent::run([path]() -> Loaded {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {nullptr, tr("Cannot read %1: %2").arg(path, file.errorString())};
        graphql::GraphQLError error;
        std::optional<graphql::Schema> schema = graphql::buildSchema(QString::fromUtf8(file.readAll()), &error);
        if (!schema) {
            QString where;
            if (!error.locations.isEmpty())
                where = tr(" (line %1, column %2)").arg(error.locations.first().line).arg(error.locations.first().column);
            return {nullptr, QFileInfo(path).fileName() + QStringLiteral(": ") + error.message + where};
        }
        return {std::make_shared<const graphql::Schema>(std::move(*schema)), QString()};
    }));
}

void RemoteSession::cancel()
{
    if (!m_busy)
        return;
    ++m_generation;
    m_busy = false;
    if (m_request)
        m_client->abort(m_request);
    m_request = 0;
    emit cancelled();
}

void RemoteSession::disconnectEndpoint()
{
    ++m_generation;
    if (m_request)
        m_client->abort(m_request);
    m_request = 0;
    m_busy = false;
    m_connected = false;
    m_endpoint = RemoteEndpoint();
}

} // namespace refract::ui
