#include "clicommon.h"
#include "commands.h"

#include <exec/executor.h>
#include <exec/sqlcompiler.h>
#include <graphql/parser.h>
#include <graphql/validator.h>
#include <pg/connection.h>
#include <reflect/catalogreader.h>
#include <reflect/enumtables.h>
#include <reflect/reflectoptions.h>
#include <reflect/schemagenerator.h>

#include <QJsonDocument>
#include <QJsonObject>

// refract-cli query --db URI --schema S[,S…] [--preset postgraphile|appsync] [--options JSON]
//                   [--settings JSON] [--variables JSON] [--operation NAME] [--dry-run] [--explain]
//                   [--statement-timeout MS] FILE|-
// Reflects the database, runs the GraphQL operation in one identity transaction and prints the
// response JSON as PostGraphile v4 would answer it. --profile/--jwt wait for the identity module.
namespace refract::cli {

using namespace refract::reflect;

namespace {

QString err(const QString &m) { return QStringLiteral("refract-cli query: ") + m; }

/// PostGraphile's pgSettings order: every key but `role`, then `role`.
bool settingsFromJson(const QString &json, QList<QPair<QString, QString>> *out, QString *error)
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
    std::optional<QString> role;
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
            role = v;
        else
            *out << qMakePair(it.key(), v);
    }
    if (role)
        *out << qMakePair(QStringLiteral("role"), *role);
    return true;
}

} // namespace

int runQuery(const QStringList &args)
{
    QString db, schemas, presetName = QStringLiteral("postgraphile"), optionsJson, settingsJson, variablesJson, operation, file;
    bool dryRun = false, explain = false;
    int timeoutMs = 0;
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
        else if (a == QLatin1String("--profile") || a == QLatin1String("--jwt") || a == QLatin1String("--jwt-secret")) {
            printError(err(QStringLiteral("%1 is not available yet (identity module)").arg(a)));
            return 2;
        } else if (file.isEmpty() && (a == QLatin1String("-") || !a.startsWith(QLatin1String("--")))) file = a;
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
    if (!settingsFromJson(settingsJson, &settings, &error)) {
        printError(err(error));
        return 2;
    }
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
