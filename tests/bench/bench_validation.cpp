// The two halves of bench_graphql's parseValidate, timed apart so that work on the parser and on the
// validator can each see its own share: parse the 2,058-line operation; validate the parsed document
// with a Validator kept per schema. Inputs as bench_graphql (REFRACT_BENCH_GRAPHQL_DIR:
// operation.graphql + schema.graphql).
#include "graphql/parser.h"
#include "graphql/schemabuilder.h"
#include "graphql/validator.h"

#include "benchstats.h"

#include <QByteArray>

#include <benchmark/benchmark.h>

using namespace refract::graphql;

namespace {

QByteArray input(const char *name)
{
    return QByteArray::fromStdString(refract::bench::graphqlInput("bench_validation", name));
}

void parseOnly(benchmark::State &state)
{
    const QString operation = QString::fromUtf8(input("operation.graphql"));
    for (auto _ : state) {
        const ParseResult r = parse(operation);
        benchmark::DoNotOptimize(r.document->definitions.size());
    }
}

void validateOnly(benchmark::State &state)
{
    const std::optional<Schema> schema = buildSchema(QString::fromUtf8(input("schema.graphql")));
    const ParseResult r = parse(QString::fromUtf8(input("operation.graphql")));
    const Validator validator(*schema);
    qsizetype errors = 0;
    for (auto _ : state) {
        const QList<GraphQLError> e = validator.validate(*r.document);
        errors = e.size();
        benchmark::DoNotOptimize(errors);
    }
    state.counters["errors"] = double(errors);
}

} // namespace

BENCHMARK(parseOnly)->Unit(benchmark::kMicrosecond)->MinTime(2);
BENCHMARK(validateOnly)->Unit(benchmark::kMicrosecond)->MinTime(2);

BENCHMARK_MAIN();
