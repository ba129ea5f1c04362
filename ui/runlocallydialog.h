#pragma once

#include <identity/identityprofile.h>

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace refract::ui {

/// How Query → Run Locally serves the connection: address, port, JWT verification (the secret
/// from an identity profile's signing key in the keychain, or typed), the claims mapping, the role
/// of requests without a token and the pool size. "Remember" keeps the choices in QSettings, never
/// a secret: a profile's key stays in the keychain, and a typed secret goes there too (under
/// typedSecretKey(), through PasswordKeychain) to be filled in again the next time.
class RunLocallyDialog : public QDialog
{
    Q_OBJECT
public:
    struct Options
    {
        QString host = QStringLiteral("127.0.0.1");
        quint16 port = 0; ///< 0: any free port
        QString claimsMapping = QStringLiteral("postgraphile");
        /// Empty: no JWT verification. Else the profile whose signing key verifies tokens.
        QString secretProfile;
        /// A typed secret (used when secretProfile is empty and typedSecret is set).
        QByteArray typedSecret;
        /// The secret is typed: typedSecret, or (remembered()) the one the keychain keeps.
        bool secretTyped = false;
        QString defaultRole;
        int poolSize = 4;
        bool remember = false;

        bool verifiesTokens() const { return !secretProfile.isEmpty() || !typedSecret.isEmpty(); }
    };

    RunLocallyDialog(const QList<identity::IdentityProfile> &profiles, QWidget *parent = nullptr);

    Options options() const;
    void setOptions(const Options &options);
    /// The options remembered last time (QSettings; never a secret), defaults otherwise. A
    /// remembered typed secret is only marked (secretTyped): the dialog reads it from the keychain.
    static Options remembered();
    /// The keychain entry of a remembered typed secret.
    static QString typedSecretKey() { return QStringLiteral("refract/run-locally/jwt-secret"); }

    static bool isLoopback(const QString &host);

    QLineEdit *hostEdit() const { return m_host; }
    QSpinBox *portSpin() const { return m_port; }
    QComboBox *secretCombo() const { return m_secretSource; }
    QLineEdit *secretEdit() const { return m_secret; }
    QLineEdit *defaultRoleEdit() const { return m_defaultRole; }
    QComboBox *mappingCombo() const { return m_mapping; }
    QLabel *hostWarning() const { return m_hostWarning; }

    void accept() override;

private:
    void updateState();

    QList<identity::IdentityProfile> m_profiles;
    QLineEdit *m_host = nullptr;
    QLabel *m_hostWarning = nullptr;
    QSpinBox *m_port = nullptr;
    QComboBox *m_mapping = nullptr;
    QComboBox *m_secretSource = nullptr;
    QLineEdit *m_secret = nullptr;
    QLineEdit *m_defaultRole = nullptr;
    QSpinBox *m_pool = nullptr;
    QCheckBox *m_remember = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace refract::ui
