#include "workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>

namespace refract::workspace {

namespace {

QString str(const QJsonObject &o, const char *key) { return o.value(QLatin1String(key)).toString(); }

QJsonObject tabJson(const TabState &t)
{
    return {{QStringLiteral("title"), t.title},
            {QStringLiteral("text"), t.text},
            {QStringLiteral("variables"), t.variables},
            {QStringLiteral("headers"), t.headers},
            {QStringLiteral("identity"), t.identity},
            {QStringLiteral("cursorLine"), t.cursorLine},
            {QStringLiteral("cursorIndex"), t.cursorIndex},
            {QStringLiteral("dryRun"), t.dryRun}};
}

TabState tabFrom(const QJsonObject &o)
{
    TabState t;
    t.title = str(o, "title");
    t.text = str(o, "text");
    t.variables = str(o, "variables");
    t.headers = str(o, "headers");
    t.identity = str(o, "identity");
    t.cursorLine = qMax(0, o.value(QLatin1String("cursorLine")).toInt());
    t.cursorIndex = qMax(0, o.value(QLatin1String("cursorIndex")).toInt());
    t.dryRun = o.value(QLatin1String("dryRun")).toBool();
    return t;
}

QJsonObject savedJson(const SavedOperation &s)
{
    return {{QStringLiteral("name"), s.name},
            {QStringLiteral("document"), s.document},
            {QStringLiteral("variables"), s.variables},
            {QStringLiteral("headers"), s.headers},
            {QStringLiteral("saved"), s.saved.toUTC().toString(Qt::ISODateWithMs)}};
}

SavedOperation savedFrom(const QJsonObject &o)
{
    SavedOperation s;
    s.name = str(o, "name");
    s.document = str(o, "document");
    s.variables = str(o, "variables");
    s.headers = str(o, "headers");
    s.saved = QDateTime::fromString(str(o, "saved"), Qt::ISODateWithMs);
    return s;
}

// What tells a workspace from any other JSON object: the format marker (files written before it
// existed have only the version), and the lists being lists.
bool looksLikeWorkspace(const QJsonObject &o, QString *error)
{
    const QJsonValue format = o.value(QLatin1String("format"));
    if (!format.isUndefined() && format.toString() != QLatin1String("refract-workspace")) {
        *error = QStringLiteral("not a Refract workspace (format \"%1\")").arg(format.toString());
        return false;
    }
    if (!o.value(QLatin1String("version")).isDouble()) {
        *error = QStringLiteral("not a Refract workspace (no format version)");
        return false;
    }
    for (const char *key : {"tabs", "recentConnections", "profiles", "history", "savedOperations"}) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (!v.isUndefined() && !v.isArray()) {
            *error = QStringLiteral("not a Refract workspace (\"%1\" is not a list)").arg(QLatin1String(key));
            return false;
        }
    }
    return true;
}

QJsonObject historyJson(const HistoryEntry &h)
{
    return {{QStringLiteral("when"), h.when.toUTC().toString(Qt::ISODateWithMs)},
            {QStringLiteral("connection"), h.connection},
            {QStringLiteral("document"), h.document},
            {QStringLiteral("operationName"), h.operationName},
            {QStringLiteral("variables"), h.variables},
            {QStringLiteral("identity"), h.identity},
            {QStringLiteral("currentUser"), h.currentUser},
            {QStringLiteral("dryRun"), h.dryRun},
            {QStringLiteral("ok"), h.ok},
            {QStringLiteral("elapsedMs"), double(h.elapsedMs)}};
}

HistoryEntry historyFrom(const QJsonObject &o)
{
    HistoryEntry h;
    h.when = QDateTime::fromString(str(o, "when"), Qt::ISODateWithMs);
    h.connection = str(o, "connection");
    h.document = str(o, "document");
    h.operationName = str(o, "operationName");
    h.variables = str(o, "variables");
    h.identity = str(o, "identity");
    h.currentUser = str(o, "currentUser");
    h.dryRun = o.value(QLatin1String("dryRun")).toBool();
    h.ok = o.value(QLatin1String("ok")).toBool();
    h.elapsedMs = qint64(o.value(QLatin1String("elapsedMs")).toDouble());
    return h;
}

template <typename T, typename F>
QJsonArray arrayOf(const QList<T> &list, F toJson)
{
    QJsonArray a;
    for (const T &t : list)
        a.append(toJson(t));
    return a;
}

} // namespace

