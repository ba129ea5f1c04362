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
    bool dryRun = false; ///< the tab's dry-run switch (mutations rolled back)
    bool operator==(const TabState &) const = default;
};

/// An operation the user named and kept ("Save Operation…"), reopened in a tab later.
struct SavedOperation
{
    QString name;
    QString document;
    QString variables;
    QString headers;
    QDateTime saved;
    bool operator==(const SavedOperation &) const = default;
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
/// secrets), identity profiles (without secrets), saved operations and the history of executed
/// operations. Written
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
    QList<SavedOperation> savedOperations; ///< in the order they were first saved
    /// The connection the window was on when it was last saved (a JSON object the UI understands,
    /// secrets stripped by the UI), reopened at the next start; empty when none was open.
    QJsonObject openConnection;

    /// `<AppDataLocation>/workspace.json`.
    static QString defaultPath();

    /// The suffix of workspace files the user names (File → Save As).
    static QString fileSuffix() { return QStringLiteral(".refract-workspace.json"); }

    /// Reads a workspace file; a missing file is an empty workspace (true), a damaged one false
    /// with the reason (the caller keeps the file for the user to look at). On failure `*this` is
    /// left as it was.
    bool load(const QString &path, QString *error = nullptr);
    /// Like load(), but a missing file is an error too (File → Open).
    bool loadExisting(const QString &path, QString *error = nullptr);
    /// Writes atomically, creating the directory.
    bool save(const QString &path, QString *error = nullptr) const;

    QJsonObject toJson() const;
    static Workspace fromJson(const QJsonObject &json);

    /// Newest first; drops the oldest past MaxHistory.
    void addHistory(const HistoryEntry &entry);
    /// Moves an equal entry to the front instead of adding it twice.
    void addRecentConnection(const QJsonObject &connection);
    /// Adds, or replaces the one with the same name (keeping its place).
    void saveOperation(const SavedOperation &operation);
    bool removeSavedOperation(const QString &name);

    bool operator==(const Workspace &) const = default;
};

} // namespace refract::workspace
