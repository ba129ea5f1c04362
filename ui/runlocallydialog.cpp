#include "runlocallydialog.h"

#include "passwordkeychain.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace refract::ui {

namespace {
const char NoJwt[] = "";
const char Typed[] = "\x01typed"; // cannot be a profile name typed by a user
} // namespace

RunLocallyDialog::RunLocallyDialog(const QList<identity::IdentityProfile> &profiles, QWidget *parent)
    : QDialog(parent)
    , m_profiles(profiles)
    , m_host(new QLineEdit(this))
    , m_hostWarning(new QLabel(this))
    , m_port(new QSpinBox(this))
    , m_mapping(new QComboBox(this))
    , m_secretSource(new QComboBox(this))
    , m_secret(new QLineEdit(this))
    , m_defaultRole(new QLineEdit(this))
    , m_pool(new QSpinBox(this))
    , m_remember(new QCheckBox(tr("&Remember these settings (a typed secret in the keychain, never in settings)"), this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("runLocallyDialog"));
    setWindowTitle(tr("Run Locally"));
    m_host->setObjectName(QStringLiteral("hostEdit"));
    m_hostWarning->setObjectName(QStringLiteral("hostWarning"));
    m_hostWarning->setWordWrap(true);
    m_hostWarning->setText(tr("⚠ Not loopback: other machines can query this server."));
    m_hostWarning->setToolTip(tr("Requests without a token run as the default role, from anywhere that reaches this address."));
    m_hostWarning->setStyleSheet(QStringLiteral("color: #b25b00;"));
    m_port->setObjectName(QStringLiteral("portSpin"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("any free port"));
    m_mapping->setObjectName(QStringLiteral("mappingCombo"));
    m_mapping->addItem(tr("PostGraphile (role, jwt.claims.*)"), QStringLiteral("postgraphile"));
    m_mapping->addItem(tr("AppSync (appsync.identity_*)"), QStringLiteral("appsync"));
    m_mapping->addItem(tr("Supabase (request.jwt.claims)"), QStringLiteral("supabase"));
    m_secretSource->setObjectName(QStringLiteral("secretCombo"));
    m_secretSource->addItem(tr("No JWT verification (every request runs as the default role)"), QString::fromLatin1(NoJwt));
    for (const identity::IdentityProfile &p : profiles)
        if (!p.signingKeyId.isEmpty())
            m_secretSource->addItem(tr("Signing key of profile %1 (%2)").arg(p.name, p.signingKeyId), p.name);
    m_secretSource->addItem(tr("Typed secret…"), QString::fromLatin1(Typed));
    m_secret->setObjectName(QStringLiteral("secretEdit"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setPlaceholderText(tr("HS256 secret"));
    m_defaultRole->setObjectName(QStringLiteral("defaultRoleEdit"));
    m_defaultRole->setPlaceholderText(tr("the connection's role"));
    m_pool->setObjectName(QStringLiteral("poolSpin"));
    m_pool->setRange(1, 64);
    m_remember->setObjectName(QStringLiteral("rememberCheck"));
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("&Host:"), m_host);
    form->addRow(QString(), m_hostWarning);
    form->addRow(tr("&Port:"), m_port);
    form->addRow(tr("&JWT secret:"), m_secretSource);
    form->addRow(QString(), m_secret);
    form->addRow(tr("&Claims mapping:"), m_mapping);
    form->addRow(tr("&Default role:"), m_defaultRole);
    form->addRow(tr("P&ool size:"), m_pool);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Start"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Serves this connection's GraphQL API as <tt>refract-cli serve</tt> does. Requests "
                                "with a token run as its claims; requests without one as the default role."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_remember);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    connect(m_host, &QLineEdit::textChanged, this, &RunLocallyDialog::updateState);
    connect(m_secretSource, &QComboBox::currentIndexChanged, this, [this] {
        // A profile's tokens carry the claims its mapping expects.
        const QString name = m_secretSource->currentData().toString();
        for (const identity::IdentityProfile &p : std::as_const(m_profiles))
            if (p.name == name) {
                if (const int i = m_mapping->findData(p.claimsMapping); i >= 0)
                    m_mapping->setCurrentIndex(i);
                if (m_defaultRole->text().isEmpty() && !p.defaultRole.isEmpty())
                    m_defaultRole->setText(p.defaultRole);
            }
        updateState();
    });
    const Options last = remembered();
    setOptions(last);
    // A remembered typed secret comes back from the keychain; the answer may take a moment (a
    // locked keychain), so it fills the field only if the user has not typed one meanwhile.
    if (last.secretTyped && last.typedSecret.isEmpty())
        PasswordKeychain::instance()->lookup(typedSecretKey(), this, [this](const QString &secret) {
            if (!secret.isEmpty() && m_secret->text().isEmpty())
                m_secret->setText(secret);
        });
    resize(560, sizeHint().height());
}

bool RunLocallyDialog::isLoopback(const QString &host)
{
    const QString h = host.trimmed();
    if (h.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress a(h);
    return !a.isNull() && a.isLoopback();
}

void RunLocallyDialog::updateState()
{
    m_hostWarning->setVisible(!isLoopback(m_host->text()));
    const bool typed = m_secretSource->currentData().toString() == QLatin1String(Typed);
    m_secret->setVisible(typed);
    m_mapping->setEnabled(m_secretSource->currentIndex() > 0);
    m_error->hide();
    // Rows that appear (the warning, the secret field) get room instead of squeezing the others.
    if (layout())
        resize(width(), qMax(height(), sizeHint().height()));
}

RunLocallyDialog::Options RunLocallyDialog::options() const
{
    Options o;
    o.host = m_host->text().trimmed();
    o.port = quint16(m_port->value());
    o.claimsMapping = m_mapping->currentData().toString();
    const QString source = m_secretSource->currentData().toString();
    if (source == QLatin1String(Typed)) {
        o.typedSecret = m_secret->text().toUtf8();
        o.secretTyped = true;
    } else
        o.secretProfile = source;
    o.defaultRole = m_defaultRole->text().trimmed();
    o.poolSize = m_pool->value();
    o.remember = m_remember->isChecked();
    return o;
}

void RunLocallyDialog::setOptions(const Options &o)
{
    m_host->setText(o.host);
    m_port->setValue(o.port);
    if (const int i = m_mapping->findData(o.claimsMapping); i >= 0)
        m_mapping->setCurrentIndex(i);
    int source = 0;
    if (!o.secretProfile.isEmpty())
        source = qMax(0, m_secretSource->findData(o.secretProfile));
    else if (o.secretTyped || !o.typedSecret.isEmpty())
        source = m_secretSource->findData(QString::fromLatin1(Typed));
    m_secretSource->setCurrentIndex(source);
    m_secret->setText(QString::fromUtf8(o.typedSecret));
    m_defaultRole->setText(o.defaultRole);
    m_pool->setValue(o.poolSize);
    m_remember->setChecked(o.remember);
    updateState();
}

RunLocallyDialog::Options RunLocallyDialog::remembered()
{
    QSettings s;
    Options o;
    if (!s.value(QStringLiteral("runLocally/remember")).toBool())
        return o;
    o.remember = true;
    o.host = s.value(QStringLiteral("runLocally/host"), o.host).toString();
    o.port = quint16(s.value(QStringLiteral("runLocally/port"), 0).toUInt());
    o.claimsMapping = s.value(QStringLiteral("runLocally/claimsMapping"), o.claimsMapping).toString();
    o.secretProfile = s.value(QStringLiteral("runLocally/secretProfile")).toString();
    o.secretTyped = o.secretProfile.isEmpty() && s.value(QStringLiteral("runLocally/secretTyped")).toBool();
    o.defaultRole = s.value(QStringLiteral("runLocally/defaultRole")).toString();
    o.poolSize = s.value(QStringLiteral("runLocally/poolSize"), o.poolSize).toInt();
    return o;
}

void RunLocallyDialog::accept()
{
    const Options o = options();
    if (QHostAddress(o.host).isNull() && !isLoopback(o.host)) {
        m_error->setText(tr("\"%1\" is not an IP address (use 127.0.0.1, ::1 or an address of this machine).").arg(o.host));
        m_error->show();
        return;
    }
    if (m_secretSource->currentData().toString() == QLatin1String(Typed) && o.typedSecret.isEmpty()) {
        m_error->setText(tr("Type the secret tokens are signed with, or choose a profile's signing key."));
        m_error->show();
        return;
    }
    QSettings s;
    s.setValue(QStringLiteral("runLocally/remember"), o.remember);
    if (o.remember) {
        s.setValue(QStringLiteral("runLocally/host"), o.host);
        s.setValue(QStringLiteral("runLocally/port"), o.port);
        s.setValue(QStringLiteral("runLocally/claimsMapping"), o.claimsMapping);
        s.setValue(QStringLiteral("runLocally/secretProfile"), o.secretProfile); // a name, never the secret
        s.setValue(QStringLiteral("runLocally/secretTyped"), o.secretTyped);     // only that there is one
        s.setValue(QStringLiteral("runLocally/defaultRole"), o.defaultRole);
        s.setValue(QStringLiteral("runLocally/poolSize"), o.poolSize);
    } else {
        for (const char *k : {"host", "port", "claimsMapping", "secretProfile", "secretTyped", "defaultRole", "poolSize"})
            s.remove(QStringLiteral("runLocally/") + QLatin1String(k));
    }
    // The typed secret itself: the keychain (or this session's memory), like every other secret.
    if (o.remember && o.secretTyped)
        PasswordKeychain::instance()->store(typedSecretKey(), QString::fromUtf8(o.typedSecret));
    else
        PasswordKeychain::instance()->remove(typedSecretKey());
    QDialog::accept();
}

} // namespace refract::ui
