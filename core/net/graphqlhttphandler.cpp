#include "graphqlhttphandler.h"
#include "requestbodyreader.h"

#include "graphqlhttpjob.h"

#include <exec/engine.h>
#include <identity/claimsmapping.h>
#include <identity/jwt.h>
#include <pg/connectionpool.h>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrlQuery>

namespace refract::net {

namespace {

constexpr QByteArrayView kGraphQLResponse = "application/graphql-response+json";

QByteArray contentTypeOf(bool graphqlResponse)
{
    return graphqlResponse ? QByteArray("application/graphql-response+json; charset=utf-8")
                           : QByteArray("application/json; charset=utf-8");
}

/// RFC 6750 §3: `Bearer error="invalid_token", error_description="…"`; the description may only
/// hold printable ASCII without `"` and `\`, so anything else becomes a space.
QByteArray bearerChallenge(const QString &description)
{
    QByteArray d = description.toLatin1();
    for (char &ch : d)
        if (ch < 0x20 || ch > 0x7e || ch == '"' || ch == '\\')
            ch = ' ';
    return "Bearer error=\"invalid_token\", error_description=\"" + d.simplified() + '"';
}

QByteArray errorJson(const QString &message, const char *code = nullptr)
{
    QJsonObject e{{QStringLiteral("message"), message}};
    if (code)
        e.insert(QStringLiteral("extensions"), QJsonObject{{QStringLiteral("code"), QLatin1String(code)}});
    return "{\"errors\":[" + QJsonDocument(e).toJson(QJsonDocument::Compact) + "]}";
}

/// The token of `Bearer <token>` in its plain form (one space, token68 characters, no other
/// whitespace), or empty: then the regular expression, which also takes the rarer forms, decides.
/// The regular expression was a twentieth of a root finder's request CPU.
QByteArray plainBearerToken(const QByteArray &header)
{
    if (header.size() <= 7 || qstrnicmp(header.constData(), "bearer ", 7) != 0)
        return {};
    qsizetype i = 7, end = header.size();
    while (end > i && header[end - 1] == '=')
        --end;
    if (end == i)
        return {};
    for (qsizetype k = i; k < end; ++k) {
        const char c = header[k];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_'
              || c == '~' || c == '+' || c == '/'))
            return {};
    }
    return header.mid(i);
}

/// The media type to answer with, from the Accept header (q-values honoured, order kept among
/// equals): graphql-response+json, json, or none acceptable (406). No header: application/json, as
/// the specification asks of servers that still serve legacy clients.
std::optional<bool> negotiate(const QByteArray &accept)
{
    // What nearly every client sends: one media type without parameters.
    if (accept == "application/json")
        return false;
    if (accept == kGraphQLResponse)
        return true;
    if (accept.trimmed().isEmpty())
        return false;
    struct Candidate { double q; int order; bool graphqlResponse; };
    std::optional<Candidate> best;
    int order = 0;
    for (const QByteArray &range : accept.split(',')) {
        const QList<QByteArray> params = range.split(';');
        const QByteArray type = params.value(0).trimmed().toLower();
        double q = 1.0;
        for (qsizetype i = 1; i < params.size(); ++i) {
            const QByteArray p = params[i].trimmed();
            if (p.startsWith("q=") || p.startsWith("Q="))
                q = p.mid(2).toDouble();
        }
        ++order;
        if (q <= 0)
            continue;
        std::optional<bool> grj;
        if (type == kGraphQLResponse)
            grj = true;
        else if (type == "application/json" || type == "application/*" || type == "*/*")
            grj = false;
        if (!grj)
            continue;
        if (!best || q > best->q)
            best = Candidate{q, order, *grj};
    }
    if (!best)
        return std::nullopt;
    return best->graphqlResponse;
}

} // namespace

GraphQLHttpHandler::GraphQLHttpHandler(const exec::Engine &engine, pg::ConnectionPool &pool, const GraphQLHttpOptions &options)
    : m_engine(engine), m_pool(pool), m_options(options)
{
    if (auto mapping = identity::ClaimsMapping::preset(options.auth.claimsMapping))
        m_mapping = std::make_unique<identity::ClaimsMapping>(*mapping);
}

