#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace refract::graphql {

struct SourceLocation
{
    int line = 0;
    int column = 0;
    bool operator==(const SourceLocation &) const = default;
};

/// A spec-shaped error (graphql-js `GraphQLError`): message and source locations; `toJson` writes what
/// graphql-js `error.toJSON()` gives, with keys in the same order.
struct GraphQLError
{
    QString message;
    QList<SourceLocation> locations;

    QByteArray toJson() const;
};

/// graphql-js `getLocation`: the line and column (UTF-16 code units, 1-based) of an offset.
SourceLocation locationOf(const QString &source, qsizetype position);

} // namespace refract::graphql
