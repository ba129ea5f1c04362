#include "historyview.h"

#include <QHeaderView>

namespace refract::ui {

HistoryView::HistoryView(QWidget *parent)
    : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("historyView"));
    setHeaderLabels({tr("When"), tr("Operation"), tr("Ran as"), tr("ms")});
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(1, QHeaderView::Stretch);
    setToolTip(tr("Double-click to open an operation again in a new tab"));
    connect(this, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const int i = indexOfTopLevelItem(item);
        if (i >= 0 && i < m_history.size())
            emit reopen(m_history.at(i).document, m_history.at(i).variables);
    });
}

void HistoryView::setHistory(const QList<workspace::HistoryEntry> &history)
{
    m_history = history;
    clear();
    QList<QTreeWidgetItem *> items;
    for (const workspace::HistoryEntry &h : history) {
        const QString op = h.operationName.isEmpty() ? h.document.simplified().left(60) : h.operationName;
        QString who = h.identity;
        if (!h.currentUser.isEmpty())
            who += QStringLiteral(" (%1)").arg(h.currentUser);
        if (h.dryRun)
            who += tr(", dry run");
        auto *item = new QTreeWidgetItem({h.when.toLocalTime().toString(QStringLiteral("MM-dd HH:mm:ss")), op, who,
                                          QString::number(h.elapsedMs)});
        item->setToolTip(1, h.document.left(2000));
        item->setToolTip(2, h.connection);
        if (!h.ok)
            item->setForeground(1, QColor(0xd0, 0x45, 0x3a));
        items.append(item);
    }
    addTopLevelItems(items);
}

} // namespace refract::ui
