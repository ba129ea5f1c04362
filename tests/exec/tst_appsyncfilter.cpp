#include <exec/appsyncfilter.h>

#include <QJsonDocument>
#include <QTest>

using refract::exec::AppSyncFilter;

namespace {

QJsonObject eventObject(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

} // namespace

class TstAppSyncFilter : public QObject
{
    Q_OBJECT

private slots:
    void operators_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<bool>("expected");
        // The event every row is evaluated against.
        const auto row = [](const char *name, const char *filter, bool expected) {
            QTest::newRow(name) << QString::fromUtf8(filter) << expected;
        };
        row("eq string", R"({"topic":{"eq":"HELP"}})", true);
        row("eq string no", R"({"topic":{"eq":"SHOWCASE"}})", false);
        row("eq number int/float", R"({"id":{"eq":7.0}})", true);
        row("eq null on null field", R"({"body":{"eq":null}})", true);
        row("eq null on missing field", R"({"nothere":{"eq":null}})", true);
        row("eq bool", R"({"published":{"eq":true}})", true);
        row("ne", R"({"topic":{"ne":"SHOWCASE"}})", true);
        row("ne same", R"({"topic":{"ne":"HELP"}})", false);
        row("gt", R"({"id":{"gt":6}})", true);
        row("gt equal", R"({"id":{"gt":7}})", false);
        row("ge equal", R"({"id":{"ge":7}})", true);
        row("ge more", R"({"id":{"ge":8}})", false);
        row("lt", R"({"id":{"lt":8}})", true);
        row("lt equal", R"({"id":{"lt":7}})", false);
        row("le equal", R"({"id":{"le":7}})", true);
        row("le less", R"({"id":{"le":6}})", false);
        row("gt string", R"({"authorUsername":{"gt":"alice"}})", true);
        row("gt type mismatch", R"({"id":{"gt":"6"}})", false);
        row("lt on null field", R"({"body":{"lt":3}})", false);
        row("in", R"({"topic":{"in":["HELP","SHOWCASE"]}})", true);
        row("in no", R"({"topic":{"in":["DISCUSSION"]}})", false);
        row("in numbers", R"({"id":{"in":[1,7,9]}})", true);
        row("notIn", R"({"topic":{"notIn":["DISCUSSION"]}})", true);
        row("notIn no", R"({"topic":{"notIn":["HELP"]}})", false);
        row("between inside", R"({"id":{"between":[5,9]}})", true);
        row("between low bound inclusive", R"({"id":{"between":[7,9]}})", true);
        row("between high bound inclusive", R"({"id":{"between":[1,7]}})", true);
        row("between outside", R"({"id":{"between":[8,9]}})", false);
        row("between strings", R"({"createdAt":{"between":["2024-01-01","2024-12-31"]}})", true);
        row("contains substring", R"({"headline":{"contains":"level"}})", true);
        row("contains substring no", R"({"headline":{"contains":"Level"}})", false);
        row("contains array element", R"({"tags":{"contains":"rls"}})", true);
        row("contains array number", R"({"scores":{"contains":3}})", true);
        row("contains array no", R"({"tags":{"contains":"sql"}})", false);
        row("notContains", R"({"headline":{"notContains":"GraphQL"}})", true);
        row("notContains no", R"({"tags":{"notContains":"rls"}})", false);
        row("notContains missing field", R"({"nothere":{"notContains":"x"}})", true);
        row("beginsWith", R"({"headline":{"beginsWith":"Row"}})", true);
        row("beginsWith no", R"({"headline":{"beginsWith":"row"}})", false);
        row("beginsWith on number", R"({"id":{"beginsWith":"7"}})", false);
        row("dotted path", R"({"author.username":{"eq":"johndoe"}})", true);
        row("dotted path no", R"({"author.username":{"eq":"noah_k"}})", false);
        row("dotted path through scalar", R"({"id.x":{"eq":null}})", true);
        row("two ops on one field", R"({"id":{"gt":5,"lt":8}})", true);
        row("two ops one fails", R"({"id":{"gt":5,"lt":7}})", false);
        row("implicit and", R"({"id":{"eq":7},"topic":{"eq":"HELP"}})", true);
        row("implicit and fails", R"({"id":{"eq":7},"topic":{"eq":"SHOWCASE"}})", false);
        row("or", R"({"or":[{"topic":{"eq":"SHOWCASE"}},{"id":{"eq":7}}]})", true);
        row("or none", R"({"or":[{"topic":{"eq":"SHOWCASE"}},{"id":{"eq":8}}]})", false);
        row("and", R"({"and":[{"topic":{"eq":"HELP"}},{"id":{"eq":7}}]})", true);
        row("and one fails", R"({"and":[{"topic":{"eq":"HELP"}},{"id":{"eq":8}}]})", false);
        row("or nested in and", R"({"and":[{"or":[{"id":{"eq":1}},{"id":{"eq":7}}]},{"topic":{"ne":"SHOWCASE"}}]})", true);
        row("or next to condition", R"({"topic":{"eq":"SHOWCASE"},"or":[{"id":{"eq":7}}]})", false);
        row("filterGroup any group", R"({"filterGroup":[{"filters":[{"fieldName":"id","operator":"eq","value":1}]},)"
                                     R"({"filters":[{"fieldName":"topic","operator":"in","value":["HELP"]},)"
                                     R"({"fieldName":"id","operator":"between","value":[1,10]}]}]})", true);
        row("filterGroup none", R"({"filterGroup":[{"filters":[{"fieldName":"id","operator":"eq","value":1}]}]})", false);
        row("empty text", "", true);
        row("null text", "null", true);
    }

