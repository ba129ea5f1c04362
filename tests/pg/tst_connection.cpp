#include "testdatabase.h"

#include <pg/connection.h>

#include <QElapsedTimer>
#include <QTest>
#include <QUrl>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>

using namespace refract;

namespace {

// A port where nothing listens: bind one, remember it, close it.
quint16 deadPort()
{
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    quint16 port = 1;
    if (fd >= 0 && bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0
        && getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len) == 0)
        port = ntohs(addr.sin_port);
    if (fd >= 0)
        close(fd);
    return port;
}

QString env(const char *name, const char *fallback)
{
    const QString v = qEnvironmentVariable(name);
    return v.isEmpty() ? QLatin1String(fallback) : v;
}

} // namespace

class TestConnection : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void connectByUri();
    void connectByKeyValue();
    void connectByEnvironment();
    void unknownDatabase();
    void unknownRole();
    void wrongPassword();
    void unreachablePort();
    void notConnected();
    void execParamsNullAndHostile();
    void execParamsUtf8();
    void uniqueViolationFields();
    void detailAndHint();
    void syntaxErrorKeepsConnection();
    void affectedRows();
    void cancelSleepFromOtherThread();
    void pipelineInOrder();
    void pipelineStopsAtFirstError();
    void pipelineCancelFlag();
    void quoteIdentifier();
    void noticesCollected();

private:
    test::TestDatabase m_db;
    pg::Connection m_conn;
};

void TestConnection::initTestCase()
{
    if (!test::hasPgEnvironment())
        QSKIP("PG* environment not set: no PostgreSQL to test against (scripts/test provides one)");
    QVERIFY2(m_db.create(QStringLiteral("tst_connection")), qPrintable(m_db.error()));
    QVERIFY2(m_conn.open(m_db.conninfo()), qPrintable(m_conn.lastError().toString()));
}

void TestConnection::cleanupTestCase()
{
    m_conn.close();
    m_db.drop();
}

void TestConnection::connectByUri()
{
    const QString uri = QStringLiteral("postgresql://%1@%2:%3/%4")
                            .arg(env("PGUSER", "postgres"), env("PGHOST", "localhost"), env("PGPORT", "5432"),
                                 QString::fromUtf8(QUrl::toPercentEncoding(m_db.name())));
    pg::Connection c;
    QVERIFY2(c.open(uri), qPrintable(c.lastError().toString()));
    QVERIFY(c.isOpen());
    const pg::Result r = c.exec(QStringLiteral("select current_database()"));
    QVERIFY(r.ok());
    QCOMPARE(r.text(0, 0), m_db.name());
    QVERIFY(c.serverVersion() >= 140000);
}

void TestConnection::connectByKeyValue()
{
    const QString kv = QStringLiteral("host=%1 port=%2 user=%3 %4")
                           .arg(env("PGHOST", "localhost"), env("PGPORT", "5432"), env("PGUSER", "postgres"), m_db.conninfo());
    pg::Connection c;
    QVERIFY2(c.open(kv), qPrintable(c.lastError().toString()));
    QCOMPARE(c.exec(QStringLiteral("select current_database()")).text(0, 0), m_db.name());
}

void TestConnection::connectByEnvironment()
{
    pg::Connection c;
    QVERIFY2(c.open(QString()), qPrintable(c.lastError().toString()));
    QCOMPARE(c.exec(QStringLiteral("select current_user")).text(0, 0), env("PGUSER", "postgres"));
}

void TestConnection::unknownDatabase()
{
    pg::Connection c;
    QVERIFY(!c.open(QStringLiteral("dbname=refract_no_such_database_xyz")));
    QVERIFY(!c.isOpen());
    QVERIFY2(c.lastError().message.contains(QStringLiteral("refract_no_such_database_xyz")), qPrintable(c.lastError().message));
    QVERIFY2(c.lastError().message.contains(QStringLiteral("does not exist")), qPrintable(c.lastError().message));
    // Using a failed connection is an error, not a crash.
    QVERIFY(!c.exec(QStringLiteral("select 1")).ok());
    QVERIFY(!c.execParams(QStringLiteral("select $1"), {QByteArray("x")}).ok());
}

void TestConnection::unknownRole()
{
    // An unknown role is refused before any password is checked.
    pg::Connection c;
    QVERIFY(!c.open(QStringLiteral("user=refract_no_such_role password=wrong")));
    QVERIFY2(c.lastError().message.contains(QStringLiteral("refract_no_such_role")), qPrintable(c.lastError().message));
}

