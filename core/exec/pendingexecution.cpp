#include "pendingexecution.h"

namespace refract::exec {

PendingExecution::PendingExecution(QByteArray json, bool requestError)
    : m_json(std::move(json)), m_requestError(requestError), m_finished(true)
{
}

PendingExecution::PendingExecution(CompiledOperation operation, pg::Connection &connection, const ExecuteOptions &options)
    : m_operation(std::move(operation)), m_connection(&connection), m_executor(std::make_unique<Executor>(connection))
{
    // The executor keeps a reference to the operation: it lives in this object, which never moves.
    m_executor->start(m_operation, options);
    if (m_executor->isFinished()) {
        m_json = m_executor->takeResult();
        m_finished = true;
    }
}

PendingExecution::~PendingExecution()
{
    // Abandoned mid-flight (the server is closing): cancel what runs and finish the round trip
    // blocking, so the connection goes back to its pool idle rather than in the middle of a
    // pipeline, and closing never waits for a long statement to end by itself.
    if (!m_finished && m_connection && m_connection->pipelineActive()) {
        m_connection->cancel();
        m_connection->waitForPipeline();
    }
}

bool PendingExecution::isFinished() const { return m_finished; }

bool PendingExecution::resume()
{
    if (m_finished)
        return true;
    if (!m_executor->resume())
        return false;
    m_json = m_executor->takeResult();
    m_finished = true;
    return true;
}

bool PendingExecution::wantsWrite() const { return !m_finished && m_executor && m_executor->wantsWrite(); }

int PendingExecution::socket() const { return m_connection ? m_connection->socket() : -1; }

} // namespace refract::exec
