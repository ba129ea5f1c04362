#include <exec/mutationevents.h>

#include <QTest>

// The JSON text surgery MutationEvents does on responses built by PostgreSQL: find a member's
// value and remove the reserved members, without decoding or reordering anything else.
using namespace refract::exec;

#ifndef Q_MOC_RUN
// Test data with unbalanced braces inside strings confuses moc's scanner: keep it out of its sight.
namespace {

void memberCase()
{
    const QByteArray j = "{\"data\" : {\"createPost\" : {\"headline\" : \"a \x7d \\\" \x7b b\", \"_refractKey0\" : 31}}, \"x\": [1, {\"y\": \"]\"}]}";
    const auto data = jsontext::member(j, 0, "data");
    QVERIFY(data.first > 0);
    QCOMPARE(j.at(data.first), '{');
    const auto field = jsontext::member(j, data.first, "createPost");
    const auto key = jsontext::member(j, field.first, "_refractKey0");
    QCOMPARE(j.mid(key.first, key.second - key.first), QByteArray("31"));
    const auto headline = jsontext::member(j, field.first, "headline");
    QCOMPARE(j.mid(headline.first, headline.second - headline.first), QByteArray("\"a \x7d \\\" \x7b b\""));
    const auto x = jsontext::member(j, 0, "x");
    QCOMPARE(j.mid(x.first, x.second - x.first), QByteArray(R"([1, {"y": "]"}])"));
    QCOMPARE(jsontext::member(j, 0, "missing").first, -1);
    QCOMPARE(jsontext::member(QByteArray("{\"a\": \"unterminated"), 0, "a").first, -1);
    QCOMPARE(jsontext::member(QByteArray("not json"), 0, "a").first, -1);
    QCOMPARE(jsontext::member(QByteArray(""), 0, "a").first, -1);
}


void removeCases()
{
    QTest::addColumn<QByteArray>("in");
    QTest::addColumn<QByteArray>("out");
    QTest::newRow("last") << QByteArray(R"({"id" : 1, "_refractKey0" : 2})") << QByteArray(R"({"id" : 1})");
    QTest::newRow("two last") << QByteArray(R"({"id" : 1, "_refractKey0" : 2, "_refractKey1" : "u"})") << QByteArray(R"({"id" : 1})");
    QTest::newRow("first") << QByteArray(R"({"_refractKey0" : 2, "id" : 1})") << QByteArray(R"({"id" : 1})");
    QTest::newRow("only") << QByteArray(R"({"_refractKey0" : 2})") << QByteArray(R"({})");
    QTest::newRow("middle") << QByteArray("{\"a\":1,\"_refractKey0\":{\"n\":\"\x7d\"},\"b\":2}") << QByteArray(R"({"a":1,"b":2})");
    QTest::newRow("none") << QByteArray(R"({"a":1})") << QByteArray(R"({"a":1})");
    QTest::newRow("value looks like key") << QByteArray(R"({"a":"_refractKey0","_refractKey0":1})") << QByteArray(R"({"a":"_refractKey0"})");
    QTest::newRow("empty") << QByteArray(R"({})") << QByteArray(R"({})");
}


} // namespace
#endif

class TstMutationEvents : public QObject
{
    Q_OBJECT

private slots:
    void member() { memberCase(); }
    void removeMembers_data() { removeCases(); }
    void removeMembers()
    {
        QFETCH(QByteArray, in);
        QFETCH(QByteArray, out);
        jsontext::removeMembers(&in, 0, "_refractKey");
        QCOMPARE(in, out);
    }
};

QTEST_GUILESS_MAIN(TstMutationEvents)
#include "tst_mutationevents.moc"