void TestConnection::wrongPassword()
{
    // scripts/pg-cluster makes refract_password_user (only) authenticate with scram-sha-256.
    const pg::Result created = m_conn.exec(QStringLiteral(
        "do $$ begin if not exists (select from pg_roles where rolname = 'refract_password_user') then "
        "create role refract_password_user login password 'right-password'; end if; end $$"));
    QVERIFY2(created.ok(), qPrintable(created.error().toString()));
    const QString base = QStringLiteral("host=127.0.0.1 port=%1 user=refract_password_user %2")
                             .arg(env("PGPORT", "5432"), m_db.conninfo());
    pg::Connection c;
    if (c.open(base + QStringLiteral(" password=wrong-password")))
        QSKIP("this server does not check refract_password_user's password (scripts/pg-cluster sets that up)");
    QVERIFY(!c.isOpen());
    QVERIFY2(c.lastError().message.contains(QStringLiteral("password authentication failed")),
             qPrintable(c.lastError().message));
    // The password itself never appears in the error.
    QVERIFY(!c.lastError().toString().contains(QStringLiteral("wrong-password")));
    pg::Connection ok;
    QVERIFY2(ok.open(base + QStringLiteral(" password=right-password")), qPrintable(ok.lastError().toString()));
}

void TestConnection::unreachablePort()
{
    pg::Connection c;
    QElapsedTimer t;
    t.start();
    QVERIFY(!c.open(QStringLiteral("host=127.0.0.1 port=%1 dbname=x").arg(deadPort()), 5));
    QVERIFY(t.elapsed() < 5000);
    QVERIFY2(c.lastError().message.contains(QStringLiteral("refused"), Qt::CaseInsensitive),
             qPrintable(c.lastError().message));
    QVERIFY(c.lastError().sqlState.isEmpty());
    QVERIFY(!c.lastError().toString().isEmpty());
}

void TestConnection::notConnected()
{
    pg::Connection c;
    QVERIFY(!c.isOpen());
    QVERIFY(!c.exec(QStringLiteral("select 1")).ok());
    QCOMPARE(c.lastError().message, QStringLiteral("not connected"));
    QVERIFY(!c.cancel());
    const QList<pg::Result> rs = c.execPipeline({{QStringLiteral("select 1"), {}}});
    QCOMPARE(rs.size(), 1);
    QVERIFY(!rs[0].ok());
}

void TestConnection::execParamsNullAndHostile()
{
    const QByteArray hostile = "'); drop table x; -- \"quoted\" \\ backslash $1";
    const pg::Result r = m_conn.execParams(QStringLiteral("select $1::text, $2::text is null, $2::text, length($1)"),
                                           {hostile, std::nullopt});
    QVERIFY2(r.ok(), qPrintable(r.error().toString()));
    QCOMPARE(r.rows(), 1);
    QCOMPARE(r.text(0, 0), QString::fromUtf8(hostile));
    QVERIFY(r.toBool(0, 1));
    QVERIFY(r.isNull(0, 2));
    QCOMPARE(r.toInt(0, 3), int(hostile.size()));
    QCOMPARE(r.columnName(0), QStringLiteral("text"));
    QCOMPARE(r.columns(), 4);
    QCOMPARE(r.columnIndex("length"), 3);
}

void TestConnection::execParamsUtf8()
{
    const QString s = QStringLiteral("ünïcødé ✓ 🐘");
    const pg::Result r = m_conn.execParams(QStringLiteral("select $1::text, char_length($1::text)"), {s.toUtf8()});
    QVERIFY(r.ok());
    QCOMPARE(r.text(0, 0), s);
    QCOMPARE(r.toInt(0, 1), 11);
}

void TestConnection::uniqueViolationFields()
{
    QVERIFY(m_conn.exec(QStringLiteral("create table uv (id int primary key)")).ok());
    QVERIFY(m_conn.execParams(QStringLiteral("insert into uv values ($1)"), {QByteArray("1")}).ok());
    const pg::Result r = m_conn.execParams(QStringLiteral("insert into uv values ($1)"), {QByteArray("1")});
    QVERIFY(!r.ok());
    QCOMPARE(r.error().sqlState, QStringLiteral("23505"));
    QCOMPARE(r.error().message, QStringLiteral("duplicate key value violates unique constraint \"uv_pkey\""));
    QCOMPARE(r.error().detail, QStringLiteral("Key (id)=(1) already exists."));
    QCOMPARE(m_conn.lastError().sqlState, QStringLiteral("23505"));
    QVERIFY(r.error().toString().contains(QStringLiteral("SQLSTATE 23505")));
}

