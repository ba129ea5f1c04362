#pragma once

#include <identity/identityprofile.h>

#include <QDialog>
#include <QList>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QSpinBox;
class QTabWidget;

namespace refract::ui {

class JwtDecoder;

/// The identity profiles manager: name, claims (JSON, with fields for the common ones), role or
/// role claim, claims-mapping preset, signing key (kept in the keychain under the profile's key
/// id, never in the profile) and token lifetime, with a live preview of the settings a query
/// would run with; and a JWT decoder. Profiles are checked as IdentityProfile::fromJson does.
class ProfilesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ProfilesDialog(const QList<identity::IdentityProfile> &profiles, QWidget *parent = nullptr);

    QList<identity::IdentityProfile> profiles() const { return m_profiles; }
    /// The settings preview of the selected profile (tests).
    QString previewText() const;
    QListWidget *list() const { return m_list; }
    JwtDecoder *decoder() const { return m_decoder; }
    void selectProfile(int row);
    /// Applies a JSON text as the selected profile's claims (as typing it would).
    void setClaimsText(const QString &json);
    void setRole(const QString &role);

private:
    void load(int row);
    void store();
    void updatePreview();
    void mintToken();

    QList<identity::IdentityProfile> m_profiles;
    int m_current = -1;
    bool m_loading = false;
    QTabWidget *m_tabs = nullptr;
    QListWidget *m_list = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_sub = nullptr;
    QLineEdit *m_username = nullptr;
    QLineEdit *m_email = nullptr;
    QPlainTextEdit *m_claims = nullptr;
    QLineEdit *m_role = nullptr;
    QLineEdit *m_roleClaim = nullptr;
    QLineEdit *m_defaultRole = nullptr;
    QComboBox *m_mapping = nullptr;
    QLineEdit *m_keyId = nullptr;
    QComboBox *m_algorithm = nullptr;
    QLineEdit *m_secret = nullptr;
    QSpinBox *m_lifetime = nullptr;
    QPlainTextEdit *m_preview = nullptr;
    QLabel *m_error = nullptr;
    JwtDecoder *m_decoder = nullptr;
};

} // namespace refract::ui
