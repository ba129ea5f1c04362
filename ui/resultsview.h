#pragma once

#include <QByteArray>
#include <QWidget>

#include <memory>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QTabWidget;
class QTableView;
class QTreeView;

namespace refract::ui {

class JsonIndex;
class JsonTableModel;
class JsonTreeModel;

/// The results of one query tab: a lazy JSON tree, the raw JSON, a table of the first list or
/// connection, and the SQL each root field ran with its plan. Errors with locations are listed
/// above, and activating one moves the editor there. Large responses are indexed on a pool thread.
class ResultsView : public QWidget
{
    Q_OBJECT
public:
    explicit ResultsView(QWidget *parent = nullptr);
    ~ResultsView() override;

    /// Shows a GraphQL response document; `note` (how it ran) goes in the status line.
    void showJson(const QByteArray &json, const QString &note = {});
    /// Shows a note instead of a result (nothing run yet, an error outside the response, …).
    void showMessage(const QString &text);
    /// The SQL tab's text (each root field's SQL, parameters and plan); empty hides nothing.
    void setSqlText(const QString &text);
    /// A warning shown above the result, e.g. that row-level security was not applied.
    void setWarning(const QString &text);

    QString rawText() const;
    QString statusText() const;
    QString sqlText() const;
    QString warningText() const;
    /// True while a large response is being indexed.
    bool isLoading() const { return m_loading > 0; }

    JsonTreeModel *treeModel() const { return m_treeModel; }
    JsonTableModel *tableModel() const { return m_tableModel; }
    QTreeView *treeView() const { return m_tree; }
    QTableView *tableView() const { return m_table; }
    QListWidget *errorList() const { return m_errors; }
    QTabWidget *tabs() const { return m_tabs; }

    /// Indents JSON without reordering keys (QJsonDocument would sort them); stops after maxBytes.
    static QByteArray prettyJson(const QByteArray &json, qsizetype maxBytes = -1);

signals:
    /// An error's location was activated (1-based line and column of the document that ran).
    void errorLocationActivated(int line, int column);

private:
    void apply(std::shared_ptr<const JsonIndex> index, const QByteArray &pretty, const QString &error,
               const QString &note, qsizetype size, qint64 indexMs);

    QTabWidget *m_tabs = nullptr;
    QTreeView *m_tree = nullptr;
    JsonTreeModel *m_treeModel = nullptr;
    QPlainTextEdit *m_raw = nullptr;
    QTableView *m_table = nullptr;
    JsonTableModel *m_tableModel = nullptr;
    QPlainTextEdit *m_sql = nullptr;
    QListWidget *m_errors = nullptr;
    QLabel *m_warning = nullptr;
    QLabel *m_status = nullptr;
    int m_generation = 0;
    int m_loading = 0;
};

} // namespace refract::ui
