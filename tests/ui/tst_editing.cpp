// The editor's and results' parts without a database: live validation, error links, the operation
// under the cursor, the variables check, the lazy JSON models and cURL export.
#include <ui/connectionbar.h>
#include <ui/documentchecker.h>
#include <ui/jwtdecoder.h>
#include <ui/profilesdialog.h>
#include <ui/editorcompleter.h>
#include <ui/jsonindex.h>
#include <ui/jsontablemodel.h>
#include <ui/jsontreemodel.h>
#include <ui/mainwindow.h>
#include <ui/operationpicker.h>
#include <ui/queryeditor.h>
#include <ui/querytab.h>
#include <ui/resultsview.h>
#include <ui/runcontroller.h>
#include <ui/schemacontext.h>
#include <ui/variablescheck.h>

#include <graphql/schemabuilder.h>
#include <identity/jwt.h>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace refract;
using namespace refract::ui;

namespace {

const char Sdl[] = R"(
type Query { allPeople(first: Int, orderBy: [PeopleOrderBy!]): PeopleConnection personById(id: Int!): Person }
type PeopleConnection { nodes: [Person]! totalCount: Int! }
type Person { id: Int! fullName: String topic: PostTopic }
enum PostTopic { HELP SHOWCASE }
enum PeopleOrderBy { NATURAL ID_ASC }
input PersonPatch { fullName: String topic: PostTopic }
type Mutation { updatePerson(id: Int!, patch: PersonPatch!): Person }
)";

std::shared_ptr<const graphql::Schema> schema()
{
    static std::shared_ptr<const graphql::Schema> s = [] {
        graphql::GraphQLError error;
        auto built = graphql::buildSchema(QString::fromUtf8(Sdl), &error);
        if (!built)
            qFatal("schema: %s", qPrintable(error.message));
        return std::make_shared<const graphql::Schema>(std::move(*built));
    }();
    return s;
}

} // namespace

class TestEditing : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void diagnosticsFromParserAndValidator();
    void liveValidationInTheEditor();
    void completion();
    void errorInResultsMovesTheCursor();
    void operationUnderTheCursor();
    void variablesAreCheckedBeforeSending();
    void jsonIndexAndTree();
    void tableOfConnection();
    void prettyJsonKeepsKeyOrder();
    void largeResponseStaysResponsive();
    void curlCommand();
    void profilesAndJwt();

private:
    QTemporaryDir m_dir;
};

void TestEditing::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", m_dir.filePath(QStringLiteral("data")).toUtf8());
    QCoreApplication::setOrganizationName(QStringLiteral("RefractTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_editing"));
}

void TestEditing::diagnosticsFromParserAndValidator()
{
    const auto context = SchemaContext::fromSchema(schema());
    QList<Diagnostic> d = DocumentChecker::check(context.get(), QStringLiteral("{ allPeople { nodes { fullName nope } } }"));
    QCOMPARE(d.size(), 1);
    QVERIFY(d.first().message.contains(QLatin1String("Cannot query field \"nope\" on type \"Person\"")));
    QCOMPARE(d.first().line, 1);
    QCOMPARE(d.first().column, 32);
    QCOMPARE(d.first().endByte - d.first().startByte, 4); // the whole name is underlined

    d = DocumentChecker::check(context.get(), QStringLiteral("query {\n  allPeople(first: \"x\") { totalCount }\n}"));
    QCOMPARE(d.size(), 1);
    QCOMPARE(d.first().line, 2);
    QVERIFY(d.first().message.contains(QLatin1String("Int cannot represent")));

    d = DocumentChecker::check(context.get(), QStringLiteral("{ allPeople { "));
    QCOMPARE(d.size(), 1);
    QVERIFY(d.first().message.startsWith(QLatin1String("Syntax Error")));
    // Multi-byte text before an error: byte ranges, not character counts.
    d = DocumentChecker::check(context.get(), QStringLiteral("# é€\n{ nope }"));
    QCOMPARE(d.size(), 1);
    QCOMPARE(d.first().startByte, qsizetype(QByteArray("# é€\n{ ").size()));
    QVERIFY(DocumentChecker::check(context.get(), QStringLiteral("{ allPeople { totalCount } }")).isEmpty());
    // @include and Int are known even though the SDL did not declare them.
    QVERIFY(DocumentChecker::check(context.get(), QStringLiteral("query($a: Boolean!) { allPeople @include(if: $a) { totalCount } }")).isEmpty());
}

