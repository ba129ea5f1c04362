#include "queryrun.h"

#include <exec/executor.h>
#include <exec/sqlcompiler.h>
#include <graphql/parser.h>
#include <graphql/validator.h>
#include <pg/connection.h>
#include <reflect/schemagenerator.h>

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <mutex>

namespace refract::ui {

/// Shared by the UI thread and one run's pool thread. The connection is published under the mutex
/// only while it is open, so cancel() never races with open/close.
struct QueryRun::State
{
    std::atomic_bool cancelled{false};
    std::mutex mutex;
    pg::Connection *connection = nullptr;
    QFutureWatcher<QueryRunOutcome> *watcher = nullptr;
};

namespace {

QByteArray errorResponse(const QString &message)
{
    exec::ExecError e;
    e.message = message;
    return exec::errorsResponse({e});
}

QByteArray graphqlErrors(const QList<graphql::GraphQLError> &errors)
{
    QByteArray out = "{\"errors\":[";
    for (qsizetype i = 0; i < errors.size(); ++i)
        out += (i ? "," : "") + errors.at(i).toJson();
    return out + "]}";
}

} // namespace

QueryRun::QueryRun(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<QueryRunOutcome>();
}

QueryRun::~QueryRun()
{
    // No finished() here: whoever listens is going away too.
    if (m_state) {
        m_state->cancelled = true;
        std::lock_guard lock(m_state->mutex);
        if (m_state->connection)
            m_state->connection->cancel();
    }
}

bool QueryRun::isRunning() const { return bool(m_state); }

QueryRunOutcome QueryRun::run(const QueryRunRequest &request, State *state)
{
    QElapsedTimer timer;
    timer.start();
    QueryRunOutcome out;
    auto done = [&] {
        out.cancelled = state && state->cancelled.load();
        out.elapsedMs = timer.elapsed();
        return out;
    };
    if (!request.catalog) {
        out.response = errorResponse(tr("No database catalog: connect first."));
        return done();
    }
    const graphql::ParseResult parsed = graphql::parse(request.document);
    if (!parsed.document) {
        out.response = "{\"errors\":[" + parsed.error->toJson() + "]}";
        return done();
    }
    // The compiler needs the generator's metadata, which the displayed schema does not keep: the
    // same catalog, preset and options give the same schema again (a few ms for the demo).
    const reflect::ReflectOptions options = reflect::ReflectOptions::defaultsFor(request.preset);
    reflect::GeneratedSchema generated =
        reflect::SchemaGenerator(*request.catalog, request.preset, options).generate();
    // Validation needs the built-in scalars and directives even where the schema does not use them.
    generated.schema.addBuiltInScalars();
    generated.schema.addBuiltInDirectives();
    const QList<graphql::GraphQLError> invalid = graphql::validate(generated.schema, *parsed.document);
    if (!invalid.isEmpty()) {
        out.response = graphqlErrors(invalid);
        return done();
    }
    const exec::SqlCompiler compiler(generated.schema, generated.meta, *request.catalog, options);
    const exec::CompiledOperation op = compiler.compile(*parsed.document, request.operationName, request.variables);
    if (state && state->cancelled)
        return done();

    pg::Connection conn;
    if (!conn.open(request.conninfo, 10)) {
        out.response = errorResponse(tr("Cannot connect: %1").arg(conn.lastError().toString().simplified()));
        return done();
    }
    if (state) {
        std::lock_guard lock(state->mutex);
        state->connection = &conn;
    }
    if (!(state && state->cancelled)) {
        exec::ExecuteOptions execOptions;
        execOptions.settings = request.settings;
        execOptions.dryRun = request.dryRun;
        execOptions.cancelled = state ? &state->cancelled : nullptr;
        exec::Executor executor(conn);
        QElapsedTimer execTimer;
        execTimer.start();
        out.response = executor.execute(op, execOptions);
        out.executeMs = execTimer.elapsed();
        out.statementCount = executor.lastStatementCount();
        out.executed = true;
    }
    if (state) {
        std::lock_guard lock(state->mutex);
        state->connection = nullptr;
    }
    return done();
}

void QueryRun::start(const QueryRunRequest &request)
{
    if (m_state)
        cancel();
    auto state = std::make_shared<State>();
    m_state = state;
    state->watcher = new QFutureWatcher<QueryRunOutcome>(this);
    connect(state->watcher, &QFutureWatcher<QueryRunOutcome>::finished, this, [this, state] {
        state->watcher->deleteLater();
        if (m_state != state)
            return; // cancelled: already reported
        m_state.reset();
        emit finished(state->watcher->result());
    });
    // The lambda holds the state so that it outlives this object while the pool thread runs.
    state->watcher->setFuture(QtConcurrent::run([request, state] { return run(request, state.get()); }));
}

void QueryRun::cancel()
{
    std::shared_ptr<State> state = std::move(m_state);
    if (!state)
        return;
    state->cancelled = true;
    {
        std::lock_guard lock(state->mutex);
        if (state->connection)
            state->connection->cancel();
    }
    QueryRunOutcome outcome;
    outcome.cancelled = true;
    emit finished(outcome);
}

} // namespace refract::ui
