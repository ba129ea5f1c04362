#pragma once

#include "pgconnectionparams.h"

#include <QList>

namespace refract::ui {

/// The last PostgreSQL connections used, newest first, kept in QSettings without passwords.
class RecentConnections
{
public:
    static constexpr int MaxEntries = 10;

    static QList<PgConnectionParams> load();
    /// Moves `params` to the front (password dropped) and trims the list.
    static void add(const PgConnectionParams &params);
    static void clear();
};

} // namespace refract::ui
