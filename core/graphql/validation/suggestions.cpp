#include "suggestions.h"

#include <QHash>

#include <algorithm>
#include <vector>

namespace refract::graphql::validation {

namespace {

bool isDigit(char16_t c) { return c >= u'0' && c <= u'9'; }

/// graphql-js `LexicalDistance`: Damerau–Levenshtein (optimal string alignment) on lower-cased UTF-16
/// units, with a case-only difference counting as one edit and an early exit past the threshold.
class LexicalDistance
{
public:
    explicit LexicalDistance(const QString &input) : m_input(input), m_lower(input.toLower()) {}

    int measure(const QString &option, int threshold)
    {
        if (m_input == option)
            return 0;
        const QString optionLower = option.toLower();
        if (m_lower == optionLower)
            return 1;
        QStringView a = optionLower;
        QStringView b = m_lower;
        if (a.size() < b.size())
            std::swap(a, b);
        const qsizetype aLength = a.size();
        const qsizetype bLength = b.size();
        if (aLength - bLength > threshold)
            return -1;
        for (auto &row : m_rows)
            row.assign(size_t(bLength + 1), 0);
        for (qsizetype j = 0; j <= bLength; ++j)
            m_rows[0][size_t(j)] = int(j);
        for (qsizetype i = 1; i <= aLength; ++i) {
            auto &upRow = m_rows[size_t((i - 1) % 3)];
            auto &currentRow = m_rows[size_t(i % 3)];
            int smallestCell = currentRow[0] = int(i);
            for (qsizetype j = 1; j <= bLength; ++j) {
                const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int currentCell = std::min({upRow[size_t(j)] + 1, currentRow[size_t(j - 1)] + 1, upRow[size_t(j - 1)] + cost});
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                    const int doubleDiagonalCell = m_rows[size_t((i - 2) % 3)][size_t(j - 2)];
                    currentCell = std::min(currentCell, doubleDiagonalCell + 1);
                }
                if (currentCell < smallestCell)
                    smallestCell = currentCell;
                currentRow[size_t(j)] = currentCell;
            }
            if (smallestCell > threshold)
                return -1;
        }
        const int distance = m_rows[size_t(aLength % 3)][size_t(bLength)];
        return distance <= threshold ? distance : -1;
    }

private:
    QString m_input;
    QString m_lower;
    std::vector<int> m_rows[3];
};

} // namespace

int naturalCompare(QStringView a, QStringView b)
{
    qsizetype ai = 0;
    qsizetype bi = 0;
    auto charAt = [](QStringView s, qsizetype i) -> int { return i < s.size() ? int(s[i].unicode()) : -1; };
    while (ai < a.size() && bi < b.size()) {
        int ac = charAt(a, ai);
        int bc = charAt(b, bi);
        if (isDigit(char16_t(ac)) && isDigit(char16_t(bc))) {
            // Same arithmetic as graphql-js: a run stops after a leading zero.
            double aNum = 0;
            do {
                ++ai;
                aNum = aNum * 10 + ac - '0';
                ac = charAt(a, ai);
            } while (ac >= 0 && isDigit(char16_t(ac)) && aNum > 0);
            double bNum = 0;
            do {
                ++bi;
                bNum = bNum * 10 + bc - '0';
                bc = charAt(b, bi);
            } while (bc >= 0 && isDigit(char16_t(bc)) && bNum > 0);
            if (aNum < bNum)
                return -1;
            if (aNum > bNum)
                return 1;
        } else {
            if (ac < bc)
                return -1;
            if (ac > bc)
                return 1;
            ++ai;
            ++bi;
        }
    }
    return int(a.size() - b.size());
}

QStringList suggestionList(const QString &input, const QStringList &options)
{
    QHash<QString, int> byDistance;
    QStringList keys; // Object.keys order before sorting does not matter: the sort below is total
    LexicalDistance distance(input);
    const int threshold = int(input.size() * 0.4) + 1;
    for (const QString &option : options) {
        const int d = distance.measure(option, threshold);
        if (d < 0)
            continue;
        if (!byDistance.contains(option))
            keys.append(option);
        byDistance.insert(option, d);
    }
    std::stable_sort(keys.begin(), keys.end(), [&byDistance](const QString &a, const QString &b) {
        const int diff = byDistance.value(a) - byDistance.value(b);
        return diff != 0 ? diff < 0 : naturalCompare(a, b) < 0;
    });
    return keys;
}

QString didYouMean(const QStringList &suggestions, const QString &subMessage)
{
    if (suggestions.isEmpty())
        return {};
    QString message = QStringLiteral(" Did you mean ");
    if (!subMessage.isEmpty())
        message += subMessage + QLatin1Char(' ');
    auto quoted = [](const QString &s) { return QLatin1Char('"') + s + QLatin1Char('"'); };
    if (suggestions.size() == 1)
        return message + quoted(suggestions[0]) + QLatin1Char('?');
    if (suggestions.size() == 2)
        return message + quoted(suggestions[0]) + QStringLiteral(" or ") + quoted(suggestions[1]) + QLatin1Char('?');
    const qsizetype n = std::min<qsizetype>(suggestions.size(), 5);
    QString out = message;
    for (qsizetype i = 0; i < n - 1; ++i) {
        if (i)
            out += QStringLiteral(", ");
        out += quoted(suggestions[i]);
    }
    return out + QStringLiteral(", or ") + quoted(suggestions[n - 1]) + QLatin1Char('?');
}

} // namespace refract::graphql::validation
