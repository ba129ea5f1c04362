#include "clicommon.h"
#include "commands.h"

#include <graphql/schemaprinter.h>
#include <pg/connection.h>
#include <reflect/appsyncadapter.h>
#include <reflect/catalogreader.h>
#include <reflect/reflectoptions.h>
#include <reflect/schemagenerator.h>

#include <QElapsedTimer>
#include <QFile>

#include <memory>

#include <time.h>

// refract-cli export-sdl --db URI --schema S[,S…] [--preset postgraphile|appsync] [--options JSON]
//                        [--sorted] [-o FILE]
// Reflects the database like PostGraphile v4 and prints the SDL as graphql 15's printSchema does
// (PostGraphile's --export-schema-graphql), so that the two can be compared byte for byte.
namespace refract::cli {

using namespace refract::reflect;

int runExportSdl(const QStringList &args)
{
    QString db, schemas, presetName = QStringLiteral("postgraphile"), optionsJson, outPath;
    bool sorted = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        auto value = [&](QString *out) {
            if (i + 1 >= args.size()) {
                printError(QStringLiteral("refract-cli export-sdl: %1 needs a value").arg(a));
                return false;
            }
            *out = args[++i];
            return true;
        };
        bool ok = true;
        if (a == QLatin1String("--db")) ok = value(&db);
        else if (a == QLatin1String("--schema")) ok = value(&schemas);
        else if (a == QLatin1String("--preset")) ok = value(&presetName);
        else if (a == QLatin1String("--options")) ok = value(&optionsJson);
        else if (a == QLatin1String("-o") || a == QLatin1String("--output")) ok = value(&outPath);
        else if (a == QLatin1String("--sorted")) sorted = true;
        else {
            printError(QStringLiteral("refract-cli export-sdl: unknown argument '%1'").arg(a));
            return 2;
        }
        if (!ok)
            return 2;
    }
    if (db.isEmpty() || schemas.isEmpty()) {
        printError(QStringLiteral("refract-cli export-sdl: --db and --schema are required"));
        return 2;
    }
    const std::optional<Preset> preset = presetFromName(presetName);
    if (!preset) {
        printError(QStringLiteral("refract-cli export-sdl: unknown preset '%1' (postgraphile or appsync)").arg(presetName));
        return 2;
    }
    ReflectOptions options = ReflectOptions::defaultsFor(*preset);
    if (!optionsJson.isEmpty()) {
        QString error;
        if (!options.applyJson(optionsJson.toUtf8(), &error)) {
            printError(QStringLiteral("refract-cli export-sdl: %1").arg(error));
            return 2;
        }
    }
    QStringList schemaList;
    for (const QString &s : schemas.split(QLatin1Char(','), Qt::SkipEmptyParts))
        schemaList << s.trimmed();

    // REFRACT_EXPORT_TIMINGS=1 prints the time of each phase to stderr (for scripts/bench-reflect).
    const bool timings = qEnvironmentVariableIntValue("REFRACT_EXPORT_TIMINGS") == 1;
    QElapsedTimer clock;
    clock.start();
    QStringList phases;
    // Process CPU time next to wall time: on a shared machine the wall time of a phase mostly
    // measures the other processes.
    auto cpuMs = [] {
        timespec ts{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
        return qint64(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
    };
    qint64 cpuMark = cpuMs();
    auto phase = [&](const char *name) {
        if (!timings)
            return;
        const qint64 cpu = cpuMs();
        // Resident and peak memory after the phase (Linux), to see which phase sets the peak.
        QString rss;
        QFile status(QStringLiteral("/proc/self/status"));
        if (status.open(QIODevice::ReadOnly)) {
            for (const QByteArray &line : status.readAll().split('\n'))
                if (line.startsWith("VmRSS:") || line.startsWith("VmHWM:"))
                    rss += QLatin1Char(' ') + QString::fromLatin1(line.mid(2, 3).toLower()) + QLatin1Char(' ')
                           + QString::number(line.mid(6).trimmed().split(' ').value(0).toLongLong() / 1024) + QStringLiteral("MB");
        }
        phases << QStringLiteral("%1=%2ms(cpu %3ms%4)").arg(QLatin1String(name)).arg(clock.restart()).arg(cpu - cpuMark).arg(rss);
        cpuMark = cpu;
    };
    pg::Connection conn;
    if (!conn.open(db)) {
        printError(QStringLiteral("refract-cli export-sdl: cannot connect: %1").arg(conn.lastError().toString().simplified()));
        return 1;
    }
    Catalog catalog;
    CatalogReader reader(conn);
    // Column defaults and constraint/index definitions are for display only; skipping them saves
    // about a third of the server's work on large catalogs.
    reader.setReadDisplayText(false);
    if (!reader.read(schemaList, &catalog)) {
        printError(QStringLiteral("refract-cli export-sdl: %1").arg(reader.error().toString().simplified()));
        return 1;
    }
    phase("read");
    EnumTableData enumData;
    QString enumError;
    if (!readEnumTables(conn, catalog, &enumData, &enumError)) {
        printError(QStringLiteral("refract-cli export-sdl: %1").arg(enumError));
        return 1;
    }
    SchemaGenerator generator(catalog, *preset, options);
    generator.setEnumTableData(enumData);
    generator.setCollectFieldMeta(false); // only the SDL is wanted
    // The generated model of thousands of tables is millions of small allocations; freeing them one
    // by one took a tenth of the export. The process ends right after printing, so the model is
    // left to the operating system (except under AddressSanitizer, whose leak check would object).
    auto *generated = new GeneratedSchema(generator.generate());
    phase("generate");
#if defined(__SANITIZE_ADDRESS__)
    const std::unique_ptr<GeneratedSchema> owner(generated);
#endif
    // Nothing below needs the catalog or the server: give their memory back before printing.
    conn.close();
    catalog = Catalog();
    phase("free_catalog");
    graphql::Schema &schema = generated->schema;
    graphql::SchemaPrintOptions printOptions;
    printOptions.flavor = graphql::GraphQLJsFlavor::V15;
    if (*preset == Preset::AppSync) {
        // AppSync predefines its scalars and rejects redeclarations.
        std::vector<QString> aws;
        for (const graphql::NamedType &t : schema.types())
            if (t.kind == graphql::TypeKind::Scalar && AppSyncAdapter::isAwsScalar(t.name))
                aws.push_back(t.name);
        for (const QString &n : aws)
            schema.removeType(n);
        printOptions.printAppliedDirectives = true;
    }
    if (sorted)
        schema.sortLexicographically();
    phase("sort");
    QString error;
    bool written = false;
    if (*preset == Preset::AppSync) {
        // The comment-description rewrite works on the whole text; AppSync schemas are small.
        const QString sdl = AppSyncAdapter::toCommentDescriptions(graphql::printSchema(schema, printOptions));
        written = writeOutput(outPath, sdl.toUtf8(), &error);
    } else {
        // Streamed: the SDL of thousands of tables is tens of MB, and holding it as UTF-16 and UTF-8
        // at once was half of the peak memory.
        written = writeOutputStreamed(
            outPath, [&](const std::function<void(QStringView)> &write) { graphql::printSchema(schema, printOptions, write); },
            &error);
    }
    phase("print");
    if (timings)
        printError(QStringLiteral("export-sdl timings: %1").arg(phases.join(QLatin1Char(' '))));
    if (!written) {
        printError(QStringLiteral("refract-cli export-sdl: %1").arg(error));
        return 1;
    }
    return 0;
}

} // namespace refract::cli
