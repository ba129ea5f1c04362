#include <reflect/smarttags.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace refract::reflect;

// data/smarttags.json holds graphile-build-pg 4.14.1's own parseTags() and omit() results for
// ~110 comments (data/generate.js): tags (true → JSON true), description text, and per action
// whether it is omitted (or the error omit() throws).
class TstSmartTags : public QObject
{
    Q_OBJECT

private slots:
    void basics()
    {
        const SmartTags t = SmartTags::parse(
            QStringLiteral("@name person_alias\n@omit create,delete\n@deprecated Use x.\n@deprecated\n"
                           "The person.\nSecond line."));
        QCOMPARE(t.value(QStringLiteral("name")), QStringLiteral("person_alias"));
        QVERIFY(t.omits(QStringLiteral("create")));
        QVERIFY(t.omits(QStringLiteral("delete")));
        QVERIFY(!t.omits(QStringLiteral("update")));
        QCOMPARE(t.values(QStringLiteral("deprecated")), QStringList({QStringLiteral("Use x."), QString()}));
        QVERIFY(t.isFlag(QStringLiteral("deprecated")));
        QCOMPARE(t.description(), QStringLiteral("The person.\nSecond line."));

        const SmartTags all = SmartTags::parse(QStringLiteral("@omit"));
        QVERIFY(all.isFlag(QStringLiteral("omit")));
        QVERIFY(all.omits(QStringLiteral("read")));
        QVERIFY(all.description().isEmpty());

        const SmartTags letters = SmartTags::parse(QStringLiteral("@omit :CUD"));
        QVERIFY(letters.omits(QStringLiteral("update")));
        QVERIFY(!letters.omits(QStringLiteral("read")));

        QVERIFY(!SmartTags::parse(QStringLiteral("@omit read")).omitError().isEmpty());
        QVERIFY(SmartTags::parse(QStringLiteral("@omit :Z")).omitError().isEmpty());
        QVERIFY(!SmartTags::parse(QStringLiteral("no tags")).omits(QStringLiteral("create")));
    }

    void matchesGraphileBuildPg()
    {
        QFile f(QStringLiteral(REFRACT_TEST_DATA "/smarttags.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonArray cases = QJsonDocument::fromJson(f.readAll()).array();
        QVERIFY(cases.size() >= 100);
        for (const QJsonValue &v : cases) {
            const QJsonObject c = v.toObject();
            const QString comment = c.value(QLatin1String("comment")).toString();
            const SmartTags t = SmartTags::parse(comment);
            const QByteArray where = comment.toUtf8();
            QCOMPARE(t.description(), c.value(QLatin1String("text")).toString());

            const QJsonObject tags = c.value(QLatin1String("tags")).toObject();
            QCOMPARE(t.all().size(), tags.size());
            for (auto it = tags.begin(); it != tags.end(); ++it) {
                QVERIFY2(t.has(it.key()), where.constData());
                QStringList expected;
                for (const QJsonValue &x : it.value().toArray())
                    expected += x.isBool() ? QString() : x.toString();
                const QStringList got = t.values(it.key());
                QCOMPARE(got.size(), expected.size());
                for (qsizetype i = 0; i < got.size(); ++i) {
                    QCOMPARE(got.at(i).isNull(), expected.at(i).isNull());
                    QCOMPARE(got.at(i), expected.at(i));
                }
            }

            const bool jsError = !c.value(QLatin1String("omitError")).isNull();
            QVERIFY2(jsError == !t.omitError().isEmpty(), where.constData());
            if (jsError)
                continue;
            const QJsonObject omits = c.value(QLatin1String("omits")).toObject();
            for (auto it = omits.begin(); it != omits.end(); ++it)
                QVERIFY2(t.omits(it.key()) == it.value().toBool(), (where + " / " + it.key().toUtf8()).constData());
        }
    }
};

QTEST_GUILESS_MAIN(TstSmartTags)
#include "tst_smarttags.moc"
