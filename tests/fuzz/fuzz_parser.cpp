// libFuzzer target: the parser (and the printer and the editor's tolerant services on the same text).
// Any input must parse or fail with a syntax error; what parses must print to text that parses again
// to the same print. Built only with -DREFRACT_FUZZ=ON and clang (scripts/fuzz).
#include "graphql/parser.h"
#include "graphql/positioncontext.h"
#include "graphql/printer.h"
#include "graphql/schemabuilder.h"
#include "graphql/tolerantparse.h"

#include <cstdint>
#include <cstdlib>

using namespace refract::graphql;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const ParseResult r = parse(text);
    if (r.document) {
        const QString printed = print(*r.document);
        const ParseResult again = parse(printed);
        if (!again.document || print(*again.document) != printed)
            std::abort(); // the printer wrote something the parser reads differently
    } else if (!r.error || !r.error->message.startsWith(QLatin1String("Syntax Error: "))) {
        std::abort();
    }
    static const Schema schema = *buildSchema(QStringLiteral("type Query { a(x: Int, i: In): A } type A { b: [A] c: E } enum E { X Y } input In { i: In s: String }"));
    const TolerantParseResult tolerant = parseTolerant(text);
    if (r.document && !tolerant.errors.isEmpty())
        std::abort();
    const CompletionContext c = positionContext(schema, text, size ? qsizetype(data[0]) * text.size() / 256 : 0);
    if (c.replaceStart > c.replaceEnd || c.replaceEnd > text.size())
        std::abort();
    return 0;
}
