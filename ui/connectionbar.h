#pragma once

#include <reflect/reflectoptions.h>

#include <QToolBar>

class QComboBox;
class QLabel;

namespace refract::ui {

/// The connection bar under the menu: connect, what we are connected to, the naming preset for
/// the generated schema and the identity queries run as.
class ConnectionBar : public QToolBar
{
    Q_OBJECT
public:
    explicit ConnectionBar(QWidget *parent = nullptr);

    /// Adds the window's connect/refresh actions in front of the status label.
    void addConnectionActions(const QList<QAction *> &actions);

    void setDisconnected();
    void setConnecting(const QString &displayName);
    void setConnected(const QString &displayName, const QString &detail);
    void setFailed(const QString &displayName, const QString &error);
    QString statusText() const;

    reflect::Preset preset() const;
    void setPreset(reflect::Preset preset);
    QComboBox *presetCombo() const { return m_preset; }

    /// Identities: display text and an opaque key; the first is always the connection's own role.
    void setIdentities(const QList<QPair<QString, QString>> &identities);
    QComboBox *identityCombo() const { return m_identity; }

signals:
    void presetChanged(refract::reflect::Preset preset);
    void identityChanged(const QString &key, const QString &text);

private:
    QLabel *m_status = nullptr;
    QComboBox *m_preset = nullptr;
    QComboBox *m_identity = nullptr;
    QAction *m_statusSlot = nullptr;
};

} // namespace refract::ui
