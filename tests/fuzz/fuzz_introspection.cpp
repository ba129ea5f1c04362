// libFuzzer target: the introspection reader (buildClientSchema). What it accepts must print as SDL
// and as introspection JSON, and that JSON must read back to the same SDL. The direct reader must agree
// with the AST path it falls back to (same schema or same error).
#include "graphql/introspection.h"
#include "graphql/pendingdefaults.h"
#include "graphql/schemaprinter.h"

#include <cstdint>
#include <cstdlib>

using namespace refract::graphql;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    GraphQLError error;
    const std::optional<Schema> schema = buildClientSchema(json, &error);
    GraphQLError astError;
    const std::optional<Schema> viaAst = detail::buildClientSchemaViaAst(json, &astError);
    if (schema.has_value() != viaAst.has_value() || (!schema && error.message != astError.message)
        || (schema && printSchema(*schema) != printSchema(*viaAst)))
        std::abort(); // the direct reader and the AST path disagree
    if (!schema) {
        if (error.message.isEmpty())
            std::abort();
        return 0;
    }
    const QString sdl = printSchema(*schema);
    const QByteArray again = introspectionFromSchema(*schema, 0);
    const std::optional<Schema> reread = buildClientSchema(again, &error);
    if (!reread || printSchema(*reread) != sdl)
        std::abort(); // our own introspection output must read back to the same schema
    return 0;
}
