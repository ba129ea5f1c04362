#include "profilesdialog.h"

#include "jwtdecoder.h"
#include "passwordkeychain.h"

#include <identity/claimsmapping.h>

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

namespace refract::ui {

using identity::IdentityProfile;

ProfilesDialog::ProfilesDialog(const QList<IdentityProfile> &profiles, QWidget *parent)
    : QDialog(parent)
    , m_profiles(profiles)
    , m_tabs(new QTabWidget(this))
    , m_list(new QListWidget(this))
    , m_name(new QLineEdit(this))
    , m_sub(new QLineEdit(this))
    , m_username(new QLineEdit(this))
    , m_email(new QLineEdit(this))
    , m_claims(new QPlainTextEdit(this))
    , m_role(new QLineEdit(this))
    , m_roleClaim(new QLineEdit(this))
    , m_defaultRole(new QLineEdit(this))
    , m_mapping(new QComboBox(this))
    , m_keyId(new QLineEdit(this))
    , m_algorithm(new QComboBox(this))
    , m_secret(new QLineEdit(this))
    , m_lifetime(new QSpinBox(this))
    , m_preview(new QPlainTextEdit(this))
    , m_error(new QLabel(this))
    , m_decoder(new JwtDecoder(this))
{
    setObjectName(QStringLiteral("profilesDialog"));
    setWindowTitle(tr("Identity Profiles"));
    resize(920, 760);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_claims->setFont(mono);
    m_claims->setObjectName(QStringLiteral("profileClaims"));
    m_preview->setFont(mono);
    m_preview->setReadOnly(true);
    m_preview->setObjectName(QStringLiteral("profilePreview"));
    m_mapping->addItems(identity::ClaimsMapping::presetNames());
    for (const char *alg : {"HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256", "ES384"})
        m_algorithm->addItem(QLatin1String(alg));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setPlaceholderText(tr("stored in the keychain under the key id, never in the profile"));
    m_lifetime->setRange(0, 365 * 24 * 3600);
    m_lifetime->setSuffix(tr(" s"));
    m_lifetime->setSpecialValueText(tr("no expiry"));
    m_role->setPlaceholderText(tr("fixed role (wins over the role claim)"));
    m_roleClaim->setPlaceholderText(tr("claim path holding the role, e.g. role or https://x/claims.role"));
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #d0453a; }"));
    m_error->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("sub:"), m_sub);
    form->addRow(tr("username:"), m_username);
    form->addRow(tr("email:"), m_email);
    form->addRow(tr("Claims (JSON):"), m_claims);
    form->addRow(tr("Role:"), m_role);
    form->addRow(tr("Role claim:"), m_roleClaim);
    form->addRow(tr("Default role:"), m_defaultRole);
    form->addRow(tr("Claims mapping:"), m_mapping);
    form->addRow(tr("Signing key id:"), m_keyId);
    form->addRow(tr("Algorithm:"), m_algorithm);
    form->addRow(tr("Signing secret:"), m_secret);
    form->addRow(tr("Token lifetime:"), m_lifetime);
    auto *editor = new QWidget(this);
    auto *editorLayout = new QVBoxLayout(editor);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->addLayout(form);
    editorLayout->addWidget(m_error);
    editorLayout->addWidget(new QLabel(tr("A query as this profile runs with these settings:"), editor));
    editorLayout->addWidget(m_preview, 1);

    auto *add = new QPushButton(tr("&Add"), this);
    auto *remove = new QPushButton(tr("&Remove"), this);
    auto *mint = new QPushButton(tr("&Mint Token"), this);
    mint->setToolTip(tr("Sign a token for this profile with its secret and show it decoded"));
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_list, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    leftLayout->addLayout(buttons);
    leftLayout->addWidget(mint);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(editor);
    split->setStretchFactor(1, 3);
    m_tabs->addTab(split, tr("Profiles"));
    m_tabs->addTab(m_decoder, tr("Decode JWT"));

    auto *box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(box);
    connect(box, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);

    for (const IdentityProfile &p : std::as_const(m_profiles))
        m_list->addItem(p.name);
    connect(m_list, &QListWidget::currentRowChanged, this, &ProfilesDialog::load);
    connect(add, &QPushButton::clicked, this, [this] {
        IdentityProfile p;
        p.name = tr("profile %1").arg(m_profiles.size() + 1);
        m_profiles.append(p);
        m_list->addItem(p.name);
        m_list->setCurrentRow(int(m_profiles.size()) - 1);
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_list->currentRow();
        if (row < 0)
            return;
        m_current = -1;
        m_profiles.removeAt(row);
        delete m_list->takeItem(row);
    });
    connect(mint, &QPushButton::clicked, this, &ProfilesDialog::mintToken);
    // Any edit: back into the profile, and the preview follows.
    for (QLineEdit *e : {m_name, m_role, m_roleClaim, m_defaultRole, m_keyId})
        connect(e, &QLineEdit::textEdited, this, &ProfilesDialog::store);
    for (QLineEdit *e : {m_sub, m_username, m_email})
        connect(e, &QLineEdit::textEdited, this, [this, e](const QString &value) {
            // The form edits the claims JSON: one source of truth.
            QJsonObject claims = QJsonDocument::fromJson(m_claims->toPlainText().toUtf8()).object();
            const QString key = e == m_sub ? QStringLiteral("sub") : e == m_username ? QStringLiteral("username") : QStringLiteral("email");
            if (value.isEmpty())
                claims.remove(key);
            else
                claims.insert(key, value);
            m_claims->setPlainText(QString::fromUtf8(QJsonDocument(claims).toJson(QJsonDocument::Indented)));
        });
    connect(m_claims, &QPlainTextEdit::textChanged, this, &ProfilesDialog::store);
    connect(m_mapping, &QComboBox::currentTextChanged, this, &ProfilesDialog::store);
    connect(m_algorithm, &QComboBox::currentTextChanged, this, &ProfilesDialog::store);
    connect(m_lifetime, &QSpinBox::valueChanged, this, &ProfilesDialog::store);
    connect(m_secret, &QLineEdit::editingFinished, this, [this] {
        if (!m_secret->text().isEmpty() && !m_keyId->text().isEmpty())
            PasswordKeychain::instance()->store(m_keyId->text(), m_secret->text());
    });
    if (!m_profiles.isEmpty())
        m_list->setCurrentRow(0);
    else
        updatePreview();
}