GraphQLHttpHandler::~GraphQLHttpHandler() = default;

bool GraphQLHttpHandler::isValid(QString *error) const
{
    if (!m_mapping) {
        if (error)
            *error = QStringLiteral("unknown claims mapping '%1' (postgraphile, appsync or supabase)").arg(m_options.auth.claimsMapping);
        return false;
    }
    return true;
}

void GraphQLHttpHandler::addCors(const HttpRequest &request, HttpResponse *response) const
{
    addCors(request.header("origin"), response);
}

void GraphQLHttpHandler::addCors(const QByteArray &origin, HttpResponse *response) const
{
    if (origin.isEmpty() || m_options.corsOrigins.isEmpty())
        return;
    if (m_options.corsOrigins.contains(QStringLiteral("*")))
        response->addHeader("Access-Control-Allow-Origin", "*");
    else if (m_options.corsOrigins.contains(QString::fromUtf8(origin)))
        response->addHeader("Access-Control-Allow-Origin", origin);
    else
        return;
    response->addHeader("Vary", "Origin");
}

HttpResponse GraphQLHttpHandler::handle(const HttpRequest &request) const
{
    HttpResponse response;
    if (request.path == "/health") {
        response = health(request);
    } else if (request.path == "/appsync-event" && m_options.appSyncEvent) {
        response = m_options.appSyncEvent(request);
    } else if (request.path != m_options.path) {
        response = HttpResponse::json(404, errorJson(QStringLiteral("Not found; GraphQL is served at %1").arg(QString::fromUtf8(m_options.path))));
    } else if (request.method == "OPTIONS") {
        // CORS preflight: the allowed origin gets the methods and headers it may use.
        response.status = 204;
        response.addHeader("Allow", "GET, POST, OPTIONS");
        addCors(request, &response);
        if (response.headers.size() > 1) {
            response.addHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
            const QByteArray asked = request.header("access-control-request-headers");
            response.addHeader("Access-Control-Allow-Headers", asked.isEmpty() ? QByteArray("Content-Type, Authorization, Accept") : asked);
            response.addHeader("Access-Control-Max-Age", "86400");
        }
        return response;
    } else {
        response = handleGraphQL(request);
    }
    addCors(request, &response);
    return response;
}

HttpResponse GraphQLHttpHandler::health(const HttpRequest &request) const
{
    if (request.method != "GET" && request.method != "HEAD") {
        HttpResponse r = HttpResponse::json(405, errorJson(QStringLiteral("Use GET.")));
        r.addHeader("Allow", "GET, HEAD");
        return r;
    }
    QString error;
    bool busy = false;
    HttpResponse r;
    {
        pg::ConnectionPool::Lease lease(m_pool, qMin(1000, m_options.acquireTimeoutMs), &error, &busy);
        if (lease) {
            const pg::Result res = lease->exec(QStringLiteral("select 1"));
            if (!res.ok())
                error = res.error().message;
        }
    }
    // The server itself answers either way: `database` says whether PostgreSQL does. Every pooled
    // connection in use is load, not an outage (an outage hands connections back at once): a
    // health probe must not fail a server for being busy.
    if (busy)
        r = HttpResponse::json(200, "{\"status\":\"ok\",\"database\":\"busy\"}");
    else if (error.isEmpty())
        r = HttpResponse::json(200, "{\"status\":\"ok\",\"database\":\"up\"}");
    else
        r = HttpResponse::json(503, QJsonDocument(QJsonObject{{QStringLiteral("status"), QStringLiteral("unavailable")},
                                                              {QStringLiteral("database"), QStringLiteral("down")},
                                                              {QStringLiteral("error"), error.simplified()}})
                                        .toJson(QJsonDocument::Compact));
    r.headOnly = request.method == "HEAD";
    return r;
}

