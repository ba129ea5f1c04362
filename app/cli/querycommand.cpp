#include "clicommon.h"
#include "commands.h"

#include <exec/executor.h>
#include <exec/sqlcompiler.h>
#include <graphql/parser.h>
#include <graphql/validator.h>
#include <identity/identityprofile.h>
#include <identity/jwt.h>
#include <pg/connection.h>
#include <reflect/catalogreader.h>
#include <reflect/enumtables.h>
#include <reflect/reflectoptions.h>
#include <reflect/schemagenerator.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

// refract-cli query --db URI --schema S[,S…] [--preset postgraphile|appsync] [--options JSON]
//                   [--settings JSON] [--profile PROFILE.json] [--jwt TOKEN|@FILE --jwt-secret SECRET|@FILE]
//                   [--jwt-audience AUD] [--claims-mapping postgraphile|appsync|supabase] [--default-role ROLE]
//                   [--variables JSON] [--operation NAME] [--dry-run] [--explain] [--statement-timeout MS] FILE|-
// Reflects the database, runs the GraphQL operation in one identity transaction and prints the
// response JSON as PostGraphile v4 would answer it.
//
// Who the request runs as, in PostGraphile's order (withPostGraphileContext): the --settings keys
// except `role`; then `role` = --settings' role, else the role the identity gives (a profile's fixed
// role, else the token's or profile's role claim, else --default-role / the profile's default role);
// then the identity's claim settings from the claims mapping (the token's verified claims, else the
// profile's claims). A name given twice keeps its last value, so claim settings override --settings
// keys of the same name — except `role`, where --settings wins, as pgSettings.role does.
// A token that does not verify (bad signature, expired, wrong audience, …) is answered with a
// GraphQL error carrying jsonwebtoken's message and exit code 1, like PostGraphile's 401/403.
// The audience checked is --jwt-audience, else "postgraphile" under the postgraphile mapping
// (PostGraphile's default), else none. The secret may come from --jwt-secret, @FILE (a PEM public
// key) or the REFRACT_JWT_SECRET environment variable (kept out of the process list); it is never printed.
namespace refract::cli {

using namespace refract::reflect;

namespace {

QString err(const QString &m) { return QStringLiteral("refract-cli query: ") + m; }

/// --settings in PostGraphile's pgSettings shape: every key but `role` in order, `role` apart.
bool settingsFromJson(const QString &json, QList<QPair<QString, QString>> *out, std::optional<QString> *role, QString *error)
{
    if (json.isEmpty())
        return true;
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &pe);
    if (!doc.isObject()) {
        *error = QStringLiteral("--settings must be a JSON object");
        return false;
    }
    const QJsonObject o = doc.object();
    for (auto it = o.begin(); it != o.end(); ++it) {
        QString v;
        if (it->isString())
            v = it->toString();
        else if (it->isBool())
            v = it->toBool() ? QStringLiteral("true") : QStringLiteral("false");
        else if (it->isDouble())
            v = QString::number(it->toDouble(), 'g', 17);
        else if (it->isNull())
            continue;
        else {
            *error = QStringLiteral("--settings: the value of '%1' must be a string, number or boolean").arg(it.key());
            return false;
        }
        if (it.key() == QLatin1String("role"))
            *role = v;
        else
            *out << qMakePair(it.key(), v);
    }
    return true;
}

/// `@FILE` → the file's bytes; anything else as given.
bool valueOrFile(const QString &arg, const char *what, QByteArray *out, QString *error)
{
    if (!arg.startsWith(QLatin1Char('@'))) {
        *out = arg.toUtf8();
        return true;
    }
    QFile f(arg.mid(1));
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the %1 file %2: %3").arg(QLatin1String(what), arg.mid(1), f.errorString());
        return false;
    }
    *out = f.readAll();
    return true;
}

struct IdentityArgs
{
    QString profile, jwt, jwtSecret, claimsMapping, defaultRole;
    std::optional<QString> audience;
    bool any() const { return !profile.isEmpty() || !jwt.isEmpty() || !defaultRole.isEmpty(); }
};

QByteArray errorResponse(const QString &message)
{
    const QJsonObject e{{QStringLiteral("message"), message}};
    return "{\"errors\":[" + QJsonDocument(e).toJson(QJsonDocument::Compact) + "]}\n";
}

