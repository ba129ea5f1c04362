#pragma once

#include "executiontask.h"
#include "sqlcompiler.h"

#include <pg/connection.h>

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <atomic>

namespace refract::exec {

struct ExecuteOptions
{
    /// Transaction-local settings in the order they are applied (PostGraphile: pgSettings keys,
    /// then `role`, then `jwt.claims.*`); a key given twice keeps its last value.
    QList<QPair<QString, QString>> settings;
    bool dryRun = false;          ///< roll back instead of committing
    int statementTimeoutMs = 0;   ///< 0: the server's setting
    const std::atomic_bool *cancelled = nullptr;
};

/// Runs a compiled operation in one identity transaction, pipelined in one round trip:
/// `begin` → one `select set_config($1,$2,true), …` → one statement per root field → `commit`
/// (`rollback` in dry-run mode), and assembles the GraphQL response by splicing each field's JSON
/// text, as PostgreSQL built it, into `{"data":{…}}`.
///
/// execute() blocks until the response is built. start() is the same for an event loop: it sends
/// the first round trip and returns; each time the connection's socket is ready (readable, or
/// writable while wantsWrite()), resume() reads what arrived and goes on, and returns true once
/// the response is ready (takeResult()). Both run the one coroutine (ExecutionTask), so they answer
/// alike. `operation` must outlive the execution.
class Executor
{
public:
    explicit Executor(pg::Connection &connection);
    ~Executor();
    Executor(const Executor &) = delete;
    Executor &operator=(const Executor &) = delete;

    QByteArray execute(const CompiledOperation &operation, const ExecuteOptions &options);

    void start(const CompiledOperation &operation, const ExecuteOptions &options);
    bool resume();
    bool isFinished() const;
    bool wantsWrite() const;
    QByteArray takeResult();

    /// Statements sent by the last execute(), begin/settings/commit included (for tests and the UI).
    int lastStatementCount() const { return m_statementCount; }
    /// The statements of the last execute(), in the order sent.
    const QList<pg::Statement> &lastStatements() const { return m_sent; }

    /// The `select set_config(…)` statement for `settings` (deduplicated, last value wins).
    static pg::Statement settingsStatement(const QList<QPair<QString, QString>> &settings, int statementTimeoutMs);

private:
    struct RoundTrip;
    RoundTrip roundTrip(QList<pg::Statement> statements);
    ExecutionTask run(const CompiledOperation &operation, ExecuteOptions options);

    pg::Connection &m_connection;
    bool m_async = false;
    const std::atomic_bool *m_cancelled = nullptr;
    std::coroutine_handle<> m_waiting; ///< the coroutine, suspended on a round trip
    ExecutionTask m_task;
    int m_statementCount = 0;
    QList<pg::Statement> m_sent;
};

/// The response for request errors only (`{"errors":[…]}`).
QByteArray errorsResponse(const QList<ExecError> &errors);

} // namespace refract::exec
