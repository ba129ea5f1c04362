// MainWindow's deployed-GraphQL-API side: File → Connect to GraphQL Endpoint…, reading the
// endpoint's schema in the background (RemoteSession), and what the window shows while connected
// to one. Runs go through RunController::runRemote. Kept apart from mainwindow.cpp (databases).
#include "mainwindow.h"

#include "connectionbar.h"
#include "endpointdialog.h"
#include "explorerwidget.h"
#include "eventlog.h"
#include "localservercontroller.h"
#include "passwordkeychain.h"
#include "recentconnections.h"
#include "remotesession.h"
#include "shortcutsdialog.h"
#include "workspacesession.h"

#include <QAction>
#include <QComboBox>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>

#include <memory>
#include <utility>

namespace refract::ui {

void MainWindow::createRemoteActions()
{
    m_remote = new RemoteSession(this);
    m_connectEndpointAction = new QAction(tr("Connect to &GraphQL Endpoint…"), this);
    m_connectEndpointAction->setObjectName(QStringLiteral("actionConnectEndpoint"));
    m_connectEndpointAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G));
    m_connectEndpointAction->setStatusTip(tr("Read a deployed GraphQL API's schema and run operations against it"));
    m_connectEndpointAction->setToolTip(tr("Connect to a GraphQL endpoint (%1)")
                                            .arg(m_connectEndpointAction->shortcut().toString(QKeySequence::NativeText)));
    m_connectEndpointAction->setIcon(style()->standardIcon(QStyle::SP_ComputerIcon)); // not the database icon
    m_connectEndpointAction->setIconText(tr("Endpoint"));
    connect(m_connectEndpointAction, &QAction::triggered, this, &MainWindow::openEndpointDialog);

    connect(m_remote, &RemoteSession::progress, this, [this](const QString &text) { setBusy(true, text); });
    connect(m_remote, &RemoteSession::connected, this,
            [this](std::shared_ptr<const graphql::Schema> schema, qint64 elapsedMs) {
        setBusy(false);
        const RemoteEndpoint &e = m_remote->endpoint();
        setSchema(schema);
        const QStringList names = e.headerNames();
        const QString identity = names.isEmpty() ? tr("identity: no headers")
                                                 : tr("identity: headers %1").arg(names.join(QLatin1String(", ")));
        const QString detail = tr("GraphQL endpoint %1 — %2 types; runs are sent over HTTP, %3")
                                   .arg(e.url.toString(QUrl::RemoveUserInfo))
                                   .arg(schema->types().size())
                                   .arg(identity);
        m_connectionBar->setConnected(tr("%1 (remote)").arg(e.displayName()), detail);
        // The database identities and naming presets do not apply to someone else's server: say
        // so instead of offering them.
        const QString why = tr("Remote endpoint — %1 (edit them in File → Connect to GraphQL Endpoint… or a tab's headers)")
                                .arg(identity);
        m_connectionBar->identityCombo()->setEnabled(false);
        m_connectionBar->identityCombo()->setToolTip(why);
        m_connectionBar->presetCombo()->setEnabled(false);
        // An empty Database tab would look like a failed reflection.
        m_explorer->setDatabaseNote(tr("A GraphQL endpoint has no database objects to show here: its types are in "
                                       "the GraphQL tab."));
        m_disconnectAction->setEnabled(true);
        log(EventLog::Info, tr("Connected to GraphQL endpoint %1: %2 types in %3 ms (%4)")
                                .arg(e.displayName())
                                .arg(schema->types().size())
                                .arg(elapsedMs)
                                .arg(identity));
        emit endpointConnected(true);
    });
    connect(m_remote, &RemoteSession::failed, this, [this](const QString &error) {
        setBusy(false);
        const QString name = m_remote->endpoint().displayName();
        m_connectionBar->setFailed(name, error);
        log(EventLog::Error, tr("Could not connect to %1: %2").arg(name, error));
        statusBar()->showMessage(tr("Connection failed: %1").arg(error), 10000);
        emit endpointConnected(false);
    });
    connect(m_remote, &RemoteSession::cancelled, this, [this] {
        setBusy(false);
        m_connectionBar->setDisconnected();
        log(EventLog::Warning, tr("Connection cancelled"));
        statusBar()->showMessage(tr("Cancelled"), 4000);
        emit endpointConnected(false);
    });
}

void MainWindow::openEndpointDialog()
{
    EndpointDialog dialog(this);
    if (m_remote->isConnected())
        dialog.setEndpoint(m_remote->endpoint());
    if (dialog.exec() != QDialog::Accepted)
        return;
    connectToEndpoint(dialog.endpoint());
}

