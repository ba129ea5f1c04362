// The HTTP-hop floor for scripts/bench-exec: the least any GraphQL server that talks HTTP to its
// clients and libpq to PostgreSQL can add to the raw-libpq limit on this machine.
//
// A minimal HTTP/1.1 relay on one epoll thread: for each POST it takes the request's `id` (the
// first integer after `"id":` in the body, 1 when there is none) as the `{{i}}` of the limit's
// parameters, runs the limit's transaction (bench_rawsql's: `begin`, one `select set_config(…)`,
// the hand-written SQL, `commit`, prepared and pipelined in one round trip) on one of N pooled
// connections, and answers `{"data":{"<field>":VALUE}}` with the SQL's single value. No GraphQL,
// no JSON parsing, no token check, no copy it can avoid: whatever a real server costs beyond this
// relay is its own, and limit ÷ relay is what the extra socket hop alone costs where the load
// generator, the server and PostgreSQL share the cores.
//   bench_relay --db CONNINFO --sql SQL [--param V]… [--setting NAME=VALUE]… [--field NAME]
//               [--connections N] [--port P]
// Prints `http://127.0.0.1:PORT/graphql` on stdout once it listens; runs until killed.
#include "benchstats.h"

#include <libpq-fe.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

using namespace refract::bench;

namespace {

struct Client
{
    int fd = -1;
    std::string in, out;
    bool busy = false;     // a request of this client is in PostgreSQL: the next waits (keeps the order)
    size_t bodyAt = 0, bodyLength = 0; // of the request at the front of `in`, once it is complete
};

struct Backend
{
    PGconn *conn = nullptr;
    int fd = -1;
    uint64_t client = 0; // serial of the client being answered, 0 when idle
    int result = 0;      // index of the next result of the pipeline
    bool rollingBack = false; // a failed statement left the transaction open: `rollback` is on its way
    std::string value, error;
};

// epoll data: the kind in the top byte, an index or a client serial below.
constexpr uint64_t kListen = 1ull << 56, kBackend = 2ull << 56, kClient = 3ull << 56, kKindMask = 0xffull << 56;

class Relay
{
public:
    std::string sql, field = "result";
    std::vector<std::string> params;
    std::vector<std::pair<std::string, std::string>> settings;

    bool open(const std::string &db, int connections, int port);
    void run();

private:
    void accept();
    void readClient(uint64_t serial);
    void dispatch(uint64_t serial);
    void send(Backend &b, uint64_t serial);
    void readBackend(size_t index);
    void release(size_t index);
    void answer(uint64_t serial, const std::string &body);
    void flushClient(uint64_t serial);
    void closeClient(uint64_t serial);
    void watch(int fd, uint64_t data, uint32_t events, int op);

