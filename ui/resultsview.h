#pragma once

#include <QByteArray>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QTableWidget;
class QTreeWidget;

namespace refract::ui {

/// The results of one query tab: a JSON tree, the raw JSON and a table of the first list found.
class ResultsView : public QWidget
{
    Q_OBJECT
public:
    explicit ResultsView(QWidget *parent = nullptr);

    /// Shows a GraphQL response document; `note` (how it ran) goes in the status line.
    void showJson(const QByteArray &json, const QString &note = {});
    /// Shows a note instead of a result (nothing run yet, an error outside the response, …).
    void showMessage(const QString &text);
    QString rawText() const;
    QString statusText() const;

private:
    QTabWidget *m_tabs = nullptr;
    QTreeWidget *m_tree = nullptr;
    QPlainTextEdit *m_raw = nullptr;
    QTableWidget *m_table = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace refract::ui
