#pragma once

#include <reflect/catalog.h>

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QPair>
#include <QString>

#include <atomic>
#include <functional>
#include <optional>

namespace refract::pg {
class Connection;
}

namespace refract::exec {

/// What a committed mutation root field announces to subscribers. It carries keys, not rows: every
/// subscriber re-reads the row under its own identity, so RLS decides what each one sees.
struct MutationEvent
{
    QString mutationField;   ///< `createPost`: the topic
    reflect::Oid classOid = 0;
    /// The changed row's unique-key columns (primary key first when known), keyed by the row
    /// type's GraphQL field names (`{"id": 31, "username": "johndoe"}`).
    QJsonObject keys;
    QString nodeId;          ///< when the schema has nodeIds and the mutator selected it; else empty
    QJsonObject arguments;   ///< the mutation field's arguments, variables substituted
    /// What the mutator's response held for the field (its own view; never sent to subscribers).
    QJsonValue payload;
    /// Deletes: the row is gone when subscribers hear of it, so each subscriber's view was read
    /// just before the delete ran (PubSub::snapshot), by subscriber id; absent: it could not see it.
    bool deleted = false;
    QHash<quint64, QByteArray> snapshots;
    /// Set by PubSub::publish: distinct per published event, so work shared among the subscribers
    /// of one event (a re-read per identity) can be keyed by it.
    quint64 sequence = 0;
};

/// In-process topics for subscription events. publish() may be called from any thread (HTTP
/// workers); handlers run on the thread the PubSub lives in, in subscription order.
class PubSub : public QObject
{
    Q_OBJECT

public:
    using Settings = QList<QPair<QString, QString>>;
    using Handler = std::function<void(const MutationEvent &)>;
    /// Reads what a subscriber would receive for `event` now, on `connection`, as that subscriber;
    /// `shared` lets subscribers with the same view share one read. Thread-safe (runs on the
    /// mutator's thread).
    using SnapshotCache = QHash<QByteArray, std::optional<QByteArray>>;
    using Snapshot = std::function<std::optional<QByteArray>(const MutationEvent &event, pg::Connection &connection, SnapshotCache *shared)>;

    explicit PubSub(QObject *parent = nullptr);

    /// Registers a subscriber with the identity settings its events are re-read under.
    quint64 subscribe(const QString &topic, const Settings &settings, Handler handler, Snapshot snapshot = {});
    void unsubscribe(quint64 id);
    /// Cheap and thread-safe: lets a transport skip the work of announcing unobserved mutations.
    bool hasSubscribers(const QString &topic) const;
    int subscriberCount() const;
    Settings settingsOf(quint64 id) const;

    void publish(const MutationEvent &event);
    /// Before a delete runs: every subscriber of `event.mutationField` (with a Snapshot) reads the
    /// row as itself while it still exists; the answers (by subscriber id) travel with the event.
    QHash<quint64, QByteArray> snapshot(const MutationEvent &event, pg::Connection &connection) const;

signals:
    void published(const QString &topic);

private:
    void deliver(const MutationEvent &event);

    struct Subscriber
    {
        QString topic;
        Settings settings;
        Handler handler;
        Snapshot snapshot;
    };
    mutable QMutex m_mutex;
    QHash<quint64, Subscriber> m_subscribers;
    QHash<QString, int> m_topicCounts;
    quint64 m_nextId = 1;
    std::atomic<quint64> m_nextSequence{1};
};

} // namespace refract::exec
