#include "connectionbar.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QLabel>
#include <QStyle>

namespace refract::ui {

ConnectionBar::ConnectionBar(QWidget *parent)
    : QToolBar(tr("Connection"), parent)
    , m_status(new QLabel(this))
    , m_preset(new QComboBox(this))
    , m_identity(new QComboBox(this))
{
    setObjectName(QStringLiteral("connectionBar")); // saveState() needs it
    setMovable(true);
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    m_status->setObjectName(QStringLiteral("connectionStatus"));
    m_status->setContentsMargins(8, 0, 8, 0);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setMinimumWidth(220);
    m_status->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_statusSlot = addWidget(m_status);

    addSeparator();
    auto *presetLabel = new QLabel(tr("Preset:"), this);
    presetLabel->setContentsMargins(6, 0, 4, 0);
    addWidget(presetLabel);
    m_preset->setObjectName(QStringLiteral("presetCombo"));
    m_preset->addItem(QStringLiteral("PostGraphile"), int(reflect::Preset::PostGraphile));
    m_preset->addItem(QStringLiteral("AppSync"), int(reflect::Preset::AppSync));
    m_preset->setToolTip(tr("Naming and shaping rules of the generated GraphQL schema"));
    addWidget(m_preset);
    connect(m_preset, &QComboBox::activated, this, [this] { emit presetChanged(preset()); });

    auto *identityLabel = new QLabel(tr("Identity:"), this);
    identityLabel->setContentsMargins(10, 0, 4, 0);
    addWidget(identityLabel);
    m_identity->setObjectName(QStringLiteral("identityCombo"));
    m_identity->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_identity->setToolTip(tr("The role and claims queries run with (Ctrl+I)"));
    addWidget(m_identity);
    connect(m_identity, &QComboBox::activated, this, [this](int index) {
        emit identityChanged(m_identity->itemData(index).toString(), m_identity->itemText(index));
    });
    setIdentities({});
    setDisconnected();
}

void ConnectionBar::addConnectionActions(const QList<QAction *> &actions)
{
    insertActions(m_statusSlot, actions);
}

void ConnectionBar::setDisconnected()
{
    m_status->setText(tr("Not connected"));
    m_status->setToolTip(QString());
    m_status->setStyleSheet(QString());
}

void ConnectionBar::setConnecting(const QString &displayName)
{
    m_status->setText(tr("Connecting to %1…").arg(displayName));
    m_status->setToolTip(QString());
    m_status->setStyleSheet(QString());
}

void ConnectionBar::setConnected(const QString &displayName, const QString &detail)
{
    m_status->setText(QStringLiteral("● ") + displayName);
    m_status->setToolTip(detail);
    // No style sheet: the palette colour follows a theme switch (a sheet resolves it once).
    m_status->setStyleSheet(QString());
}

void ConnectionBar::setFailed(const QString &displayName, const QString &error)
{
    m_status->setText(tr("Could not connect to %1").arg(displayName));
    m_status->setToolTip(error);
    m_status->setStyleSheet(QStringLiteral("QLabel { color: #d0453a; }"));
}

QString ConnectionBar::statusText() const { return m_status->text(); }

reflect::Preset ConnectionBar::preset() const { return reflect::Preset(m_preset->currentData().toInt()); }

void ConnectionBar::setPreset(reflect::Preset preset)
{
    m_preset->setCurrentIndex(qMax(0, m_preset->findData(int(preset))));
}

ConnectionBar::Identity ConnectionBar::fromProfile(const identity::IdentityProfile &profile, QString *error)
{
    Identity i{profile.name, profile.name, {}};
    QString why;
    const auto settings = profile.settings(&why);
    if (settings)
        i.settings = *settings;
    else if (error)
        *error = why;
    return i;
}

QList<identity::IdentityProfile> ConnectionBar::demoProfiles()
{
    // Shipped as resources (resources/demo/profiles): the demo's RLS policies read the role and
    // the AppSync-style username claim.
    QList<identity::IdentityProfile> out;
    for (const char *name : {"anonymous", "johndoe"}) {
        QFile f(QStringLiteral(":/demo/profiles/%1.json").arg(QLatin1String(name)));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        QString error;
        if (auto p = identity::IdentityProfile::fromJson(QJsonDocument::fromJson(f.readAll()).object(), &error))
            out.append(*p);
        else
            qWarning("demo profile %s: %s", name, qPrintable(error));
    }
    return out;
}

QList<ConnectionBar::Identity> ConnectionBar::demoIdentities()
{
    QList<Identity> out;
    for (const identity::IdentityProfile &p : demoProfiles())
        out.append(fromProfile(p));
    return out;
}

bool ConnectionBar::selectIdentity(const QString &key)
{
    for (qsizetype i = 0; i < m_identities.size(); ++i)
        if (m_identities.at(i).key == key) {
            m_identity->setCurrentIndex(int(i));
            return true;
        }
    return false;
}

void ConnectionBar::setIdentities(const QList<Identity> &identities)
{
    m_identities = {Identity{QString(), tr("Connection role"), {}}};
    m_identities += identities;
    m_identity->clear();
    for (const Identity &i : std::as_const(m_identities))
        m_identity->addItem(i.text, i.key);
}

ConnectionBar::Identity ConnectionBar::currentIdentity() const
{
    return m_identities.value(qMax(0, m_identity->currentIndex()), m_identities.first());
}

} // namespace refract::ui
