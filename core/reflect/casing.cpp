#include "casing.h"

#include <QHash>
#include <QMutex>
#include <QRegularExpression>
#include <QStringList>

// Ports of graphile-build's case helpers (graphile-build/src/utils.js) and of the lodash functions
// they stand on (camelCase = deburr → strip apostrophes → words → join; upperFirst). lodash works
// on UTF-16 code units with regexes written in surrogate ranges; PCRE in UTF mode sees code points,
// so the surrogate-pair parts are rewritten as astral code-point ranges, which is equivalent for
// valid UTF-16 (PostgreSQL identifiers always are).

namespace refract::reflect {

namespace {

bool isAsciiAlnum(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9');
}
bool isAsciiUpper(char16_t u) { return u >= u'A' && u <= u'Z'; }
bool isAsciiLower(char16_t u) { return u >= u'a' && u <= u'z'; }
bool isAsciiDigit(char16_t u) { return u >= u'0' && u <= u'9'; }
bool isAsciiAlpha(char16_t u) { return isAsciiUpper(u) || isAsciiLower(u); }

// Lone surrogates make PCRE refuse the subject; PostgreSQL never produces them.
QString validUtf16(const QString &s)
{
    QString out = s;
    for (qsizetype i = 0; i < out.size(); ++i) {
        const QChar c = out.at(i);
        if (c.isHighSurrogate() && i + 1 < out.size() && out.at(i + 1).isLowSurrogate())
            ++i;
        else if (c.isSurrogate())
            out[i] = QChar::ReplacementCharacter;
    }
    return out;
}

// ---- final sigma (the one context-dependent mapping of JS toLowerCase) --------------------------

bool isCased(char32_t c)
{
    const auto cat = QChar::category(c);
    return cat == QChar::Letter_Uppercase || cat == QChar::Letter_Lowercase || cat == QChar::Letter_Titlecase
        || QChar::isLower(c) || QChar::isUpper(c);
}

bool isCaseIgnorable(char32_t c)
{
    switch (QChar::category(c)) {
    case QChar::Mark_NonSpacing:
    case QChar::Mark_Enclosing:
    case QChar::Other_Format:
    case QChar::Letter_Modifier:
    case QChar::Symbol_Modifier:
        return true;
    default:
        break;
    }
    // Word_Break MidLetter / MidNumLet / Single_Quote
    switch (c) {
    case U'\'': case U'.': case U':': case U'\u00b7': case U'\u0387': case U'\u05f4': case U'\u2018':
    case U'\u2019': case U'\u2024': case U'\u2027': case U'\ufe13': case U'\ufe52': case U'\ufe55':
    case U'\uff07': case U'\uff0e': case U'\uff1a':
        return true;
    default:
        return false;
    }
}

bool finalSigmaAt(const QString &s, qsizetype pos)
{
    bool before = false;
    for (qsizetype i = pos; i > 0;) {
        char32_t c = s.at(i - 1).unicode();
        --i;
        if (QChar::isLowSurrogate(c) && i > 0 && s.at(i - 1).isHighSurrogate()) {
            c = QChar::surrogateToUcs4(s.at(i - 1), s.at(i));
            --i;
        }
        if (isCaseIgnorable(c))
            continue;
        before = isCased(c);
        break;
    }
    if (!before)
        return false;
    for (qsizetype i = pos + 1; i < s.size(); ++i) {
        char32_t c = s.at(i).unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < s.size() && s.at(i + 1).isLowSurrogate()) {
            c = QChar::surrogateToUcs4(s.at(i), s.at(i + 1));
            ++i;
        }
        if (isCaseIgnorable(c))
            continue;
        return !isCased(c);
    }
    return true;
}

// ---- lodash deburr ------------------------------------------------------------------------------

// Replacements for U+00C0–U+017F (skipping × and ÷), in code-point order: the Latin-1 Supplement and
// Latin Extended-A letters lodash's `deburredLetters` maps to basic Latin.
constexpr const char *kDeburr =
    "A A A A A A Ae C E E E E I I I I D N O O O O O O U U U U Y Th ss a a a a a a ae c e e e e i i i i d n "
    "o o o o o o u u u u y th y A a A a A a C c C c C c C c D d D d E e E e E e E e E e G g G g G g G g "
    "H h H h I i I i I i I i I i IJ ij J j K k k L l L l L l L l L l N n N n N n 'n N n O o O o O o Oe "
    "oe R r R r R r S s S s S s S s T t T t T t U u U u U u U u U u U u W w Y y Y Z z Z z Z z s";

const QStringList &deburrTable()
{
    static const QStringList table = QString::fromLatin1(kDeburr).split(QLatin1Char(' '));
    return table;
}

bool isComboMark(char16_t u)
{
    return (u >= 0x300 && u <= 0x36f) || (u >= 0xfe20 && u <= 0xfe2f) || (u >= 0x20d0 && u <= 0x20ff);
}

QString deburrAndStripApostrophes(const QString &s)
{
    QString out;
    out.reserve(s.size());
    const QStringList &table = deburrTable();
    for (const QChar ch : s) {
        const char16_t u = ch.unicode();
        if (u >= 0xc0 && u <= 0x17f && u != 0xd7 && u != 0xf7) {
            const int index = u - 0xc0 - (u > 0xd7 ? 1 : 0) - (u > 0xf7 ? 1 : 0);
            // 'ŉ' deburrs to "'n", whose apostrophe the next lodash step removes.
            for (const QChar d : table.at(index))
                if (d != QLatin1Char('\''))
                    out += d;
        } else if (isComboMark(u) || u == u'\'' || u == 0x2019) {
            continue;
        } else {
            out += ch;
        }
    }
    return out;
}

// ---- lodash words -------------------------------------------------------------------------------

const QRegularExpression &unicodeWordRe()
{
    static const QRegularExpression re = [] {
        const QString astral = QStringLiteral("\\x{10000}-\\x{10ffff}");
        const QString comboRange = QStringLiteral("\\x{300}-\\x{36f}\\x{fe20}-\\x{fe2f}\\x{20d0}-\\x{20ff}");
        const QString dingbatRange = QStringLiteral("\\x{2700}-\\x{27bf}");
        const QString lowerRange = QStringLiteral("a-z\\xdf-\\xf6\\xf8-\\xff");
        const QString upperRange = QStringLiteral("A-Z\\xc0-\\xd6\\xd8-\\xde");
        const QString breakRange = QStringLiteral(
            "\\xac\\xb1\\xd7\\xf7"                      // math operators
            "\\x00-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\xbf" // ASCII/Latin-1 non-letters
            "\\x{2000}-\\x{206f}"                       // general punctuation
            " \\t\\x0b\\f\\xa0\\x{feff}\\n\\r\\x{2028}\\x{2029}\\x{1680}\\x{180e}\\x{2000}-\\x{200a}"
            "\\x{202f}\\x{205f}\\x{3000}");             // spaces
        const QString brk = QLatin1Char('[') + breakRange + QLatin1Char(']');
        const QString combo = QLatin1Char('[') + comboRange + QLatin1Char(']');
        const QString lower = QLatin1Char('[') + lowerRange + QLatin1Char(']');
        const QString upper = QLatin1Char('[') + upperRange + QLatin1Char(']');
        const QString misc = QStringLiteral("[^") + astral + breakRange + QStringLiteral("\\d+") + dingbatRange
            + lowerRange + upperRange + QLatin1Char(']');
        const QString fitz = QStringLiteral("[\\x{1f3fb}-\\x{1f3ff}]");
        const QString regional = QStringLiteral("[\\x{1f1e6}-\\x{1f1ff}]{2}");
        const QString surrPair = QLatin1Char('[') + astral + QLatin1Char(']');
        const QString nonAstral = QStringLiteral("[^") + astral + QLatin1Char(']');
        const QString modifier = QStringLiteral("(?:") + combo + QLatin1Char('|') + fitz + QLatin1Char(')');
        const QString optMod = modifier + QLatin1Char('?');
        const QString optVar = QStringLiteral("[\\x{fe0e}\\x{fe0f}]?");
        const QString optJoin = QStringLiteral("(?:\\x{200d}(?:") + nonAstral + QLatin1Char('|') + regional
            + QLatin1Char('|') + surrPair + QLatin1Char(')') + optVar + optMod + QStringLiteral(")*");
        const QString seq = optVar + optMod + optJoin;
        const QString miscLower = QStringLiteral("(?:") + lower + QLatin1Char('|') + misc + QLatin1Char(')');
        const QString miscUpper = QStringLiteral("(?:") + upper + QLatin1Char('|') + misc + QLatin1Char(')');
        const QString contrLower = QStringLiteral("(?:['\\x{2019}](?:d|ll|m|re|s|t|ve))?");
        const QString contrUpper = QStringLiteral("(?:['\\x{2019}](?:D|LL|M|RE|S|T|VE))?");
        const QString end = QStringLiteral("\\z");
        const QStringList alternatives = {
            upper + QLatin1Char('?') + lower + QLatin1Char('+') + contrLower + QStringLiteral("(?=") + brk
                + QLatin1Char('|') + upper + QLatin1Char('|') + end + QLatin1Char(')'),
            miscUpper + QLatin1Char('+') + contrUpper + QStringLiteral("(?=") + brk + QLatin1Char('|') + upper
                + miscLower + QLatin1Char('|') + end + QLatin1Char(')'),
            upper + QLatin1Char('?') + miscLower + QLatin1Char('+') + contrLower,
            upper + QLatin1Char('+') + contrUpper,
            QStringLiteral("\\d*(?:1ST|2ND|3RD|(?![123])\\dTH)(?=\\b|[a-z_])"),
            QStringLiteral("\\d*(?:1st|2nd|3rd|(?![123])\\dth)(?=\\b|[A-Z_])"),
            QStringLiteral("\\d+"),
            QStringLiteral("(?:[") + dingbatRange + QStringLiteral("]|") + regional + QLatin1Char('|') + surrPair
                + QLatin1Char(')') + seq,
        };
        QRegularExpression re(alternatives.join(QLatin1Char('|')));
        Q_ASSERT(re.isValid());
        re.optimize();
        return re;
    }();
    return re;
}

// lodash `hasUnicodeWord`: does the string need the Unicode word splitter at all?
bool hasUnicodeWord(const QString &s)
{
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t c = s.at(i).unicode();
        if (!isAsciiAlnum(s.at(i)) && c != u' ')
            return true;
        if (i + 1 < s.size()) {
            const char16_t n = s.at(i + 1).unicode();
            if (isAsciiLower(c) && isAsciiUpper(n))
                return true;
            if (isAsciiDigit(c) && isAsciiAlpha(n))
                return true;
            if (isAsciiAlpha(c) && isAsciiDigit(n))
                return true;
            if (i + 2 < s.size() && isAsciiUpper(c) && isAsciiUpper(n) && isAsciiLower(s.at(i + 2).unicode()))
                return true;
        }
    }
    return false;
}

