// MainWindow's query and identity actions: Run (through the RunController), copy as cURL,
// prettify, the identity picker and profiles, and the help dialogs. Kept apart from mainwindow.cpp
// (window construction, connecting, reflecting, layout) so that each file stays readable.
#include "mainwindow.h"

#include "connectionbar.h"
#include "eventlog.h"
#include "localservercontroller.h"
#include "prettifier.h"
#include "profilesdialog.h"
#include "queryeditor.h"
#include "querytab.h"
#include "resultsview.h"
#include "runcontroller.h"
#include "shortcutsdialog.h"
#include "workspacesession.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>

namespace refract::ui {

void MainWindow::setProfiles(const QList<identity::IdentityProfile> &profiles)
{
    const QString current = m_connectionBar->currentIdentity().key;
    m_profiles = profiles;
    QList<ConnectionBar::Identity> identities;
    QList<QJsonObject> json;
    for (const identity::IdentityProfile &p : profiles) {
        QString error;
        identities.append(ConnectionBar::fromProfile(p, &error));
        if (!error.isEmpty())
            log(EventLog::Warning, tr("Identity %1: %2").arg(p.name, error));
        json.append(p.toJson()); // no secrets: profiles only name their key
    }
    m_connectionBar->setIdentities(identities);
    m_connectionBar->selectIdentity(current);
    m_session->setProfiles(json);
}

void MainWindow::openProfilesDialog()
{
    ProfilesDialog dialog(m_profiles, this);
    if (dialog.exec() == QDialog::Accepted)
        setProfiles(dialog.profiles());
}

void MainWindow::runQuery()
{
    QueryTab *tab = currentQueryTab();
    if (!tab)
        return;
    if (tab->editor()->text().trimmed().isEmpty()) {
        statusBar()->showMessage(tr("Nothing to run"), 3000);
        return;
    }
    if (!m_connection && !m_schema) {
        const QString note = tr("Connect to a database first (Ctrl+Shift+O).");
        tab->results()->showMessage(note);
        log(EventLog::Warning, note);
        return;
    }
    // Without a database (an SDL file) the runner validates only.
    const QString conninfo = m_connection && m_catalog ? m_params.conninfo() : QString();
    const ConnectionBar::Identity identity = m_connectionBar->currentIdentity();
    m_runner->run(tab, conninfo, m_context, RunController::Identity{identity.text, identity.settings},
                  m_dryRunAction->isChecked());
}

void MainWindow::copyAsCurl()
{
    QueryTab *tab = currentQueryTab();
    if (!tab)
        return;
    // The server "Run locally" started, else the endpoint `refract-cli serve` listens on unless the
    // user set another one.
    const QString endpoint = m_localServer->isRunning()
        ? m_localServer->url().toString()
        : QSettings().value(QStringLiteral("query/endpoint"), QStringLiteral("http://127.0.0.1:5000/graphql")).toString();
    QString error;
    const QString command = RunController::curlCommand(tab, endpoint, &error);
    if (command.isEmpty()) {
        statusBar()->showMessage(error, 8000);
        return;
    }
    QGuiApplication::clipboard()->setText(command);
    statusBar()->showMessage(tr("Copied a cURL command for %1").arg(endpoint), 4000);
}

void MainWindow::prettify()
{
    QueryTab *tab = currentQueryTab();
    if (!tab)
        return;
    const QString text = tab->editor()->text();
    const Prettifier::Result r = Prettifier::prettify(text);
    if (!r.ok) {
        statusBar()->showMessage(r.message, 8000);
        return;
    }
    if (r.text == text)
        return;
    int line = 0, index = 0;
    tab->editor()->getCursorPosition(&line, &index);
    tab->editor()->beginUndoAction(); // one Ctrl+Z brings the old text back
    tab->editor()->selectAll();
    tab->editor()->replaceSelectedText(r.text);
    tab->editor()->endUndoAction();
    tab->editor()->setCursorPosition(qMin(line, tab->editor()->lines() - 1), 0);
}

void MainWindow::switchIdentity()
{
    QComboBox *combo = m_connectionBar->identityCombo();
    m_connectionBar->show();
    combo->setFocus();
    combo->showPopup();
}

void MainWindow::showShortcuts()
{
    ShortcutsDialog dialog(allActions(), this);
    dialog.exec();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Refract"),
                       tr("<h3>Refract %1</h3><p>A workbench and engine for GraphQL over PostgreSQL.</p>")
                           .arg(QApplication::applicationVersion()));
}

void MainWindow::createRunLocallyAction()
{
    m_localServer = new LocalServerController(this);
    m_runLocallyAction = new QAction(tr("Run &Locally"), this);
    m_runLocallyAction->setObjectName(QStringLiteral("actionRunLocally"));
    m_runLocallyAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    m_runLocallyAction->setStatusTip(tr("Serve this connection's GraphQL API on 127.0.0.1, as `refract-cli serve` does"));
    m_runLocallyAction->setCheckable(true);
    // The URL stays in the status bar while the server runs; selectable so that it can be copied.
    auto *urlLabel = new QLabel(this);
    urlLabel->setObjectName(QStringLiteral("localServerUrl"));
    urlLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    urlLabel->hide();
    statusBar()->addPermanentWidget(urlLabel);
    connect(m_runLocallyAction, &QAction::triggered, this, &MainWindow::toggleRunLocally);
    connect(m_localServer, &LocalServerController::started, this, [this, urlLabel](const QUrl &url) {
        const QString u = url.toString();
        urlLabel->setText(tr("Serving %1").arg(u));
        urlLabel->show();
        m_runLocallyAction->setChecked(true);
        m_runLocallyAction->setText(tr("Stop &Local Server"));
        log(EventLog::Info, tr("Local server running at %1 (Copy as cURL points there)").arg(u));
    });
    connect(m_localServer, &LocalServerController::failed, this, [this, urlLabel](const QString &error) {
        urlLabel->hide();
        m_runLocallyAction->setChecked(false);
        m_runLocallyAction->setText(tr("Run &Locally"));
        log(EventLog::Error, tr("Local server did not start: %1").arg(error));
    });
    connect(m_localServer, &LocalServerController::stopped, this, [this, urlLabel] {
        urlLabel->hide();
        m_runLocallyAction->setChecked(false);
        m_runLocallyAction->setText(tr("Run &Locally"));
        log(EventLog::Info, tr("Local server stopped"));
    });
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
    QStringList schemas = m_params.schemaList();
    if (schemas.isEmpty())
        schemas = {QStringLiteral("public")};
    // 0: a free port; set server/port to keep one across runs.
    const int port = QSettings().value(QStringLiteral("server/port"), 0).toInt();
    log(EventLog::Info, tr("Starting a local server for %1…").arg(m_params.displayName()));
    m_runLocallyAction->setChecked(true);
    m_localServer->start(m_params.conninfo(), schemas, m_connectionBar->preset(), quint16(qBound(0, port, 65535)));
}

} // namespace refract::ui
