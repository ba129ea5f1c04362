#pragma once

#include <QTreeWidget>

namespace refract::ui {

/// The Event log dock's contents: connection, reflection and query events with a timestamp.
/// Never shows secrets: callers pass display names (conninfo without password), never raw conninfo.
class EventLog : public QTreeWidget
{
    Q_OBJECT
public:
    enum Level { Info, Warning, Error };

    explicit EventLog(QWidget *parent = nullptr);

    void add(Level level, const QString &message);
    QString lastMessage() const;

private:
    static constexpr int MaxEntries = 5000;
};

} // namespace refract::ui
