#pragma once

#include "pgerror.h"
#include "result.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>
#include <optional>

struct pg_conn;

namespace refract::pg {

/// A statement parameter in text format; nullopt is SQL NULL. Every value reaches the server as a
/// bind parameter, never spliced into SQL text.
using Param = std::optional<QByteArray>;

/// One statement of a pipeline: SQL text with $n placeholders and its text-format parameters.
struct Statement
{
    QString sql;
    QList<Param> params;
};

/// A libpq connection. Synchronous and cancellable from another thread (cancel()), as design.md
/// asks of core APIs; the UI runs it off the UI thread.
class Connection
{
public:
    Connection();
    ~Connection();
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    /// `conninfo` may be a URI (`postgres://…`), key/value pairs (`host=… dbname=…`) or empty, in
    /// which case libpq reads the PG* environment, .pgpass and pg_service.conf as it always does.
    bool open(const QString &conninfo, int connectTimeoutSeconds = 10);
    void close();
    bool isOpen() const;
    const PgError &lastError() const { return m_lastError; }

    Result exec(const QString &sql);
    Result execParams(const QString &sql, const QList<Param> &params);
    /// Sends every statement in one round trip (libpq pipeline mode) and returns one Result per
    /// statement, in order. Each distinct SQL text is prepared on the server the first time it is
    /// sent (in the same round trip) and executed by name afterwards, so PostgreSQL parses it once
    /// per session (design.md §4; about twice the transaction rate of unnamed statements); at most
    /// kMaxPrepared texts per session, later ones run unnamed. After the first failure the server skips the rest, whose Results carry
    /// that first error. While waiting it polls `cancelled` and cancels the running statement when
    /// it turns true. The connection must be idle (no pipeline of its own in flight).
    QList<Result> execPipeline(const QList<Statement> &statements, const std::atomic_bool *cancelled = nullptr);

    /// The same without blocking, for event loops: startPipeline() sends what the socket takes;
    /// then, each time socket() is readable (or writable while pipelineWantsWrite()), pollPipeline()
    /// reads what arrived and returns true once every result is in (at once when sending failed);
    /// takePipelineResults() then gives what execPipeline() would have returned. Until then the
    /// connection belongs to that pipeline: nothing else may run on it.
    void startPipeline(const QList<Statement> &statements);
    bool pollPipeline();
    bool pipelineWantsWrite() const;
    /// Between startPipeline() and takePipelineResults().
    bool pipelineActive() const;
    /// Every result is in (or sending failed), without reading the socket.
    bool pipelineFinished() const;
    QList<Result> takePipelineResults();
    /// Blocks until the pipeline started with startPipeline() is finished, then takes its results.
    QList<Result> waitForPipeline(const std::atomic_bool *cancelled = nullptr);
    /// The socket to wait on (-1 when closed).
    int socket() const;
    /// True when the session is inside a transaction block (so callers must not BEGIN/COMMIT).
    bool inTransaction() const;
    /// Asks the server to cancel what this connection runs now; safe from any thread.
    bool cancel();

    /// NOTICE/WARNING messages the server sent since the last call (libpq would print them on
    /// stderr); the most recent 100 are kept.
    QStringList takeNotices();

    int serverVersion() const;
    /// Quotes an identifier (`"my ""table"""`), for the few places where SQL text must name objects.
    static QString quoteIdentifier(const QString &name);

    pg_conn *handle() const { return m_conn; }

private:
    struct Pipeline;
    Result finish(Result r);
    void leavePipeline();
    void failPipeline(const PgError &e);

    static void noticeReceiver(void *self, const pg_result *res);

    static constexpr int kMaxPrepared = 512;

    pg_conn *m_conn = nullptr;
    PgError m_lastError;
    QHash<QString, QByteArray> m_prepared; ///< SQL text → server-side statement name (this session)
    quint64 m_preparedCounter = 0;
    QStringList m_notices;
    std::unique_ptr<Pipeline> m_pipeline; ///< kept between pipelines: its buffers are reused
};

} // namespace refract::pg
