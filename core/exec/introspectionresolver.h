#pragma once

#include <graphql/ast.h>
#include <graphql/graphqlerror.h>
#include <graphql/schema.h>

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace refract::exec {

/// Answers `__schema` / `__type` / `__typename` root fields in-process, by projecting the operation's
/// selections onto graphql-js's full introspection result of the schema (introspectionFromSchema,
/// computed once). Interim: core/graphql's own introspection execution replaces it once it lands;
/// until then it lets GraphiQL-style clients and graphql-http's audits introspect the local server.
/// Immutable after construction, so resolve() may run on several threads at once.
class IntrospectionResolver
{
public:
    explicit IntrospectionResolver(const graphql::Schema &schema);

    /// Whether every root field of `operation` is `__schema`, `__type` or `__typename` (the only
    /// operations resolve() answers; a mix with data fields is reported as unsupported).
    static bool onlyIntrospection(const graphql::ast::Document &document, const graphql::ast::Definition &operation);

    /// `{"data":{…}}` for the operation (document valid, operation a query).
    QByteArray resolve(const graphql::ast::Document &document, const graphql::ast::Definition &operation,
                       const QJsonObject &variables) const;

private:
    struct Context;
    struct Collected;
    void collect(const Context &ctx, const graphql::ast::SelectionSet &set, const QString &typeName, Collected *out) const;
    void writeObject(const Context &ctx, const QJsonObject &object, const QString &typeName,
                     const QList<const graphql::ast::Selection *> &fields, QByteArray *out) const;
    void writeValue(const Context &ctx, const QJsonValue &value, const QString &typeName, const graphql::ast::Selection &field,
                    const QList<const graphql::ast::Selection *> &fields, QByteArray *out) const;
    QJsonValue argument(const Context &ctx, const graphql::ast::Selection &field, const QString &name) const;

    QString m_queryType;
    QJsonObject m_schema;
    QHash<QString, QJsonObject> m_types;
};

} // namespace refract::exec
