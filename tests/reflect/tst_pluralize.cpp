#include <reflect/pluralize.h>

#include <QElapsedTimer>
#include <QFile>
#include <QTest>

using namespace refract::reflect;

// data/pluralize.tsv is the output of npm pluralize 7.0.0 itself (data/generate.js) over ~13,000
// inputs: English words, irregulars, uncountables, table names, case variants and non-ASCII names.
class TstPluralize : public QObject
{
    Q_OBJECT

public:
    static QString unescape(const QString &s)
    {
        QString out;
        out.reserve(s.size());
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

    static QList<QStringList> readTsv(const char *name)
    {
        QFile f(QStringLiteral(REFRACT_TEST_DATA "/") + QLatin1String(name));
        if (!f.open(QIODevice::ReadOnly))
            qFatal("missing test data %s", name);
        QList<QStringList> rows;
        // Decoded as a whole: QString::fromUtf8 drops a leading BOM, and one input starts with U+FEFF.
        for (const QString &line : QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'))) {
            if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
                continue;
            QStringList cols = line.split(QLatin1Char('\t'));
            for (QString &c : cols)
                c = unescape(c);
            rows += cols;
        }
        return rows;
    }

private slots:
    void quirksPostGraphileDependsOn_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<QString>("plural");
        QTest::addColumn<QString>("singular");
        QTest::newRow("digit → capital S") << "similar_table_1" << "similar_table_1S" << "similar_table_1";
        QTest::newRow("issue756") << "issue756" << "issue756S" << "issue756";
        QTest::newRow("whole identifier") << "plant_species" << "plant_species" << "plant_specy";
        QTest::newRow("uncountable alone") << "species" << "species" << "species";
        QTest::newRow("news only whole") << "user_news" << "user_news" << "user_new";
        QTest::newRow("data") << "data" << "data" << "datum";
        QTest::newRow("cookies") << "cookies" << "cookies" << "cooky";
        QTest::newRow("statuses") << "statuses" << "statuses" << "status";
        QTest::newRow("patchs") << "patchs" << "patchs" << "patch";
        QTest::newRow("patch") << "patch" << "patches" << "patch";
        QTest::newRow("person") << "person" << "people" << "person";
        QTest::newRow("Person keeps case") << "Person" << "People" << "Person";
        QTest::newRow("child") << "child" << "children" << "child";
        QTest::newRow("schema irregular") << "schema" << "schemata" << "schema";
        QTest::newRow("regex uncountable suffix") << "blue_fish" << "blue_fish" << "blue_fish";
        QTest::newRow("reserved") << "reserved" << "reserveds" << "reserved";
        QTest::newRow("upper") << "PERSON" << "PEOPLE" << "PERSON";
        QTest::newRow("empty") << "" << "" << "";
    }
    void quirksPostGraphileDependsOn()
    {
        QFETCH(QString, word);
        QFETCH(QString, plural);
        QFETCH(QString, singular);
        QCOMPARE(pluralize(word), plural);
        QCOMPARE(singularize(word), singular);
    }

    // Not representable in the UTF-8 data file; expected values from pluralize 7.0.0 by hand.
    void loneSurrogates()
    {
        const QString a = QStringLiteral("a") + QChar(0xd800) + QStringLiteral("bcat");
        QCOMPARE(pluralize(a), a + QLatin1Char('s'));
        QCOMPARE(singularize(a), a);
        const QString b = QStringLiteral("cat") + QChar(0xd800);
        QCOMPARE(pluralize(b), b);
        const QString c = QChar(0xdc00) + QStringLiteral("box_city");
        QCOMPARE(pluralize(c), QChar(0xdc00) + QStringLiteral("box_cities"));
    }

    void matchesTheJavaScriptLibrary()
    {
        const auto rows = readTsv("pluralize.tsv");
        QVERIFY(rows.size() >= 2000);
        int failures = 0;
        for (const QStringList &row : rows) {
            QCOMPARE(row.size(), 3);
            const QString p = pluralize(row.at(0));
            const QString s = singularize(row.at(0));
            if (p != row.at(1) || s != row.at(2)) {
                if (++failures <= 30)
                    qWarning().noquote() << "input" << row.at(0) << "plural" << p << "expected" << row.at(1)
                                         << "singular" << s << "expected" << row.at(2);
            }
        }
        QCOMPARE(failures, 0);
    }

    // Reflection of 3,000 tables calls both directions for every table (and more): the uncached
    // cost per call must stay in the microseconds.
    void speed()
    {
        const auto rows = readTsv("pluralize.tsv");
        QStringList words;
        for (const QStringList &row : rows)
            words += row.at(0) + QStringLiteral("_x");
        QElapsedTimer timer;
        timer.start();
        for (const QString &w : words) {
            pluralize(w);
            singularize(w);
        }
        const qint64 ms = timer.elapsed();
        qInfo("%lld distinct words, both directions, uncached: %lld ms", qint64(words.size()), ms);
        QVERIFY2(ms < 1500, "pluralize is too slow");
    }
};

QTEST_GUILESS_MAIN(TstPluralize)
#include "tst_pluralize.moc"
