#include <ui/catalogmodel.h>
#include <ui/connectionbar.h>
#include <ui/docsview.h>
#include <ui/editorcompleter.h>
#include <ui/eventlog.h>
#include <ui/explorerwidget.h>
#include <ui/graphqllexer.h>
#include <ui/graphqltypemodel.h>
#include <ui/mainwindow.h>
#include <ui/passwordkeychain.h>
#include <ui/pgconnectiondialog.h>
#include <ui/pgconnectionparams.h>
#include <ui/queryeditor.h>
#include <ui/querytab.h>
#include <ui/recentconnections.h>
#include <ui/resultsview.h>
#include <ui/shortcutsdialog.h>

#include <pg/connection.h>
#include <workspace/workspace.h>
#include <ui/workspacesession.h>

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace refract;
using namespace refract::ui;

namespace {

graphql::Schema smallSchema()
{
    graphql::Schema s;
    s.addBuiltInScalars();
    graphql::NamedType person{graphql::TypeKind::Object, QStringLiteral("Person"), QStringLiteral("A user of the forum."),
                              {}, {}, {}, {}, {}, {}, {}, false};
    person.fields.append({QStringLiteral("id"), std::nullopt, {}, graphql::TypeRef::named(QStringLiteral("Int")).nonNull(),
                          std::nullopt, {}});
    person.fields.append({QStringLiteral("fullName"), QStringLiteral("First and last name."), {},
                          graphql::TypeRef::named(QStringLiteral("String")), std::nullopt, {}});
    person.fields.append({QStringLiteral("oldName"), std::nullopt, {}, graphql::TypeRef::named(QStringLiteral("String")),
                          QStringLiteral("Use fullName."), {}});
    s.addType(person);
    graphql::NamedType query;
    query.kind = graphql::TypeKind::Object;
    query.name = QStringLiteral("Query");
    graphql::Field people{QStringLiteral("allPeople"), std::nullopt, {},
                          graphql::TypeRef::named(QStringLiteral("Person")).nonNull().list(), std::nullopt, {}};
    graphql::InputValue first;
    first.name = QStringLiteral("first");
    first.type = graphql::TypeRef::named(QStringLiteral("Int"));
    first.defaultValue = QStringLiteral("10");
    people.arguments.append(first);
    query.fields.append(people);
    s.addType(query);
    graphql::NamedType topic;
    topic.kind = graphql::TypeKind::Enum;
    topic.name = QStringLiteral("PostTopic");
    topic.enumValues.append({QStringLiteral("HELP"), std::nullopt, std::nullopt, {}});
    topic.enumValues.append({QStringLiteral("SHOWCASE"), std::nullopt, std::nullopt, {}});
    s.addType(topic);
    s.setQueryTypeName(QStringLiteral("Query"));
    return s;
}

std::shared_ptr<reflect::Catalog> smallCatalog()
{
    auto c = std::make_shared<reflect::Catalog>();
    c->schemas = {QStringLiteral("forum_example")};
    c->namespaces.push_back({100, QStringLiteral("forum_example"), QString()});
    reflect::Type text;
    text.oid = 25;
    text.name = QStringLiteral("text");
    text.namespaceName = QStringLiteral("pg_catalog");
    c->types.push_back(text);
    reflect::Class person;
    person.oid = 1000;
    person.name = QStringLiteral("person");
    person.namespaceName = QStringLiteral("forum_example");
    person.namespaceOid = 100;
    person.rowSecurity = true;
    reflect::Attribute username;
    username.classOid = 1000;
    username.num = 1;
    username.name = QStringLiteral("username");
    username.typeOid = 25;
    username.notNull = true;
    person.attributes.push_back(username);
    c->classes.push_back(person);
    reflect::Policy policy;
    policy.name = QStringLiteral("update_person");
    policy.classOid = 1000;
    policy.command = 'w';
    policy.roles = {QStringLiteral("forum_example_person")};
    policy.usingExpr = QStringLiteral("(username = current_setting('jwt.claims.username'))");
    policy.withCheckExpr = QStringLiteral("(username = current_user)");
    c->policies.push_back(policy);
    c->reindex();
    return c;
}

// Depth-first search of a model for a row whose display text satisfies `pred`.
QModelIndex findRow(const QAbstractItemModel *m, const std::function<bool(const QString &)> &pred,
                    const QModelIndex &parent = {})
{
    for (int r = 0; r < m->rowCount(parent); ++r) {
        const QModelIndex i = m->index(r, 0, parent);
        if (pred(i.data().toString()))
            return i;
        const QModelIndex child = findRow(m, pred, i);
        if (child.isValid())
            return child;
    }
    return {};
}

QModelIndex findText(const QAbstractItemModel *m, const QString &text)
{
    return findRow(m, [&](const QString &s) { return s == text; });
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void actionsAndShortcuts();
    void shortcutsDialogListsActions();
    void tabs();
    void layoutIsRestored();
    void themeReachesEditor();
    void lexerTokens();
    void lexerBlockStringAcrossLines();
    void graphqlExplorerFilter();
    void graphqlExplorerFilterIsFastAt20000Types();
    void databaseExplorer();
    void docsPage();
    void runValidates();
    void connectionParams();
    void recentConnectionsHaveNoPassword();
    void failedConnectionReportsError();
    void sdlFile();
    void connectionDialogTest();
    void demoDatabase();
    void tabsRestoredAfterRestart();
    void realKeychainProbe();

private:
    QTemporaryDir m_config;
};

void TestMainWindow::initTestCase()
{
    // Settings go to a throwaway directory, never to the user's.
    QVERIFY(m_config.isValid());
    qputenv("XDG_CONFIG_HOME", m_config.path().toUtf8());
    qputenv("XDG_DATA_HOME", (m_config.path() + QLatin1String("/data")).toUtf8());
    QCoreApplication::setOrganizationName(QStringLiteral("RefractTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QSettings().clear();
    PasswordKeychain::instance()->setBackendEnabled(false); // never the user's keychain
}

void TestMainWindow::init()
{
    // Every test starts without a workspace (windows restore the tabs of the last one).
    QFile::remove(workspace::Workspace::defaultPath());
}

void TestMainWindow::actionsAndShortcuts()
{
    MainWindow w;
    const QList<QPair<QString, QKeySequence>> expected = {
        {QStringLiteral("actionRun"), QKeySequence(Qt::CTRL | Qt::Key_Return)},
        {QStringLiteral("actionPrettify"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P)},
        {QStringLiteral("actionNewTab"), QKeySequence(Qt::CTRL | Qt::Key_T)},
        {QStringLiteral("actionCloseTab"), QKeySequence(Qt::CTRL | Qt::Key_W)},
        {QStringLiteral("actionFind"), QKeySequence(Qt::CTRL | Qt::Key_F)},
        {QStringLiteral("actionSwitchIdentity"), QKeySequence(Qt::CTRL | Qt::Key_I)},
        {QStringLiteral("actionConnect"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O)},
    };
    const QList<QAction *> actions = w.allActions();
    QSet<QKeySequence> seen;
    for (QAction *a : actions)
        for (const QKeySequence &k : a->shortcuts()) {
            QVERIFY2(!seen.contains(k), qPrintable(QStringLiteral("duplicate shortcut %1").arg(k.toString())));
            seen.insert(k);
        }
    for (const auto &[name, key] : expected) {
        auto *a = w.findChild<QAction *>(name);
        QVERIFY2(a, qPrintable(name));
        QVERIFY2(a->shortcuts().contains(key), qPrintable(name));
        QVERIFY(actions.contains(a));
    }
    QVERIFY(w.findChild<QDockWidget *>(QStringLiteral("explorerDock")));
    QVERIFY(w.findChild<QDockWidget *>(QStringLiteral("docsDock")));
    QVERIFY(w.findChild<QDockWidget *>(QStringLiteral("eventLogDock")));
}

void TestMainWindow::shortcutsDialogListsActions()
{
    MainWindow w;
    ShortcutsDialog d(w.allActions());
    QTableWidget *t = d.table();
    QStringList names;
    for (int r = 0; r < t->rowCount(); ++r)
        names.append(t->item(r, 0)->text());
    for (const char *n : {"Run", "Prettify", "New Tab", "Close Tab", "Find", "Switch Identity", "Connect to PostgreSQL"})
        QVERIFY2(names.contains(QLatin1String(n)), n);
    const QModelIndex run = findText(t->model(), QStringLiteral("Run"));
    QVERIFY(run.isValid());
    QVERIFY(t->item(run.row(), 1)->text().contains(QKeySequence(Qt::CTRL | Qt::Key_Return).toString(QKeySequence::NativeText)));
}

void TestMainWindow::tabs()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QCOMPARE(w.queryTabs()->count(), 1);
    w.findChild<QAction *>(QStringLiteral("actionNewTab"))->trigger();
    QCOMPARE(w.queryTabs()->count(), 2);
    w.findChild<QAction *>(QStringLiteral("actionCloseTab"))->trigger();
    QCOMPARE(w.queryTabs()->count(), 1);
    w.findChild<QAction *>(QStringLiteral("actionCloseTab"))->trigger();
    QCOMPARE(w.queryTabs()->count(), 1); // never an empty window

    // Window shortcuts work while the editor has the focus (QScintilla would take Ctrl+T).
    QueryTab *tab = w.currentQueryTab();
    tab->editor()->setText(QStringLiteral("{ person { name } }\n"));
    tab->editor()->setFocus();
    QTest::keyClick(tab->editor(), Qt::Key_T, Qt::ControlModifier);
    QCOMPARE(w.queryTabs()->count(), 2);
    QCOMPARE(tab->editor()->text(), QStringLiteral("{ person { name } }\n"));
    QTest::keyClick(w.currentQueryTab()->editor(), Qt::Key_W, Qt::ControlModifier);
    QCOMPARE(w.queryTabs()->count(), 1);
    QCOMPARE(w.currentQueryTab(), tab);
    tab->editor()->setFocus();
    QTest::keyClick(tab->editor(), Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(w.eventLog()->lastMessage().contains(QLatin1String("Connect to a database first")));
    QCOMPARE(tab->editor()->text(), QStringLiteral("{ person { name } }\n")); // no newline typed

    // Prettify keeps a leading comment block and reformats the rest.
    tab->editor()->setText(QStringLiteral("# people\nquery{person(id:1){name}}"));
    w.findChild<QAction *>(QStringLiteral("actionPrettify"))->trigger();
    // graphql-js prints an anonymous query as a bare selection set.
    QCOMPARE(tab->editor()->text(), QStringLiteral("# people\n{\n  person(id: 1) {\n    name\n  }\n}\n"));
    tab->editor()->setText(QStringLiteral("{ a # inner comment\n}"));
    w.findChild<QAction *>(QStringLiteral("actionPrettify"))->trigger();
    QCOMPARE(tab->editor()->text(), QStringLiteral("{ a # inner comment\n}")); // left alone, comment kept
    w.findChild<QAction *>(QStringLiteral("actionFind"))->trigger();
    QVERIFY(tab->isFindBarVisible());
    auto *find = tab->findChild<QLineEdit *>(QStringLiteral("findEdit"));
    QTest::keyClicks(find, QStringLiteral("inner"));
    QTRY_COMPARE(tab->editor()->selectedText(), QStringLiteral("inner"));
}

void TestMainWindow::layoutIsRestored()
{
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.findChild<QDockWidget *>(QStringLiteral("docsDock"))->hide();
        w.saveLayout();
    }
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.findChild<QDockWidget *>(QStringLiteral("docsDock"))->isHidden());
        QVERIFY(!w.findChild<QDockWidget *>(QStringLiteral("explorerDock"))->isHidden());
        w.findChild<QAction *>(QStringLiteral("actionResetLayout"))->trigger();
        QVERIFY(!w.findChild<QDockWidget *>(QStringLiteral("docsDock"))->isHidden());
        w.saveLayout();
    }
}