void TestEditing::liveValidationInTheEditor()
{
    MainWindow w;
    w.setSchema(schema());
    QueryTab *tab = w.currentQueryTab();
    tab->editor()->setText(QStringLiteral("{ allPeople { nodes { fullName nope } } }"));
    QTRY_COMPARE(tab->editor()->diagnosticCount(), 1); // after the debounce, from a pool thread
    const long pos = tab->editor()->positionFromLineIndex(0, 33);
    QVERIFY(tab->editor()->diagnosticsAt(pos).contains(QLatin1String("nope")));
    QVERIFY(tab->editor()->diagnosticsAt(2).isEmpty() || tab->editor()->diagnosticsAt(2).contains(QLatin1String("nope")));
    QCOMPARE(int(tab->editor()->SendScintilla(QsciScintillaBase::SCI_INDICATORVALUEAT, 8UL, pos)), 1);
    tab->editor()->setText(QStringLiteral("{ allPeople { totalCount } }"));
    QTRY_COMPARE(tab->editor()->diagnosticCount(), 0);
    // A new tab validates against the same schema.
    QueryTab *second = w.newQueryTab(QStringLiteral("{ nope }"));
    QTRY_COMPARE(second->editor()->diagnosticCount(), 1);
}

void TestEditing::completion()
{
    MainWindow w;
    w.setSchema(schema());
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QueryTab *tab = w.currentQueryTab();
    QueryEditor *e = tab->editor();
    EditorCompleter *c = tab->completer();
    auto at = [&](const QString &text) {
        e->setText(text);
        e->setCursorPosition(0, int(text.size()));
        return c->complete();
    };
    // Fields of the type under the cursor, filtered by the prefix.
    QVERIFY(at(QStringLiteral("{ allPeople { nodes { fu")) > 0);
    QCOMPARE(c->proposals(), QStringList{QStringLiteral("fullName")});
    QVERIFY(c->isActive());
    QVERIFY(c->accept(QStringLiteral("fullName")));
    QCOMPARE(e->text(), QStringLiteral("{ allPeople { nodes { fullName"));
    // Arguments not yet given, enum values, variables of the operation, directives.
    at(QStringLiteral("{ allPeople(first: 1, "));
    QVERIFY2(c->proposals().contains(QStringLiteral("orderBy")) && !c->proposals().contains(QStringLiteral("first")),
             qPrintable(c->proposals().join(QLatin1Char(','))));
    at(QStringLiteral("{ allPeople(orderBy: I"));
    QVERIFY2(c->proposals().contains(QStringLiteral("ID_ASC")), qPrintable(c->proposals().join(QLatin1Char(','))));
    at(QStringLiteral("query Q($id: Int!) { personById(id: $"));
    QVERIFY2(c->proposals().contains(QStringLiteral("$id")), qPrintable(c->proposals().join(QLatin1Char(','))));
    QVERIFY(c->accept(QStringLiteral("$id")));
    QCOMPARE(e->text(), QStringLiteral("query Q($id: Int!) { personById(id: $id"));
    at(QStringLiteral("{ allPeople @"));
    QVERIFY(c->proposals().contains(QStringLiteral("include")));
    at(QStringLiteral("mutation { updatePerson(id: 1, patch: { to"));
    QCOMPARE(c->proposals(), QStringList{QStringLiteral("topic")});
    at(QStringLiteral("{ allPeople { nodes { ...F } } }\nfragment F on Person { id }\n"));
    e->setCursorPosition(0, 25);
    c->complete();
    QVERIFY2(c->proposals().contains(QStringLiteral("F")), qPrintable(c->proposals().join(QLatin1Char(','))));
    // Typing opens the list by itself; picking with Enter inserts.
    e->setText(QStringLiteral("{ allPeople { tot"));
    e->setCursorPosition(0, 17);
    e->setFocus();
    QTest::keyClicks(e, QStringLiteral("a"));
    QVERIFY(c->isActive());
    QCOMPARE(c->proposals(), QStringList{QStringLiteral("totalCount")});
    QTest::keyClick(e, Qt::Key_Return);
    QCOMPARE(e->text(), QStringLiteral("{ allPeople { totalCount"));
    QVERIFY(!c->isActive());
    // Without a schema: no list, no crash.
    w.setSchema(nullptr);
    QCOMPARE(at(QStringLiteral("{ a")), 0);
}

