#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>

#include <functional>

// Small I/O helpers shared by the refract-cli commands.
namespace refract::cli {

/// Reads a file, or standard input for "-". Returns false and fills `error` when it cannot.
bool readInput(const QString &path, QByteArray *out, QString *error);
/// Writes to stdout (path empty or "-") or atomically to a file (QSaveFile).
bool writeOutput(const QString &path, const QByteArray &data, QString *error);
/// Streams pieces of text as UTF-8 to stdout or atomically to a file (QSaveFile): `produce` gets a
/// writer to call per piece. Nothing is left behind in the file when writing fails.
bool writeOutputStreamed(const QString &path, const std::function<void(const std::function<void(QStringView)> &)> &produce,
                         QString *error);
void printError(const QString &message);
void printOut(const QByteArray &data);

} // namespace refract::cli