std::optional<HttpResponse> GraphQLHttpHandler::admit(const HttpRequest &request, Admitted *admitted) const
{
    const bool isGet = request.method == "GET";
    if (!isGet && request.method != "POST") {
        HttpResponse r = HttpResponse::json(405, errorJson(QStringLiteral("Only GET and POST are supported.")));
        r.addHeader("Allow", "GET, POST, OPTIONS");
        return r;
    }
    const std::optional<bool> negotiated = negotiate(request.header("accept"));
    if (!negotiated)
        return HttpResponse::json(406, errorJson(QStringLiteral("Accept must allow application/graphql-response+json or application/json.")));
    const bool grj = *negotiated;
    admitted->graphqlResponse = grj;
    admitted->contentType = contentTypeOf(grj);
    const QByteArray contentType = admitted->contentType;
    auto reply = [&](int status, const QByteArray &body) { return HttpResponse::json(status, body, contentType); };
    auto badRequest = [&](const QString &message) { return reply(400, errorJson(message)); };
    auto invalidToken = [&](const QString &message) {
        HttpResponse r = reply(401, errorJson(message));
        r.addHeader("WWW-Authenticate", bearerChallenge(message));
        return r;
    };

    // The GraphQL-over-HTTP parameters.
    exec::Request &req = admitted->request;
    if (isGet) {
        QByteArray q = request.query;
        q.replace('+', "%20"); // form encoding: `+` is a space
        const QUrlQuery query(QString::fromUtf8(q));
        if (!query.hasQueryItem(QStringLiteral("query")))
            return badRequest(QStringLiteral("Missing query."));
        req.query = query.queryItemValue(QStringLiteral("query"), QUrl::FullyDecoded);
        req.operationName = query.queryItemValue(QStringLiteral("operationName"), QUrl::FullyDecoded);
        for (const char *name : {"variables", "extensions"}) {
            const QString text = query.queryItemValue(QLatin1String(name), QUrl::FullyDecoded);
            if (text.isEmpty() || text == QLatin1String("null"))
                continue;
            const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
            if (!doc.isObject())
                return badRequest(QStringLiteral("%1 must be a JSON object.").arg(QLatin1String(name)));
            if (name[0] == 'v')
                req.variables = doc.object();
        }
    } else {
        // Read in place: these checks run for every request.
        const QByteArray contentTypeHeader = request.header("content-type");
        QByteArrayView ct(contentTypeHeader);
        if (const qsizetype semicolon = ct.indexOf(';'); semicolon >= 0)
            ct = ct.first(semicolon);
        ct = ct.trimmed();
        if (ct.isEmpty())
            return reply(415, errorJson(QStringLiteral("Missing Content-Type; send application/json.")));
        if (ct.compare("application/json", Qt::CaseInsensitive) != 0)
            return reply(415, errorJson(QStringLiteral("Unsupported Content-Type '%1'; send application/json.").arg(QString::fromUtf8(ct.toByteArray().toLower()))));
        if (QByteArrayView(request.body).trimmed().isEmpty())
            return badRequest(QStringLiteral("Missing request body."));
        // The usual body is read in place; whatever RequestBodyReader cannot vouch for takes the
        // general path, which also words the errors.
        RequestBodyReader::Body fast;
        if (RequestBodyReader::read(request.body, &fast)) {
            req.query = std::move(fast.query);
            req.operationName = std::move(fast.operationName);
            req.variables = std::move(fast.variables);
        } else {
            QJsonParseError pe;
            const QJsonDocument doc = QJsonDocument::fromJson(request.body, &pe);
            if (pe.error != QJsonParseError::NoError)
                return badRequest(QStringLiteral("Malformed JSON body: %1 at offset %2.").arg(pe.errorString()).arg(pe.offset));
            if (!doc.isObject())
                return badRequest(QStringLiteral("The request body must be a JSON object."));
            const QJsonObject body = doc.object();
            const QJsonValue query = body.value(QStringLiteral("query"));
            if (!query.isString())
                return badRequest(query.isUndefined() ? QStringLiteral("Missing query.") : QStringLiteral("query must be a string."));
            req.query = query.toString();
            const QJsonValue op = body.value(QStringLiteral("operationName"));
            if (op.isString())
                req.operationName = op.toString();
            else if (!op.isNull() && !op.isUndefined())
                return badRequest(QStringLiteral("operationName must be a string or null."));
            const QJsonValue variables = body.value(QStringLiteral("variables"));
            if (variables.isObject())
                req.variables = variables.toObject();
            else if (!variables.isNull() && !variables.isUndefined())
                return badRequest(QStringLiteral("variables must be an object or null."));
            const QJsonValue extensions = body.value(QStringLiteral("extensions"));
            if (!extensions.isObject() && !extensions.isNull() && !extensions.isUndefined())
                return badRequest(QStringLiteral("extensions must be an object or null."));
        }
    }

    // Who is asking: PostGraphile's bearer format and jsonwebtoken's messages. Every rejected token
    // (expired, bad signature, `alg: none`, wrong audience, malformed, unacceptable claims) answers
    // 401 with RFC 6750's `WWW-Authenticate: Bearer error="invalid_token"`: the credentials are
    // what is wrong, and a client should fetch a new token. (PostGraphile v4 answers 403 for all but
    // an expired one; the issue asks for 401, which is what the RFC and AppSync answer.)
    const JwtAuthOptions &auth = m_options.auth;
    bool haveSettings = false;
    if (!auth.key.isEmpty()) {
        const QByteArray header = request.header("authorization");
        if (!header.isNull()) {
            QByteArray token = plainBearerToken(header);
            if (token.isEmpty()) {
                static const QRegularExpression bearer(QStringLiteral("^\\s*bearer\\s+([a-z0-9\\-._~+/]+=*)\\s*$"),
                                                       QRegularExpression::CaseInsensitiveOption);
                const QRegularExpressionMatch m = bearer.match(QString::fromLatin1(header));
                if (!m.hasMatch())
                    return badRequest(QStringLiteral("Authorization header is not of the correct bearer scheme format."));
                token = m.captured(1).toLatin1();
            }
            const double now = double(QDateTime::currentSecsSinceEpoch());
            {
                QReadLocker lock(&m_tokenLock);
                const auto it = m_tokens.constFind(token);
                if (it != m_tokens.constEnd() && (it->exp == 0 || now < it->exp) && (it->nbf == 0 || now >= it->nbf)) {
                    req.settings = it->settings;
                    haveSettings = true;
                }
            }
            if (!haveSettings) {
                identity::JwtVerifyOptions vo;
                vo.allowed = auth.algorithms;
                vo.audience = auth.audience;
                const identity::JwtResult jwt = identity::Jwt::verify(token, auth.key, vo);
                if (!jwt.ok)
                    return invalidToken(jwt.error);
                QString claimError;
                if (!m_mapping->checkClaims(jwt.claims, &claimError))
                    return invalidToken(claimError.isEmpty() ? QStringLiteral("The token's claims are not acceptable.") : claimError);
                req.settings = m_mapping->settings(jwt.claims, auth.defaultRole);
                haveSettings = true;
                CachedToken cached{req.settings, jwt.claims.value(QStringLiteral("exp")).toDouble(0),
                                   jwt.claims.value(QStringLiteral("nbf")).toDouble(0)};
                QWriteLocker lock(&m_tokenLock);
                if (m_tokens.size() >= kTokenCacheSize)
                    m_tokens.clear();
                m_tokens.insert(token, cached);
            }
        }
    }
    if (!haveSettings)
        req.settings = m_mapping->settings(QJsonObject(), auth.defaultRole);
    req.statementTimeoutMs = m_options.requestTimeoutMs;

    admitted->prepared = m_engine.prepare(req.query);
    const exec::PreparedDocument &prepared = *admitted->prepared;
    if (!prepared.ok())
        return reply(grj ? 400 : 200, exec::Engine::errorsJson(prepared.errors()));
    const std::optional<graphql::ast::OperationType> type = prepared.operationType(req.operationName);
    if (type == graphql::ast::OperationType::Mutation && isGet) {
        HttpResponse r = reply(405, errorJson(QStringLiteral("Can only perform a mutation operation from a POST request.")));
        r.addHeader("Allow", "POST");
        return r;
    }
    if (type == graphql::ast::OperationType::Subscription)
        return reply(grj ? 400 : 200, errorJson(QStringLiteral("Subscriptions are served over WebSocket (graphql-transport-ws) at this URL, not over HTTP.")));
    admitted->viaMutationRunner = type == graphql::ast::OperationType::Mutation && (m_options.runMutation || m_options.prepareMutation)
                                  && (!m_options.mutationNeedsRunner || m_options.mutationNeedsRunner());
    return std::nullopt;
}

