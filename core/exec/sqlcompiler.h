#pragma once

#include <graphql/ast.h>
#include <graphql/schema.h>
#include <pg/connection.h>
#include <reflect/catalog.h>
#include <reflect/fieldmeta.h>
#include <reflect/reflectoptions.h>

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace refract::exec {

/// A GraphQL error as the executor reports it: spec-shaped, with the response path and, for
/// PostgreSQL errors, the SQLSTATE in `extensions.code`.
struct ExecError
{
    QString message;
    QList<QPair<int, int>> locations; ///< (line, column)
    QJsonArray path;
    QString code;                     ///< extensions.code; empty: no extensions
    QByteArray toJson() const;
};

/// One root field of the operation: either one SQL statement whose single value is the field's
/// JSON, or a value known without the database (`__typename`, `nodeId`), or an error.
struct CompiledField
{
    QString responseKey;
    QString sql;                 ///< `select <json expression>`; empty when staticJson or error is set
    QList<pg::Param> params;
    /// Mutations: the change itself, run before `sql` in the same savepoint.
    QString preSql;
    QList<pg::Param> preParams;
    /// Mutations: the error when the change touched no row (`sql`'s second column counts them).
    QString noRowsMessage;
    QByteArray staticJson;       ///< the value when no statement is needed
    std::optional<ExecError> error;
    bool isMutation = false;
    bool nonNull = false;        ///< an error here nulls the whole `data` (graphql-js)
    QPair<int, int> location;    ///< (line, column) of the field, for errors
};

struct CompiledOperation
{
    graphql::ast::OperationType type = graphql::ast::OperationType::Query;
    QList<CompiledField> fields;
    QList<ExecError> errors;     ///< request errors (no operation, bad variables): no data at all
    /// jwtPgTypeIdentifier: JwtToken values come back from PostgreSQL as strings `<jwtMarker>{claims}`
    /// that the executor signs with jwtSecret (PgJWTPlugin's serialize). The marker is random per
    /// operation, so stored text can never pass for claims to sign. Both empty when nothing to sign.
    QByteArray jwtMarker;
    QByteArray jwtSecret;
};

/// GraphQL operation → one SQL statement per root field (design.md §4), answering in PostGraphile
/// v4's shapes and wire formats. The whole response value of a root field is built by PostgreSQL
/// (`json_build_object`, `json_agg`, correlated subqueries); every value is a bind parameter and
/// every identifier is quoted. The document is assumed valid (graphql::validate).
class SqlCompiler
{
public:
    SqlCompiler(const graphql::Schema &schema, const reflect::SchemaMeta &meta, const reflect::Catalog &catalog,
                const reflect::ReflectOptions &options);

    CompiledOperation compile(const graphql::ast::Document &document, const QString &operationName,
                              const QJsonObject &variables) const;

    const graphql::Schema &schema() const { return m_schema; }
    const reflect::Type *catalogType(reflect::Oid oid) const { return m_catalog.typeByOid(oid); }
    /// GraphQL enum value name ↔ PostgreSQL label for the enum type `pgEnum`.
    QString enumLabel(reflect::Oid pgEnum, const QString &valueName) const;
    QStringList enumValueNames(reflect::Oid pgEnum) const;
    /// The GraphQL input field name of a column (`XInput`/`XPatch`/`XCondition` share it).
    QString inputFieldName(reflect::Oid classOid, int attNum) const { return m_inputFieldNames.value(qMakePair(classOid, attNum)); }

private:
    friend class CompileContext;
    const graphql::Schema &m_schema;
    const reflect::SchemaMeta &m_meta;
    const reflect::Catalog &m_catalog;
    reflect::ReflectOptions m_options;
    QHash<reflect::Oid, const reflect::Function *> m_functions;
    QHash<reflect::Oid, QList<int>> m_primaryKeys;   ///< class → PK attnums (nodeId meta, then catalog)
    QHash<reflect::Oid, QString> m_typeNameByClass;  ///< class → GraphQL object type
    QHash<reflect::Oid, QString> m_nodeAliasByClass;
    QHash<reflect::Oid, QString> m_enumTypeByPgType; ///< pg enum type → GraphQL enum
    QHash<QPair<reflect::Oid, int>, QString> m_inputFieldNames;
};

} // namespace refract::exec
