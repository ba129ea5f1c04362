#pragma once

#include <Qsci/qscilexercustom.h>

#include <QByteArrayView>

#include <vector>

namespace refract::ui {

/// Syntax highlighting for GraphQL documents (operations and SDL) in QScintilla.
///
/// Styles lines incrementally: each line's end state (brace depth, inside a block string) is kept
/// in Scintilla's line state, so an edit restyles from its own line and only runs on while the
/// state it hands to the next line changes. The tokenizer is a small one of our own that only
/// needs to colour text, including text that does not parse; it never validates.
class GraphQLLexer : public QsciLexerCustom
{
    Q_OBJECT
public:
    enum Style {
        Default = 0,
        Comment,
        Keyword,
        Name,
        TypeName,
        Variable,
        Directive,
        String,
        BlockString,
        Number,
        Punctuation,
        StyleCount
    };

    /// A run of bytes (UTF-8 offsets within one line) drawn in one style.
    struct Run
    {
        int start = 0;
        int length = 0;
        int style = Default;
    };

    explicit GraphQLLexer(QObject *parent = nullptr);

    const char *language() const override;
    QString description(int style) const override;
    void styleText(int start, int end) override;
    const char *wordCharacters() const override;
    QColor defaultColor(int style) const override;
    QColor defaultPaper(int style) const override;
    QFont defaultFont(int style) const override;

    /// Switches the colours between the light and the dark theme.
    void setDark(bool dark);
    bool isDark() const { return m_dark; }

    /// Highlights one line (with its line break) starting in `state`; appends runs and returns the
    /// state at the end of the line. Public so that tests can check the tokenizer without an editor.
    static quint32 highlightLine(QByteArrayView line, quint32 state, std::vector<Run> *runs);

private:
    void applyColors();

    bool m_dark = false;
};

} // namespace refract::ui
