#pragma once

// A throwaway database for one test executable: created under a unique name on the server the PG*
// environment names (scripts/test starts one), dropped again when the object goes away.
// Header-only so any test target can include it without a library of its own.

#include <pg/connection.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QRandomGenerator>
#include <QString>

namespace refract::test {

#ifdef REFRACT_TEST_SOURCE_DIR
/// The source tree: REFRACT_SOURCE_DIR (scripts/test sets it) or the one the test was built from.
inline QString sourceDir()
{
    const QString src = qEnvironmentVariable("REFRACT_SOURCE_DIR");
    return src.isEmpty() ? QStringLiteral(REFRACT_TEST_SOURCE_DIR) : src;
}
#endif

inline bool hasPgEnvironment()
{
    return !qEnvironmentVariableIsEmpty("PGHOST") || !qEnvironmentVariableIsEmpty("PGPORT")
        || !qEnvironmentVariableIsEmpty("PGDATABASE");
}

class TestDatabase
{
public:
    TestDatabase() = default;
    TestDatabase(const TestDatabase &) = delete;
    TestDatabase &operator=(const TestDatabase &) = delete;
    ~TestDatabase() { drop(); }

    /// Creates the database; `prefix` names the test so leftovers are easy to attribute.
    bool create(const QString &prefix)
    {
        m_name = QStringLiteral("%1_%2_%3")
                     .arg(prefix)
                     .arg(QCoreApplication::applicationPid())
                     .arg(QRandomGenerator::global()->generate() % 100000);
        pg::Connection admin;
        if (!admin.open(QString())) {
            m_error = admin.lastError().toString();
            return false;
        }
        const pg::Result r = admin.exec(QStringLiteral("create database %1").arg(pg::Connection::quoteIdentifier(m_name)));
        if (!r.ok()) {
            m_error = r.error().toString();
            return false;
        }
        m_created = true;
        return true;
    }

    void drop()
    {
        if (!m_created)
            return;
        pg::Connection admin;
        if (admin.open(QString()))
            admin.exec(QStringLiteral("drop database if exists %1 with (force)").arg(pg::Connection::quoteIdentifier(m_name)));
        m_created = false;
    }

    /// Key/value conninfo for this database; host, port and user come from the environment.
    QString conninfo() const
    {
        QString n = m_name;
        n.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('\''), QLatin1String("\\'"));
        return QStringLiteral("dbname='%1'").arg(n);
    }
    const QString &name() const { return m_name; }
    const QString &error() const { return m_error; }

private:
    QString m_name;
    QString m_error;
    bool m_created = false;
};

/// Roles are cluster-wide and several test executables may load the same fixture at once:
/// creating one that exists, or that another session creates at the same moment, is not an error.
inline bool ensureRole(pg::Connection &c, const QString &role, QString *error)
{
    const QString sql = QStringLiteral("do $body$ begin execute format('create role %I', $q$%1$q$); "
                                       "exception when others then null; end $body$")
                            .arg(role);
    const pg::Result r = c.exec(sql);
    if (!r.ok() && error)
        *error = r.error().toString();
    return r.ok();
}

/// The AWS forum_example sample (tests/fixtures/forum_example.sql) with its roles made idempotent.
inline bool loadForumExample(pg::Connection &c, const QString &fixturePath, QString *error)
{
    QFile f(fixturePath);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1").arg(fixturePath);
        return false;
    }
    QString sql = QString::fromUtf8(f.readAll());
    for (const char *role : {"lambda_runner", "forum_example_anonymous", "forum_example_person"}) {
        if (!ensureRole(c, QLatin1String(role), error))
            return false;
    }
    sql.replace(QStringLiteral("create role lambda_runner login password '<<<lambda_runner_password>>>';"), QString());
    sql.replace(QStringLiteral("create role forum_example_anonymous;"), QString());
    sql.replace(QStringLiteral("create role forum_example_person;"), QString());
    const pg::Result r = c.exec(sql);
    if (!r.ok()) {
        *error = r.error().toString();
        return false;
    }
    return true;
}

} // namespace refract::test
