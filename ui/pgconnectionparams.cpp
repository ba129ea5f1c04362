#include "pgconnectionparams.h"

#include <QRegularExpression>
#include <QUrl>

namespace refract::ui {

QString PgConnectionParams::quoteValue(const QString &value)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_.,:/@%+-]+$"));
    if (plain.match(value).hasMatch())
        return value;
    QString v = value;
    v.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    v.replace(QLatin1Char('\''), QLatin1String("\\'"));
    return QLatin1Char('\'') + v + QLatin1Char('\'');
}

QString PgConnectionParams::conninfo() const
{
    if (mode == Uri) {
        const QString u = uri.trimmed();
        if (password.isEmpty())
            return u;
        if (u.startsWith(QLatin1String("postgres://")) || u.startsWith(QLatin1String("postgresql://")))
            return u + (u.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?')) + QLatin1String("password=")
                   + QString::fromLatin1(QUrl::toPercentEncoding(password));
        return (u + QLatin1String(" password=") + quoteValue(password)).trimmed();
    }
    QStringList parts;
    auto add = [&](const char *key, const QString &value) {
        if (!value.trimmed().isEmpty())
            parts.append(QLatin1String(key) + QLatin1Char('=') + quoteValue(value.trimmed()));
    };
    add("service", service);
    add("host", host);
    add("port", port);
    add("dbname", database);
    add("user", user);
    if (!password.isEmpty()) // passwords may legitimately start or end with spaces
        parts.append(QLatin1String("password=") + quoteValue(password));
    add("sslmode", sslMode);
    return parts.join(QLatin1Char(' '));
}

QString PgConnectionParams::redact(const QString &conninfo)
{
    QString s = conninfo;
    // postgres://user:secret@host → postgres://user@host
    static const QRegularExpression uriPassword(QStringLiteral("(://[^:@/?#]*):[^@/?#]*@"));
    s.replace(uriPassword, QStringLiteral("\\1@"));
    static const QRegularExpression queryPassword(QStringLiteral("([?&])password=[^&]*&?"));
    s.replace(queryPassword, QStringLiteral("\\1"));
    if (s.endsWith(QLatin1Char('?')) || s.endsWith(QLatin1Char('&')))
        s.chop(1);
    static const QRegularExpression kvPassword(QStringLiteral("\\bpassword\\s*=\\s*('(?:[^'\\\\]|\\\\.)*'|\\S+)\\s*"));
    s.replace(kvPassword, QString());
    return s.trimmed();
}

QString PgConnectionParams::displayName() const
{
    if (mode == Uri)
        return uri.trimmed().isEmpty() ? QStringLiteral("(PG* environment)") : redact(uri.trimmed());
    if (!service.isEmpty() && host.isEmpty() && database.isEmpty())
        return QStringLiteral("service=%1").arg(service);
    QString s;
    if (!user.isEmpty())
        s += user + QLatin1Char('@');
    s += host.isEmpty() ? QStringLiteral("(default host)") : host;
    if (!port.isEmpty())
        s += QLatin1Char(':') + port;
    s += QLatin1Char('/') + (database.isEmpty() ? QStringLiteral("(default database)") : database);
    return s;
}

QString PgConnectionParams::secretKey() const
{
    return QStringLiteral("postgres/") + displayName();
}

PgConnectionParams PgConnectionParams::withPasswordExtracted() const
{
    PgConnectionParams p = *this;
    if (mode != Uri)
        return p;
    static const QRegularExpression uriPassword(QStringLiteral("://[^:@/?#]*:([^@/?#]*)@"));
    static const QRegularExpression queryPassword(QStringLiteral("[?&]password=([^&]*)"));
    static const QRegularExpression kvPassword(QStringLiteral("\\bpassword\\s*=\\s*('(?:[^'\\\\]|\\\\.)*'|\\S+)"));
    QRegularExpressionMatch m;
    if ((m = queryPassword.match(uri)).hasMatch() || (m = uriPassword.match(uri)).hasMatch()) {
        p.password = QUrl::fromPercentEncoding(m.captured(1).toUtf8());
    } else if ((m = kvPassword.match(uri)).hasMatch()) {
        QString v = m.captured(1);
        if (v.startsWith(QLatin1Char('\'')) && v.size() >= 2) {
            v = v.mid(1, v.size() - 2);
            static const QRegularExpression escaped(QStringLiteral("\\\\(.)"));
            v.replace(escaped, QStringLiteral("\\1"));
        }
        p.password = v;
    } else {
        return p;
    }
    p.uri = redact(uri);
    return p;
}

QStringList PgConnectionParams::schemaList() const
{
    QStringList out;
    for (const QString &s : schemas.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!s.trimmed().isEmpty())
            out.append(s.trimmed());
    return out;
}

QVariantMap PgConnectionParams::toSettings() const
{
    return {{QStringLiteral("mode"), mode == Uri ? QStringLiteral("uri") : QStringLiteral("fields")},
            {QStringLiteral("uri"), redact(uri)},
            {QStringLiteral("host"), host},
            {QStringLiteral("port"), port},
            {QStringLiteral("database"), database},
            {QStringLiteral("user"), user},
            {QStringLiteral("service"), service},
            {QStringLiteral("sslMode"), sslMode},
            {QStringLiteral("schemas"), schemas}};
}

PgConnectionParams PgConnectionParams::fromSettings(const QVariantMap &map)
{
    PgConnectionParams p;
    p.mode = map.value(QStringLiteral("mode")).toString() == QLatin1String("uri") ? Uri : Fields;
    p.uri = map.value(QStringLiteral("uri")).toString();
    p.host = map.value(QStringLiteral("host")).toString();
    p.port = map.value(QStringLiteral("port")).toString();
    p.database = map.value(QStringLiteral("database")).toString();
    p.user = map.value(QStringLiteral("user")).toString();
    p.service = map.value(QStringLiteral("service")).toString();
    p.sslMode = map.value(QStringLiteral("sslMode")).toString();
    p.schemas = map.value(QStringLiteral("schemas"), QStringLiteral("public")).toString();
    return p;
}

} // namespace refract::ui
