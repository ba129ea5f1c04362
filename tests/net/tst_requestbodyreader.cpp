#include <net/requestbodyreader.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

// RequestBodyReader is a fast path: whatever it accepts it must read exactly as QJsonDocument does,
// and whatever it cannot vouch for it must hand back (false) so the general path answers. Each body
// here is checked both ways.
using refract::net::RequestBodyReader;

namespace {

/// The general path's reading of a body that is one object with a string query.
struct General
{
    bool ok = false;
    QString query, operationName;
    QJsonObject variables;
};

General general(const QByteArray &body)
{
    General g;
    QJsonParseError e;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &e);
    if (e.error != QJsonParseError::NoError || !doc.isObject())
        return g;
    const QJsonObject o = doc.object();
    if (!o.value(QLatin1String("query")).isString())
        return g;
    const QJsonValue op = o.value(QLatin1String("operationName")), vars = o.value(QLatin1String("variables")),
                     ext = o.value(QLatin1String("extensions"));
    if (!(op.isString() || op.isNull() || op.isUndefined()) || !(vars.isObject() || vars.isNull() || vars.isUndefined())
        || !(ext.isObject() || ext.isNull() || ext.isUndefined()))
        return g;
    g.ok = true;
    g.query = o.value(QLatin1String("query")).toString();
    g.operationName = op.toString();
    g.variables = vars.toObject();
    return g;
}

} // namespace

class TestRequestBodyReader : public QObject
{
    Q_OBJECT
private slots:
    void readsWhatItVouchesFor_data();
    void readsWhatItVouchesFor();
    void handsBackWhatItCannotVouchFor_data();
    void handsBackWhatItCannotVouchFor();
};

void TestRequestBodyReader::readsWhatItVouchesFor_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("root finder") << QByteArray(R"({"query":"query($id:Int!){postById(id:$id){id headline}}","variables":{"id":17}})");
    QTest::newRow("escaped quotes") << QByteArray(R"({"query":"mutation($id:Int!){updatePostById(input:{id:$id,postPatch:{body:\"benchmarked\"}}){post{id}}}","variables":{"id":3}})");
    QTest::newRow("every escape") << QByteArray(R"({"query":"a\"b\\c\/d\be\ff\ng\rh\ti\u0041\u00e9\u4e2d"})");
    QTest::newRow("surrogate pair") << QByteArray(R"({"query":"{ x(s: \"\ud83d\ude00\") }"})");
    QTest::newRow("whitespace") << QByteArray(" \r\n\t{ \"query\" : \"{ a }\" ,\n \"operationName\" : null , \"variables\" : null }\n ");
    QTest::newRow("operation name") << QByteArray(R"({"operationName":"Two","query":"query One { a } query Two { b }"})");
    QTest::newRow("nested variables") << QByteArray(R"({"query":"q","variables":{"input":{"list":[1,2.5,"}]\"{",{"deep":[true,false,null]}],"s":"\u00e9"}}})");
    QTest::newRow("extensions") << QByteArray(R"({"query":"{ a }","extensions":{"persistedQuery":{"version":1,"sha256Hash":"abc"}}})");
    QTest::newRow("empty strings") << QByteArray(R"({"query":"","operationName":""})");
    QTest::newRow("null char escape") << QByteArray(R"({"query":"a\u0000b"})");
}

void TestRequestBodyReader::readsWhatItVouchesFor()
{
    QFETCH(QByteArray, body);
    const General g = general(body);
    QVERIFY(g.ok);
    RequestBodyReader::Body fast;
    QVERIFY(RequestBodyReader::read(body, &fast));
    QCOMPARE(fast.query, g.query);
    QCOMPARE(fast.operationName, g.operationName);
    QCOMPARE(fast.variables, g.variables);
}

void TestRequestBodyReader::handsBackWhatItCannotVouchFor_data()
{
    QTest::addColumn<QByteArray>("body");
    // Malformed: the general path words the error.
    QTest::newRow("truncated") << QByteArray(R"({"query":"{ a }")");
    QTest::newRow("unterminated string") << QByteArray(R"({"query":"{ a })");
    QTest::newRow("trailing comma") << QByteArray(R"({"query":"{ a }",})");
    QTest::newRow("trailing garbage") << QByteArray(R"({"query":"{ a }"} x)");
    QTest::newRow("two objects") << QByteArray(R"({"query":"a"}{"query":"b"})");
    QTest::newRow("bad escape") << QByteArray(R"({"query":"\x"})");
    QTest::newRow("short unicode escape") << QByteArray(R"({"query":"\u12"})");
    QTest::newRow("raw newline in string") << QByteArray("{\"query\":\"a\nb\"}");
    QTest::newRow("lone high surrogate") << QByteArray(R"({"query":"\ud83d"})");
    QTest::newRow("lone low surrogate") << QByteArray(R"({"query":"\ude00"})");
    QTest::newRow("malformed variables") << QByteArray(R"({"query":"q","variables":{"a":tru}})");
    QTest::newRow("unbalanced variables") << QByteArray(R"({"query":"q","variables":{"a":[1}]})");
    QTest::newRow("nullx") << QByteArray(R"({"query":"q","operationName":nullx})");
    // Well-formed but not of the usual shape: the general path decides.
    QTest::newRow("empty object") << QByteArray("{}");
    QTest::newRow("array") << QByteArray(R"([{"query":"q"}])");
    QTest::newRow("query not a string") << QByteArray(R"({"query":42})");
    QTest::newRow("query null") << QByteArray(R"({"query":null})");
    QTest::newRow("no query") << QByteArray(R"({"variables":{}})");
    QTest::newRow("variables an array") << QByteArray(R"({"query":"q","variables":[1]})");
    QTest::newRow("variables a string") << QByteArray(R"({"query":"q","variables":"{}"})");
    QTest::newRow("operationName a number") << QByteArray(R"({"query":"q","operationName":1})");
    QTest::newRow("unknown member") << QByteArray(R"({"query":"q","documentId":"x"})");
    QTest::newRow("repeated query") << QByteArray(R"({"query":"a","query":"b"})");
    QTest::newRow("escaped key") << QByteArray(R"({"qu\u0065ry":"q"})");
    QTest::newRow("non-ASCII query") << QByteArray("{\"query\":\"{ x(s: \\\"\xc3\xa9\\\") }\"}");
    QTest::newRow("invalid UTF-8") << QByteArray("{\"query\":\"\xff\"}");
    QTest::newRow("deep variables") << QByteArray(R"({"query":"q","variables":{"a":)") + QByteArray(80, '[') + QByteArray(80, ']') + "}}";
}

void TestRequestBodyReader::handsBackWhatItCannotVouchFor()
{
    QFETCH(QByteArray, body);
    RequestBodyReader::Body fast;
    QVERIFY(!RequestBodyReader::read(body, &fast));
}

QTEST_APPLESS_MAIN(TestRequestBodyReader)
#include "tst_requestbodyreader.moc"
