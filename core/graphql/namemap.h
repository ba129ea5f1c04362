#pragma once

#include <QStringView>

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

/// Name → V with linear probing. Keys are views: the strings must outlive the map.
template<typename V>
class NameMap
{
public:
    NameMap() { rehash(16); }

    void reserve(size_t count)
    {
        size_t cap = 16;
        while (cap < count * 2)
            cap *= 2;
        if (cap > m_slots.size())
            rehash(cap);
    }
    size_t size() const { return m_size; }
    void clear()
    {
        if (m_size) {
            m_slots.assign(m_slots.size(), Slot());
            m_size = 0;
        }
    }

    V *find(QStringView key) { return find(key, nameHash(key)); }
    const V *find(QStringView key) const { return const_cast<NameMap *>(this)->find(key); }
    V *find(QStringView key, quint64 hash)
    {
        for (size_t i = size_t(hash) & m_mask;; i = (i + 1) & m_mask) {
            Slot &s = m_slots[i];
            if (!s.hash)
                return nullptr;
            if (s.hash == hash && sameName(s.key, key))
                return &s.value;
        }
    }

    /// The value of `key`, inserted as V() if absent; `inserted` says which.
    V &findOrInsert(QStringView key, bool *inserted = nullptr) { return findOrInsert(key, nameHash(key), inserted); }
    V &findOrInsert(QStringView key, quint64 hash, bool *inserted = nullptr)
    {
        if ((m_size + 1) * 2 > m_slots.size())
            rehash(m_slots.size() * 2);
        for (size_t i = size_t(hash) & m_mask;; i = (i + 1) & m_mask) {
            Slot &s = m_slots[i];
            if (!s.hash) {
                s.hash = hash;
                s.key = key;
                ++m_size;
                if (inserted)
                    *inserted = true;
                return s.value;
            }
            if (s.hash == hash && sameName(s.key, key)) {
                if (inserted)
                    *inserted = false;
                return s.value;
            }
        }
    }

private:
    struct Slot
    {
        quint64 hash = 0; // 0: empty
        QStringView key;
        V value{};
    };

    void rehash(size_t capacity)
    {
        std::vector<Slot> old(capacity);
        old.swap(m_slots);
        m_mask = capacity - 1;
        for (Slot &s : old) {
            if (!s.hash)
                continue;
            size_t i = size_t(s.hash) & m_mask;
            while (m_slots[i].hash)
                i = (i + 1) & m_mask;
            m_slots[i] = std::move(s);
        }
    }

    std::vector<Slot> m_slots;
    size_t m_mask = 0;
    size_t m_size = 0;
};

} // namespace refract::graphql::detail
