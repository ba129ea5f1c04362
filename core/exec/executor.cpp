#include "executor.h"

#include "jwttokens.h"

#include <QJsonDocument>
#include <QSet>

namespace refract::exec {

Executor::Executor(pg::Connection &connection) : m_connection(connection) {}

pg::Statement Executor::settingsStatement(const QList<QPair<QString, QString>> &settings, int statementTimeoutMs)
{
    // PostGraphile dedupes keeping the last occurrence of each key.
    QList<QPair<QString, QString>> list = settings;
    if (statementTimeoutMs > 0)
        list << qMakePair(QStringLiteral("statement_timeout"), QString::number(statementTimeoutMs));
    QList<QPair<QString, QString>> unique;
    QSet<QString> seen;
    for (qsizetype i = list.size() - 1; i >= 0; --i)
        if (!seen.contains(list[i].first)) {
            seen.insert(list[i].first);
            unique.prepend(list[i]);
        }
    pg::Statement st;
    if (unique.isEmpty())
        return st;
    QStringList calls;
    for (const auto &kv : unique) {
        st.params << kv.first.toUtf8() << kv.second.toUtf8();
        calls << QStringLiteral("set_config($%1, $%2, true)").arg(st.params.size() - 1).arg(st.params.size());
    }
    st.sql = QStringLiteral("select ") + calls.join(QStringLiteral(", "));
    return st;
}

QByteArray errorsResponse(const QList<ExecError> &errors)
{
    QByteArray out = "{\"errors\":[";
    for (qsizetype i = 0; i < errors.size(); ++i)
        out += (i ? "," : "") + errors[i].toJson();
    return out + "]}";
}

Executor::~Executor() = default;

/// One round trip: blocking (execPipeline) or, for an event loop, a suspension until resume()
/// finds the results in.
struct Executor::RoundTrip
{
    Executor *executor;
    QList<pg::Statement> statements;
    QList<pg::Result> results;
    bool suspended = false;

