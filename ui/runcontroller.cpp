#include "runcontroller.h"

#include "documentchecker.h"
#include "eventlog.h"
#include "operationcheck.h"
#include "operationpicker.h"
#include "queryeditor.h"
#include "queryrun.h"
#include "querytab.h"
#include "remoteendpoint.h"
#include "resultsview.h"
#include "schemacontext.h"
#include "variablescheck.h"

#include <QFutureWatcher>
#include <QJsonDocument>
#include <QPlainTextEdit>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace refract::ui {

namespace {

/// What the operation and its variables are, or why nothing can be sent.
struct Prepared
{
    bool ok = false;
    QString problem;
    OperationPicker::Result operation;
    QJsonObject variables;
};

Prepared prepare(QueryTab *tab, const graphql::Schema *schema)
{
    Prepared p;
    const QString document = tab->editor()->text();
    p.operation = OperationPicker::pick(document, tab->editor()->cursorOffset());
    QString error;
    if (!VariablesCheck::parse(tab->variablesEdit()->toPlainText(), &p.variables, &error)) {
        p.problem = error;
        return p;
    }
    if (p.operation.found) {
        const QStringList problems = VariablesCheck::check(schema, p.operation.variables, p.variables);
        if (!problems.isEmpty()) {
            p.problem = RunController::tr("The variables do not fit operation %1:\n• %2")
                            .arg(p.operation.operationName.isEmpty() ? RunController::tr("(anonymous)") : p.operation.operationName,
                                 problems.join(QLatin1String("\n• ")));
            return p;
        }
    }
    p.ok = true;
    return p;
}

QString shellQuote(const QString &s)
{
    QString q = s;
    q.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + q + QLatin1Char('\'');
}

} // namespace

RunController::RunController(QObject *parent)
    : QObject(parent)
    , m_run(new QueryRun(this))
{
    qRegisterMetaType<ExecutedOperation>();
    connect(m_run, &QueryRun::finished, this, &RunController::onFinished);
}

RunController::~RunController() = default;

bool RunController::isRunning() const { return m_run->isRunning() || m_remoteId != 0; }

void RunController::cancel()
{
    m_run->cancel();
    cancelRemote();
}

void RunController::run(QueryTab *tab, const QString &conninfo, std::shared_ptr<const SchemaContext> context,
                        const Identity &identity, bool dryRun)
{
    const Prepared p = prepare(tab, context ? &context->schema() : nullptr);
    if (!p.ok) {
        const QString note = p.problem + QLatin1Char('\n') + tr("Nothing was sent.");
        tab->results()->showMessage(note);
        emit message(EventLog::Warning, p.problem.section(QLatin1Char('\n'), 0, 0) + QLatin1Char(' ') + tr("Nothing was sent."));
        return;
    }
    if (conninfo.isEmpty() || !context || !context->isRunnable()) {
        validateOnly(tab, std::move(context));
        return;
    }
    QueryRunRequest request;
    request.conninfo = conninfo;
    request.context = std::move(context);
    request.document = tab->editor()->text();
    request.operationName = p.operation.operationName;
    request.variables = p.variables;
    request.settings = identity.settings;
    request.dryRun = dryRun;
    m_tab = tab;
    m_identityText = identity.text;
    if (dryRun)
        m_identityText += tr(", dry run (rolled back)");
    m_pending = ExecutedOperation{QDateTime::currentDateTimeUtc(), request.document, request.operationName,
                                  tab->variablesEdit()->toPlainText(), identity.text, QString(), dryRun, false, 0};
    const QString what = p.operation.operationName.isEmpty() ? QString() : p.operation.operationName + QLatin1Char(' ');
    emit message(EventLog::Info, tr("Running %1as %2").arg(what, m_identityText));
    emit busyChanged(true, tr("Running as %1…").arg(m_identityText));
    m_run->start(request);
}

void RunController::onFinished(const QueryRunOutcome &outcome)
{
    emit busyChanged(false, QString());
    QueryTab *tab = m_tab;
    m_tab.clear();
    if (outcome.cancelled) {
        emit message(EventLog::Warning, tr("Query cancelled"));
        if (tab)
            tab->results()->showMessage(tr("Cancelled."));
        return;
    }
    QString who = m_identityText;
    if (outcome.identityKnown)
        who += tr(" (current_user %1)").arg(outcome.currentUser);
    const QString note = outcome.executed ? tr("Ran as %1 in %2 ms (execute %3 ms), %4 SQL statement(s)")
                                                .arg(who)
                                                .arg(outcome.elapsedMs)
                                                .arg(outcome.executeMs)
                                                .arg(outcome.statementCount)
                                          : tr("Not run (as %1): the request has errors").arg(m_identityText);
    emit message(outcome.executed ? EventLog::Info : EventLog::Warning, note);
    if (tab) {
        tab->results()->showJson(outcome.response, note);
        tab->results()->setSqlText(QueryRun::sqlText(outcome.sql));
        // Row-level security is not applied to superusers and BYPASSRLS roles: the result may
        // show rows the identity would not see in production.
        if (outcome.identityKnown && (outcome.superuser || outcome.bypassRls))
            tab->results()->setWarning(tr("⚠ Row-level security was NOT applied: %1 is %2.")
                                           .arg(outcome.currentUser,
                                                outcome.superuser ? tr("a superuser") : tr("a role with BYPASSRLS")));
    }
    if (outcome.executed) {
        ExecutedOperation done = m_pending;
        done.currentUser = outcome.currentUser;
        done.ok = !outcome.response.startsWith("{\"errors\"") && !outcome.response.contains(",\"errors\":");
        done.elapsedMs = outcome.elapsedMs;
        emit executed(done);
    }
}

