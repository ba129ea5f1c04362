#include "ast.h"

namespace refract::graphql::ast {

QString operationTypeName(OperationType t)
{
    switch (t) {
    case OperationType::Query: return QStringLiteral("query");
    case OperationType::Mutation: return QStringLiteral("mutation");
    case OperationType::Subscription: return QStringLiteral("subscription");
    }
    return QString();
}

QString Type::toString() const
{
    switch (kind) {
    case Kind::Named: return name.value;
    case Kind::List: return QLatin1Char('[') + ofType->toString() + QLatin1Char(']');
    case Kind::NonNull: return ofType->toString() + QLatin1Char('!');
    }
    return QString();
}

} // namespace refract::graphql::ast
