#pragma once

#include <QString>

namespace refract::pg {

/// A PostgreSQL or connection error with the fields libpq reports, so callers can show the
/// SQLSTATE, detail and hint rather than one flattened line.
struct PgError
{
    QString sqlState;  ///< five characters; empty for client-side errors (connection refused, …)
    QString message;   ///< primary message, no trailing newline
    QString detail;
    QString hint;
    QString context;

    bool isNull() const { return message.isEmpty() && sqlState.isEmpty(); }
    /// `message (SQLSTATE xxxxx)` plus detail/hint on one line, for CLIs and logs.
    QString toString() const;
};

} // namespace refract::pg
