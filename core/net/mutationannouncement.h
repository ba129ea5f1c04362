#pragma once

#include <exec/engine.h>

#include <QByteArray>

#include <functional>

namespace refract::net {

/// A mutation on its way to subscribers, split so that an event-driven worker can run it without
/// blocking its thread: `request` is what to execute (the client's text with the changed rows'
/// keys tapped in under reserved aliases), and `announce`, called with the response once it has
/// run, publishes the events read out of it and strips the tapped keys again.
struct MutationAnnouncement
{
    exec::Request request;
    std::function<void(QByteArray *json)> announce; ///< empty: nothing to announce
};

} // namespace refract::net
