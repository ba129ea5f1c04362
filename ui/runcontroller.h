#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QString>

#include <memory>

namespace refract::net {
class GraphQLClient;
struct GraphQLResponse;
}

namespace refract::ui {

class QueryRun;
class QueryTab;
class SchemaContext;
struct QueryRunOutcome;
struct RemoteEndpoint;

/// One executed operation, as the history keeps it.
struct ExecutedOperation
{
    QDateTime when;
    QString document;
    QString operationName;
    QString variables;   ///< the variables editor's text
    QString identity;    ///< how the identity picker named it
    QString currentUser; ///< who PostgreSQL says ran it (empty when unknown)
    bool dryRun = false;
    bool ok = false;     ///< a response without errors
    qint64 elapsedMs = 0;
};

/// Runs the operation under a tab's cursor: picks it among the tab's operations, checks the
/// variables JSON against its variable types before anything is sent, runs it on a pool thread as
/// the chosen identity, and puts the response, its SQL and plans, timing, size, statement count
/// and the effective identity (with a warning when row-level security does not apply) in the tab.
class RunController : public QObject
{
    Q_OBJECT
public:
    explicit RunController(QObject *parent = nullptr);
    ~RunController() override;

    struct Identity
    {
        QString text;                            ///< shown in the results' status line
        QList<QPair<QString, QString>> settings; ///< role and claims
    };

    /// Runs against PostgreSQL (context must be runnable); validates only when conninfo is empty.
    void run(QueryTab *tab, const QString &conninfo, std::shared_ptr<const SchemaContext> context,
             const Identity &identity, bool dryRun);
    /// Sends the operation to a deployed GraphQL API with the endpoint's headers and the tab's
    /// headers editor merged over them (remoterun.cpp). Such runs have no SQL, plan or database
    /// identity: the results say so instead of showing local markers.
    void runRemote(QueryTab *tab, const RemoteEndpoint &endpoint, std::shared_ptr<const SchemaContext> context);
    void cancel();
    bool isRunning() const;

    /// The request of the tab's current operation as a cURL command line for `endpoint`. With a
    /// GraphQL endpoint (`remote`), its headers come first and the tab's are merged over them by
    /// name, as a remote run sends them; the value of every secret header is written as a shell
    /// variable, `"$REFRACT_SECRET_<NAME>"` (secretVariable()), never in clear.
    static QString curlCommand(QueryTab *tab, const QString &endpoint, QString *error = nullptr,
                               const RemoteEndpoint *remote = nullptr);
    /// `REFRACT_SECRET_X_API_KEY` for `x-api-key`: the variable a copied command reads a secret from.
    static QString secretVariable(const QString &headerName);
    /// The tab's headers editor: a JSON object or `Name: value` lines.
    static bool parseHeaders(const QString &text, QList<QPair<QString, QString>> *out, QString *error);

signals:
    void busyChanged(bool busy, const QString &text);
    void message(int level, const QString &text);
    void executed(const refract::ui::ExecutedOperation &operation);

private:
    void onFinished(const QueryRunOutcome &outcome);
    void validateOnly(QueryTab *tab, std::shared_ptr<const SchemaContext> context);
    void onRemoteFinished(const net::GraphQLResponse &response);
    void cancelRemote();

    QueryRun *m_run = nullptr;
    QPointer<QueryTab> m_tab;
    QString m_identityText;
    ExecutedOperation m_pending;
    net::GraphQLClient *m_client = nullptr; ///< remote runs; created on first use
    quint64 m_remoteId = 0;                 ///< the remote request under way (0: none)
    QString m_remoteName;
};

} // namespace refract::ui

Q_DECLARE_METATYPE(refract::ui::ExecutedOperation)
