#pragma once

#include <graphql/schema.h>
#include <reflect/catalog.h>
#include <reflect/enumtables.h>
#include <reflect/reflectoptions.h>

#include <QObject>
#include <QStringList>

#include <memory>

namespace refract::pg {
class Connection;
}

namespace refract::ui {

class SchemaContext;

/// What a connect-and-reflect run produced.
struct ReflectOutcome
{
    bool ok = false;
    bool cancelled = false;
    QString error;                   ///< PgError text when !ok
    QString displayName;             ///< the connection without password
    std::shared_ptr<pg::Connection> connection; ///< open on success, for later queries
    std::shared_ptr<const reflect::Catalog> catalog;
    std::shared_ptr<const graphql::Schema> schema; ///< null when no schema could be generated
    /// The schema with the generator's metadata, catalog and a warmed-up validator: what Run,
    /// live validation and completion share.
    std::shared_ptr<const SchemaContext> context;
    QString schemaNote;              ///< why `schema` is null, if it is
    QStringList schemaWarnings;      ///< the generator's warnings (name clashes, bad smart tags)
    qint64 elapsedMs = 0;
};

/// Connects to PostgreSQL, reads the catalog of some schemas and generates the GraphQL schema on
/// a pool thread, reporting progress; cancel() stops it at once from the UI's point of view.
class ReflectJob : public QObject
{
    Q_OBJECT
public:
    explicit ReflectJob(QObject *parent = nullptr);
    ~ReflectJob() override;

    /// Starts a run; a run still going is cancelled first.
    void start(const QString &conninfo, const QString &displayName, const QStringList &schemas,
               reflect::Preset preset = reflect::Preset::PostGraphile);
    /// Sets the cancel flag, sends PQcancel to a running statement and reports `cancelled` now:
    /// the pool thread finishes on its own (a connection attempt ends by its connect_timeout) and
    /// its result is dropped.
    void cancel();
    bool isRunning() const;

    /// Generates the schema for a catalog (with the built-in scalars and directives validation
    /// needs) and indexes it for validation.
    static std::shared_ptr<const SchemaContext> generate(std::shared_ptr<const reflect::Catalog> catalog,
                                                         reflect::Preset preset, const reflect::EnumTableData &enums,
                                                         QStringList *warnings = nullptr);

signals:
    void progress(const QString &step);
    void finished(const refract::ui::ReflectOutcome &outcome);

public:
    /// One run's state, shared with its pool thread (defined in the source file).
    struct Run;

private:
    std::shared_ptr<Run> m_run;
};

} // namespace refract::ui

Q_DECLARE_METATYPE(refract::ui::ReflectOutcome)
