#include "graphqlerror.h"

#include "textutil.h"

namespace refract::graphql {

QByteArray GraphQLError::toJson() const
{
    // Built by hand so key order matches JSON.stringify(error) exactly.
    QString out = QLatin1String("{\"message\":") + jsonString(message);
    if (!locations.isEmpty()) {
        out += QLatin1String(",\"locations\":[");
        for (qsizetype i = 0; i < locations.size(); ++i) {
            if (i)
                out += QLatin1Char(',');
            out += QStringLiteral("{\"line\":%1,\"column\":%2}").arg(locations[i].line).arg(locations[i].column);
        }
        out += QLatin1Char(']');
    }
    out += QLatin1Char('}');
    return out.toUtf8();
}

SourceLocation locationOf(const QString &source, qsizetype position)
{
    // Line terminators are \r\n, \n or \r; only those starting before `position` count.
    int line = 1;
    qsizetype lineStart = 0;
    const qsizetype n = source.size();
    for (qsizetype i = 0; i < n && i < position; ++i) {
        const char16_t c = source.at(i).unicode();
        if (c == u'\n' || c == u'\r') {
            if (c == u'\r' && i + 1 < n && source.at(i + 1).unicode() == u'\n')
                ++i;
            ++line;
            lineStart = i + 1;
        }
    }
    return SourceLocation{line, int(position + 1 - lineStart)};
}

} // namespace refract::graphql
