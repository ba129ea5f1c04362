#include "clicommon.h"
#include "commands.h"

#include <QThread>
#include <identity/jwt.h>
#include <net/localservice.h>
#include <reflect/reflectoptions.h>

#include <QCoreApplication>
#include <QFile>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

// refract-cli serve --db URI --schema S[,S…] [--host 127.0.0.1] [--port N] [--preset postgraphile|appsync]
//                   [--options JSON] [--jwt-secret S | --jwt-public-key FILE] [--jwt-audience A]
//                   [--default-role R] [--claims-mapping postgraphile|appsync|supabase] [--pool N]
//                   [--threads N] [--cors ORIGIN[,ORIGIN…]] [--max-body BYTES] [--max-depth N]
//                   [--max-aliases N] [--request-timeout MS] [--header-timeout MS] [--body-timeout MS]
//                   [--appsync-event]   (POST /appsync-event: trusts the identity inside the event)
// --jwt-audience: as PostGraphile v4 (`jwtAudiences` defaults to ['postgraphile']), a token must carry
// `aud: "postgraphile"` unless told otherwise; `--jwt-audience ''` accepts any audience (no check).
// Rejected tokens answer 401 with `WWW-Authenticate: Bearer error="invalid_token"`.
// Reflects the database once and serves GraphQL over HTTP until SIGINT/SIGTERM. Prints the URL it
// serves on stdout (one line) once it accepts connections.
namespace refract::cli {

namespace {

QString err(const QString &m) { return QStringLiteral("refract-cli serve: ") + m; }

/// Self-pipe: the signal handler only writes a byte; the event loop sees it through a
/// QSocketNotifier and quits (no Qt call is async-signal-safe).
int g_signalPipe[2] = {-1, -1};

extern "C" void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const ssize_t n = ::write(g_signalPipe[1], &c, 1);
}

} // namespace

