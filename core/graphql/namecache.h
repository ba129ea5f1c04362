#pragma once

#include <QString>

#include <cstring>
#include <vector>

namespace refract::graphql::detail {

/// Shares the QString of a name (or short literal) that recurs: field names, scalar and directive names,
/// enum values come back thousands of times in a large document and then cost one allocation instead of
/// one per occurrence. A direct-mapped cache small enough to stay in the CPU cache: a name that is rarely
/// repeated, like most type names of a large SDL, just gets its own string, as a full intern table would
/// cost a cache miss per lookup.
class NameCache
{
public:
    /// Sized for the source: a short operation does not pay for clearing and releasing a large table.
    explicit NameCache(qsizetype sourceSize)
    {
        int bits = 8;
        while (bits < kMaxBits && (qsizetype(1) << (bits + 5)) < sourceSize)
            ++bits;
        m_shift = 64 - bits;
        m_slots.resize(std::size_t(1) << bits);
    }

    QString get(const char16_t *s, qsizetype n)
    {
        const quint64 h = hash(s, n);
        Slot &slot = m_slots[std::size_t(h >> m_shift)];
        if (slot.hash == h && slot.string.size() == n
            && equal(reinterpret_cast<const char16_t *>(slot.string.constData()), s, n))
            return slot.string;
        slot.hash = h;
        slot.string = QString(reinterpret_cast<const QChar *>(s), n);
        return slot.string;
    }

private:
    static constexpr int kMaxBits = 12; ///< 4,096 slots of 32 bytes: stays in the CPU's L2 cache

    struct Slot
    {
        QString string;
        quint64 hash = 0;
    };

    static quint64 load(const char16_t *s)
    {
        quint64 w;
        std::memcpy(&w, s, sizeof w);
        return w;
    }

    static quint64 mix(quint64 h, quint64 w)
    {
        h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
        return h ^ (h >> 29);
    }

    static quint64 hash(const char16_t *s, qsizetype n)
    {
        quint64 h = 0x9e3779b97f4a7c15ull ^ quint64(n);
        if (n >= 4) {
            const char16_t *last = s + n - 4; // the last four units, overlapping the previous word
            for (; s < last; s += 4)
                h = mix(h, load(s));
            h = mix(h, load(last));
        } else {
            quint64 w = 0;
            for (qsizetype i = 0; i < n; ++i)
                w |= quint64(s[i]) << (16 * i);
            h = mix(h, w);
        }
        h *= 0x94d049bb133111ebull;
        return h ^ (h >> 31);
    }

    static bool equal(const char16_t *a, const char16_t *b, qsizetype n)
    {
        if (n < 4) {
            for (qsizetype i = 0; i < n; ++i)
                if (a[i] != b[i])
                    return false;
            return true;
        }
        for (qsizetype i = 0; i < n - 4; i += 4)
            if (load(a + i) != load(b + i))
                return false;
        return load(a + n - 4) == load(b + n - 4);
    }

    std::vector<Slot> m_slots;
    int m_shift = 52;
};

} // namespace refract::graphql::detail