template<typename F>
void forEachAsciiWord(const QString &s, F addWord);
bool isAsciiString(const QString &s);

QStringList words(const QString &s)
{
    if (!hasUnicodeWord(s)) // only [A-Za-z0-9 ] without case or digit transitions
        return s.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QStringList out;
    if (isAsciiString(s)) {
        forEachAsciiWord(s, [&out, &s](qsizetype from, qsizetype to) { out.append(s.mid(from, to - from)); });
        return out;
    }
    auto it = unicodeWordRe().globalMatch(s);
    while (it.hasNext())
        out += it.next().captured(0);
    return out;
}

// lodash `hasUnicode`: ZWJ, surrogates, combining marks or variation selectors.
bool hasUnicode(const QString &s)
{
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        if (u == 0x200d || c.isSurrogate() || isComboMark(u) || u == 0xfe0e || u == 0xfe0f)
            return true;
    }
    return false;
}

// Length of lodash's first "symbol" (unicodeToArray) of a string that hasUnicode.
qsizetype firstSymbolLength(const QString &s)
{
    static const QRegularExpression re = [] {
        const QString astral = QStringLiteral("\\x{10000}-\\x{10ffff}");
        const QString combo = QStringLiteral("[\\x{300}-\\x{36f}\\x{fe20}-\\x{fe2f}\\x{20d0}-\\x{20ff}]");
        const QString fitz = QStringLiteral("[\\x{1f3fb}-\\x{1f3ff}]");
        const QString regional = QStringLiteral("[\\x{1f1e6}-\\x{1f1ff}]{2}");
        const QString nonAstral = QStringLiteral("[^") + astral + QLatin1Char(']');
        const QString surrPair = QLatin1Char('[') + astral + QLatin1Char(']');
        const QString optMod = QStringLiteral("(?:") + combo + QLatin1Char('|') + fitz + QStringLiteral(")?");
        const QString optVar = QStringLiteral("[\\x{fe0e}\\x{fe0f}]?");
        const QString optJoin = QStringLiteral("(?:\\x{200d}(?:") + nonAstral + QLatin1Char('|') + regional
            + QLatin1Char('|') + surrPair + QLatin1Char(')') + optVar + optMod + QStringLiteral(")*");
        const QString symbol = QStringLiteral("(?:") + nonAstral + combo + QStringLiteral("?|") + combo
            + QLatin1Char('|') + regional + QLatin1Char('|') + surrPair + QLatin1Char(')');
        QRegularExpression re(QLatin1Char('^') + fitz + QStringLiteral("(?=") + fitz + QStringLiteral(")|^")
                              + symbol + optVar + optMod + optJoin);
        Q_ASSERT(re.isValid());
        return re;
    }();
    const auto m = re.match(s);
    return m.hasMatch() ? m.capturedLength(0) : 1;
}

