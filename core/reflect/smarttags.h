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
    static SmartTags parse(const QString &comment);

    bool has(const QString &tag) const { return m_tags.contains(tag); }
    /// The value of a tag (the last one when repeated); empty for flag tags (`@notNull`).
    QString value(const QString &tag) const;
    /// Every value of a repeated tag (`@foreignKey`, `@unique`, `@deprecated`), in order.
    QStringList values(const QString &tag) const;
    /// True when the tag was given without a value (`@omit` alone).
    bool isFlag(const QString &tag) const;
    /// Text after the tag lines, as PostGraphile uses it for GraphQL descriptions (may be empty).
    const QString &description() const { return m_description; }
    const QHash<QString, QStringList> &all() const { return m_tags; }

    /// `@omit` semantics of graphile-build-pg `omit.js`: whether `action` (one of "create", "read",
    /// "update", "delete", "filter", "order", "all", "many", "execute", "base") is omitted.
    bool omits(const QString &action) const;

    void set(const QString &tag, const QStringList &values) { m_tags.insert(tag, values); }

private:
    QHash<QString, QStringList> m_tags; ///< a flag tag holds one null QString
    QString m_description;
};

} // namespace refract::reflect
