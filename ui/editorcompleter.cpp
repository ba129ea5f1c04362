#include "editorcompleter.h"

#include "queryeditor.h"
#include "schemacontext.h"

#include <graphql/completion.h>
#include <graphql/positioncontext.h>

#include <QAction>
#include <QElapsedTimer>

namespace refract::ui {

namespace {
constexpr int ListId = 7;
constexpr int MaxShown = 300;
constexpr char Separator = '\x1e'; // never in a GraphQL name, so labels may hold spaces
}

/// The proposals behind the list on screen and where they go.
struct EditorCompleter::State
{
    QList<graphql::CompletionItem> shown;
    qsizetype replaceStart = 0;
    qsizetype replaceEnd = 0;
};

EditorCompleter::EditorCompleter(QueryEditor *editor)
    : QObject(editor)
    , m_editor(editor)
    , m_state(std::make_unique<State>())
{
    editor->SendScintilla(QsciScintillaBase::SCI_AUTOCSETSEPARATOR, long(Separator));
    editor->SendScintilla(QsciScintillaBase::SCI_AUTOCSETORDER, long(QsciScintillaBase::SC_ORDER_CUSTOM));
    editor->SendScintilla(QsciScintillaBase::SCI_AUTOCSETIGNORECASE, 1L);
    editor->SendScintilla(QsciScintillaBase::SCI_AUTOCSETMAXHEIGHT, 12L);
    editor->SendScintilla(QsciScintillaBase::SCI_AUTOCSETMAXWIDTH, 0L);
    connect(editor, &QsciScintillaBase::SCN_CHARADDED, this, &EditorCompleter::onCharAdded);
    connect(editor, &QsciScintilla::userListActivated, this, [this](int id, const QString &text) {
        if (id == ListId)
            accept(text);
    });
    auto *explicitly = new QAction(editor);
    explicitly->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Space));
    explicitly->setShortcutContext(Qt::WidgetShortcut);
    editor->addAction(explicitly);
    connect(explicitly, &QAction::triggered, this, [this] { complete(true); });
}

EditorCompleter::~EditorCompleter() = default;

void EditorCompleter::setSchemaContext(std::shared_ptr<const SchemaContext> context) { m_context = std::move(context); }

bool EditorCompleter::isActive() const { return m_editor->isListActive(); }

void EditorCompleter::onCharAdded(int ch)
{
    const bool nameChar = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_';
    if (nameChar || ch == '$' || ch == '@') {
        complete(false);
        return;
    }
    if (ch == '.') {
        // `...`: fragment names and `on`.
        const long pos = m_editor->SendScintilla(QsciScintillaBase::SCI_GETCURRENTPOS);
        if (pos >= 3 && m_editor->SendScintilla(QsciScintillaBase::SCI_GETCHARAT, ulong(pos - 2)) == '.'
            && m_editor->SendScintilla(QsciScintillaBase::SCI_GETCHARAT, ulong(pos - 3)) == '.')
            complete(false);
        return;
    }
    if (isActive())
        m_editor->cancelList();
}

int EditorCompleter::complete(bool explicitly)
{
    QElapsedTimer timer;
    timer.start();
    m_labels.clear();
    m_state->shown.clear();
    if (!m_context) {
        m_editor->cancelList();
        return 0;
    }
    const graphql::Schema &schema = m_context->schema();
    const QString text = m_editor->text();
    const qsizetype offset = m_editor->cursorOffset();
    const graphql::CompletionContext c = graphql::positionContext(schema, text, offset);
    QList<graphql::CompletionItem> items = graphql::completionItems(schema, c);
    // Typing a number or inside a string: only when asked for.
    if (items.isEmpty() || (!explicitly && c.inString)) {
        m_editor->cancelList();
        m_lastCostMs = timer.elapsed();
        return 0;
    }
    const QString prefix = c.prefix.startsWith(QLatin1Char('$')) ? c.prefix.mid(1) : c.prefix;
    QList<graphql::CompletionItem> starts, contains;
    for (graphql::CompletionItem &item : items) {
        QString label = item.label;
        if (label.startsWith(QLatin1Char('$')))
            label.remove(0, 1);
        if (prefix.isEmpty() || label.startsWith(prefix, Qt::CaseInsensitive))
            starts.append(std::move(item));
        else if (label.contains(prefix, Qt::CaseInsensitive))
            contains.append(std::move(item));
    }
    // Deprecated ones last within each group, so the list opens on something current.
    auto byDeprecation = [](const graphql::CompletionItem &a, const graphql::CompletionItem &b) {
        return !a.deprecated && b.deprecated;
    };
    std::stable_sort(starts.begin(), starts.end(), byDeprecation);
    std::stable_sort(contains.begin(), contains.end(), byDeprecation);
    starts += contains;
    if (starts.size() > MaxShown)
        starts.resize(MaxShown);
    // Nothing left, or the only proposal is what is already typed: no list.
    if (starts.isEmpty() || (!explicitly && starts.size() == 1 && starts.first().insertText == prefix)) {
        m_editor->cancelList();
        m_lastCostMs = timer.elapsed();
        return 0;
    }
    m_state->shown = starts;
    m_state->replaceStart = c.replaceStart;
    m_state->replaceEnd = c.replaceEnd;
    for (const graphql::CompletionItem &item : std::as_const(m_state->shown))
        m_labels.append(item.label);
    m_editor->showUserList(ListId, m_labels);
    m_lastCostMs = timer.elapsed();
    return int(m_labels.size());
}

bool EditorCompleter::accept(const QString &label)
{
    for (const graphql::CompletionItem &item : std::as_const(m_state->shown)) {
        if (item.label != label)
            continue;
        const QString text = m_editor->text();
        auto bytes = [&](qsizetype utf16) { return long(QStringView(text).left(qBound<qsizetype>(0, utf16, text.size())).toUtf8().size()); };
        const long start = bytes(m_state->replaceStart);
        const long end = qMax(start, bytes(m_state->replaceEnd));
        m_editor->cancelList();
        m_editor->SendScintilla(QsciScintillaBase::SCI_SETSEL, ulong(start), end);
        m_editor->replaceSelectedText(item.insertText);
        m_state->shown.clear();
        m_labels.clear();
        return true;
    }
    return false;
}

} // namespace refract::ui
