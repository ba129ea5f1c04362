#pragma once

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
class Executor
{
public:
    explicit Executor(pg::Connection &connection);

    QByteArray execute(const CompiledOperation &operation, const ExecuteOptions &options);

    /// Statements sent by the last execute(), begin/settings/commit included (for tests and the UI).
    int lastStatementCount() const { return m_statementCount; }
    /// The statements of the last execute(), in the order sent.
    const QList<pg::Statement> &lastStatements() const { return m_sent; }

    /// The `select set_config(…)` statement for `settings` (deduplicated, last value wins).
    static pg::Statement settingsStatement(const QList<QPair<QString, QString>> &settings, int statementTimeoutMs);

private:
    pg::Connection &m_connection;
    int m_statementCount = 0;
    QList<pg::Statement> m_sent;
};

/// The response for request errors only (`{"errors":[…]}`).
QByteArray errorsResponse(const QList<ExecError> &errors);

} // namespace refract::exec