void TestMainWindow::themeReachesEditor()
{
    MainWindow w;
    w.setTheme(Theme::Dark);
    QVERIFY(w.currentQueryTab()->editor()->graphqlLexer()->isDark());
    QCOMPARE(QSettings().value(QStringLiteral("window/theme")).toString(), QStringLiteral("dark"));
    w.setTheme(Theme::Light);
    QVERIFY(!w.currentQueryTab()->editor()->graphqlLexer()->isDark());
}

void TestMainWindow::lexerTokens()
{
    std::vector<GraphQLLexer::Run> runs;
    const QByteArray line = "query Q($id: ID!) @live { person(id: $id, n: -1.5e3) { ...F ... on Person { type } } # c\n";
    GraphQLLexer::highlightLine(line, 0, &runs);
    auto styleAt = [&](const char *token) {
        const int at = int(line.indexOf(token));
        for (const auto &r : runs)
            if (at >= r.start && at < r.start + r.length)
                return r.style;
        return -1;
    };
    int total = 0;
    for (const auto &r : runs)
        total += r.length;
    QCOMPARE(total, int(line.size())); // every byte is styled exactly once
    QCOMPARE(styleAt("query"), int(GraphQLLexer::Keyword));
    QCOMPARE(styleAt("$id:"), int(GraphQLLexer::Variable));
    QCOMPARE(styleAt("ID!"), int(GraphQLLexer::TypeName));
    QCOMPARE(styleAt("@live"), int(GraphQLLexer::Directive));
    QCOMPARE(styleAt("person("), int(GraphQLLexer::Name));
    QCOMPARE(styleAt("-1.5e3"), int(GraphQLLexer::Number));
    QCOMPARE(styleAt("on Person"), int(GraphQLLexer::Keyword));
    QCOMPARE(styleAt("type }"), int(GraphQLLexer::Name)); // a field called `type` inside a selection
    QCOMPARE(styleAt("# c"), int(GraphQLLexer::Comment));
    QCOMPARE(styleAt("{ person"), int(GraphQLLexer::Punctuation));
}

