#include "localservercontroller.h"

#include <net/localservice.h>

#include <QThread>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace refract::ui {

namespace {
struct LoadResult
{
    bool ok = false;
    QString error;
};
} // namespace

LocalServerController::LocalServerController(QObject *parent)
    : QObject(parent)
{
}

LocalServerController::~LocalServerController() { stop(); }

void LocalServerController::start(const QString &conninfo, const QStringList &schemas, reflect::Preset preset,
                                  quint16 port)
{
    ServeOptions serve;
    serve.port = port;
    start(conninfo, schemas, preset, serve);
}

void LocalServerController::start(const QString &conninfo, const QStringList &schemas, reflect::Preset preset,
                                  const ServeOptions &serve)
{
    if (m_state != Stopped)
        return;
    m_serve = serve;
    net::LocalServiceOptions options;
    options.conninfo = conninfo;
    options.schemas = schemas;
    options.preset = preset;
    options.reflect = reflect::ReflectOptions::defaultsFor(preset);
    options.poolSize = qBound(1, serve.poolSize, 64);
    options.server.host = serve.host;
    options.server.port = serve.port;
    options.server.threads = qBound(1, QThread::idealThreadCount(), options.poolSize);
    options.server.graphql.auth = serve.auth;
    auto service = std::make_shared<net::LocalService>(options);
    m_state = Starting;
    const int generation = ++m_generation;
    // The service is shared with the worker: a window closed while reflecting does not wait for it.
    auto *watcher = new QFutureWatcher<LoadResult>(this);
    connect(watcher, &QFutureWatcher<LoadResult>::finished, this, [this, watcher, service, generation] {
        const LoadResult result = watcher->result();
        watcher->deleteLater();
        if (generation != m_generation)
            return; // stopped meanwhile
        QString error = result.error;
        if (!result.ok || !service->listen(&error)) {
            m_state = Stopped;
            emit failed(error);
            return;
        }
        m_service = service;
        m_state = Running;
        emit started(m_service->url());
    });
    watcher->setFuture(QtConcurrent::run([service] {
        LoadResult r;
        r.ok = service->load(&r.error);
        return r;
    }));
}

void LocalServerController::stop()
{
    if (m_state == Stopped)
        return;
    ++m_generation;
    const bool wasRunning = m_state == Running;
    m_state = Stopped;
    if (m_service)
        m_service->close();
    m_service.reset();
    m_serve = ServeOptions(); // the key leaves memory with the server
    if (wasRunning)
        emit stopped();
}

QUrl LocalServerController::url() const { return m_state == Running && m_service ? m_service->url() : QUrl(); }

} // namespace refract::ui
