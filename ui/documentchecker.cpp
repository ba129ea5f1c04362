#include "documentchecker.h"

#include "queryeditor.h"
#include "schemacontext.h"

#include <graphql/parser.h>
#include <graphql/validator.h>

#include <QFutureWatcher>
#include <QPointer>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace refract::ui {

namespace {

constexpr int DebounceMs = 250;

bool isNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_');
}

/// Maps 1-based line/column (UTF-16) to the UTF-8 byte range of the token there, so that the
/// squiggle covers the whole name an error is about.
class Locator
{
public:
    explicit Locator(const QString &text)
        : m_text(text)
    {
        m_lineStarts.append(0);
        for (qsizetype i = 0; i < text.size(); ++i) {
            const QChar c = text.at(i);
            if (c == QLatin1Char('\n') || (c == QLatin1Char('\r') && (i + 1 >= text.size() || text.at(i + 1) != QLatin1Char('\n'))))
                m_lineStarts.append(i + 1);
        }
    }

    Diagnostic make(int line, int column, const QString &message) const
    {
        Diagnostic d;
        d.line = line;
        d.column = column;
        d.message = message;
        const qsizetype lineStart = m_lineStarts.value(qBound(0, line - 1, int(m_lineStarts.size()) - 1));
        qsizetype start = qBound<qsizetype>(0, lineStart + qMax(0, column - 1), m_text.size());
        qsizetype end = start;
        // `$name`, `@name`, `...` and names: underline the whole token; else one character.
        if (end < m_text.size() && (m_text.at(end) == QLatin1Char('$') || m_text.at(end) == QLatin1Char('@')))
            ++end;
        while (end < m_text.size() && isNameChar(m_text.at(end)))
            ++end;
        if (end == start && m_text.mid(start, 3) == QLatin1String("..."))
            end += 3;
        if (end == start) {
            if (start < m_text.size() && m_text.at(start) != QLatin1Char('\n'))
                ++end;
            else if (start > 0) // at the end of a line or the document: mark the character before
                --start;
        }
        d.startByte = byteOffset(start);
        d.endByte = byteOffset(end);
        return d;
    }

private:
    qsizetype byteOffset(qsizetype utf16) const
    {
        // Cheap for ASCII documents; exact for the others.
        qsizetype bytes = 0;
        for (qsizetype i = 0; i < utf16; ++i) {
            const char16_t c = m_text.at(i).unicode();
            if (c < 0x80)
                bytes += 1;
            else if (c < 0x800)
                bytes += 2;
            else if (QChar::isHighSurrogate(c))
                bytes += 2; // with its low surrogate: 4 bytes in all
            else if (QChar::isLowSurrogate(c))
                bytes += 2;
            else
                bytes += 3;
        }
        return bytes;
    }

    const QString &m_text;
    QList<qsizetype> m_lineStarts;
};

} // namespace

DocumentChecker::DocumentChecker(QueryEditor *editor)
    : QObject(editor)
    , m_editor(editor)
    , m_debounce(new QTimer(this))
{
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(DebounceMs);
    connect(m_debounce, &QTimer::timeout, this, &DocumentChecker::start);
    connect(editor, &QsciScintilla::textChanged, m_debounce, qOverload<>(&QTimer::start));
}

DocumentChecker::~DocumentChecker() = default;

void DocumentChecker::setSchemaContext(std::shared_ptr<const SchemaContext> context)
{
    m_context = std::move(context);
    checkNow();
}

void DocumentChecker::checkNow()
{
    m_debounce->stop();
    start();
}

bool DocumentChecker::isPending() const { return m_running || m_dirty || m_debounce->isActive(); }

void DocumentChecker::start()
{
    if (m_running) {
        m_dirty = true; // one more check when the running one ends
        return;
    }
    m_dirty = false;
    m_running = true;
    const int generation = ++m_generation;
    auto *watcher = new QFutureWatcher<QList<Diagnostic>>(this);
    connect(watcher, &QFutureWatcher<QList<Diagnostic>>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        m_running = false;
        if (m_dirty || m_debounce->isActive()) {
            if (m_dirty)
                start();
            return; // the text changed meanwhile: this answer is stale
        }
        if (generation != m_generation)
            return;
        m_diagnostics = watcher->result();
        m_editor->setDiagnostics(m_diagnostics);
        emit checked(int(m_diagnostics.size()));
    });
    // The context is shared, immutable and kept alive by the lambda while the pool thread works.
    watcher->setFuture(QtConcurrent::run([context = m_context, text = m_editor->text()] {
        return check(context.get(), text);
    }));
}

QList<Diagnostic> DocumentChecker::check(const SchemaContext *context, const QString &text)
{
    QList<Diagnostic> out;
    if (text.trimmed().isEmpty())
        return out;
    const Locator locator(text);
    const graphql::ParseResult parsed = graphql::parse(text);
    if (!parsed.document) {
        const graphql::GraphQLError &e = *parsed.error;
        const graphql::SourceLocation at = e.locations.value(0, graphql::SourceLocation{1, 1});
        out.append(locator.make(at.line, at.column, e.message));
        return out;
    }
    if (!context)
        return out;
    graphql::ValidationOptions options;
    options.maxErrors = 50;
    const QList<graphql::GraphQLError> errors = context->validator().validate(*parsed.document, options);
    for (const graphql::GraphQLError &e : errors) {
        if (e.locations.isEmpty()) {
            out.append(locator.make(1, 1, e.message));
            continue;
        }
        for (const graphql::SourceLocation &at : e.locations)
            out.append(locator.make(at.line, at.column, e.message));
    }
    return out;
}

} // namespace refract::ui
