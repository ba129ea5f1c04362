#include "clicommon.h"
#include "commands.h"

// Placeholder until the reflection core lands; replaced by its owner.
namespace refract::cli {
int runExportSdl(const QStringList &)
{
    printError(QStringLiteral("refract-cli: export-sdl is not implemented yet"));
    return 2;
}
} // namespace refract::cli
