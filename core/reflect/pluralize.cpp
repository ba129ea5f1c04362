#include "pluralize.h"

#include "casing.h"

#include <QHash>
#include <QMutex>
#include <QRegularExpression>
#include <QSet>

#include <vector>

// A port of npm `pluralize` 7.0.0 as PostGraphile v4 calls it (on whole identifiers). The JS
// library runs its rules with the `i` flag and without `u`, so only ASCII letters compare
// case-insensitively. We reproduce that by matching case-sensitive, lower-case patterns against a
// copy of the word with only A–Z folded (same length, so offsets map back to the original), which
// keeps PCRE's Unicode case folding (`ſ`~`s`, `K`~`k`) out of the picture.

namespace refract::reflect {

namespace {

struct Rule
{
    QRegularExpression re;
    QString replacement; // `$0`, `$1`, `$2` interpolated as the JS `interpolate` does
    // The (folded) characters a match can end with, so that most rules are rejected without running
    // the regex; empty = any. "*" stands for any non-ASCII unit.
    QByteArray lastChars;

    bool mayMatch(const QString &folded) const
    {
        if (lastChars.isEmpty())
            return true;
        if (folded.isEmpty())
            return false;
        const char16_t last = folded.back().unicode();
        if (last >= 0x80)
            return lastChars.contains('*');
        return lastChars.contains(char(last));
    }
};

struct Rules
{
    std::vector<Rule> plural;
    std::vector<Rule> singular;
    QSet<QString> uncountables;
    QHash<QString, QString> irregularSingles; // single → plural
    QHash<QString, QString> irregularPlurals; // plural → single
};

// JS `$` without the `m` flag is end of input; PCRE's `$` also matches before a final "\n".
QRegularExpression compile(const char *pattern)
{
    QString p = QString::fromUtf8(pattern);
    p.replace(QLatin1Char('$'), QStringLiteral("\\z"));
    QRegularExpression re(p);
    Q_ASSERT(re.isValid());
    re.optimize();
    return re;
}

QRegularExpression compileWord(const char *word)
{
    return compile((QByteArray("^") + word + '$').constData());
}

const Rules &rules()
{
    static const Rules r = [] {
        Rules r;
        const char *irregular[][2] = {
            // pronouns
            {"i", "we"}, {"me", "us"}, {"he", "they"}, {"she", "they"}, {"them", "them"},
            {"myself", "ourselves"}, {"yourself", "yourselves"}, {"itself", "themselves"},
            {"herself", "themselves"}, {"himself", "themselves"}, {"themself", "themselves"},
            {"is", "are"}, {"was", "were"}, {"has", "have"}, {"this", "these"}, {"that", "those"},
            // consonant + o
            {"echo", "echoes"}, {"dingo", "dingoes"}, {"volcano", "volcanoes"}, {"tornado", "tornadoes"},
            {"torpedo", "torpedoes"},
            // -us, -ma
            {"genus", "genera"}, {"viscus", "viscera"}, {"stigma", "stigmata"}, {"stoma", "stomata"},
            {"dogma", "dogmata"}, {"lemma", "lemmata"}, {"schema", "schemata"}, {"anathema", "anathemata"},
            // others
            {"ox", "oxen"}, {"axe", "axes"}, {"die", "dice"}, {"yes", "yeses"}, {"foot", "feet"},
            {"eave", "eaves"}, {"goose", "geese"}, {"tooth", "teeth"}, {"quiz", "quizzes"},
            {"human", "humans"}, {"proof", "proofs"}, {"carve", "carves"}, {"valve", "valves"},
            {"looey", "looies"}, {"thief", "thieves"}, {"groove", "grooves"}, {"pickaxe", "pickaxes"},
            {"whiskey", "whiskies"},
        };
        // Later entries overwrite earlier ones, as assignments into the JS objects do
        // (`they` → `she`, `themselves` → `themself`).
        for (const auto &pair : irregular) {
            const QString single = QString::fromLatin1(pair[0]);
            const QString plural = QString::fromLatin1(pair[1]);
            r.irregularSingles.insert(single, plural);
            r.irregularPlurals.insert(plural, single);
        }

        const char *pluralRules[][3] = {
            {"s?$", "s", ""},
            {"[^\\x{0}-\\x{7f}]$", "$0", "*"},
            {"([^aeiou]ese)$", "$1", "e"},
            {"(ax|test)is$", "$1es", "s"},
            {"(alias|[^aou]us|tlas|gas|ris)$", "$1es", "s"},
            {"(e[mn]u)s?$", "$1s", "us"},
            {"([^l]ias|[aeiou]las|[emjzr]as|[iu]am)$", "$1", "sm"},
            {"(alumn|syllab|octop|vir|radi|nucle|fung|cact|stimul|termin|bacill|foc|uter|loc|strat)(?:us|i)$", "$1i", "si"},
            {"(alumn|alg|vertebr)(?:a|ae)$", "$1ae", "ae"},
            {"(seraph|cherub)(?:im)?$", "$1im", "hbm"},
            {"(her|at|gr)o$", "$1oes", "o"},
            {"(agend|addend|millenni|dat|extrem|bacteri|desiderat|strat|candelabr|errat|ov|symposi|curricul|automat|quor)(?:a|um)$", "$1a", "am"},
            {"(apheli|hyperbat|periheli|asyndet|noumen|phenomen|criteri|organ|prolegomen|hedr|automat)(?:a|on)$", "$1a", "an"},
            {"sis$", "ses", "s"},
            {"(?:(kni|wi|li)fe|(ar|l|ea|eo|oa|hoo)f)$", "$1$2ves", "ef"},
            {"([^aeiouy]|qu)y$", "$1ies", "y"},
            {"([^ch][ieo][ln])ey$", "$1ies", "y"},
            {"(x|ch|ss|sh|zz)$", "$1es", "xhsz"},
            {"(matr|cod|mur|sil|vert|ind|append)(?:ix|ex)$", "$1ices", "x"},
            {"(m|l)(?:ice|ouse)$", "$1ice", "e"},
            {"(pe)(?:rson|ople)$", "$1ople", "ne"},
            {"(child)(?:ren)?$", "$1ren", "dn"},
            {"eaux$", "$0", "x"},
            {"m[ae]n$", "men", "n"},
        };
        for (const auto &rule : pluralRules)
            r.plural.push_back({compile(rule[0]), QString::fromLatin1(rule[1]), QByteArray(rule[2])});
        r.plural.push_back({compileWord("thou"), QStringLiteral("you"), QByteArrayLiteral("u")});

        const char *singularRules[][3] = {
            {"s$", "", "s"},
            {"(ss)$", "$1", "s"},
            {"(wi|kni|(?:after|half|high|low|mid|non|night|[^\\w]|^)li)ves$", "$1fe", "s"},
            {"(ar|(?:wo|[ae])l|[eo][ao])ves$", "$1f", "s"},
            {"ies$", "y", "s"},
            {"\\b([pl]|zomb|(?:neck|cross)?t|coll|faer|food|gen|goon|group|lass|talk|goal|cut)ies$", "$1ie", "s"},
            {"\\b(mon|smil)ies$", "$1ey", "s"},
            {"(m|l)ice$", "$1ouse", "e"},
            {"(seraph|cherub)im$", "$1", "m"},
            {"(x|ch|ss|sh|zz|tto|go|cho|alias|[^aou]us|tlas|gas|(?:her|at|gr)o|ris)(?:es)?$", "$1", "xhszo"},
            {"(analy|ba|diagno|parenthe|progno|synop|the|empha|cri)(?:sis|ses)$", "$1sis", "s"},
            {"(movie|twelve|abuse|e[mn]u)s$", "$1", "s"},
            {"(test)(?:is|es)$", "$1is", "s"},
            {"(alumn|syllab|octop|vir|radi|nucle|fung|cact|stimul|termin|bacill|foc|uter|loc|strat)(?:us|i)$", "$1us", "si"},
            {"(agend|addend|millenni|dat|extrem|bacteri|desiderat|strat|candelabr|errat|ov|symposi|curricul|quor)a$", "$1um", "a"},
            {"(apheli|hyperbat|periheli|asyndet|noumen|phenomen|criteri|organ|prolegomen|hedr|automat)a$", "$1on", "a"},
            {"(alumn|alg|vertebr)ae$", "$1a", "e"},
            {"(cod|mur|sil|vert|ind)ices$", "$1ex", "s"},
            {"(matr|append)ices$", "$1ix", "s"},
            {"(pe)(rson|ople)$", "$1rson", "ne"},
            {"(child)ren$", "$1", "n"},
            {"(eau)x?$", "$1", "ux"},
            {"men$", "man", "n"},
        };
        for (const auto &rule : singularRules)
            r.singular.push_back({compile(rule[0]), QString::fromLatin1(rule[1]), QByteArray(rule[2])});

        const char *uncountable =
            "adulthood advice agenda aid alcohol ammo anime athletics audio bison blood bream buffalo butter "
            "carp cash chassis chess clothing cod commerce cooperation corps debris diabetes digestion elk "
            "energy equipment excretion expertise flounder fun gallows garbage graffiti headquarters health "
            "herpes highjinks homework housework information jeans justice kudos labour literature machinery "
            "mackerel mail media mews moose music manga news pike plankton pliers pollution premises rain "
            "research rice salmon scissors series sewage shambles shrimp species staff swine tennis traffic "
            "transporation trout tuna wealth welfare whiting wildebeest wildlife you";
        for (const QString &w : QString::fromLatin1(uncountable).split(QLatin1Char(' ')))
            r.uncountables.insert(w);
        // Regex uncountables become `$0` rules of both kinds, added last so they are tried first.
        const char *uncountableRules[][2] = {
            {"[^aeiou]ese$", "e"}, {"deer$", "r"}, {"fish$", "h"}, {"measles$", "s"}, {"o[iu]s$", "s"},
            {"pox$", "x"}, {"sheep$", "p"},
        };
        for (const auto &rule : uncountableRules) {
            r.plural.push_back({compile(rule[0]), QStringLiteral("$0"), QByteArray(rule[1])});
            r.singular.push_back({compile(rule[0]), QStringLiteral("$0"), QByteArray(rule[1])});
        }
        return r;
    }();
    return r;
}

// The copy the rules run on: A–Z lowered, and lone surrogates (which PCRE refuses in a UTF-16
// subject) replaced by U+FFFD, which every rule treats as the same kind of non-ASCII unit.
QString asciiFold(const QString &s)
{
    QString out = s;
    for (qsizetype i = 0; i < out.size(); ++i) {
        const char16_t u = out.at(i).unicode();
        if (u >= u'A' && u <= u'Z') {
            out[i] = QChar(char16_t(u + 32));
        } else if (QChar::isHighSurrogate(u) && i + 1 < out.size() && out.at(i + 1).isLowSurrogate()) {
            ++i;
        } else if (QChar::isSurrogate(u)) {
            out[i] = QChar::ReplacementCharacter;
        }
    }
    return out;
}

// JS `restoreCase(word, token)`: copy the case shape of `word` onto `token`.
QString restoreCase(const QString &word, const QString &token)
{
    if (word == token)
        return token;
    if (word == jsToUpper(word))
        return jsToUpper(token);
    const QString first(word.isEmpty() ? QString() : QString(word.at(0)));
    if (first == jsToUpper(first))
        return jsToUpper(token.left(1)) + jsToLower(token.mid(1));
    return jsToLower(token);
}

QString interpolate(const QString &replacement, const QRegularExpressionMatch &m, const QString &word)
{
    if (!replacement.contains(QLatin1Char('$')))
        return replacement;
    QString out;
    for (qsizetype i = 0; i < replacement.size(); ++i) {
        const QChar c = replacement.at(i);
        if (c == QLatin1Char('$') && i + 1 < replacement.size() && replacement.at(i + 1).isDigit()) {
            const int group = replacement.at(i + 1).digitValue();
            ++i;
            // Captured offsets refer to the folded copy, which has the original's length.
            if (group <= m.lastCapturedIndex() && m.capturedStart(group) >= 0)
                out += word.mid(m.capturedStart(group), m.capturedLength(group));
        } else {
            out += c;
        }
    }
    return out;
}

// Longer than the longest text any rule can match (`prolegomenon`, 12), with room to spare.
constexpr qsizetype kMaxRuleMatch = 16;

// JS `sanitizeWord`: the last rule that matches rewrites the first (leftmost) match.
QString sanitizeWord(const QString &token, const QString &word, const std::vector<Rule> &list)
{
    if (token.isEmpty() || rules().uncountables.contains(token))
        return word;
    const QString folded = asciiFold(word);
    // Every rule is anchored at the end and matches at most 12 characters, so the search can start
    // near the end; `^`, `\b` and lookbehind still see the whole subject (not so with mid()).
    qsizetype offset = qMax<qsizetype>(0, folded.size() - kMaxRuleMatch);
    if (offset > 0 && folded.at(offset).isLowSurrogate())
        --offset;
    for (auto it = list.rbegin(); it != list.rend(); ++it) {
        if (!it->mayMatch(folded))
            continue;
        const QRegularExpressionMatch m = it->re.match(folded, offset);
        if (!m.hasMatch())
            continue;
        const qsizetype start = m.capturedStart(0);
        const qsizetype len = m.capturedLength(0);
        const QString result = interpolate(it->replacement, m, word);
        // An empty match (only `s?$`) takes its case from the character before it, so a digit
        // (its own upper case) yields a capital `S`: `similar_table_1` → `similar_table_1S`.
        const QString restored = len == 0 ? restoreCase(start > 0 ? QString(word.at(start - 1)) : QString(), result)
                                          : restoreCase(word.mid(start, len), result);
        return word.left(start) + restored + word.mid(start + len);
    }
    return word;
}

QString replaceWord(const QString &word, const QHash<QString, QString> &replaceMap,
                    const QHash<QString, QString> &keepMap, const std::vector<Rule> &list)
{
    const QString token = jsToLower(word);
    if (keepMap.contains(token))
        return restoreCase(word, token);
    const auto it = replaceMap.constFind(token);
    if (it != replaceMap.constEnd())
        return restoreCase(word, *it);
    return sanitizeWord(token, word, list);
}

// Reflection asks for the same few thousand names over and over; both directions are cached.
class Cache
{
public:
    template<typename F>
    QString get(const QString &word, F compute)
    {
        {
            QMutexLocker lock(&m_mutex);
            const auto it = m_map.constFind(word);
            if (it != m_map.constEnd())
                return *it;
        }
        QString value = compute();
        QMutexLocker lock(&m_mutex);
        // Bounded for long sessions; large enough that 3,000 tables (~150,000 names) are not
        // cleared and recomputed halfway through.
        if (m_map.size() > 250000)
            m_map.clear();
        m_map.insert(word, value);
        return value;
    }

private:
    QMutex m_mutex;
    QHash<QString, QString> m_map;
};

} // namespace

QString pluralize(const QString &word)
{
    static Cache &cache = *new Cache; // never destroyed: freeing it at exit is wasted work
    return cache.get(word, [&] {
        const Rules &r = rules();
        return replaceWord(word, r.irregularSingles, r.irregularPlurals, r.plural);
    });
}

QString singularize(const QString &word)
{
    static Cache &cache = *new Cache; // never destroyed: freeing it at exit is wasted work
    return cache.get(word, [&] {
        const Rules &r = rules();
        return replaceWord(word, r.irregularPlurals, r.irregularSingles, r.singular);
    });
}

} // namespace refract::reflect