void TestConnection::detailAndHint()
{
    const pg::Result r = m_conn.exec(QStringLiteral(
        "do $$ begin raise exception 'custom failure' using detail = 'the detail', hint = 'the hint', errcode = 'P0001'; end $$"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().sqlState, QStringLiteral("P0001"));
    QCOMPARE(r.error().message, QStringLiteral("custom failure"));
    QCOMPARE(r.error().detail, QStringLiteral("the detail"));
    QCOMPARE(r.error().hint, QStringLiteral("the hint"));
    QVERIFY(r.error().context.contains(QStringLiteral("PL/pgSQL")));
    QCOMPARE(r.error().toString(), QStringLiteral("custom failure (SQLSTATE P0001); detail: the detail; hint: the hint"));
}

void TestConnection::syntaxErrorKeepsConnection()
{
    const pg::Result r = m_conn.exec(QStringLiteral("selec 1"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().sqlState, QStringLiteral("42601"));
    QVERIFY(m_conn.isOpen());
    QCOMPARE(m_conn.exec(QStringLiteral("select 41 + 1")).toInt(0, 0), 42);
}

void TestConnection::affectedRows()
{
    QVERIFY(m_conn.exec(QStringLiteral("create table ar (x int)")).ok());
    QCOMPARE(m_conn.exec(QStringLiteral("insert into ar select generate_series(1, 3)")).affectedRows(), 3);
    QCOMPARE(m_conn.exec(QStringLiteral("update ar set x = x + 1 where x > 1")).affectedRows(), 2);
}

void TestConnection::cancelSleepFromOtherThread()
{
    pg::Connection c;
    QVERIFY(c.open(m_db.conninfo()));
    std::atomic_bool started{false};
    std::thread canceller([&] {
        // Wait until the statement is under way; a cancel that arrives first is lost.
        while (!started.load())
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        c.cancel();
    });
    QElapsedTimer t;
    t.start();
    started = true;
    const pg::Result r = c.exec(QStringLiteral("select pg_sleep(30)"));
    canceller.join();
    QVERIFY(!r.ok());
    QCOMPARE(r.error().sqlState, QStringLiteral("57014"));
    QVERIFY2(t.elapsed() < 5000, qPrintable(QString::number(t.elapsed())));
    QCOMPARE(c.exec(QStringLiteral("select 1")).toInt(0, 0), 1);
}

void TestConnection::pipelineInOrder()
{
    const QList<pg::Result> rs = m_conn.execPipeline({
        {QStringLiteral("select $1::int + 1"), {QByteArray("1")}},
        {QStringLiteral("select $1::text"), {std::nullopt}},
        {QStringLiteral("select generate_series(1, $1::int)"), {QByteArray("1000")}},
    });
    QCOMPARE(rs.size(), 3);
    for (const auto &r : rs)
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
    QCOMPARE(rs[0].toInt(0, 0), 2);
    QVERIFY(rs[1].isNull(0, 0));
    QCOMPARE(rs[2].rows(), 1000);
    // Back to ordinary statements afterwards.
    QCOMPARE(m_conn.exec(QStringLiteral("select 7")).toInt(0, 0), 7);
}

void TestConnection::pipelineStopsAtFirstError()
{
    const QList<pg::Result> rs = m_conn.execPipeline({
        {QStringLiteral("select 1"), {}},
        {QStringLiteral("select 1/0"), {}},
        {QStringLiteral("select 3"), {}},
    });
    QCOMPARE(rs.size(), 3);
    QVERIFY(rs[0].ok());
    QVERIFY(!rs[1].ok());
    QCOMPARE(rs[1].error().sqlState, QStringLiteral("22012"));
    QVERIFY(!rs[2].ok());
    QCOMPARE(rs[2].error().sqlState, QStringLiteral("22012"));
    QCOMPARE(m_conn.lastError().sqlState, QStringLiteral("22012"));
    QVERIFY(!m_conn.inTransaction());
    QCOMPARE(m_conn.exec(QStringLiteral("select 8")).toInt(0, 0), 8);
}

void TestConnection::pipelineCancelFlag()
{
    std::atomic_bool cancelled{false};
    std::thread setter([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        cancelled = true;
    });
    QElapsedTimer t;
    t.start();
    const QList<pg::Result> rs = m_conn.execPipeline({{QStringLiteral("select pg_sleep(30)"), {}},
                                                      {QStringLiteral("select 2"), {}}},
                                                     &cancelled);
    setter.join();
    QVERIFY2(t.elapsed() < 5000, qPrintable(QString::number(t.elapsed())));
    QCOMPARE(rs.size(), 2);
    QCOMPARE(rs[0].error().sqlState, QStringLiteral("57014"));
    QVERIFY(!rs[1].ok());
    QCOMPARE(m_conn.exec(QStringLiteral("select 9")).toInt(0, 0), 9);
}

void TestConnection::quoteIdentifier()
{
    const QString name = QStringLiteral("we\"ird'); drop table x; --");
    QCOMPARE(pg::Connection::quoteIdentifier(name), QStringLiteral("\"we\"\"ird'); drop table x; --\""));
    const pg::Result r = m_conn.exec(QStringLiteral("select 1 as %1").arg(pg::Connection::quoteIdentifier(name)));
    QVERIFY(r.ok());
    QCOMPARE(r.columnName(0), name);
}

void TestConnection::noticesCollected()
{
    m_conn.takeNotices();
    QVERIFY(m_conn.exec(QStringLiteral("do $$ begin raise notice 'hello %', 42; raise warning 'careful'; end $$")).ok());
    QCOMPARE(m_conn.takeNotices(), (QStringList{QStringLiteral("NOTICE: hello 42"), QStringLiteral("WARNING: careful")}));
    QVERIFY(m_conn.takeNotices().isEmpty());
}

QTEST_GUILESS_MAIN(TestConnection)
#include "tst_connection.moc"
