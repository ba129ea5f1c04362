#pragma once

#include "httpmessage.h"

#include <memory>

namespace refract::net {

/// A request the handler could not answer at once because it waits for PostgreSQL: the worker
/// thread that owns it watches socket() (or, in Wait::Connection, the pool) and calls advance()
/// when that is ready, so one thread serves many requests in flight instead of blocking on each.
class HttpJob
{
public:
    enum class Wait {
        Done,       ///< takeResponse() has the answer
        Socket,     ///< for socket() to be readable (and writable while wantsWrite())
        Connection, ///< for a pooled connection to be released
    };
    virtual ~HttpJob() = default;
    /// Goes as far as it can without blocking.
    virtual Wait advance() = 0;
    virtual Wait waitingFor() const = 0;
    virtual int socket() const = 0;
    virtual bool wantsWrite() const = 0;
    virtual HttpResponse takeResponse() = 0;
};

/// What a handler gives back: a response, or a job that will produce it.
struct HttpOutcome
{
    HttpResponse response;
    std::unique_ptr<HttpJob> job;
};

} // namespace refract::net