void TestMainWindow::lexerBlockStringAcrossLines()
{
    std::vector<GraphQLLexer::Run> runs;
    quint32 state = GraphQLLexer::highlightLine("\"\"\"A person\n", 0, &runs);
    QVERIFY(state != 0);
    runs.clear();
    state = GraphQLLexer::highlightLine("with \\\"\"\" escaped { \n", state, &runs);
    QCOMPARE(runs.size(), size_t(1));
    QCOMPARE(runs.front().style, int(GraphQLLexer::BlockString));
    runs.clear();
    state = GraphQLLexer::highlightLine("end\"\"\" type Person {\n", state, &runs);
    QCOMPARE(state, quint32(1)); // out of the string, inside one brace
    QCOMPARE(runs.front().style, int(GraphQLLexer::BlockString));

    // The editor restyles from an edited line and carries the state to the following lines.
    QueryEditor editor;
    editor.setText(QStringLiteral("type A {\n  b: Int\n}\n"));
    editor.insertAt(QStringLiteral("\"\"\"\n"), 0, 0);
    editor.recolor();
    const long pos = editor.SendScintilla(QsciScintillaBase::SCI_POSITIONFROMLINE, 2UL);
    QCOMPARE(int(editor.SendScintilla(QsciScintillaBase::SCI_GETSTYLEAT, ulong(pos + 2))), int(GraphQLLexer::BlockString));
}

void TestMainWindow::graphqlExplorerFilter()
{
    ExplorerWidget e;
    e.setSchema(std::make_shared<const graphql::Schema>(smallSchema()));
    GraphQLTypeModel *m = e.typeModel();
    // The query root comes first, then the groups.
    QCOMPARE(m->index(0, 0).data().toString(), QStringLiteral("Query"));
    QVERIFY(m->indexForType(QStringLiteral("Person")).isValid());
    QVERIFY(m->indexForType(QStringLiteral("String")).isValid());

    e.setFilterText(QStringLiteral("pers"));
    QCOMPARE(m->visibleTypeCount(), 1);
    QVERIFY(m->indexForType(QStringLiteral("Person")).isValid());
    QVERIFY(!m->indexForType(QStringLiteral("Query")).isValid());
    QCOMPARE(m->rowCount(m->indexForType(QStringLiteral("Person"))), 3); // a matching type keeps all its fields

    e.setFilterText(QStringLiteral("fullname"));
    const QModelIndex person = m->indexForType(QStringLiteral("Person"));
    QVERIFY(person.isValid());
    QCOMPARE(m->rowCount(person), 1); // only the matching field
    QCOMPARE(m->index(0, 0, person).data(GraphQLTypeModel::MemberNameRole).toString(), QStringLiteral("fullName"));
    QVERIFY(e.graphqlView()->isExpanded(person));

    e.setFilterText(QStringLiteral("SHOWCASE"));
    QVERIFY(m->indexForMember(QStringLiteral("PostTopic"), QStringLiteral("SHOWCASE")).isValid());
    e.setFilterText(QStringLiteral("no such thing"));
    QCOMPARE(m->visibleTypeCount(), 0);
    QCOMPARE(m->rowCount(), 0);
    e.setFilterText(QString());
    QCOMPARE(m->visibleTypeCount(), 8); // 5 built-in scalars, Person, Query, PostTopic

    // Selecting a field emits it for the docs pane.
    QSignalSpy spy(&e, &ExplorerWidget::typeSelected);
    e.graphqlView()->setCurrentIndex(m->indexForMember(QStringLiteral("Person"), QStringLiteral("fullName")));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("Person"));
    QCOMPARE(spy.at(0).at(1).toString(), QStringLiteral("fullName"));
}

