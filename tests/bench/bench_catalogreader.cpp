// Times CatalogReader::read on a real database: not a test, a figure for scripts/bench.
//   bench_catalogreader --db CONNINFO --schema bench [--runs 10]
// Prints one line of key=value pairs (times in ms, peak RSS in MB) so scripts can pick fields.

#include <pg/connection.h>
#include <reflect/catalogreader.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>

#include <unistd.h>

#include <algorithm>
#include <vector>

using namespace refract;

namespace {

double peakRssMb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return 0;
}

// CPU seconds (user + system) a process has used so far, from /proc (clock ticks of 10 ms): the
// machine running the benchmark may be busy, and CPU time shrugs that off better than wall time.
double cpuMs(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray stat = f.readAll();
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    // After the command name: state is field 3, utime 14 and stime 15 (1-based) of the full line.
    if (fields.size() < 13)
        return 0;
    return (fields[11].toDouble() + fields[12].toDouble()) * 1000.0 / double(sysconf(_SC_CLK_TCK));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QString db;
    QStringList schemas;
    int runs = 10;
    bool perStatement = false;
    bool displayText = true;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i < args.size(); i += 2) {
        if (args[i] == QLatin1String("--per-statement")) {
            perStatement = true;
            --i;
        } else if (args[i] == QLatin1String("--no-display-text")) {
            displayText = false;
            --i;
        } else if (i + 1 >= args.size())
            break;
        else if (args[i] == QLatin1String("--db"))
            db = args[i + 1];
        else if (args[i] == QLatin1String("--schema"))
            schemas << args[i + 1];
        else if (args[i] == QLatin1String("--runs"))
            runs = std::max(1, args[i + 1].toInt());
    }
    QTextStream err(stderr);
    QTextStream out(stdout);
    if (schemas.isEmpty()) {
        err << "usage: bench_catalogreader --db CONNINFO --schema NAME [--schema NAME…] [--runs N] [--per-statement] [--no-display-text]\n";
        return 2;
    }
    QElapsedTimer total;
    total.start();
    pg::Connection conn;
    if (!conn.open(db)) {
        err << conn.lastError().toString() << '\n';
        return 1;
    }
    const qint64 connectMs = total.elapsed();
    if (perStatement) {
        // Each catalog statement alone (best of `runs`), to see where the server spends its time.
        const char *names[] = {"meta", "namespaces", "classes", "attributes", "types", "constraints",
                               "indexes", "functions", "policies"};
        const QList<pg::Param> params{reflect::CatalogReader::textArrayLiteral(schemas), std::nullopt,
                                        QByteArray(displayText ? "true" : "false"), QByteArray("{}")};
        const qint64 pid = conn.exec(QStringLiteral("select pg_backend_pid()")).toInt(0, 0);
        for (const char *name : names) {
            double best = 1e9;
            int rows = 0;
            const double cpu0 = cpuMs(pid);
            for (int r = 0; r < runs; ++r) {
                conn.exec(QStringLiteral("begin; set local jit = off"));
                QElapsedTimer t;
                t.start();
                const pg::Result res = conn.execParams(reflect::CatalogReader::statementSql(QLatin1String(name)), params);
                best = std::min(best, double(t.nsecsElapsed()) / 1e6);
                rows = res.rows();
                conn.exec(QStringLiteral("commit"));
            }
            out << name << '=' << QString::number(best, 'f', 1) << "ms/cpu " << QString::number((cpuMs(pid) - cpu0) / runs, 'f', 1)
                << "ms (" << rows << ") ";
        }
        out << '\n';
        out.flush();
    }
    const qint64 backendPid = conn.exec(QStringLiteral("select pg_backend_pid()")).toInt(0, 0);
    const double serverCpu0 = cpuMs(backendPid);
    const double clientCpu0 = cpuMs(QCoreApplication::applicationPid());
    std::vector<double> times;
    reflect::Catalog catalog;
    for (int r = 0; r < runs; ++r) {
        QElapsedTimer t;
        t.start();
        reflect::CatalogReader reader(conn);
        reader.setReadDisplayText(displayText);
        reflect::Catalog c;
        if (!reader.read(schemas, &c)) {
            err << reader.error().toString() << '\n';
            return 1;
        }
        times.push_back(double(t.nsecsElapsed()) / 1e6);
        if (r == 0)
            catalog = std::move(c);
    }
    const double serverCpu = (cpuMs(backendPid) - serverCpu0) / runs;
    const double clientCpu = (cpuMs(QCoreApplication::applicationPid()) - clientCpu0) / runs;
    size_t attributes = 0;
    for (const auto &k : catalog.classes)
        attributes += k.attributes.size();
    size_t fks = size_t(std::count_if(catalog.constraints.begin(), catalog.constraints.end(),
                                      [](const reflect::Constraint &c) { return c.type == 'f'; }));
    const double first = times.front();
    std::sort(times.begin(), times.end());
    out << QStringLiteral("connect_ms=%1 first_ms=%2 min_ms=%3 median_ms=%4 runs=%5 classes=%6 attributes=%7 "
                          "types=%8 constraints=%9 fks=%10 indexes=%11 functions=%12 grants=%13 peak_rss_mb=%14 server_cpu_ms=%15 client_cpu_ms=%16\n")
               .arg(connectMs)
               .arg(first, 0, 'f', 1)
               .arg(times.front(), 0, 'f', 1)
               .arg(times[times.size() / 2], 0, 'f', 1)
               .arg(runs)
               .arg(catalog.classes.size())
               .arg(attributes)
               .arg(catalog.types.size())
               .arg(catalog.constraints.size())
               .arg(fks)
               .arg(catalog.indexes.size())
               .arg(catalog.functions.size())
               .arg(catalog.grants.size())
               .arg(peakRssMb(), 0, 'f', 1)
               .arg(serverCpu, 0, 'f', 1)
               .arg(clientCpu, 0, 'f', 1);
    return 0;
}
