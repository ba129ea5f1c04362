#pragma once

#include "pubsub.h"
#include "sqlcompiler.h"

#include <graphql/ast.h>
#include <graphql/schema.h>
#include <reflect/fieldmeta.h>

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>

namespace refract::exec {

/// Turns mutations a transport runs into MutationEvents without a second query: prepare() adds the
/// changed row's unique-key columns to each mutation field's selection under reserved aliases
/// (`_refractKey0: id`), the engine runs that text, and finish() reads the keys out of the response
/// and removes them again, leaving the client's response as the client asked for it.
class MutationEvents
{
public:
    MutationEvents(const graphql::Schema &schema, const reflect::SchemaMeta &meta);

    struct Tap
    {
        QString responseKey;
        QString mutationField;
        reflect::Oid classOid = 0;
        QJsonObject arguments;
        QString rowField;                      ///< payload's row field (postgraphile preset); empty: unwrapped
        QList<QPair<QString, QString>> hidden; ///< alias → row field name (a key column)
        bool deletes = false;                  ///< a delete: the row cannot be read after it
    };
    struct Prepared
    {
        QString query;     ///< the text to run (the original when nothing was tapped)
        QList<Tap> taps;
    };

    /// `wanted(mutationField)` says which mutations anyone listens to (PubSub::hasSubscribers); the
    /// others are left alone. Non-mutations and unparsable text come back unchanged.
    Prepared prepare(const QString &query, const QString &operationName, const QJsonObject &variables,
                     const std::function<bool(const QString &)> &wanted = {}) const;
    /// Reads the events out of `response` and strips the reserved aliases from it in place.
    QList<MutationEvent> finish(const Prepared &prepared, QByteArray *response) const;

    /// For a delete, the key of the row it will delete, read from its arguments before it runs
    /// (`input: {id: 5}`, or a `nodeId` decoded against the primary key); empty when unknown.
    /// Subscribers read the row while it still exists (see PubSub::snapshot).
    QJsonObject keysBefore(const Tap &tap) const;

    /// Unique keys of a class as (row type field names), primary key first when the schema has a
    /// finder for it; used by subscribers to pick a `Query` finder.
    QList<QStringList> uniqueKeys(reflect::Oid classOid) const;

private:
    const graphql::Schema &m_schema;
    const reflect::SchemaMeta &m_meta;
};

/// A GraphQL value literal as JSON, variables substituted (absent variables are null).
QJsonValue astValueToJson(const graphql::ast::Value &v, const QJsonObject &variables);

/// Finds the operation `operationName` (empty: the only one) in `document`, or nullptr.
const graphql::ast::Definition *findOperation(const graphql::ast::Document &document, const QString &operationName);

namespace jsontext {
/// Offsets of the value of member `key` inside the JSON object text starting at `objStart`
/// (`{`); {-1,-1} when absent or malformed. Strings are scanned, never decoded.
QPair<qsizetype, qsizetype> member(const QByteArray &json, qsizetype objStart, const QByteArray &key);
/// Removes every member whose key starts with `prefix` from the object starting at `objStart`.
void removeMembers(QByteArray *json, qsizetype objStart, const QByteArray &prefix);
} // namespace jsontext

} // namespace refract::exec
