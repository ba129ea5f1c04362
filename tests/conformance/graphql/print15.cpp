// Test helper for run.js: prints an SDL file in the graphql-js 15 flavour (PostGraphile v4's graphql),
// optionally sorted. usage: graphql_print15 FILE [--sorted]
#include <graphql/schemabuilder.h>
#include <graphql/schemaprinter.h>

#include <QFile>

#include <cstdio>

using namespace refract::graphql;

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    QFile f(QString::fromLocal8Bit(argv[1]));
    if (!f.open(QIODevice::ReadOnly))
        return 2;
    GraphQLError error;
    std::optional<Schema> schema = buildSchema(QString::fromUtf8(f.readAll()), &error);
    if (!schema) {
        std::fprintf(stderr, "%s\n", error.message.toUtf8().constData());
        return 1;
    }
    if (argc > 2)
        schema->sortLexicographically();
    SchemaPrintOptions options;
    options.flavor = GraphQLJsFlavor::V15;
    const QByteArray out = printSchema(*schema, options).toUtf8();
    std::fwrite(out.constData(), 1, size_t(out.size()), stdout);
    return 0;
}
