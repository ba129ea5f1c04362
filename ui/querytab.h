#pragma once

#include <QByteArray>
#include <QWidget>

#include <memory>

class QLineEdit;
class QPlainTextEdit;
class QSplitter;
class QTabWidget;
class QToolButton;

namespace refract::ui {

class DocumentChecker;
class EditorCompleter;
class QueryEditor;
class ResultsView;
class SchemaContext;

/// One query tab: the editor above; below it the Variables/Headers pane beside the results.
class QueryTab : public QWidget
{
    Q_OBJECT
public:
    explicit QueryTab(QWidget *parent = nullptr);

    QueryEditor *editor() const { return m_editor; }
    ResultsView *results() const { return m_results; }
    QPlainTextEdit *variablesEdit() const { return m_variables; }
    QPlainTextEdit *headersEdit() const { return m_headers; }
    DocumentChecker *checker() const { return m_checker; }
    EditorCompleter *completer() const { return m_completer; }
    /// Live validation and completion against this schema (null: syntax only, no completion).
    void setSchemaContext(std::shared_ptr<const SchemaContext> context);

    /// Both splitters' sizes, so that new tabs open with the layout the user last gave one.
    QByteArray saveSplitterState() const;
    bool restoreSplitterState(const QByteArray &state);

    /// The identity picker's key this tab runs as (empty: the connection's role) and its dry-run
    /// switch: each tab keeps its own, and the toolbar shows the current tab's.
    QString identityKey() const { return m_identityKey; }
    void setIdentityKey(const QString &key);
    bool dryRun() const { return m_dryRun; }
    void setDryRun(bool dryRun);

    /// Shows the find bar with the editor's selection and focuses it.
    void showFindBar();
    void hideFindBar();
    bool isFindBarVisible() const;

signals:
    void splitterMoved();
    /// The identity or the dry-run switch changed.
    void runSettingsChanged();

private:
    void findAgain(bool forward);

    QueryEditor *m_editor = nullptr;
    DocumentChecker *m_checker = nullptr;
    EditorCompleter *m_completer = nullptr;
    ResultsView *m_results = nullptr;
    QPlainTextEdit *m_variables = nullptr;
    QPlainTextEdit *m_headers = nullptr;
    QSplitter *m_vertical = nullptr;
    QSplitter *m_horizontal = nullptr;
    QWidget *m_findBar = nullptr;
    QLineEdit *m_findEdit = nullptr;
    QString m_identityKey;
    bool m_dryRun = false;
};

} // namespace refract::ui
