#include "clicommon.h"
#include "commands.h"

#include <QCoreApplication>

#include <functional>
#include <map>

using namespace refract::cli;

namespace {

const char *const kUsage =
    "usage: refract-cli <command> [options]\n"
    "commands:\n"
    "  export-sdl    --db URI --schema S[,S...] [--preset postgraphile|appsync] [--options JSON] [--sorted] [-o FILE]\n"
    "  query         --db URI --schema S[,S...] [--preset postgraphile|appsync] [--options JSON] [--settings JSON]\n"
    "                [--profile PROFILE.json] [--jwt TOKEN|@FILE --jwt-secret SECRET|@PEMFILE] [--jwt-audience AUD]\n"
    "                [--claims-mapping postgraphile|appsync|supabase] [--default-role ROLE]\n"
    "                [--variables JSON] [--dry-run] [--explain] [--operation NAME] FILE|-\n"
    "  serve         --db URI --schema S[,S...] [--host 127.0.0.1] [--port N] [--preset P] [--options JSON]\n"
    "                [--jwt-secret S | --jwt-public-key FILE] [--jwt-audience A] [--default-role R]\n"
    "                [--claims-mapping postgraphile|appsync|supabase] [--pool N] [--threads N] [--cors ORIGINS]\n"
    "                (tokens need aud \"postgraphile\" as in PostGraphile unless --jwt-audience says otherwise;\n"
    "                 --jwt-audience '' checks no audience; a rejected token answers 401 invalid_token)\n"
    "                [--max-body BYTES] [--max-depth N] [--max-aliases N] [--request-timeout MS]\n"
    "  parse         FILE|-\n"
    "  validate      --schema SCHEMA.graphql|INTROSPECTION.json FILE|-\n"
    "  print-schema  --schema SCHEMA.graphql|INTROSPECTION.json [--sorted]\n"
    "  introspect    --schema SCHEMA.graphql|INTROSPECTION.json\n";

} // namespace

int main(int argc, char **argv)
{
    // Qt's own event dispatcher instead of GLib's: the CLI has no GUI event sources to share a loop
    // with, and under `serve` load the GLib loop's extra polls cost ~9 % of requests/s.
    // An explicit QT_NO_GLIB in the environment still wins.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("refract-cli"));
    QStringList args = QCoreApplication::arguments().mid(1);
    if (args.isEmpty() || args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h")) {
        printOut(kUsage);
        return args.isEmpty() ? 2 : 0;
    }
    const std::map<QString, std::function<int(const QStringList &)>> commands = {
        {QStringLiteral("parse"), runParse},
        {QStringLiteral("validate"), runValidate},
        {QStringLiteral("print-schema"), runPrintSchema},
        {QStringLiteral("introspect"), runIntrospect},
        {QStringLiteral("export-sdl"), runExportSdl},
        {QStringLiteral("query"), runQuery},
        {QStringLiteral("serve"), runServe},
    };
    const QString name = args.takeFirst();
    const auto it = commands.find(name);
    if (it == commands.end()) {
        printError(QStringLiteral("refract-cli: unknown command '%1' (see refract-cli --help)").arg(name));
        return 2;
    }
    return it->second(args);
}
