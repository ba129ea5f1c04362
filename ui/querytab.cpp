#include "querytab.h"

#include "documentchecker.h"
#include "editorcompleter.h"
#include "queryeditor.h"
#include "resultsview.h"
#include "theme.h"

#include <QAction>
#include <QDataStream>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QIODevice>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace refract::ui {

namespace {
constexpr quint32 SplitterStateVersion = 1;
}

QueryTab::QueryTab(QWidget *parent)
    : QWidget(parent)
    , m_editor(new QueryEditor(this))
    , m_checker(new DocumentChecker(m_editor))
    , m_completer(new EditorCompleter(m_editor))
    , m_results(new ResultsView(this))
    , m_variables(new QPlainTextEdit(this))
    , m_headers(new QPlainTextEdit(this))
    , m_vertical(new QSplitter(Qt::Vertical, this))
    , m_horizontal(new QSplitter(Qt::Horizontal, this))
{
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_variables->setObjectName(QStringLiteral("variablesEdit"));
    m_variables->setFont(mono);
    m_variables->setPlaceholderText(tr("{ \"id\": 1 }"));
    m_headers->setObjectName(QStringLiteral("headersEdit"));
    m_headers->setFont(mono);
    m_headers->setPlaceholderText(tr("Authorization: Bearer …"));

    auto *paramTabs = new QTabWidget(this);
    paramTabs->setDocumentMode(true);
    paramTabs->addTab(m_variables, tr("Variables"));
    paramTabs->addTab(m_headers, tr("Headers"));

    // The find bar sits above the editor and appears with Ctrl+F, as in most editors.
    m_findBar = new QWidget(this);
    m_findEdit = new QLineEdit(m_findBar);
    m_findEdit->setObjectName(QStringLiteral("findEdit"));
    m_findEdit->setPlaceholderText(tr("Find"));
    m_findEdit->setClearButtonEnabled(true);
    auto *prev = new QToolButton(m_findBar);
    prev->setArrowType(Qt::UpArrow);
    prev->setToolTip(tr("Previous match (Shift+Enter)"));
    auto *next = new QToolButton(m_findBar);
    next->setArrowType(Qt::DownArrow);
    next->setToolTip(tr("Next match (Enter)"));
    auto *close = new QToolButton(m_findBar);
    close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    close->setToolTip(tr("Close (Esc)"));
    close->setAutoRaise(true);
    auto *findLayout = new QHBoxLayout(m_findBar);
    findLayout->setContentsMargins(4, 2, 4, 2);
    findLayout->addWidget(new QLabel(tr("Find:"), m_findBar));
    findLayout->addWidget(m_findEdit, 1);
    findLayout->addWidget(prev);
    findLayout->addWidget(next);
    findLayout->addWidget(close);
    m_findBar->hide();
    connect(m_findEdit, &QLineEdit::returnPressed, this, [this] { findAgain(true); });
    connect(m_findEdit, &QLineEdit::textEdited, this, [this] { findAgain(true); });
    connect(prev, &QToolButton::clicked, this, [this] { findAgain(false); });
    connect(next, &QToolButton::clicked, this, [this] { findAgain(true); });
    connect(close, &QToolButton::clicked, this, &QueryTab::hideFindBar);
    auto *escape = new QAction(m_findBar);
    escape->setShortcut(QKeySequence(Qt::Key_Escape));
    escape->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_findBar->addAction(escape);
    connect(escape, &QAction::triggered, this, &QueryTab::hideFindBar);
    auto *previousMatch = new QAction(m_findBar);
    previousMatch->setShortcuts({QKeySequence(Qt::SHIFT | Qt::Key_Return), QKeySequence(Qt::SHIFT | Qt::Key_Enter)});
    previousMatch->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_findBar->addAction(previousMatch);
    connect(previousMatch, &QAction::triggered, this, [this] { findAgain(false); });

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->setSpacing(0);
    topLayout->addWidget(m_findBar);
    topLayout->addWidget(m_editor);

    m_horizontal->addWidget(paramTabs);
    m_horizontal->addWidget(m_results);
    m_horizontal->setStretchFactor(0, 1);
    m_horizontal->setStretchFactor(1, 2);
    m_horizontal->setChildrenCollapsible(false);
    m_vertical->addWidget(top);
    m_vertical->addWidget(m_horizontal);
    m_vertical->setStretchFactor(0, 3);
    m_vertical->setStretchFactor(1, 2);
    m_vertical->setChildrenCollapsible(false);
    connect(m_vertical, &QSplitter::splitterMoved, this, &QueryTab::splitterMoved);
    connect(m_horizontal, &QSplitter::splitterMoved, this, &QueryTab::splitterMoved);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_vertical);

    // An error in the results takes the cursor to its place in the document that ran.
    connect(m_results, &ResultsView::errorLocationActivated, m_editor, &QueryEditor::goTo);
}

void QueryTab::setSchemaContext(std::shared_ptr<const SchemaContext> context)
{
    m_completer->setSchemaContext(context);
    m_checker->setSchemaContext(std::move(context));
}

QByteArray QueryTab::saveSplitterState() const
{
    QByteArray out;
    QDataStream s(&out, QIODevice::WriteOnly);
    s << SplitterStateVersion << m_vertical->saveState() << m_horizontal->saveState();
    return out;
}

bool QueryTab::restoreSplitterState(const QByteArray &state)
{
    QDataStream s(state);
    quint32 version = 0;
    QByteArray vertical, horizontal;
    s >> version >> vertical >> horizontal;
    if (s.status() != QDataStream::Ok || version != SplitterStateVersion)
        return false;
    return m_vertical->restoreState(vertical) && m_horizontal->restoreState(horizontal);
}

void QueryTab::showFindBar()
{
    if (m_editor->hasSelectedText() && !m_editor->selectedText().contains(QLatin1Char('\n')))
        m_findEdit->setText(m_editor->selectedText());
    m_findBar->show();
    m_findEdit->setFocus();
    m_findEdit->selectAll();
}

void QueryTab::hideFindBar()
{
    m_findBar->hide();
    m_editor->setFocus();
}

bool QueryTab::isFindBarVisible() const { return m_findBar->isVisible(); }

void QueryTab::findAgain(bool forward)
{
    const bool found = m_editor->find(m_findEdit->text(), forward);
    // A red-tinted field says "no match" without a dialog.
    if (found || m_findEdit->text().isEmpty()) {
        m_findEdit->setPalette(QPalette()); // back to the inherited (theme) palette
        return;
    }
    QPalette p = palette();
    p.setColor(QPalette::Base, Theme::isDark(p) ? QColor(0x5c, 0x2b, 0x2e) : QColor(0xfd, 0xe2, 0xe4));
    m_findEdit->setPalette(p);
}

void QueryTab::setIdentityKey(const QString &key)
{
    if (key == m_identityKey)
        return;
    m_identityKey = key;
    emit runSettingsChanged();
}

void QueryTab::setDryRun(bool dryRun)
{
    if (dryRun == m_dryRun)
        return;
    m_dryRun = dryRun;
    emit runSettingsChanged();
}

} // namespace refract::ui
