#pragma once

#include "graphqlhttphandler.h"
#include "httpjob.h"

#include <QDeadlineTimer>

#include <memory>

namespace refract::exec {
class PendingExecution;
}

namespace refract::net {

/// One admitted GraphQL request on its way without blocking its worker thread: it waits for a
/// pooled connection (the pool says when one is released), then for PostgreSQL's answer to the
/// request's pipeline (the connection's socket), then builds the same response handle() would.
/// The connection goes back to the pool when the job is finished or destroyed. A mutation that
/// subscribers listen to runs the same way when the handler has prepareMutation.
class GraphQLHttpJob : public HttpJob
{
public:
    GraphQLHttpJob(const GraphQLHttpHandler &handler, QByteArray origin);
    ~GraphQLHttpJob() override;

    GraphQLHttpHandler::Admitted &admitted() { return m_admitted; }

    Wait advance() override;
    Wait waitingFor() const override { return m_wait; }
    int socket() const override;
    bool wantsWrite() const override;
    HttpResponse takeResponse() override { return std::move(m_response); }

private:
    Wait finish(HttpResponse response);
    void releaseConnection();

    const GraphQLHttpHandler &m_handler;
    GraphQLHttpHandler::Admitted m_admitted;
    QByteArray m_origin;
    QDeadlineTimer m_acquireDeadline; ///< for a pooled connection, from the request's admission
    pg::Connection *m_connection = nullptr;
    std::unique_ptr<exec::PendingExecution> m_execution;
    MutationAnnouncement m_announcement; ///< a mutation subscribers listen to: what to publish once it ran
    HttpResponse m_response;
    Wait m_wait = Wait::Connection;
};

} // namespace refract::net
