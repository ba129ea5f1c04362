#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace refract::exec {

/// An AppSync enhanced subscription filter, evaluated against one event object.
///
/// Accepts the two spellings AppSync users write:
/// - the `$util.transform.toSubscriptionFilter` map: `{"topic":{"eq":"HELP"}, "id":{"gt":3,"le":9},
///   "or":[{…},{…}], "and":[{…}]}` (every entry must hold);
/// - the `setSubscriptionFilter` object: `{"filterGroup":[{"filters":[{"fieldName":"topic",
///   "operator":"eq","value":"HELP"}]}]}` (any group whose filters all hold).
/// Operators: eq, ne, gt, ge, lt, le, in, notIn, between (inclusive), contains, notContains,
/// beginsWith. Field names may be dotted paths into nested objects (`author.username`).
class AppSyncFilter
{
public:
    /// Parses the filter's JSON text (the `filter: String` argument). An empty or `null` text is
    /// the filter that lets everything through. On error returns nullopt and sets `error`.
    static std::optional<AppSyncFilter> parse(const QString &json, QString *error);
    static std::optional<AppSyncFilter> fromJson(const QJsonValue &value, QString *error);

    bool matches(const QJsonObject &event) const;
    bool isEmpty() const { return !m_root; }
    /// The distinct top-level field names the filter reads (for selecting them before evaluation).
    QStringList fieldNames() const;
    /// Every distinct field path the filter reads (`{"author","username"}`), in first-use order.
    QList<QStringList> fieldPaths() const;

    struct Node;

private:
    std::shared_ptr<const Node> m_root;
};

struct AppSyncFilter::Node
{
    enum class Kind { And, Or, Condition };
    enum class Op { Eq, Ne, Gt, Ge, Lt, Le, In, NotIn, Between, Contains, NotContains, BeginsWith };
    Kind kind = Kind::And;
    std::vector<Node> children;
    QStringList path; ///< Condition: the field path
    Op op = Op::Eq;
    QJsonValue value;
};

} // namespace refract::exec
