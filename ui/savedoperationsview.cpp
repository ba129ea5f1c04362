#include "savedoperationsview.h"

#include <QAction>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLocale>

namespace refract::ui {

SavedOperationsView::SavedOperationsView(QWidget *parent)
    : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("savedOperations"));
    setColumnCount(2);
    setHeaderLabels({tr("Name"), tr("Saved")});
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    header()->setSectionResizeMode(0, QHeaderView::Stretch);
    header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *open = new QAction(tr("Open in a New Tab"), this);
    auto *remove = new QAction(tr("Delete"), this);
    addAction(open);
    addAction(remove);
    connect(open, &QAction::triggered, this, [this] {
        if (QTreeWidgetItem *item = currentItem())
            reopen(item->data(0, Qt::UserRole).toString());
    });
    connect(remove, &QAction::triggered, this, [this] {
        if (QTreeWidgetItem *item = currentItem())
            emit removeRequested(item->data(0, Qt::UserRole).toString());
    });
    connect(this, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem *item) { reopen(item->data(0, Qt::UserRole).toString()); });
}

void SavedOperationsView::setOperations(const QList<workspace::SavedOperation> &operations)
{
    m_operations = operations;
    clear();
    QList<QTreeWidgetItem *> items;
    for (const workspace::SavedOperation &op : operations) {
        auto *item = new QTreeWidgetItem;
        item->setText(0, op.name);
        item->setData(0, Qt::UserRole, op.name);
        item->setText(1, op.saved.isValid() ? QLocale().toString(op.saved.toLocalTime(), QLocale::ShortFormat) : QString());
        // The first lines of the document, so that similar names can be told apart.
        item->setToolTip(0, op.document.section(QLatin1Char('\n'), 0, 11).toHtmlEscaped().prepend(QLatin1String("<pre>")));
        items.append(item);
    }
    addTopLevelItems(items);
}

QStringList SavedOperationsView::names() const
{
    QStringList out;
    for (const workspace::SavedOperation &op : m_operations)
        out.append(op.name);
    return out;
}

bool SavedOperationsView::reopen(const QString &name)
{
    for (const workspace::SavedOperation &op : std::as_const(m_operations))
        if (op.name == name) {
            emit reopenRequested(op);
            return true;
        }
    return false;
}

void SavedOperationsView::keyPressEvent(QKeyEvent *event)
{
    if ((event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) && currentItem()) {
        emit removeRequested(currentItem()->data(0, Qt::UserRole).toString());
        return;
    }
    QTreeWidget::keyPressEvent(event);
}

} // namespace refract::ui
