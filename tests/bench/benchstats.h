#pragma once

// Shared by the benchmarks: the load generators' `{{i}}` request template, latency percentiles, CPU
// per request and the one-line result they print, and the GraphQL benchmarks' input files. No Qt here: the load generators
// link none.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <sys/resource.h>
#include <unistd.h>

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

/// CPU time (user + system, µs) of the processes a request crosses, read from /proc over the
/// measured window: this process (the client), the server process, and every backend of a
/// PostgreSQL cluster (the children of its postmaster). On a small machine where all of them share
/// the cores, requests/s follows their sum, so this says which hop costs what.
class CpuWatch
{
public:
    void watchServer(int pid) { m_server = pid; }
    void watchPostgres(int postmasterPid) { m_postmaster = postmasterPid; }
    void start() { m_begin = sample(); }
    void stop() { m_end = sample(); }
    /// ` cpu_us_per_req client=… server=… postgres=…` (the parts watched), or "" without requests.
    std::string perRequest(double requests) const
    {
        if (requests <= 0)
            return {};
        char out[160];
        int n = std::snprintf(out, sizeof out, " cpu_us_per_req client=%.1f", (m_end.self - m_begin.self) / requests);
        if (m_server > 0)
            n += std::snprintf(out + n, sizeof out - size_t(n), " server=%.1f", (m_end.server - m_begin.server) / requests);
        if (m_postmaster > 0)
            std::snprintf(out + n, sizeof out - size_t(n), " postgres=%.1f", (m_end.postgres - m_begin.postgres) / requests);
        return out;
    }

private:
    struct Sample
    {
        double self = 0, server = 0, postgres = 0;
    };
    /// utime + stime of a process (all its threads), µs; 0 when it is gone.
    static double processUs(int pid)
    {
        std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
        std::string line;
        if (!std::getline(f, line))
            return 0;
        // Fields after the command name, which is in parentheses and may contain spaces.
        const size_t close = line.rfind(')');
        if (close == std::string::npos)
            return 0;
        std::vector<std::string> fields;
        size_t at = close + 2;
        while (at < line.size() && fields.size() < 13) {
            const size_t space = line.find(' ', at);
            fields.push_back(line.substr(at, space - at));
            at = space == std::string::npos ? line.size() : space + 1;
        }
        if (fields.size() < 13)
            return 0;
        const double ticks = std::atof(fields[11].c_str()) + std::atof(fields[12].c_str()); // utime, stime
        return ticks * 1e6 / double(sysconf(_SC_CLK_TCK));
    }
    Sample sample() const
    {
        Sample s;
        rusage self{};
        getrusage(RUSAGE_SELF, &self);
        s.self = double(self.ru_utime.tv_sec + self.ru_stime.tv_sec) * 1e6 + double(self.ru_utime.tv_usec + self.ru_stime.tv_usec);
        if (m_server > 0)
            s.server = processUs(m_server);
        if (m_postmaster > 0) {
            std::ifstream children("/proc/" + std::to_string(m_postmaster) + "/task/" + std::to_string(m_postmaster) + "/children");
            for (int child; children >> child;)
                s.postgres += processUs(child);
        }
        return s;
    }
    int m_server = 0, m_postmaster = 0;
    Sample m_begin, m_end;
};

inline void printResult(LoadResult &r, const std::string &extra = {})
{
    std::sort(r.latenciesUs.begin(), r.latenciesUs.end());
    auto pct = [&](double p) {
        if (r.latenciesUs.empty())
            return 0.0;
        const size_t i = std::min(r.latenciesUs.size() - 1, size_t(p * double(r.latenciesUs.size())));
        return r.latenciesUs[i] / 1000.0;
    };
    const double ok = double(r.latenciesUs.size());
    std::printf("rps=%.0f p50_ms=%.3f p99_ms=%.3f errors=%ld requests=%.0f%s\n", ok / r.seconds, pct(0.50), pct(0.99), r.errors, ok,
                extra.c_str());
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