    bool await_ready()
    {
        pg::Connection &c = executor->m_connection;
        if (!executor->m_async) {
            results = c.execPipeline(statements, executor->m_cancelled);
            return true;
        }
        // No read yet: the answer takes a round trip, and an early read only costs a syscall.
        c.startPipeline(statements);
        if (c.pipelineFinished()) {
            results = c.takePipelineResults();
            return true;
        }
        return false;
    }
    void await_suspend(std::coroutine_handle<> handle)
    {
        suspended = true;
        executor->m_waiting = handle;
    }
    QList<pg::Result> await_resume()
    {
        if (suspended)
            results = executor->m_connection.takePipelineResults();
        return std::move(results);
    }
};

Executor::RoundTrip Executor::roundTrip(QList<pg::Statement> statements)
{
    m_sent << statements;
    m_statementCount += int(statements.size());
    return RoundTrip{this, std::move(statements), {}};
}

QByteArray Executor::execute(const CompiledOperation &operation, const ExecuteOptions &options)
{
    m_async = false;
    m_cancelled = options.cancelled;
    ExecutionTask task = run(operation, options);
    Q_ASSERT(task.isDone());
    return task.takeValue();
}

void Executor::start(const CompiledOperation &operation, const ExecuteOptions &options)
{
    m_async = true;
    m_cancelled = nullptr;
    m_waiting = {};
    m_task = run(operation, options);
}

bool Executor::resume()
{
    if (m_waiting) {
        if (!m_connection.pollPipeline())
            return false;
        // The coroutine goes on to its next round trip (suspending again) or to its end.
        std::exchange(m_waiting, {}).resume();
    }
    return isFinished();
}

bool Executor::isFinished() const { return !m_task.isValid() || m_task.isDone(); }

bool Executor::wantsWrite() const { return m_waiting && m_connection.pipelineWantsWrite(); }

QByteArray Executor::takeResult() { return m_task.isDone() ? m_task.takeValue() : QByteArray(); }

ExecutionTask Executor::run(const CompiledOperation &operation, ExecuteOptions options)
{
    m_sent.clear();
    m_statementCount = 0;
    if (!operation.errors.isEmpty())
        co_return errorsResponse(operation.errors);

    const int n = int(operation.fields.size());
    QList<std::optional<QByteArray>> values(n);
    QList<std::optional<ExecError>> errors(n);
    QList<int> pending;
    for (int i = 0; i < n; ++i) {
        const CompiledField &f = operation.fields[i];
        if (f.error)
            errors[i] = f.error;
        else if (!f.staticJson.isEmpty())
            values[i] = f.staticJson;
        else
            pending << i;
    }
    // A thread serves request after request with the same identity (one token, one default role):
    // building the statement (dedupe, `set_config($n, …)` text) was an eighth of a root finder's
    // engine CPU, so each thread keeps the last one it built.
    struct LastSettings
    {
        QList<QPair<QString, QString>> settings;
        int timeoutMs = -1;
        pg::Statement statement;
    };
    static thread_local LastSettings last;
    if (last.timeoutMs != options.statementTimeoutMs || last.settings != options.settings) {
        last.statement = settingsStatement(options.settings, options.statementTimeoutMs);
        last.settings = options.settings;
        last.timeoutMs = options.statementTimeoutMs;
    }
    const pg::Statement settings = last.statement;
    auto fieldError = [&](int i, const pg::PgError &e) {
        const CompiledField &f = operation.fields[i];
        errors[i] = ExecError{e.message, {f.location}, QJsonArray{f.responseKey}, e.sqlState};
    };

    if (operation.type == graphql::ast::OperationType::Mutation) {
        // Mutation fields run one after the other, each in its savepoint when there are several: a
        // failing one is rolled back to its savepoint and the next still runs (PostGraphile's
        // behaviour). One round trip per field; the first carries begin and the settings, the last
        // the commit.
        for (qsizetype k = 0; k < pending.size(); ++k) {
            const int i = pending[k];
            const CompiledField &f = operation.fields[i];
            const bool firstField = k == 0, lastField = k == pending.size() - 1;
            QList<pg::Statement> statements;
            if (firstField) {
                statements << pg::Statement{QStringLiteral("begin"), {}};
                if (!settings.sql.isEmpty())
                    statements << settings;
            }
            const int at = int(statements.size());
            // A savepoint only matters when another mutation field shares the transaction: a lone
            // field that fails rolls the whole transaction back anyway.
            const bool savepoint = pending.size() > 1;
            if (savepoint)
                statements << pg::Statement{QStringLiteral("savepoint graphql_mutation"), {}};
            if (!f.preSql.isEmpty())
                statements << pg::Statement{f.preSql, f.preParams};
            const int payloadAt = int(statements.size());
            statements << pg::Statement{f.sql, f.params};
            if (savepoint)
                statements << pg::Statement{QStringLiteral("release savepoint graphql_mutation"), {}};
            const int fieldEnd = int(statements.size());
            const QString end = options.dryRun ? QStringLiteral("rollback") : QStringLiteral("commit");
            if (lastField)
                statements << pg::Statement{end, {}};
            const qsizetype sentCount = statements.size();
            const QList<pg::Result> results = co_await roundTrip(std::move(statements));
            if (results.size() != sentCount) {
                for (qsizetype r = k; r < pending.size(); ++r)
                    fieldError(pending[r], m_connection.lastError());
                break;
            }
            bool setupFailed = false;
            for (int s = 0; s < at && !setupFailed; ++s)
                if (!results[s].ok()) {
                    for (qsizetype r = k; r < pending.size(); ++r)
                        fieldError(pending[r], results[s].error());
                    setupFailed = true;
                }
            if (setupFailed) {
                if (m_connection.inTransaction()) {
                    QList<pg::Statement> rollback{pg::Statement{QStringLiteral("rollback"), {}}};
                    co_await roundTrip(std::move(rollback));
                }
                break;
            }
            bool failed = false;
            for (int s = at; s < fieldEnd && !failed; ++s)
                if (!results[s].ok()) {
                    fieldError(i, results[s].error());
                    failed = true;
                }
            if (!failed) {
                const pg::Result &r = results[payloadAt];
                values[i] = r.rows() > 0 && !r.isNull(0, 0) ? QByteArray(r.raw(0, 0).data(), r.raw(0, 0).size()) : QByteArray("null");
                // No row (a payload built from the changed rows) or a count of 0: nothing matched.
                if (!f.noRowsMessage.isEmpty() && (r.rows() == 0 || (r.columns() > 1 && r.text(0, 1) == QLatin1String("0")))) {
                    errors[i] = ExecError{f.noRowsMessage, {f.location}, QJsonArray{f.responseKey}, {}};
                    values[i].reset();
                }
            } else if (m_connection.inTransaction()) {
                const QString undo = savepoint ? QStringLiteral("rollback to savepoint graphql_mutation") : QStringLiteral("rollback");
                QList<pg::Statement> after{pg::Statement{undo, {}}};
                if (lastField && savepoint)
                    after << pg::Statement{end, {}};
                co_await roundTrip(std::move(after));
            }
        }
        pending.clear();
    }

    // One round trip for the whole request. A failing field aborts the transaction and the server
    // skips the rest of the pipeline: the fields after it are sent again in a new transaction, so
    // that, as in graphql-js, only the failing field is null.
    while (!pending.isEmpty()) {
        QList<pg::Statement> statements;
        statements << pg::Statement{QStringLiteral("begin"), {}};
        if (!settings.sql.isEmpty())
            statements << settings;
        const int first = int(statements.size());
        for (int i : pending) {
            const CompiledField &f = operation.fields[i];
            if (f.isMutation)
                statements << pg::Statement{QStringLiteral("savepoint graphql_mutation"), {}};
            statements << pg::Statement{f.sql, f.params};
            if (f.isMutation)
                statements << pg::Statement{QStringLiteral("release savepoint graphql_mutation"), {}};
        }
        statements << pg::Statement{options.dryRun ? QStringLiteral("rollback") : QStringLiteral("commit"), {}};
        const qsizetype sentCount = statements.size();
        const QList<pg::Result> results = co_await roundTrip(std::move(statements));

        int failedAt = -1;
        if (results.size() != sentCount) {
            for (int i : pending)
                fieldError(i, m_connection.lastError());
            pending.clear();
            break;
        }
        for (int s = 0; s < first; ++s)
            if (!results[s].ok()) {
                for (int i : pending)
                    fieldError(i, results[s].error());
                pending.clear();
                break;
            }
        if (pending.isEmpty())
            break;
        int s = first;
        for (int k = 0; k < pending.size(); ++k) {
            const int i = pending[k];
            const bool mutation = operation.fields[i].isMutation;
            if (mutation)
                ++s;
            const pg::Result &r = results[s];
            if (!r.ok()) {
                fieldError(i, r.error());
                failedAt = k;
                break;
            }
            values[i] = r.rows() > 0 && !r.isNull(0, 0) ? QByteArray(r.raw(0, 0).data(), r.raw(0, 0).size()) : QByteArray("null");
            s += mutation ? 2 : 1;
        }
        if (failedAt < 0) {
            if (!results.last().ok())
                for (int i : pending)
                    fieldError(i, results.last().error());
            pending.clear();
            break;
        }
        if (m_connection.inTransaction()) {
            QList<pg::Statement> rollback{pg::Statement{QStringLiteral("rollback"), {}}};
            co_await roundTrip(std::move(rollback));
        }
        pending = pending.mid(failedAt + 1);
        for (int i : pending)
            values[i].reset();
    }

    // JwtToken values are signed here, outside PostgreSQL, so the secret never reaches the server.
    if (!operation.jwtMarker.isEmpty())
        for (int i = 0; i < n; ++i) {
            QString jwtError;
            if (values[i] && !errors[i] && !JwtTokens::signPlaceholders(&*values[i], operation.jwtMarker, operation.jwtSecret, &jwtError)) {
                const CompiledField &f = operation.fields[i];
                errors[i] = ExecError{jwtError, {f.location}, QJsonArray{f.responseKey}, {}};
            }
        }

    QByteArray data = "{";
    bool nullData = false;
    QList<ExecError> allErrors;
    for (int i = 0; i < n; ++i) {
        const CompiledField &f = operation.fields[i];
        if (errors[i]) {
            allErrors << *errors[i];
            if (f.nonNull)
                nullData = true;
        }
        // A response key is a GraphQL name ([_A-Za-z][_0-9A-Za-z]*): nothing in it needs escaping.
        data += (i ? ",\"" : "\"") + f.responseKey.toLatin1() + "\":" + (values[i] && !errors[i] ? *values[i] : QByteArray("null"));
    }
    data += '}';
    if (nullData)
        data = "null";
    if (allErrors.isEmpty())
        co_return QByteArray("{\"data\":" + data + '}');
    QByteArray out = errorsResponse(allErrors);
    out.chop(1);
    co_return QByteArray(out + ",\"data\":" + data + '}');
}

} // namespace refract::exec
