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
#include "remotesession.h"
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
    // A restored tab's identity may have arrived before its profile.
    if (QueryTab *tab = currentQueryTab(); tab && !tab->identityKey().isEmpty())
        m_connectionBar->selectIdentity(tab->identityKey());
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
    if (m_remote->isConnected()) { // a deployed GraphQL API: over HTTP, with its headers
        m_runner->runRemote(tab, m_remote->endpoint(), m_context);
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
    // The tab remembers who it last ran as (and how), for after a restart.
    tab->setIdentityKey(identity.key);
    tab->setDryRun(m_dryRunAction->isChecked());
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
    const QString endpoint = m_remote->isConnected() ? m_remote->endpoint().url.toString(QUrl::RemoveUserInfo)
        : m_localServer->isRunning()
        ? m_localServer->url().toString()
        : QSettings().value(QStringLiteral("query/endpoint"), QStringLiteral("http://127.0.0.1:5000/graphql")).toString();
    QString error;
    const QString command =
        RunController::curlCommand(tab, endpoint, &error, m_remote->isConnected() ? &m_remote->endpoint() : nullptr);
    if (command.isEmpty()) {
        statusBar()->showMessage(error, 8000);
        return;
    }
    QGuiApplication::clipboard()->setText(command);
    if (command.contains(QLatin1String("$REFRACT_SECRET_")))
        statusBar()->showMessage(tr("Copied a cURL command for %1; it reads secret headers from $REFRACT_SECRET_… variables")
                                     .arg(endpoint),
                                 6000);
    else
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

} // namespace refract::ui
