#include "clicommon.h"
#include "commands.h"

// Placeholder until the execution core lands; replaced by its owner.
namespace refract::cli {
int runQuery(const QStringList &)
{
    printError(QStringLiteral("refract-cli: query is not implemented yet"));
    return 2;
}
} // namespace refract::cli
