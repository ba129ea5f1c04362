#pragma once

#include "sqlcompiler.h"

#include <QJsonValue>
#include <QStringList>

#include <vector>

// The state of compiling one operation, shared by the parts of the compiler: field collection and
// argument values (compilecontext.cpp), row JSON and wire formats (rowjson.cpp), connections and
// lists (connectionsql.cpp). Internal to refract_exec.
namespace refract::exec {

/// Thrown inside the compiler for a field that cannot be answered; caught per root field.
struct CompileFailure
{
    QString message;
};

/// graphql-js CollectFields: the fields of one response key, in first-appearance order.
struct CollectedField
{
    QString key;
    QList<const graphql::ast::Selection *> nodes;
    const QString &name() const { return nodes.front()->name.value; }
};
using FieldList = std::vector<CollectedField>;

/// What a connection or list reads from: a FROM item and its conditions.
struct RowSource
{
    QString from;              ///< `"s"."t"` or `"s"."fn"($1, …)`
    reflect::Oid classOid = 0; ///< 0 for setof scalar functions
    QStringList conditions;    ///< with `%1` standing for the row alias
    bool isFunction = false;
    reflect::Oid scalarTypeOid = 0;
    const reflect::Function *recordFunction = nullptr; ///< setof record with OUT arguments
};

class CompileContext
{
public:
    CompileContext(const SqlCompiler &c, const QJsonObject &variables,
                   const QHash<QString, const graphql::ast::Definition *> &fragments)
        : m_c(c), m_variables(variables), m_fragments(fragments) {}

    // --- compilecontext.cpp
    FieldList collect(const QString &typeName, const QList<const graphql::ast::SelectionSet *> &sets) const;
    FieldList subFields(const QString &typeName, const CollectedField &f) const;
    QJsonValue argument(const CollectedField &f, const QString &parentType, const QString &argName) const;
    QJsonValue value(const graphql::ast::Value &v) const;
    QString param(const pg::Param &p);
    QString textParam(const QString &s) { return param(s.toUtf8()) + QStringLiteral("::text"); }
    /// A bind parameter holding a GraphQL input value converted for the PostgreSQL type `typeOid`.
    QString valueParam(const QJsonValue &v, reflect::Oid typeOid);
    QString newAlias() { return QStringLiteral("__t%1").arg(++m_aliasCounter); }
    QString rootExpression(const QString &parentType, const CollectedField &f);
    QList<pg::Param> takeParams() { return std::exchange(m_params, {}); }

    // --- catalog helpers
    const reflect::Class *cls(reflect::Oid oid) const;
    QString tableSql(reflect::Oid classOid) const;
    QString typeSql(reflect::Oid typeOid) const;
    QString columnName(reflect::Oid classOid, int attNum) const;
    reflect::Oid columnType(reflect::Oid classOid, int attNum) const;
    QString functionSql(reflect::Oid functionOid) const;
    QString functionCall(reflect::Oid functionOid, const QString &rowArg, const CollectedField &f, const QString &parentType,
                         const QJsonObject *inputObject = nullptr, const QString &inputTypeName = QString());
    const graphql::Field *schemaField(const QString &type, const QString &name) const;
    QList<int> primaryKey(reflect::Oid classOid) const { return m_c.m_primaryKeys.value(classOid); }

    // --- rowjson.cpp
    /// `json_build_object(…)` for a row of `typeName` referenced as `rowRef` (`__t3`, `(__e.r)`).
    QString rowJson(const QString &typeName, const QString &rowRef, const FieldList &fields);
    QString objectSql(const QList<QPair<QString, QString>> &keyValues);
    /// The JSON-ready expression of a value of PostgreSQL type `typeOid` (PostGraphile's wire format).
    QString formatValue(const QString &expr, reflect::Oid typeOid, const QString &gqlType, const CollectedField *f);
    QString nodeIdSql(reflect::Oid classOid, const QString &rowRef);
    /// The object of a function's OUT arguments (`FuncOutOutRecord`), read from `rowRef`.
    QString recordJson(const QString &typeName, const QString &rowRef, const reflect::Function *fn, const FieldList &fields);
    /// A source row (table row, OUT record or scalar) of a connection or list as JSON.
    QString itemJson(const RowSource &src, const QString &typeName, const QString &rowRef, const CollectedField &f);
    /// Fills a RowSource for a function call by its return type.
    RowSource functionSource(const QString &call, const reflect::Function *fn) const;
    QString rowFieldExpression(const QString &typeName, const QString &rowRef, const CollectedField &f);
    QString singleRowSql(const QString &typeName, const QString &from, reflect::Oid classOid, const QStringList &conds,
                         const FieldList &fields);
    /// Decodes a PostGraphile nodeId into (class, pk values); nullopt when it is not one.
    std::optional<std::pair<reflect::Oid, QJsonArray>> decodeNodeId(const QString &id) const;