QString lodashUpperFirst(const QString &s)
{
    if (s.isEmpty())
        return s;
    const QString valid = validUtf16(s);
    const qsizetype n = hasUnicode(valid) ? firstSymbolLength(valid) : 1;
    return jsToUpper(valid.left(n)) + valid.mid(n);
}

// The word regex restricted to ASCII, where it reduces to: lower-case runs; upper-case runs, except
// that the last capital of a run followed by a lower-case letter starts the next word (`FOOBar` →
// `FOO`, `Bar`); a capital followed by lower-case letters; digit runs, which keep an ordinal suffix
// (`1st`, `2ND`, `[04-9]th`) when the next character cannot continue a word of the other case. Every
// other ASCII character separates words. Names built by the inflector are ASCII, so this path runs
// nearly always and is several times faster than the regex.
template<typename F>
void forEachAsciiWord(const QString &s, F addWord)
{
    const qsizetype n = s.size();
    const auto at = [&](qsizetype i) -> char16_t { return i < n ? s.at(i).unicode() : char16_t(0); };
    const auto lowerRunEnd = [&](qsizetype i) {
        while (i < n && isAsciiLower(at(i)))
            ++i;
        return i;
    };
    qsizetype p = 0;
    while (p < n) {
        const char16_t c = at(p);
        qsizetype e = p;
        if (isAsciiLower(c)) {
            e = lowerRunEnd(p);
        } else if (isAsciiUpper(c)) {
            if (isAsciiLower(at(p + 1))) {
                e = lowerRunEnd(p + 1);
            } else {
                qsizetype k = p;
                while (k < n && isAsciiUpper(at(k)))
                    ++k;
                e = (k - p >= 2 && isAsciiLower(at(k))) ? k - 1 : k;
            }
        } else if (isAsciiDigit(c)) {
            qsizetype q = p;
            while (q < n && isAsciiDigit(at(q)))
                ++q;
            e = q;
            if (q + 2 <= n) {
                const char16_t d = at(q - 1);
                const char16_t a = at(q);
                const char16_t b = at(q + 1);
                const char16_t next = at(q + 2); // 0 at the end: a word boundary
                const auto ordinal = [&](bool upper) {
                    const char16_t off = upper ? 0 : 32;
                    const auto is = [&](char16_t x, char16_t y) { return a == x + off && b == y + off; };
                    if (d == u'1')
                        return is(u'S', u'T');
                    if (d == u'2')
                        return is(u'N', u'D');
                    if (d == u'3')
                        return is(u'R', u'D');
                    return is(u'T', u'H');
                };
                if (ordinal(true) && !isAsciiUpper(next) && !isAsciiDigit(next))
                    e = q + 2;
                else if (ordinal(false) && !isAsciiLower(next) && !isAsciiDigit(next))
                    e = q + 2;
            }
        } else {
            ++p; // a separator
            continue;
        }
        addWord(p, e);
        p = e;
    }
}

