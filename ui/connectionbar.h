#pragma once

#include <identity/identityprofile.h>
#include <reflect/reflectoptions.h>

#include <QList>
#include <QPair>
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

    /// One entry of the identity picker: what it shows and the transaction-local settings
    /// (`role`, claims) a query runs with; no settings means the connection's own role.
    struct Identity
    {
        QString key;
        QString text;
        QList<QPair<QString, QString>> settings;
    };
    /// An identity profile as the picker shows it: its settings (role and mapped claims) or, when
    /// the profile is not usable, none and the reason in `error`.
    static Identity fromProfile(const identity::IdentityProfile &profile, QString *error = nullptr);
    /// The forum demo's visitors (resources/demo/profiles: anonymous and johndoe).
    static QList<identity::IdentityProfile> demoProfiles();
    static QList<Identity> demoIdentities();
    /// Selects the identity with this key; false when there is none.
    bool selectIdentity(const QString &key);

    /// Replaces the identities; the first entry is always the connection's own role.
    void setIdentities(const QList<Identity> &identities);
    /// The chosen identity (the connection role when nothing else is chosen).
    Identity currentIdentity() const;
    QComboBox *identityCombo() const { return m_identity; }

signals:
    void presetChanged(refract::reflect::Preset preset);
    void identityChanged(const QString &key, const QString &text);

private:
    QLabel *m_status = nullptr;
    QComboBox *m_preset = nullptr;
    QComboBox *m_identity = nullptr;
    QAction *m_statusSlot = nullptr;
    QList<Identity> m_identities; ///< parallel to m_identity's items
};

} // namespace refract::ui
