#pragma once

#include <reflect/catalog.h>
#include <reflect/reflectoptions.h>

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>

#include <memory>

namespace refract::ui {

/// What one Run needs; everything is copied or immutable, so the pool thread shares nothing mutable.
struct QueryRunRequest
{
    QString conninfo;
    std::shared_ptr<const reflect::Catalog> catalog;
    reflect::Preset preset = reflect::Preset::PostGraphile;
    QString document;
    QString operationName;
    QJsonObject variables;
    QList<QPair<QString, QString>> settings; ///< role and claims; empty: the connection's role
    bool dryRun = false;
};

struct QueryRunOutcome
{
    bool cancelled = false;
    QByteArray response;    ///< a GraphQL response; failures are spec-shaped `{"errors":[…]}`
    bool executed = false;  ///< the operation reached the database
    int statementCount = 0; ///< Executor::lastStatementCount()
    qint64 elapsedMs = 0;   ///< connect + parse + validate + compile + execute
    qint64 executeMs = 0;   ///< execute alone
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

signals:
    void finished(const refract::ui::QueryRunOutcome &outcome);

private:
    std::shared_ptr<State> m_state;
};

} // namespace refract::ui

Q_DECLARE_METATYPE(refract::ui::QueryRunOutcome)
