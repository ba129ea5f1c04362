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

#include <functional>

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
};

/// In-process topics for subscription events. publish() may be called from any thread (HTTP
/// workers); handlers run on the thread the PubSub lives in, in subscription order.
class PubSub : public QObject
{
    Q_OBJECT

public:
    using Settings = QList<QPair<QString, QString>>;
    using Handler = std::function<void(const MutationEvent &)>;

    explicit PubSub(QObject *parent = nullptr);

    /// Registers a subscriber with the identity settings its events are re-read under.
    quint64 subscribe(const QString &topic, const Settings &settings, Handler handler);
    void unsubscribe(quint64 id);
    /// Cheap and thread-safe: lets a transport skip the work of announcing unobserved mutations.
    bool hasSubscribers(const QString &topic) const;
    int subscriberCount() const;
    Settings settingsOf(quint64 id) const;

    void publish(const MutationEvent &event);

signals:
    void published(const QString &topic);

private:
    void deliver(const MutationEvent &event);

    struct Subscriber
    {
        QString topic;
        Settings settings;
        Handler handler;
    };
    mutable QMutex m_mutex;
    QHash<quint64, Subscriber> m_subscribers;
    QHash<QString, int> m_topicCounts;
    quint64 m_nextId = 1;
};

} // namespace refract::exec
