#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>
#include <vector>

namespace refract::ui {

/// A GraphQL response as bytes plus the position of every object and array in it, so that views
/// can list any container's members without parsing the rest: one linear pass builds it (on a pool
/// thread for large responses), after which listing a container costs only its own top level.
/// Nothing is decoded until a view asks for a value. Immutable after build(): share it freely.
class JsonIndex
{
public:
    enum class Kind { Null, Bool, Number, String, Object, Array, Invalid };

    /// One member of a container: the key's byte range (empty for array elements) and the value's.
    struct Entry
    {
        qsizetype keyStart = -1;
        qsizetype keyEnd = -1;
        qsizetype valueStart = 0;
        qsizetype valueEnd = 0;
    };

    /// Indexes `json`; returns null and sets `error` when it is not a JSON object or array or its
    /// brackets and strings do not balance.
    static std::shared_ptr<const JsonIndex> build(QByteArray json, QString *error = nullptr);

    const QByteArray &bytes() const { return m_bytes; }
    /// The top-level value.
    Entry root() const { return m_root; }

    Kind kind(const Entry &e) const;
    /// The members of an object or array (empty for scalars), in document order.
    QList<Entry> children(const Entry &container) const;
    /// How many members a container has, without materialising them.
    qsizetype childCount(const Entry &container) const;
    /// The member of an object called `key` (an invalid entry with valueEnd == 0 when absent).
    Entry member(const Entry &object, QLatin1String key) const;
    bool isValid(const Entry &e) const { return e.valueEnd > e.valueStart; }

    QString key(const Entry &e) const;
    /// Scalars as text (strings decoded, without quotes); containers as `{n}` / `[n]`.
    QString displayValue(const Entry &e, qsizetype maxChars = 400) const;
    /// The value's source text, cut at maxBytes (for table cells holding objects).
    QString rawValue(const Entry &e, qsizetype maxBytes = 400) const;
    /// The value as a number (0 when it is not one).
    double number(const Entry &e) const;

    /// JSON string literal (with quotes) → text; stops after maxChars characters.
    static QString decodeString(const char *begin, const char *end, qsizetype maxChars = -1);

private:
    qsizetype closeOf(qsizetype open) const;
    qsizetype skipWs(qsizetype pos, qsizetype end) const;
    /// The end (exclusive) of the value starting at `pos`.
    qsizetype valueEnd(qsizetype pos, qsizetype limit) const;

    QByteArray m_bytes;
    Entry m_root;
    /// (open, close) offsets of every container, sorted by open (the order they appear in).
    std::vector<std::pair<qsizetype, qsizetype>> m_containers;
};

} // namespace refract::ui
