#pragma once

#include <Qsci/qsciscintilla.h>

#include <QKeySequence>
#include <QList>
#include <QString>

namespace refract::ui {

class GraphQLLexer;
struct Diagnostic;

/// The GraphQL text editor: QScintilla with our lexer, line numbers and brace matching, in the
/// colours of the current theme.
class QueryEditor : public QsciScintilla
{
    Q_OBJECT
public:
    explicit QueryEditor(QWidget *parent = nullptr);

    GraphQLLexer *graphqlLexer() const { return m_lexer; }

    /// Finds `text` from the cursor (wrapping around); returns false when it does not occur.
    bool find(const QString &text, bool forward = true, bool caseSensitive = false);

    /// Unbinds QScintilla's own key commands that would swallow these window shortcuts
    /// (QScintilla claims every key it has a command for, e.g. Ctrl+T "transpose lines").
    void releaseKeys(const QList<QKeySequence> &keys);

    /// Takes the colours of the application palette (the window calls it when the theme changes).
    void applyTheme();

    /// Underlines these problems (squiggles, a margin marker per line); hovering shows the message.
    void setDiagnostics(const QList<Diagnostic> &diagnostics);
    /// The messages of the diagnostics covering a byte position, one per line (empty: none).
    QString diagnosticsAt(long position) const;
    int diagnosticCount() const { return int(m_diagnosticRanges.size()); }

    /// Moves the cursor to a 1-based line and column (UTF-16 units, as GraphQL errors count) and
    /// gives the editor the focus.
    void goTo(int line, int column);
    /// The cursor as a UTF-16 offset into text().
    qsizetype cursorOffset() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateMarginWidth();
    void showDiagnosticTip(int position, int x, int y);

    struct Range
    {
        long start = 0;
        long end = 0;
        QString message;
    };
    GraphQLLexer *m_lexer = nullptr;
    QList<Range> m_diagnosticRanges;
};

} // namespace refract::ui
