#pragma once

// Internal to the language core: a strict pull reader over JSON bytes for buildClientSchema's fast path
// (introspectiondirect.cpp). It reads in place, with no DOM, no copy and no index of the document, and
// accepts only what simdjson's DOM parser accepts; whatever it cannot vouch for (a number it would have
// to round, an escaped key, a lone surrogate escape, deep nesting, any syntax error) throws
// JsonCursor::Unsure, and the caller falls back to the exact general path, which reports the error.
// UTF-8 is checked in strings, the only place where bytes >= 0x80 are valid JSON (simdjson's DOM parser
// checks the whole text; a non-ASCII byte elsewhere is a syntax error here).

#include <QString>

#include <simdjson.h>

#include <array>
#include <cstring>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace refract::graphql::detail {

class JsonCursor
{
public:
    struct Unsure
    {
    };

    /// A string as it stands in the document: `raw` is between the quotes, escapes not yet decoded.
    struct String
    {
        std::string_view raw;
        bool escaped = false;
        bool ascii = true; ///< no byte >= 0x80 outside escapes
    };

    /// A key as servers usually write it, `"key":`, compared as a whole (up to 24 bytes, masked) before
    /// the general scan of a key. `id` is the caller's name for the key.
    class KeyPattern
    {
    public:
        constexpr KeyPattern(std::string_view key, quint8 id) : m_size(quint8(key.size() + 3)), m_id(id)
        {
            for (size_t i = 0; i < m_size; ++i) {
                const char c = i == 0 || i == key.size() + 1 ? '"' : i == key.size() + 2 ? ':' : key[i - 1];
                m_words[i / 8] |= quint64(quint8(c)) << (8 * (i % 8));
                m_masks[i / 8] |= quint64(0xff) << (8 * (i % 8));
            }
        }
        quint8 id() const { return m_id; }
        size_t size() const { return m_size; }
        /// p has at least 24 readable bytes.
        Q_ALWAYS_INLINE bool matches(const char *p) const
        {
            quint64 w[3];
            std::memcpy(w, p, sizeof w);
            return (((w[0] ^ m_words[0]) & m_masks[0]) | ((w[1] ^ m_words[1]) & m_masks[1])
                    | ((w[2] ^ m_words[2]) & m_masks[2])) == 0;
        }

    private:
        quint64 m_words[3] = {};
        quint64 m_masks[3] = {};
        quint8 m_size;
        quint8 m_id;
    };

    JsonCursor(const char *begin, const char *end) : m_p(begin), m_end(end) {}

    [[noreturn]] static void unsure() { throw Unsure{}; }

    const char *position() const { return m_p; }
    void setPosition(const char *p) { m_p = p; }

    /// The next significant byte (whitespace skipped); Unsure at the end of the input.
    Q_ALWAYS_INLINE char peek()
    {
        if (m_p != m_end && static_cast<unsigned char>(*m_p) > ' ') [[likely]]
            return *m_p;
        while (m_p != m_end && isSpace(*m_p))
            ++m_p;
        if (m_p == m_end)
            unsure();
        return *m_p;
    }
    bool atEnd()
    {
        while (m_p != m_end && isSpace(*m_p))
            ++m_p;
        return m_p == m_end;
    }

    /// Calls `member(key)` with the cursor before each member's value, which `member` must consume.
    template<typename F>
    void object(F &&member)
    {
        if (!enter('{', '}'))
            return;
        do
            member(key());
        while (more('}'));
    }

    /// object() with the keys classified: `member(id)` gets `classify(key)` or, where the key is the one
    /// `expected` says comes next (servers write the members of a kind of object in one order), that
    /// pattern's id, found without scanning the key.
    template<size_t N, typename Classify, typename F>
    void object(const std::array<KeyPattern, N> &expected, Classify &&classify, F &&member)
    {
        if (!enter('{', '}'))
            return;
        size_t next = 0;
        do {
            if (peek() != '"')
                unsure();
            quint8 id;
            if (next < N && m_end - m_p >= 24 && expected[next].matches(m_p)) {
                m_p += expected[next].size();
                id = expected[next].id();
                ++next;
            } else {
                id = classify(key());
                for (size_t i = 0; i < N; ++i) {
                    if (expected[i].id() == id) {
                        next = i + 1;
                        break;
                    }
                }
            }
            member(id);
        } while (more('}'));
    }

