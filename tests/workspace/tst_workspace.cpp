#include <workspace/workspace.h>

#include <QFile>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace refract::workspace;

class TestWorkspace : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip();
    void missingAndDamagedFiles();
    void historyAndRecentAreBounded();
    void defaultPathIsAppData();
    void savedOperationsAndTabSwitches();
    void foreignFilesAreRefused();
};

void TestWorkspace::roundTrip()
{
    QTemporaryDir dir;
    Workspace w;
    w.tabs.append({QStringLiteral("Query 1"), QStringLiteral("{ a }\n# é"), QStringLiteral("{\"x\":1}"),
                   QStringLiteral("X-A: b"), QStringLiteral("johndoe"), 1, 3});
    w.tabs.append({QStringLiteral("Query 2"), QString(), QString(), QString(), QString(), 0, 0});
    w.currentTab = 1;
    w.recentConnections.append(QJsonObject{{QStringLiteral("host"), QStringLiteral("h")}});
    w.profiles.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("johndoe")}});
    HistoryEntry h;
    h.when = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 6), Qt::UTC);
    h.connection = QStringLiteral("postgres@h/db");
    h.document = QStringLiteral("{ a }");
    h.identity = QStringLiteral("johndoe");
    h.currentUser = QStringLiteral("forum_example_person");
    h.ok = true;
    h.elapsedMs = 12;
    w.addHistory(h);
    const QString path = dir.filePath(QStringLiteral("sub/dir/workspace.json"));
    QString error;
    QVERIFY2(w.save(path, &error), qPrintable(error));
    Workspace r;
    QVERIFY2(r.load(path, &error), qPrintable(error));
    QCOMPARE(r.tabs, w.tabs);
    QCOMPARE(r.currentTab, 1);
    QCOMPARE(r.history, w.history);
    QVERIFY(r.openConnection.isEmpty());
    QVERIFY(r == w);
    // The connection open at the last save comes back; none is written when none is open.
    QFile first(path);
    QVERIFY(first.open(QIODevice::ReadOnly));
    QVERIFY(!first.readAll().contains("openConnection"));
    first.close();
    w.openConnection = QJsonObject{{QStringLiteral("kind"), QStringLiteral("graphql")},
                                   {QStringLiteral("url"), QStringLiteral("https://api.example/graphql")}};
    QVERIFY2(w.save(path, &error), qPrintable(error));
    QVERIFY2(r.load(path, &error), qPrintable(error));
    QCOMPARE(r.openConnection, w.openConnection);
    QVERIFY(r == w);
    w.openConnection = {};
    // Saving again replaces the file whole (QSaveFile): no temporary file is left behind.
    QVERIFY(w.save(path, &error));
    QCOMPARE(QDir(dir.filePath(QStringLiteral("sub/dir"))).entryList(QDir::Files), QStringList{QStringLiteral("workspace.json")});
}

