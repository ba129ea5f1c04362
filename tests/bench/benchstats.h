#pragma once

// Shared by the load generators: the `{{i}}` request template, latency percentiles and the one-line
// result they print.
#include <algorithm>
#include <cstdio>
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

} // namespace refract::bench
