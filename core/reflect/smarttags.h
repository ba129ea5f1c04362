#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace refract::reflect {

/// PostGraphile v4 smart comments: leading `@tag value` lines of a COMMENT, then the description.
/// A tag without a value is `true`; a repeated tag keeps every value in order.
class SmartTags
{
public:
    /// graphile-build-pg `parseTags`: lines (split on `\r?\n`) matching `^@[a-zA-Z][a-zA-Z0-9_]*($|\s)`
    /// are tags until the first non-empty other line; that line and everything after it is the
    /// description. Blank lines before the description are skipped.
    static SmartTags parse(const QString &comment);

    bool has(const QString &tag) const { return m_tags.contains(tag); }
    /// The value of a tag (the last one when repeated); empty for flag tags (`@notNull`).
    QString value(const QString &tag) const;
    /// Every value of a repeated tag (`@foreignKey`, `@unique`, `@deprecated`), in order; a flag
    /// occurrence is a null QString.
    QStringList values(const QString &tag) const;
    /// True when the (last) occurrence of the tag was given without a value (`@omit` alone).
    bool isFlag(const QString &tag) const;
    /// Text after the tag lines, as PostGraphile uses it for GraphQL descriptions (may be empty).
    const QString &description() const { return m_description; }
    const QHash<QString, QStringList> &all() const { return m_tags; }

    /// `@omit` semantics of graphile-build-pg `omit.js`: whether `action` (one of "create", "read",
    /// "update", "delete", "filter", "order", "all", "many", "execute", "base") is omitted.
    /// `@omit` alone or `@omit *` omits everything; `:CRUD` letter lists and comma lists (not
    /// trimmed, as in v4) are accepted. Returns false when omitError() is set.
    bool omits(const QString &action) const;
    /// Non-empty when PostGraphile would reject the `@omit` spec (`read` omitted without
    /// `update,create,delete,all,many`), which aborts its schema build. Unknown letters are ignored.
    QString omitError() const;

    void set(const QString &tag, const QStringList &values) { m_tags.insert(tag, values); }
    void setDescription(const QString &description) { m_description = description; }

private:
    struct OmitSpec
    {
        bool all = false;
        QStringList actions;
        QString error;
    };
    OmitSpec omitSpec() const;

    QHash<QString, QStringList> m_tags; ///< a flag tag holds one null QString
    QString m_description;
};

} // namespace refract::reflect