void TestEditing::errorInResultsMovesTheCursor()
{
    QueryTab tab;
    tab.editor()->setText(QStringLiteral("query {\n  a\n  bad\n}\n"));
    tab.editor()->setCursorPosition(0, 0);
    tab.results()->showJson(R"({"errors":[{"message":"Cannot query field \"bad\"","locations":[{"line":3,"column":3}]}]})");
    QListWidget *errors = tab.results()->errorList();
    QVERIFY(!errors->isHidden());
    QCOMPARE(errors->count(), 1);
    QVERIFY(errors->item(0)->text().startsWith(QLatin1String("3:3")));
    const QRect r = errors->visualItemRect(errors->item(0));
    tab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tab));
    QTest::mouseClick(errors->viewport(), Qt::LeftButton, {}, errors->visualItemRect(errors->item(0)).center());
    Q_UNUSED(r);
    int line = -1, index = -1;
    tab.editor()->getCursorPosition(&line, &index);
    QCOMPARE(line, 2);
    QCOMPARE(index, 2);
}

void TestEditing::operationUnderTheCursor()
{
    const QString doc = QStringLiteral("query A { a }\n\nquery B($id: Int!, $t: PostTopic = HELP) { b }\n\nfragment F on Person { id }\n");
    OperationPicker::Result r = OperationPicker::pick(doc, doc.indexOf(QLatin1String("{ b")));
    QVERIFY(r.found);
    QCOMPARE(r.operationCount, 2);
    QCOMPARE(r.operationName, QStringLiteral("B"));
    QCOMPARE(r.variables.size(), 2);
    QCOMPARE(r.variables.at(0).type, QStringLiteral("Int!"));
    QVERIFY(r.variables.at(1).hasDefault);
    QCOMPARE(OperationPicker::pick(doc, 3).operationName, QStringLiteral("A"));
    QCOMPARE(OperationPicker::pick(doc, doc.indexOf(QLatin1String("\n\nquery B"))).operationName, QStringLiteral("A"));
    QCOMPARE(OperationPicker::pick(doc, doc.indexOf(QLatin1String("fragment"))).operationName, QStringLiteral("B"));
    QVERIFY(!OperationPicker::pick(QStringLiteral("{ a "), 0).parsed);
}

