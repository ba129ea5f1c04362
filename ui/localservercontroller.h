#pragma once

#include <net/graphqlhttphandler.h>
#include <reflect/reflectoptions.h>

#include <QHostAddress>

#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace refract::net {
class LocalService;
}

namespace refract::ui {

/// The workbench's "Run locally": starts, for the current connection, the server `refract-cli
/// serve` starts (net::LocalService, one code path) in-process on 127.0.0.1. Reflecting and opening
/// the pool run on a worker thread (QtConcurrent); the server's own worker threads then serve
/// requests, so the UI thread never waits on the database. Stop (or destruction) closes the port.
class LocalServerController : public QObject
{
    Q_OBJECT
public:
    enum State { Stopped, Starting, Running };

    explicit LocalServerController(QObject *parent = nullptr);
    ~LocalServerController() override;

    /// Where and how to serve (Query → Run Locally's dialog).
    struct ServeOptions
    {
        QHostAddress host = QHostAddress(QHostAddress::LocalHost);
        quint16 port = 0; ///< 0: a free port
        int poolSize = 4;
        net::JwtAuthOptions auth; ///< no key: no JWT, every request runs as auth.defaultRole
    };

    /// Starts serving `conninfo` on 127.0.0.1:`port` (0: a free port). Ignored unless stopped.
    void start(const QString &conninfo, const QStringList &schemas, reflect::Preset preset, quint16 port = 0);
    void start(const QString &conninfo, const QStringList &schemas, reflect::Preset preset, const ServeOptions &serve);
    /// Stops at once; a start still reflecting is dropped when it finishes.
    void stop();

    State state() const { return m_state; }
    bool isRunning() const { return m_state == Running; }
    /// `http://127.0.0.1:port/graphql` while running, empty otherwise.
    QUrl url() const;
    /// What the running (or starting) server was started with; its JWT key stays in memory only.
    const ServeOptions &serveOptions() const { return m_serve; }

signals:
    void started(const QUrl &url);
    void failed(const QString &error);
    void stopped();

private:
    State m_state = Stopped;
    int m_generation = 0; ///< bumped by stop() to drop a start still loading
    std::shared_ptr<net::LocalService> m_service;
    ServeOptions m_serve;
};

} // namespace refract::ui
