#pragma once

#include <QObject>
#include <QStringList>

#include <memory>

namespace refract::graphql {
struct CompletionItem;
}

namespace refract::ui {

class QueryEditor;
class SchemaContext;

/// Schema-aware completion in the editor: fields, arguments, input fields, enum values, variables,
/// directives, fragment names, type conditions and keywords from the GraphQL core's position
/// context. Opens as the user types a name, `$`, `@` or `...`, and on Ctrl+Space; each keystroke
/// recomputes the list from the text (a few milliseconds even on a 1,000-table schema), filtered
/// by the typed prefix: prefix matches first, then names that contain it.
class EditorCompleter : public QObject
{
    Q_OBJECT
public:
    explicit EditorCompleter(QueryEditor *editor);
    ~EditorCompleter() override;

    void setSchemaContext(std::shared_ptr<const SchemaContext> context);

    /// Computes the proposals at the cursor and shows them; returns how many there are.
    int complete(bool explicitly = true);
    /// The labels last shown (tests, screenshots).
    QStringList proposals() const { return m_labels; }
    bool isActive() const;
    /// Inserts the proposal with this label as if the user picked it.
    bool accept(const QString &label);
    /// Milliseconds the last complete() took on the UI thread.
    qint64 lastCostMs() const { return m_lastCostMs; }

private:
    void onCharAdded(int ch);

    QueryEditor *m_editor = nullptr;
    std::shared_ptr<const SchemaContext> m_context;
    struct State;
    std::unique_ptr<State> m_state;
    QStringList m_labels;
    qint64 m_lastCostMs = 0;
};

} // namespace refract::ui
