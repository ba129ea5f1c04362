#include "prettifier.h"

#include "graphqllexer.h"

#ifdef REFRACT_HAVE_GRAPHQL_PRINTER
#include <graphql/parser.h>
#include <graphql/printer.h>
#endif

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>
#include <vector>

namespace refract::ui {

namespace {
} // namespace

Prettifier::Result Prettifier::prettify(const QString &text)
{
#ifdef REFRACT_HAVE_GRAPHQL_PRINTER
    QStringList lines = text.split(QLatin1Char('\n'));
    QStringList header;
    while (!lines.isEmpty() && (lines.first().trimmed().startsWith(QLatin1Char('#')) || lines.first().trimmed().isEmpty()))
        header.append(lines.takeFirst());
    const int headerLines = int(header.size());
    while (!header.isEmpty() && header.last().trimmed().isEmpty())
        header.removeLast();

    std::vector<GraphQLLexer::Run> runs;
    quint32 state = 0;
    for (const QString &l : lines)
        state = GraphQLLexer::highlightLine((l + QLatin1Char('\n')).toUtf8(), state, &runs);
    if (std::any_of(runs.begin(), runs.end(), [](const auto &r) { return r.style == GraphQLLexer::Comment; }))
        return {false, {}, QCoreApplication::translate("refract::ui::Prettifier", "Not prettified: the document has comments inside it, which prettifying would drop")};

    const graphql::ParseResult parsed = graphql::parse(lines.join(QLatin1Char('\n')));
    if (!parsed.document) {
        const auto &e = *parsed.error;
        const QString where = e.locations.isEmpty() ? QString()
                                                    : QCoreApplication::translate("refract::ui::Prettifier", " (line %1, column %2)")
                                                          .arg(e.locations.first().line + headerLines)
                                                          .arg(e.locations.first().column);
        return {false, {}, QCoreApplication::translate("refract::ui::Prettifier", "Cannot prettify: %1%2").arg(e.message, where)};
    }
    QString printed = graphql::print(*parsed.document) + QLatin1Char('\n');
    if (!header.isEmpty())
        printed.prepend(header.join(QLatin1Char('\n')) + QLatin1Char('\n'));
    return {true, printed, {}};
#else
    Q_UNUSED(text);
    return {false, {}, QCoreApplication::translate("refract::ui::Prettifier", "Prettify needs the GraphQL printer, which is not part of this build yet")};
#endif
}

} // namespace refract::ui
