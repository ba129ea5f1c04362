#include "graphqlio.h"

#include "clicommon.h"

namespace refract::cli {

bool readGraphQLSource(const QString &path, QString *source)
{
    QByteArray bytes;
    QString error;
    if (!readInput(path, &bytes, &error)) {
        printError(QStringLiteral("refract-cli: ") + error);
        return false;
    }
    *source = QString::fromUtf8(bytes);
    if (bytes.startsWith("\xEF\xBB\xBF") && !source->startsWith(QChar(0xFEFF)))
        source->prepend(QChar(0xFEFF));
    return true;
}

void printGraphQLErrors(const QList<graphql::GraphQLError> &errors)
{
    QByteArray out = "{\"errors\":[";
    for (qsizetype i = 0; i < errors.size(); ++i) {
        if (i)
            out += ',';
        out += errors[i].toJson();
    }
    out += "]}\n";
    printOut(out);
}

} // namespace refract::cli
