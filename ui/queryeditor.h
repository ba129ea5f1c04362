#pragma once

#include <Qsci/qsciscintilla.h>

#include <QKeySequence>
#include <QList>

namespace refract::ui {

class GraphQLLexer;

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

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateMarginWidth();

    GraphQLLexer *m_lexer = nullptr;
};

} // namespace refract::ui
