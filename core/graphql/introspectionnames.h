#pragma once

// Internal to buildClientSchema's direct reader (introspectiondirect.cpp): the keys of introspection
// JSON, the order servers write them in, and the table of names met in the text.

#include "jsoncursor.h"

#include <QString>

#include <array>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace refract::graphql::detail::introspection {

[[noreturn]] inline void unsure()
{
    JsonCursor::unsure();
}

enum class Key : quint8 {
    Other, Kind, Name, Description, SpecifiedByURL, SpecifiedByUrl, IsOneOf, Fields, InputFields, Interfaces,
    EnumValues, PossibleTypes, Args, Type, DefaultValue, DeprecationReason, OfType, IsRepeatable, Locations,
    QueryType, MutationType, SubscriptionType, Types, Directives, Schema, Data, IsDeprecated,
};

/// k == text, for a k whose size is already known to be the text's (a compare of constant size).
template<size_t N>
bool is(std::string_view k, const char (&text)[N])
{
    return std::memcmp(k.data(), text, N - 1) == 0;
}

inline Key keyOf(std::string_view k)
{
    switch (k.size()) {
    case 4:
        if (is(k, "name")) return Key::Name;
        if (is(k, "kind")) return Key::Kind;
        if (is(k, "type")) return Key::Type;
        if (is(k, "args")) return Key::Args;
        if (is(k, "data")) return Key::Data;
        break;
    case 5:
        if (is(k, "types")) return Key::Types;
        break;
    case 6:
        if (is(k, "ofType")) return Key::OfType;
        if (is(k, "fields")) return Key::Fields;
        break;
    case 7:
        if (is(k, "isOneOf")) return Key::IsOneOf;
        break;
    case 8:
        if (is(k, "__schema")) return Key::Schema;
        break;
    case 9:
        if (is(k, "queryType")) return Key::QueryType;
        if (is(k, "locations")) return Key::Locations;
        break;
    case 10:
        if (is(k, "interfaces")) return Key::Interfaces;
        if (is(k, "enumValues")) return Key::EnumValues;
        if (is(k, "directives")) return Key::Directives;
        break;
    case 11:
        if (is(k, "description")) return Key::Description;
        if (is(k, "inputFields")) return Key::InputFields;
        break;
    case 12:
        if (is(k, "isDeprecated")) return Key::IsDeprecated;
        if (is(k, "defaultValue")) return Key::DefaultValue;
        if (is(k, "isRepeatable")) return Key::IsRepeatable;
        if (is(k, "mutationType")) return Key::MutationType;
        break;
    case 13:
        if (is(k, "possibleTypes")) return Key::PossibleTypes;
        break;
    case 14:
        if (is(k, "specifiedByURL")) return Key::SpecifiedByURL;
        if (is(k, "specifiedByUrl")) return Key::SpecifiedByUrl;
        break;
    case 16:
        if (is(k, "subscriptionType")) return Key::SubscriptionType;
        break;
    case 17:
        if (is(k, "deprecationReason")) return Key::DeprecationReason;
        break;
    default: break;
    }
    return Key::Other;
}

/// Each known key at most once per object (the general path lets the last one win).
class Seen
{
public:
    void operator()(Key k)
    {
        const quint32 bit = 1u << unsigned(k);
        if (m_bits & bit)
            unsure();
        m_bits |= bit;
    }

private:
    quint32 m_bits = 0;
};

/// Names met in the text (types and members), each converted once and shared, with what is known
/// about them as type names. An ASCII name is compared with its QString's own characters, so a lookup
/// touches the slot and the entry, and the string data a copy of the name touches anyway; the rare
/// other names keep their bytes in an arena. Names are never escaped (the cursor is unsure of those).
class Names
{
public:
    struct Entry
    {
        QString value;
        qint32 type = -1;        ///< the type defined under this name: index in the type list
        quint32 memberStamp = 0; ///< uniqueness among the fields / enum values / input fields of a type
        quint32 argStamp = 0;    ///< uniqueness among the arguments of a field or directive
        quint32 keyOffset = 0;   ///< non-ASCII names: where their bytes are in the arena
        quint32 keySize = 0;
        bool ascii = true;
        bool defined = false;    ///< listed in `types` (kept or not)
        bool referenced = false; ///< used as a type name: type reference, interface, possible type, root
    };

    Names()
    {
        m_slots.assign(1u << 12, 0);
        m_entries.reserve(1u << 11);
    }

    quint32 intern(const JsonCursor::String &s)
    {
        if (s.escaped)
            unsure();
        const quint32 h = hash(s.raw);
        const quint32 mask = quint32(m_slots.size() - 1);
        quint32 i = h & mask;
        const quint32 tag = h & kTagMask;
        for (;; i = (i + 1) & mask) {
            const quint32 slot = m_slots[i];
            if (!slot)
                break;
            if ((slot & kTagMask) == tag && equals(m_entries[(slot & kIndexMask) - 1], s))
                return (slot & kIndexMask) - 1;
        }
        const quint32 index = quint32(m_entries.size());
        if (index + 1 >= kIndexMask)
            unsure();
        Entry &e = m_entries.emplace_back();
        if (s.ascii) {
            e.value = QString::fromLatin1(s.raw.data(), qsizetype(s.raw.size()));
        } else {
            e.value = QString::fromUtf8(s.raw.data(), qsizetype(s.raw.size()));
            e.ascii = false;
            e.keyOffset = quint32(m_arena.size());
            e.keySize = quint32(s.raw.size());
            m_arena.append(s.raw);
        }
        m_hashes.push_back(h);
        m_slots[i] = tag | (index + 1);
        if (m_entries.size() * 4 > m_slots.size() * 3)
            grow();
        return index;
    }

