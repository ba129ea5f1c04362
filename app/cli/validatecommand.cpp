#include "clicommon.h"
#include "commands.h"
#include "graphqlio.h"

#include <graphql/introspection.h>
#include <graphql/parser.h>
#include <graphql/schemabuilder.h>
#include <graphql/validator.h>

// refract-cli validate --schema SCHEMA.graphql|INTROSPECTION.json FILE|-
// Prints {"errors":[…]} + "\n" — graphql-js 16 `validate(schema, parse(document))` serialised with
// GraphQLError.toJSON() (`message`, `locations`), an empty list when the document is valid. Exit code 0
// when valid, 1 when not, when the document has a syntax error or when the schema does not build
// (those errors are printed the same way), 2 on a usage or I/O error.
namespace refract::cli {

namespace {



} // namespace

int runValidate(const QStringList &args)
{
    QString schemaPath;
    QStringList rest;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        if (a == QLatin1String("--schema") && i + 1 < args.size())
            schemaPath = args[++i];
        else if (a.startsWith(QLatin1String("--schema=")))
            schemaPath = a.mid(9);
        else
            rest.append(a);
    }
    if (schemaPath.isEmpty() || rest.size() != 1) {
        printError(QStringLiteral("refract-cli: usage: refract-cli validate --schema SCHEMA.graphql|INTROSPECTION.json FILE|-"));
        return 2;
    }

    QString schemaSource;
    if (!readGraphQLSource(schemaPath, &schemaSource))
        return 2;
    graphql::GraphQLError error;
    std::optional<graphql::Schema> schema;
    if (schemaSource.trimmed().startsWith(QLatin1Char('{')))
        schema = graphql::buildClientSchema(schemaSource.toUtf8(), &error);
    else
        schema = graphql::buildSchema(schemaSource, &error);
    if (!schema) {
        printGraphQLErrors({error});
        return 1;
    }

    QString source;
    if (!readGraphQLSource(rest.first(), &source))
        return 2;
    const graphql::ParseResult parsed = graphql::parse(source);
    if (parsed.error) {
        printGraphQLErrors({*parsed.error});
        return 1;
    }
    const QList<graphql::GraphQLError> errors = graphql::validate(*schema, *parsed.document);
    printGraphQLErrors(errors);
    return errors.isEmpty() ? 0 : 1;
}

} // namespace refract::cli
