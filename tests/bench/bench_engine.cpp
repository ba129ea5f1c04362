// The engine in-process for scripts/bench-exec: N threads, each running the same GraphQL request
// over and over for a fixed duration without any socket between client and engine; prints
// requests/s, p50/p99 and errors like bench_http and bench_rawsql, so that limit ÷ engine says what
// part of the gap to the raw-libpq limit is the engine and what is HTTP.
//   bench_engine --db CONNINFO --schema S --body JSON [--mode engine|handler] [--ids M]
//                [--connections N] [--duration S] [--warmup S] [--header "Name: value"]…
//                [--jwt-secret S] [--jwt-audience A] [--default-role R] [--claims-mapping M] [--cpu-postgres PID]
// --body is the HTTP body bench_http sends (`{{i}}` becomes 1 + (a per-thread counter) mod M).
//   engine:  each thread owns a pg::Connection and calls exec::Engine::execute() with a Request
//            built before the clock starts (query, variables, and the settings of the bearer token
//            verified once and mapped as the server maps it, statement_timeout included).
//   handler: each thread calls net::GraphQLHttpHandler::handle() with the HTTP request the server
//            would parse (body JSON, bearer token through the handler's token cache, a pool of N
//            connections): everything `refract-cli serve` does for a request but the socket.
#include "benchstats.h"

