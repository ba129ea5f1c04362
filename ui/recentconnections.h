#pragma once

#include "pgconnectionparams.h"
#include "remoteendpoint.h"

#include <QList>

namespace refract::ui {

/// The last PostgreSQL connections and GraphQL endpoints used, newest first, kept in QSettings
/// without passwords or secret header values.
class RecentConnections
{
public:
    static constexpr int MaxEntries = 10;

    static QList<PgConnectionParams> load();
    /// Moves `params` to the front (password dropped) and trims the list.
    static void add(const PgConnectionParams &params);
    static void clear();

    static QList<RemoteEndpoint> loadEndpoints();
    /// Moves `endpoint` to the front (secret header values dropped, names kept) and trims the list.
    static void addEndpoint(const RemoteEndpoint &endpoint);
};

} // namespace refract::ui
