#include <reflect/casing.h>

#include <QElapsedTimer>
#include <QFile>
#include <QTest>

using namespace refract::reflect;

// data/casing.tsv is the output of graphile-build 4.14.1's utils (lodash 4.17.x camelCase and
// upperFirst, graphile's constantCase, coerceToGraphQLName) over ~19,000 inputs (data/generate.js).
class TstCasing : public QObject
{
    Q_OBJECT

    static QString unescape(const QString &s)
    {
        QString out;
        for (qsizetype i = 0; i < s.size(); ++i) {
            if (s.at(i) == QLatin1Char('\\') && i + 1 < s.size()) {
                const QChar n = s.at(++i);
                out += n == QLatin1Char('t') ? QChar(u'\t') : n == QLatin1Char('n') ? QChar(u'\n')
                     : n == QLatin1Char('r') ? QChar(u'\r') : n;
            } else {
                out += s.at(i);
            }
        }
        return out;
    }

private slots:
    void examples_data()
    {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("camel");
        QTest::addColumn<QString>("upperCamel");
        QTest::addColumn<QString>("constant");
        QTest::newRow("snake") << "similar_table_1S" << "similarTable1S" << "SimilarTable1S" << "SIMILAR_TABLE_1_S";
        QTest::newRow("underscores kept") << "_foo_bar_" << "_fooBar_" << "_FooBar_" << "_FOO_BAR_";
        QTest::newRow("caps run") << "FOOBar" << "fooBar" << "FooBar" << "FOOBAR";
        QTest::newRow("digits") << "foo2bar" << "foo2Bar" << "Foo2Bar" << "FOO2BAR";
        QTest::newRow("ordinal") << "21st_century" << "21stCentury" << "21stCentury" << "_21ST_CENTURY";
        QTest::newRow("deburr") << "crème_brûlée" << "cremeBrulee" << "CremeBrulee" << "CR_ME_BR_L_E";
        QTest::newRow("apostrophe") << "don't" << "dont" << "Dont" << "DON_T";
        QTest::newRow("empty") << "" << "" << "" << "";
    }
    void examples()
    {
        QFETCH(QString, in);
        QFETCH(QString, camel);
        QFETCH(QString, upperCamel);
        QFETCH(QString, constant);
        QCOMPARE(camelCase(in), camel);
        QCOMPARE(upperCamelCase(in), upperCamel);
        QCOMPARE(constantCase(in), constant);
    }

    void coerce()
    {
        QCOMPARE(coerceToGraphQLName(QStringLiteral("1abc")), QStringLiteral("_1abc"));
        QCOMPARE(coerceToGraphQLName(QStringLiteral("__typename")), QStringLiteral("_typename"));
        QCOMPARE(coerceToGraphQLName(QStringLiteral("_x")), QStringLiteral("_x"));
    }

    void matchesTheJavaScriptLibraries()
    {
        QFile f(QStringLiteral(REFRACT_TEST_DATA "/casing.tsv"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        int rows = 0;
        int failures = 0;
        const char *names[] = {"camelCase", "upperCamelCase", "constantCase", "coerceToGraphQLName", "upperFirst"};
        // Decoded as a whole: QString::fromUtf8 drops a leading BOM, and one input starts with U+FEFF.
        for (const QString &line : QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'))) {
            if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
                continue;
            QStringList cols = line.split(QLatin1Char('\t'));
            QCOMPARE(cols.size(), 6);
            for (QString &c : cols)
                c = unescape(c);
            const QString in = cols.at(0);
            const QString got[] = {camelCase(in), upperCamelCase(in), constantCase(in), coerceToGraphQLName(in),
                                   upperFirst(in)};
            ++rows;
            for (int i = 0; i < 5; ++i) {
                if (got[i] != cols.at(i + 1) && ++failures <= 40)
                    qWarning().noquote() << names[i] << "of" << in << "gave" << got[i] << "expected" << cols.at(i + 1);
            }
        }
        QVERIFY(rows >= 2000);
        QCOMPARE(failures, 0);
    }

    // Every generated type, field and argument name goes through these: distinct names must cost
    // microseconds, not milliseconds.
    void speed()
    {
        QStringList names;
        for (int i = 0; i < 20000; ++i)
            names += QStringLiteral("some_table_%1_by_column_name_and_other_id").arg(i);
        QElapsedTimer timer;
        timer.start();
        for (const QString &n : names) {
            camelCase(n);
            upperCamelCase(n);
            constantCase(n);
        }
        const qint64 ms = timer.elapsed();
        qInfo("20000 distinct names, three helpers: %lld ms", ms);
        QVERIFY2(ms < 1500, "case helpers are too slow");
    }
};

QTEST_GUILESS_MAIN(TstCasing)
#include "tst_casing.moc"
