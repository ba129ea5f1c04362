#include "tolerantparse.h"

#include "positioncontext.h"
#include "tolerantlexer.h"

// The text is cut where top-level definitions start (a definition keyword or `{` outside any bracket,
// with a description string just before it; a keyword at any depth when it starts a line). A piece of
// consecutive definitions is parsed by the strict
// parser; on an error the piece is shortened to the definitions before the failing one, and the failing
// definition alone is dropped with its error. Pieces are parsed in a copy of the text whose other parts
// are blanked (line breaks kept), so every location is that of the whole text.
namespace refract::graphql {

namespace {

using detail::LooseToken;

bool isDefinitionKeyword(QStringView w)
{
    static const char *const words[] = {"query", "mutation", "subscription", "fragment", "schema", "scalar", "type",
                                        "interface", "union", "enum", "input", "directive", "extend"};
    for (const char *k : words)
        if (w == QLatin1String(k))
            return true;
    return false;
}

std::vector<qsizetype> definitionStarts(const QString &text)
{
    const std::vector<LooseToken> tokens = detail::looseTokenize(text);
    std::vector<qsizetype> starts;
    int depth = 0;
    for (size_t i = 0; i + 1 < tokens.size(); ++i) {
        const LooseToken &t = tokens[i];
        if (t.kind == LooseToken::Punct) {
            const bool open = t.ch == u'{' || t.ch == u'(' || t.ch == u'[';
            if (open && depth == 0 && t.ch == u'{' && (i == 0 || (tokens[i - 1].kind == LooseToken::Punct && tokens[i - 1].ch == u'}')))
                starts.push_back(t.start); // an anonymous query
            if (open)
                ++depth;
            else if ((t.ch == u'}' || t.ch == u')' || t.ch == u']') && depth > 0)
                --depth;
            continue;
        }
        if (t.kind != LooseToken::Name || !isDefinitionKeyword(QStringView(text).mid(t.start, t.end - t.start)))
            continue;
        // An unclosed bracket would hide every later definition: a keyword at the start of a line starts
        // one at any depth (nested fields are indented in any text worth completing).
        const bool lineStart = t.start == 0 || text.at(t.start - 1) == QLatin1Char('\n') || text.at(t.start - 1) == QLatin1Char('\r');
        if (depth != 0 && !lineStart)
            continue;
        depth = 0;
        // `extend type`: one definition; a description belongs to what follows it.
        if (i > 0 && tokens[i - 1].kind == LooseToken::Name
            && QStringView(text).mid(tokens[i - 1].start, tokens[i - 1].end - tokens[i - 1].start) == QLatin1String("extend"))
            continue;
        qsizetype start = t.start;
        if (i > 0 && (tokens[i - 1].kind == LooseToken::String || tokens[i - 1].kind == LooseToken::BlockString))
            start = tokens[i - 1].start;
        if (starts.empty() || starts.back() < start)
            starts.push_back(start);
    }
    if (starts.empty())
        starts.push_back(0);
    else
        starts.front() = 0; // leading text belongs to the first definition
    return starts;
}

} // namespace

TolerantParseResult parseTolerant(const QString &text, const ParseOptions &options)
{
    TolerantParseResult result;
    result.document.loc = ast::Location{1, 1, 0, text.size()};
    ParseResult whole = parse(text, options);
    if (whole.document) {
        result.document = std::move(*whole.document);
        return result;
    }

    const std::vector<qsizetype> starts = definitionStarts(text);
    const size_t count = starts.size();
    auto pieceEnd = [&](size_t chunk) { return chunk < count ? starts[chunk] : text.size(); };

    QString blank = text;
    for (QChar &c : blank)
        if (c != QLatin1Char('\n') && c != QLatin1Char('\r'))
            c = QLatin1Char(' ');

    size_t from = 0;
    size_t to = count;
    std::optional<GraphQLError> firstError = whole.error; // the error of piece [0, count)
    while (from < count) {
        std::optional<GraphQLError> error;
        if (from == 0 && to == count) {
            error = firstError;
        } else {
            QString piece = blank.left(starts[from]);
            piece.append(QStringView(text).mid(starts[from], pieceEnd(to) - starts[from]));
            ParseResult r = parse(piece, options);
            if (r.document) {
                for (ast::Definition &d : r.document->definitions)
                    result.document.definitions.push_back(std::move(d));
                result.document.tokenCount += r.document->tokenCount;
                from = to;
                to = count;
                continue;
            }
            error = r.error;
        }
        // Which chunk failed?
        const SourceLocation at = error && !error->locations.isEmpty() ? error->locations.first() : SourceLocation{1, 1};
        const qsizetype offset = offsetOf(text, at.line, at.column);
        size_t failed = from;
        while (failed + 1 < to && starts[failed + 1] <= offset)
            ++failed;
        if (failed == from) {
            if (error)
                result.errors.append(*error);
            from = from + 1;
            to = count;
        } else {
            to = failed;
        }
    }
    return result;
}

} // namespace refract::graphql
