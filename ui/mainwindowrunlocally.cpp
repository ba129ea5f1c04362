// MainWindow's Query → Run Locally: the options dialog, starting and stopping the server for the
// connection, and the status-bar panel with its URL, a copy button and a ready-made curl line
// carrying the current identity's token. Kept apart from mainwindowactions.cpp.
#include "mainwindow.h"

#include "connectionbar.h"
#include "eventlog.h"
#include "localservercontroller.h"
#include "passwordkeychain.h"
#include "queryeditor.h"
#include "querytab.h"
#include "runlocallydialog.h"

#include <QAction>
#include <QClipboard>
#include <QDateTime>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QStatusBar>
#include <QToolButton>

#include <algorithm>

namespace refract::ui {

namespace {

QString shellQuote(const QString &s)
{
    QString out = s;
    out.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + out + QLatin1Char('\'');
}

} // namespace

void MainWindow::createRunLocallyAction()
{
    m_localServer = new LocalServerController(this);
    m_runLocallyAction = new QAction(tr("Run &Locally…"), this);
    m_runLocallyAction->setObjectName(QStringLiteral("actionRunLocally"));
    m_runLocallyAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    m_runLocallyAction->setStatusTip(tr("Serve this connection's GraphQL API on 127.0.0.1, as `refract-cli serve` does"));
    m_runLocallyAction->setCheckable(true);
    // While the server runs, the status bar shows its URL with buttons to copy it and a curl line.
    auto *panel = new QWidget(this);
    panel->setObjectName(QStringLiteral("localServerPanel"));
    auto *layout = new QHBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *urlLabel = new QLabel(panel);
    urlLabel->setObjectName(QStringLiteral("localServerUrl"));
    urlLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *copyUrl = new QToolButton(panel);
    copyUrl->setObjectName(QStringLiteral("copyServerUrl"));
    copyUrl->setText(tr("Copy URL"));
    copyUrl->setToolTip(tr("Copy the server's URL"));
    auto *copyCurl = new QToolButton(panel);
    copyCurl->setObjectName(QStringLiteral("copyServerCurl"));
    copyCurl->setText(tr("Copy curl"));
    copyCurl->setToolTip(tr("A curl command for the current tab's operation, with the current identity's token"));
    layout->addWidget(urlLabel);
    layout->addWidget(copyUrl);
    layout->addWidget(copyCurl);
    panel->hide();
    statusBar()->addPermanentWidget(panel);
    connect(copyUrl, &QToolButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_localServer->url().toString());
        statusBar()->showMessage(tr("Copied %1").arg(m_localServer->url().toString()), 3000);
    });
    connect(copyCurl, &QToolButton::clicked, this, [this] {
        QString note;
        const QString command = localServerCurl(&note);
        if (command.isEmpty()) {
            statusBar()->showMessage(note, 6000);
            return;
        }
        QGuiApplication::clipboard()->setText(command); // holds a token: clipboard only, never the log
        statusBar()->showMessage(note, 6000);
    });
    connect(m_runLocallyAction, &QAction::triggered, this, &MainWindow::toggleRunLocally);
    connect(m_localServer, &LocalServerController::started, this, [this, panel, urlLabel](const QUrl &url) {
        const QString u = url.toString();
        const LocalServerController::ServeOptions &serve = m_localServer->serveOptions();
        urlLabel->setText(serve.auth.key.isEmpty() ? tr("Serving %1").arg(u) : tr("Serving %1 (JWT)").arg(u));
        panel->show();
        m_runLocallyAction->setChecked(true);
        m_runLocallyAction->setText(tr("Stop &Local Server"));
        const QString role = serve.auth.defaultRole.isEmpty() ? tr("the connection's role") : serve.auth.defaultRole;
        log(EventLog::Info, serve.auth.key.isEmpty()
                                ? tr("Local server running at %1 (Copy as cURL points there); requests run as %2").arg(u, role)
                                : tr("Local server running at %1 (Copy as cURL points there); tokens are verified (%2 "
                                     "claims mapping), requests without one run as %3")
                                      .arg(u, serve.auth.claimsMapping, role));
    });
    connect(m_localServer, &LocalServerController::failed, this, [this, panel](const QString &error) {
        panel->hide();
        m_runLocallyAction->setChecked(false);
        m_runLocallyAction->setText(tr("Run &Locally…"));
        log(EventLog::Error, tr("Local server did not start: %1").arg(error));
    });
    connect(m_localServer, &LocalServerController::stopped, this, [this, panel] {
        panel->hide();
        m_runLocallyAction->setChecked(false);
        m_runLocallyAction->setText(tr("Run &Locally…"));
        log(EventLog::Info, tr("Local server stopped"));
    });
}

