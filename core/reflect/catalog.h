#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace refract::reflect {

using Oid = quint32;

/// Privileges the introspecting role (or any role it is a member of) holds, as in PostGraphile's
/// `accessible_roles` introspection. Tests compare against what PostGraphile omits with ignoreRBAC: false.
struct Acl
{
    bool select = false;
    bool insert = false;
    bool update = false;
    bool del = false;
    bool execute = false;
    bool usage = false;
};

struct Namespace
{
    Oid oid = 0;
    QString name;
    QString comment;
};

/// A pg_type row. The `category`/`type` letters are PostgreSQL's (`typcategory`, `typtype`).
struct Type
{
    Oid oid = 0;
    QString name;          ///< typname (`_int4` for arrays)
    QString namespaceName;
    Oid namespaceOid = 0;
    char type = 'b';       ///< b base, c composite, d domain, e enum, p pseudo, r range, m multirange
    char category = 'U';   ///< typcategory: A array, B boolean, N numeric, S string, …
    Oid arrayItemOid = 0;  ///< typelem for arrays (typcategory 'A')
    Oid arrayOid = 0;      ///< typarray: the array type of this type
    Oid classOid = 0;      ///< typrelid for composite types (table row types included)
    Oid domainBaseOid = 0; ///< typbasetype for domains
    int domainTypmod = -1;
    bool domainNotNull = false;
    bool domainHasDefault = false;
    QString domainDefaultExpr; ///< typdefault: the domain default as text, for display
    int length = 0;        ///< typlen (-1 varlena, -2 cstring)
    Oid rangeSubtypeOid = 0;
    QStringList enumLabels; ///< in enumsortorder
    QString comment;
    Acl acl;
};

struct Attribute
{
    Oid classOid = 0;
    int num = 0;            ///< attnum (1-based)
    QString name;
    Oid typeOid = 0;
    int typmod = -1;
    bool notNull = false;
    bool hasDefault = false;
    char identity = 0;      ///< attidentity: 0, 'a' (ALWAYS), 'd' (BY DEFAULT)
    char generated = 0;     ///< attgenerated: 0 or 's'
    QString defaultExpr;    ///< pg_get_expr of the default, for display
    QString comment;
    Acl acl;                ///< column privileges merged with the table's
    /// A column-level SELECT grant to an accessible role (PostGraphile's columnLevelSelectGrant:
    /// such a table cannot be read with `select *`).
    bool columnSelectGrant = false;
};

/// pg_class rows that PostGraphile treats as "classes": tables, views, materialized views, foreign
/// tables, partitioned tables and composite types.
struct Class
{
    Oid oid = 0;
    QString name;
    QString namespaceName;
    Oid namespaceOid = 0;
    char kind = 'r';        ///< relkind: r, v, m, f, p, c
    Oid typeOid = 0;        ///< reltype (the row type)
    bool isPartition = false;
    Oid partitionParentOid = 0;
    bool rowSecurity = false;      ///< relrowsecurity
    bool forceRowSecurity = false; ///< relforcerowsecurity
    /// pg_relation_is_updatable(oid, true) bits, as PostGraphile reads them.
    bool isInsertable = false;
    bool isUpdatable = false;
    bool isDeletable = false;
    QString comment;
    Acl acl;
    bool isExtensionConfigurationTable = false; ///< listed in some pg_extension.extconfig
    std::vector<Attribute> attributes; ///< attnum > 0, not dropped, in attnum order
};

struct Constraint
{
    Oid oid = 0;
    QString name;
    char type = 'p';        ///< contype: p primary, u unique, f foreign, c check, x exclusion
    Oid classOid = 0;
    QList<int> keyAttrNums; ///< conkey
    Oid foreignClassOid = 0;
    QList<int> foreignKeyAttrNums; ///< confkey
    QString comment;
    QString definition;     ///< pg_get_constraintdef, for display
};

