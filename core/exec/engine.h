#pragma once

#include "operationcache.h"
#include "sqlcompiler.h"

#include <graphql/ast.h>
#include <graphql/graphqlerror.h>
#include <graphql/schema.h>
#include <graphql/validator.h>
#include <pg/connection.h>
#include <reflect/catalog.h>
#include <reflect/fieldmeta.h>
#include <reflect/reflectoptions.h>

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QQueue>
#include <QReadWriteLock>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace refract::exec {

class PendingExecution;

/// One GraphQL request as a transport hands it over (HTTP body, CLI arguments, workbench).
struct Request
{
    QString query;
    QString operationName;
    QJsonObject variables;
    /// Transaction-local settings (role, claims) in the order they are applied.
    QList<QPair<QString, QString>> settings;
    bool dryRun = false;
    int statementTimeoutMs = 0; ///< 0: the server's setting
};

/// Limits checked on the document before it runs (0: none). PostGraphile has none by default; the
/// local server sets them because it is reachable by any process on the machine.
struct EngineLimits
{
    int maxDepth = 0;         ///< nesting of selection sets, fragments expanded
    int maxAliases = 0;       ///< aliased fields in the whole document
    int documentCacheSize = 256;
    qsizetype maxCachedQueryLength = 64 * 1024; ///< longer query texts are parsed every time
};

/// A parsed and validated document, shared by every request with the same query text.
class PreparedDocument
{
public:
    /// Parse, validation and limit errors; empty when the document may run.
    const QList<graphql::GraphQLError> &errors() const { return m_errors; }
    bool ok() const { return m_errors.isEmpty(); }
    const graphql::ast::Document *document() const { return m_document ? &*m_document : nullptr; }
    /// The type of the operation `operationName` selects (empty name: the only one), or nullopt
    /// when the document is invalid or has no such operation.
    std::optional<graphql::ast::OperationType> operationType(const QString &operationName) const;
    /// Whether the selected operation asks for `__schema` or `__type` at its root.
    bool isIntrospection(const QString &operationName) const;

private:
    friend class Engine;
    const graphql::ast::Definition *operation(const QString &operationName) const;
    std::optional<graphql::ast::Document> m_document;
    QList<graphql::GraphQLError> m_errors;
    /// Its compiled operations, reused across requests (lives and dies with the document).
    OperationCache m_operations;
};

/// What execute() produced: the response JSON as PostgreSQL built it, and whether it is a request
/// error (parse, validation, limits, variable coercion, unknown operation: no `data` entry), which
/// GraphQL over HTTP answers with 400 under `application/graphql-response+json`.
struct ExecutionResult
{
    QByteArray json;
    bool requestError = false;
};

/// The engine façade shared by the local server, the CLI and the workbench: reflect the database
/// once (load), then run requests. After load() everything is read-only, so execute() may run on
/// several threads at once, each with its own connection. Parsed and validated documents are kept
/// in a small bounded cache keyed by query text: parse + validate is a measurable part of a cheap
/// request (a root finder), and clients send the same few texts over and over.
class Engine
{
public:
    Engine();
    ~Engine();
    Engine(const Engine &) = delete;
    Engine &operator=(const Engine &) = delete;

    /// Connects to `conninfo`, reflects `schemas` and builds the schema and compiler. On failure
    /// returns false with a one-line `error`. Call once, before any execute().
    bool load(const QString &conninfo, const QStringList &schemas, reflect::Preset preset,
              const reflect::ReflectOptions &options, QString *error);
    /// The same on an open connection (the workbench reuses its own).
    bool load(pg::Connection &connection, const QStringList &schemas, reflect::Preset preset,
              const reflect::ReflectOptions &options, QString *error);
    bool isLoaded() const { return m_state != nullptr; }

    void setLimits(const EngineLimits &limits) { m_limits = limits; }
    const EngineLimits &limits() const { return m_limits; }

    const graphql::Schema &schema() const;
    const reflect::Catalog &catalog() const;
    const reflect::SchemaMeta &meta() const;
    const SqlCompiler &compiler() const;
    const reflect::ReflectOptions &options() const;
    /// Warnings the schema generator reported (name clashes, bad smart tags).
    QStringList warnings() const;

    /// Parses and validates `query` (cached). Never null.
    std::shared_ptr<const PreparedDocument> prepare(const QString &query) const;

    /// parse → validate → compile → Executor, in one identity transaction on `connection`.
    ExecutionResult execute(const Request &request, pg::Connection &connection) const;
    /// The same with a document prepare() returned (so a transport can look at its operation
    /// type first and reject it early).
    ExecutionResult execute(const PreparedDocument &document, const Request &request, pg::Connection &connection) const;

    /// The same without blocking, for event-driven servers: compiles, sends the first round trip
    /// on `connection` and returns; the caller drives the rest (PendingExecution). `document` must
    /// outlive nothing: what the execution needs is copied.
    std::unique_ptr<PendingExecution> start(const PreparedDocument &document, const Request &request, pg::Connection &connection) const;

    /// `{"errors":[…]}` for GraphQL errors (no data entry).
    static QByteArray errorsJson(const QList<graphql::GraphQLError> &errors);

private:
    struct State;
    std::shared_ptr<const PreparedDocument> parseAndValidate(const QString &query) const;
    /// The response of a request that never reaches the database (invalid, introspection), or nullopt.
    std::optional<ExecutionResult> answerWithoutDatabase(const PreparedDocument &document, const Request &request) const;
    CompiledOperation compile(const PreparedDocument &document, const Request &request) const;
    QList<graphql::GraphQLError> checkLimits(const graphql::ast::Document &document) const;

    std::unique_ptr<State> m_state;
    EngineLimits m_limits;
    mutable QReadWriteLock m_cacheLock;
    mutable QHash<QString, std::shared_ptr<const PreparedDocument>> m_cache;
    mutable QQueue<QString> m_cacheOrder; ///< insertion order, oldest evicted first
};

} // namespace refract::exec
