#include "tolerantlexer.h"

namespace refract::graphql::detail {

namespace {

bool isNameStart(char16_t c) { return c == u'_' || (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z'); }
bool isNameContinue(char16_t c) { return isNameStart(c) || (c >= u'0' && c <= u'9'); }
bool isDigit(char16_t c) { return c >= u'0' && c <= u'9'; }

} // namespace

std::vector<LooseToken> looseTokenize(const QString &text, std::vector<std::pair<qsizetype, qsizetype>> *comments)
{
    std::vector<LooseToken> out;
    const char16_t *s = reinterpret_cast<const char16_t *>(text.constData());
    const qsizetype n = text.size();
    qsizetype i = 0;
    auto push = [&](LooseToken::Kind kind, qsizetype start, qsizetype end, char16_t ch = 0, bool open = false) {
        LooseToken t;
        t.kind = kind;
        t.start = start;
        t.end = end;
        t.ch = ch;
        t.open = open;
        out.push_back(t);
    };
    while (i < n) {
        const char16_t c = s[i];
        switch (c) {
        case u' ': case u'\t': case u'\n': case u'\r': case u',': case 0xFEFF:
            ++i;
            continue;
        case u'#': {
            const qsizetype start = i;
            while (i < n && s[i] != u'\n' && s[i] != u'\r')
                ++i;
            if (comments)
                comments->emplace_back(start, i);
            continue;
        }
        case u'.': {
            // A partly typed spread (`.` or `..`) counts as one, so completion can already offer fragments.
            const qsizetype start = i;
            while (i < n && s[i] == u'.' && i - start < 3)
                ++i;
            push(LooseToken::Spread, start, i);
            continue;
        }
        case u'!': case u'$': case u'&': case u'(': case u')': case u'[': case u']': case u'{': case u'}':
        case u':': case u'=': case u'@': case u'|':
            push(LooseToken::Punct, i, i + 1, c);
            ++i;
            continue;
        case u'"': {
            const qsizetype start = i;
            if (i + 2 < n && s[i + 1] == u'"' && s[i + 2] == u'"') {
                i += 3;
                bool closed = false;
                while (i < n) {
                    if (s[i] == u'\\' && i + 3 < n && s[i + 1] == u'"' && s[i + 2] == u'"' && s[i + 3] == u'"') {
                        i += 4;
                        continue;
                    }
                    if (s[i] == u'"' && i + 2 < n && s[i + 1] == u'"' && s[i + 2] == u'"') {
                        i += 3;
                        closed = true;
                        break;
                    }
                    ++i;
                }
                push(LooseToken::BlockString, start, i, 0, !closed);
                continue;
            }
            ++i;
            bool closed = false;
            while (i < n && s[i] != u'\n' && s[i] != u'\r') {
                if (s[i] == u'\\' && i + 1 < n && s[i + 1] != u'\n' && s[i + 1] != u'\r') {
                    i += 2;
                    continue;
                }
                if (s[i++] == u'"') {
                    closed = true;
                    break;
                }
            }
            push(LooseToken::String, start, i, 0, !closed);
            continue;
        }
        default:
            break;
        }
        if (isNameStart(c)) {
            const qsizetype start = i;
            while (i < n && isNameContinue(s[i]))
                ++i;
            push(LooseToken::Name, start, i);
        } else if (isDigit(c) || (c == u'-' && i + 1 < n && isDigit(s[i + 1]))) {
            const qsizetype start = i++;
            while (i < n) {
                const char16_t d = s[i];
                if (isDigit(d) || d == u'.' || isNameStart(d)) {
                    ++i;
                } else if ((d == u'+' || d == u'-') && (s[i - 1] == u'e' || s[i - 1] == u'E')) {
                    ++i;
                } else {
                    break;
                }
            }
            push(LooseToken::Number, start, i);
        } else {
            ++i; // a character no token starts with: skipped
        }
    }
    push(LooseToken::Eof, n, n);
    return out;
}

} // namespace refract::graphql::detail
