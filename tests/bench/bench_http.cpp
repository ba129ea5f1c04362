// HTTP load generator for scripts/bench-exec: N keep-alive connections, each sending one POST at a
// time for a fixed duration; prints requests/s, p50/p99 latency and errors (a non-200 status or a
// body with "errors"). Plain blocking sockets, one thread per connection, so the generator costs
// little CPU next to the server it measures.
//   bench_http --port P [--host 127.0.0.1] [--path /graphql] --body JSON [--ids M] [--connections N]
//              [--duration S] [--warmup S] [--header "Name: value"]… [--cpu-server PID] [--cpu-postgres POSTMASTER_PID]
// `{{i}}` in the body becomes 1 + (a per-connection counter) mod M, so requests touch different rows.
#include "benchstats.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace refract::bench;
using Clock = std::chrono::steady_clock;

namespace {

struct Options
{
    std::string host = "127.0.0.1", path = "/graphql", body;
    int port = 0, connections = 1, ids = 1;
    double duration = 10, warmup = 1;
    std::vector<std::string> headers;
};

int connectTo(const Options &o)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(uint16_t(o.port));
    ::inet_pton(AF_INET, o.host.c_str(), &addr.sin_addr);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}


/// One request/response on `fd`; false with `error` on a transport or HTTP/GraphQL error.
bool roundTrip(int fd, const std::string &request, std::string &buffer, std::string *error, bool *closed)
{
    size_t sent = 0;
    while (sent < request.size()) {
        const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) {
            *error = "send failed";
            *closed = true;
            return false;
        }
        sent += size_t(n);
    }
    char chunk[65536];
    size_t headerEnd;
    while ((headerEnd = buffer.find("\r\n\r\n")) == std::string::npos) {
        const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0) {
            *error = "connection closed";
            *closed = true;
            return false;
        }
        buffer.append(chunk, size_t(n));
    }
    const std::string head = buffer.substr(0, headerEnd);
    const int status = std::atoi(head.c_str() + head.find(' ') + 1);
    size_t length = 0;
    for (const char *name : {"Content-Length:", "content-length:"}) {
        const size_t at = head.find(name);
        if (at != std::string::npos)
            length = size_t(std::atoll(head.c_str() + at + std::strlen(name)));
    }
    while (buffer.size() < headerEnd + 4 + length) {
        const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0) {
            *error = "connection closed in body";
            *closed = true;
            return false;
        }
        buffer.append(chunk, size_t(n));
    }
    const std::string body = buffer.substr(headerEnd + 4, length);
    buffer.erase(0, headerEnd + 4 + length);
    if (head.find("onnection: close") != std::string::npos)
        *closed = true;
    if (status != 200 || body.find("\"errors\"") != std::string::npos) {
        *error = "status " + std::to_string(status) + ": " + body.substr(0, 300);
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    Options o;
    CpuWatch cpu;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i], v = argv[i + 1];
        if (a == "--host") o.host = v;
        else if (a == "--port") o.port = std::atoi(v.c_str());
        else if (a == "--path") o.path = v;
        else if (a == "--body") o.body = v;
        else if (a == "--ids") o.ids = std::max(1, std::atoi(v.c_str()));
        else if (a == "--connections") o.connections = std::max(1, std::atoi(v.c_str()));
        else if (a == "--duration") o.duration = std::atof(v.c_str());
        else if (a == "--warmup") o.warmup = std::atof(v.c_str());
        else if (a == "--cpu-server") cpu.watchServer(std::atoi(v.c_str()));
        else if (a == "--cpu-postgres") cpu.watchPostgres(std::atoi(v.c_str()));
        else if (a == "--header") o.headers.push_back(v);
        else {
            std::fprintf(stderr, "bench_http: unknown argument %s\n", a.c_str());
            return 2;
        }
    }
    if (o.port <= 0 || o.body.empty()) {
        std::fprintf(stderr, "bench_http: --port and --body are required\n");
        return 2;
    }
    std::string prefix = "POST " + o.path + " HTTP/1.1\r\nHost: " + o.host + "\r\nContent-Type: application/json\r\nAccept: application/json\r\n";
    for (const std::string &h : o.headers)
        prefix += h + "\r\n";

    LoadResult total;
    std::mutex mutex;
    std::atomic_bool measuring{false}, stop{false};
    std::vector<std::thread> threads;
    for (int t = 0; t < o.connections; ++t)
        threads.emplace_back([&, t] {
            std::vector<double> lat;
            lat.reserve(1 << 16);
            long errors = 0;
            std::string firstError, buffer;
            int fd = connectTo(o);
            for (long k = 0; !stop.load(std::memory_order_relaxed); ++k) {
                if (fd < 0) {
                    ++errors;
                    std::this_thread::sleep_for(std::chrono::milliseconds(10));
                    fd = connectTo(o);
                    continue;
                }
                const std::string body = substitute(o.body, 1 + int((t + k * o.connections) % o.ids));
                const std::string request = prefix + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
                const auto start = Clock::now();
                std::string error;
                bool closed = false;
                const bool ok = roundTrip(fd, request, buffer, &error, &closed);
                const double us = std::chrono::duration<double, std::micro>(Clock::now() - start).count();
                if (measuring.load(std::memory_order_relaxed)) {
                    if (ok)
                        lat.push_back(us);
                    else if (++errors == 1)
                        firstError = error;
                }
                if (closed) {
                    ::close(fd);
                    buffer.clear();
                    fd = connectTo(o);
                }
            }
            if (fd >= 0)
                ::close(fd);
            std::lock_guard lock(mutex);
            total.latenciesUs.insert(total.latenciesUs.end(), lat.begin(), lat.end());
            total.errors += errors;
            if (total.firstError.empty())
                total.firstError = firstError;
        });
    std::this_thread::sleep_for(std::chrono::duration<double>(o.warmup));
    const auto start = Clock::now();
    cpu.start();
    measuring = true;
    std::this_thread::sleep_for(std::chrono::duration<double>(o.duration));
    measuring = false;
    cpu.stop();
    total.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    stop = true;
    for (std::thread &t : threads)
        t.join();
    printResult(total, cpu.perRequest(double(total.latenciesUs.size())));
    return 0;
}
