#pragma once

// Shared by the benchmarks: the load generators' `{{i}}` request template, latency percentiles and the
// one-line result they print, and the GraphQL benchmarks' input files. No Qt here: the load generators
// link none.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace refract::bench {

/// The request template with every `{{i}}` replaced by value, so requests touch different rows.
inline std::string substitute(const std::string &tpl, int value)
{
    std::string out = tpl;
    const std::string v = std::to_string(value);
    for (size_t at; (at = out.find("{{i}}")) != std::string::npos;)
        out.replace(at, 5, v);
    return out;
}

struct LoadResult
{
    std::vector<double> latenciesUs;
    long errors = 0;
    double seconds = 0;
    std::string firstError;
};

inline void printResult(LoadResult &r)
{
    std::sort(r.latenciesUs.begin(), r.latenciesUs.end());
    auto pct = [&](double p) {
        if (r.latenciesUs.empty())
            return 0.0;
        const size_t i = std::min(r.latenciesUs.size() - 1, size_t(p * double(r.latenciesUs.size())));
        return r.latenciesUs[i] / 1000.0;
    };
    const double ok = double(r.latenciesUs.size());
    std::printf("rps=%.0f p50_ms=%.3f p99_ms=%.3f errors=%ld requests=%.0f\n", ok / r.seconds, pct(0.50), pct(0.99), r.errors, ok);
    if (!r.firstError.empty())
        std::fprintf(stderr, "first error: %s\n", r.firstError.c_str());
}

/// The bytes of input file `name` in the directory REFRACT_BENCH_GRAPHQL_DIR (default: the current one);
/// `program` names the benchmark in the message it prints before exiting with 2 when the file is unreadable.
inline std::string graphqlInput(const char *program, const char *name)
{
    const char *dir = std::getenv("REFRACT_BENCH_GRAPHQL_DIR");
    const std::string path = std::string(dir ? dir : ".") + '/' + name;
    std::ifstream f(path, std::ios::binary | std::ios::ate);
    std::string bytes(f ? size_t(f.tellg()) : 0, '\0');
    if (!f || !f.seekg(0).read(bytes.data(), std::streamsize(bytes.size()))) {
        std::fprintf(stderr, "%s: cannot read %s (set REFRACT_BENCH_GRAPHQL_DIR)\n", program, path.c_str());
        std::exit(2);
    }
    return bytes;
}

} // namespace refract::bench