void TestMainWindow::graphqlExplorerFilterIsFastAt20000Types()
{
    auto schema = std::make_shared<graphql::Schema>();
    schema->addBuiltInScalars();
    graphql::NamedType query;
    query.kind = graphql::TypeKind::Object;
    query.name = QStringLiteral("Query");
    for (int i = 0; i < 20000; ++i) {
        graphql::NamedType t;
        t.kind = i % 5 == 0 ? graphql::TypeKind::InputObject : graphql::TypeKind::Object;
        t.name = QStringLiteral("GeneratedType%1").arg(i);
        for (int f = 0; f < 10; ++f) {
            if (t.kind == graphql::TypeKind::Object)
                t.fields.append({QStringLiteral("field%1_%2").arg(f).arg(i), std::nullopt, {},
                                 graphql::TypeRef::named(QStringLiteral("String")), std::nullopt, {}});
            else {
                graphql::InputValue v;
                v.name = QStringLiteral("input%1_%2").arg(f).arg(i);
                v.type = graphql::TypeRef::named(QStringLiteral("Int"));
                t.inputFields.append(v);
            }
        }
        if (i < 100)
            query.fields.append({QStringLiteral("t%1").arg(i), std::nullopt, {}, graphql::TypeRef::named(t.name), std::nullopt, {}});
        schema->addType(std::move(t));
    }
    schema->addType(query);
    schema->setQueryTypeName(QStringLiteral("Query"));

    ExplorerWidget e;
    e.resize(400, 800);
    e.show();
    QVERIFY(QTest::qWaitForWindowExposed(&e));
    QElapsedTimer timer;
    timer.start();
    e.setSchema(schema);
    QCoreApplication::processEvents();
    const qint64 load = timer.restart();
    qint64 worst = 0;
    // What typing "field3_19999" one key at a time costs, the view's layout included.
    const QString typed = QStringLiteral("field3_19999");
    for (qsizetype n = 1; n <= typed.size(); ++n) {
        timer.restart();
        e.setFilterText(typed.left(n));
        QCoreApplication::processEvents();
        worst = std::max(worst, timer.elapsed());
    }
    QCOMPARE(e.typeModel()->visibleTypeCount(), 1);
    timer.restart();
    e.setFilterText(QString());
    QCoreApplication::processEvents();
    const qint64 clear = timer.elapsed();
    qInfo("20,000 types: load %lld ms, worst keystroke %lld ms, clear %lld ms", load, worst, clear);
    QVERIFY2(worst < 400, "filtering must keep up with typing");
    QVERIFY2(clear < 400, "clearing the filter must be quick");
}

void TestMainWindow::databaseExplorer()
{
    ExplorerWidget e;
    QSignalSpy shown(&e, &ExplorerWidget::catalogShown);
    e.setCatalog(smallCatalog());
    // The rows are built on a pool thread; the tab shows them when they are done.
    QVERIFY(e.isBuildingCatalog());
    QVERIFY(shown.wait(10000));
    QVERIFY(!e.isBuildingCatalog());
    const QAbstractItemModel *m = e.catalogProxy();
    QVERIFY(findText(m, QStringLiteral("forum_example")).isValid());
    QVERIFY(findText(m, QStringLiteral("person")).isValid());
    QVERIFY(findText(m, QStringLiteral("username: text not null")).isValid());
    const QModelIndex using_ = findRow(m, [](const QString &s) { return s.startsWith(QLatin1String("USING (username")); });
    QVERIFY(using_.isValid());
    QVERIFY(findRow(m, [](const QString &s) { return s == QLatin1String("WITH CHECK (username = current_user)"); }).isValid());
    QVERIFY(findRow(m, [](const QString &s) { return s.startsWith(QStringLiteral("update_person — FOR UPDATE TO forum_example_person")); })
                .isValid());

    e.setFilterText(QStringLiteral("update_person"));
    QVERIFY(findRow(m, [](const QString &s) { return s.startsWith(QLatin1String("update_person")); }).isValid());
    QVERIFY(!findText(m, QStringLiteral("username: text not null")).isValid());
    e.setFilterText(QStringLiteral("nothing like this"));
    QCOMPARE(m->rowCount(), 0);
    e.setFilterText(QString());

    QSignalSpy spy(&e, &ExplorerWidget::databaseObjectSelected);
    e.databaseView()->setCurrentIndex(findText(m, QStringLiteral("person")));
    QCOMPARE(spy.count(), 1);
    const QString html = spy.at(0).at(0).toString();
    QVERIFY(html.contains(QLatin1String("update_person")));
    QVERIFY(html.contains(QLatin1String("WITH CHECK")));
}

void TestMainWindow::runValidates()
{
    MainWindow w;
    w.setSchema(std::make_shared<const graphql::Schema>(smallSchema()));
    QueryTab *tab = w.currentQueryTab();
    tab->editor()->setText(QStringLiteral("{ allPeople { fullName nope } }"));
    w.findChild<QAction *>(QStringLiteral("actionRun"))->trigger();
    QTRY_VERIFY(tab->results()->rawText().contains(QLatin1String("Cannot query field \\\"nope\\\" on type \\\"Person\\\".")));
    tab->editor()->setText(QStringLiteral("{ allPeople(first: 2) { fullName } }"));
    w.findChild<QAction *>(QStringLiteral("actionRun"))->trigger();
    QTRY_VERIFY(w.eventLog()->lastMessage().contains(QLatin1String("is valid")));
    tab->editor()->setText(QStringLiteral("{ allPeople { "));
    w.findChild<QAction *>(QStringLiteral("actionRun"))->trigger();
    QTRY_VERIFY(tab->results()->rawText().contains(QLatin1String("Syntax Error")));
}

void TestMainWindow::docsPage()
{
    const graphql::Schema s = smallSchema();
    const QString html = DocsView::typeHtml(s, QStringLiteral("Query"));
    QVERIFY(html.contains(QLatin1String("allPeople")));
    QVERIFY(html.contains(QLatin1String("href=\"gql:Person\"")));
    QVERIFY(html.contains(QLatin1String("= <code>10</code>")));
    const QString person = DocsView::typeHtml(s, QStringLiteral("Person"));
    QVERIFY(person.contains(QLatin1String("Use fullName.")));
    QVERIFY(person.contains(QLatin1String("A user of the forum.")));

    MainWindow w;
    w.setSchema(std::make_shared<const graphql::Schema>(s));
    QCOMPARE(w.docs()->currentTypeName(), QStringLiteral("Query"));
    // Following a link shows the type and selects it in the explorer.
    w.docs()->setSource(DocsView::typeUrl(QStringLiteral("Person")));
    QCOMPARE(w.docs()->currentTypeName(), QStringLiteral("Person"));
    QCOMPARE(w.explorer()->graphqlView()->currentIndex().data(GraphQLTypeModel::TypeNameRole).toString(),
             QStringLiteral("Person"));
    w.docs()->backward();
    QCOMPARE(w.docs()->currentTypeName(), QStringLiteral("Query"));
}

