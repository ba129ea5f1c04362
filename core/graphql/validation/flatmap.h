#pragma once

#include <QStringView>

#include <cstdint>
#include <vector>

namespace refract::graphql::validation {

/// FNV-1a over the UTF-16 units of a name: GraphQL names are short ASCII, so this beats Qt's
/// seeded hash, and the index tables built with it are immutable and shared across threads.
inline std::uint64_t hashName(QStringView s)
{
    std::uint64_t h = 0xcbf29ce484222325ull;
    const char16_t *p = s.utf16();
    for (qsizetype i = 0, n = s.size(); i < n; ++i)
        h = (h ^ p[i]) * 0x100000001b3ull;
    return h ^ (h >> 29);
}

/// Names are short: an inline loop beats a call to memcmp or Qt's compare.
inline bool sameName(QStringView a, QStringView b)
{
    const qsizetype n = a.size();
    if (n != b.size())
        return false;
    const char16_t *p = a.utf16();
    const char16_t *q = b.utf16();
    for (qsizetype i = 0; i < n; ++i)
        if (p[i] != q[i])
            return false;
    return true;
}

inline std::uint64_t hashPointer(const void *p)
{
    std::uint64_t x = std::uint64_t(reinterpret_cast<std::uintptr_t>(p));
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    return x;
}

/// An open-addressing map from a name (and an optional 32-bit scope, such as the index of the type
/// a field belongs to) to a value. Keys are views into strings that outlive the map (the schema's).
/// Built once, then only read: validation looks up every field of a document in it.
template<typename T>
class NameMap
{
public:
    void reserve(size_t count)
    {
        size_t cap = 16;
        while (cap < count * 2)
            cap <<= 1;
        m_slots.assign(cap, Slot{});
        m_mask = cap - 1;
        m_size = 0;
    }

    /// Inserts unless the key is present (the first of duplicates wins). Grows when half full.
    void insert(QStringView name, const T &value, std::uint32_t scope = 0)
    {
        if ((m_size + 1) * 2 > m_slots.size())
            grow();
        const std::uint64_t h = mix(hashName(name), scope);
        for (size_t i = h & m_mask;; i = (i + 1) & m_mask) {
            Slot &s = m_slots[i];
            if (!s.used) {
                s = Slot{name.utf16(), std::uint32_t(name.size()), scope, h, value, true};
                ++m_size;
                return;
            }
            if (s.hash == h && s.scope == scope && sameName(QStringView(s.chars, s.size), name))
                return;
        }
    }

    const T *find(QStringView name, std::uint32_t scope = 0) const
    {
        if (m_slots.empty())
            return nullptr;
        const std::uint64_t h = mix(hashName(name), scope);
        for (size_t i = h & m_mask;; i = (i + 1) & m_mask) {
            const Slot &s = m_slots[i];
            if (!s.used)
                return nullptr;
            if (s.hash == h && s.scope == scope && sameName(QStringView(s.chars, s.size), name))
                return &s.value;
        }
    }

private:
    struct Slot
    {
        const char16_t *chars = nullptr;
        std::uint32_t size = 0;
        std::uint32_t scope = 0;
        std::uint64_t hash = 0;
        T value{};
        bool used = false;
    };

    static std::uint64_t mix(std::uint64_t h, std::uint32_t scope)
    {
        return scope ? (h ^ (std::uint64_t(scope) * 0x9e3779b97f4a7c15ull)) * 0xff51afd7ed558ccdull : h;
    }

    void grow()
    {
        std::vector<Slot> old = std::move(m_slots);
        reserve(old.empty() ? 8 : old.size());
        for (const Slot &s : old)
            if (s.used)
                insert(QStringView(s.chars, s.size), s.value, s.scope);
    }

    std::vector<Slot> m_slots;
    size_t m_mask = 0;
    size_t m_size = 0;
};

/// An open-addressing map from an address to a value; built once, then only read.
template<typename K, typename T>
class PointerMap
{
public:
    void reserve(size_t count)
    {
        size_t cap = 16;
        while (cap < count * 2)
            cap <<= 1;
        m_slots.assign(cap, Slot{});
        m_mask = cap - 1;
        m_size = 0;
    }

    void insert(const K *key, const T &value)
    {
        if ((m_size + 1) * 2 > m_slots.size())
            grow();
        for (size_t i = hashPointer(key) & m_mask;; i = (i + 1) & m_mask) {
            Slot &s = m_slots[i];
            if (!s.key) {
                s = Slot{key, value};
                ++m_size;
                return;
            }
            if (s.key == key)
                return;
        }
    }

    /// The value of `key`, inserted value-initialised when absent (the reference is valid until the
    /// next insertion).
    T &operator[](const K *key)
    {
        if ((m_size + 1) * 2 > m_slots.size())
            grow();
        for (size_t i = hashPointer(key) & m_mask;; i = (i + 1) & m_mask) {
            Slot &s = m_slots[i];
            if (s.key == key)
                return s.value;
            if (!s.key) {
                s = Slot{key, T{}};
                ++m_size;
                return s.value;
            }
        }
    }

    const T *find(const K *key) const
    {
        if (m_slots.empty())
            return nullptr;
        for (size_t i = hashPointer(key) & m_mask;; i = (i + 1) & m_mask) {
            const Slot &s = m_slots[i];
            if (s.key == key)
                return &s.value;
            if (!s.key)
                return nullptr;
        }
    }

private:
    struct Slot
    {
        const K *key = nullptr;
        T value{};
    };

    void grow()
    {
        std::vector<Slot> old = std::move(m_slots);
        reserve(old.empty() ? 8 : old.size());
        for (const Slot &s : old)
            if (s.key)
                insert(s.key, s.value);
    }

    std::vector<Slot> m_slots;
    size_t m_mask = 0;
    size_t m_size = 0;
};

} // namespace refract::graphql::validation
