#include "recentconnections.h"

#include <QSettings>

namespace refract::ui {

namespace {
const QString Key = QStringLiteral("connections/recent");
}

QList<PgConnectionParams> RecentConnections::load()
{
    QList<PgConnectionParams> out;
    const QVariantList list = QSettings().value(Key).toList();
    for (const QVariant &v : list)
        out.append(PgConnectionParams::fromSettings(v.toMap()));
    return out;
}

void RecentConnections::add(const PgConnectionParams &params)
{
    PgConnectionParams p = params;
    p.password.clear();
    p.uri = PgConnectionParams::redact(p.uri);
    QList<PgConnectionParams> list = load();
    list.removeIf([&](const PgConnectionParams &o) { return o == p; });
    list.prepend(p);
    QVariantList out;
    for (qsizetype i = 0; i < list.size() && i < MaxEntries; ++i)
        out.append(list.at(i).toSettings());
    QSettings().setValue(Key, out);
}

void RecentConnections::clear() { QSettings().remove(Key); }

} // namespace refract::ui
