#pragma once

#include "reflectoptions.h"

#include <QString>
#include <QStringList>

namespace refract::reflect {

/// The naming rules of PostGraphile v4 (graphile-build-pg `PgBasicsPlugin` inflectors with the
/// postgraphile-core overrides), optionally with pg-simplify-inflector v6 on top (the `appsync`
/// preset). Methods take the names PostGraphile's inflectors compute internally, so that the
/// generator stays free of naming rules:
///   - `singular`: `singularizedTableName(tableName(@name ?? type @name ?? table name))`
///   - `keys`: the `_columnName` of each key column (`@name ?? column name`, classicIds applied)
class Inflector
{
public:
    Inflector(Preset preset, const ReflectOptions &options);

    Preset preset() const { return m_preset; }
    bool simplify() const { return m_preset == Preset::AppSync; }

    // Primitives (pg-simplify-inflector changes pluralisation and the `1S` capital).
    QString pluralize(const QString &s) const;
    QString singularize(const QString &s) const;
    QString camelCase(const QString &s) const;
    QString upperCamelCase(const QString &s) const;
    QString constantCase(const QString &s) const;
    QString coerceToGraphQLName(const QString &s) const;
    QString distinctPluralize(const QString &s) const;

    // Type-name helpers (take GraphQL type names).
    QString conditionType(const QString &typeName) const;
    QString inputType(const QString &typeName) const;
    QString patchType(const QString &typeName) const;
    QString baseInputType(const QString &typeName) const;
    QString rangeType(const QString &typeName) const;
    QString rangeBoundType(const QString &typeName) const;
    QString orderByType(const QString &typeName) const;
    QString edge(const QString &typeName) const;
    QString connection(const QString &typeName) const;
    QString patchField(const QString &itemName) const;

    // Tables.
    /// `_singularizedTableName`: singularise, then protect `…Input`/`…Patch` with `_record`.
    QString singularizedTableName(const QString &tableName) const;
    QString tableType(const QString &singular) const;
    QString tableFieldName(const QString &singular) const;
    QString tableNode(const QString &singular) const;
    QString allRows(const QString &singular) const;
    QString allRowsSimple(const QString &singular) const;
    QString createField(const QString &singular) const;
    QString createInputType(const QString &singular) const;
    QString createPayloadType(const QString &singular) const;
    QString updatePayloadType(const QString &singular) const;
    QString deletePayloadType(const QString &singular) const;
    QString updateNode(const QString &singular) const;
    QString deleteNode(const QString &singular) const;
    QString updateNodeInputType(const QString &singular) const;
    QString deleteNodeInputType(const QString &singular) const;
    /// Uses the raw table name (PostGraphile ignores @name here).
    QString deletedNodeId(const QString &rawTableName) const;
    QString edgeField(const QString &singular) const;

    // Columns.
    /// `_columnName`: with classicIds a column named `id` becomes `rowId` (not for order enums).
    QString columnName(const QString &nameOrTag, bool skipRowId = false) const;
    QString column(const QString &columnName) const { return camelCase(columnName); }
    QString orderByEnum(const QString &columnName, bool ascending) const;

    // Unique keys (`fieldNameTag` etc. are the constraint's smart tags, empty when absent).
    QString rowByUniqueKeys(const QString &singular, const QStringList &keys, bool isPrimaryKey,
                            const QString &fieldNameTag) const;
    QString updateByKeys(const QString &singular, const QStringList &keys, bool isPrimaryKey,
                         const QString &updateFieldNameTag) const;
    QString deleteByKeys(const QString &singular, const QStringList &keys, bool isPrimaryKey,
                         const QString &deleteFieldNameTag) const;
    QString updateByKeysInputType(const QString &singular, const QStringList &keys, bool isPrimaryKey,
                                  const QString &updateFieldNameTag) const;
    QString deleteByKeysInputType(const QString &singular, const QStringList &keys, bool isPrimaryKey,
                                  const QString &deleteFieldNameTag) const;

    /// Smart tags of a foreign-key constraint that affect relation names.
    struct RelationTags
    {
        QString fieldName;
        QString foreignFieldName;
        QString foreignSingleFieldName;
        QString foreignSimpleFieldName;
    };
    // Relations: `singular`/`rawName` of the table holding the FK ("table") and of the referenced
    // table ("foreign"), `keys` the FK columns.
    QString singleRelationByKeys(const QStringList &keys, const QString &targetSingular,
                                 const QString &targetRawName, const RelationTags &tags) const;
    QString singleRelationByKeysBackwards(const QStringList &keys, const QString &sourceSingular,
                                          const QString &foreignRawName, const RelationTags &tags) const;
    QString manyRelationByKeys(const QStringList &keys, const QString &sourceSingular,
                               const QString &foreignRawName, const RelationTags &tags) const;
    QString manyRelationByKeysSimple(const QStringList &keys, const QString &sourceSingular,
                                     const QString &foreignRawName, const RelationTags &tags) const;

    // Types.
    QString enumType(const QString &typeName, const QString &enumNameTag) const;
    QString enumName(const QString &value) const;
    QString domainType(const QString &typeName) const;

    // Functions (`functionName` = coerceToGraphQLName(@name ?? proc name)).
    QString argument(const QString &name, int index) const;
    QString functionQueryName(const QString &functionName, bool returnsSet) const;
    QString functionQueryNameList(const QString &functionName) const;
    QString functionMutationName(const QString &functionName) const;
    QString functionPayloadType(const QString &functionName) const;
    QString functionInputType(const QString &functionName) const;
    QString computedColumn(const QString &pseudoColumnName, const QString &fieldNameTag, bool returnsSet) const;
    QString computedColumnList(const QString &pseudoColumnName, const QString &fieldNameTag) const;
    QString recordFunctionReturnType(const QString &functionName, const QString &resultTypeNameTag) const;
    QString recordFunctionConnection(const QString &functionName) const;
    QString recordFunctionEdge(const QString &functionName) const;
    QString scalarFunctionConnection(const QString &functionName) const;
    QString scalarFunctionEdge(const QString &functionName) const;
    /// `gqlTypeName` of the result, `isRecord` for `returns record`, `outArgNames` the OUT args.
    QString functionMutationResultFieldName(const QString &resultFieldNameTag, const QString &gqlTypeName,
                                            bool isRecord, bool plural, const QStringList &outArgNames) const;

private:
    QString baseName(const QString &columnName) const;
    QString baseNameFromKeys(const QStringList &keys) const;
    bool baseNameMatches(const QString &baseName, const QString &otherName) const;
    static QString oppositeBaseName(const QString &baseName);
    QString manyRelationBase(const QStringList &keys, const QString &sourceSingular,
                             const QString &foreignRawName) const;
    QString byKeys(const QStringList &keys) const;
    QString nodeIdFieldName() const;

    Preset m_preset;
    ReflectOptions m_options;
    bool m_omitListSuffix = false;
};

} // namespace refract::reflect
