#include "pubsub.h"

#include <QMutexLocker>
#include <QThread>

#include <algorithm>

namespace refract::exec {

PubSub::PubSub(QObject *parent) : QObject(parent) {}

quint64 PubSub::subscribe(const QString &topic, const Settings &settings, Handler handler, Snapshot snapshot)
{
    QMutexLocker lock(&m_mutex);
    const quint64 id = m_nextId++;
    m_subscribers.insert(id, Subscriber{topic, settings, std::move(handler), std::move(snapshot)});
    ++m_topicCounts[topic];
    return id;
}

void PubSub::unsubscribe(quint64 id)
{
    QMutexLocker lock(&m_mutex);
    auto it = m_subscribers.find(id);
    if (it == m_subscribers.end())
        return;
    if (--m_topicCounts[it->topic] <= 0)
        m_topicCounts.remove(it->topic);
    m_subscribers.erase(it);
}

bool PubSub::hasSubscribers(const QString &topic) const
{
    QMutexLocker lock(&m_mutex);
    return m_topicCounts.value(topic) > 0;
}

int PubSub::subscriberCount() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_subscribers.size());
}

PubSub::Settings PubSub::settingsOf(quint64 id) const
{
    QMutexLocker lock(&m_mutex);
    return m_subscribers.value(id).settings;
}

QHash<quint64, QByteArray> PubSub::snapshot(const MutationEvent &event, pg::Connection &connection) const
{
    QList<QPair<quint64, Snapshot>> readers;
    {
        QMutexLocker lock(&m_mutex);
        for (auto it = m_subscribers.cbegin(); it != m_subscribers.cend(); ++it)
            if (it->topic == event.mutationField && it->snapshot)
                readers << qMakePair(it.key(), it->snapshot);
    }
    QHash<quint64, QByteArray> out;
    SnapshotCache shared;
    for (const auto &r : std::as_const(readers))
        if (const std::optional<QByteArray> seen = r.second(event, connection, &shared))
            out.insert(r.first, *seen);
    return out;
}

void PubSub::publish(const MutationEvent &e)
{
    MutationEvent event = e;
    event.sequence = m_nextSequence.fetch_add(1, std::memory_order_relaxed);
    if (QThread::currentThread() == thread()) {
        deliver(event);
        return;
    }
    QMetaObject::invokeMethod(this, [this, event] { deliver(event); }, Qt::QueuedConnection);
}

void PubSub::deliver(const MutationEvent &event)
{
    // Handlers may subscribe or unsubscribe (complete) while we iterate: copy the ids first and
    // look each one up again.
    QList<quint64> ids;
    {
        QMutexLocker lock(&m_mutex);
        for (auto it = m_subscribers.cbegin(); it != m_subscribers.cend(); ++it)
            if (it->topic == event.mutationField)
                ids << it.key();
    }
    std::sort(ids.begin(), ids.end());
    for (quint64 id : ids) {
        Handler h;
        {
            QMutexLocker lock(&m_mutex);
            auto it = m_subscribers.constFind(id);
            if (it == m_subscribers.cend())
                continue;
            h = it->handler;
        }
        h(event);
    }
    Q_EMIT published(event.mutationField);
}

} // namespace refract::exec