void TestMainWindow::connectionParams()
{
    PgConnectionParams p;
    QCOMPARE(p.conninfo(), QString()); // all empty: libpq reads the PG* environment
    p.host = QStringLiteral("db.example.com");
    p.database = QStringLiteral("my db");
    p.user = QStringLiteral("alice");
    p.password = QStringLiteral("it's secret");
    p.sslMode = QStringLiteral("require");
    QCOMPARE(p.conninfo(), QStringLiteral("host=db.example.com dbname='my db' user=alice password='it\\'s secret' sslmode=require"));
    QVERIFY(!p.displayName().contains(QLatin1String("secret")));
    QCOMPARE(PgConnectionParams::redact(QStringLiteral("postgres://bob:pw@h:5432/db?sslmode=require&password=x")),
             QStringLiteral("postgres://bob@h:5432/db?sslmode=require"));
    QCOMPARE(PgConnectionParams::redact(QStringLiteral("host=h password='a b' dbname=d")), QStringLiteral("host=h dbname=d"));
    PgConnectionParams u;
    u.mode = PgConnectionParams::Uri;
    u.uri = QStringLiteral("postgres://bob:p%40ss@h:5432/db?sslmode=require");
    PgConnectionParams x = u.withPasswordExtracted();
    QCOMPARE(x.password, QStringLiteral("p@ss"));
    QCOMPARE(x.uri, QStringLiteral("postgres://bob@h:5432/db?sslmode=require"));
    QCOMPARE(x.conninfo(), QStringLiteral("postgres://bob@h:5432/db?sslmode=require&password=p%40ss"));
    u.uri = QStringLiteral("host=h password='a \\'b' dbname=d");
    x = u.withPasswordExtracted();
    QCOMPARE(x.password, QStringLiteral("a 'b"));
    QCOMPARE(x.uri, QStringLiteral("host=h dbname=d"));
    QCOMPARE(x.conninfo(), QStringLiteral("host=h dbname=d password='a \\'b'"));
    QVERIFY(!x.secretKey().contains(QLatin1String("'b")));
    p.schemas = QStringLiteral(" forum_example, public ,");
    QCOMPARE(p.schemaList(), (QStringList{QStringLiteral("forum_example"), QStringLiteral("public")}));
}

void TestMainWindow::recentConnectionsHaveNoPassword()
{
    RecentConnections::clear();
    PgConnectionParams p;
    p.host = QStringLiteral("h");
    p.password = QStringLiteral("hunter2");
    RecentConnections::add(p);
    PgConnectionParams u;
    u.mode = PgConnectionParams::Uri;
    u.uri = QStringLiteral("postgres://bob:hunter2@h/db");
    RecentConnections::add(u);
    RecentConnections::add(p); // moves to the front, no duplicate
    const auto list = RecentConnections::load();
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.first().host, QStringLiteral("h"));
    QVERIFY(list.first().password.isEmpty());
    QCOMPARE(list.at(1).uri, QStringLiteral("postgres://bob@h/db"));
    QSettings s;
    s.sync();
    QFile file(s.fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains("hunter2"));
}

void TestMainWindow::failedConnectionReportsError()
{
    MainWindow w;
    w.show();
    QSignalSpy spy(&w, &MainWindow::reflectFinished);
    PgConnectionParams p;
    p.mode = PgConnectionParams::Uri;
    p.uri = QStringLiteral("postgres://nobody@127.0.0.1:1/none?connect_timeout=5");
    w.connectTo(p);
    QVERIFY(w.isBusy());
    QVERIFY(spy.wait(20000));
    QCOMPARE(spy.at(0).at(0).toBool(), false);
    QVERIFY(!w.isBusy());
    QVERIFY(w.eventLog()->lastMessage().contains(QLatin1String("Could not connect")));

    // A password given in the URI goes to the keychain (memory here), not to the log or settings.
    spy.clear();
    PgConnectionParams withSecret = p;
    withSecret.uri = QStringLiteral("postgres://nobody:s3cr3t@127.0.0.1:1/none?connect_timeout=5");
    w.connectTo(withSecret);
    QVERIFY(spy.wait(20000));
    QString stored;
    PasswordKeychain::instance()->lookup(withSecret.withPasswordExtracted().secretKey(), this,
                                         [&](const QString &s) { stored = s; });
    QCOMPARE(stored, QStringLiteral("s3cr3t"));
    for (int i = 0; i < w.eventLog()->topLevelItemCount(); ++i)
        QVERIFY(!w.eventLog()->topLevelItem(i)->toolTip(1).contains(QLatin1String("s3cr3t")));
    QVERIFY(!RecentConnections::load().first().uri.contains(QLatin1String("s3cr3t")));
    QCOMPARE(PasswordKeychain::instance()->status(), PasswordKeychain::MemoryOnly);

    // Connecting again while connecting: the first run ends as cancelled, the second shows progress.
    spy.clear();
    w.connectTo(p);
    w.connectTo(p);
    QCOMPARE(spy.count(), 1);
    QVERIFY(w.isBusy());
    QVERIFY(w.findChild<QProgressBar *>(QStringLiteral("progress"))->isVisible());
    QVERIFY(spy.wait(20000));
    QVERIFY(!w.findChild<QProgressBar *>(QStringLiteral("progress"))->isVisible());

    // Cancelling reports at once, whatever the pool thread is doing.
    spy.clear();
    w.connectTo(p);
    w.cancelBackgroundWork();
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toBool(), false);
    QVERIFY(!w.isBusy());
}

