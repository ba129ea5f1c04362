#pragma once

#include <exec/appsyncfilter.h>
#include <exec/pubsub.h>
#include <graphql/graphqlerror.h>
#include <graphql/schema.h>
#include <reflect/catalog.h>

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace refract::exec {
class Engine;
}
namespace refract::pg {
class Connection;
}

namespace refract::net {

/// A validated subscription, ready to answer events: which topic it follows and the query that
/// re-reads each event under the subscriber's identity.
struct SubscriptionPlan
{
    enum class Kind { MutationEvent, Listen };
    Kind kind = Kind::MutationEvent;
    QString responseKey;
    QJsonObject variables;

    // MutationEvent (`on<Mutation>`): the mutation field it follows, and one re-select query per
    // unique key of the row (`$_refractK<i>` stand for the key values).
    QString topic;
    exec::AppSyncFilter filter;
    bool selectsFilterFields = false; ///< the query also reads `_refractFilter` for the filter
    struct Finder
    {
        QStringList keyFields; ///< row field names, in the finder's argument order
        QString query;
    };
    QList<Finder> finders;
    /// Equal for subscriptions that re-read an event identically (same query texts, filter,
    /// variables and response key).
    QByteArray cacheKey;

    // Listen (`listen(topic:, initialEvent:)`): the NOTIFY channel and the payload's fields.
    QString channel;
    bool initialEvent = false;
    struct ListenField
    {
        QString key;
        QString name;  ///< query | relatedNode | relatedNodeId | __typename
        QString query; ///< query: the operation whose `data` is the value; relatedNode: reads `node`
    };
    QList<ListenField> listenFields;
};

/// Plans subscriptions over the engine's schema, extended with pg-pubsub's `listen(topic: String!):
/// ListenPayload!` when the schema lacks it (PostGraphile's @graphile/pg-pubsub adds it; the
/// reflection does not), and re-reads events as the subscriber.
class SubscriptionPlanner
{
public:
    using Settings = QList<QPair<QString, QString>>;

    explicit SubscriptionPlanner(const exec::Engine &engine, const QString &topicPrefix = QStringLiteral("postgraphile:"));

    /// The schema subscriptions are validated against (the engine's, plus `listen`).
    const graphql::Schema &schema() const { return m_schema; }

    /// A subscription operation → a plan, or nullopt with spec-shaped `errors` (parse, validation,
    /// a bad filter, a row type without a unique key).
    std::optional<SubscriptionPlan> plan(const QString &query, const QString &operationName,
                                         const QJsonObject &variables, QList<graphql::GraphQLError> *errors) const;

    /// The `next` payload for a committed mutation, re-selected with `settings`; nullopt when the
    /// subscriber must not get it (RLS hides the row, the filter does not match, the row is gone).
    std::optional<QByteArray> mutationResult(const SubscriptionPlan &plan, const exec::MutationEvent &event,
                                             const Settings &settings, pg::Connection &connection) const;
    /// The `next` payload for a NOTIFY on the plan's channel.
    QByteArray listenResult(const SubscriptionPlan &plan, const QString &notifyPayload, const Settings &settings,
                            pg::Connection &connection) const;

    /// pg-pubsub's node id for a `__node__` array (`["posts", 1]` → base64 of its JSON text).
    static QString nodeIdFor(const QJsonArray &node);

private:
    void addListenField();

    const exec::Engine &m_engine;
    QString m_prefix;
    graphql::Schema m_schema;
    bool m_hasNode = false;
};

} // namespace refract::net
