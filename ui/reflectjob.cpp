#include "reflectjob.h"

#include "schemacontext.h"

#include <pg/connection.h>
#include <reflect/catalogreader.h>
#include <reflect/schemagenerator.h>

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <mutex>

namespace refract::ui {

/// State shared between the UI thread and the pool thread of one run. The connection pointer is
/// published under the mutex only while it is open, so cancel() never races with open/close.
struct ReflectJob::Run
{
    std::atomic_bool cancelled{false};
    std::mutex mutex;
    pg::Connection *connection = nullptr;
    QFutureWatcher<ReflectOutcome> *watcher = nullptr;
};

namespace {

void runReflect(QPromise<ReflectOutcome> &promise, std::shared_ptr<ReflectJob::Run> run, QString conninfo,
                          QString displayName, QStringList schemas, reflect::Preset preset)
{
    QElapsedTimer timer;
    timer.start();
    ReflectOutcome out;
    out.displayName = displayName;
    auto done = [&] {
        out.cancelled = run->cancelled.load();
        out.elapsedMs = timer.elapsed();
        promise.addResult(out);
    };

    promise.setProgressRange(0, 3);
    promise.setProgressValueAndText(0, ReflectJob::tr("Connecting to %1…").arg(displayName));
    auto conn = std::make_shared<pg::Connection>();
    if (!conn->open(conninfo, 10)) {
        out.error = conn->lastError().toString();
        return done();
    }
    if (run->cancelled)
        return done();
    {
        std::lock_guard lock(run->mutex);
        run->connection = conn.get();
    }
    promise.setProgressValueAndText(1, ReflectJob::tr("Reading the catalog of %1…").arg(schemas.join(QLatin1String(", "))));
    auto catalog = std::make_shared<reflect::Catalog>();
    reflect::CatalogReader reader(*conn);
    const bool read = reader.read(schemas, catalog.get(), &run->cancelled);
    // The rows of `@enum` tables, so that the schema has their enums as the CLI's has.
    reflect::EnumTableData enums;
    QString enumError;
    if (read && !run->cancelled && !reflect::readEnumTables(*conn, *catalog, &enums, &enumError))
        out.schemaWarnings.append(ReflectJob::tr("Enum tables: %1").arg(enumError));
    {
        std::lock_guard lock(run->mutex);
        run->connection = nullptr;
    }
    if (!read) {
        out.error = reader.error().toString();
        return done();
    }
    if (run->cancelled)
        return done();
    out.catalog = catalog;
    promise.setProgressValueAndText(2, ReflectJob::tr("Generating the GraphQL schema…"));
    QStringList warnings;
    out.context = ReflectJob::generate(catalog, preset, enums, &warnings);
    out.schemaWarnings += warnings;
    out.schema = out.context->schemaPtr();
    promise.setProgressValueAndText(3, ReflectJob::tr("Done"));
    out.connection = conn;
    out.ok = true;
    done();
}

} // namespace

ReflectJob::ReflectJob(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<ReflectOutcome>();
}

ReflectJob::~ReflectJob()
{
    if (m_run) {
        m_run->cancelled = true;
        std::lock_guard lock(m_run->mutex);
        if (m_run->connection)
            m_run->connection->cancel();
    }
}

bool ReflectJob::isRunning() const { return bool(m_run); }

void ReflectJob::start(const QString &conninfo, const QString &displayName, const QStringList &schemas,
                       reflect::Preset preset)
{
    if (m_run)
        cancel();
    auto run = std::make_shared<Run>();
    m_run = run;
    run->watcher = new QFutureWatcher<ReflectOutcome>(this);
    connect(run->watcher, &QFutureWatcher<ReflectOutcome>::progressTextChanged, this, &ReflectJob::progress);
    connect(run->watcher, &QFutureWatcher<ReflectOutcome>::finished, this, [this, run] {
        run->watcher->deleteLater();
        if (m_run != run)
            return; // cancelled: already reported
        m_run.reset();
        ReflectOutcome outcome = run->watcher->result();
        emit finished(outcome);
    });
    run->watcher->setFuture(QtConcurrent::run(runReflect, run, conninfo, displayName, schemas, preset));
}

void ReflectJob::cancel()
{
    std::shared_ptr<Run> run = std::move(m_run);
    if (!run)
        return;
    run->cancelled = true;
    {
        std::lock_guard lock(run->mutex);
        if (run->connection)
            run->connection->cancel();
    }
    // The watcher stays connected only to delete itself when the pool thread is done.
    ReflectOutcome outcome;
    outcome.cancelled = true;
    outcome.error = tr("Cancelled");
    emit finished(outcome);
}

std::shared_ptr<const SchemaContext> ReflectJob::generate(std::shared_ptr<const reflect::Catalog> catalog,
                                                         reflect::Preset preset, const reflect::EnumTableData &enums,
                                                         QStringList *warnings)
{
    reflect::SchemaGenerator generator(*catalog, preset, reflect::ReflectOptions::defaultsFor(preset));
    generator.setEnumTableData(enums);
    auto generated = std::make_shared<reflect::GeneratedSchema>(generator.generate());
    generated->schema.addBuiltInScalars();
    generated->schema.addBuiltInDirectives();
    if (warnings)
        *warnings = generated->warnings;
    auto context = SchemaContext::fromGenerated(std::move(generated), std::move(catalog), preset);
    context->validator(); // index now, on this pool thread, rather than at the first keystroke
    return context;
}

} // namespace refract::ui
