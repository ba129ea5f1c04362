#include "pgconnectiondialog.h"

#include "passwordkeychain.h"
#include "recentconnections.h"

#include <pg/connection.h>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace refract::ui {

namespace {

// Runs on a pool thread: nothing here may touch widgets.
QPair<bool, QString> runTest(const QString &conninfo)
{
    pg::Connection c;
    if (!c.open(conninfo, 10))
        return {false, c.lastError().toString()};
    pg::Result r = c.exec(QStringLiteral("select current_user, current_database(), current_setting('server_version')"));
    if (!r.ok())
        return {false, r.error().toString()};
    return {true, PgConnectionDialog::tr("Connected to %1 as %2 (PostgreSQL %3).")
                      .arg(r.text(0, 1), r.text(0, 0), r.text(0, 2))};
}

QString envValue(const char *name) { return qEnvironmentVariable(name); }

} // namespace

PgConnectionDialog::PgConnectionDialog(QWidget *parent)
    : QDialog(parent)
    , m_recent(new QComboBox(this))
    , m_modeTabs(new QTabWidget(this))
    , m_uri(new QLineEdit(this))
    , m_host(new QLineEdit(this))
    , m_port(new QLineEdit(this))
    , m_database(new QLineEdit(this))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_service(new QLineEdit(this))
    , m_sslMode(new QComboBox(this))
    , m_schemas(new QLineEdit(this))
    , m_envHint(new QLabel(this))
    , m_testResult(new QLabel(this))
    , m_testButton(new QPushButton(tr("&Test connection"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
    , m_testWatcher(new QFutureWatcher<QPair<bool, QString>>(this))
{
    setWindowTitle(tr("Connect to PostgreSQL"));
    setObjectName(QStringLiteral("pgConnectionDialog"));

    m_recentList = RecentConnections::load();
    m_recent->addItem(tr("New connection"));
    for (const auto &p : m_recentList)
        m_recent->addItem(p.displayName());
    connect(m_recent, &QComboBox::activated, this, &PgConnectionDialog::fillFromRecent);

    // Placeholders show what libpq will use for a field left empty.
    m_host->setPlaceholderText(envValue("PGHOST").isEmpty() ? tr("local socket") : envValue("PGHOST"));
    m_port->setPlaceholderText(envValue("PGPORT").isEmpty() ? QStringLiteral("5432") : envValue("PGPORT"));
    m_database->setPlaceholderText(envValue("PGDATABASE").isEmpty() ? tr("same as user") : envValue("PGDATABASE"));
    m_user->setPlaceholderText(envValue("PGUSER").isEmpty() ? tr("operating system user") : envValue("PGUSER"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("from the keychain, .pgpass or PGPASSWORD"));
    m_service->setPlaceholderText(envValue("PGSERVICE").isEmpty() ? tr("pg_service.conf entry") : envValue("PGSERVICE"));
    m_sslMode->addItem(envValue("PGSSLMODE").isEmpty() ? tr("default (prefer)") : tr("default (%1)").arg(envValue("PGSSLMODE")),
                       QString());
    for (const char *mode : {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"})
        m_sslMode->addItem(QLatin1String(mode), QLatin1String(mode));

    auto *fieldsPage = new QWidget(this);
    auto *form = new QFormLayout(fieldsPage);
    form->addRow(tr("&Host:"), m_host);
    form->addRow(tr("&Port:"), m_port);
    form->addRow(tr("&Database:"), m_database);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("Pass&word:"), m_password);
    form->addRow(tr("Ser&vice:"), m_service);
    form->addRow(tr("&SSL mode:"), m_sslMode);

    auto *uriPage = new QWidget(this);
    auto *uriLayout = new QFormLayout(uriPage);
    m_uri->setPlaceholderText(QStringLiteral("postgres://user@host:5432/dbname?sslmode=require"));
    uriLayout->addRow(tr("U&RI or connection string:"), m_uri);
    auto *uriHelp = new QLabel(tr("Key/value strings work too: <code>host=db.example.com dbname=app</code>. "
                                  "Leave empty to use only the PG* environment."), uriPage);
    uriHelp->setWordWrap(true);
    uriLayout->addRow(uriHelp);

    m_modeTabs->addTab(fieldsPage, tr("Parameters"));
    m_modeTabs->addTab(uriPage, tr("URI"));

    m_schemas->setText(QStringLiteral("public"));
    m_schemas->setToolTip(tr("Comma-separated PostgreSQL schemas to reflect into GraphQL."));

    m_envHint->setWordWrap(true);
    m_envHint->setForegroundRole(QPalette::PlaceholderText);
    updateEnvironmentHint();

    m_testResult->setObjectName(QStringLiteral("testResult"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_testResult->setMinimumHeight(m_testResult->fontMetrics().height() * 2);

    auto *connectButton = m_buttons->addButton(tr("&Connect"), QDialogButtonBox::AcceptRole);
    connectButton->setDefault(true);
    m_buttons->addButton(m_testButton, QDialogButtonBox::ActionRole);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_testButton, &QPushButton::clicked, this, &PgConnectionDialog::testConnection);
    connect(m_testWatcher, &QFutureWatcher<QPair<bool, QString>>::finished, this, [this] {
        const auto [ok, text] = m_testWatcher->result();
        m_testResult->setText(text);
        m_testResult->setStyleSheet(ok ? QString() : QStringLiteral("color: #d0453a"));
        m_testButton->setEnabled(true);
        emit testFinished(ok);
    });

    auto *recentRow = new QFormLayout;
    recentRow->addRow(tr("R&ecent:"), m_recent);
    auto *schemaRow = new QFormLayout;
    schemaRow->addRow(tr("S&chemas to reflect:"), m_schemas);
    auto *secretNote = new QLabel(PasswordKeychain::instance()->statusText(), this);
    secretNote->setObjectName(QStringLiteral("secretNote"));
    secretNote->setWordWrap(true);
    secretNote->setForegroundRole(QPalette::PlaceholderText);
    connect(PasswordKeychain::instance(), &PasswordKeychain::statusChanged, secretNote,
            [secretNote] { secretNote->setText(PasswordKeychain::instance()->statusText()); });

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(recentRow);
    layout->addWidget(m_modeTabs);
    layout->addWidget(m_envHint);
    layout->addLayout(schemaRow);
    layout->addWidget(secretNote);
    layout->addWidget(m_testResult);
    layout->addWidget(m_buttons);
    resize(520, sizeHint().height());
}

PgConnectionDialog::~PgConnectionDialog()
{
    // The test keeps running on its pool thread; it owns copies of everything it uses.
    m_testWatcher->disconnect(this);
}

void PgConnectionDialog::updateEnvironmentHint()
{
    QStringList set;
    for (const char *name : {"PGHOST", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE", "PGSSLMODE", "PGPASSFILE"})
        if (!envValue(name).isEmpty())
            set.append(QLatin1String(name));
    if (!envValue("PGPASSWORD").isEmpty())
        set.append(QStringLiteral("PGPASSWORD"));
    m_envHint->setText(set.isEmpty() ? tr("Empty fields fall back to libpq defaults, .pgpass and pg_service.conf.")
                                     : tr("Empty fields fall back to %1, .pgpass and pg_service.conf.")
                                           .arg(set.join(QLatin1String(", "))));
}

void PgConnectionDialog::setParams(const PgConnectionParams &p)
{
    m_modeTabs->setCurrentIndex(p.mode == PgConnectionParams::Uri ? 1 : 0);
    m_uri->setText(p.uri);
    m_host->setText(p.host);
    m_port->setText(p.port);
    m_database->setText(p.database);
    m_user->setText(p.user);
    m_password->setText(p.password);
    m_service->setText(p.service);
    const int ssl = m_sslMode->findData(p.sslMode);
    m_sslMode->setCurrentIndex(ssl < 0 ? 0 : ssl);
    m_schemas->setText(p.schemas);
}

PgConnectionParams PgConnectionDialog::params() const
{
    PgConnectionParams p;
    p.mode = m_modeTabs->currentIndex() == 1 ? PgConnectionParams::Uri : PgConnectionParams::Fields;
    p.uri = m_uri->text();
    p.host = m_host->text();
    p.port = m_port->text();
    p.database = m_database->text();
    p.user = m_user->text();
    p.password = m_password->text();
    p.service = m_service->text();
    p.sslMode = m_sslMode->currentData().toString();
    p.schemas = m_schemas->text();
    return p;
}

void PgConnectionDialog::fillFromRecent(int index)
{
    if (index <= 0 || index > m_recentList.size())
        return;
    setParams(m_recentList.at(index - 1));
}

void PgConnectionDialog::testConnection()
{
    if (m_testWatcher->isRunning())
        return;
    m_testButton->setEnabled(false);
    m_testResult->setStyleSheet(QString());
    m_testResult->setText(tr("Testing %1…").arg(params().displayName()));
    m_testWatcher->setFuture(QtConcurrent::run(runTest, params().conninfo()));
}

QString PgConnectionDialog::testResultText() const { return m_testResult->text(); }

bool PgConnectionDialog::isTesting() const { return m_testWatcher->isRunning(); }

} // namespace refract::ui