#include <exec/engine.h>
#include <identity/claimsmapping.h>
#include <identity/jwt.h>
#include <net/graphqlhttphandler.h>
#include <pg/connection.h>
#include <pg/connectionpool.h>

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace refract;
using namespace refract::bench;
using Clock = std::chrono::steady_clock;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    std::string db, schema, body, mode = "engine", secret, audience, defaultRole, mapping = "postgraphile";
    std::vector<std::string> headers;
    int connections = 1, ids = 1;
    double duration = 10, warmup = 1;
    CpuWatch cpu;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i], v = argv[i + 1];
        if (a == "--db") db = v;
        else if (a == "--schema") schema = v;
        else if (a == "--body") body = v;
        else if (a == "--mode") mode = v;
        else if (a == "--header") headers.push_back(v);
        else if (a == "--jwt-secret") secret = v;
        else if (a == "--jwt-audience") audience = v;
        else if (a == "--default-role") defaultRole = v;
        else if (a == "--claims-mapping") mapping = v;
        else if (a == "--ids") ids = std::max(1, std::atoi(v.c_str()));
        else if (a == "--connections") connections = std::max(1, std::atoi(v.c_str()));
        else if (a == "--duration") duration = std::atof(v.c_str());
        else if (a == "--warmup") warmup = std::atof(v.c_str());
        else if (a == "--cpu-postgres") cpu.watchPostgres(std::atoi(v.c_str()));
        else {
            std::fprintf(stderr, "bench_engine: unknown argument %s\n", a.c_str());
            return 2;
        }
    }
    if (db.empty() || schema.empty() || body.empty() || (mode != "engine" && mode != "handler")) {
        std::fprintf(stderr, "bench_engine: --db, --schema and --body are required; --mode is engine or handler\n");
        return 2;
    }
    const QString conninfo = QString::fromStdString(db);

    exec::Engine engine;
    QString error;
    const reflect::Preset preset = reflect::Preset::PostGraphile;
    if (!engine.load(conninfo, QString::fromStdString(schema).split(QLatin1Char(',')), preset,
                     reflect::ReflectOptions::defaultsFor(preset), &error)) {
        std::fprintf(stderr, "bench_engine: %s\n", qPrintable(error));
        return 1;
    }

    // The server's options, as scripts/bench-exec starts `refract-cli serve`.
    net::GraphQLHttpOptions httpOptions;
    httpOptions.auth.key = QByteArray::fromStdString(secret);
    httpOptions.auth.audience = QString::fromStdString(audience);
    httpOptions.auth.defaultRole = QString::fromStdString(defaultRole);
    httpOptions.auth.claimsMapping = QString::fromStdString(mapping);

    QByteArray bearer;
    QList<QPair<QByteArray, QByteArray>> httpHeaders{{"content-type", "application/json"}, {"accept", "application/json"}};
    for (const std::string &h : headers) {
        const size_t colon = h.find(':');
        const QByteArray name = QByteArray::fromStdString(h.substr(0, colon)).trimmed().toLower();
        const QByteArray value = colon == std::string::npos ? QByteArray() : QByteArray::fromStdString(h.substr(colon + 1)).trimmed();
        httpHeaders.append(qMakePair(name, value));
        if (name == "authorization" && value.toLower().startsWith("bearer "))
            bearer = value.mid(7).trimmed();
    }

    // engine mode: the settings the handler would derive from the token (verified here once, as the
    // handler's token cache does after the first request).
    QList<QPair<QString, QString>> settings;
    if (mode == "engine") {
        const std::optional<identity::ClaimsMapping> claimsMapping = identity::ClaimsMapping::preset(httpOptions.auth.claimsMapping);
        if (!claimsMapping) {
            std::fprintf(stderr, "bench_engine: unknown claims mapping\n");
            return 2;
        }
        QJsonObject claims;
        if (!bearer.isEmpty() && !httpOptions.auth.key.isEmpty()) {
            identity::JwtVerifyOptions vo;
            vo.audience = httpOptions.auth.audience;
            const identity::JwtResult jwt = identity::Jwt::verify(bearer, httpOptions.auth.key, vo);
            if (!jwt.ok) {
                std::fprintf(stderr, "bench_engine: the token does not verify: %s\n", qPrintable(jwt.error));
                return 1;
            }
            claims = jwt.claims;
        }
        settings = claimsMapping->settings(claims, httpOptions.auth.defaultRole);
    }

    // One request per id, built before the clock starts.
    std::vector<exec::Request> requests;
    std::vector<net::HttpRequest> httpRequests;
    for (int i = 1; i <= ids; ++i) {
        const QByteArray text = QByteArray::fromStdString(substitute(body, i));
        if (mode == "engine") {
            const QJsonObject o = QJsonDocument::fromJson(text).object();
            exec::Request r;
            r.query = o.value(QStringLiteral("query")).toString();
            r.operationName = o.value(QStringLiteral("operationName")).toString();
            r.variables = o.value(QStringLiteral("variables")).toObject();
            r.settings = settings;
            r.statementTimeoutMs = httpOptions.requestTimeoutMs;
            if (r.query.isEmpty()) {
                std::fprintf(stderr, "bench_engine: --body has no query\n");
                return 2;
            }
            requests.push_back(std::move(r));
        } else {
            net::HttpRequest r;
            r.method = "POST";
            r.target = r.path = httpOptions.path;
            r.headers = httpHeaders;
            r.body = text;
            r.peerAddress = "127.0.0.1";
            httpRequests.push_back(std::move(r));
        }
    }

    std::unique_ptr<pg::ConnectionPool> pool;
    std::unique_ptr<net::GraphQLHttpHandler> handler;
    if (mode == "handler") {
        pool = std::make_unique<pg::ConnectionPool>(conninfo, connections);
        if (!pool->open(&error)) {
            std::fprintf(stderr, "bench_engine: %s\n", qPrintable(error));
            return 1;
        }
        handler = std::make_unique<net::GraphQLHttpHandler>(engine, *pool, httpOptions);
        if (!handler->isValid(&error)) {
            std::fprintf(stderr, "bench_engine: %s\n", qPrintable(error));
            return 2;
        }
    }

    LoadResult total;
    std::mutex mutex;
    std::atomic_bool measuring{false}, stop{false}, failed{false};
    std::vector<std::thread> threads;
    for (int t = 0; t < connections; ++t)
        threads.emplace_back([&, t] {
            std::unique_ptr<pg::Connection> connection;
            if (mode == "engine") {
                connection = std::make_unique<pg::Connection>();
                if (!connection->open(conninfo)) {
                    std::lock_guard lock(mutex);
                    total.firstError = "connect: " + connection->lastError().message.toStdString();
                    failed = true;
                    return;
                }
            }
            std::vector<double> lat;
            lat.reserve(1 << 16);
            long errors = 0;
            std::string firstError;
            for (long k = 0; !stop.load(std::memory_order_relaxed); ++k) {
                const size_t which = size_t((t + k * connections) % ids);
                const auto start = Clock::now();
                QByteArray json;
                int status = 200;
                if (connection) {
                    exec::ExecutionResult r = engine.execute(requests[which], *connection);
                    json = std::move(r.json);
                } else {
                    net::HttpResponse r = handler->handle(httpRequests[which]);
                    status = r.status;
                    json = std::move(r.body);
                }
                const double us = std::chrono::duration<double, std::micro>(Clock::now() - start).count();
                const bool ok = status == 200 && !json.contains("\"errors\"");
                if (measuring.load(std::memory_order_relaxed)) {
                    if (ok)
                        lat.push_back(us);
                    else if (++errors == 1)
                        firstError = "status " + std::to_string(status) + ": " + json.left(300).toStdString();
                }
            }
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
