#include "localservercontroller.h"

#include <net/localservice.h>

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
    if (m_state != Stopped)
        return;
    net::LocalServiceOptions options;
    options.conninfo = conninfo;
    options.schemas = schemas;
    options.preset = preset;
    options.reflect = reflect::ReflectOptions::defaultsFor(preset);
    options.poolSize = 4;
    options.server.host = QHostAddress(QHostAddress::LocalHost);
    options.server.port = port;
    options.server.threads = options.poolSize;
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
    if (wasRunning)
        emit stopped();
}

QUrl LocalServerController::url() const { return m_state == Running && m_service ? m_service->url() : QUrl(); }

} // namespace refract::ui