void TestEditing::variablesAreCheckedBeforeSending()
{
    QJsonObject v;
    QString error;
    QVERIFY(VariablesCheck::parse(QString(), &v, &error));
    QVERIFY(!VariablesCheck::parse(QStringLiteral("{\n  \"id\": 1,\n  oops\n}"), &v, &error));
    QVERIFY2(error.contains(QLatin1String("not valid JSON")) && error.contains(QLatin1String("line 3")), qPrintable(error));
    QVERIFY(!VariablesCheck::parse(QStringLiteral("[1]"), &v, &error));
    QVERIFY(error.contains(QLatin1String("JSON object")));

    const graphql::Schema *s = schema().get();
    const QList<OperationPicker::Variable> defs = {{QStringLiteral("id"), QStringLiteral("Int!"), false},
                                                   {QStringLiteral("patch"), QStringLiteral("PersonPatch!"), false},
                                                   {QStringLiteral("order"), QStringLiteral("[PeopleOrderBy!]"), true}};
    auto check = [&](const char *json) {
        QJsonObject o;
        QString e;
        if (!VariablesCheck::parse(QString::fromUtf8(json), &o, &e))
            return QStringList{e};
        return VariablesCheck::check(s, defs, o);
    };
    QVERIFY(check(R"({"id": 1, "patch": {"fullName": "x", "topic": "HELP"}, "order": ["ID_ASC"]})").isEmpty());
    QVERIFY(check(R"({"id": 1, "patch": {}, "order": "ID_ASC"})").isEmpty()); // a single value is a one-item list
    QStringList p = check(R"({"id": "1", "patch": {"topic": "NOPE", "age": 3}})");
    QCOMPARE(p.size(), 3);
    QVERIFY2(p.at(0).startsWith(QLatin1String("$id: \"1\" is not an Int")), qPrintable(p.join(QLatin1Char('|'))));
    QVERIFY2(p.join(QLatin1Char('|')).contains(QLatin1String("$patch: PersonPatch has no field \"age\"")), qPrintable(p.join(QLatin1Char('|'))));
    QVERIFY(p.join(QLatin1Char('|')).contains(QLatin1String("$patch.topic: \"NOPE\" is not a value of enum PostTopic (HELP, SHOWCASE)")));
    p = check(R"({"patch": null, "id": 2.5})");
    QCOMPARE(p.size(), 2);
    QVERIFY(p.join(QLatin1Char('|')).contains(QLatin1String("$patch: null where PersonPatch! is required")));

    // The window: a wrong type stops the run with the message, nothing is sent.
    MainWindow w;
    w.setSchema(schema());
    QueryTab *tab = w.currentQueryTab();
    tab->editor()->setText(QStringLiteral("query Q($id: Int!) { personById(id: $id) { fullName } }"));
    tab->variablesEdit()->setPlainText(QStringLiteral("{\"id\": \"seven\"}"));
    w.findChild<QAction *>(QStringLiteral("actionRun"))->trigger();
    QVERIFY(!w.isBusy());
    QVERIFY2(tab->results()->statusText().contains(QLatin1String("$id: \"seven\" is not an Int")), qPrintable(tab->results()->statusText()));
    QVERIFY(tab->results()->statusText().contains(QLatin1String("Nothing was sent")));
    tab->variablesEdit()->setPlainText(QStringLiteral("{}"));
    w.findChild<QAction *>(QStringLiteral("actionRun"))->trigger();
    QVERIFY(tab->results()->statusText().contains(QLatin1String("$id: required variable of type Int! was not given")));
}

void TestEditing::jsonIndexAndTree()
{
    const QByteArray json = R"({"data":{"b":[1,"x\"y\u00e9",{"k":null}],"a":{},"c":true},"errors":[]})";
    QString error;
    auto index = JsonIndex::build(json, &error);
    QVERIFY2(index, qPrintable(error));
    const auto data = index->member(index->root(), QLatin1String("data"));
    QCOMPARE(index->childCount(data), 3);
    const auto children = index->children(data);
    QCOMPARE(index->key(children.at(0)), QStringLiteral("b")); // document order, not sorted
    QCOMPARE(index->key(children.at(1)), QStringLiteral("a"));
    const auto list = index->children(children.at(0));
    QCOMPARE(list.size(), 3);
    QCOMPARE(index->displayValue(list.at(1)), QStringLiteral("x\"yé"));
    QCOMPARE(index->displayValue(list.at(2)), QStringLiteral("{1}"));
    QCOMPARE(index->kind(children.at(2)), JsonIndex::Kind::Bool);
    for (const char *bad : {"", "nope", "{\"a\":[1}", "{\"a\":\"x}", "{} {}"})
        QVERIFY2(!JsonIndex::build(bad, &error), bad);

    JsonTreeModel model;
    model.setIndex(index);
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex b = model.find({QStringLiteral("data"), QStringLiteral("b"), QStringLiteral("2"), QStringLiteral("k")});
    QVERIFY(b.isValid());
    QCOMPARE(b.siblingAtColumn(1).data().toString(), QStringLiteral("null"));
    QCOMPARE(b.siblingAtColumn(2).data().toString(), QStringLiteral("null"));
    QCOMPARE(model.parent(b).data().toString(), QStringLiteral("2"));
    QVERIFY(!model.hasChildren(model.find({QStringLiteral("data"), QStringLiteral("a")}))); // {}
}

