#include "operationcheck.h"

#ifdef REFRACT_HAVE_GRAPHQL_VALIDATOR
#include <graphql/parser.h>
#include <graphql/validator.h>
#endif

namespace refract::ui {

namespace {
QByteArray errorsResponse(const QList<QByteArray> &errors)
{
    QByteArray out = "{\"errors\":[";
    for (qsizetype i = 0; i < errors.size(); ++i) {
        if (i)
            out += ',';
        out += errors.at(i);
    }
    return out + "]}";
}
} // namespace

OperationCheck::Result OperationCheck::check(const std::shared_ptr<const graphql::Schema> &schema, const QString &document)
{
    Result r;
#ifdef REFRACT_HAVE_GRAPHQL_VALIDATOR
    const graphql::ParseResult parsed = graphql::parse(document);
    if (!parsed.document) {
        r.errorsJson = errorsResponse({parsed.error->toJson()});
        r.errorCount = 1;
        return r;
    }
    if (!schema) {
        r.valid = true; // syntax only: there is nothing to validate against yet
        return r;
    }
    const QList<graphql::GraphQLError> errors = graphql::validate(*schema, *parsed.document);
    QList<QByteArray> json;
    for (const auto &e : errors)
        json.append(e.toJson());
    r.valid = errors.isEmpty();
    r.errorCount = int(errors.size());
    if (!r.valid)
        r.errorsJson = errorsResponse(json);
#else
    Q_UNUSED(schema);
    Q_UNUSED(document);
    r.valid = true;
#endif
    return r;
}

} // namespace refract::ui
