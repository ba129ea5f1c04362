#include "queryeditor.h"

#include "graphqllexer.h"
#include "theme.h"

#include <Qsci/qscicommand.h>
#include <Qsci/qscicommandset.h>

#include <QApplication>
#include <QEvent>
#include <QFontDatabase>

namespace refract::ui {

QueryEditor::QueryEditor(QWidget *parent)
    : QsciScintilla(parent)
    , m_lexer(new GraphQLLexer(this))
{
    setUtf8(true);
    setLexer(m_lexer);
    setMarginType(0, QsciScintilla::NumberMargin);
    setMarginLineNumbers(0, true);
    setMarginsFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setMarginWidth(1, 0);
    setBraceMatching(QsciScintilla::SloppyBraceMatch);
    setAutoIndent(true);
    setIndentationsUseTabs(false);
    setTabWidth(2);
    setIndentationWidth(2);
    setCaretLineVisible(true);
    setEolMode(QsciScintilla::EolUnix);
    setWrapMode(QsciScintilla::WrapNone);
    setScrollWidthTracking(true);
    setScrollWidth(1);
    updateMarginWidth();
    connect(this, &QsciScintilla::linesChanged, this, &QueryEditor::updateMarginWidth);
    applyTheme();
}

void QueryEditor::updateMarginWidth()
{
    // Room for one digit more than the line count needs, so that the margin does not jump at 10, 100…
    const QString digits = QString(QString::number(lines()).size() + 1, QLatin1Char('9'));
    setMarginWidth(0, digits);
}

bool QueryEditor::find(const QString &text, bool forward, bool caseSensitive)
{
    if (text.isEmpty())
        return false;
    int line = 0;
    int index = 0;
    getCursorPosition(&line, &index);
    if (!forward && hasSelectedText()) {
        // findFirst searches backwards from the given position; start before the current match.
        int l1 = 0, i1 = 0, l2 = 0, i2 = 0;
        getSelection(&l1, &i1, &l2, &i2);
        line = l1;
        index = i1;
    }
    return findFirst(text, false, caseSensitive, false, true, forward, line, index);
}

void QueryEditor::releaseKeys(const QList<QKeySequence> &keys)
{
    for (const QKeySequence &seq : keys) {
        if (seq.count() != 1)
            continue;
        const int key = seq[0].toCombined();
        while (QsciCommand *cmd = standardCommands()->boundTo(key)) {
            if (cmd->key() == key)
                cmd->setKey(0);
            else
                cmd->setAlternateKey(0);
        }
    }
}

void QueryEditor::changeEvent(QEvent *event)
{
    QsciScintilla::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        applyTheme();
}

void QueryEditor::applyTheme()
{
    // The application palette, not ours: setPaper() gives this widget its own Base colour.
    const QPalette p = QApplication::palette();
    const bool dark = Theme::isDark(p);
    m_lexer->setDark(dark);
    const QColor paper = m_lexer->defaultPaper(GraphQLLexer::Default);
    setPaper(paper);
    setColor(m_lexer->defaultColor(GraphQLLexer::Default));
    setMarginsBackgroundColor(p.color(QPalette::Window));
    setMarginsForegroundColor(p.color(QPalette::Disabled, QPalette::WindowText));
    setCaretForegroundColor(p.color(QPalette::Text));
    setCaretLineBackgroundColor(dark ? QColor(0x2a, 0x2c, 0x30) : QColor(0xf3, 0xf6, 0xfa));
    setSelectionBackgroundColor(dark ? QColor(0x26, 0x4f, 0x78) : QColor(0xb4, 0xd5, 0xfe));
    setSelectionForegroundColor(p.color(QPalette::Text));
    setMatchedBraceBackgroundColor(dark ? QColor(0x3b, 0x51, 0x4d) : QColor(0xd4, 0xf0, 0xe0));
    setMatchedBraceForegroundColor(p.color(QPalette::Text));
    setUnmatchedBraceForegroundColor(QColor(0xe0, 0x3e, 0x3e));
    setUnmatchedBraceBackgroundColor(paper);
}

} // namespace refract::ui