void TestEditing::tableOfConnection()
{
    JsonTableModel model;
    model.setIndex(JsonIndex::build(R"({"data":{"allPeople":{"nodes":[{"id":1,"fullName":"A"},{"id":2,"fullName":"B","topic":"HELP"}],"totalCount":2}}})"));
    QCOMPARE(model.sourcePath(), QStringLiteral("data.allPeople.nodes"));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), 3);
    QCOMPARE(model.headerData(2, Qt::Horizontal).toString(), QStringLiteral("topic"));
    QCOMPARE(model.index(1, 1).data().toString(), QStringLiteral("B"));
    QCOMPARE(model.index(0, 2).data().toString(), QString());
    model.setIndex(JsonIndex::build(R"({"data":{"x":{"edges":[{"cursor":"c1","node":{"id":7,"p":{"q":1}}}]}}})"));
    QCOMPARE(model.sourcePath(), QStringLiteral("data.x.edges.node"));
    QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("{\"q\":1}"));
    model.setIndex(JsonIndex::build(R"({"data":{"one":{"id":1}}})"));
    QCOMPARE(model.rowCount(), 0);
}

void TestEditing::prettyJsonKeepsKeyOrder()
{
    QCOMPARE(ResultsView::prettyJson(R"({"z":1,"a":[],"m":{"s":"a,b:{"}})"),
             QByteArray("{\n    \"z\": 1,\n    \"a\": [],\n    \"m\": {\n        \"s\": \"a,b:{\"\n    }\n}"));
}

void TestEditing::largeResponseStaysResponsive()
{
    // About 50 MB: a connection of 200,000 rows.
    QByteArray json = R"({"data":{"allPosts":{"nodes":[)";
    const QByteArray row = R"({"id":123456,"headline":"A headline of some length","body":"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.","author":{"fullName":"Some Body","username":"somebody"}})";
    const int rows = int((50 << 20) / (row.size() + 1));
    json.reserve(qsizetype(rows) * (row.size() + 1) + 64);
    for (int i = 0; i < rows; ++i) {
        if (i)
            json += ',';
        json += row;
    }
    json += "]}}}";
    ResultsView view;
    view.resize(800, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QElapsedTimer t;
    t.start();
    view.showJson(json, QStringLiteral("big"));
    const qint64 showMs = t.elapsed();
    QVERIFY(view.isLoading()); // indexed on a pool thread
    QTRY_VERIFY_WITH_TIMEOUT(!view.isLoading(), 60000);
    qInfo("%lld MB: showJson returned in %lld ms; ready after %lld ms", qint64(json.size() >> 20), showMs, t.elapsed());
    QVERIFY2(showMs < 100, "showJson must not parse on the UI thread");
    QCOMPARE(view.tableModel()->rowCount(), rows);
    // Expanding the 200,000-row list and scrolling to its end.
    const QModelIndex nodes = view.treeModel()->find({QStringLiteral("data"), QStringLiteral("allPosts"), QStringLiteral("nodes")});
    QVERIFY(nodes.isValid());
    t.restart();
    view.treeView()->expand(nodes);
    view.treeView()->scrollToBottom();
    QCoreApplication::processEvents();
    const qint64 expandMs = t.elapsed();
    qInfo("expand + scroll to the last of %d rows: %lld ms", rows, expandMs);
    QCOMPARE(view.treeModel()->rowCount(nodes), rows);
    QVERIFY(view.rawText().contains(QLatin1String("the first")));
}

void TestEditing::curlCommand()
{
    QueryTab tab;
    tab.editor()->setText(QStringLiteral("query A { a }\nquery B($x: Int) { b }"));
    tab.editor()->setCursorPosition(1, 3);
    tab.variablesEdit()->setPlainText(QStringLiteral("{\"x\": 1}"));
    tab.headersEdit()->setPlainText(QStringLiteral("Authorization: Bearer it's"));
    QString error;
    const QString cmd = RunController::curlCommand(&tab, QStringLiteral("http://127.0.0.1:5000/graphql"), &error);
    QVERIFY2(!cmd.isEmpty(), qPrintable(error));
    QVERIFY(cmd.startsWith(QLatin1String("curl 'http://127.0.0.1:5000/graphql'")));
    QVERIFY(cmd.contains(QLatin1String("-H 'Authorization: Bearer it'\\''s'")));
    QVERIFY2(cmd.contains(QLatin1String("\"operationName\":\"B\"")), qPrintable(cmd));
    QVERIFY(cmd.contains(QLatin1String("\"variables\":{\"x\":1}")));
    tab.headersEdit()->setPlainText(QStringLiteral("{\"a\": 1}"));
    QVERIFY(RunController::curlCommand(&tab, QStringLiteral("http://x"), &error).isEmpty());
    QVERIFY(error.contains(QLatin1String("must be a string")));
}

void TestEditing::profilesAndJwt()
{
    const QList<identity::IdentityProfile> demo = ConnectionBar::demoProfiles();
    QCOMPARE(demo.size(), 2); // shipped as resources
    QCOMPARE(demo.at(1).name, QStringLiteral("johndoe"));
    const ConnectionBar::Identity john = ConnectionBar::fromProfile(demo.at(1));
    QVERIFY(john.settings.contains(qMakePair(QStringLiteral("role"), QStringLiteral("forum_example_person"))));
    QVERIFY(john.settings.contains(qMakePair(QStringLiteral("appsync.identity_username"), QStringLiteral("johndoe"))));

    ProfilesDialog d(demo);
    d.selectProfile(1);
    QVERIFY2(d.previewText().contains(QLatin1String("appsync.identity_username = johndoe")), qPrintable(d.previewText()));
    QVERIFY(d.previewText().startsWith(QLatin1String("role = forum_example_person")));
    d.setClaimsText(QStringLiteral("{\"username\": \"janedoe\"}"));
    QVERIFY(d.previewText().contains(QLatin1String("appsync.identity_username = janedoe")));
    QCOMPARE(d.profiles().at(1).claims.value(QLatin1String("username")).toString(), QStringLiteral("janedoe"));
    d.setClaimsText(QStringLiteral("{ broken"));
    QCOMPARE(d.profiles().at(1).claims.value(QLatin1String("username")).toString(), QStringLiteral("janedoe")); // kept

    JwtDecoder decoder;
    QString error;
    const QByteArray token = identity::Jwt::sign(QJsonObject{{QStringLiteral("username"), QStringLiteral("johndoe")},
                                                             {QStringLiteral("exp"), 4102444800.0}},
                                                 identity::JwtAlgorithm::HS256, "s3cret", &error);
    QVERIFY2(!token.isEmpty(), qPrintable(error));
    decoder.setToken(QString::fromUtf8(token));
    QVERIFY(decoder.headerText().contains(QLatin1String("HS256")));
    QVERIFY(decoder.claimsText().contains(QLatin1String("johndoe")));
    QVERIFY2(decoder.statusText().contains(QLatin1String("expires 2100-01-01")), qPrintable(decoder.statusText()));
    QVERIFY(decoder.statusText().contains(QLatin1String("signature not checked")));
    decoder.setKey(QStringLiteral("s3cret"));
    QVERIFY2(decoder.statusText().contains(QLatin1String("signature valid")), qPrintable(decoder.statusText()));
    decoder.setKey(QStringLiteral("wrong"));
    QVERIFY(decoder.statusText().contains(QLatin1String("signature check failed")));
    decoder.setToken(QStringLiteral("not.a.token"));
    QVERIFY(decoder.statusText().startsWith(QLatin1String("Not a JWT")));
}

QTEST_MAIN(TestEditing)
#include "tst_editing.moc"