struct Index
{
    Oid oid = 0;
    QString name;
    Oid classOid = 0;
    bool isUnique = false;
    bool isPrimary = false;
    bool isPartial = false;
    QList<int> attrNums;    ///< 0 for expression columns
    QString definition;
};

struct FunctionArg
{
    QString name;           ///< empty for unnamed arguments
    Oid typeOid = 0;
    char mode = 'i';        ///< i in, o out, b inout, v variadic, t table
};

struct Function
{
    Oid oid = 0;
    QString name;
    QString namespaceName;
    Oid namespaceOid = 0;
    char volatility = 'v';  ///< i immutable, s stable, v volatile
    bool isStrict = false;
    bool returnsSet = false;
    Oid returnTypeOid = 0;
    char kind = 'f';        ///< prokind
    bool securityDefiner = false;
    QList<FunctionArg> args; ///< all arguments (proallargtypes order) with their modes
    int argDefaultsCount = 0; ///< pronargdefaults: trailing IN arguments with defaults
    int inputArgsCount = 0;   ///< pronargs: IN, INOUT and VARIADIC arguments
    /// pg_get_expr(proargdefaults): the defaults of the trailing input arguments, comma-separated
    /// (`50, '…'::text`), for display.
    QString argDefaultsExpr;
    QString language;         ///< lanname (sql, plpgsql, …)
    QString comment;
    Acl acl;
};

struct Policy
{
    Oid oid = 0;
    QString name;
    Oid classOid = 0;
    char command = '*';     ///< polcmd: r select, a insert, w update, d delete, * all
    bool permissive = true;
    QStringList roles;      ///< role names; `public` for PUBLIC
    QString usingExpr;
    QString withCheckExpr;
};

/// Privileges of one role on one object, for the explorer and RLS views (not used for naming).
struct Grant
{
    QString grantee;
    QString privilege;      ///< SELECT, INSERT, UPDATE, DELETE, EXECUTE, …
    Oid objectOid = 0;
    int attNum = 0;         ///< column grants; 0 for the whole object
};

/// Everything CatalogReader reads for a set of schemas. Plain data: the generator and the UI index it.
struct Catalog
{
    QStringList schemas;    ///< the requested schemas, in the order given
    QString serverVersion;  ///< server_version
    int serverVersionNum = 0;
    QString currentUser;

    std::vector<Namespace> namespaces;
    /// The requested schemas' classes in PostGraphile's order (namespace oid, name), followed by the
    /// classes of composite types they reference from other schemas (a column or function using
    /// `other_schema.some_type`): check `namespaceName` against `schemas` before exposing one.
    /// Like PostGraphile: no temporary/unlogged tables, no names starting `__`, no extension members.
    std::vector<Class> classes;
    std::vector<Type> types;   ///< every type referenced (incl. pg_catalog ones), not only the schemas'
    /// Constraints of the schemas' classes. As in PostGraphile, foreign keys to classes outside the
    /// schemas are left out, and one p/u/f constraint is kept per (table, keys, foreign table,
    /// foreign keys), the first by name. Check and exclusion constraints come too (PostGraphile
    /// ignores them).
    std::vector<Constraint> constraints;
    std::vector<Index> indexes;
    /// The functions PostGraphile v4 would consider (prokind 'f', not variadic, not overloaded, no
    /// `record` arguments, not a trigger or range constructor, name not starting `__`, not from an
    /// extension), in (namespace oid, name) order.
    std::vector<Function> functions;
    std::vector<Policy> policies;
    std::vector<Grant> grants;

    const Class *classByOid(Oid oid) const;
    const Type *typeByOid(Oid oid) const;
    const Namespace *namespaceByOid(Oid oid) const;
    /// Rebuilds the oid indexes after the vectors were filled.
    void reindex();

private:
    QHash<Oid, qsizetype> m_classIndex;
    QHash<Oid, qsizetype> m_typeIndex;
    QHash<Oid, qsizetype> m_namespaceIndex;
};

} // namespace refract::reflect
