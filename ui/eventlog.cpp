#include "eventlog.h"

#include <QApplication>
#include <QDateTime>
#include <QHeaderView>
#include <QStyle>

namespace refract::ui {

EventLog::EventLog(QWidget *parent)
    : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("eventLog"));
    setColumnCount(2);
    setHeaderLabels({tr("Time"), tr("Event")});
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    header()->setStretchLastSection(true);
}

void EventLog::add(Level level, const QString &message)
{
    auto *item = new QTreeWidgetItem(this);
    item->setText(0, QTime::currentTime().toString(QStringLiteral("HH:mm:ss")));
    // Multi-line messages (PostgreSQL detail and hint) stay readable in one row and in full as a tooltip.
    item->setText(1, QString(message).replace(QLatin1Char('\n'), QLatin1String(" · ")));
    item->setToolTip(1, message);
    const QStyle::StandardPixmap icon = level == Error     ? QStyle::SP_MessageBoxCritical
                                        : level == Warning ? QStyle::SP_MessageBoxWarning
                                                           : QStyle::SP_MessageBoxInformation;
    item->setIcon(0, style()->standardIcon(icon));
    while (topLevelItemCount() > MaxEntries)
        delete takeTopLevelItem(0);
    scrollToItem(item);
}

QString EventLog::lastMessage() const
{
    const int n = topLevelItemCount();
    return n ? topLevelItem(n - 1)->toolTip(1) : QString();
}

} // namespace refract::ui
