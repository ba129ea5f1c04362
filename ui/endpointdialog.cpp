#include "endpointdialog.h"

#include "passwordkeychain.h"
#include "recentconnections.h"

#include <net/graphqlclient.h>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QVBoxLayout>

namespace refract::ui {

namespace {

/// Shows secret header values as dots and edits them in a password field, so that a token
/// never shows on screen (or in a screenshot) once typed.
class SecretValueDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    static bool isSecretRow(const QModelIndex &index)
    {
        const QModelIndex secret = index.siblingAtColumn(EndpointDialog::SecretColumn);
        const QString name = index.siblingAtColumn(EndpointDialog::NameColumn).data().toString();
        return secret.data(Qt::CheckStateRole).toInt() == Qt::Checked || RemoteEndpoint::isSecretName(name);
    }

    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (isSecretRow(index) && !option->text.isEmpty())
            option->text = QString(qMin<qsizetype>(option->text.size(), 24), QChar(0x2022));
    }

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QWidget *w = QStyledItemDelegate::createEditor(parent, option, index);
        if (auto *edit = qobject_cast<QLineEdit *>(w); edit && isSecretRow(index))
            edit->setEchoMode(QLineEdit::Password);
        return w;
    }
};

} // namespace

EndpointDialog::EndpointDialog(QWidget *parent)
    : QDialog(parent)
    , m_recent(new QComboBox(this))
    , m_url(new QLineEdit(this))
    , m_headers(new QTableWidget(0, 3, this))
    , m_introspection(new QRadioButton(tr("By &introspection"), this))
    , m_sdl(new QRadioButton(tr("From an SDL &file:"), this))
    , m_sdlPath(new QLineEdit(this))
    , m_browse(new QPushButton(tr("&Browse…"), this))
    , m_testButton(new QPushButton(tr("&Test"), this))
    , m_testProgress(new QProgressBar(this))
    , m_testResult(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
    , m_client(new net::GraphQLClient(this))
{
    setObjectName(QStringLiteral("endpointDialog"));
    setWindowTitle(tr("Connect to GraphQL Endpoint"));
    setMinimumWidth(620);

    m_recent->setObjectName(QStringLiteral("recentEndpoints"));
    m_recentList = RecentConnections::loadEndpoints();
    m_recent->addItem(m_recentList.isEmpty() ? tr("(no recent endpoints)") : tr("(choose a recent endpoint)"));
    for (const RemoteEndpoint &e : std::as_const(m_recentList)) {
        const QStringList names = e.headerNames();
        m_recent->addItem(names.isEmpty() ? e.url.toString()
                                          : tr("%1 — headers: %2").arg(e.url.toString(), names.join(QLatin1String(", "))));
    }
    m_recent->setEnabled(!m_recentList.isEmpty());
    connect(m_recent, &QComboBox::activated, this, &EndpointDialog::fillFromRecent);

    m_url->setObjectName(QStringLiteral("endpointUrl"));
    m_url->setPlaceholderText(QStringLiteral("https://api.example.com/graphql"));
    m_url->setClearButtonEnabled(true);

    m_headers->setObjectName(QStringLiteral("headersTable"));
    m_headers->setHorizontalHeaderLabels({tr("Header"), tr("Value"), tr("Secret")});
    m_headers->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Interactive);
    m_headers->horizontalHeader()->setSectionResizeMode(ValueColumn, QHeaderView::Stretch);
    m_headers->horizontalHeader()->setSectionResizeMode(SecretColumn, QHeaderView::ResizeToContents);
    m_headers->setColumnWidth(NameColumn, 180);
    m_headers->verticalHeader()->hide();
    m_headers->setItemDelegateForColumn(ValueColumn, new SecretValueDelegate(m_headers));
    m_headers->setMinimumHeight(130);
    m_headers->setToolTip(tr("Sent with every request. Values of Authorization, x-api-key and headers marked secret "
                             "are kept in the keychain, never in settings or the workspace file."));
    // Ticking "Secret" (or naming the header Authorization) masks the value at once.
    connect(m_headers, &QTableWidget::itemChanged, m_headers->viewport(), qOverload<>(&QWidget::update));
    auto *addHeader = new QPushButton(tr("&Add Header"), this);
    addHeader->setObjectName(QStringLiteral("addHeaderButton"));
    auto *removeHeader = new QPushButton(tr("&Remove"), this);
    connect(addHeader, &QPushButton::clicked, this, [this] {
        addHeaderRow({});
        m_headers->setCurrentCell(m_headers->rowCount() - 1, NameColumn);
        m_headers->editItem(m_headers->item(m_headers->rowCount() - 1, NameColumn));
    });
    connect(removeHeader, &QPushButton::clicked, this, [this] {
        if (m_headers->currentRow() >= 0)
            m_headers->removeRow(m_headers->currentRow());
    });

    m_introspection->setObjectName(QStringLiteral("schemaByIntrospection"));
    m_sdl->setObjectName(QStringLiteral("schemaFromSdl"));
    m_sdlPath->setObjectName(QStringLiteral("sdlPath"));
    m_introspection->setChecked(true);
    connect(m_introspection, &QRadioButton::toggled, this, &EndpointDialog::updateSchemaSource);
    connect(m_browse, &QPushButton::clicked, this, [this] {
        QSettings settings;
        const QString path = QFileDialog::getOpenFileName(this, tr("Schema of the Endpoint"),
                                                          settings.value(QStringLiteral("files/lastSdlDir")).toString(),
                                                          tr("GraphQL SDL (*.graphql *.graphqls *.gql *.sdl);;All files (*)"));
        if (path.isEmpty())
            return;
        settings.setValue(QStringLiteral("files/lastSdlDir"), QFileInfo(path).absolutePath());
        m_sdlPath->setText(path);
        m_sdl->setChecked(true);
    });

    m_testButton->setObjectName(QStringLiteral("testButton"));
    m_testButton->setToolTip(tr("Introspect the endpoint now (without connecting)"));
    connect(m_testButton, &QPushButton::clicked, this, &EndpointDialog::test);
    m_testProgress->setRange(0, 0);
    m_testProgress->setMaximumHeight(14);
    m_testProgress->setMaximumWidth(120);
    m_testProgress->setTextVisible(false);
    m_testProgress->hide();
    m_testResult->setObjectName(QStringLiteral("testResult"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Connect"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &EndpointDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &EndpointDialog::reject);

    auto *form = new QFormLayout;
    form->addRow(tr("Recent:"), m_recent);
    form->addRow(tr("&URL:"), m_url);

    auto *headerButtons = new QHBoxLayout;
    headerButtons->addWidget(addHeader);
    headerButtons->addWidget(removeHeader);
    headerButtons->addStretch();
    auto *secretNote = new QLabel(PasswordKeychain::instance()->statusText(), this);
    secretNote->setObjectName(QStringLiteral("secretNote"));
    secretNote->setWordWrap(true);
    secretNote->setEnabled(false); // a quiet hint, not a control
    connect(PasswordKeychain::instance(), &PasswordKeychain::statusChanged, secretNote,
            [secretNote] { secretNote->setText(PasswordKeychain::instance()->statusText()); });

    auto *sdlRow = new QHBoxLayout;
    sdlRow->addWidget(m_sdl);
    sdlRow->addWidget(m_sdlPath, 1);
    sdlRow->addWidget(m_browse);

    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_testButton);
    testRow->addWidget(m_testProgress);
    testRow->addWidget(m_testResult, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Headers:"), this));
    layout->addWidget(m_headers, 1);
    layout->addLayout(headerButtons);
    layout->addWidget(secretNote);
    layout->addSpacing(6);
    layout->addWidget(new QLabel(tr("Schema:"), this));
    layout->addWidget(m_introspection);
    layout->addLayout(sdlRow);
    layout->addSpacing(6);
    layout->addLayout(testRow);
    layout->addWidget(m_buttons);

    addHeaderRow({QStringLiteral("Authorization"), QString(), true});
    updateSchemaSource();
}

EndpointDialog::~EndpointDialog() = default;

void EndpointDialog::addHeaderRow(const RemoteEndpoint::Header &header)
{
    const QSignalBlocker block(m_headers);
    const int row = m_headers->rowCount();
    m_headers->insertRow(row);
    m_headers->setItem(row, NameColumn, new QTableWidgetItem(header.name));
    m_headers->setItem(row, ValueColumn, new QTableWidgetItem(header.value));
    auto *secret = new QTableWidgetItem;
    secret->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
    secret->setCheckState(header.secret || RemoteEndpoint::isSecretName(header.name) ? Qt::Checked : Qt::Unchecked);
    m_headers->setItem(row, SecretColumn, secret);
}

void EndpointDialog::setEndpoint(const RemoteEndpoint &endpoint)
{
    m_url->setText(endpoint.url.toString());
    m_headers->setRowCount(0);
    for (const RemoteEndpoint::Header &h : endpoint.headers)
        addHeaderRow(h);
    (endpoint.schemaSource == RemoteEndpoint::SchemaSource::SdlFile ? m_sdl : m_introspection)->setChecked(true);
    m_sdlPath->setText(endpoint.sdlPath);
    updateSchemaSource();
}

RemoteEndpoint EndpointDialog::endpoint() const
{
    RemoteEndpoint e;
    e.url = QUrl::fromUserInput(m_url->text().trimmed());
    if (m_url->text().trimmed().isEmpty())
        e.url = QUrl();
    for (int row = 0; row < m_headers->rowCount(); ++row) {
        const QString name = m_headers->item(row, NameColumn) ? m_headers->item(row, NameColumn)->text().trimmed() : QString();
        if (name.isEmpty())
            continue;
        const QString value = m_headers->item(row, ValueColumn) ? m_headers->item(row, ValueColumn)->text() : QString();
        const bool secret = m_headers->item(row, SecretColumn) && m_headers->item(row, SecretColumn)->checkState() == Qt::Checked;
        e.headers.append({name, value, secret || RemoteEndpoint::isSecretName(name)});
    }
    e.schemaSource = m_sdl->isChecked() ? RemoteEndpoint::SchemaSource::SdlFile : RemoteEndpoint::SchemaSource::Introspection;
    e.sdlPath = m_sdlPath->text().trimmed();
    return e;
}

void EndpointDialog::fillFromRecent(int index)
{
    if (index <= 0 || index > m_recentList.size())
        return;
    const RemoteEndpoint e = m_recentList.at(index - 1);
    setEndpoint(e);
    // Secret values come back from the keychain (or this session's memory), row by row.
    for (int row = 0; row < m_headers->rowCount(); ++row) {
        const QString name = m_headers->item(row, NameColumn)->text();
        if (m_headers->item(row, SecretColumn)->checkState() != Qt::Checked)
            continue;
        QPointer<QTableWidget> table(m_headers);
        PasswordKeychain::instance()->lookup(e.secretKey(name), this, [table, row, name](const QString &secret) {
            if (!table || row >= table->rowCount() || table->item(row, NameColumn)->text() != name)
                return; // the form changed meanwhile
            if (table->item(row, ValueColumn)->text().isEmpty())
                table->item(row, ValueColumn)->setText(secret);
        });
    }
}

void EndpointDialog::updateSchemaSource()
{
    m_sdlPath->setEnabled(m_sdl->isChecked());
    m_browse->setEnabled(true);
}

void EndpointDialog::test()
{
    if (m_testId) { // the button reads "Cancel" while a test runs
        m_client->abort(m_testId);
        return;
    }
    const RemoteEndpoint e = endpoint();
    if (!e.isValid()) {
        setTestResult(false, tr("Enter an http:// or https:// URL."));
        emit testFinished(false);
        return;
    }
    m_client->setUrl(e.url);
    m_client->setHeaders(e.httpHeaders());
    m_client->setTimeout(60000);
    m_testButton->setText(tr("Cancel &Test"));
    m_testProgress->show();
    m_testResult->setStyleSheet(QString());
    m_testResult->setText(tr("Introspecting %1…").arg(e.displayName()));
    m_testId = m_client->introspect(this, [this](const net::IntrospectionOutcome &out) {
        m_testId = 0;
        m_testButton->setText(tr("&Test"));
        m_testProgress->hide();
        if (out.response.failure == net::GraphQLResponse::Failure::Aborted) {
            setTestResult(false, tr("Test cancelled."));
        } else if (out.schema) {
            setTestResult(true, tr("OK: %1 types (query root %2) in %3 ms.")
                                    .arg(out.schema->types().size())
                                    .arg(out.schema->queryTypeName())
                                    .arg(out.response.elapsedMs));
        } else {
            setTestResult(false, out.error);
        }
        emit testFinished(out.schema != nullptr);
    });
}

void EndpointDialog::setTestResult(bool ok, const QString &text)
{
    m_testResult->setText(text);
    m_testResult->setToolTip(text);
    m_testResult->setStyleSheet(ok ? QString() : QStringLiteral("QLabel { color: #d0453a; }"));
}

QString EndpointDialog::testResultText() const { return m_testResult->text(); }

void EndpointDialog::accept()
{
    const RemoteEndpoint e = endpoint();
    if (!e.isValid()) {
        setTestResult(false, tr("Enter an http:// or https:// URL."));
        m_url->setFocus();
        return;
    }
    if (e.schemaSource == RemoteEndpoint::SchemaSource::SdlFile && !QFileInfo(e.sdlPath).isReadable()) {
        setTestResult(false, tr("Choose a readable SDL file, or introspection."));
        m_sdlPath->setFocus();
        return;
    }
    if (m_testId)
        m_client->abort(m_testId);
    QDialog::accept();
}

void EndpointDialog::reject()
{
    if (m_testId)
        m_client->abort(m_testId);
    QDialog::reject();
}

} // namespace refract::ui
