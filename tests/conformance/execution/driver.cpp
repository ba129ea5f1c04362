// Conformance driver for execution: reads a JSON array of cases
//   [{"schema": PATH (.graphql SDL or introspection .json), "query": TEXT, "variables": {…}|null,
//     "operationName": NAME|null}, …]
// from the file given as argument and prints, one line per case, what graphql-js `graphql()` gives
// for it: {"errors":[…]} for a syntax or validation error, else the execution result as JSON. Root
// fields echo their coerced arguments (as run.js's rootValue does), deeper fields read the member of
// their parent, so variable and argument coercion show up in `data`.
#include "graphql/executor.h"
#include "graphql/introspection.h"
#include "graphql/parser.h"
#include "graphql/schemabuilder.h"
#include "graphql/validator.h"

#include <QFile>
#include <QHash>

#include <cstdio>
#include <memory>

using namespace refract::graphql;

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s CASES.json\n", argv[0]);
        return 2;
    }
    QFile file(QString::fromLocal8Bit(argv[1]));
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", argv[1]);
        return 2;
    }
    QString parseError;
    const std::optional<JsValue> cases = JsValue::fromJson(file.readAll(), &parseError);
    if (!cases || cases->kind != JsValue::Kind::List) {
        std::fprintf(stderr, "bad cases file: %s\n", qPrintable(parseError));
        return 2;
    }
    struct Loaded
    {
        Schema schema;
        std::unique_ptr<Validator> validator;
        std::unique_ptr<Executor> executor;
    };
    QHash<QString, std::shared_ptr<Loaded>> schemas;
    for (const JsValue &c : cases->list) {
        const QString path = c.get(u"schema")->string;
        std::shared_ptr<Loaded> &loaded = schemas[path];
        if (!loaded) {
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly)) {
                std::fprintf(stderr, "cannot read %s\n", qPrintable(path));
                return 2;
            }
            GraphQLError error;
            std::optional<Schema> s = path.endsWith(QLatin1String(".json")) ? buildClientSchema(f.readAll(), &error)
                                                                             : buildSchema(QString::fromUtf8(f.readAll()), &error);
            if (!s) {
                std::fprintf(stderr, "%s: %s\n", qPrintable(path), qPrintable(error.message));
                return 2;
            }
            loaded = std::make_shared<Loaded>();
            loaded->schema = std::move(*s);
            loaded->validator = std::make_unique<Validator>(loaded->schema);
            loaded->executor = std::make_unique<Executor>(loaded->schema);
            loaded->executor->setDefaultResolver([](const ExecValue &parent, const JsValue &args, const ResolveInfo &info) {
                if (info.path.size() == 1)
                    return ExecValue::of(args);
                if (parent.kind == ExecValue::Kind::Json && parent.json.kind == JsValue::Kind::Object)
                    if (const JsValue *v = parent.json.get(info.field.name))
                        return ExecValue::of(*v);
                return ExecValue();
            });
        }
        const JsValue *query = c.get(u"query");
        const JsValue *variables = c.get(u"variables");
        const JsValue *operationName = c.get(u"operationName");
        QByteArray out;
        const ParseResult parsed = parse(query->string);
        if (!parsed.document) {
            out = "{\"errors\":[" + parsed.error->toJson() + "]}";
        } else {
            const QList<GraphQLError> errors = loaded->validator->validate(*parsed.document);
            if (!errors.isEmpty()) {
                out = "{\"errors\":[";
                for (qsizetype i = 0; i < errors.size(); ++i)
                    out += (i ? "," : "") + errors[i].toJson();
                out += "]}";
            } else {
                const QString name = operationName && operationName->kind == JsValue::Kind::String ? operationName->string : QString();
                out = loaded->executor->execute(*parsed.document, name, variables ? *variables : JsValue()).toJson();
            }
        }
        std::fwrite(out.constData(), 1, size_t(out.size()), stdout);
        std::fputc('\n', stdout);
    }
    return 0;
}
