// GraphQL language core benchmarks (scripts/bench-graphql runs them next to graphql-js on the same
// files): parse + validate an operation against a large schema, parse a large SDL, build a Schema from
// it, build a Schema from a large introspection JSON. Inputs come from the directory in
// REFRACT_BENCH_GRAPHQL_DIR: operation.graphql + schema.graphql, sdl.graphql, introspection.json.
#include "graphql/introspection.h"
#include "graphql/parser.h"
#include "graphql/schemabuilder.h"
#include "graphql/validator.h"

#include "benchstats.h"

#include <QByteArray>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <vector>

using namespace refract::graphql;

namespace {

QByteArray input(const char *name)
{
    return QByteArray::fromStdString(refract::bench::graphqlInput("bench_graphql", name));
}

// graphql-js leaves the document or schema it built to the garbage collector, which frees it later,
// mostly outside the timed call; here the result is destroyed with the timer paused so that both
// sides time the same work: reading the input and building the result.
template<typename T>
void destroyUntimed(benchmark::State &state, T &result)
{
    state.PauseTiming();
    T().swap(result);
    state.ResumeTiming();
}

ParseOptions unlimited()
{
    ParseOptions o;
    o.maxTokens = -1;
    o.maxLength = -1;
    return o;
}

void parseValidate(benchmark::State &state)
{
    const std::optional<Schema> schema = buildSchema(QString::fromUtf8(input("schema.graphql")));
    const QString operation = QString::fromUtf8(input("operation.graphql"));
    const Validator validator(*schema); // graphql-js keeps the same per-schema state on its GraphQLSchema
    for (auto _ : state) {
        const ParseResult r = parse(operation);
        const QList<GraphQLError> errors = validator.validate(*r.document);
        benchmark::DoNotOptimize(errors.size());
    }
    state.counters["lines"] = double(operation.count(QLatin1Char('\n')));
}

// The SDL is decoded to a QString before the timed loop, as graphql-js gets it as a JavaScript string
// read before its timed call (decoding the 10 MB from UTF-8 takes ~10 ms).
void parseSdl(benchmark::State &state)
{
    const QString sdl = QString::fromUtf8(input("sdl.graphql"));
    for (auto _ : state) {
        ParseResult r = parse(sdl, unlimited());
        benchmark::DoNotOptimize(r.document->definitions.size());
        destroyUntimed(state, r.document);
    }
}

// The same work as graphql-js's buildASTSchema(parse(sdl), {assumeValidSDL: true}): buildSchema runs no
// SDL validation (graphql-js's assertValidSDL, skipped there by assumeValidSDL) and no schema validation
// (graphql-js validates lazily, on first use); both resolve every type reference (graphql-js's
// GraphQLSchema constructor collects all types, which builds every field and argument) and coerce and
// print every default value.
void buildSdlSchema(benchmark::State &state)
{
    const QString sdl = QString::fromUtf8(input("sdl.graphql"));
    for (auto _ : state) {
        ParseResult r = parse(sdl, unlimited());
        std::optional<Schema> s = buildSchema(*r.document);
        benchmark::DoNotOptimize(s->types().size());
        destroyUntimed(state, r.document);
        destroyUntimed(state, s);
    }
}

// The build alone from a parsed document (graphql-js: buildASTSchema on a parsed document), to see
// the builder's share of buildSdlSchema apart from the parser's.
void buildSdlSchemaOnly(benchmark::State &state)
{
    const ParseResult r = parse(QString::fromUtf8(input("sdl.graphql")), unlimited());
    for (auto _ : state) {
        std::optional<Schema> s = buildSchema(*r.document);
        benchmark::DoNotOptimize(s->types().size());
        destroyUntimed(state, s);
    }
}

void buildFromIntrospection(benchmark::State &state)
{
    const QByteArray json = input("introspection.json");
    for (auto _ : state) {
        GraphQLError error;
        std::optional<Schema> s = buildClientSchema(json, &error);
        if (!s)
            state.SkipWithError(qPrintable(error.message));
        else
            benchmark::DoNotOptimize(s->types().size());
        destroyUntimed(state, s);
    }
    state.counters["MB"] = double(json.size()) / 1e6;
}

} // namespace

// Each case reports the fastest of as many single runs as tests/bench/bench_graphql.js gives graphql-js
// (scripts/bench-graphql reads the "min" aggregate); parse + validate, a millisecond, reports the fastest
// of three means of ten runs, since each repetition rebuilds the schema and starts with cold caches.
double fastest(const std::vector<double> &runs)
{
    return *std::min_element(runs.begin(), runs.end());
}

BENCHMARK(parseValidate)->Unit(benchmark::kMillisecond)->Iterations(10)->Repetitions(3)->ComputeStatistics("min", fastest);
BENCHMARK(parseSdl)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(3)->ComputeStatistics("min", fastest);
BENCHMARK(buildSdlSchema)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(2)->ComputeStatistics("min", fastest);
BENCHMARK(buildSdlSchemaOnly)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(2)->ComputeStatistics("min", fastest);
BENCHMARK(buildFromIntrospection)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(3)->ComputeStatistics("min", fastest);

BENCHMARK_MAIN();
