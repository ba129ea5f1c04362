#include "serverworker.h"

#include <pg/connectionpool.h>

#include <QSocketNotifier>
#include <QTcpSocket>

#include <unistd.h>

namespace refract::net {

ServerWorker::ServerWorker(const HttpLimits &limits, const HttpHandler &handler, const UpgradeHandler &upgrade, pg::ConnectionPool &pool)
    : m_limits(limits), m_handler(handler), m_upgrade(upgrade), m_pool(pool)
{
    m_runJob = [this](HttpConnection *connection, std::unique_ptr<HttpJob> job) { run(connection, std::move(job)); };
    // A child, so that it moves to the worker's thread with it.
    m_waitTimer.setParent(this);
    m_waitTimer.setInterval(50);
    connect(&m_waitTimer, &QTimer::timeout, this, &ServerWorker::retryWaiting);
}

ServerWorker::~ServerWorker()
{
    m_pool.cancelNotify(this);
    // Jobs first (they hand their database connections back), then the notifiers.
    m_waiting.clear();
    for (auto &[fd, w] : m_watches)
        w.running.reset();
    for (auto &[fd, w] : m_watches) {
        delete w.read;
        delete w.write;
    }
}

void ServerWorker::adopt(qintptr descriptor)
{
    auto *socket = new QTcpSocket;
    if (!socket->setSocketDescriptor(descriptor)) {
        ::close(int(descriptor));
        delete socket;
        m_count.fetch_sub(1, std::memory_order_relaxed);
        return;
    }
    auto *connection = new HttpConnection(socket, m_limits, m_handler, m_upgrade, m_runJob, this);
    connect(connection, &HttpConnection::finished, this, [this] { m_count.fetch_sub(1, std::memory_order_relaxed); });
}

void ServerWorker::closeAll()
{
    for (HttpConnection *c : findChildren<HttpConnection *>(Qt::FindDirectChildrenOnly))
        c->shutdown();
    m_waiting.clear();
    m_waitTimer.stop();
    for (auto &[fd, w] : m_watches) {
        w.running.reset();
        disarm(w);
    }
}

void ServerWorker::run(HttpConnection *connection, std::unique_ptr<HttpJob> job)
{
    place(Running{std::move(job), QPointer<HttpConnection>(connection)});
}

void ServerWorker::place(Running running)
{
    switch (running.job->waitingFor()) {
    case HttpJob::Wait::Done: {
        const HttpResponse response = running.job->takeResponse();
        running.job.reset(); // its database connection goes back to the pool first
        if (HttpConnection *c = running.connection.data())
            c->deliver(response);
        return;
    }
    case HttpJob::Wait::Connection:
        m_waiting.push_back(std::move(running));
        askForRelease();
        if (!m_waitTimer.isActive())
            m_waitTimer.start();
        return;
    case HttpJob::Wait::Socket:
        break;
    }
    const int fd = running.job->socket();
    if (fd < 0) {
        // Cannot happen with a live connection; advancing reports the broken one.
        running.job->advance();
        return place(std::move(running));
    }
    Watch &w = m_watches[fd];
    const bool wantWrite = running.job->wantsWrite();
    w.running = std::move(running);
    arm(fd, w, wantWrite);
}

void ServerWorker::arm(int fd, Watch &w, bool wantWrite)
{
    auto notifier = [this, fd](QSocketNotifier::Type type) {
        auto *n = new QSocketNotifier(qintptr(fd), type, this);
        connect(n, &QSocketNotifier::activated, this, [this, fd] { onSocket(fd); });
        return n;
    };
    if (!w.read)
        w.read = notifier(QSocketNotifier::Read);
    if (wantWrite && !w.write)
        w.write = notifier(QSocketNotifier::Write);
    w.read->setEnabled(true);
    if (w.write)
        w.write->setEnabled(wantWrite);
}

void ServerWorker::disarm(Watch &w)
{
    if (w.read)
        w.read->setEnabled(false);
    if (w.write)
        w.write->setEnabled(false);
}

void ServerWorker::askForRelease()
{
    if (m_notifyRequested)
        return;
    m_notifyRequested = true;
    m_pool.notifyOnRelease(this, [this] {
        m_notifyRequested = false;
        retryWaiting();
    });
}

void ServerWorker::onSocket(int fd)
{
    auto it = m_watches.find(fd);
    if (it == m_watches.end())
        return;
    Watch &w = it->second;
    if (!w.running)
        return disarm(w);
    const HttpJob::Wait wait = w.running->job->advance();
    if (wait == HttpJob::Wait::Socket && w.running->job->socket() == fd)
        return arm(fd, w, w.running->job->wantsWrite());
    Running running = std::move(*w.running);
    w.running.reset();
    disarm(w);
    place(std::move(running));
}

void ServerWorker::retryWaiting()
{
    // Oldest first; the first that still finds the pool busy keeps its place and so do the rest.
    while (!m_waiting.empty()) {
        Running &head = m_waiting.front();
        if (head.job->advance() == HttpJob::Wait::Connection)
            break;
        Running running = std::move(head);
        m_waiting.pop_front();
        place(std::move(running));
    }
    if (m_waiting.empty())
        m_waitTimer.stop();
    else
        askForRelease();
}

} // namespace refract::net
