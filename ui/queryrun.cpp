#include "queryrun.h"

#include "resultsview.h"
#include "schemacontext.h"

#include <exec/executor.h>
#include <exec/sqlcompiler.h>
#include <graphql/parser.h>
#include <graphql/validator.h>
#include <pg/connection.h>
#include <reflect/schemagenerator.h>

#include <QElapsedTimer>
#include <QJsonArray>
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

/// Each root field's plan, and who the statements run as, in a transaction with the same settings
/// as the run, rolled back: EXPLAIN without ANALYZE runs nothing, and even a mutation's plan
/// changes nothing.
void explain(pg::Connection &conn, const exec::CompiledOperation &op, const QList<QPair<QString, QString>> &settings,
             QueryRunOutcome *out, const std::atomic_bool *cancelled)
{
    QList<pg::Statement> st{{QStringLiteral("begin"), {}}};
    const pg::Statement set = exec::Executor::settingsStatement(settings, 0);
    if (!set.sql.isEmpty())
        st << set;
    const int whoAmI = int(st.size());
    st << pg::Statement{QStringLiteral("select current_user, r.rolsuper, r.rolbypassrls from pg_catalog.pg_roles r "
                                       "where r.rolname = current_user"),
                        {}};
    QList<int> planAt; // per field: the index of its plan's statement, or -1
    for (const exec::CompiledField &f : op.fields) {
        FieldSql fs;
        fs.field = f.responseKey;
        fs.sql = f.sql;
        fs.preSql = f.preSql;
        for (const pg::Param &p : f.preParams)
            fs.preParams << (p ? QString::fromUtf8(*p) : QStringLiteral("NULL"));
        for (const pg::Param &p : f.params)
            fs.params << (p ? QString::fromUtf8(*p) : QStringLiteral("NULL"));
        if (f.error)
            fs.error = f.error->message;
        out->sql.append(fs);
        const QString &planned = f.preSql.isEmpty() ? f.sql : f.preSql;
        if (planned.isEmpty()) {
            planAt.append(-1);
            continue;
        }
        // A failing statement aborts the transaction: each plan gets its own savepoint.
        st << pg::Statement{QStringLiteral("savepoint refract_explain"), {}};
        planAt.append(int(st.size()));
        st << pg::Statement{QStringLiteral("explain (format json, verbose) ") + planned,
                            f.preSql.isEmpty() ? f.params : f.preParams};
        st << pg::Statement{QStringLiteral("rollback to savepoint refract_explain"), {}};
    }
    st << pg::Statement{QStringLiteral("rollback"), {}};
    const QList<pg::Result> r = conn.execPipeline(st, cancelled);
    if (r.size() > whoAmI && r.at(whoAmI).ok() && r.at(whoAmI).rows() == 1) {
        out->currentUser = r.at(whoAmI).text(0, 0);
        out->superuser = r.at(whoAmI).text(0, 1) == QLatin1String("t");
        out->bypassRls = r.at(whoAmI).text(0, 2) == QLatin1String("t");
        out->identityKnown = true;
    }
    for (qsizetype i = 0; i < planAt.size(); ++i) {
        if (planAt.at(i) < 0)
            continue;
        const pg::Result &plan = r.value(planAt.at(i));
        if (plan.ok() && plan.rows() > 0)
            out->sql[i].plan = plan.text(0, 0).toUtf8();
        else if (out->sql[i].error.isEmpty())
            out->sql[i].error = plan.ok() ? QueryRun::tr("no plan") : plan.error().toString().simplified();
    }
    if (conn.inTransaction())
        conn.exec(QStringLiteral("rollback"));
}

} // namespace

QString QueryRun::sqlText(const QList<FieldSql> &fields)
{
    QString out;
    for (const FieldSql &f : fields) {
        out += QStringLiteral("-- %1\n").arg(f.field);
        auto statement = [&out](const QString &sql, const QStringList &params) {
            out += sql + QStringLiteral(";\n");
            for (qsizetype i = 0; i < params.size(); ++i)
                out += QStringLiteral("--   $%1 = %2\n").arg(i + 1).arg(params.at(i));
        };
        if (!f.preSql.isEmpty())
            statement(f.preSql, f.preParams);
        if (!f.sql.isEmpty())
            statement(f.sql, f.params);
        if (f.sql.isEmpty() && f.preSql.isEmpty())
            out += tr("-- (answered without SQL)\n");
        if (!f.plan.isEmpty())
            out += tr("-- plan (EXPLAIN FORMAT JSON):\n") + QString::fromUtf8(ResultsView::prettyJson(f.plan)) + QLatin1Char('\n');
        if (!f.error.isEmpty())
            out += tr("-- no plan: %1\n").arg(f.error);
        out += QLatin1Char('\n');
    }
    return out;
}

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
    const SchemaContext *context = request.context.get();
    if (!context || !context->isRunnable()) {
        out.response = errorResponse(tr("No database catalog: connect first."));
        return done();
    }
    const graphql::ParseResult parsed = graphql::parse(request.document);
    if (!parsed.document) {
        out.response = "{\"errors\":[" + parsed.error->toJson() + "]}";
        return done();
    }
    // The schema, its metadata and the validator's index come from the reflect job: nothing is
    // regenerated per run.
    const QList<graphql::GraphQLError> invalid = context->validator().validate(*parsed.document);
    if (!invalid.isEmpty()) {
        out.response = graphqlErrors(invalid);
        return done();
    }
    const reflect::ReflectOptions options = reflect::ReflectOptions::defaultsFor(context->preset());
    const reflect::GeneratedSchema &generated = *context->generated();
    const exec::SqlCompiler compiler(generated.schema, generated.meta, *context->catalog(), options);
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
        if (request.explain && !(state && state->cancelled))
            explain(conn, op, request.settings, &out, state ? &state->cancelled : nullptr);
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
