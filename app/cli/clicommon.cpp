#include "clicommon.h"

#include <QFile>
#include <QSaveFile>

#include <cstdio>

namespace refract::cli {

bool readInput(const QString &path, QByteArray *out, QString *error)
{
    QFile f;
    bool ok = path == QLatin1String("-") ? f.open(stdin, QIODevice::ReadOnly)
                                         : (f.setFileName(path), f.open(QIODevice::ReadOnly));
    if (!ok) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, f.errorString());
        return false;
    }
    *out = f.readAll();
    return true;
}

bool writeOutput(const QString &path, const QByteArray &data, QString *error)
{
    if (path.isEmpty() || path == QLatin1String("-")) {
        printOut(data);
        return true;
    }
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

bool writeOutputStreamed(const QString &path,
                         const std::function<void(const std::function<void(QStringView)> &)> &produce, QString *error)
{
    QFile out;
    QSaveFile file;
    QIODevice *device = nullptr;
    if (path.isEmpty() || path == QLatin1String("-")) {
        if (!out.open(stdout, QIODevice::WriteOnly)) {
            *error = QStringLiteral("cannot write to standard output");
            return false;
        }
        device = &out;
    } else {
        file.setFileName(path);
        if (!file.open(QIODevice::WriteOnly)) {
            *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
            return false;
        }
        device = &file;
    }
    // Pieces are small; batching them into ~1 MB writes keeps the syscalls few.
    QByteArray buffer;
    bool failed = false;
    auto flush = [&] {
        if (!buffer.isEmpty() && device->write(buffer) != buffer.size())
            failed = true;
        buffer.clear();
    };
    produce([&](QStringView piece) {
        buffer += piece.toUtf8();
        if (buffer.size() > (1 << 20))
            flush();
    });
    flush();
    if (device == &file) {
        if (failed || !file.commit()) {
            *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
            if (failed)
                file.cancelWriting();
            return false;
        }
    } else {
        out.flush();
        if (failed) {
            *error = QStringLiteral("cannot write to standard output");
            return false;
        }
    }
    return true;
}

void printError(const QString &message)
{
    const QByteArray line = message.toUtf8();
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fputc('\n', stderr);
}

void printOut(const QByteArray &data)
{
    std::fwrite(data.constData(), 1, size_t(data.size()), stdout);
    std::fflush(stdout);
}

} // namespace refract::cli
