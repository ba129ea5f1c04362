#pragma once

#include <workspace/workspace.h>

#include <QTreeWidget>

namespace refract::ui {

/// The Saved Operations dock: operations the user named (Query → Save Operation…), kept in the
/// workspace. Activating one opens it in a new tab; Delete (or the context menu) forgets it.
class SavedOperationsView : public QTreeWidget
{
    Q_OBJECT
public:
    explicit SavedOperationsView(QWidget *parent = nullptr);

    void setOperations(const QList<workspace::SavedOperation> &operations);
    QStringList names() const;
    /// Opens the one named `name` (as activating its row does); false when there is none.
    bool reopen(const QString &name);

signals:
    void reopenRequested(const workspace::SavedOperation &operation);
    void removeRequested(const QString &name);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    QList<workspace::SavedOperation> m_operations;
};

} // namespace refract::ui