bool isAsciiString(const QString &s)
{
    for (const QChar c : s)
        if (c.unicode() >= 0x80)
            return false;
    return true;
}

// lodash camelCase for ASCII input without building word lists.
QString asciiCamelCase(const QString &input)
{
    QString s = input;
    s.remove(QLatin1Char('\''));
    QString out;
    out.reserve(s.size());
    bool first = true;
    const auto addWord = [&](qsizetype from, qsizetype to) {
        for (qsizetype i = from; i < to; ++i) {
            char16_t u = s.at(i).unicode();
            if (isAsciiUpper(u) && !(i == from && !first))
                u = char16_t(u + 32);
            else if (isAsciiLower(u) && i == from && !first)
                u = char16_t(u - 32);
            out += QChar(u);
        }
        first = false;
    };
    if (hasUnicodeWord(s)) {
        forEachAsciiWord(s, addWord);
    } else { // only [A-Za-z0-9 ]: words are the space-separated runs
        qsizetype i = 0;
        while (i < s.size()) {
            if (s.at(i) == QLatin1Char(' ')) {
                ++i;
                continue;
            }
            qsizetype j = i;
            while (j < s.size() && s.at(j) != QLatin1Char(' '))
                ++j;
            addWord(i, j);
            i = j;
        }
    }
    return out;
}

