#include "resultsview.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace refract::ui {

namespace {

QString scalarText(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: return QString::number(v.toDouble(), 'g', 17);
    case QJsonValue::String: return v.toString();
    case QJsonValue::Array: return QStringLiteral("[%1]").arg(v.toArray().size());
    case QJsonValue::Object: return QStringLiteral("{%1}").arg(v.toObject().size());
    default: return QString();
    }
}

// Only the first levels are expanded into items; deeper levels are filled when expanded, so that
// a large response does not build hundreds of thousands of items up front.
void addChildren(QTreeWidgetItem *parent, const QJsonValue &v);

QTreeWidgetItem *makeItem(const QString &key, const QJsonValue &v)
{
    auto *item = new QTreeWidgetItem({key, scalarText(v)});
    if (v.isArray() || v.isObject()) {
        item->setData(0, Qt::UserRole, v.toVariant());
        item->setChildIndicatorPolicy(QTreeWidgetItem::ShowIndicator);
    }
    return item;
}

void addChildren(QTreeWidgetItem *parent, const QJsonValue &v)
{
    QList<QTreeWidgetItem *> items;
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            items.append(makeItem(it.key(), it.value()));
    } else if (v.isArray()) {
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            items.append(makeItem(QString::number(i), a.at(i)));
    }
    parent->addChildren(items);
}

// The first array of objects in the response (depth first) is what a table can show.
QJsonArray firstObjectList(const QJsonValue &v)
{
    if (v.isArray()) {
        const QJsonArray a = v.toArray();
        if (!a.isEmpty() && a.first().isObject())
            return a;
    }
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QJsonArray a = firstObjectList(it.value());
            if (!a.isEmpty())
                return a;
        }
    }
    return {};
}

} // namespace

ResultsView::ResultsView(QWidget *parent)
    : QWidget(parent)
    , m_tabs(new QTabWidget(this))
    , m_tree(new QTreeWidget(this))
    , m_raw(new QPlainTextEdit(this))
    , m_table(new QTableWidget(this))
    , m_status(new QLabel(this))
{
    m_tree->setHeaderLabels({tr("Key"), tr("Value")});
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_tree->header()->resizeSection(0, 220);
    connect(m_tree, &QTreeWidget::itemExpanded, this, [](QTreeWidgetItem *item) {
        if (item->childCount() == 0 && item->data(0, Qt::UserRole).isValid())
            addChildren(item, QJsonValue::fromVariant(item->data(0, Qt::UserRole)));
    });
    m_raw->setReadOnly(true);
    m_raw->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_raw->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);

    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_tree, tr("Tree"));
    m_tabs->addTab(m_raw, tr("Raw JSON"));
    m_tabs->addTab(m_table, tr("Table"));
    m_status->setContentsMargins(6, 2, 6, 2);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_tabs);
    layout->addWidget(m_status);
    showMessage(tr("Run a query with Ctrl+Enter to see its result here."));
}

void ResultsView::showMessage(const QString &text)
{
    m_tree->clear();
    m_table->clear();
    m_table->setRowCount(0);
    m_table->setColumnCount(0);
    m_raw->clear();
    m_status->setText(text);
}

void ResultsView::showJson(const QByteArray &json, const QString &note)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    m_raw->setPlainText(doc.isNull() ? QString::fromUtf8(json) : QString::fromUtf8(doc.toJson(QJsonDocument::Indented)));
    m_tree->clear();
    m_table->clear();
    if (doc.isNull()) {
        m_status->setText(tr("The response is not JSON: %1").arg(err.errorString())
                          + (note.isEmpty() ? QString() : QStringLiteral(" — ") + note));
        m_tabs->setCurrentWidget(m_raw);
        return;
    }
    const QJsonValue root = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
    auto *top = makeItem(QStringLiteral("response"), root);
    m_tree->addTopLevelItem(top);
    top->setExpanded(true);

    const QJsonArray rows = firstObjectList(root);
    QStringList columns;
    for (const QJsonValue &r : rows)
        for (const QString &k : r.toObject().keys())
            if (!columns.contains(k))
                columns.append(k);
    m_table->setColumnCount(int(columns.size()));
    m_table->setHorizontalHeaderLabels(columns);
    m_table->setRowCount(int(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        const QJsonObject o = rows.at(r).toObject();
        for (int c = 0; c < columns.size(); ++c)
            m_table->setItem(r, c, new QTableWidgetItem(scalarText(o.value(columns.at(c)))));
    }
    const QString size = tr("Response size: %1 bytes").arg(json.size());
    m_status->setText(note.isEmpty() ? size : note + QStringLiteral(" — ") + size);
}

QString ResultsView::rawText() const { return m_raw->toPlainText(); }

QString ResultsView::statusText() const { return m_status->text(); }

} // namespace refract::ui