void TestWorkspace::missingAndDamagedFiles()
{
    QTemporaryDir dir;
    Workspace w;
    w.tabs.append(TabState{});
    QVERIFY(w.load(dir.filePath(QStringLiteral("none.json"))));
    QVERIFY(w.tabs.isEmpty());
    const QString bad = dir.filePath(QStringLiteral("bad.json"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"tabs\": [");
    f.close();
    QString error;
    QVERIFY(!w.load(bad, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"version\": 99}");
    f.close();
    QVERIFY(!w.load(bad, &error));
    QVERIFY(error.contains(QLatin1String("newer")));
    // Wrong types inside are tolerated, not trusted.
    const Workspace odd = Workspace::fromJson(QJsonDocument::fromJson(R"({"tabs":[1,{"text":"x","cursorLine":-4}],"currentTab":9})").object());
    QCOMPARE(odd.tabs.size(), 1);
    QCOMPARE(odd.tabs.first().cursorLine, 0);
    QCOMPARE(odd.currentTab, 0);
    QVERIFY(!w.save(QStringLiteral("/proc/no/such/dir/w.json"), &error));
}

void TestWorkspace::historyAndRecentAreBounded()
{
    Workspace w;
    for (int i = 0; i < Workspace::MaxHistory + 20; ++i) {
        HistoryEntry h;
        h.operationName = QString::number(i);
        w.addHistory(h);
    }
    QCOMPARE(w.history.size(), Workspace::MaxHistory);
    QCOMPARE(w.history.first().operationName, QString::number(Workspace::MaxHistory + 19)); // newest first
    for (int i = 0; i < 15; ++i)
        w.addRecentConnection(QJsonObject{{QStringLiteral("host"), QString::number(i % 12)}});
    QCOMPARE(w.recentConnections.size(), Workspace::MaxRecentConnections);
    QCOMPARE(w.recentConnections.first().value(QLatin1String("host")).toString(), QStringLiteral("2"));
}

void TestWorkspace::defaultPathIsAppData()
{
    QCoreApplication::setOrganizationName(QStringLiteral("RefractTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_workspace"));
    QVERIFY(Workspace::defaultPath().startsWith(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
    QVERIFY(Workspace::defaultPath().endsWith(QLatin1String("/workspace.json")));
}

void TestWorkspace::savedOperationsAndTabSwitches()
{
    QTemporaryDir dir;
    Workspace w;
    TabState t;
    t.text = QStringLiteral("mutation { m }");
    t.identity = QStringLiteral("johndoe");
    t.dryRun = true;
    w.tabs.append(t);
    SavedOperation a{QStringLiteral("latest posts"), QStringLiteral("{ allPosts { totalCount } }"), QStringLiteral("{}"),
                     QStringLiteral("X-A: 1"), QDateTime(QDate(2026, 3, 4), QTime(5, 6, 7), Qt::UTC)};
    SavedOperation b{QStringLiteral("me"), QStringLiteral("{ currentPerson { id } }"), QString(), QString(), QDateTime()};
    w.saveOperation(a);
    w.saveOperation(b);
    a.document = QStringLiteral("{ allPosts { nodes { id } } }");
    w.saveOperation(a); // same name: replaced in place, not added
    QCOMPARE(w.savedOperations.size(), 2);
    QCOMPARE(w.savedOperations.first().document, a.document);
    const QString path = dir.filePath(QStringLiteral("w") + Workspace::fileSuffix());
    QString error;
    QVERIFY2(w.save(path, &error), qPrintable(error));
    Workspace r;
    QVERIFY2(r.loadExisting(path, &error), qPrintable(error));
    QCOMPARE(r.savedOperations, w.savedOperations);
    QCOMPARE(r.tabs.first().identity, QStringLiteral("johndoe"));
    QVERIFY(r.tabs.first().dryRun);
    QVERIFY(r.removeSavedOperation(QStringLiteral("latest posts")));
    QVERIFY(!r.removeSavedOperation(QStringLiteral("latest posts")));
    QCOMPARE(r.savedOperations.size(), 1);
    QCOMPARE(r.savedOperations.first().name, QStringLiteral("me"));
}

void TestWorkspace::foreignFilesAreRefused()
{
    QTemporaryDir dir;
    Workspace w;
    w.tabs.append(TabState{QStringLiteral("kept"), QStringLiteral("{ kept }"), {}, {}, {}, 0, 0});
    const Workspace before = w;
    const QList<QByteArray> foreign = {
        R"({"name":"some-package","version":"1.0.0","dependencies":{}})", // package.json: version is a string
        R"({"tabs":[{"text":"x"}]})",                                       // no version
        R"({"format":"something-else","version":1})",
        R"({"version":1,"tabs":{"text":"x"}})",
        R"([1,2,3])",
        "",
    };
    for (const QByteArray &content : foreign) {
        const QString path = dir.filePath(QStringLiteral("foreign.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(content);
        f.close();
        QString error;
        QVERIFY2(!w.loadExisting(path, &error), content.constData());
        QVERIFY2(!error.isEmpty(), content.constData());
        QVERIFY2(w == before, content.constData()); // untouched
    }
    QString error;
    QVERIFY(!w.loadExisting(dir.filePath(QStringLiteral("missing.json")), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(w == before);
    // What we write is recognised as ours.
    const QString ours = dir.filePath(QStringLiteral("ours.json"));
    QVERIFY(w.save(ours, &error));
    QFile f(ours);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(f.readAll()).object().value(QLatin1String("format")).toString(),
             QStringLiteral("refract-workspace"));
}

QTEST_GUILESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
