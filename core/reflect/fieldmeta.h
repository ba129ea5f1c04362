#pragma once

#include "catalog.h"

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace refract::reflect {

/// What a generated GraphQL field (or input field / argument holder) stands for in the database,
/// so that the SQL compiler never has to re-derive names. Keyed by `Type.field`.
struct FieldMeta
{
    enum class Kind {
        // Row types
        Column,                  ///< classOid + attNum
        NodeId,                  ///< the `nodeId` of a row (classOid; primary key in keyAttrNums)
        ForwardRelation,         ///< FK on classOid → foreignClassOid (keyAttrNums → foreignKeyAttrNums)
        BackwardRelationSingle,  ///< unique FK of foreignClassOid's rows pointing at classOid, one row
        BackwardRelationConnection,
        BackwardRelationList,
        ComputedColumn,          ///< functionOid, scalar/row result
        ComputedColumnConnection,
        ComputedColumnList,
        // Query
        QueryNodeId,             ///< Query.nodeId
        QueryQuery,              ///< Query.query
        QueryNode,               ///< Query.node(nodeId)
        AllRows,                 ///< connection over classOid
        AllRowsList,             ///< simple list over classOid
        RowByNodeId,             ///< `person(nodeId)`
        RowByUniqueKey,          ///< `personById(id)`: keyAttrNums (constraintOid / constraintName)
        CustomQuery,             ///< functionOid, scalar/row/record result
        CustomQueryConnection,
        CustomQueryList,
        // Mutation
        CreateRow,
        UpdateByNodeId,
        UpdateByKey,
        DeleteByNodeId,
        DeleteByKey,
        CustomMutation,          ///< functionOid
        // Connections and edges
        ConnectionNodes,
        ConnectionEdges,
        ConnectionPageInfo,
        ConnectionTotalCount,
        EdgeCursor,
        EdgeNode,
        // Mutation payloads
        PayloadClientMutationId,
        PayloadRow,              ///< the created/updated/deleted row or the function result
        PayloadQuery,
        PayloadEdge,             ///< `personEdge(orderBy)`
        PayloadDeletedNodeId,
        PayloadRelation,         ///< a forward relation of the payload's row
        // Appsync preset
        Subscription,            ///< `on<Mutation>`: subscribedMutation names the mutation field
    };

    Kind kind = Kind::Column;
    Oid classOid = 0;            ///< the row's table/view/composite, when there is one
    int attNum = 0;              ///< Column
    Oid constraintOid = 0;       ///< 0 for smart-tag constraints; use constraintName then
    QString constraintName;
    QList<int> keyAttrNums;      ///< unique/FK key columns on classOid (relations: on the FK's table)
    Oid foreignClassOid = 0;     ///< relations: the other table
    QList<int> foreignKeyAttrNums;
    Oid functionOid = 0;
    bool returnsSet = false;
    /// Mutations in the appsync preset return the row itself instead of a payload object.
    bool payloadUnwrapped = false;
    QString subscribedMutation;
};

/// An input field that carries a column value (XInput, XPatch, XCondition, by-key arguments) or a
/// function argument. Keyed by `InputType.field` (or `Type.field(arg)` for arguments).
struct InputFieldMeta
{
    enum class Kind { Column, FunctionArgument, Patch, RowInput, ClientMutationId, NodeId };
    Kind kind = Kind::Column;
    Oid classOid = 0;
    int attNum = 0;
    Oid functionOid = 0;
    int argIndex = -1;           ///< index among the function's input arguments
    Oid pgTypeOid = 0;           ///< the PostgreSQL type the value is cast to
};

/// One value of an `XsOrderBy` enum: PostGraphile's `{alias, specs, unique}`.
struct OrderByMeta
{
    QString alias;               ///< cursor prefix (`primary_key_asc`); empty for NATURAL
    struct Spec
    {
        int attNum = 0;          ///< column, or
        Oid functionOid = 0;     ///< computed column
        bool ascending = true;
    };
    QList<Spec> specs;
    bool unique = false;
};

/// Per-schema metadata next to the graphql::Schema a generator produced.
struct SchemaMeta
{
    QHash<QString, FieldMeta> fields;            ///< "Type.field"
    QHash<QString, InputFieldMeta> inputFields;  ///< "Input.field" and "Type.field(arg)"
    QHash<QString, OrderByMeta> orderByValues;   ///< "EnumType.VALUE"
    QHash<QString, Oid> classByTypeName;         ///< GraphQL object/input type → class
    QHash<QString, Oid> pgTypeByTypeName;        ///< GraphQL enum/scalar/range type → pg type
    /// nodeId alias (`people`) → class: PostGraphile's `pluralize(table.name)`.
    QHash<QString, Oid> nodeAliases;

    const FieldMeta *field(const QString &type, const QString &field) const
    {
        auto it = fields.constFind(type + QLatin1Char('.') + field);
        return it == fields.cend() ? nullptr : &it.value();
    }
};

} // namespace refract::reflect