    int m_epoll = -1, m_listen = -1;
    std::vector<Backend> m_backends;
    std::vector<size_t> m_idle;
    std::deque<uint64_t> m_waiting; // clients with a request and no idle backend, first come first served
    std::unordered_map<uint64_t, std::unique_ptr<Client>> m_clients;
    uint64_t m_nextSerial = 1;
    std::vector<const char *> m_settingValues;
    std::vector<std::string> m_settingStorage;
    bool m_hasSettings = false;
};

bool Relay::open(const std::string &db, int connections, int port)
{
    std::string settingsSql = "select ";
    for (size_t i = 0; i < settings.size(); ++i) {
        settingsSql += (i ? ", " : "") + std::string("set_config($") + std::to_string(2 * i + 1) + ", $" + std::to_string(2 * i + 2) + ", true)";
        m_settingStorage.push_back(settings[i].first);
        m_settingStorage.push_back(settings[i].second);
    }
    for (const std::string &s : m_settingStorage)
        m_settingValues.push_back(s.c_str());
    m_hasSettings = !settings.empty();
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    m_backends.resize(size_t(connections));
    for (size_t i = 0; i < m_backends.size(); ++i) {
        Backend &b = m_backends[i];
        b.conn = PQconnectdb(db.c_str());
        if (PQstatus(b.conn) != CONNECTION_OK) {
            std::fprintf(stderr, "bench_relay: connect: %s", PQerrorMessage(b.conn));
            return false;
        }
        for (const auto &[name, text] : {std::pair<const char *, std::string>{"b", "begin"}, {"c", "commit"}, {"s", settingsSql}, {"q", sql}}) {
            if (name[0] == 's' && !m_hasSettings)
                continue;
            PGresult *r = PQprepare(b.conn, name, text.c_str(), 0, nullptr);
            const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
            PQclear(r);
            if (!ok) {
                std::fprintf(stderr, "bench_relay: prepare %s: %s", name, PQerrorMessage(b.conn));
                return false;
            }
        }
        // Non-blocking: a send never waits on the server, results are read when epoll says so.
        if (PQsetnonblocking(b.conn, 1) != 0 || PQenterPipelineMode(b.conn) != 1) {
            std::fprintf(stderr, "bench_relay: pipeline mode: %s", PQerrorMessage(b.conn));
            return false;
        }
        b.fd = PQsocket(b.conn);
        watch(b.fd, kBackend | i, EPOLLIN, EPOLL_CTL_ADD);
        m_idle.push_back(i);
    }
    m_listen = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    const int one = 1;
    setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(uint16_t(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (bind(m_listen, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 || listen(m_listen, 512) != 0
        || getsockname(m_listen, reinterpret_cast<sockaddr *>(&addr), &len) != 0) {
        std::fprintf(stderr, "bench_relay: listen: %s\n", std::strerror(errno));
        return false;
    }
    watch(m_listen, kListen, EPOLLIN, EPOLL_CTL_ADD);
    std::printf("http://127.0.0.1:%d/graphql\n", int(ntohs(addr.sin_port)));
    std::fflush(stdout);
    return true;
}

void Relay::watch(int fd, uint64_t data, uint32_t events, int op)
{
    epoll_event e{};
    e.events = events;
    e.data.u64 = data;
    epoll_ctl(m_epoll, op, fd, &e);
}

void Relay::run()
{
    epoll_event events[128];
    for (;;) {
        const int n = epoll_wait(m_epoll, events, 128, -1);
        if (n < 0 && errno != EINTR)
            return;
        for (int k = 0; k < n; ++k) {
            const uint64_t data = events[k].data.u64, kind = data & kKindMask, id = data & ~kKindMask;
            if (kind == kListen)
                accept();
            else if (kind == kBackend) {
                Backend &b = m_backends[id];
                if ((events[k].events & EPOLLOUT) && PQflush(b.conn) == 0)
                    watch(b.fd, data, EPOLLIN, EPOLL_CTL_MOD);
                if (events[k].events & (EPOLLIN | EPOLLERR | EPOLLHUP))
                    readBackend(size_t(id));
            } else if (m_clients.count(id)) {
                if (events[k].events & EPOLLOUT)
                    flushClient(id);
                if (m_clients.count(id) && (events[k].events & (EPOLLIN | EPOLLERR | EPOLLHUP)))
                    readClient(id);
            }
        }
    }
}

void Relay::accept()
{
    for (;;) {
        const int fd = accept4(m_listen, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
            return;
        const int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        const uint64_t serial = m_nextSerial++;
        auto c = std::make_unique<Client>();
        c->fd = fd;
        m_clients.emplace(serial, std::move(c));
        watch(fd, kClient | serial, EPOLLIN, EPOLL_CTL_ADD);
    }
}

void Relay::readClient(uint64_t serial)
{
    Client &c = *m_clients.at(serial);
    char buffer[16384];
    for (;;) {
        const ssize_t r = ::read(c.fd, buffer, sizeof buffer);
        if (r > 0) {
            c.in.append(buffer, size_t(r));
            if (size_t(r) < sizeof buffer)
                break;
        } else if (r < 0 && (errno == EAGAIN || errno == EINTR)) {
            break;
        } else {
            return closeClient(serial);
        }
    }
    dispatch(serial);
}

/// The client's next complete request, if it has one and none in flight, goes to a backend.
void Relay::dispatch(uint64_t serial)
{
    Client &c = *m_clients.at(serial);
    if (c.busy)
        return;
    const size_t headerEnd = c.in.find("\r\n\r\n");
    if (headerEnd == std::string::npos)
        return;
    size_t length = 0;
    for (const char *name : {"Content-Length:", "content-length:"}) {
        const size_t at = c.in.find(name);
        if (at < headerEnd)
            length = std::strtoul(c.in.c_str() + at + std::strlen(name), nullptr, 10);
    }
    if (c.in.size() < headerEnd + 4 + length)
        return;
    c.busy = true;
    c.bodyAt = headerEnd + 4;
    c.bodyLength = length;
    if (m_idle.empty()) {
        m_waiting.push_back(serial);
        return;
    }
    const size_t index = m_idle.back();
    m_idle.pop_back();
    send(m_backends[index], serial);
}

void Relay::send(Backend &b, uint64_t serial)
{
    Client &c = *m_clients.at(serial);
    const std::string_view body(c.in.data() + c.bodyAt, c.bodyLength);
    int id = 1;
    if (const size_t at = body.find("\"id\":"); at != std::string_view::npos)
        id = std::max(1, std::atoi(std::string(body.substr(at + 5, 12)).c_str()));
    c.in.erase(0, c.bodyAt + c.bodyLength);

    std::vector<std::string> values;
    std::vector<const char *> ptrs;
    values.reserve(params.size());
    for (const std::string &p : params)
        values.push_back(substitute(p, id));
    for (const std::string &v : values)
        ptrs.push_back(v.c_str());
    b.client = serial;
    b.result = 0;
    b.value.clear();
    b.error.clear();
    PQsendQueryPrepared(b.conn, "b", 0, nullptr, nullptr, nullptr, 0);
    if (m_hasSettings)
        PQsendQueryPrepared(b.conn, "s", int(m_settingValues.size()), m_settingValues.data(), nullptr, nullptr, 0);
    PQsendQueryPrepared(b.conn, "q", int(ptrs.size()), ptrs.data(), nullptr, nullptr, 0);
    PQsendQueryPrepared(b.conn, "c", 0, nullptr, nullptr, nullptr, 0);
    PQpipelineSync(b.conn);
    if (PQflush(b.conn) == 1)
        watch(b.fd, kBackend | uint64_t(&b - m_backends.data()), EPOLLIN | EPOLLOUT, EPOLL_CTL_MOD);
}

void Relay::readBackend(size_t index)
{
    Backend &b = m_backends[index];
    if (PQconsumeInput(b.conn) != 1) {
        std::fprintf(stderr, "bench_relay: connection lost: %s", PQerrorMessage(b.conn));
        std::exit(1);
    }
    const int queryAt = m_hasSettings ? 2 : 1;
    bool done = false;
    while (!done && !PQisBusy(b.conn)) {
        PGresult *r = PQgetResult(b.conn);
        if (!r)
            continue; // the end of one statement's results in pipeline mode; the next follows
        const ExecStatusType st = PQresultStatus(r);
        if (st == PGRES_PIPELINE_SYNC) {
            done = true;
        } else {
            if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && b.error.empty())
                b.error = PQresultErrorMessage(r);
            else if (b.result == queryAt && PQntuples(r) > 0)
                b.value.assign(PQgetvalue(r, 0, 0), size_t(PQgetlength(r, 0, 0)));
            ++b.result;
        }
        PQclear(r);
    }
    if (!done)
        return;
    if (b.rollingBack) {
        b.rollingBack = false;
        return release(index);
    }
    const uint64_t serial = std::exchange(b.client, 0);
    if (PQtransactionStatus(b.conn) != PQTRANS_IDLE) {
        // An error skipped the rest of the pipeline, `commit` included: the backend is in an aborted
        // transaction and goes back to the pool once it is rolled back.
        b.rollingBack = true;
        PQsendQueryParams(b.conn, "rollback", 0, nullptr, nullptr, nullptr, nullptr, 0);
        PQpipelineSync(b.conn);
        if (PQflush(b.conn) == 1)
            watch(b.fd, kBackend | index, EPOLLIN | EPOLLOUT, EPOLL_CTL_MOD);
    }
    std::string json;
    if (!b.error.empty()) {
        json = "{\"errors\":[{\"message\":\"";
        for (char ch : b.error)
            json += ch == '"' || ch == '\\' ? ' ' : ch == '\n' ? ' ' : ch;
        json += "\"}]}";
    } else {
        json = "{\"data\":{\"" + field + "\":" + (b.value.empty() ? std::string("null") : b.value) + "}}";
    }
    if (!b.rollingBack)
        release(index);
    if (m_clients.count(serial))
        answer(serial, json);
}

/// A backend done with its request serves the longest-waiting client, or goes idle.
void Relay::release(size_t index)
{
    while (!m_waiting.empty()) {
        const uint64_t next = m_waiting.front();
        m_waiting.pop_front();
        if (m_clients.count(next))
            return send(m_backends[index], next);
    }
    m_idle.push_back(index);
}

void Relay::answer(uint64_t serial, const std::string &body)
{
    Client &c = *m_clients.at(serial);
    c.busy = false;
    c.out += "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    c.out += body;
    flushClient(serial);
    if (m_clients.count(serial))
        dispatch(serial);
}

void Relay::flushClient(uint64_t serial)
{
    Client &c = *m_clients.at(serial);
    while (!c.out.empty()) {
        const ssize_t w = ::send(c.fd, c.out.data(), c.out.size(), MSG_NOSIGNAL);
        if (w > 0) {
            c.out.erase(0, size_t(w));
        } else if (w < 0 && errno == EAGAIN) {
            watch(c.fd, kClient | serial, EPOLLIN | EPOLLOUT, EPOLL_CTL_MOD);
            return;
        } else if (w < 0 && errno != EINTR) {
            return closeClient(serial);
        }
    }
    watch(c.fd, kClient | serial, EPOLLIN, EPOLL_CTL_MOD);
}

void Relay::closeClient(uint64_t serial)
{
    auto it = m_clients.find(serial);
    if (it == m_clients.end())
        return;
    epoll_ctl(m_epoll, EPOLL_CTL_DEL, it->second->fd, nullptr);
    ::close(it->second->fd);
    m_clients.erase(it); // a backend still answering it drops the answer (readBackend checks)
}

} // namespace

int main(int argc, char **argv)
{
    Relay relay;
    std::string db;
    int connections = 16, port = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i], v = argv[i + 1];
        if (a == "--db") db = v;
        else if (a == "--sql") relay.sql = v;
        else if (a == "--param") relay.params.push_back(v);
        else if (a == "--setting") {
            const size_t eq = v.find('=');
            relay.settings.emplace_back(v.substr(0, eq), eq == std::string::npos ? std::string() : v.substr(eq + 1));
        } else if (a == "--field") relay.field = v;
        else if (a == "--connections") connections = std::max(1, std::atoi(v.c_str()));
        else if (a == "--port") port = std::atoi(v.c_str());
        else {
            std::fprintf(stderr, "bench_relay: unknown argument %s\n", a.c_str());
            return 2;
        }
    }
    if (relay.sql.empty()) {
        std::fprintf(stderr, "bench_relay: --sql is required\n");
        return 2;
    }
    std::signal(SIGPIPE, SIG_IGN);
    if (!relay.open(db, connections, port))
        return 1;
    relay.run();
    return 0;
}
