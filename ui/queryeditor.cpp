#include "queryeditor.h"

#include "documentchecker.h"
#include "graphqllexer.h"
#include "theme.h"

#include <Qsci/qscicommand.h>
#include <Qsci/qscicommandset.h>

#include <QApplication>
#include <QEvent>
#include <QFontDatabase>
#include <QToolTip>

namespace refract::ui {

namespace {
// Indicator 8 and up are free for containers (Scintilla's lexers use the lower ones).
constexpr int ErrorIndicator = 8;
constexpr int ErrorMarker = 1;
constexpr int DwellMs = 400;
} // namespace

QueryEditor::QueryEditor(QWidget *parent)
    : QsciScintilla(parent)
    , m_lexer(new GraphQLLexer(this))
{
    setUtf8(true);
    setLexer(m_lexer);
    setMarginType(0, QsciScintilla::NumberMargin);
    setMarginLineNumbers(0, true);
    setMarginsFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
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

    // Problems: a red squiggle under the token, a dot in margin 1, the message on hover.
    indicatorDefine(QsciScintilla::SquiggleIndicator, ErrorIndicator);
    setIndicatorForegroundColor(QColor(0xe0, 0x3e, 0x3e), ErrorIndicator);
    setIndicatorDrawUnder(true, ErrorIndicator);
    markerDefine(QsciScintilla::Circle, ErrorMarker);
    setMarkerBackgroundColor(QColor(0xe0, 0x3e, 0x3e), ErrorMarker);
    setMarkerForegroundColor(QColor(0xe0, 0x3e, 0x3e), ErrorMarker);
    setMarginType(1, QsciScintilla::SymbolMargin);
    setMarginMarkerMask(1, 1 << ErrorMarker);
    setMarginWidth(1, 14);
    SendScintilla(SCI_SETMOUSEDWELLTIME, DwellMs);
    connect(this, &QsciScintillaBase::SCN_DWELLSTART, this, &QueryEditor::showDiagnosticTip);
    connect(this, &QsciScintillaBase::SCN_DWELLEND, this, [] { QToolTip::hideText(); });
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

void QueryEditor::setDiagnostics(const QList<Diagnostic> &diagnostics)
{
    const long length = SendScintilla(SCI_GETLENGTH);
    SendScintilla(SCI_SETINDICATORCURRENT, ErrorIndicator);
    SendScintilla(SCI_INDICATORCLEARRANGE, 0UL, length);
    markerDeleteAll(ErrorMarker);
    m_diagnosticRanges.clear();
    for (const Diagnostic &d : diagnostics) {
        // The document may have changed since it was checked: keep ranges inside it.
        const long start = qBound(0L, long(d.startByte), length);
        const long end = qBound(start, long(d.endByte), length);
        m_diagnosticRanges.append({start, end, d.message});
        if (end > start)
            SendScintilla(SCI_INDICATORFILLRANGE, ulong(start), end - start);
        markerAdd(int(SendScintilla(SCI_LINEFROMPOSITION, ulong(start))), ErrorMarker);
    }
}

QString QueryEditor::diagnosticsAt(long position) const
{
    QStringList messages;
    for (const Range &r : m_diagnosticRanges)
        if (position >= r.start && position <= r.end && !messages.contains(r.message))
            messages.append(r.message);
    if (messages.isEmpty()) {
        // Hovering the margin marker: every message of that line.
        const long line = SendScintilla(SCI_LINEFROMPOSITION, ulong(position));
        for (const Range &r : m_diagnosticRanges)
            if (SendScintilla(SCI_LINEFROMPOSITION, ulong(r.start)) == line && !messages.contains(r.message))
                messages.append(r.message);
    }
    return messages.join(QLatin1Char('\n'));
}

void QueryEditor::showDiagnosticTip(int position, int x, int y)
{
    if (position < 0)
        position = int(SendScintilla(SCI_POSITIONFROMPOINT, ulong(qMax(0, x)), long(y)));
    const QString text = diagnosticsAt(position);
    if (!text.isEmpty())
        QToolTip::showText(viewport()->mapToGlobal(QPoint(x, y)), text, viewport());
}

void QueryEditor::goTo(int line, int column)
{
    const int l = qBound(0, line - 1, qMax(0, lines() - 1));
    // Columns count UTF-16 units; QScintilla's index counts characters: the same outside the astral planes.
    const int index = qBound(0, column - 1, qMax(0, int(this->text(l).size())));
    setCursorPosition(l, index);
    ensureLineVisible(l);
    setFocus();
}

qsizetype QueryEditor::cursorOffset() const
{
    const long bytePos = SendScintilla(SCI_GETCURRENTPOS);
    // The byte prefix's UTF-16 length: decode only what precedes the cursor.
    QByteArray prefix(qsizetype(bytePos) + 1, '\0'); // Scintilla writes a terminating NUL
    SendScintilla(SCI_GETTEXTRANGE, 0L, bytePos, prefix.data());
    prefix.chop(1);
    return QString::fromUtf8(prefix).size();
}

} // namespace refract::ui