void TestMainWindow::sdlFile()
{
    QTemporaryDir dir;
    const QString good = dir.filePath(QStringLiteral("forum.graphql"));
    {
        QFile f(good);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("\"A user\"\ntype Person { id: Int! name: String posts: [Post!]! }\n"
                "type Post { id: Int! author: Person }\ntype Query { people: [Person!]! }\n");
    }
    const QString bad = dir.filePath(QStringLiteral("bad.graphql"));
    {
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("type Query {\n  a: Missing\n}\n");
    }
    MainWindow w;
    QSignalSpy spy(&w, &MainWindow::sdlLoaded);
    w.openSdlFile(good);
    QVERIFY(w.isBusy());
    QVERIFY(spy.wait(10000));
    QCOMPARE(spy.at(0).at(0).toBool(), true);
    QVERIFY(w.explorer()->typeModel()->indexForMember(QStringLiteral("Person"), QStringLiteral("posts")).isValid());
    QCOMPARE(w.docs()->currentTypeName(), QStringLiteral("Query"));

    spy.clear();
    w.openSdlFile(bad);
    QVERIFY(spy.wait(10000));
    QCOMPARE(spy.at(0).at(0).toBool(), false);
    QVERIFY(w.eventLog()->lastMessage().contains(QLatin1String("Missing")));
    QVERIFY(w.explorer()->typeModel()->indexForType(QStringLiteral("Person")).isValid()); // previous schema kept

    spy.clear();
    w.openSdlFile(dir.filePath(QStringLiteral("no-such-file.graphql")));
    w.cancelBackgroundWork();
    QCOMPARE(spy.count(), 1);
    QVERIFY(!w.isBusy());
    QTest::qWait(100); // the dropped result arrives and is ignored
    QCOMPARE(spy.count(), 1);
}

void TestMainWindow::connectionDialogTest()
{
    PgConnectionDialog d;
    PgConnectionParams p;
    p.mode = PgConnectionParams::Uri;
    p.uri = QStringLiteral("postgres://nobody@127.0.0.1:1/none?connect_timeout=5");
    d.setParams(p);
    QCOMPARE(d.params().uri, p.uri);
    QSignalSpy spy(&d, &PgConnectionDialog::testFinished);
    d.testConnection(); // a refused connection may finish before wait() starts: check the count first
    QVERIFY(spy.count() == 1 || spy.wait(20000));
    QCOMPARE(spy.at(0).at(0).toBool(), false);
    QVERIFY(!d.testResultText().isEmpty());
    if (qEnvironmentVariableIsEmpty("PGHOST") && qEnvironmentVariableIsEmpty("PGPORT"))
        return;
    // Empty fields: libpq takes everything from the PG* environment.
    d.setParams(PgConnectionParams{});
    spy.clear();
    d.testConnection();
    QVERIFY(spy.count() == 1 || spy.wait(20000));
    QVERIFY2(spy.at(0).at(0).toBool(), qPrintable(d.testResultText()));
    QVERIFY(d.testResultText().startsWith(QLatin1String("Connected to")));
}

