#pragma once

#include <QDialog>
#include <QList>

class QAction;
class QTableWidget;

namespace refract::ui {

/// Help → Keyboard shortcuts: a table generated from the window's actions, so it can never list
/// a shortcut that does not exist or miss one that does.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ShortcutsDialog(const QList<QAction *> &actions, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    /// Action text without mnemonics or trailing dots ("&Connect…" → "Connect").
    static QString plainText(const QAction *action);

private:
    QTableWidget *m_table = nullptr;
};

} // namespace refract::ui
