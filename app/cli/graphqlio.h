#pragma once

#include <graphql/graphqlerror.h>

#include <QList>
#include <QString>

// Reading GraphQL sources and printing GraphQL errors the way the graphql-js-compatible commands
// (parse, validate, print-schema, introspect) all need to.
namespace refract::cli {

/// Reads a GraphQL source file (or "-") as Node.js would: UTF-8, a byte order mark kept (graphql-js
/// counts it in columns; QString::fromUtf8 would drop it). Prints the error and returns false on failure.
bool readGraphQLSource(const QString &path, QString *source);
/// `{"errors":[…]}` + "\n" on stdout, each error as graphql-js `GraphQLError.toJSON()`.
void printGraphQLErrors(const QList<graphql::GraphQLError> &errors);

} // namespace refract::cli
