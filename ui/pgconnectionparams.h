#pragma once

#include <QString>
#include <QVariantMap>

namespace refract::ui {

/// What the PostgreSQL connection dialog collects. Empty fields are left out of the conninfo so
/// that libpq fills them from PG* variables, .pgpass and pg_service.conf, as psql would.
struct PgConnectionParams
{
    enum Mode { Fields, Uri };

    Mode mode = Fields;
    QString uri;      ///< URI or key/value conninfo (Uri mode)
    QString host;
    QString port;
    QString database;
    QString user;
    QString password; ///< memory only: never in settings, logs or display names
    QString service;
    QString sslMode;  ///< empty: libpq's default (PGSSLMODE or `prefer`)
    QString schemas = QStringLiteral("public"); ///< comma-separated schemas to reflect

    /// The string handed to libpq, password included.
    QString conninfo() const;
    /// `user@host:port/db` or the URI without its password, for the UI and the event log.
    QString displayName() const;
    QStringList schemaList() const;
    /// The keychain entry of this connection's password (no secret in it).
    QString secretKey() const;
    /// A copy whose password, if the URI / connection string carries one, is moved into
    /// `password` and removed from `uri`, so that only the keychain ever holds it.
    PgConnectionParams withPasswordExtracted() const;

    /// For recent connections: everything but the password.
    QVariantMap toSettings() const;
    static PgConnectionParams fromSettings(const QVariantMap &map);

    /// Removes passwords from a URI (`user:secret@`, `?password=`) or key/value conninfo.
    static QString redact(const QString &conninfo);
    /// Quotes a key/value conninfo value when it needs it (`'it''s'` style escaping as libpq wants: `\'`).
    static QString quoteValue(const QString &value);

    bool operator==(const PgConnectionParams &) const = default;
};

} // namespace refract::ui
