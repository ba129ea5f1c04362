// The raw-libpq limit for scripts/bench-exec: N connections, each running for a fixed duration
// the transaction a GraphQL request costs at best — `begin`, one `select set_config(…)` with the
// same settings, the hand-written SQL for the query, `commit` — all prepared and pipelined in one
// round trip; prints requests/s, p50/p99 and errors like bench_http.
//   bench_rawsql --db CONNINFO --sql SQL [--param V]… [--setting NAME=VALUE]… [--ids M]
//                [--connections N] [--duration S] [--warmup S] [--cpu-postgres POSTMASTER_PID]
// `{{i}}` in a --param becomes 1 + (a per-connection counter) mod M.
#include "benchstats.h"

#include <libpq-fe.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace refract::bench;
using Clock = std::chrono::steady_clock;

int main(int argc, char **argv)
{
    std::string db, sql;
    std::vector<std::string> params;
    std::vector<std::pair<std::string, std::string>> settings;
    int connections = 1, ids = 1;
    double duration = 10, warmup = 1;
    CpuWatch cpu;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i], v = argv[i + 1];
        if (a == "--db") db = v;
        else if (a == "--sql") sql = v;
        else if (a == "--param") params.push_back(v);
        else if (a == "--setting") {
            const size_t eq = v.find('=');
            settings.emplace_back(v.substr(0, eq), eq == std::string::npos ? std::string() : v.substr(eq + 1));
        } else if (a == "--ids") ids = std::max(1, std::atoi(v.c_str()));
        else if (a == "--connections") connections = std::max(1, std::atoi(v.c_str()));
        else if (a == "--duration") duration = std::atof(v.c_str());
        else if (a == "--warmup") warmup = std::atof(v.c_str());
        else if (a == "--cpu-postgres") cpu.watchPostgres(std::atoi(v.c_str()));
        else {
            std::fprintf(stderr, "bench_rawsql: unknown argument %s\n", a.c_str());
            return 2;
        }
    }
    if (sql.empty()) {
        std::fprintf(stderr, "bench_rawsql: --sql is required\n");
        return 2;
    }
    std::string settingsSql = "select ";
    std::vector<std::string> settingValues;
    for (size_t i = 0; i < settings.size(); ++i) {
        settingsSql += (i ? ", " : "") + std::string("set_config($") + std::to_string(2 * i + 1) + ", $" + std::to_string(2 * i + 2) + ", true)";
        settingValues.push_back(settings[i].first);
        settingValues.push_back(settings[i].second);
    }

    LoadResult total;
    std::mutex mutex;
    std::atomic_bool measuring{false}, stop{false}, failed{false};
    std::vector<std::thread> threads;
    for (int t = 0; t < connections; ++t)
        threads.emplace_back([&, t] {
            PGconn *conn = PQconnectdb(db.c_str());
            auto fail = [&](const std::string &what) {
                std::lock_guard lock(mutex);
                if (total.firstError.empty())
                    total.firstError = what + ": " + PQerrorMessage(conn);
                failed = true;
            };
            if (PQstatus(conn) != CONNECTION_OK)
                return fail("connect"), PQfinish(conn);
            for (const auto &[name, text] : {std::pair<const char *, std::string>{"b", "begin"}, {"c", "commit"}, {"s", settingsSql}, {"q", sql}}) {
                if (name[0] == 's' && settings.empty())
                    continue;
                PGresult *r = PQprepare(conn, name, text.c_str(), 0, nullptr);
                const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
                PQclear(r);
                if (!ok)
                    return fail(std::string("prepare ") + name), PQfinish(conn);
            }
            PQenterPipelineMode(conn);
            std::vector<double> lat;
            lat.reserve(1 << 16);
            long errors = 0;
            std::string firstError;
            std::vector<const char *> settingPtrs;
            for (const std::string &s : settingValues)
                settingPtrs.push_back(s.c_str());
            for (long k = 0; !stop.load(std::memory_order_relaxed); ++k) {
                std::vector<std::string> values;
                for (const std::string &p : params)
                    values.push_back(substitute(p, 1 + int((t + k * connections) % ids)));
                std::vector<const char *> ptrs;
                for (const std::string &v : values)
                    ptrs.push_back(v.c_str());
                const auto start = Clock::now();
                PQsendQueryPrepared(conn, "b", 0, nullptr, nullptr, nullptr, 0);
                if (!settings.empty())
                    PQsendQueryPrepared(conn, "s", int(settingPtrs.size()), settingPtrs.data(), nullptr, nullptr, 0);
                PQsendQueryPrepared(conn, "q", int(ptrs.size()), ptrs.data(), nullptr, nullptr, 0);
                PQsendQueryPrepared(conn, "c", 0, nullptr, nullptr, nullptr, 0);
                PQpipelineSync(conn);
                bool ok = true;
                std::string error;
                for (;;) {
                    PGresult *r = PQgetResult(conn);
                    if (!r) {
                        if (PQstatus(conn) != CONNECTION_OK) {
                            ok = false;
                            error = PQerrorMessage(conn);
                            break;
                        }
                        continue;
                    }
                    const ExecStatusType st = PQresultStatus(r);
                    if (st == PGRES_PIPELINE_SYNC) {
                        PQclear(r);
                        break;
                    }
                    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
                        if (ok)
                            error = PQresultErrorMessage(r);
                        ok = false;
                    }
                    PQclear(r);
                }
                const double us = std::chrono::duration<double, std::micro>(Clock::now() - start).count();
                if (measuring.load(std::memory_order_relaxed)) {
                    if (ok)
                        lat.push_back(us);
                    else if (++errors == 1)
                        firstError = error;
                }
                if (PQstatus(conn) != CONNECTION_OK)
                    break;
            }
            PQfinish(conn);
            std::lock_guard lock(mutex);
            total.latenciesUs.insert(total.latenciesUs.end(), lat.begin(), lat.end());
            total.errors += errors;
            if (total.firstError.empty())
                total.firstError = firstError;
        });
    std::this_thread::sleep_for(std::chrono::duration<double>(warmup));
    const auto start = Clock::now();
    cpu.start();
    measuring = true;
    std::this_thread::sleep_for(std::chrono::duration<double>(duration));
    measuring = false;
    cpu.stop();
    total.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    stop = true;
    for (std::thread &t : threads)
        t.join();
    printResult(total, cpu.perRequest(double(total.latenciesUs.size())));
    return failed ? 1 : 0;
}
