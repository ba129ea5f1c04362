#pragma once

#include "fieldmeta.h"
#include "inflector.h"
#include "pgmodel.h"
#include "reflectoptions.h"

#include <graphql/schema.h>

#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace refract::reflect {

class TypeMapper;

/// Where a description sits, for graphile-build's `wrapDescription` (line length budget).
enum class DescPos { Type, Field, Arg };

/// State shared by the generator parts (tables, relations, mutations, functions): the inputs,
/// the schema being built and its metadata, and the naming helpers that need the model.
class GeneratorContext
{
public:
    GeneratorContext(const PgModel &model, const ReflectOptions &options, const Inflector &inflector,
                     graphql::Schema &schema, SchemaMeta &meta);

    const PgModel &model;
    const ReflectOptions &options;
    const Inflector &inflector;
    graphql::Schema &schema;
    SchemaMeta &meta;
    TypeMapper *types = nullptr;
    QStringList warnings;
    /// Whether the per-field metadata (SchemaMeta::fields, inputFields, orderByValues) is recorded;
    /// the custom mutations' is always, since the generator orders Mutation's fields by it.
    bool collectFieldMeta = true;

    bool nodeEnabled() const { return inflector.preset() == Preset::PostGraphile; }
    bool payloadQueryEnabled() const { return inflector.preset() == Preset::PostGraphile; }
    QString nodeIdFieldName() const { return options.effectiveNodeIdFieldName(); }

    /// graphile-build `wrapDescription`: lines longer than the budget are broken at spaces.
    static QString wrap(const QString &text, DescPos pos);
    static std::optional<QString> wrapOpt(const QString &text, DescPos pos) { return wrap(text, pos); }

    /// A condition field's description (`Checks for equality with the object’s `id` field.`), one
    /// string per field name: every table's `id`, `createdAt`, … share it (several MB at 3,000 tables).
    QString equalityDescription(const QString &fieldName);
    /// The one copy of a text that many fields carry (a table's `orderBy` argument description is
    /// on each of its connections and payload edges): later equal texts share its data.
    QString shared(const QString &text);
    /// An `orderBy` argument's default: `[PRIMARY_KEY_ASC]`, or `[<first value>]` without a primary key.
    /// The common one is a literal, not a copy per connection field.
    static QString orderByDefault(bool hasPrimaryKey, const QString &firstValue)
    {
        return hasPrimaryKey ? QStringLiteral("[PRIMARY_KEY_ASC]") : QStringLiteral("[%1]").arg(firstValue);
    }

    // Names derived from the model.
    QString tableName(const PgClassInfo &c) const;          ///< `_tableName`
    QString singular(const PgClassInfo &c) const;           ///< `_singularizedTableName`
    QString tableTypeName(const PgClassInfo &c) const;      ///< `tableType`
    QString columnName(const PgAttrInfo &a, bool skipRowId = false) const; ///< `_columnName`
    QString columnField(const PgAttrInfo &a) const;         ///< `column`
    QStringList keyColumnNames(const PgClassInfo &c, const QList<int> &nums) const;
    QString functionName(const PgProcInfo &p) const;        ///< `_functionName`
    QString simpleCollections(const SmartTags &tags) const; ///< per-entity override or option
    QString simpleCollections(const SmartTags &tags, const SmartTags &fallback) const;

    /// `@deprecated` of an entity (repeated values joined by newlines), for PgColumnDeprecationPlugin.
    static std::optional<QString> deprecation(const SmartTags &tags);

    /// Whether the class gets a row type: not enum tables, and not a class whose type name an
    /// earlier class already took (PostGraphile refuses such schemas; we keep the first, warn).
    bool hasRowType(const PgClassInfo &c) const
    {
        return !c.tags.has(QStringLiteral("enum")) && !clashingClasses.contains(c.cls->oid);
    }
    QSet<Oid> clashingClasses;

private:
    /// Field names per type, so a clash check is a lookup rather than a scan of Query's or
    /// Mutation's thousands of fields (that scan made reflection quadratic in the table count).
    /// Rebuilt when a generator part changed a type's field list directly (the size differs).
    /// Null for types with few fields: the caller scans them.
    QSet<QString> *fieldNames(const graphql::NamedType &t, bool input);
    QHash<QString, QSet<QString>> m_fieldNames;
    QHash<QString, QSet<QString>> m_inputFieldNames;
    // The model is constant while a schema is generated, and every part asks for the same table
    // and column names again (a table's type name dozens of times): computed once per entity.
    mutable QHash<const PgClassInfo *, QString> m_singular;
    mutable QHash<const PgClassInfo *, QString> m_tableType;
    struct AttrNames
    {
        QString columnName[2]; ///< `_columnName`, without / with skipRowId; empty until asked
        QString field;         ///< `column`
    };
    mutable QHash<const PgAttrInfo *, AttrNames> m_attrNames;
    QHash<QString, QString> m_equalityDescriptions;
    QSet<QString> m_shared;

public:

    /// Get-or-create an object/input/enum type by name. A new type's fields (input fields, enum
    /// values) get room for `capacity` entries: growing the lists one append at a time reallocated
    /// each a few times and left a third of the generated schema's memory unused.
    graphql::NamedType *ensureType(graphql::TypeKind kind, const QString &name,
                                   const std::optional<QString> &description = std::nullopt, qsizetype capacity = 0);
    /// Adds a field to an object type (created if missing). A field name already present is kept
    /// (PostGraphile throws on some clashes and warns on others; we warn).
    bool addField(const QString &typeName, graphql::Field field, const std::optional<FieldMeta> &meta = std::nullopt);
    bool addInputField(const QString &typeName, graphql::InputValue field,
                       const std::optional<InputFieldMeta> &meta = std::nullopt);

    static graphql::InputValue arg(const QString &name, const graphql::TypeRef &type,
                                   const std::optional<QString> &description = std::nullopt,
                                   const std::optional<QString> &defaultValue = std::nullopt);
};

} // namespace refract::reflect