void TestMainWindow::demoDatabase()
{
    if (qEnvironmentVariableIsEmpty("PGHOST") && qEnvironmentVariableIsEmpty("PGPORT"))
        QSKIP("no PostgreSQL server: set PG* variables (scripts/test does)");
    pg::Connection admin;
    QVERIFY2(admin.open(QString()), qPrintable(admin.lastError().toString()));
    const QString db = QStringLiteral("refract_tst_gui_%1").arg(QCoreApplication::applicationPid());
    admin.exec(QStringLiteral("drop database if exists %1").arg(db));
    QVERIFY2(admin.exec(QStringLiteral("create database %1").arg(db)).ok(), qPrintable(admin.lastError().toString()));
    {
        pg::Connection loader;
        QVERIFY(loader.open(QStringLiteral("dbname=%1").arg(db)));
        QFile sql(QStringLiteral(REFRACT_SOURCE_DIR "/resources/demo/forum_demo.sql"));
        QVERIFY(sql.open(QIODevice::ReadOnly));
        const pg::Result r = loader.exec(QString::fromUtf8(sql.readAll()));
        QVERIFY2(r.ok(), qPrintable(r.error().toString()));
    }
    {
        MainWindow w;
        w.setDemoMode(true);
        w.show();
        QSignalSpy spy(&w, &MainWindow::reflectFinished);
        PgConnectionParams p;
        p.database = db;
        p.schemas = QStringLiteral("forum_example");
        w.connectTo(p);
        QVERIFY(spy.wait(30000));
        QVERIFY2(spy.at(0).at(0).toBool(), qPrintable(w.eventLog()->lastMessage()));
        QTRY_VERIFY(!w.explorer()->isBuildingCatalog()); // the Database tab's rows come from a pool thread
        QVERIFY(findText(w.explorer()->catalogProxy(), QStringLiteral("person")).isValid());
        QVERIFY2(w.explorer()->typeModel()->schema(), "the SchemaGenerator produced no schema");
        QVERIFY(w.explorer()->typeModel()->indexForType(QStringLiteral("Person")).isValid());
        QVERIFY(w.explorer()->typeModel()->indexForMember(QStringLiteral("Person"), QStringLiteral("fullName")).isValid());
        QVERIFY(w.connectionBar()->statusText().contains(db));
        QCOMPARE(w.connectionBar()->identityCombo()->count(), 3); // connection role + demo identities

        // Run executes as the chosen identity, on a connection of its own, off the UI thread.
        QueryTab *tab = w.newQueryTab(QStringLiteral("{ currentPerson { username } }"));
        auto runAs = [&](int identity) {
            w.connectionBar()->identityCombo()->setCurrentIndex(identity);
            tab->results()->showMessage(QString());
            w.findChild<QAction *>(QStringLiteral("actionRun"))->trigger();
            QVERIFY(w.isBusy());
            QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 30000);
        };
        runAs(2); // johndoe
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(tab->results()->rawText().contains(QLatin1String("\"username\": \"johndoe\"")),
                 qPrintable(tab->results()->rawText()));
        QVERIFY2(tab->results()->statusText().contains(QLatin1String("Ran as johndoe")), qPrintable(tab->results()->statusText()));
        QVERIFY(tab->results()->statusText().contains(QLatin1String("SQL statement")));
        QVERIFY(tab->results()->statusText().contains(QLatin1String("current_user forum_example_person")));
        qInfo("johndoe: %s", qPrintable(tab->results()->statusText()));
        // The SQL tab: the root field's statement, its parameters and its plan, as johndoe.
        QVERIFY2(tab->results()->sqlText().startsWith(QLatin1String("-- currentPerson\n")), qPrintable(tab->results()->sqlText()));
        QVERIFY(tab->results()->sqlText().contains(QLatin1String("\"Plan\"")));
        QVERIFY(tab->results()->warningText().isEmpty()); // RLS applies to forum_example_person
        runAs(1); // anonymous visitor
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(tab->results()->rawText().contains(QLatin1String("\"currentPerson\": null")),
                 qPrintable(tab->results()->rawText()));
        QVERIFY(tab->results()->statusText().contains(QLatin1String("Ran as anonymous")));
        qInfo("anonymous: %s", qPrintable(tab->results()->statusText()));

        // Dry run rolls back; the answer is the same and the status line says how it ran.
        w.findChild<QAction *>(QStringLiteral("actionDryRun"))->setChecked(true);
        runAs(2);
        w.findChild<QAction *>(QStringLiteral("actionDryRun"))->setChecked(false);
        QVERIFY(tab->results()->rawText().contains(QLatin1String("johndoe")));
        QVERIFY(tab->results()->statusText().contains(QLatin1String("dry run")));

        // Bad variables: a clear error and nothing run.
        tab->variablesEdit()->setPlainText(QStringLiteral("{ nope"));
        w.findChild<QAction *>(QStringLiteral("actionRun"))->trigger();
        QVERIFY(!w.isBusy());
        QVERIFY2(tab->results()->statusText().contains(QLatin1String("not valid JSON")), qPrintable(tab->results()->statusText()));
        QVERIFY(tab->results()->rawText().isEmpty());
        tab->variablesEdit()->clear();

        // Acceptance: find Person in the explorer by filtering.
        w.explorer()->setFilterText(QStringLiteral("Person"));
        QVERIFY(w.explorer()->typeModel()->indexForType(QStringLiteral("Person")).isValid());
        QVERIFY(!w.explorer()->typeModel()->indexForType(QStringLiteral("Post")).isValid());
        w.explorer()->setFilterText(QString());

        // Type an operation using completion: the list opens while typing, Enter takes the proposal.
        QueryTab *typed = w.newQueryTab();
        QueryEditor *editor = typed->editor();
        editor->setFocus();
        QTest::keyClicks(editor, QStringLiteral("{ currentPers"));
        QTRY_VERIFY(typed->completer()->isActive());
        QVERIFY2(typed->completer()->proposals().contains(QStringLiteral("currentPerson")),
                 qPrintable(typed->completer()->proposals().join(QLatin1Char(','))));
        QTest::keyClick(editor, Qt::Key_Return);
        QTest::keyClicks(editor, QStringLiteral(" { usern"));
        QTRY_VERIFY(typed->completer()->isActive());
        QCOMPARE(typed->completer()->proposals(), QStringList{QStringLiteral("username")});
        QTest::keyClick(editor, Qt::Key_Return);
        QTest::keyClicks(editor, QStringLiteral(" } }"));
        QCOMPARE(editor->text(), QStringLiteral("{ currentPerson { username } }"));
        w.connectionBar()->selectIdentity(QStringLiteral("johndoe"));
        w.findChild<QAction *>(QStringLiteral("actionRun"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 30000);
        QVERIFY2(typed->results()->rawText().contains(QLatin1String("\"username\": \"johndoe\"")), qPrintable(typed->results()->rawText()));

        // johndoe may change his own row, not another person's (RLS), in one tab with two
        // operations: Ctrl+Enter runs the one under the cursor.
        auto runTab = [&](QueryTab *t) {
            w.queryTabs()->setCurrentWidget(t);
            w.findChild<QAction *>(QStringLiteral("actionRun"))->trigger();
            QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 30000);
        };
        QueryTab *edit = w.newQueryTab(QStringLiteral(
            "mutation Own { updatePersonByUsername(input: {username: \"johndoe\", personPatch: {about: \"edited by johndoe\"}}) { person { about } } }\n"
            "mutation Other { updatePersonByUsername(input: {username: \"li_wei\", personPatch: {about: \"hacked\"}}) { person { about } } }\n"));
        edit->editor()->setCursorPosition(0, 10);
        runTab(edit);
        QString raw = edit->results()->rawText();
        QVERIFY2(raw.contains(QLatin1String("\"about\": \"edited by johndoe\"")), qPrintable(raw));
        edit->editor()->setCursorPosition(1, 10);
        runTab(edit);
        raw = edit->results()->rawText();
        QVERIFY2(raw.contains(QLatin1String("\"errors\"")) && !raw.contains(QLatin1String("hacked")), qPrintable(raw));
        pg::Connection check;
        QVERIFY(check.open(QStringLiteral("dbname=%1").arg(db)));
        QCOMPARE(check.exec(QStringLiteral("select about from forum_example.person where username = 'johndoe'")).text(0, 0),
                 QStringLiteral("edited by johndoe"));
        QVERIFY(check.exec(QStringLiteral("select about from forum_example.person where username = 'li_wei'")).text(0, 0)
                != QLatin1String("hacked"));

        // Dry-run a createPost: the answer shows the post, the database does not keep it.
        const QString countPosts = QStringLiteral("select count(*) from forum_example.post");
        const QString before = check.exec(countPosts).text(0, 0);
        QueryTab *create = w.newQueryTab(QStringLiteral(
            "mutation New($h: String!) { createPost(input: {post: {authorUsername: \"johndoe\", headline: $h}}) { post { headline } } }"));
        create->variablesEdit()->setPlainText(QStringLiteral("{\"h\": \"dry run post\"}"));
        w.findChild<QAction *>(QStringLiteral("actionDryRun"))->setChecked(true);
        runTab(create);
        raw = create->results()->rawText();
        w.findChild<QAction *>(QStringLiteral("actionDryRun"))->setChecked(false);
        QVERIFY2(raw.contains(QLatin1String("\"headline\": \"dry run post\"")), qPrintable(raw));
        QVERIFY(create->results()->statusText().contains(QLatin1String("dry run")));
        QCOMPARE(check.exec(countPosts).text(0, 0), before);
        QCOMPARE(check.exec(QStringLiteral("select count(*) from forum_example.post where headline = 'dry run post'")).text(0, 0),
                 QStringLiteral("0"));
        // A variable of the wrong type: stopped before anything is sent.
        create->variablesEdit()->setPlainText(QStringLiteral("{\"h\": 5}"));
        w.queryTabs()->setCurrentWidget(create);
        w.findChild<QAction *>(QStringLiteral("actionRun"))->trigger();
        QVERIFY(!w.isBusy());
        QVERIFY(create->results()->statusText().contains(QLatin1String("$h: 5 is not a String")));
        // The history knows each run and who it ran as.
        QVERIFY(w.workspaceSession()->workspace().history.size() >= 5);
        QCOMPARE(w.workspaceSession()->workspace().history.first().identity, QStringLiteral("johndoe"));
        QCOMPARE(w.workspaceSession()->workspace().history.first().currentUser, QStringLiteral("forum_example_person"));
        QVERIFY(w.workspaceSession()->workspace().history.first().dryRun);
        w.queryTabs()->setCurrentWidget(tab);
        runAs(0);
        if (QTest::currentTestFailed())
            return;

        // Cancel from the status bar reports at once.
        runAs(0);
        if (QTest::currentTestFailed())
            return;
        // The connection role of the throwaway cluster is a superuser: the result says RLS did not apply.
        QVERIFY2(tab->results()->warningText().contains(QLatin1String("NOT applied")), qPrintable(tab->results()->statusText()));
        w.findChild<QAction *>(QStringLiteral("actionRun"))->trigger();
        QVERIFY(w.isBusy());
        w.findChild<QPushButton *>(QStringLiteral("cancelButton"))->click();
        QVERIFY(!w.isBusy());
        QVERIFY(tab->results()->statusText().contains(QLatin1String("Cancelled")));
    }
    admin.exec(QStringLiteral("drop database if exists %1 with (force)").arg(db));
}