    /// Calls `element()` for each element of an array; it must consume one value.
    template<typename F>
    void array(F &&element)
    {
        if (!enter('[', ']'))
            return;
        do
            element();
        while (more(']'));
    }

    /// A string value (the cursor at its opening quote).
    String string()
    {
        if (peek() != '"')
            unsure();
        ++m_p;
        const char *const start = m_p;
        unsigned high = 0;
        bool escaped = false;
        for (;;) {
            m_p = scan(m_p, m_end, high);
            if (m_p == m_end)
                unsure();
            if (*m_p == '"')
                break;
            if (*m_p != '\\')
                unsure(); // a control character
            escaped = true;
            m_p = escape(m_p);
        }
        String s{std::string_view(start, size_t(m_p - start)), escaped, high == 0};
        if (!s.ascii && !simdjson::validate_utf8(s.raw.data(), s.raw.size()))
            unsure();
        ++m_p;
        return s;
    }

    /// `true` consumed: true; `false` consumed: false; anything else: Unsure.
    bool boolean()
    {
        if (peek() == 't') {
            literal("true", 4);
            return true;
        }
        literal("false", 5);
        return false;
    }

    /// Consumes one value of any kind, checking it as strictly as the rest.
    void skip(int depth = 0)
    {
        if (depth > kMaxDepth)
            unsure();
        switch (peek()) {
        case '{': object([&](std::string_view) { skip(depth + 1); }); break;
        case '[': array([&] { skip(depth + 1); }); break;
        case '"': string(); break;
        case 'n': literal("null", 4); break;
        case 't': literal("true", 4); break;
        case 'f': literal("false", 5); break;
        default: number(); break;
        }
    }

    /// The text of a string: decoded when it has escapes, Latin-1 widening when it is ASCII.
    QString toQString(const String &s)
    {
        if (!s.escaped)
            return s.ascii ? QString::fromLatin1(s.raw.data(), qsizetype(s.raw.size()))
                           : QString::fromUtf8(s.raw.data(), qsizetype(s.raw.size()));
        m_buffer.clear();
        unescape(s.raw, m_buffer);
        return QString::fromUtf8(m_buffer.data(), qsizetype(m_buffer.size()));
    }

private:
    static constexpr int kMaxDepth = 128; // the general path (simdjson: 1024) decides about deeper documents

    static bool isSpace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

    void expect(char c)
    {
        if (peek() != c)
            unsure();
        ++m_p;
    }

    /// Consumes the opening `open` of an object or array; false when it is empty (`close` consumed too).
    Q_ALWAYS_INLINE bool enter(char open, char close)
    {
        expect(open);
        if (peek() == close) {
            ++m_p;
            return false;
        }
        return true;
    }

    /// Consumes what follows a member or element: true on `,` (another one follows), false on `close`.
    Q_ALWAYS_INLINE bool more(char close)
    {
        const char c = peek();
        ++m_p;
        if (c == ',')
            return true;
        if (c != close)
            unsure();
        return false;
    }

    /// A key and its colon, scanned; an escaped key is Unsure (it might spell a known key).
    std::string_view key()
    {
        const String k = string();
        if (k.escaped)
            unsure();
        expect(':');
        return k.raw;
    }

    void literal(const char *text, size_t n)
    {
        if (size_t(m_end - m_p) < n || std::memcmp(m_p, text, n) != 0)
            unsure();
        m_p += n;
    }

    static bool isDigit(char c) { return c >= '0' && c <= '9'; }

