#include <pg/connection.h>
#include <pg/result.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTest>

using namespace refract;

// refract-cli export-sdl as a process: its contract (exit codes, one-line errors on stderr, SDL on
// stdout or in -o FILE). The parts that need a server use the PG* environment of the throwaway
// cluster scripts/test starts, and are skipped without it.
class TstExportSdl : public QObject
{
    Q_OBJECT

    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    static Run run(const QStringList &args)
    {
        QProcess p;
        p.start(QStringLiteral(REFRACT_CLI), QStringList{QStringLiteral("export-sdl")} + args);
        p.waitForFinished(60000);
        return Run{p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }

    static void checkOneLineError(const Run &r)
    {
        QVERIFY2(r.exitCode != 0, qPrintable(r.out));
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.endsWith(QLatin1Char('\n')) && r.err.count(QLatin1Char('\n')) == 1, qPrintable(r.err));
        QVERIFY(r.err.startsWith(QStringLiteral("refract-cli export-sdl: ")));
    }

    static QString url()
    {
        return QStringLiteral("postgres://%1@%2:%3/%4")
            .arg(qEnvironmentVariable("PGUSER", QStringLiteral("postgres")), qEnvironmentVariable("PGHOST"),
                 qEnvironmentVariable("PGPORT"), qEnvironmentVariable("PGDATABASE", QStringLiteral("postgres")));
    }

    QString m_schema = QStringLiteral("tst_exportsdl_%1").arg(QCoreApplication::applicationPid());
    bool m_haveServer = false;

private slots:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("PGHOST") || qEnvironmentVariableIsEmpty("PGPORT"))
            return;
        pg::Connection c;
        if (!c.open(url()))
            return;
        const QString q = pg::Connection::quoteIdentifier(m_schema);
        const pg::Result r = c.exec(QStringLiteral(
            "create schema %1; create table %1.widget (id serial primary key, label text not null, size bigint);"
            "comment on table %1.widget is 'A widget.'").arg(q));
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
        m_haveServer = true;
    }

    void cleanupTestCase()
    {
        if (!m_haveServer)
            return;
        pg::Connection c;
        if (c.open(url()))
            c.exec(QStringLiteral("drop schema %1 cascade").arg(pg::Connection::quoteIdentifier(m_schema)));
    }

    void usageErrors()
    {
        checkOneLineError(run({}));
        checkOneLineError(run({QStringLiteral("--db"), QStringLiteral("postgres://x")}));
        checkOneLineError(run({QStringLiteral("--db"), QStringLiteral("postgres://x"), QStringLiteral("--schema"), QStringLiteral("a"),
                               QStringLiteral("--preset"), QStringLiteral("hasura")}));
        checkOneLineError(run({QStringLiteral("--bogus")}));
    }

    void badOptions()
    {
        const QStringList base{QStringLiteral("--db"), QStringLiteral("postgres://127.0.0.1:1/x"), QStringLiteral("--schema"), QStringLiteral("a")};
        Run r = run(base + QStringList{QStringLiteral("--options"), QStringLiteral("{not json")});
        checkOneLineError(r);
        QVERIFY(r.err.contains(QStringLiteral("invalid options JSON")));
        r = run(base + QStringList{QStringLiteral("--options"), QStringLiteral(R"({"simpleCollectionz":"both"})")});
        checkOneLineError(r);
        QVERIFY(r.err.contains(QStringLiteral("unknown option 'simpleCollectionz'")));
        r = run(base + QStringList{QStringLiteral("--options"), QStringLiteral(R"({"simpleCollections":"many"})")});
        checkOneLineError(r);
    }

    void unreachableHost()
    {
        const Run r = run({QStringLiteral("--db"), QStringLiteral("postgres://postgres@127.0.0.1:1/postgres"),
                           QStringLiteral("--schema"), QStringLiteral("public")});
        checkOneLineError(r);
        QVERIFY(r.err.contains(QStringLiteral("cannot connect")));
    }

    void wrongPassword()
    {
        if (!m_haveServer)
            QSKIP("no PostgreSQL server in the environment (run through scripts/test)");
        // scripts/pg-cluster makes refract_password_user (only) authenticate with a password.
        pg::Connection c;
        QVERIFY(c.open(url()));
        QVERIFY(c.exec(QStringLiteral(
                    "do $$ begin if not exists (select from pg_roles where rolname = 'refract_password_user') then "
                    "create role refract_password_user login password 'right-password'; end if; end $$"))
                    .ok());
        const QString wrongUrl = QStringLiteral("postgres://refract_password_user:not-it@127.0.0.1:%1/postgres")
                                     .arg(qEnvironmentVariable("PGPORT"));
        if (pg::Connection probe; probe.open(wrongUrl))
            QSKIP("this server does not check refract_password_user's password (scripts/pg-cluster sets that up)");
        const Run r = run({QStringLiteral("--db"), wrongUrl,
                           QStringLiteral("--schema"), m_schema});
        checkOneLineError(r);
        QVERIFY2(r.err.contains(QStringLiteral("password authentication failed")), qPrintable(r.err));
        QVERIFY2(!r.err.contains(QStringLiteral("not-it")), "the password must not be echoed");
    }

    void unknownSchemaAndDatabase()
    {
        if (!m_haveServer)
            QSKIP("no PostgreSQL server in the environment (run through scripts/test)");
        Run r = run({QStringLiteral("--db"), url(), QStringLiteral("--schema"), QStringLiteral("no_such_schema_x")});
        checkOneLineError(r);
        QVERIFY(r.err.contains(QStringLiteral("no_such_schema_x")));
        QString other = url();
        other = other.left(other.lastIndexOf(QLatin1Char('/'))) + QStringLiteral("/no_such_database_x");
        r = run({QStringLiteral("--db"), other, QStringLiteral("--schema"), QStringLiteral("public")});
        checkOneLineError(r);
    }

    void exportsSdl()
    {
        if (!m_haveServer)
            QSKIP("no PostgreSQL server in the environment (run through scripts/test)");
        Run r = run({QStringLiteral("--db"), url(), QStringLiteral("--schema"), m_schema, QStringLiteral("--sorted")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.err.isEmpty());
        QVERIFY(r.out.contains(QStringLiteral("\"\"\"A widget.\"\"\"\ntype Widget implements Node {")));
        QVERIFY(r.out.contains(QStringLiteral("  allWidgets(")));
        QVERIFY(r.out.contains(QStringLiteral("  size: BigInt\n")));

        const QString file = QDir::tempPath() + QStringLiteral("/tst_exportsdl_%1.graphql").arg(QCoreApplication::applicationPid());
        r = run({QStringLiteral("--db"), url(), QStringLiteral("--schema"), m_schema, QStringLiteral("--preset"), QStringLiteral("appsync"),
                 QStringLiteral("-o"), file});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.isEmpty());
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString sdl = QString::fromUtf8(f.readAll());
        f.remove();
        QVERIFY(sdl.contains(QStringLiteral("  widgets(")));
        QVERIFY(sdl.contains(QStringLiteral("  size: String\n"))); // bigint is never AppSync's 32-bit Int
        QVERIFY(sdl.contains(QStringLiteral("@aws_subscribe(mutations: [\"createWidget\"])")));
        QVERIFY(!sdl.contains(QStringLiteral("scalar ")));
        QVERIFY(sdl.contains(QStringLiteral("# A widget.\ntype Widget {"))); // descriptions as comments
        QVERIFY(!sdl.contains(QStringLiteral("\"\"\"")));
    }
};

QTEST_GUILESS_MAIN(TstExportSdl)
#include "tst_exportsdl.moc"
