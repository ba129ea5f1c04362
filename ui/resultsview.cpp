#include "resultsview.h"

#include "jsonindex.h"
#include "jsontablemodel.h"
#include "jsontreemodel.h"

#include <QElapsedTimer>
#include <QFontDatabase>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPointer>
#include <QTabWidget>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace refract::ui {

namespace {

// Responses up to this size are indexed on the UI thread (well under a millisecond per 100 KB).
constexpr qsizetype SyncLimit = 256 * 1024;
// The raw view shows at most this much text: a text widget with 100 MB of lines is not smooth.
constexpr qsizetype RawLimit = 4 * 1024 * 1024;
constexpr int LineRole = Qt::UserRole + 1;
constexpr int ColumnRole = Qt::UserRole + 2;

struct Prepared
{
    std::shared_ptr<const JsonIndex> index;
    QByteArray pretty;
    QString error;
    qint64 ms = 0;
};

Prepared prepare(const QByteArray &json)
{
    QElapsedTimer t;
    t.start();
    Prepared p;
    p.index = JsonIndex::build(json, &p.error);
    p.pretty = p.index ? ResultsView::prettyJson(json, RawLimit) : json.left(RawLimit);
    p.ms = t.elapsed();
    return p;
}

QString humanSize(qsizetype bytes)
{
    if (bytes < 10 * 1024)
        return ResultsView::tr("%1 bytes").arg(bytes);
    if (bytes < 10 * 1024 * 1024)
        return ResultsView::tr("%1 KB").arg(bytes / 1024);
    return ResultsView::tr("%1 MB").arg(double(bytes) / (1024 * 1024), 0, 'f', 1);
}

} // namespace

