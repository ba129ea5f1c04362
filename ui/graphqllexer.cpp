#include "graphqllexer.h"

#include <Qsci/qsciscintilla.h>

#include <QFontDatabase>

#include <algorithm>
#include <array>

namespace refract::ui {

namespace {

// Line state layout: the brace depth in the low 16 bits, then flags.
constexpr quint32 DepthMask = 0xffff;
constexpr quint32 InBlockString = 1u << 16;

bool isNameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool isNameChar(char c) { return isNameStart(c) || (c >= '0' && c <= '9'); }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

bool isTopLevelKeyword(QByteArrayView w)
{
    static constexpr std::array<const char *, 16> words = {
        "query", "mutation", "subscription", "fragment", "schema", "type", "interface", "union",
        "enum", "input", "extend", "scalar", "directive", "implements", "repeatable", "on"};
    return std::any_of(words.begin(), words.end(), [&](const char *k) { return w == QByteArrayView(k); });
}

bool isValueKeyword(QByteArrayView w)
{
    return w == QByteArrayView("true") || w == QByteArrayView("false") || w == QByteArrayView("null");
}

// Type names are PascalCase by convention; ALL_CAPS words are enum values, which read better in
// the plain name colour.
bool looksLikeTypeName(QByteArrayView w)
{
    if (w.isEmpty() || !(w[0] >= 'A' && w[0] <= 'Z'))
        return false;
    if (w == QByteArrayView("ID"))
        return true; // the one built-in scalar spelled like an enum value
    return std::any_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

struct Palette
{
    QColor text, paper, comment, keyword, name, typeName, variable, directive, string, number, punctuation;
};

const Palette &paletteFor(bool dark)
{
    static const Palette light{QColor(0x1f, 0x23, 0x28), QColor(0xff, 0xff, 0xff), QColor(0x6a, 0x73, 0x7d),
                               QColor(0xa3, 0x15, 0x8a), QColor(0x1f, 0x4f, 0x8f), QColor(0x8a, 0x4b, 0x00),
                               QColor(0xb3, 0x1d, 0x28), QColor(0x5a, 0x3e, 0xa6), QColor(0x0b, 0x7a, 0x3e),
                               QColor(0x00, 0x6d, 0x8f), QColor(0x55, 0x5c, 0x66)};
    static const Palette darkPalette{QColor(0xdf, 0xe1, 0xe5), QColor(0x1e, 0x1f, 0x22), QColor(0x7f, 0x88, 0x94),
                                     QColor(0xd6, 0x8a, 0xe8), QColor(0x8c, 0xc4, 0xff), QColor(0xf0, 0xb8, 0x6e),
                                     QColor(0xff, 0x8f, 0x8f), QColor(0xc3, 0xa6, 0xff), QColor(0x9b, 0xd7, 0x8b),
                                     QColor(0x6e, 0xd6, 0xe0), QColor(0xa9, 0xb0, 0xba)};
    return dark ? darkPalette : light;
}

} // namespace

GraphQLLexer::GraphQLLexer(QObject *parent)
    : QsciLexerCustom(parent)
{
    applyColors();
}

const char *GraphQLLexer::language() const { return "GraphQL"; }

QString GraphQLLexer::description(int style) const
{
    switch (style) {
    case Default: return tr("Default");
    case Comment: return tr("Comment");
    case Keyword: return tr("Keyword");
    case Name: return tr("Name");
    case TypeName: return tr("Type name");
    case Variable: return tr("Variable");
    case Directive: return tr("Directive");
    case String: return tr("String");
    case BlockString: return tr("Block string");
    case Number: return tr("Number");
    case Punctuation: return tr("Punctuation");
    default: return QString();
    }
}

const char *GraphQLLexer::wordCharacters() const
{
    return "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
}

QColor GraphQLLexer::defaultColor(int style) const
{
    const Palette &p = paletteFor(m_dark);
    switch (style) {
    case Comment: return p.comment;
    case Keyword: return p.keyword;
    case Name: return p.name;
    case TypeName: return p.typeName;
    case Variable: return p.variable;
    case Directive: return p.directive;
    case String:
    case BlockString: return p.string;
    case Number: return p.number;
    case Punctuation: return p.punctuation;
    default: return p.text;
    }
}

QColor GraphQLLexer::defaultPaper(int) const { return paletteFor(m_dark).paper; }

QFont GraphQLLexer::defaultFont(int style) const
{
    QFont f = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (style == Keyword)
        f.setBold(true);
    if (style == Comment)
        f.setItalic(true);
    return f;
}

void GraphQLLexer::setDark(bool dark)
{
    if (dark == m_dark)
        return;
    m_dark = dark;
    applyColors();
}

void GraphQLLexer::applyColors()
{
    setDefaultColor(paletteFor(m_dark).text);
    setDefaultPaper(paletteFor(m_dark).paper);
    for (int s = 0; s < StyleCount; ++s) {
        setColor(defaultColor(s), s);
        setPaper(defaultPaper(s), s);
        setFont(defaultFont(s), s);
    }
}

quint32 GraphQLLexer::highlightLine(QByteArrayView s, quint32 state, std::vector<Run> *runs)
{
    int depth = int(state & DepthMask);
    bool inBlock = state & InBlockString;
    bool afterSpread = false;
    const qsizetype n = s.size();
    qsizetype i = 0;
    auto push = [&](qsizetype from, qsizetype to, int style) {
        if (to <= from)
            return;
        if (!runs->empty() && runs->back().style == style && runs->back().start + runs->back().length == int(from))
            runs->back().length += int(to - from);
        else
            runs->push_back(Run{int(from), int(to - from), style});
    };
    auto startsWith = [&](qsizetype at, QByteArrayView what) {
        return at + what.size() <= n && s.sliced(at, what.size()) == what;
    };

    while (i < n) {
        if (inBlock) {
            qsizetype j = i;
            while (j < n) {
                if (startsWith(j, "\\\"\"\"")) {
                    j += 4;
                    continue;
                }
                if (startsWith(j, "\"\"\"")) {
                    j += 3;
                    inBlock = false;
                    break;
                }
                ++j;
            }
            push(i, j, BlockString);
            i = j;
            continue;
        }
        const char c = s[i];
        qsizetype j = i + 1;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',') {
            while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r' || s[j] == '\n' || s[j] == ','))
                ++j;
            push(i, j, Default);
            i = j;
            continue; // whitespace keeps `... on` together across spaces
        }
        if (c == '#') {
            while (j < n && s[j] != '\n' && s[j] != '\r')
                ++j;
            push(i, j, Comment);
        } else if (c == '"') {
            if (startsWith(i, "\"\"\"")) {
                inBlock = true;
                push(i, i + 3, BlockString);
                j = i + 3;
            } else {
                while (j < n && s[j] != '"' && s[j] != '\n' && s[j] != '\r')
                    j += (s[j] == '\\' && j + 1 < n) ? 2 : 1;
                if (j < n && s[j] == '"')
                    ++j;
                push(i, j, String);
            }
        } else if (isNameStart(c)) {
            while (j < n && isNameChar(s[j]))
                ++j;
            const QByteArrayView word = s.sliced(i, j - i);
            int style = Name;
            if (isValueKeyword(word) || (afterSpread && word == QByteArrayView("on"))
                || (depth == 0 && isTopLevelKeyword(word)))
                style = Keyword;
            else if (looksLikeTypeName(word))
                style = TypeName;
            push(i, j, style);
        } else if ((c == '$' || c == '@') && j <= n) {
            while (j < n && isNameChar(s[j]))
                ++j;
            push(i, j, c == '$' ? Variable : Directive);
        } else if (isDigit(c) || (c == '-' && j < n && isDigit(s[j]))) {
            while (j < n && (isDigit(s[j]) || s[j] == '.' || s[j] == 'e' || s[j] == 'E'
                             || ((s[j] == '+' || s[j] == '-') && (s[j - 1] == 'e' || s[j - 1] == 'E'))))
                ++j;
            push(i, j, Number);
        } else if (c == '.' && startsWith(i, "...")) {
            j = i + 3;
            push(i, j, Punctuation);
            i = j;
            afterSpread = true;
            continue;
        } else if (QByteArrayView("!():=[]{}|&").contains(c)) {
            if (c == '{')
                depth = std::min(depth + 1, int(DepthMask));
            else if (c == '}')
                depth = std::max(depth - 1, 0);
            push(i, j, Punctuation);
        } else {
            push(i, j, Default); // UTF-8 continuation bytes and stray characters
        }
        afterSpread = false;
        i = j;
    }
    return quint32(depth) | (inBlock ? InBlockString : 0u);
}

void GraphQLLexer::styleText(int start, int end)
{
    QsciScintilla *ed = editor();
    if (!ed)
        return;
    const long lastLine = ed->SendScintilla(QsciScintillaBase::SCI_LINEFROMPOSITION, ulong(end));
    const long lineCount = ed->SendScintilla(QsciScintillaBase::SCI_GETLINECOUNT);
    long line = ed->SendScintilla(QsciScintillaBase::SCI_LINEFROMPOSITION, ulong(start));
    quint32 state = line > 0 ? quint32(ed->SendScintilla(QsciScintillaBase::SCI_GETLINESTATE, ulong(line - 1))) : 0;

    std::vector<Run> runs;
    for (; line < lineCount; ++line) {
        const long from = ed->SendScintilla(QsciScintillaBase::SCI_POSITIONFROMLINE, ulong(line));
        const long to = ed->SendScintilla(QsciScintillaBase::SCI_GETLINEENDPOSITION, ulong(line));
        const long next = line + 1 < lineCount
                              ? ed->SendScintilla(QsciScintillaBase::SCI_POSITIONFROMLINE, ulong(line + 1))
                              : to;
        const QByteArray bytes = ed->bytes(int(from), int(next));
        // bytes() appends a terminating NUL that is not part of the document.
        const QByteArrayView text(bytes.constData(), qsizetype(next - from));
        runs.clear();
        const quint32 previous = quint32(ed->SendScintilla(QsciScintillaBase::SCI_GETLINESTATE, ulong(line)));
        state = highlightLine(text, state, &runs);
        startStyling(int(from));
        for (const Run &r : runs)
            setStyling(r.length, r.style);
        ed->SendScintilla(QsciScintillaBase::SCI_SETLINESTATE, ulong(line), long(state));
        // Past the requested range, go on only while this edit changes what later lines start with
        // (an opened block string or brace).
        if (line >= lastLine && state == previous)
            break;
    }
}

} // namespace refract::ui
