#include "clicommon.h"
#include "commands.h"
#include "graphqlio.h"

#include <graphql/introspection.h>
#include <graphql/parser.h>
#include <graphql/printer.h>
#include <graphql/schemabuilder.h>
#include <graphql/schemaprinter.h>

// The GraphQL language commands of refract-cli. Their output is what graphql-js 16 prints, so the
// conformance tests can compare the two byte for byte:
//   parse FILE|-   → print(parse(source)) + "\n"; on a syntax error
//                    {"errors":[<GraphQLError.toJSON()>]} + "\n" on stdout and exit code 1.
//   print-schema --schema SCHEMA.graphql|INTROSPECTION.json [--sorted]
//                  → printSchema(buildSchema(sdl) or buildClientSchema(json)) + "\n" (graphql-js 16
//                    flavour; JSON is recognised by its leading '{'), sorted with
//                    lexicographicSortSchema on request; errors as for parse.
//   introspect --schema SCHEMA.graphql|INTROSPECTION.json
//                  → JSON.stringify(introspectionFromSchema(schema), null, 2) + "\n".
namespace refract::cli {

namespace {

int usageError(const QString &message)
{
    printError(QStringLiteral("refract-cli: ") + message);
    return 2;
}



} // namespace

int runParse(const QStringList &args)
{
    if (args.size() != 1)
        return usageError(QStringLiteral("usage: refract-cli parse FILE|-"));
    QString source;
    if (!readGraphQLSource(args.first(), &source))
        return 2;
    const graphql::ParseResult r = graphql::parse(source);
    if (r.error) {
        printGraphQLErrors({*r.error});
        return 1;
    }
    printOut((graphql::print(*r.document) + QLatin1Char('\n')).toUtf8());
    return 0;
}

namespace {

struct SchemaArgs
{
    QString schemaPath;
    bool sorted = false;
    QStringList rest;
};

bool parseSchemaArgs(const QStringList &args, SchemaArgs *out, bool allowSorted)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        if (a == QLatin1String("--schema") && i + 1 < args.size())
            out->schemaPath = args[++i];
        else if (a.startsWith(QLatin1String("--schema=")))
            out->schemaPath = a.mid(9);
        else if (allowSorted && a == QLatin1String("--sorted"))
            out->sorted = true;
        else
            out->rest.append(a);
    }
    return !out->schemaPath.isEmpty();
}

/// Loads a schema from SDL (introspection JSON is recognised by its leading '{').
std::optional<graphql::Schema> loadSchema(const QString &path, int *exitCode)
{
    QString source;
    if (!readGraphQLSource(path, &source)) {
        *exitCode = 2;
        return std::nullopt;
    }
    graphql::GraphQLError error;
    std::optional<graphql::Schema> schema = source.trimmed().startsWith(QLatin1Char('{'))
        ? graphql::buildClientSchema(source.toUtf8(), &error)
        : graphql::buildSchema(source, &error);
    if (!schema) {
        printGraphQLErrors({error});
        *exitCode = 1;
    }
    return schema;
}

} // namespace

int runPrintSchema(const QStringList &args)
{
    SchemaArgs a;
    if (!parseSchemaArgs(args, &a, true) || !a.rest.isEmpty())
        return usageError(QStringLiteral("usage: refract-cli print-schema --schema SCHEMA.graphql|INTROSPECTION.json [--sorted]"));
    int rc = 0;
    std::optional<graphql::Schema> schema = loadSchema(a.schemaPath, &rc);
    if (!schema)
        return rc;
    if (a.sorted)
        schema->sortLexicographically();
    printOut((graphql::printSchema(*schema) + QLatin1Char('\n')).toUtf8());
    return 0;
}
int runIntrospect(const QStringList &args)
{
    SchemaArgs a;
    if (!parseSchemaArgs(args, &a, false) || !a.rest.isEmpty())
        return usageError(QStringLiteral("usage: refract-cli introspect --schema SCHEMA.graphql|INTROSPECTION.json"));
    int rc = 0;
    std::optional<graphql::Schema> schema = loadSchema(a.schemaPath, &rc);
    if (!schema)
        return rc;
    printOut(graphql::introspectionFromSchema(*schema, 2) + '\n');
    return 0;
}

} // namespace refract::cli
