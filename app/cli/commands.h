#pragma once

#include <QStringList>

// Each sub-command of refract-cli takes its own arguments (without the program and command names)
// and returns the process exit code. Output goes to stdout, a one-line error to stderr.
namespace refract::cli {

int runParse(const QStringList &args);
int runValidate(const QStringList &args);
int runPrintSchema(const QStringList &args);
int runIntrospect(const QStringList &args);
int runExportSdl(const QStringList &args);
int runQuery(const QStringList &args);
int runServe(const QStringList &args);

} // namespace refract::cli