/// The identity's settings (role first). Returns 0, 2 for a usage error (message on stderr) or 1
/// for an authentication error (GraphQL error on stdout).
int identitySettings(const IdentityArgs &args, QList<QPair<QString, QString>> *out)
{
    using namespace refract::identity;
    QString error;
    IdentityProfile profile;
    if (!args.profile.isEmpty()) {
        std::optional<IdentityProfile> loaded = IdentityProfile::load(args.profile, &error);
        if (!loaded) {
            printError(err(error));
            return 2;
        }
        profile = *loaded;
    }
    if (!args.claimsMapping.isEmpty()) {
        if (!ClaimsMapping::preset(args.claimsMapping)) {
            printError(err(QStringLiteral("unknown claims mapping '%1' (postgraphile, appsync or supabase)").arg(args.claimsMapping)));
            return 2;
        }
        profile.claimsMapping = args.claimsMapping.toLower();
    }
    if (!args.defaultRole.isEmpty())
        profile.defaultRole = args.defaultRole;

    QJsonObject claims = profile.claims;
    if (!args.jwt.isEmpty()) {
        QByteArray token, key;
        if (!valueOrFile(args.jwt, "token", &token, &error)) {
            printError(err(error));
            return 2;
        }
        QString secretArg = args.jwtSecret;
        if (secretArg.isEmpty())
            secretArg = qEnvironmentVariable("REFRACT_JWT_SECRET");
        if (secretArg.isEmpty()) {
            printError(err(QStringLiteral("--jwt needs --jwt-secret SECRET|@FILE (or REFRACT_JWT_SECRET)")));
            return 2;
        }
        if (!valueOrFile(secretArg, "secret", &key, &error)) {
            printError(err(error));
            return 2;
        }
        JwtVerifyOptions options;
        if (args.audience)
            options.audience = *args.audience;
        else if (profile.claimsMapping == QLatin1String("postgraphile"))
            options.audience = QStringLiteral("postgraphile");
        const JwtResult verified = Jwt::verify(token.trimmed(), key, options);
        if (!verified.ok) {
            printOut(errorResponse(verified.error));
            return 1;
        }
        claims = verified.claims;
    }
    const auto settings = profile.settingsFor(claims, &error);
    if (!settings) {
        printOut(errorResponse(error));
        return 1;
    }
    *out = *settings;
    return 0;
}

} // namespace