    /// JSON's number grammar; only numbers no parser rounds or rejects (at most 15 digits, an exponent
    /// of at most two digits) are taken: their value is never used, only their validity matters.
    void number()
    {
        if (*m_p == '-')
            ++m_p;
        int digits = 0;
        if (m_p != m_end && *m_p == '0') {
            ++m_p;
            digits = 1;
        } else {
            while (m_p != m_end && isDigit(*m_p)) {
                ++m_p;
                ++digits;
            }
            if (digits == 0)
                unsure();
        }
        if (m_p != m_end && *m_p == '.') {
            ++m_p;
            int fraction = 0;
            while (m_p != m_end && isDigit(*m_p)) {
                ++m_p;
                ++fraction;
            }
            if (fraction == 0)
                unsure();
            digits += fraction;
        }
        if (m_p != m_end && (*m_p == 'e' || *m_p == 'E')) {
            ++m_p;
            if (m_p != m_end && (*m_p == '+' || *m_p == '-'))
                ++m_p;
            int exponent = 0;
            while (m_p != m_end && isDigit(*m_p)) {
                ++m_p;
                ++exponent;
            }
            if (exponent == 0 || exponent > 2)
                unsure();
        }
        if (digits > 15)
            unsure();
    }

    /// The first quote, backslash or control character in [p, end), or end; ORs the bytes' high bits
    /// before it into `high`.
    static const char *scan(const char *p, const char *end, unsigned &high)
    {
#if defined(__SSE2__)
        const __m128i quote = _mm_set1_epi8('"');
        const __m128i backslash = _mm_set1_epi8('\\');
        const __m128i control = _mm_set1_epi8(0x1f);
        while (end - p >= 16) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
            const __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                                              _mm_cmpeq_epi8(_mm_max_epu8(v, control), control));
            const unsigned mask = unsigned(_mm_movemask_epi8(stop));
            const unsigned highBits = unsigned(_mm_movemask_epi8(v));
            if (mask) {
                const unsigned n = unsigned(__builtin_ctz(mask));
                high |= highBits & ((1u << n) - 1);
                return p + n;
            }
            high |= highBits;
            p += 16;
        }
#endif
        for (; p != end; ++p) {
            const unsigned char c = static_cast<unsigned char>(*p);
            if (c == '"' || c == '\\' || c < 0x20)
                return p;
            high |= c & 0x80;
        }
        return end;
    }

    static int hexDigit(char c)
    {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    }

    /// \uXXXX at p (p at the backslash); Unsure on bad hex digits and on surrogates, whose pairing
    /// rules the general path applies.
    static unsigned codeUnit(const char *p)
    {
        unsigned u = 0;
        for (int i = 2; i < 6; ++i) {
            const int d = hexDigit(p[i]);
            if (d < 0)
                unsure();
            u = (u << 4) | unsigned(d);
        }
        if (u >= 0xd800 && u <= 0xdfff)
            unsure();
        return u;
    }

    /// Checks the escape at p (a backslash); returns the position after it.
    const char *escape(const char *p) const
    {
        if (m_end - p < 2)
            unsure();
        switch (p[1]) {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't': return p + 2;
        case 'u':
            if (m_end - p < 6)
                unsure();
            codeUnit(p);
            return p + 6;
        default: unsure();
        }
    }

    /// Decodes a checked string into UTF-8.
    static void unescape(std::string_view raw, std::string &out)
    {
        out.reserve(raw.size());
        const char *p = raw.data();
        const char *const end = p + raw.size();
        while (p != end) {
            const char *bs = static_cast<const char *>(std::memchr(p, '\\', size_t(end - p)));
            if (!bs) {
                out.append(p, size_t(end - p));
                return;
            }
            out.append(p, size_t(bs - p));
            switch (bs[1]) {
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'u': {
                const unsigned u = codeUnit(bs);
                if (u < 0x80) {
                    out += char(u);
                } else if (u < 0x800) {
                    out += char(0xc0 | (u >> 6));
                    out += char(0x80 | (u & 0x3f));
                } else {
                    out += char(0xe0 | (u >> 12));
                    out += char(0x80 | ((u >> 6) & 0x3f));
                    out += char(0x80 | (u & 0x3f));
                }
                p = bs + 6;
                continue;
            }
            default: out += bs[1]; break; // " \ /
            }
            p = bs + 2;
        }
    }

    const char *m_p;
    const char *const m_end;
    std::string m_buffer;
};

} // namespace refract::graphql::detail