    void operators()
    {
        QFETCH(QString, filter);
        QFETCH(bool, expected);
        QString error;
        const std::optional<AppSyncFilter> f = AppSyncFilter::parse(filter, &error);
        QVERIFY2(f, qPrintable(error));
        const QJsonObject e = eventObject(R"({"id":7,"topic":"HELP","headline":"Row level security","body":null,"published":true,)"
                                    R"("authorUsername":"johndoe","createdAt":"2024-01-10T13:00:00+00:00",)"
                                    R"("tags":["rls","pg"],"scores":[1,3],"author":{"username":"johndoe"}})");
        QCOMPARE(f->matches(e), expected);
    }

    void errors_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QString>("message");
        const auto row = [](const char *name, const char *filter, const char *message) {
            QTest::newRow(name) << QString::fromUtf8(filter) << QString::fromUtf8(message);
        };
        row("not json", R"({"id":)", "not valid JSON");
        row("not object", R"([1,2])", "must be a JSON object");
        row("string", R"("x")", "must be a JSON object");
        row("empty object", R"({})", "empty filter object");
        row("unknown operator", R"({"id":{"like":"x"}})", "unknown operator \"like\"");
        row("operand not object", R"({"id":3})", "needs an object of operators");
        row("empty operators", R"({"id":{}})", "needs an object of operators");
        row("in not array", R"({"id":{"in":3}})", "needs an array of values");
        row("in nested array", R"({"id":{"in":[[1]]}})", "array of scalar values");
        row("notIn not array", R"({"id":{"notIn":"a"}})", "needs an array of values");
        row("between one value", R"({"id":{"between":[1]}})", "two numbers or two strings");
        row("between mixed", R"({"id":{"between":[1,"b"]}})", "two numbers or two strings");
        row("between not array", R"({"id":{"between":5}})", "two numbers or two strings");
        row("gt object", R"({"id":{"gt":{}}})", "needs a number or a string");
        row("gt null", R"({"id":{"gt":null}})", "needs a number or a string");
        row("beginsWith number", R"({"id":{"beginsWith":1}})", "needs a string");
        row("contains array", R"({"tags":{"contains":["a"]}})", "needs a string, number or boolean");
        row("eq object", R"({"id":{"eq":{"a":1}}})", "needs a scalar value");
        row("or not array", R"({"or":{"id":{"eq":1}}})", "\"or\" needs a non-empty array");
        row("or empty", R"({"or":[]})", "\"or\" needs a non-empty array");
        row("and of scalars", R"({"and":[1]})", "\"and\" needs a non-empty array");
        row("bad field name", R"({".id":{"eq":1}})", "invalid field name");
        row("filterGroup empty", R"({"filterGroup":[]})", "filterGroup");
        row("filterGroup no filters", R"({"filterGroup":[{}]})", "non-empty \"filters\" array");
        row("filterGroup filter incomplete", R"({"filterGroup":[{"filters":[{"fieldName":"id","value":1}]}]})",
            "needs \"fieldName\", \"operator\" and \"value\"");
        row("filterGroup bad operator", R"({"filterGroup":[{"filters":[{"fieldName":"id","operator":"gte","value":1}]}]})",
            "unknown operator \"gte\"");
        QByteArray deep;
        for (int i = 0; i < 40; ++i)
            deep += R"({"or":[)";
        deep += R"({"id":{"eq":1}})";
        for (int i = 0; i < 40; ++i)
            deep += "]}";
        QTest::newRow("too deep") << QString::fromUtf8(deep) << QStringLiteral("nested more than");
    }

    void errors()
    {
        QFETCH(QString, filter);
        QFETCH(QString, message);
        QString error;
        const std::optional<AppSyncFilter> f = AppSyncFilter::parse(filter, &error);
        QVERIFY(!f);
        QVERIFY2(error.contains(message), qPrintable(error));
    }

    void fieldNames()
    {
        QString error;
        const auto f = AppSyncFilter::parse(QStringLiteral(R"({"topic":{"eq":"HELP"},"or":[{"id":{"gt":1}},{"author.username":{"eq":"x"}}]})"), &error);
        QVERIFY2(f, qPrintable(error));
        QStringList names = f->fieldNames();
        names.sort();
        QCOMPARE(names, (QStringList{QStringLiteral("author"), QStringLiteral("id"), QStringLiteral("topic")}));
        QVERIFY(AppSyncFilter::parse(QString(), &error)->isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstAppSyncFilter)
#include "tst_appsyncfilter.moc"
