#pragma once

#include <QByteArray>
#include <QString>

// Small I/O helpers shared by the refract-cli commands.
namespace refract::cli {

/// Reads a file, or standard input for "-". Returns false and fills `error` when it cannot.
bool readInput(const QString &path, QByteArray *out, QString *error);
/// Writes to stdout (path empty or "-") or atomically to a file (QSaveFile).
bool writeOutput(const QString &path, const QByteArray &data, QString *error);
void printError(const QString &message);
void printOut(const QByteArray &data);

} // namespace refract::cli
