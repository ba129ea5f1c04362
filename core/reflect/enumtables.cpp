#include "enumtables.h"

#include "smarttags.h"

#include <QSet>

#include <pg/connection.h>
#include <pg/result.h>

namespace refract::reflect {

namespace {

bool isEnumTag(const SmartTags &tags)
{
    return tags.has(QStringLiteral("enum"));
}

bool isTextType(Oid oid)
{
    return oid == 25 || oid == 1043 || oid == 18 || oid == 1042;
}

} // namespace

QList<const Class *> enumTableClasses(const Catalog &catalog)
{
    // Classes with an `@enum` unique key, found in one pass over the constraints (checking every
    // constraint for every class was quadratic in the table count).
    QSet<Oid> enumKeyClasses;
    for (const Constraint &con : catalog.constraints)
        if ((con.type == 'p' || con.type == 'u') && !con.comment.isEmpty() && isEnumTag(SmartTags::parse(con.comment)))
            enumKeyClasses.insert(con.classOid);
    QList<const Class *> out;
    for (const Class &c : catalog.classes) {
        if (!catalog.schemas.contains(c.namespaceName))
            continue;
        const bool isEnum = enumKeyClasses.contains(c.oid) || isEnumTag(SmartTags::parse(c.comment));
        if (isEnum)
            out << &c;
    }
    return out;
}

bool readEnumTables(pg::Connection &connection, const Catalog &catalog, EnumTableData *out, QString *error)
{
    for (const Class *c : enumTableClasses(catalog)) {
        EnumTableRows rows;
        QStringList cols;
        for (const Attribute &a : c->attributes)
            if (isTextType(a.typeOid)) {
                rows.columns << a.name;
                cols << pg::Connection::quoteIdentifier(a.name);
            }
        if (cols.isEmpty())
            continue;
        const QString sql = QStringLiteral("select %1 from %2.%3").arg(cols.join(QStringLiteral(", ")),
                                                                      pg::Connection::quoteIdentifier(c->namespaceName),
                                                                      pg::Connection::quoteIdentifier(c->name));
        const pg::Result r = connection.exec(sql);
        if (!r.ok()) {
            *error = QStringLiteral("cannot read enum table %1.%2: %3").arg(c->namespaceName, c->name, r.error().toString().simplified());
            return false;
        }
        for (int i = 0; i < r.rows(); ++i) {
            QList<std::optional<QString>> row;
            for (int j = 0; j < r.columns(); ++j)
                row << (r.isNull(i, j) ? std::nullopt : std::optional<QString>(r.text(i, j)));
            rows.rows << row;
        }
        out->insert(c->oid, rows);
    }
    return true;
}

} // namespace refract::reflect
