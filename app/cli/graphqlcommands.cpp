#include "clicommon.h"
#include "commands.h"

// Placeholder until the GraphQL language core lands; replaced by its owner.
namespace refract::cli {
static int notYet(const char *what)
{
    printError(QStringLiteral("refract-cli: %1 is not implemented yet").arg(QLatin1String(what)));
    return 2;
}
int runParse(const QStringList &) { return notYet("parse"); }
int runValidate(const QStringList &) { return notYet("validate"); }
int runPrintSchema(const QStringList &) { return notYet("print-schema"); }
int runIntrospect(const QStringList &) { return notYet("introspect"); }
} // namespace refract::cli