void MainWindow::connectToEndpoint(const RemoteEndpoint &endpoint)
{
    cancelBackgroundWork();
    // An endpoint replaces the database connection: nothing local is left to run against.
    m_localServer->stop();
    ++m_connectGeneration;
    m_connection.reset();
    m_haveParams = false;
    setCatalog(nullptr);
    // Secret header values: the keychain (or this session's memory), never settings or the workspace.
    for (const RemoteEndpoint::Header &h : endpoint.headers)
        if (endpoint.isSecret(h) && !h.value.isEmpty())
            PasswordKeychain::instance()->store(endpoint.secretKey(h.name), h.value);
    RecentConnections::addEndpoint(endpoint);
    m_session->addRecentConnection(endpoint.toJson()); // also saves the endpoint as the open one
    const QString source = endpoint.schemaSource == RemoteEndpoint::SchemaSource::SdlFile
        ? tr("schema from %1").arg(endpoint.sdlPath)
        : tr("schema by introspection");
    log(EventLog::Info, tr("Connecting to GraphQL endpoint %1, %2").arg(endpoint.url.toString(QUrl::RemoveUserInfo), source));
    m_connectionBar->setConnecting(endpoint.displayName());
    m_refreshAction->setEnabled(false);
    m_remote->connectTo(endpoint);
}

void MainWindow::reopenEndpoint(const RemoteEndpoint &saved)
{
    dropEndpointReopen(); // replaced by this one
    const int ticket = m_reopenTicket;
    if (!saved.isValid())
        return;
    // Already there (File → Open of a workspace on the endpoint the window is on): nothing to redo.
    // toJson() leaves secret values out on both sides.
    if (m_remote->isConnected() && m_remote->endpoint().toJson() == saved.toJson())
        return;
    const int generation = m_connectGeneration;
    // Shared by the keychain answers: the endpoint filling up, the answers still awaited, the
    // headers the keychain had nothing for.
    struct Pending
    {
        RemoteEndpoint endpoint;
        int waiting = 0;
        QStringList missing;
    };
    auto pending = std::make_shared<Pending>();
    pending->endpoint = saved;
    log(EventLog::Info, tr("Reopening GraphQL endpoint %1, open when this workspace was last used").arg(saved.displayName()));
    auto go = [this, generation, ticket, pending] {
        // The user connected elsewhere, cancelled or opened another workspace while the keychain
        // answered: dropEndpointReopen() has put the window right already, this answer is stale.
        if (generation != m_connectGeneration || ticket != m_reopenTicket)
            return;
        if (std::exchange(m_reopenWaiting, false))
            setBusy(false); // connectToEndpoint shows its own progress
        m_reopening = QJsonObject(); // the remote session holds it from here on
        if (!pending->missing.isEmpty())
            log(EventLog::Warning,
                tr("No stored value for %1 of %2 (%3): connecting without it; set it again in File → Connect to "
                   "GraphQL Endpoint…")
                    .arg(pending->missing.join(QLatin1String(", ")), pending->endpoint.displayName(),
                         PasswordKeychain::instance()->statusText()));
        connectToEndpoint(pending->endpoint);
    };
    for (const RemoteEndpoint::Header &h : std::as_const(pending->endpoint.headers))
        if (pending->endpoint.isSecret(h) && h.value.isEmpty() && !h.name.isEmpty())
            ++pending->waiting;
    if (pending->waiting == 0) {
        go();
        return;
    }
    // Waiting for the keychain (an unlock prompt can take a while) is connecting as far as the user
    // can tell: busy, with Cancel, until the answers come or something else ends the wait.
    m_reopenWaiting = true;
    m_reopenName = saved.displayName();
    m_reopening = saved.toJson(); // secret values left out
    m_connectionBar->setConnecting(saved.displayName());
    setBusy(true, tr("Reading the secret header values of %1 from the keychain…").arg(saved.displayName()));
    for (qsizetype i = 0; i < pending->endpoint.headers.size(); ++i) {
        const RemoteEndpoint::Header &h = pending->endpoint.headers.at(i);
        if (!pending->endpoint.isSecret(h) || !h.value.isEmpty() || h.name.isEmpty())
            continue;
        PasswordKeychain::instance()->lookup(pending->endpoint.secretKey(h.name), this, [pending, i, go](const QString &secret) {
            RemoteEndpoint::Header &header = pending->endpoint.headers[i];
            if (secret.isEmpty())
                pending->missing.append(header.name);
            else
                header.value = secret;
            if (--pending->waiting == 0)
                go();
        });
    }
}

void MainWindow::dropEndpointReopen()
{
    ++m_reopenTicket; // a keychain answer still on its way finds its reopen stale
    if (!std::exchange(m_reopenWaiting, false))
        return;
    m_reopening = QJsonObject();
    // Nothing was connected yet: the window is back on nothing (whatever superseded the reopen
    // shows itself next), and whoever waits for the reopen hears that it ended.
    setBusy(false);
    m_connectionBar->setDisconnected();
    log(EventLog::Warning, tr("Reopening GraphQL endpoint %1 cancelled").arg(m_reopenName));
    emit endpointConnected(false);
}

void MainWindow::leaveRemote()
{
    m_remote->disconnectEndpoint();
    m_session->scheduleSave(); // no endpoint is open any more
    m_explorer->setDatabaseNote(QString());
    m_connectionBar->identityCombo()->setEnabled(true);
    m_connectionBar->identityCombo()->setToolTip(tr("The role and claims queries run with (Ctrl+I)"));
    m_connectionBar->presetCombo()->setEnabled(true);
}

} // namespace refract::ui
