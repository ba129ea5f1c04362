#pragma once

#include "catalog.h"
#include "enumtables.h"
#include "reflectoptions.h"
#include "smarttags.h"

#include <QHash>
#include <QList>
#include <QString>

#include <deque>
#include <vector>

namespace refract::reflect {

struct PgClassInfo;

struct PgAttrInfo
{
    const Attribute *attr = nullptr;
    const PgClassInfo *cls = nullptr;
    SmartTags tags;
    std::optional<QString> description; ///< after the tag lines; nullopt when empty
    bool isIndexed = false;             ///< first column of some index (PostGraphile `isIndexed`)
};

/// A primary key, unique or foreign key constraint, real or declared with smart tags
/// (`@primaryKey`, `@unique`, `@foreignKey`).
struct PgConstraintInfo
{
    Oid oid = 0;                 ///< 0 for smart-tag constraints
    QString name;
    char type = 'p';             ///< p, u, f
    const PgClassInfo *cls = nullptr;
    QList<int> keyAttrNums;
    const PgClassInfo *foreignClass = nullptr;
    QList<int> foreignKeyAttrNums;
    SmartTags tags;
    std::optional<QString> description;
    bool isFake = false;
    bool isIndexed = true;       ///< for foreign keys: an index starts with the key columns
};

struct PgClassInfo
{
    const Class *cls = nullptr;
    const Type *type = nullptr;  ///< the row type
    SmartTags tags;
    std::optional<QString> description;
    std::vector<PgAttrInfo> attrs;
    bool exposed = false;        ///< in one of the requested schemas (PostGraphile's `table.namespace`)
    bool isSelectable = false;   ///< relkind not 'c'
    const PgConstraintInfo *primaryKey = nullptr;
    QList<const PgConstraintInfo *> constraints;        ///< p/u/f on this class, in catalog order
    QList<const PgConstraintInfo *> foreignConstraints; ///< f constraints referencing this class

    const PgAttrInfo *attr(int num) const;
    QList<const PgAttrInfo *> attrsByNums(const QList<int> &nums) const;
};

struct PgProcInfo
{
    const Function *fn = nullptr;
    SmartTags tags;
    std::optional<QString> description;
};

/// A GraphQL enum made from the rows of an `@enum` table (one per enum constraint).
struct PgFakeEnum
{
    QString name;                 ///< `table` or `table_constraint`, as PostGraphile names the fake type
    SmartTags tags;               ///< the table's tags overridden by the constraint's
    std::optional<QString> description;
    QStringList values;
    QList<std::optional<QString>> valueDescriptions; ///< empty when there is no description column
    const PgClassInfo *cls = nullptr;
    int attNum = 0;
};

struct PgTypeInfo
{
    const Type *type = nullptr;
    SmartTags tags;
    std::optional<QString> description;
};

/// The catalog seen the way PostGraphile v4's introspection plugin sees it: smart tags parsed,
/// descriptions split off, smart-tag constraints added, classes linked to their constraints, and
/// the `@omit` + RBAC + index rules of `pgOmit` in one place.
class PgModel
{
public:
    PgModel(const Catalog &catalog, const ReflectOptions &options, const EnumTableData *enumData = nullptr);

    const Catalog &catalog() const { return m_catalog; }
    const std::deque<PgClassInfo> &classes() const { return m_classes; }
    const std::deque<PgProcInfo> &procs() const { return m_procs; }
    const PgClassInfo *classByOid(Oid oid) const;
    const PgClassInfo *classByTypeOid(Oid typeOid) const;
    const PgTypeInfo *typeByOid(Oid oid) const;
    /// The enum-table enum an attribute is typed with (a column referencing an enum table), if any.
    const PgFakeEnum *enumForAttribute(Oid classOid, int attNum) const;
    /// The enum-table enum PostGraphile names `name` in `schema` (for `*_enum_domain` domains).
    const PgFakeEnum *fakeEnum(const QString &schema, const QString &name) const;
    /// Problems PostGraphile would report as errors or warnings (bad smart tags).
    const QStringList &warnings() const { return m_warnings; }

    // pgOmit: the `@omit` smart tag, plus RBAC checks when ignoreRBAC is false and the
    // unindexed-column rule when ignoreIndexes is false.
    bool omit(const PgClassInfo &c, const QString &action) const;
    bool omit(const PgAttrInfo &a, const QString &action) const;
    bool omit(const PgConstraintInfo &c, const QString &action) const;
    bool omit(const PgProcInfo &p, const QString &action) const;

private:
    void addSmartConstraints(PgClassInfo &ci);
    void addEnumTables(const EnumTableData &data);
    const PgClassInfo *findClassByName(const QString &spec, const QString &defaultSchema) const;

    const Catalog &m_catalog;
    ReflectOptions m_options;
    std::deque<PgClassInfo> m_classes;
    std::deque<PgConstraintInfo> m_constraints;
    std::deque<PgProcInfo> m_procs;
    std::deque<PgTypeInfo> m_types;
    QHash<Oid, const PgClassInfo *> m_classByOid;
    QHash<Oid, const PgClassInfo *> m_classByTypeOid;
    QHash<Oid, const PgTypeInfo *> m_typeByOid;
    QStringList m_warnings;
    std::deque<PgFakeEnum> m_fakeEnums;
    QHash<QPair<Oid, int>, const PgFakeEnum *> m_attrEnums;
};

/// Splits a comment into tags and a description the way PostGraphile does (empty → nullopt).
std::optional<QString> descriptionOf(const SmartTags &tags);

} // namespace refract::reflect