void ProfilesDialog::selectProfile(int row) { m_list->setCurrentRow(row); }

void ProfilesDialog::setClaimsText(const QString &json) { m_claims->setPlainText(json); }

void ProfilesDialog::setRole(const QString &role)
{
    m_role->setText(role);
    store();
}

QString ProfilesDialog::previewText() const { return m_preview->toPlainText(); }

void ProfilesDialog::load(int row)
{
    m_current = row;
    if (row < 0 || row >= m_profiles.size())
        return;
    m_loading = true;
    const IdentityProfile &p = m_profiles.at(row);
    m_name->setText(p.name);
    m_sub->setText(p.claims.value(QLatin1String("sub")).toString());
    m_username->setText(p.claims.value(QLatin1String("username")).toString());
    m_email->setText(p.claims.value(QLatin1String("email")).toString());
    m_claims->setPlainText(QString::fromUtf8(QJsonDocument(p.claims).toJson(QJsonDocument::Indented)));
    m_role->setText(p.role);
    m_roleClaim->setText(p.roleClaim.join(QLatin1Char('.')));
    m_defaultRole->setText(p.defaultRole);
    m_mapping->setCurrentText(p.claimsMapping);
    m_keyId->setText(p.signingKeyId);
    m_algorithm->setCurrentText(identity::Jwt::algorithmName(p.signingAlgorithm));
    m_lifetime->setValue(int(p.tokenLifetimeSecs));
    m_secret->clear();
    m_loading = false;
    updatePreview();
}

void ProfilesDialog::store()
{
    if (m_loading || m_current < 0 || m_current >= m_profiles.size())
        return;
    IdentityProfile &p = m_profiles[m_current];
    p.name = m_name->text().trimmed();
    m_list->item(m_current)->setText(p.name);
    QJsonParseError e;
    const QJsonDocument claims = QJsonDocument::fromJson(m_claims->toPlainText().toUtf8(), &e);
    if (!m_claims->toPlainText().trimmed().isEmpty() && !claims.isObject()) {
        m_error->setText(tr("Claims: not a JSON object (%1)").arg(e.errorString()));
        return;
    }
    p.claims = claims.object();
    p.role = m_role->text().trimmed();
    p.roleClaim = m_roleClaim->text().trimmed().isEmpty() ? QStringList() : m_roleClaim->text().trimmed().split(QLatin1Char('.'));
    p.defaultRole = m_defaultRole->text().trimmed();
    p.claimsMapping = m_mapping->currentText();
    p.signingKeyId = m_keyId->text().trimmed();
    p.signingAlgorithm = identity::Jwt::algorithmFromName(m_algorithm->currentText()).value_or(identity::JwtAlgorithm::HS256);
    p.tokenLifetimeSecs = m_lifetime->value();
    updatePreview();
}

void ProfilesDialog::updatePreview()
{
    m_error->clear();
    m_preview->clear();
    if (m_current < 0 || m_current >= m_profiles.size())
        return;
    QString error;
    // The same checks as loading the profile from its file.
    if (!IdentityProfile::fromJson(m_profiles.at(m_current).toJson(), &error)) {
        m_error->setText(error);
        return;
    }
    const auto settings = m_profiles.at(m_current).settings(&error);
    if (!settings) {
        m_error->setText(error);
        return;
    }
    QStringList lines;
    for (const auto &[name, value] : *settings)
        lines << QStringLiteral("%1 = %2").arg(name, value);
    m_preview->setPlainText(lines.join(QLatin1Char('\n')));
}

void ProfilesDialog::mintToken()
{
    if (m_current < 0 || m_current >= m_profiles.size())
        return;
    const IdentityProfile p = m_profiles.at(m_current);
    auto sign = [this, p](const QString &secret) {
        if (secret.isEmpty()) {
            m_error->setText(tr("No signing secret for key id \"%1\": enter it above.").arg(p.signingKeyId));
            return;
        }
        QString error;
        const QByteArray token = p.signToken(secret.toUtf8(), QDateTime::currentSecsSinceEpoch(), &error);
        if (token.isEmpty()) {
            m_error->setText(error);
            return;
        }
        m_decoder->setKey(secret);
        m_decoder->setToken(QString::fromUtf8(token));
        m_tabs->setCurrentWidget(m_decoder);
    };
    if (!m_secret->text().isEmpty())
        sign(m_secret->text());
    else if (!p.signingKeyId.isEmpty())
        PasswordKeychain::instance()->lookup(p.signingKeyId, this, sign);
    else
        sign(QString());
}

} // namespace refract::ui