void TestMainWindow::tabsRestoredAfterRestart()
{
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.queryTabs()->count(), 1);
        w.currentQueryTab()->editor()->setText(QStringLiteral("query A { a }"));
        QueryTab *b = w.newQueryTab(QStringLiteral("query B($x: Int) { b(x: $x) }\n# é\n"));
        b->variablesEdit()->setPlainText(QStringLiteral("{\"x\": 1}"));
        b->headersEdit()->setPlainText(QStringLiteral("X-Trace: 1"));
        b->editor()->setCursorPosition(1, 2);
        w.newQueryTab(QStringLiteral("{ c }"));
        w.queryTabs()->setCurrentIndex(1);
        w.close(); // saves
    }
    QFile file(workspace::Workspace::defaultPath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains("query B"));
    file.close();
    {
        MainWindow w;
        QCOMPARE(w.queryTabs()->count(), 3);
        QCOMPARE(w.queryTabs()->currentIndex(), 1);
        QueryTab *b = w.currentQueryTab();
        QCOMPARE(b->editor()->text(), QStringLiteral("query B($x: Int) { b(x: $x) }\n# é\n"));
        QCOMPARE(b->variablesEdit()->toPlainText(), QStringLiteral("{\"x\": 1}"));
        QCOMPARE(b->headersEdit()->toPlainText(), QStringLiteral("X-Trace: 1"));
        int line = 0, index = 0;
        b->editor()->getCursorPosition(&line, &index);
        QCOMPARE(line, 1);
        QCOMPARE(index, 2);
        QCOMPARE(qobject_cast<QueryTab *>(w.queryTabs()->widget(0))->editor()->text(), QStringLiteral("query A { a }"));
        // Autosave: an edit reaches the file shortly after, without closing (a crash loses nothing older).
        b->editor()->setText(QStringLiteral("query B2 { b }"));
        QVERIFY(w.workspaceSession()->isSavePending());
        QTRY_VERIFY(!w.workspaceSession()->isSavePending());
    } // destroyed without close(), as after a crash
    {
        MainWindow w;
        QCOMPARE(w.queryTabs()->count(), 3);
        QCOMPARE(qobject_cast<QueryTab *>(w.queryTabs()->widget(1))->editor()->text(), QStringLiteral("query B2 { b }"));
    }
    // A damaged workspace file: a fresh window and a warning, never a crash; the file is kept.
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{ damaged");
    file.close();
    {
        MainWindow w;
        QCOMPARE(w.queryTabs()->count(), 1);
        QVERIFY(w.eventLog()->lastMessage().contains(QLatin1String("Could not read the workspace")) ||
                [&] {
                    for (int i = 0; i < w.eventLog()->topLevelItemCount(); ++i)
                        if (w.eventLog()->topLevelItem(i)->text(1).contains(QLatin1String("Could not read the workspace")))
                            return true;
                    return false;
                }());
    }
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("{ damaged"));
}

// Opt-in (it talks to the user's keychain service): how the probe ends where this runs.
void TestMainWindow::realKeychainProbe()
{
    if (qEnvironmentVariableIntValue("REFRACT_TEST_REAL_KEYCHAIN") == 0)
        QSKIP("set REFRACT_TEST_REAL_KEYCHAIN=1 to probe the real keychain service");
    PasswordKeychain *k = PasswordKeychain::instance();
    QElapsedTimer timer;
    timer.start();
    k->setBackendEnabled(true);
    QTRY_VERIFY_WITH_TIMEOUT(k->status() != PasswordKeychain::Probing, 30000);
    qInfo("keychain probe: %s after %lld ms", k->status() == PasswordKeychain::Available ? "available" : "memory only",
          timer.elapsed());
    k->setBackendEnabled(false);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