int runServe(const QStringList &args)
{
    QString db, schemas, host = QStringLiteral("127.0.0.1"), presetName = QStringLiteral("postgraphile"), optionsJson;
    QString jwtSecret, jwtPublicKeyFile, audience = QStringLiteral("postgraphile"), defaultRole, claimsMapping = QStringLiteral("postgraphile"), cors;
    int port = 5678, pool = 8, threads = 0, maxDepth = 0, maxAliases = 0;
    int requestTimeout = 30000, headerTimeout = 10000, bodyTimeout = 30000;
    qint64 maxBody = 10 * 1024 * 1024;
    bool appSyncEvent = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        auto value = [&](QString *out) {
            if (i + 1 >= args.size()) {
                printError(err(QStringLiteral("%1 needs a value").arg(a)));
                return false;
            }
            *out = args[++i];
            return true;
        };
        auto number = [&](auto *out, qint64 min) {
            QString v;
            if (!value(&v))
                return false;
            bool ok = false;
            const qint64 n = v.toLongLong(&ok);
            if (!ok || n < min) {
                printError(err(QStringLiteral("%1 needs a number ≥ %2").arg(a).arg(min)));
                return false;
            }
            *out = std::remove_pointer_t<decltype(out)>(n);
            return true;
        };
        bool ok = true;
        if (a == QLatin1String("--db")) ok = value(&db);
        else if (a == QLatin1String("--schema")) ok = value(&schemas);
        else if (a == QLatin1String("--host")) ok = value(&host);
        else if (a == QLatin1String("--port")) ok = number(&port, 0) && (port <= 65535 || (printError(err(QStringLiteral("--port must be ≤ 65535"))), false));
        else if (a == QLatin1String("--preset")) ok = value(&presetName);
        else if (a == QLatin1String("--options")) ok = value(&optionsJson);
        else if (a == QLatin1String("--jwt-secret")) ok = value(&jwtSecret);
        else if (a == QLatin1String("--jwt-public-key")) ok = value(&jwtPublicKeyFile);
        else if (a == QLatin1String("--jwt-audience")) ok = value(&audience);
        else if (a == QLatin1String("--default-role")) ok = value(&defaultRole);
        else if (a == QLatin1String("--claims-mapping")) ok = value(&claimsMapping);
        else if (a == QLatin1String("--cors")) ok = value(&cors);
        else if (a == QLatin1String("--pool")) ok = number(&pool, 1);
        else if (a == QLatin1String("--threads")) ok = number(&threads, 1);
        else if (a == QLatin1String("--max-body")) ok = number(&maxBody, 1);
        else if (a == QLatin1String("--max-depth")) ok = number(&maxDepth, 0);
        else if (a == QLatin1String("--max-aliases")) ok = number(&maxAliases, 0);
        else if (a == QLatin1String("--request-timeout")) ok = number(&requestTimeout, 0);
        else if (a == QLatin1String("--header-timeout")) ok = number(&headerTimeout, 1);
        else if (a == QLatin1String("--body-timeout")) ok = number(&bodyTimeout, 1);
        else if (a == QLatin1String("--appsync-event")) appSyncEvent = true;
        else {
            printError(err(QStringLiteral("unknown argument '%1'").arg(a)));
            return 2;
        }
        if (!ok)
            return 2;
    }
    if (db.isEmpty() || schemas.isEmpty()) {
        printError(err(QStringLiteral("--db and --schema are required")));
        return 2;
    }
    if (!jwtSecret.isEmpty() && !jwtPublicKeyFile.isEmpty()) {
        printError(err(QStringLiteral("give either --jwt-secret or --jwt-public-key, not both")));
        return 2;
    }
    const std::optional<reflect::Preset> preset = reflect::presetFromName(presetName);
    if (!preset) {
        printError(err(QStringLiteral("unknown preset '%1' (postgraphile or appsync)").arg(presetName)));
        return 2;
    }
    reflect::ReflectOptions options = reflect::ReflectOptions::defaultsFor(*preset);
    QString error;
    if (!optionsJson.isEmpty() && !options.applyJson(optionsJson.toUtf8(), &error)) {
        printError(err(error));
        return 2;
    }
    net::LocalServerOptions serverOptions;
    if (!serverOptions.host.setAddress(host)) {
        printError(err(QStringLiteral("--host must be an IP address, not '%1'").arg(host)));
        return 2;
    }
    serverOptions.port = quint16(port);
    // Workers never wait on the database, so one per core keeps them busy (more only adds switches).
    serverOptions.threads = threads > 0 ? threads : qBound(1, QThread::idealThreadCount(), pool);
    serverOptions.http.maxBodyBytes = maxBody;
    serverOptions.http.headerTimeoutMs = headerTimeout;
    serverOptions.http.bodyTimeoutMs = bodyTimeout;
    serverOptions.graphql.requestTimeoutMs = requestTimeout;
    serverOptions.graphql.corsOrigins = cors.split(QLatin1Char(','), Qt::SkipEmptyParts);
    net::JwtAuthOptions &auth = serverOptions.graphql.auth;
    auth.audience = audience;
    auth.defaultRole = defaultRole;
    auth.claimsMapping = claimsMapping;
    if (!jwtSecret.isEmpty()) {
        auth.key = jwtSecret.toUtf8();
    } else if (!jwtPublicKeyFile.isEmpty()) {
        QFile f(jwtPublicKeyFile);
        if (!f.open(QIODevice::ReadOnly)) {
            printError(err(QStringLiteral("cannot read %1: %2").arg(jwtPublicKeyFile, f.errorString())));
            return 2;
        }
        auth.key = f.readAll();
    }
    QStringList schemaList;
    for (const QString &s : schemas.split(QLatin1Char(','), Qt::SkipEmptyParts))
        schemaList << s.trimmed();

    net::LocalServiceOptions service;
    service.conninfo = db;
    service.schemas = schemaList;
    service.preset = *preset;
    service.reflect = options;
    service.limits.maxDepth = maxDepth;
    service.limits.maxAliases = maxAliases;
    service.poolSize = pool;
    service.server = serverOptions;
    service.appSyncEvent = appSyncEvent;
    net::LocalService server(service);
    if (!server.load(&error)) {
        printError(err(error));
        return 1;
    }

    if (::pipe2(g_signalPipe, O_CLOEXEC | O_NONBLOCK) != 0) {
        printError(err(QStringLiteral("cannot create the signal pipe")));
        return 1;
    }
    struct sigaction sa = {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    // A client that disconnects mid-write must not kill the server.
    std::signal(SIGPIPE, SIG_IGN);
    QSocketNotifier notifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, QCoreApplication::instance(), [] {
        char buf[16];
        while (::read(g_signalPipe[0], buf, sizeof buf) > 0) {
        }
        QCoreApplication::quit();
    });

    // The same wiring as the workbench's "Run locally" (net::LocalService).
    if (!server.listen(&error)) {
        printError(err(error));
        return 1;
    }
    printOut(server.url().toString().toUtf8() + '\n');
    std::fflush(stdout);
    const int rc = QCoreApplication::exec();
    server.close();
    return rc;
}

} // namespace refract::cli
