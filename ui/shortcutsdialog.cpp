#include "shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>

namespace refract::ui {

QString ShortcutsDialog::plainText(const QAction *action)
{
    QString t = action->text();
    t.remove(QRegularExpression(QStringLiteral("&(?!&)")));
    t.replace(QLatin1String("&&"), QLatin1String("&"));
    while (t.endsWith(QChar(0x2026)) || t.endsWith(QLatin1Char('.')))
        t.chop(1);
    return t;
}

ShortcutsDialog::ShortcutsDialog(const QList<QAction *> &actions, QWidget *parent)
    : QDialog(parent)
    , m_table(new QTableWidget(this))
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    setObjectName(QStringLiteral("shortcutsDialog"));
    auto *filter = new QLineEdit(this);
    filter->setPlaceholderText(tr("Filter"));
    filter->setClearButtonEnabled(true);

    QList<QAction *> withKeys;
    for (QAction *a : actions)
        if (!a->shortcuts().isEmpty())
            withKeys.append(a);
    m_table->setColumnCount(3);
    m_table->setHorizontalHeaderLabels({tr("Action"), tr("Shortcut"), tr("Description")});
    m_table->setRowCount(int(withKeys.size()));
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    for (int row = 0; row < withKeys.size(); ++row) {
        const QAction *a = withKeys.at(row);
        QStringList keys;
        for (const QKeySequence &k : a->shortcuts())
            keys.append(k.toString(QKeySequence::NativeText));
        m_table->setItem(row, 0, new QTableWidgetItem(plainText(a)));
        m_table->setItem(row, 1, new QTableWidgetItem(keys.join(QLatin1String(", "))));
        m_table->setItem(row, 2, new QTableWidgetItem(a->statusTip()));
    }
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->sortItems(0);

    connect(filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        for (int row = 0; row < m_table->rowCount(); ++row) {
            bool match = text.isEmpty();
            for (int col = 0; col < m_table->columnCount() && !match; ++col)
                match = m_table->item(row, col)->text().contains(text, Qt::CaseInsensitive);
            m_table->setRowHidden(row, !match);
        }
    });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(filter);
    layout->addWidget(m_table);
    layout->addWidget(buttons);
    resize(680, 560);
}

} // namespace refract::ui
