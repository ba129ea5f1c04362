#pragma once

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class QTimer;

namespace refract::ui {

class QueryEditor;
class SchemaContext;

/// One problem in the editor's document: where (1-based line/column in UTF-16 units, as GraphQL
/// errors give them; and the UTF-8 byte range the editor underlines) and what.
struct Diagnostic
{
    int line = 0;
    int column = 0;
    qsizetype startByte = 0;
    qsizetype endByte = 0;
    QString message;
};

/// Live validation of one editor: after a pause in typing, the document is parsed and validated
/// against the schema on a pool thread, and the editor shows the errors as squiggles with hover
/// messages. Edits made while a check runs start one more check when it ends; stale results are
/// dropped, so the UI thread only ever applies the newest answer.
class DocumentChecker : public QObject
{
    Q_OBJECT
public:
    explicit DocumentChecker(QueryEditor *editor);
    ~DocumentChecker() override;

    void setSchemaContext(std::shared_ptr<const SchemaContext> context);
    /// Checks at once (no debounce); the result still arrives asynchronously.
    void checkNow();
    bool isPending() const;
    QList<Diagnostic> diagnostics() const { return m_diagnostics; }

    /// Parse + validate, synchronously (the pool thread's body; public for tests).
    static QList<Diagnostic> check(const SchemaContext *context, const QString &text);

signals:
    void checked(int errorCount);

private:
    void start();

    QueryEditor *m_editor = nullptr;
    QTimer *m_debounce = nullptr;
    std::shared_ptr<const SchemaContext> m_context;
    QList<Diagnostic> m_diagnostics;
    int m_generation = 0;
    bool m_running = false;
    bool m_dirty = false;
};

} // namespace refract::ui