HttpResponse GraphQLHttpHandler::unavailable(const Admitted &admitted, const QString &why) const
{
    // The database being away (stopped, restarting, unreachable) is the server's condition, not the
    // request's: 503 with a GraphQL `errors` body and Retry-After, answered at once (the pool fails
    // fast while it cannot connect) so clients never hang on an outage.
    HttpResponse r = HttpResponse::json(503, errorJson(QStringLiteral("The database is not available: %1").arg(why.simplified()), "DATABASE_UNAVAILABLE"),
                                        admitted.contentType);
    r.addHeader("Retry-After", "1");
    return r;
}

HttpResponse GraphQLHttpHandler::respond(const Admitted &admitted, const QByteArray &json, bool requestError, const pg::Connection &connection) const
{
    // The session died under the request (PostgreSQL stopped mid-request): whatever the engine
    // answered is an outage, and the pool reopens this connection on its next use.
    if (!connection.isOpen())
        return unavailable(admitted, connection.lastError().message.isEmpty() ? QStringLiteral("the connection was lost")
                                                                              : connection.lastError().message);
    return HttpResponse::json(requestError && admitted.graphqlResponse ? 400 : 200, json, admitted.contentType);
}

HttpResponse GraphQLHttpHandler::handleGraphQL(const HttpRequest &request) const
{
    Admitted admitted;
    if (std::optional<HttpResponse> answer = admit(request, &admitted))
        return std::move(*answer);
    QString poolError;
    pg::ConnectionPool::Lease connection(m_pool, m_options.acquireTimeoutMs, &poolError);
    if (!connection)
        return unavailable(admitted, poolError);
    QByteArray json;
    bool requestError = false;
    if (admitted.viaMutationRunner && m_options.runMutation) {
        json = m_options.runMutation(admitted.request, *connection.get(), &requestError);
    } else if (admitted.viaMutationRunner) {
        MutationAnnouncement announcement = m_options.prepareMutation(admitted.request, *connection.get());
        exec::ExecutionResult result = m_engine.execute(announcement.request, *connection.get());
        json = std::move(result.json);
        requestError = result.requestError;
        if (announcement.announce)
            announcement.announce(&json);
    } else {
        exec::ExecutionResult result = m_engine.execute(*admitted.prepared, admitted.request, *connection.get());
        json = std::move(result.json);
        requestError = result.requestError;
    }
    return respond(admitted, json, requestError, *connection.get());
}

HttpOutcome GraphQLHttpHandler::start(const HttpRequest &request) const
{
    HttpOutcome outcome;
    if (request.path != m_options.path || request.method == "OPTIONS") {
        outcome.response = handle(request);
        return outcome;
    }
    auto job = std::make_unique<GraphQLHttpJob>(*this, request.header("origin"));
    if (std::optional<HttpResponse> answer = admit(request, &job->admitted())) {
        outcome.response = std::move(*answer);
        addCors(request, &outcome.response);
        return outcome;
    }
    if (job->advance() == HttpJob::Wait::Done)
        outcome.response = job->takeResponse();
    else
        outcome.job = std::move(job);
    return outcome;
}

} // namespace refract::net
