#pragma once

#include <QByteArray>

#include <coroutine>
#include <exception>
#include <utility>

namespace refract::exec {

/// The coroutine an Executor runs one request in. It starts at once and runs until its first
/// round trip to PostgreSQL: run blocking (the CLI, the workbench, tests), it never suspends and
/// is done when the call returns; run for an event loop, it suspends at each round trip and the
/// Executor resumes it when the connection's results are in. One code path for both, so the
/// server's non-blocking requests answer exactly what the blocking ones do.
class ExecutionTask
{
public:
    struct promise_type
    {
        QByteArray value;
        ExecutionTask get_return_object() { return ExecutionTask(std::coroutine_handle<promise_type>::from_promise(*this)); }
        std::suspend_never initial_suspend() noexcept { return {}; }
        // Kept after the end so the owner can read the value; the owner destroys the frame.
        std::suspend_always final_suspend() noexcept { return {}; }
        void return_value(QByteArray v) { value = std::move(v); }
        void unhandled_exception() { std::terminate(); }
    };

    ExecutionTask() = default;
    ExecutionTask(ExecutionTask &&other) noexcept : m_handle(std::exchange(other.m_handle, {})) {}
    ExecutionTask &operator=(ExecutionTask &&other) noexcept
    {
        if (this != &other) {
            reset();
            m_handle = std::exchange(other.m_handle, {});
        }
        return *this;
    }
    ExecutionTask(const ExecutionTask &) = delete;
    ExecutionTask &operator=(const ExecutionTask &) = delete;
    ~ExecutionTask() { reset(); }

    bool isValid() const { return bool(m_handle); }
    bool isDone() const { return m_handle && m_handle.done(); }
    /// The response, once done.
    QByteArray takeValue() { return std::move(m_handle.promise().value); }

private:
    explicit ExecutionTask(std::coroutine_handle<promise_type> handle) : m_handle(handle) {}
    void reset()
    {
        if (m_handle)
            m_handle.destroy();
        m_handle = {};
    }
    std::coroutine_handle<promise_type> m_handle;
};

} // namespace refract::exec