QString lodashCamelCase(const QString &s)
{
    if (isAsciiString(s))
        return asciiCamelCase(s);
    const QStringList list = words(deburrAndStripApostrophes(validUtf16(s)));
    QString out;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString word = jsToLower(list.at(i));
        out += i == 0 ? word : lodashUpperFirst(word);
    }
    return out;
}

// graphile-build `constantCaseAll`: every step is ASCII-only.
QString constantCaseAll(const QString &s)
{
    // 1. runs of non-[A-Za-z0-9_] → "_"; 2. "_" before each capital run; 3. collapse "__+".
    QString a;
    a.reserve(s.size() + 8);
    bool inRun = false;
    for (const QChar c : s) {
        if (isAsciiAlnum(c) || c == QLatin1Char('_')) {
            a += c;
            inRun = false;
        } else if (!inRun) {
            a += QLatin1Char('_');
            inRun = true;
        }
    }
    QString b;
    b.reserve(a.size() + 8);
    const auto push = [&b](QChar c) {
        if (c == QLatin1Char('_') && !b.isEmpty() && b.back() == QLatin1Char('_'))
            return;
        b += c;
    };
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (isAsciiUpper(a.at(i).unicode()) && (i == 0 || !isAsciiUpper(a.at(i - 1).unicode())))
            push(QLatin1Char('_'));
        push(a.at(i));
    }
    // 4. strip the leading non-alphanumerics (only "_" remain); 5. "_" before a leading digit.
    qsizetype lead = 0;
    while (lead < b.size() && b.at(lead) == QLatin1Char('_'))
        ++lead;
    QString c = b.mid(lead);
    if (!c.isEmpty() && isAsciiDigit(c.at(0).unicode()))
        c.prepend(QLatin1Char('_'));
    return c.toUpper();
}

