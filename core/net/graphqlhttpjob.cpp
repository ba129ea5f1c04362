#include "graphqlhttpjob.h"

#include <exec/pendingexecution.h>
#include <pg/connectionpool.h>

namespace refract::net {

GraphQLHttpJob::GraphQLHttpJob(const GraphQLHttpHandler &handler, QByteArray origin)
    : m_handler(handler), m_origin(std::move(origin)), m_acquireDeadline(qMax(0, handler.m_options.acquireTimeoutMs))
{
}

GraphQLHttpJob::~GraphQLHttpJob()
{
    // The execution first: abandoned mid-flight, it waits for its round trip so the connection
    // goes back idle.
    m_execution.reset();
    releaseConnection();
}

void GraphQLHttpJob::releaseConnection()
{
    if (m_connection)
        m_handler.m_pool.release(std::exchange(m_connection, nullptr));
}

int GraphQLHttpJob::socket() const { return m_connection ? m_connection->socket() : -1; }

bool GraphQLHttpJob::wantsWrite() const { return m_execution && m_execution->wantsWrite(); }

HttpJob::Wait GraphQLHttpJob::finish(HttpResponse response)
{
    m_execution.reset();
    releaseConnection();
    m_response = std::move(response);
    m_handler.addCors(m_origin, &m_response);
    m_wait = Wait::Done;
    return m_wait;
}

HttpJob::Wait GraphQLHttpJob::advance()
{
    if (m_wait == Wait::Done)
        return m_wait;
    if (!m_connection) {
        QString error;
        bool busy = false;
        m_connection = m_handler.m_pool.tryAcquire(&error, &busy);
        if (!m_connection) {
            if (busy && !m_acquireDeadline.hasExpired())
                return m_wait = Wait::Connection;
            if (busy)
                error = QStringLiteral("no database connection became free within %1 ms").arg(m_handler.m_options.acquireTimeoutMs);
            return finish(m_handler.unavailable(m_admitted, error));
        }
        const exec::Request *run = &m_admitted.request;
        if (m_admitted.viaMutationRunner && m_handler.m_options.prepareMutation) {
            m_announcement = m_handler.m_options.prepareMutation(m_admitted.request, *m_connection);
            // Keys of the changed rows may have been tapped into the text: run that text.
            if (m_announcement.request.query != m_admitted.request.query)
                m_admitted.prepared = m_handler.m_engine.prepare(m_announcement.request.query);
            run = &m_announcement.request;
        } else if (m_admitted.viaMutationRunner) {
            // runMutation alone is synchronous: this mutation blocks its thread.
            bool requestError = false;
            const QByteArray json = m_handler.m_options.runMutation(m_admitted.request, *m_connection, &requestError);
            return finish(m_handler.respond(m_admitted, json, requestError, *m_connection));
        }
        m_execution = m_handler.m_engine.start(*m_admitted.prepared, *run, *m_connection);
    } else if (!m_execution->resume()) {
        return m_wait = Wait::Socket;
    }
    if (!m_execution->isFinished())
        return m_wait = Wait::Socket;
    const bool requestError = m_execution->isRequestError();
    QByteArray json = m_execution->takeJson();
    if (m_announcement.announce)
        m_announcement.announce(&json); // publishes, and strips the tapped keys from the client's answer
    return finish(m_handler.respond(m_admitted, json, requestError, *m_connection));
}

} // namespace refract::net