ResultsView::ResultsView(QWidget *parent)
    : QWidget(parent)
    , m_tabs(new QTabWidget(this))
    , m_tree(new QTreeView(this))
    , m_treeModel(new JsonTreeModel(this))
    , m_raw(new QPlainTextEdit(this))
    , m_table(new QTableView(this))
    , m_tableModel(new JsonTableModel(this))
    , m_sql(new QPlainTextEdit(this))
    , m_errors(new QListWidget(this))
    , m_warning(new QLabel(this))
    , m_status(new QLabel(this))
{
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_tree->setObjectName(QStringLiteral("resultTree"));
    m_tree->setModel(m_treeModel);
    m_tree->setUniformRowHeights(true); // constant-time scrolling over huge lists
    m_tree->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_tree->header()->resizeSection(0, 200);
    m_tree->header()->resizeSection(1, 260);
    m_raw->setObjectName(QStringLiteral("resultRaw"));
    m_raw->setReadOnly(true);
    m_raw->setFont(mono);
    m_raw->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_table->setObjectName(QStringLiteral("resultTable"));
    m_table->setModel(m_tableModel);
    m_table->setAlternatingRowColors(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setDefaultSectionSize(140);
    m_sql->setObjectName(QStringLiteral("resultSql"));
    m_sql->setReadOnly(true);
    m_sql->setFont(mono);
    m_sql->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_sql->setPlaceholderText(tr("The SQL of each root field and its plan appear here after a run against PostgreSQL."));

    m_tabs->setObjectName(QStringLiteral("resultTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_tree, tr("Tree"));
    m_tabs->addTab(m_raw, tr("Raw JSON"));
    m_tabs->addTab(m_table, tr("Table"));
    m_tabs->addTab(m_sql, tr("SQL"));

    m_errors->setObjectName(QStringLiteral("resultErrors"));
    m_errors->setMaximumHeight(90);
    m_errors->setToolTip(tr("Click an error to go to its place in the editor"));
    m_errors->hide();
    auto activate = [this](QListWidgetItem *item) {
        if (item && item->data(LineRole).toInt() > 0)
            emit errorLocationActivated(item->data(LineRole).toInt(), item->data(ColumnRole).toInt());
    };
    connect(m_errors, &QListWidget::itemClicked, this, activate);
    connect(m_errors, &QListWidget::itemActivated, this, activate);

    m_warning->setObjectName(QStringLiteral("resultWarning"));
    m_warning->setWordWrap(true);
    m_warning->setContentsMargins(6, 3, 6, 3);
    m_warning->setStyleSheet(QStringLiteral("QLabel { background: #8a4b00; color: white; font-weight: bold; }"));
    m_warning->hide();
    m_status->setObjectName(QStringLiteral("resultStatus"));
    m_status->setContentsMargins(6, 2, 6, 2);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_warning);
    layout->addWidget(m_errors);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_status);
    showMessage(tr("Run a query with Ctrl+Enter to see its result here."));
}

ResultsView::~ResultsView() = default;

void ResultsView::showMessage(const QString &text)
{
    ++m_generation;
    m_loading = 0;
    m_treeModel->setIndex(nullptr);
    m_tableModel->setIndex(nullptr);
    m_raw->clear();
    m_sql->clear();
    m_errors->clear();
    m_errors->hide();
    setWarning(QString());
    m_status->setText(text);
}

void ResultsView::setSqlText(const QString &text) { m_sql->setPlainText(text); }

void ResultsView::setWarning(const QString &text)
{
    m_warning->setText(text);
    m_warning->setVisible(!text.isEmpty());
}

void ResultsView::showJson(const QByteArray &json, const QString &note)
{
    const int generation = ++m_generation;
    m_errors->clear();
    m_errors->hide();
    if (json.size() <= SyncLimit) {
        m_loading = 0;
        const Prepared p = prepare(json);
        apply(p.index, p.pretty, p.error, note, json.size(), p.ms);
        return;
    }
    // Large: index and indent on a pool thread; the old result stays until the new one is ready.
    m_loading = 1;
    m_status->setText(tr("Reading a %1 response…").arg(humanSize(json.size())));
    auto *watcher = new QFutureWatcher<Prepared>(this);
    const qsizetype size = json.size();
    connect(watcher, &QFutureWatcher<Prepared>::finished, this, [this, watcher, generation, note, size] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        m_loading = 0;
        const Prepared p = watcher->result();
        apply(p.index, p.pretty, p.error, note, size, p.ms);
    });
    watcher->setFuture(QtConcurrent::run(prepare, json));
}