QString Workspace::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QLatin1String("/workspace.json");
}

QJsonObject Workspace::toJson() const
{
    QJsonObject json{{QStringLiteral("format"), QStringLiteral("refract-workspace")},
            {QStringLiteral("version"), Version},
            {QStringLiteral("tabs"), arrayOf(tabs, tabJson)},
            {QStringLiteral("currentTab"), currentTab},
            {QStringLiteral("recentConnections"), arrayOf(recentConnections, [](const QJsonObject &o) { return o; })},
            {QStringLiteral("profiles"), arrayOf(profiles, [](const QJsonObject &o) { return o; })},
            {QStringLiteral("history"), arrayOf(history, historyJson)},
            {QStringLiteral("savedOperations"), arrayOf(savedOperations, savedJson)}};
    if (!openConnection.isEmpty())
        json.insert(QStringLiteral("openConnection"), openConnection);
    return json;
}

Workspace Workspace::fromJson(const QJsonObject &json)
{
    Workspace w;
    for (const QJsonValue &v : json.value(QLatin1String("tabs")).toArray())
        if (v.isObject())
            w.tabs.append(tabFrom(v.toObject()));
    w.currentTab = qBound(0, json.value(QLatin1String("currentTab")).toInt(), qMax(0, int(w.tabs.size()) - 1));
    for (const QJsonValue &v : json.value(QLatin1String("recentConnections")).toArray())
        if (v.isObject())
            w.recentConnections.append(v.toObject());
    for (const QJsonValue &v : json.value(QLatin1String("profiles")).toArray())
        if (v.isObject())
            w.profiles.append(v.toObject());
    for (const QJsonValue &v : json.value(QLatin1String("history")).toArray())
        if (v.isObject() && w.history.size() < MaxHistory)
            w.history.append(historyFrom(v.toObject()));
    for (const QJsonValue &v : json.value(QLatin1String("savedOperations")).toArray())
        if (v.isObject())
            w.saveOperation(savedFrom(v.toObject()));
    w.openConnection = json.value(QLatin1String("openConnection")).toObject(); // not an object: none
    return w;
}

bool Workspace::load(const QString &path, QString *error)
{
    if (!QFile::exists(path)) {
        *this = Workspace();
        return true;
    }
    return loadExisting(path, error);
}

bool Workspace::loadExisting(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    QJsonParseError e;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &e);
    if (!doc.isObject()) {
        if (error)
            *error = doc.isNull() ? e.errorString() : QStringLiteral("not a JSON object");
        return false;
    }
    QString why;
    if (!looksLikeWorkspace(doc.object(), &why)) {
        if (error)
            *error = why;
        return false;
    }
    const int version = doc.object().value(QLatin1String("version")).toInt();
    if (version > Version) {
        if (error)
            *error = QStringLiteral("written by a newer version (format %1)").arg(version);
        return false;
    }
    *this = fromJson(doc.object());
    return true;
}

bool Workspace::save(const QString &path, QString *error) const
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        if (error)
            *error = QStringLiteral("cannot create %1").arg(info.absolutePath());
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    file.write(QJsonDocument(toJson()).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void Workspace::addHistory(const HistoryEntry &entry)
{
    history.prepend(entry);
    while (history.size() > MaxHistory)
        history.removeLast();
}

void Workspace::addRecentConnection(const QJsonObject &connection)
{
    recentConnections.removeAll(connection);
    recentConnections.prepend(connection);
    while (recentConnections.size() > MaxRecentConnections)
        recentConnections.removeLast();
}

void Workspace::saveOperation(const SavedOperation &operation)
{
    for (SavedOperation &s : savedOperations)
        if (s.name == operation.name) {
            s = operation;
            return;
        }
    savedOperations.append(operation);
}

bool Workspace::removeSavedOperation(const QString &name)
{
    return savedOperations.removeIf([&](const SavedOperation &s) { return s.name == name; }) > 0;
}

} // namespace refract::workspace
