#pragma once

#include <QStringView>

#include <algorithm>
#include <cstring>
#include <utility>
#include <vector>

// Internal to the language core: an open-addressing hash map keyed by QStringView, for builders that
// look names up hundreds of thousands of times in strings someone else owns for the map's lifetime
// (the AST during buildSchema). QHash<QString, …> hashed with a seeded string hash and compared
// through an out-of-line call: building a 50,000-type SDL spent about a fifth of its time there.
namespace refract::graphql::detail {

/// A fast hash of a GraphQL name (four UTF-16 units per step, multiply-xorshift mixing). Never 0.
inline quint64 nameHash(QStringView s) noexcept
{
    const char16_t *p = s.utf16();
    qsizetype n = s.size();
    quint64 h = 0x9E3779B97F4A7C15ull ^ quint64(n);
    while (n >= 4) {
        quint64 w;
        std::memcpy(&w, p, sizeof w);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
        p += 4;
        n -= 4;
    }
    quint64 w = 0;
    if (n)
        std::memcpy(&w, p, size_t(n) * sizeof(char16_t));
    h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 29;
    return h | 1;
}

inline bool sameName(QStringView a, QStringView b) noexcept
{
    return a.size() == b.size() && std::memcmp(a.utf16(), b.utf16(), size_t(a.size()) * sizeof(char16_t)) == 0;
}

/// Name → V with linear probing over 8-byte slots (a tag from the hash and the index of an item),
/// so that the probed table of a 50,000-name map stays about a megabyte and mostly in cache; the
/// items (key and value) are kept densely in insertion order. Keys are views: the strings must
/// outlive the map. References to values stay valid until the next insertion.
template<typename V>
class NameMap
{
public:
    NameMap() { rehash(16); }

    void reserve(size_t count)
    {
        m_items.reserve(count);
        size_t cap = 16;
        while (cap < count * 2)
            cap *= 2;
        if (cap > m_slots.size())
            rehash(cap);
    }
    size_t size() const { return m_items.size(); }
    void clear()
    {
        if (!m_items.empty()) {
            m_items.clear();
            std::fill(m_slots.begin(), m_slots.end(), Slot());
        }
    }

    V *find(QStringView key) { return find(key, nameHash(key)); }
    const V *find(QStringView key) const { return const_cast<NameMap *>(this)->find(key); }
    V *find(QStringView key, quint64 hash)
    {
        const quint32 tag = tagOf(hash);
        for (size_t i = size_t(hash) & m_mask;; i = (i + 1) & m_mask) {
            const Slot s = m_slots[i];
            if (!s.tag)
                return nullptr;
            if (s.tag == tag && sameName(m_items[s.item].key, key))
                return &m_items[s.item].value;
        }
    }

    /// The value of `key`, inserted as V() if absent; `inserted` says which.
    V &findOrInsert(QStringView key, bool *inserted = nullptr) { return findOrInsert(key, nameHash(key), inserted); }
    V &findOrInsert(QStringView key, quint64 hash, bool *inserted = nullptr)
    {
        if ((m_items.size() + 1) * 2 > m_slots.size())
            rehash(m_slots.size() * 2);
        const quint32 tag = tagOf(hash);
        for (size_t i = size_t(hash) & m_mask;; i = (i + 1) & m_mask) {
            Slot &s = m_slots[i];
            if (!s.tag) {
                s.tag = tag;
                s.item = quint32(m_items.size());
                m_items.push_back({key, hash, V{}});
                if (inserted)
                    *inserted = true;
                return m_items.back().value;
            }
            if (s.tag == tag && sameName(m_items[s.item].key, key)) {
                if (inserted)
                    *inserted = false;
                return m_items[s.item].value;
            }
        }
    }

private:
    struct Slot
    {
        quint32 tag = 0; // 0: empty
        quint32 item = 0;
    };
    struct Item
    {
        QStringView key;
        quint64 hash;
        V value;
    };

    static quint32 tagOf(quint64 hash) { return quint32(hash >> 32) | 1; }

    void rehash(size_t capacity)
    {
        m_slots.assign(capacity, Slot());
        m_mask = capacity - 1;
        for (size_t n = 0; n < m_items.size(); ++n) {
            size_t i = size_t(m_items[n].hash) & m_mask;
            while (m_slots[i].tag)
                i = (i + 1) & m_mask;
            m_slots[i] = Slot{tagOf(m_items[n].hash), quint32(n)};
        }
    }

    std::vector<Slot> m_slots;
    std::vector<Item> m_items;
    size_t m_mask = 0;
};

} // namespace refract::graphql::detail