void RunController::validateOnly(QueryTab *tab, std::shared_ptr<const SchemaContext> context)
{
    // Validation runs on a pool thread (indexing a large schema takes a moment).
    using Check = OperationCheck::Result;
    auto *watcher = new QFutureWatcher<Check>(this);
    QPointer<QueryTab> target(tab);
    connect(watcher, &QFutureWatcher<Check>::finished, this, [this, watcher, target] {
        watcher->deleteLater();
        const Check r = watcher->result();
        if (!target)
            return;
        if (!r.valid) {
            target->results()->showJson(r.errorsJson);
            emit message(EventLog::Warning, tr("The operation has %1 validation error(s)").arg(r.errorCount));
            return;
        }
        const QString note = tr("The operation is valid against the schema. Connect to a database to run it.");
        target->results()->showMessage(note);
        emit message(EventLog::Info, note);
    });
    watcher->setFuture(QtConcurrent::run(
        [context, text = tab->editor()->text()] {
            return OperationCheck::check(context ? context->schemaPtr() : nullptr, text);
        }));
}

bool RunController::parseHeaders(const QString &text, QList<QPair<QString, QString>> *out, QString *error)
{
    out->clear();
    const QString t = text.trimmed();
    if (t.isEmpty())
        return true;
    if (t.startsWith(QLatin1Char('{'))) {
        QJsonParseError e;
        const QJsonDocument doc = QJsonDocument::fromJson(t.toUtf8(), &e);
        if (!doc.isObject()) {
            *error = tr("Headers are not a valid JSON object: %1").arg(e.errorString());
            return false;
        }
        const QJsonObject o = doc.object();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!it.value().isString()) {
                *error = tr("Header %1: the value must be a string").arg(it.key());
                return false;
            }
            out->append({it.key(), it.value().toString()});
        }
        return true;
    }
    int lineNo = 0;
    for (const QString &line : t.split(QLatin1Char('\n'))) {
        ++lineNo;
        if (line.trimmed().isEmpty())
            continue;
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        if (colon <= 0) {
            *error = tr("Headers, line %1: expected \"Name: value\" or a JSON object").arg(lineNo);
            return false;
        }
        out->append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    return true;
}

QString RunController::secretVariable(const QString &headerName)
{
    QString name = QStringLiteral("REFRACT_SECRET_");
    for (const QChar c : headerName)
        name += (c.isLetterOrNumber() && c.unicode() < 128) ? c.toUpper() : QLatin1Char('_');
    return name;
}

QString RunController::curlCommand(QueryTab *tab, const QString &endpoint, QString *error, const RemoteEndpoint *remote)
{
    QJsonObject variables;
    QString problem;
    if (!VariablesCheck::parse(tab->variablesEdit()->toPlainText(), &variables, &problem)) {
        if (error)
            *error = problem;
        return QString();
    }
    QList<QPair<QString, QString>> headers;
    if (!parseHeaders(tab->headersEdit()->toPlainText(), &headers, &problem)) {
        if (error)
            *error = problem;
        return QString();
    }
    const QString document = tab->editor()->text();
    const OperationPicker::Result op = OperationPicker::pick(document, tab->editor()->cursorOffset());
    QJsonObject body{{QStringLiteral("query"), document}};
    if (!op.operationName.isEmpty())
        body.insert(QStringLiteral("operationName"), op.operationName);
    if (!variables.isEmpty())
        body.insert(QStringLiteral("variables"), variables);
    // One option per line, as browsers' "copy as cURL" writes it.
    QStringList lines{QStringLiteral("curl ") + shellQuote(endpoint),
                      QStringLiteral("-H ") + shellQuote(QStringLiteral("Content-Type: application/json"))};
    struct Line
    {
        QString name, value;
        bool secret = false;
    };
    QList<Line> sent;
    if (remote)
        for (const RemoteEndpoint::Header &h : remote->headers)
            if (!h.name.trimmed().isEmpty())
                sent.append({h.name.trimmed(), h.value, remote->isSecret(h)});
    for (const auto &[name, value] : std::as_const(headers)) {
        // The tab's header replaces the endpoint's of the same name (HTTP names ignore case).
        auto same = std::find_if(sent.begin(), sent.end(),
                                 [&](const Line &l) { return l.name.compare(name, Qt::CaseInsensitive) == 0; });
        const bool secret = remote && (RemoteEndpoint::isSecretName(name) || (same != sent.end() && same->secret));
        if (same != sent.end())
            *same = {name, value, secret};
        else
            sent.append({name, value, secret});
    }
    for (const Line &h : std::as_const(sent)) {
        // A secret is read from the shell's environment when the command runs, so the clipboard
        // (and wherever it is pasted) never holds it.
        lines << (h.secret ? QStringLiteral("-H ") + shellQuote(h.name + QStringLiteral(": ")) + QLatin1Char('"')
                                 + QLatin1Char('$') + secretVariable(h.name) + QLatin1Char('"')
                           : QStringLiteral("-H ") + shellQuote(h.name + QStringLiteral(": ") + h.value));
    }
    lines << QStringLiteral("--data-raw ") + shellQuote(QString::fromUtf8(QJsonDocument(body).toJson(QJsonDocument::Compact)));
    return lines.join(QLatin1String(" \\\n  "));
}

} // namespace refract::ui
