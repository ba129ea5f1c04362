#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace refract::workspace {

/// One query tab as the user left it.
struct TabState
{
    QString title;
    QString text;
    QString variables;
    QString headers;
    QString identity;  ///< the identity picker's key (empty: the connection's role)
    int cursorLine = 0;
    int cursorIndex = 0;
    bool operator==(const TabState &) const = default;
};

/// One executed operation and who it ran as.
struct HistoryEntry
{
    QDateTime when;
    QString connection;   ///< display name, never a password
    QString document;
    QString operationName;
    QString variables;
    QString identity;
    QString currentUser;
    bool dryRun = false;
    bool ok = false;
    qint64 elapsedMs = 0;
    bool operator==(const HistoryEntry &) const = default;
};

/// The user's working state in one JSON document: query tabs, recent connections (without
/// secrets), identity profiles (without secrets) and the history of executed operations. Written
/// atomically (QSaveFile: a crash or `kill -9` leaves the previous file whole, never half of one).
class Workspace
{
public:
    static constexpr int Version = 1;
    static constexpr int MaxHistory = 500;
    static constexpr int MaxRecentConnections = 10;

    QList<TabState> tabs;
    int currentTab = 0;
    /// Each a JSON object the UI understands; the UI strips passwords before adding.
    QList<QJsonObject> recentConnections;
    QList<QJsonObject> profiles;
    QList<HistoryEntry> history; ///< newest first

    /// `<AppDataLocation>/workspace.json`.
    static QString defaultPath();

    /// Reads a workspace file; a missing file is an empty workspace (true), a damaged one false
    /// with the reason (the caller keeps the file for the user to look at).
    bool load(const QString &path, QString *error = nullptr);
    /// Writes atomically, creating the directory.
    bool save(const QString &path, QString *error = nullptr) const;

    QJsonObject toJson() const;
    static Workspace fromJson(const QJsonObject &json);

    /// Newest first; drops the oldest past MaxHistory.
    void addHistory(const HistoryEntry &entry);
    /// Moves an equal entry to the front instead of adding it twice.
    void addRecentConnection(const QJsonObject &connection);

    bool operator==(const Workspace &) const = default;
};

} // namespace refract::workspace
