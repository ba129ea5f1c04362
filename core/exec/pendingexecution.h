#pragma once

#include "executor.h"
#include "sqlcompiler.h"

#include <QByteArray>

#include <memory>
#include <optional>

namespace refract::exec {

struct ExecutionResult;

/// A request running without blocking its thread (Engine::start), for an event loop: the first
/// round trip is on its way when start() returns. Each time socket() is ready (readable, or
/// writable while wantsWrite()), call resume(); once it returns true the response is in
/// takeResult(). Requests that need no database (errors, introspection) are finished at once.
/// The connection belongs to the execution until it is finished.
class PendingExecution
{
public:
    ~PendingExecution();
    PendingExecution(const PendingExecution &) = delete;
    PendingExecution &operator=(const PendingExecution &) = delete;

    bool isFinished() const;
    bool resume();
    bool wantsWrite() const;
    int socket() const;
    QByteArray takeJson() { return std::move(m_json); }
    bool isRequestError() const { return m_requestError; }

private:
    friend class Engine;
    PendingExecution(QByteArray json, bool requestError);
    PendingExecution(CompiledOperation operation, pg::Connection &connection, const ExecuteOptions &options);

    CompiledOperation m_operation;
    pg::Connection *m_connection = nullptr;
    std::unique_ptr<Executor> m_executor;
    QByteArray m_json;
    bool m_requestError = false;
    bool m_finished = false;
};

} // namespace refract::exec