    // --- mutationsql.cpp
    /// Fills `out` with the two statements of a mutation field: the change, which keeps its rows
    /// (as text) in a transaction-local setting, and the payload, read after the change.
    void compileMutation(const QString &parentType, const CollectedField &f, CompiledField *out);
    /// Whether a mutation's payload selects only the changed row's columns (nodeId, __typename,
    /// clientMutationId): then it can be read in the change's own statement.
    bool payloadReadsOnlyRow(const QString &payloadType, const CollectedField &f, bool unwrapped);
    /// The payload's JSON text expression over `rows` (a FROM item of `r` rows of `resultType`), or,
    /// when `rowInScope` names a row the query already has in scope (one changed row), over that.
    QString payloadSql(const QString &payloadType, const CollectedField &f, const reflect::FieldMeta &mutation,
                       const QString &rows, reflect::Oid resultType, bool resultIsSet, const QJsonObject &input,
                       const QString &rowInScope = QString());

    // --- connectionsql.cpp
    /// base64 cursor of a row for a unique ordering (empty when the order is not unique).
    QString orderCursorSql(const CollectedField &f, const QString &parentType, const RowSource &src, const QString &rowRef);
    QString connectionSql(const QString &parentType, const CollectedField &f, const RowSource &src);
    QString listSql(const QString &parentType, const CollectedField &f, const RowSource &src);

    /// To-one relations of the rows a connection or list aggregates are left-joined into the
    /// page's FROM instead of being read by a correlated subquery per row: PostgreSQL then picks a
    /// hash, merge or memoized join (a subquery per row is planned for one row and seq-scans small
    /// tables once per row). `rowRefs` are the row aliases whose relations may join here (the page
    /// row and the rows joined to it); `joins` the `left join … on …` clauses.
    struct JoinScope
    {
        QStringList rowRefs;
        QStringList joins;
    };
    JoinScope *joinScopeFor(const QString &rowRef) const;
    /// `order by` for json_agg over a page with joins, or empty when the ordering is not a total
    /// order over plain columns (then relations stay correlated subqueries and the page's scan
    /// order is kept).
    QString joinedAggregateOrder(const CollectedField &f, const QString &parentType, const RowSource &src, const QString &rowRef);

    const SqlCompiler &m_c;
    /// JwtToken values are sent back as `<jwtMarker>{claims}` text for the executor to sign; set by
    /// SqlCompiler::compile when jwtSecret is configured, usedJwt tells it a field needs signing.
    QString jwtMarker;
    bool usedJwt = false;
    /// A composite whose GraphQL type is a scalar: the JWT type (formatValue signs it).
    bool isJwtScalar(const QString &gqlType) const
    {
        const graphql::NamedType *t = m_c.schema().type(gqlType);
        return !jwtMarker.isEmpty() && t && t->kind == graphql::TypeKind::Scalar;
    }

private:
    struct Ordering
    {
        QStringList exprs;     ///< with %1 for the row alias
        QList<bool> ascending;
        QStringList aliases;   ///< cursor prefix
        bool unique = false;
    };
    Ordering ordering(const CollectedField &f, const QString &parentType, const RowSource &src);
    QString conditionSql(const CollectedField &f, const QString &parentType, const RowSource &src);

    const QJsonObject &m_variables;
    const QHash<QString, const graphql::ast::Definition *> &m_fragments;
    QList<pg::Param> m_params;
    int m_aliasCounter = 0;
    std::vector<JoinScope *> m_joinScopes;
};

/// PostGraphile's base64(JSON) for cursors and nodeIds, decoded like Node's Buffer.from(s, "base64").
std::optional<QJsonArray> decodeBase64JsonArray(const QString &text);

} // namespace refract::exec
