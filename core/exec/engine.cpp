#include "engine.h"

#include "pendingexecution.h"

#include "executor.h"

#include <graphql/executor.h>
#include <graphql/parser.h>
#include <reflect/catalogreader.h>
#include <reflect/enumtables.h>
#include <reflect/schemagenerator.h>

#include <QJsonDocument>
#include <QReadLocker>
#include <functional>
#include <QSet>
#include <QWriteLocker>

namespace refract::exec {

using graphql::GraphQLError;
namespace ast = graphql::ast;

/// Everything load() builds; immutable afterwards. Kept behind one pointer so the schema, which
/// the validator and compiler reference, never moves.
struct Engine::State
{
    reflect::Catalog catalog;
    reflect::ReflectOptions options;
    reflect::GeneratedSchema generated;
    std::unique_ptr<graphql::Validator> validator;
    std::unique_ptr<SqlCompiler> compiler;
};

Engine::Engine() = default;
Engine::~Engine() = default;

bool Engine::load(const QString &conninfo, const QStringList &schemas, reflect::Preset preset,
                  const reflect::ReflectOptions &options, QString *error)
{
    pg::Connection connection;
    if (!connection.open(conninfo)) {
        if (error)
            *error = QStringLiteral("cannot connect: %1").arg(connection.lastError().message.simplified());
        return false;
    }
    return load(connection, schemas, preset, options, error);
}

bool Engine::load(pg::Connection &connection, const QStringList &schemas, reflect::Preset preset,
                  const reflect::ReflectOptions &options, QString *error)
{
    auto state = std::make_unique<State>();
    state->options = options;
    reflect::CatalogReader reader(connection);
    if (!reader.read(schemas, &state->catalog)) {
        if (error)
            *error = reader.error().toString().simplified();
        return false;
    }
    reflect::EnumTableData enumData;
    QString e;
    if (!reflect::readEnumTables(connection, state->catalog, &enumData, &e)) {
        if (error)
            *error = e;
        return false;
    }
    reflect::SchemaGenerator generator(state->catalog, preset, options);
    generator.setEnumTableData(enumData);
    state->generated = generator.generate();
    // Validation needs the built-in scalars and directives even where the schema does not use them.
    state->generated.schema.addBuiltInScalars();
    state->generated.schema.addBuiltInDirectives();
    state->validator = std::make_unique<graphql::Validator>(state->generated.schema);
    state->compiler = std::make_unique<SqlCompiler>(state->generated.schema, state->generated.meta, state->catalog,
                                                    state->options);
    m_state = std::move(state);
    QWriteLocker lock(&m_cacheLock);
    m_cache.clear();
    m_cacheOrder.clear();
    return true;
}

const graphql::Schema &Engine::schema() const { return m_state->generated.schema; }
const reflect::Catalog &Engine::catalog() const { return m_state->catalog; }
const reflect::SchemaMeta &Engine::meta() const { return m_state->generated.meta; }
const SqlCompiler &Engine::compiler() const { return *m_state->compiler; }
const reflect::ReflectOptions &Engine::options() const { return m_state->options; }
QStringList Engine::warnings() const { return m_state ? m_state->generated.warnings : QStringList(); }

QByteArray Engine::errorsJson(const QList<GraphQLError> &errors)
{
    QByteArray out = "{\"errors\":[";
    for (qsizetype i = 0; i < errors.size(); ++i)
        out += (i ? "," : "") + errors[i].toJson();
    return out + "]}";
}

const ast::Definition *PreparedDocument::operation(const QString &operationName) const
{
    if (!m_document)
        return nullptr;
    const ast::Definition *found = nullptr;
    int count = 0;
    for (const ast::Definition &d : m_document->definitions) {
        if (d.kind != ast::Definition::Kind::Operation)
            continue;
        ++count;
        if (operationName.isEmpty())
            found = &d;
        else if (d.name && d.name->value == operationName)
            return &d;
    }
    return operationName.isEmpty() && count == 1 ? found : nullptr;
}

std::optional<ast::OperationType> PreparedDocument::operationType(const QString &operationName) const
{
    const ast::Definition *op = operation(operationName);
    if (!op)
        return std::nullopt;
    return op->operation;
}

bool PreparedDocument::isIntrospection(const QString &operationName) const
{
    const ast::Definition *op = operation(operationName);
    if (!op || !op->selectionSet)
        return false;
    // Fields directly in the root selection set or in fragments spread/inlined into it.
    QSet<QString> seen;
    std::function<bool(const ast::SelectionSet &)> scan = [&](const ast::SelectionSet &set) {
        for (const ast::Selection &s : set.selections) {
            if (s.kind == ast::Selection::Kind::Field) {
                if (s.name.value == QLatin1String("__schema") || s.name.value == QLatin1String("__type"))
                    return true;
            } else if (s.kind == ast::Selection::Kind::InlineFragment) {
                if (s.selectionSet && scan(*s.selectionSet))
                    return true;
            } else if (!seen.contains(s.name.value)) {
                seen.insert(s.name.value);
                for (const ast::Definition &d : m_document->definitions)
                    if (d.kind == ast::Definition::Kind::Fragment && d.name && d.name->value == s.name.value && d.selectionSet
                        && scan(*d.selectionSet))
                        return true;
            }
        }
        return false;
    };
    return scan(*op->selectionSet);
}

QList<GraphQLError> Engine::checkLimits(const ast::Document &document) const
{
    QList<GraphQLError> errors;
    if (m_limits.maxAliases > 0) {
        int aliases = 0;
        std::optional<ast::Location> at;
        std::function<void(const ast::SelectionSet &)> count = [&](const ast::SelectionSet &set) {
            for (const ast::Selection &s : set.selections) {
                if (s.kind == ast::Selection::Kind::Field && s.alias && ++aliases == m_limits.maxAliases + 1)
                    at = s.alias->loc;
                if (s.selectionSet)
                    count(*s.selectionSet);
            }
        };
        for (const ast::Definition &d : document.definitions)
            if (d.selectionSet)
                count(*d.selectionSet);
        if (aliases > m_limits.maxAliases)
            errors << GraphQLError{QStringLiteral("The document uses %1 aliases; the limit is %2.").arg(aliases).arg(m_limits.maxAliases),
                                   {graphql::SourceLocation{at->line, at->column}}};
    }
    if (m_limits.maxDepth > 0) {
        QHash<QString, const ast::Definition *> fragments;
        for (const ast::Definition &d : document.definitions)
            if (d.kind == ast::Definition::Kind::Fragment && d.name)
                fragments.insert(d.name->value, &d);
        // Depth with fragments expanded; `path` guards against cycles (validation rejects them, but
        // limits must not depend on running after it). Stops at the first field past the limit.
        QSet<QString> path;
        std::optional<ast::Location> tooDeep;
        std::function<void(const ast::SelectionSet &, int)> walk = [&](const ast::SelectionSet &set, int depth) {
            for (const ast::Selection &s : set.selections) {
                if (tooDeep)
                    return;
                if (s.kind == ast::Selection::Kind::Field) {
                    if (depth + 1 > m_limits.maxDepth) {
                        tooDeep = s.loc;
                        return;
                    }
                    if (s.selectionSet)
                        walk(*s.selectionSet, depth + 1);
                } else if (s.kind == ast::Selection::Kind::InlineFragment) {
                    if (s.selectionSet)
                        walk(*s.selectionSet, depth);
                } else if (const ast::Definition *f = fragments.value(s.name.value); f && f->selectionSet
                           && !path.contains(s.name.value)) {
                    path.insert(s.name.value);
                    walk(*f->selectionSet, depth);
                    path.remove(s.name.value);
                }
            }
        };
        for (const ast::Definition &d : document.definitions)
            if (d.kind == ast::Definition::Kind::Operation && d.selectionSet)
                walk(*d.selectionSet, 0);
        if (tooDeep)
            errors << GraphQLError{QStringLiteral("The query is nested deeper than the limit of %1 levels.").arg(m_limits.maxDepth),
                                   {graphql::SourceLocation{tooDeep->line, tooDeep->column}}};
    }
    return errors;
}

std::shared_ptr<const PreparedDocument> Engine::parseAndValidate(const QString &query) const
{
    auto prepared = std::make_shared<PreparedDocument>();
    graphql::ParseResult parsed = graphql::parse(query);
    if (!parsed.document) {
        prepared->m_errors << *parsed.error;
        return prepared;
    }
    // Limits first: they are cheaper than validation and bound its work on hostile documents.
    prepared->m_errors = checkLimits(*parsed.document);
    if (prepared->m_errors.isEmpty())
        prepared->m_errors = m_state->validator->validate(*parsed.document);
    prepared->m_document = std::move(parsed.document);
    return prepared;
}

std::shared_ptr<const PreparedDocument> Engine::prepare(const QString &query) const
{
    if (!m_state) {
        auto p = std::make_shared<PreparedDocument>();
        p->m_errors << GraphQLError{QStringLiteral("The engine has no schema loaded."), {}};
        return p;
    }
    const bool cacheable = m_limits.documentCacheSize > 0 && query.size() <= m_limits.maxCachedQueryLength;
    if (cacheable) {
        QReadLocker lock(&m_cacheLock);
        if (auto it = m_cache.constFind(query); it != m_cache.constEnd())
            return *it;
    }
    std::shared_ptr<const PreparedDocument> prepared = parseAndValidate(query);
    if (cacheable) {
        QWriteLocker lock(&m_cacheLock);
        if (!m_cache.contains(query)) {
            while (m_cache.size() >= m_limits.documentCacheSize && !m_cacheOrder.isEmpty())
                m_cache.remove(m_cacheOrder.dequeue());
            m_cache.insert(query, prepared);
            m_cacheOrder.enqueue(query);
        }
    }
    return prepared;
}

ExecutionResult Engine::execute(const Request &request, pg::Connection &connection) const
{
    return execute(*prepare(request.query), request, connection);
}

std::optional<ExecutionResult> Engine::answerWithoutDatabase(const PreparedDocument &document, const Request &request) const
{
    if (!document.ok())
        return ExecutionResult{errorsJson(document.errors()), true};
    if (!document.isIntrospection(request.operationName))
        return std::nullopt;
    if (!graphql::isIntrospectionOnly(*document.document(), request.operationName))
        return ExecutionResult{errorsJson({GraphQLError{QStringLiteral("An operation that mixes introspection (__schema, __type) with data fields "
                                                                       "is not supported by the local engine yet; send them separately."),
                                                        {}}}),
                               true};
    // core/graphql answers it as graphql-js would, without the database.
    const QByteArray json = graphql::executeIntrospection(m_state->generated.schema, *document.document(), request.operationName,
                                                          QJsonDocument(request.variables).toJson(QJsonDocument::Compact));
    return ExecutionResult{json, !json.startsWith("{\"data\"")};
}

CompiledOperation Engine::compile(const PreparedDocument &document, const Request &request) const
{
    return document.m_operations.compile(*m_state->compiler, *document.document(), document.operation(request.operationName),
                                         request.operationName, request.variables);
}

namespace {
ExecuteOptions executeOptions(const Request &request)
{
    ExecuteOptions options;
    options.settings = request.settings;
    options.dryRun = request.dryRun;
    options.statementTimeoutMs = request.statementTimeoutMs;
    return options;
}
} // namespace

ExecutionResult Engine::execute(const PreparedDocument &document, const Request &request, pg::Connection &connection) const
{
    if (std::optional<ExecutionResult> answer = answerWithoutDatabase(document, request))
        return std::move(*answer);
    const CompiledOperation op = compile(document, request);
    if (!op.errors.isEmpty())
        return {errorsResponse(op.errors), true};
    Executor executor(connection);
    return {executor.execute(op, executeOptions(request)), false};
}

std::unique_ptr<PendingExecution> Engine::start(const PreparedDocument &document, const Request &request, pg::Connection &connection) const
{
    if (std::optional<ExecutionResult> answer = answerWithoutDatabase(document, request))
        return std::unique_ptr<PendingExecution>(new PendingExecution(std::move(answer->json), answer->requestError));
    CompiledOperation op = compile(document, request);
    if (!op.errors.isEmpty())
        return std::unique_ptr<PendingExecution>(new PendingExecution(errorsResponse(op.errors), true));
    return std::unique_ptr<PendingExecution>(new PendingExecution(std::move(op), connection, executeOptions(request)));
}

} // namespace refract::exec