QString MainWindow::localServerCurl(QString *note) const
{
    QueryTab *tab = currentQueryTab();
    if (!m_localServer->isRunning() || !tab) {
        *note = tr("The local server is not running");
        return {};
    }
    QJsonObject body{{QStringLiteral("query"), tab->editor()->text()}};
    const QJsonDocument vars = QJsonDocument::fromJson(tab->variablesEdit()->toPlainText().toUtf8());
    if (vars.isObject() && !vars.object().isEmpty())
        body.insert(QStringLiteral("variables"), vars.object());
    QString command = QStringLiteral("curl -s %1 -H 'Content-Type: application/json'").arg(shellQuote(m_localServer->url().toString()));
    const LocalServerController::ServeOptions &serve = m_localServer->serveOptions();
    const QString key = m_connectionBar->currentIdentity().key;
    const auto profile = std::find_if(m_profiles.begin(), m_profiles.end(), [&](const auto &p) { return p.name == key; });
    const QString role = serve.auth.defaultRole.isEmpty() ? tr("the connection's role") : serve.auth.defaultRole;
    if (serve.auth.key.isEmpty()) {
        *note = tr("Copied a curl command (the server verifies no tokens: it runs as %1)").arg(role);
    } else if (profile == m_profiles.end()) {
        *note = tr("Copied a curl command without a token (it runs as %1)").arg(role);
    } else {
        // Signed with the server's own key, so that it verifies: the identity's claims as a token.
        QString error;
        identity::IdentityProfile p = *profile;
        if (p.tokenLifetimeSecs <= 0)
            p.tokenLifetimeSecs = 3600; // a token pasted somewhere should not live for ever
        const QByteArray token = p.signToken(serve.auth.key, QDateTime::currentSecsSinceEpoch(), &error);
        if (token.isEmpty()) {
            *note = tr("Could not sign a token for %1: %2").arg(p.name, error);
            return {};
        }
        command += QStringLiteral(" -H %1").arg(shellQuote(QStringLiteral("Authorization: Bearer ") + QString::fromLatin1(token)));
        *note = tr("Copied a curl command with a token for %1 (valid for an hour)").arg(p.name);
    }
    command += QStringLiteral(" --data-binary %1").arg(shellQuote(QString::fromUtf8(QJsonDocument(body).toJson(QJsonDocument::Compact))));
    return command;
}

void MainWindow::toggleRunLocally()
{
    if (m_localServer->state() != LocalServerController::Stopped) {
        const bool starting = m_localServer->state() == LocalServerController::Starting;
        m_localServer->stop();
        m_runLocallyAction->setChecked(false);
        if (starting)
            log(EventLog::Info, tr("Local server start cancelled"));
        return;
    }
    if (!m_haveParams || !m_connection) {
        m_runLocallyAction->setChecked(false);
        log(EventLog::Warning, tr("Connect to a database first (Ctrl+Shift+O), then Run Locally."));
        return;
    }
    m_runLocallyAction->setChecked(false);
    RunLocallyDialog dialog(m_profiles, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const RunLocallyDialog::Options o = dialog.options();
    LocalServerController::ServeOptions serve;
    serve.host = QHostAddress(o.host);
    if (serve.host.isNull()) // "localhost"
        serve.host = QHostAddress(QHostAddress::LocalHost);
    serve.port = o.port;
    serve.poolSize = o.poolSize;
    serve.auth.defaultRole = o.defaultRole;
    serve.auth.claimsMapping = o.claimsMapping;
    QStringList schemas = m_params.schemaList();
    if (schemas.isEmpty())
        schemas = {QStringLiteral("public")};
    if (!RunLocallyDialog::isLoopback(o.host))
        log(EventLog::Warning, tr("The local server listens on %1, not only on this machine").arg(o.host));
    auto start = [this, schemas, serve](const QByteArray &key) mutable {
        serve.auth.key = key;
        log(EventLog::Info, tr("Starting a local server for %1…").arg(m_params.displayName()));
        m_runLocallyAction->setChecked(true);
        m_localServer->start(m_params.conninfo(), schemas, m_connectionBar->preset(), serve);
    };
    if (o.secretProfile.isEmpty()) {
        start(o.typedSecret);
        return;
    }
    const auto profile = std::find_if(m_profiles.begin(), m_profiles.end(), [&](const auto &p) { return p.name == o.secretProfile; });
    if (profile == m_profiles.end() || profile->signingKeyId.isEmpty()) {
        log(EventLog::Error, tr("Local server: the profile %1 has no signing key").arg(o.secretProfile));
        return;
    }
    const QString keyId = profile->signingKeyId;
    m_runLocallyAction->setChecked(true);
    PasswordKeychain::instance()->lookup(keyId, this, [this, start, keyId](const QString &secret) mutable {
        if (secret.isEmpty()) {
            m_runLocallyAction->setChecked(false);
            log(EventLog::Error, tr("Local server: no secret is stored for the signing key %1 (set it in Identity "
                                    "Profiles, Ctrl+Shift+I)")
                                     .arg(keyId));
            return;
        }
        start(secret.toUtf8());
    });
}

} // namespace refract::ui