    /// Whether a (never escaped) ASCII name was met.
    bool contains(QLatin1String name) const
    {
        const JsonCursor::String s{std::string_view(name.data(), size_t(name.size())), false, true};
        const quint32 h = hash(s.raw);
        const quint32 mask = quint32(m_slots.size() - 1);
        for (quint32 i = h & mask; m_slots[i]; i = (i + 1) & mask)
            if ((m_slots[i] & kTagMask) == (h & kTagMask) && equals(m_entries[(m_slots[i] & kIndexMask) - 1], s))
                return true;
        return false;
    }

    Entry &operator[](quint32 i) { return m_entries[i]; }
    const std::vector<Entry> &entries() const { return m_entries; }

    void newMemberList() { ++m_memberStamp; }
    void newArgumentList() { ++m_argStamp; }
    /// False when the name was already met in the current list.
    bool firstMember(quint32 i) { return first(m_entries[i].memberStamp, m_memberStamp); }
    bool firstArgument(quint32 i) { return first(m_entries[i].argStamp, m_argStamp); }

private:
    bool equals(const Entry &e, const JsonCursor::String &s) const
    {
        if (e.ascii != s.ascii)
            return false;
        if (s.ascii)
            return QStringView(e.value) == QLatin1String(s.raw.data(), qsizetype(s.raw.size()));
        return e.keySize == s.raw.size() && std::string_view(m_arena).substr(e.keyOffset, e.keySize) == s.raw;
    }

    static bool first(quint32 &stamp, quint32 current)
    {
        if (stamp == current)
            return false;
        stamp = current;
        return true;
    }

    static quint32 hash(std::string_view s)
    {
        quint64 h = 0x9e3779b97f4a7c15ull ^ s.size();
        const char *p = s.data();
        size_t n = s.size();
        for (; n >= 8; p += 8, n -= 8) {
            quint64 w;
            std::memcpy(&w, p, 8);
            h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
            h ^= h >> 31;
        }
        if (n) {
            quint64 w = 0;
            std::memcpy(&w, p, n);
            h = (h ^ w) * 0x94d049bb133111ebull;
            h ^= h >> 29;
        }
        h *= 0xbf58476d1ce4e5b9ull;
        return quint32(h >> 32);
    }

    void grow()
    {
        m_slots.assign(m_slots.size() * 2, 0);
        const quint32 mask = quint32(m_slots.size() - 1);
        for (quint32 index = 0; index < m_entries.size(); ++index) {
            quint32 i = m_hashes[index] & mask;
            while (m_slots[i])
                i = (i + 1) & mask;
            m_slots[i] = (m_hashes[index] & kTagMask) | (index + 1);
        }
    }

    // A slot: the hash's top byte (skips most other names without touching their entry) and the entry
    // index + 1; 0 = free. 4 bytes a slot keep the table in the L2 cache for tens of thousands of names.
    static constexpr quint32 kTagMask = 0xff000000u;
    static constexpr quint32 kIndexMask = 0x00ffffffu;
    std::vector<quint32> m_slots;
    std::vector<Entry> m_entries;
    std::vector<quint32> m_hashes;
    std::string m_arena;
    quint32 m_memberStamp = 0;
    quint32 m_argStamp = 0;
};

using P = JsonCursor::KeyPattern;
constexpr P key(std::string_view text, Key k)
{
return P(text, quint8(k));
}

// The members of each kind of object in the order of graphql-js's getIntrospectionQuery.
constexpr std::array kTypeKeys{
    key("kind", Key::Kind), key("name", Key::Name), key("description", Key::Description),
    key("specifiedByURL", Key::SpecifiedByURL), key("isOneOf", Key::IsOneOf), key("fields", Key::Fields),
    key("inputFields", Key::InputFields), key("interfaces", Key::Interfaces), key("enumValues", Key::EnumValues),
    key("possibleTypes", Key::PossibleTypes)};
constexpr std::array kFieldKeys{
    key("name", Key::Name), key("description", Key::Description), key("args", Key::Args), key("type", Key::Type),
    key("isDeprecated", Key::IsDeprecated), key("deprecationReason", Key::DeprecationReason)};
constexpr std::array kInputValueKeys{
    key("name", Key::Name), key("description", Key::Description), key("type", Key::Type),
    key("defaultValue", Key::DefaultValue), key("isDeprecated", Key::IsDeprecated),
    key("deprecationReason", Key::DeprecationReason)};
constexpr std::array kEnumValueKeys{
    key("name", Key::Name), key("description", Key::Description), key("isDeprecated", Key::IsDeprecated),
    key("deprecationReason", Key::DeprecationReason)};
constexpr std::array kTypeRefKeys{key("kind", Key::Kind), key("name", Key::Name), key("ofType", Key::OfType)};
constexpr std::array kDirectiveKeys{
    key("name", Key::Name), key("description", Key::Description), key("isRepeatable", Key::IsRepeatable),
    key("locations", Key::Locations), key("args", Key::Args)};
constexpr std::array kRootTypeKeys{key("name", Key::Name)};

} // namespace refract::graphql::detail::introspection