void ResultsView::apply(std::shared_ptr<const JsonIndex> index, const QByteArray &pretty, const QString &error,
                        const QString &note, qsizetype size, qint64 indexMs)
{
    QString rawText = QString::fromUtf8(pretty);
    if (size > pretty.size() && index)
        rawText += tr("\n… (the first %1 of %2 shown; the tree and table hold all of it)")
                       .arg(humanSize(RawLimit), humanSize(size));
    m_raw->setPlainText(rawText);
    m_treeModel->setIndex(index);
    m_tableModel->setIndex(index);
    const QString sizeText = tr("Response size: %1").arg(humanSize(size));
    if (!index) {
        m_status->setText(tr("The response is not JSON: %1").arg(error) + (note.isEmpty() ? QString() : QStringLiteral(" — ") + note));
        m_tabs->setCurrentWidget(m_raw);
        return;
    }
    m_tree->expand(m_treeModel->index(0, 0));
    // Open the answer down to the first rows: data, its fields, a connection's nodes or edges and
    // their first element (cheap: only these containers are listed).
    const QModelIndex data = m_treeModel->find({QStringLiteral("data")});
    if (data.isValid()) {
        m_tree->expand(data);
        for (int r = 0; r < qMin(m_treeModel->rowCount(data), 5); ++r) {
            const QModelIndex field = m_treeModel->index(r, 0, data);
            m_tree->expand(field);
            for (int c = 0; c < qMin(m_treeModel->rowCount(field), 8); ++c) {
                const QModelIndex child = m_treeModel->index(c, 0, field);
                const QString key = child.data().toString();
                if (key == QLatin1String("nodes") || key == QLatin1String("edges") || c == 0) {
                    m_tree->expand(child);
                    if (m_treeModel->rowCount(child) > 0)
                        m_tree->expand(m_treeModel->index(0, 0, child));
                }
            }
        }
    }

    // Errors with their locations, clickable.
    const JsonIndex::Entry errors = index->member(index->root(), QLatin1String("errors"));
    for (const JsonIndex::Entry &e : index->children(errors)) {
        const QString message = index->displayValue(index->member(e, QLatin1String("message")), 2000);
        const QList<JsonIndex::Entry> locations = index->children(index->member(e, QLatin1String("locations")));
        int line = 0, column = 0;
        if (!locations.isEmpty()) {
            line = int(index->number(index->member(locations.first(), QLatin1String("line"))));
            column = int(index->number(index->member(locations.first(), QLatin1String("column"))));
        }
        auto *item = new QListWidgetItem(line > 0 ? tr("%1:%2  %3").arg(line).arg(column).arg(message) : message, m_errors);
        item->setData(LineRole, line);
        item->setData(ColumnRole, column);
        item->setForeground(QColor(0xd0, 0x45, 0x3a));
    }
    m_errors->setVisible(m_errors->count() > 0);
    if (m_errors->count() > 0 && !index->isValid(index->member(index->root(), QLatin1String("data"))))
        m_tabs->setCurrentWidget(m_raw);
    QString status = note.isEmpty() ? sizeText : note + QStringLiteral(" — ") + sizeText;
    if (m_tableModel->rowCount() > 0)
        status += tr(" — table: %1 rows of %2").arg(m_tableModel->rowCount()).arg(m_tableModel->sourcePath());
    if (indexMs > 50)
        status += tr(" (read in %1 ms)").arg(indexMs);
    m_status->setText(status);
}

QByteArray ResultsView::prettyJson(const QByteArray &json, qsizetype maxBytes)
{
    QByteArray out;
    out.reserve(maxBytes < 0 ? json.size() * 2 : qMin(json.size() * 2, maxBytes + 64));
    const char *d = json.constData();
    const qsizetype n = json.size();
    int depth = 0;
    auto newline = [&] {
        out += '\n';
        out.append(QByteArray(depth * 4, ' '));
    };
    auto nextNonWs = [&](qsizetype i) {
        while (i < n && (d[i] == ' ' || d[i] == '\n' || d[i] == '\r' || d[i] == '\t'))
            ++i;
        return i;
    };
    for (qsizetype i = 0; i < n; ++i) {
        if (maxBytes >= 0 && out.size() >= maxBytes)
            break;
        const char c = d[i];
        switch (c) {
        case ' ':
        case '\n':
        case '\r':
        case '\t':
            break;
        case '"': {
            qsizetype j = i + 1;
            for (; j < n && d[j] != '"'; ++j)
                if (d[j] == '\\')
                    ++j;
            out.append(d + i, qMin(n, j + 1) - i);
            i = j;
            break;
        }
        case '{':
        case '[': {
            const qsizetype next = nextNonWs(i + 1);
            if (next < n && (d[next] == '}' || d[next] == ']')) { // empty: {} / []
                out += c;
                out += d[next];
                i = next;
                break;
            }
            out += c;
            ++depth;
            newline();
            break;
        }
        case '}':
        case ']':
            --depth;
            newline();
            out += c;
            break;
        case ',':
            out += ',';
            newline();
            break;
        case ':':
            out += ": ";
            break;
        default:
            out += c;
        }
    }
    return out;
}

QString ResultsView::rawText() const { return m_raw->toPlainText(); }

QString ResultsView::statusText() const { return m_status->text(); }

QString ResultsView::sqlText() const { return m_sql->toPlainText(); }

QString ResultsView::warningText() const { return m_warning->isHidden() ? QString() : m_warning->text(); }

} // namespace refract::ui