// graphile-build `formatInsideUnderscores`: apply fn to what lies between leading and trailing "_".
template<typename F>
QString insideUnderscores(const QString &s, F fn)
{
    qsizetype lead = 0;
    while (lead < s.size() && s.at(lead) == QLatin1Char('_'))
        ++lead;
    qsizetype trail = 0;
    while (trail < s.size() - lead && s.at(s.size() - 1 - trail) == QLatin1Char('_'))
        ++trail;
    return s.left(lead) + fn(s.mid(lead, s.size() - lead - trail)) + s.right(trail);
}

// Inflection calls these on the same names many times over.
class Memo
{
public:
    template<typename F>
    QString get(const QString &key, F compute)
    {
        {
            QMutexLocker lock(&m_mutex);
            const auto it = m_map.constFind(key);
            if (it != m_map.constEnd())
                return *it;
        }
        QString value = compute();
        QMutexLocker lock(&m_mutex);
        // Bounded for long sessions; large enough that 3,000 tables (~150,000 names) are not
        // cleared and recomputed halfway through.
        if (m_map.size() > 250000)
            m_map.clear();
        m_map.insert(key, value);
        return value;
    }

private:
    QMutex m_mutex;
    QHash<QString, QString> m_map;
};

} // namespace

QString jsToLower(const QString &s)
{
    constexpr char16_t sigma = 0x3a3;
    if (!s.contains(QChar(sigma)))
        return s.toLower();
    QString out;
    qsizetype from = 0;
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (s.at(i).unicode() != sigma)
            continue;
        out += s.mid(from, i - from).toLower();
        out += QChar(finalSigmaAt(s, i) ? char16_t(0x3c2) : char16_t(0x3c3));
        from = i + 1;
    }
    out += s.mid(from).toLower();
    return out;
}

QString jsToUpper(const QString &s)
{
    return s.toUpper();
}

QString camelCase(const QString &s)
{
    static Memo &memo = *new Memo; // never destroyed: freeing it at exit cost 2 % of an export
    return memo.get(s, [&] { return insideUnderscores(s, lodashCamelCase); });
}

QString upperFirst(const QString &s)
{
    static Memo &memo = *new Memo; // never destroyed: freeing it at exit cost 2 % of an export
    return memo.get(s, [&] { return insideUnderscores(s, lodashUpperFirst); });
}

QString upperCamelCase(const QString &s)
{
    static Memo &memo = *new Memo; // never destroyed: freeing it at exit cost 2 % of an export
    // Computed directly rather than through the memoised camelCase and upperFirst: most names
    // asked for here (type names) are asked once more at most, and filling three memos for each
    // was most of the cost.
    return memo.get(s, [&] { return insideUnderscores(insideUnderscores(s, lodashCamelCase), lodashUpperFirst); });
}

QString constantCase(const QString &s)
{
    static Memo &memo = *new Memo; // never destroyed: freeing it at exit cost 2 % of an export
    return memo.get(s, [&] { return insideUnderscores(s, constantCaseAll); });
}

QString coerceToGraphQLName(const QString &s)
{
    QString r = s;
    if (!r.isEmpty() && isAsciiDigit(r.at(0).unicode()))
        r.prepend(QLatin1Char('_'));
    qsizetype n = 0;
    while (n < r.size() && r.at(n) == QLatin1Char('_'))
        ++n;
    if (n >= 2)
        r.replace(0, n, QStringLiteral("_"));
    return r;
}

} // namespace refract::reflect