int runQuery(const QStringList &args)
{
    QString db, schemas, presetName = QStringLiteral("postgraphile"), optionsJson, settingsJson, variablesJson, operation, file;
    bool dryRun = false, explain = false;
    int timeoutMs = 0;
    IdentityArgs identityArgs;
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
        bool ok = true;
        QString timeout;
        if (a == QLatin1String("--db")) ok = value(&db);
        else if (a == QLatin1String("--schema")) ok = value(&schemas);
        else if (a == QLatin1String("--preset")) ok = value(&presetName);
        else if (a == QLatin1String("--options")) ok = value(&optionsJson);
        else if (a == QLatin1String("--settings")) ok = value(&settingsJson);
        else if (a == QLatin1String("--variables")) ok = value(&variablesJson);
        else if (a == QLatin1String("--operation")) ok = value(&operation);
        else if (a == QLatin1String("--statement-timeout")) { ok = value(&timeout); timeoutMs = timeout.toInt(); }
        else if (a == QLatin1String("--dry-run")) dryRun = true;
        else if (a == QLatin1String("--explain")) explain = true;
        else if (a == QLatin1String("--profile")) ok = value(&identityArgs.profile);
        else if (a == QLatin1String("--jwt")) ok = value(&identityArgs.jwt);
        else if (a == QLatin1String("--jwt-secret")) ok = value(&identityArgs.jwtSecret);
        else if (a == QLatin1String("--claims-mapping")) ok = value(&identityArgs.claimsMapping);
        else if (a == QLatin1String("--default-role")) ok = value(&identityArgs.defaultRole);
        else if (a == QLatin1String("--jwt-audience")) { QString aud; ok = value(&aud); identityArgs.audience = aud; }
        else if (file.isEmpty() && (a == QLatin1String("-") || !a.startsWith(QLatin1String("--")))) file = a;
        else {
            printError(err(QStringLiteral("unknown argument '%1'").arg(a)));
            return 2;
        }
        if (!ok)
            return 2;
    }
    if (db.isEmpty() || schemas.isEmpty() || file.isEmpty()) {
        printError(err(QStringLiteral("--db, --schema and a query FILE (or -) are required")));
        return 2;
    }
    const std::optional<Preset> preset = presetFromName(presetName);
    if (!preset) {
        printError(err(QStringLiteral("unknown preset '%1' (postgraphile or appsync)").arg(presetName)));
        return 2;
    }
    ReflectOptions options = ReflectOptions::defaultsFor(*preset);
    QString error;
    if (!optionsJson.isEmpty() && !options.applyJson(optionsJson.toUtf8(), &error)) {
        printError(err(error));
        return 2;
    }
    QList<QPair<QString, QString>> settings;
    std::optional<QString> settingsRole;
    if (!settingsFromJson(settingsJson, &settings, &settingsRole, &error)) {
        printError(err(error));
        return 2;
    }
    if (!identityArgs.jwtSecret.isEmpty() && identityArgs.jwt.isEmpty()) {
        printError(err(QStringLiteral("--jwt-secret needs --jwt TOKEN")));
        return 2;
    }
    QList<QPair<QString, QString>> identity;
    if (identityArgs.any()) {
        if (const int rc = identitySettings(identityArgs, &identity))
            return rc;
    }
    // PostGraphile's order: pgSettings but role, role (pgSettings' first), the claims.
    if (!identity.isEmpty() && identity.front().first == QLatin1String("role")) {
        if (!settingsRole)
            settingsRole = identity.front().second;
        identity.removeFirst();
    }
    if (settingsRole)
        settings << qMakePair(QStringLiteral("role"), *settingsRole);
    settings << identity;
    QJsonObject variables;
    if (!variablesJson.isEmpty()) {
        const QJsonDocument doc = QJsonDocument::fromJson(variablesJson.toUtf8());
        if (!doc.isObject()) {
            printError(err(QStringLiteral("--variables must be a JSON object")));
            return 2;
        }
        variables = doc.object();
    }
    QByteArray source;
    if (!readInput(file, &source, &error)) {
        printError(err(error));
        return 2;
    }
    QStringList schemaList;
    for (const QString &s : schemas.split(QLatin1Char(','), Qt::SkipEmptyParts))
        schemaList << s.trimmed();

    pg::Connection conn;
    if (!conn.open(db)) {
        printError(err(QStringLiteral("cannot connect: %1").arg(conn.lastError().toString().simplified())));
        return 1;
    }
    Catalog catalog;
    CatalogReader reader(conn);
    if (!reader.read(schemaList, &catalog)) {
        printError(err(reader.error().toString().simplified()));
        return 1;
    }
    EnumTableData enumData;
    if (!readEnumTables(conn, catalog, &enumData, &error)) {
        printError(err(error));
        return 1;
    }
    SchemaGenerator generator(catalog, *preset, options);
    generator.setEnumTableData(enumData);
    GeneratedSchema generated = generator.generate();
    // Validation needs the built-in scalars and directives even where the schema does not use them.
    generated.schema.addBuiltInScalars();
    generated.schema.addBuiltInDirectives();

    const graphql::ParseResult parsed = graphql::parse(QString::fromUtf8(source));
    if (!parsed.document) {
        printOut("{\"errors\":[" + parsed.error->toJson() + "]}\n");
        return 1;
    }
    const QList<graphql::GraphQLError> invalid = graphql::validate(generated.schema, *parsed.document);
    if (!invalid.isEmpty()) {
        QByteArray out = "{\"errors\":[";
        for (qsizetype i = 0; i < invalid.size(); ++i)
            out += (i ? "," : "") + invalid[i].toJson();
        printOut(out + "]}\n");
        return 1;
    }
    exec::SqlCompiler compiler(generated.schema, generated.meta, catalog, options);
    const exec::CompiledOperation op = compiler.compile(*parsed.document, operation, variables);
    exec::ExecuteOptions execOptions;
    execOptions.settings = settings;
    execOptions.dryRun = dryRun;
    execOptions.statementTimeoutMs = timeoutMs;

    if (explain) {
        // Each root field's SQL, parameters and plan, run as the same identity and rolled back.
        QJsonArray fields;
        for (const exec::CompiledField &f : op.fields) {
            QJsonObject o;
            o.insert(QStringLiteral("field"), f.responseKey);
            if (f.sql.isEmpty()) {
                fields << o;
                continue;
            }
            o.insert(QStringLiteral("sql"), f.sql);
            QJsonArray params;
            for (const pg::Param &p : f.params)
                params << (p ? QJsonValue(QString::fromUtf8(*p)) : QJsonValue(QJsonValue::Null));
            o.insert(QStringLiteral("params"), params);
            QList<pg::Statement> st{{QStringLiteral("begin"), {}}};
            const pg::Statement s = exec::Executor::settingsStatement(settings, timeoutMs);
            if (!s.sql.isEmpty())
                st << s;
            st << pg::Statement{QStringLiteral("explain (format json) ") + f.sql, f.params} << pg::Statement{QStringLiteral("rollback"), {}};
            const QList<pg::Result> r = conn.execPipeline(st);
            const pg::Result &plan = r.value(st.size() - 2);
            if (plan.ok() && plan.rows() > 0)
                o.insert(QStringLiteral("plan"), QJsonDocument::fromJson(plan.text(0, 0).toUtf8()).array());
            else
                o.insert(QStringLiteral("error"), plan.error().toString());
            if (conn.inTransaction())
                conn.exec(QStringLiteral("rollback"));
            fields << o;
        }
        printOut(QJsonDocument(fields).toJson(QJsonDocument::Indented));
        return 0;
    }
    exec::Executor executor(conn);
    printOut(executor.execute(op, execOptions) + '\n');
    return 0;
}

} // namespace refract::cli
