#pragma once


#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QStringList>

#include <memory>

namespace refract::ui {

class SchemaContext;

/// What one Run needs; everything is copied or immutable, so the pool thread shares nothing mutable.
struct QueryRunRequest
{
    QString conninfo;
    /// The reflected schema with its metadata and catalog, reused from the reflect job.
    std::shared_ptr<const SchemaContext> context;
    QString document;
    QString operationName;
    QJsonObject variables;
    QList<QPair<QString, QString>> settings; ///< role and claims; empty: the connection's role
    bool dryRun = false;
    /// After the run: each root field's SQL and its EXPLAIN plan, as the same identity, rolled back.
    bool explain = true;
};

/// One root field's SQL as it ran, its parameters and plan.
struct FieldSql
{
    QString field;
    QString preSql;       ///< mutations: the change itself
    QStringList preParams;
    QString sql;
    QStringList params;   ///< text form; NULL for SQL nulls
    QByteArray plan;      ///< EXPLAIN (FORMAT JSON) output
    QString error;        ///< why there is no plan
};

struct QueryRunOutcome
{
    bool cancelled = false;
    QByteArray response;    ///< a GraphQL response; failures are spec-shaped `{"errors":[…]}`
    bool executed = false;  ///< the operation reached the database
    int statementCount = 0; ///< Executor::lastStatementCount()
    qint64 elapsedMs = 0;   ///< connect + parse + validate + compile + execute
    qint64 executeMs = 0;   ///< execute alone
    QList<FieldSql> sql;    ///< with request.explain
    /// Who the statements ran as, read inside the identity transaction (with request.explain).
    QString currentUser;
    bool superuser = false;
    bool bypassRls = false;
    bool identityKnown = false;
};

/// Parses, validates, compiles and executes one operation on a pool thread with a connection of
/// its own (libpq connections are never shared between threads). cancel() reaches both the
/// executor's flag and PQcancel, and reports `cancelled` at once; the late result is dropped.
class QueryRun : public QObject
{
    Q_OBJECT
public:
    explicit QueryRun(QObject *parent = nullptr);
    ~QueryRun() override;

    /// Starts a run; a run still going is cancelled first.
    void start(const QueryRunRequest &request);
    void cancel();
    bool isRunning() const;

    /// The whole run, synchronously (the pool thread's body).
    struct State;
    static QueryRunOutcome run(const QueryRunRequest &request, State *state);
    /// The SQL tab's text for an outcome.
    static QString sqlText(const QList<FieldSql> &fields);

signals:
    void finished(const refract::ui::QueryRunOutcome &outcome);

private:
    std::shared_ptr<State> m_state;
};

} // namespace refract::ui

Q_DECLARE_METATYPE(refract::ui::QueryRunOutcome)
