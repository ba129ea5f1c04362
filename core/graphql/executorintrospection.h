#pragma once

#include "executor.h"

#include <QSet>

#include <optional>

// Internal to refract_graphql: what the executor knows about a schema (graphql-js keeps it on the
// GraphQLSchema object) and the resolvers of the introspection types.
namespace refract::graphql {

struct Executor::Private
{
    explicit Private(const Schema &schema);

    const Schema &schema;
    QStringList typeOrder;   ///< graphql-js type-map order (introspection types and used built-in scalars included)
    QSet<QString> typeMap;
    QHash<QString, std::vector<const NamedType *>> implementations; ///< interface → objects, type-map order

    /// A named type: the schema's own, the introspection types, the built-in scalars.
    const NamedType *lookup(const QString &name) const;
    const NamedType *rootType(ast::OperationType operation) const;
    /// graphql-js `schema.isSubType(abstract, maybeSub)`.
    bool isSubType(const NamedType &abstract, const NamedType &maybeSub) const;
    /// graphql-js `getFieldDef`: the meta fields included.
    const Field *fieldDef(const NamedType &parent, const QString &name) const;
    /// The value of an introspection field (meta fields and fields of `__Schema`, `__Type`, …), or
    /// nullopt for any other field.
    std::optional<ExecValue> resolveIntrospection(const NamedType &parent, const Field &field, const ExecValue &source,
                                                  const JsValue &args) const;
};

} // namespace refract::graphql
