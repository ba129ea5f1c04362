// RunController's remote path: an operation sent to a deployed GraphQL API through
// net::GraphQLClient. Kept apart from runcontroller.cpp (local runs against PostgreSQL) because
// nothing of the local machinery applies: no SQL, no plans, no database identity or RLS markers.
#include "runcontroller.h"

#include "eventlog.h"
#include "operationpicker.h"
#include "queryeditor.h"
#include "querytab.h"
#include "remoteendpoint.h"
#include "resultsview.h"
#include "schemacontext.h"
#include "variablescheck.h"

#include <net/graphqlclient.h>

#include <QPlainTextEdit>
#include <QSettings>

namespace refract::ui {

void RunController::runRemote(QueryTab *tab, const RemoteEndpoint &endpoint, std::shared_ptr<const SchemaContext> context)
{
    auto refuse = [this, tab](const QString &problem) {
        tab->results()->showMessage(problem + QLatin1Char('\n') + tr("Nothing was sent."));
        emit message(EventLog::Warning, problem.section(QLatin1Char('\n'), 0, 0) + QLatin1Char(' ') + tr("Nothing was sent."));
    };
    const QString document = tab->editor()->text();
    const OperationPicker::Result op = OperationPicker::pick(document, tab->editor()->cursorOffset());
    QJsonObject variables;
    QString error;
    if (!VariablesCheck::parse(tab->variablesEdit()->toPlainText(), &variables, &error))
        return refuse(error);
    if (op.found && context) {
        const QStringList problems = VariablesCheck::check(&context->schema(), op.variables, variables);
        if (!problems.isEmpty())
            return refuse(tr("The variables do not fit operation %1:\n• %2")
                              .arg(op.operationName.isEmpty() ? tr("(anonymous)") : op.operationName,
                                   problems.join(QLatin1String("\n• "))));
    }
    QList<QPair<QString, QString>> tabHeaders;
    if (!parseHeaders(tab->headersEdit()->toPlainText(), &tabHeaders, &error))
        return refuse(error);

    cancelRemote();
    if (!m_client)
        m_client = new net::GraphQLClient(this);
    m_client->setUrl(endpoint.url);
    m_client->setHeaders(endpoint.httpHeaders());
    // Long enough for a slow report query; Cancel ends it sooner.
    m_client->setTimeout(QSettings().value(QStringLiteral("query/remoteTimeoutMs"), 300000).toInt());

    // Who the server thinks we are is decided by the headers; name them (never their values).
    QStringList names = endpoint.headerNames();
    for (const auto &h : std::as_const(tabHeaders))
        if (!names.contains(h.first, Qt::CaseInsensitive))
            names.append(h.first);
    m_identityText = names.isEmpty() ? tr("remote endpoint — identity: no headers")
                                     : tr("remote endpoint — identity: headers %1").arg(names.join(QLatin1String(", ")));
    m_remoteName = endpoint.displayName();
    m_tab = tab;
    m_pending = ExecutedOperation{QDateTime::currentDateTimeUtc(), document, op.operationName,
                                  tab->variablesEdit()->toPlainText(), m_identityText, QString(), false, false, 0};
    const QString what = op.operationName.isEmpty() ? QString() : op.operationName + QLatin1Char(' ');
    emit message(EventLog::Info, tr("Sending %1to %2 (%3)").arg(what, m_remoteName, m_identityText));
    emit busyChanged(true, tr("Waiting for %1…").arg(m_remoteName));
    m_remoteId = m_client->post(document, op.operationName, variables, tabHeaders, this,
                                [this](const net::GraphQLResponse &r) { onRemoteFinished(r); });
}

void RunController::cancelRemote()
{
    if (m_remoteId && m_client)
        m_client->abort(m_remoteId); // reports Aborted through onRemoteFinished
    m_remoteId = 0;
}

void RunController::onRemoteFinished(const net::GraphQLResponse &response)
{
    using F = net::GraphQLResponse::Failure;
    m_remoteId = 0;
    emit busyChanged(false, QString());
    QueryTab *tab = m_tab;
    m_tab.clear();
    if (response.failure == F::Aborted) {
        emit message(EventLog::Warning, tr("Query cancelled"));
        if (tab)
            tab->results()->showMessage(tr("Cancelled."));
        return;
    }
    // A 4xx/5xx with a GraphQL body is a GraphQL response: show it, with the status.
    const bool graphql = response.ok() || (response.failure == F::Http && response.hasGraphQLBody());
    const QString note = graphql ? tr("Ran on %1 (%2) in %3 ms, HTTP %4")
                                       .arg(m_remoteName, m_identityText)
                                       .arg(response.elapsedMs)
                                       .arg(response.status)
                                 : tr("Not run on %1: %2").arg(m_remoteName, response.error);
    emit message(response.ok() ? EventLog::Info : (graphql ? EventLog::Warning : EventLog::Error), note);
    if (tab) {
        if (graphql)
            tab->results()->showJson(response.body, note);
        else
            tab->results()->showMessage(note);
        tab->results()->setWarning(QString());
        tab->results()->setSqlText(tr("Remote endpoint: the server ran this operation; its SQL and plans are not "
                                      "visible from here. Identity is whatever its headers say (%1).")
                                       .arg(m_identityText));
    }
    if (response.status != 0) {
        ExecutedOperation done = m_pending;
        done.ok = response.ok() && !response.body.startsWith("{\"errors\"") && !response.body.contains(",\"errors\":");
        done.elapsedMs = response.elapsedMs;
        emit executed(done);
    }
}

} // namespace refract::ui
