#include "graphql/printer.h"
#include "graphql/tolerantparse.h"

#include <QtTest>

using namespace refract::graphql;

class TstTolerantParse : public QObject
{
    Q_OBJECT

    static QStringList names(const ast::Document &doc)
    {
        QStringList out;
        for (const ast::Definition &d : doc.definitions)
            out.append(d.name ? d.name->value : QStringLiteral("<anonymous>"));
        return out;
    }

private slots:
    void validTextAsParse()
    {
        const QString text = QStringLiteral("query A { a }\nfragment F on T { b }\n");
        const auto r = parseTolerant(text);
        QVERIFY(r.errors.isEmpty());
        QCOMPARE(names(r.document), (QStringList{QStringLiteral("A"), QStringLiteral("F")}));
        QCOMPARE(r.document.tokenCount, parse(text).document->tokenCount);
    }

    void brokenDefinitionsAreLeftOut()
    {
        const QString text = QStringLiteral("query A { a }\n"
                                            "query B { b(x: ) }\n"
                                            "\"desc\" query C { c }\n"
                                            "fragment F on T { d(\n"
                                            "{ e }\n"
                                            "type X { f: Int }\n"
                                            "query D { g");
        const auto r = parseTolerant(text);
        QCOMPARE(names(r.document), (QStringList{QStringLiteral("A"), QStringLiteral("C"), QStringLiteral("X")}));
        QCOMPARE(r.errors.size(), 3);
        QCOMPARE(r.errors.at(0).message, QStringLiteral("Syntax Error: Unexpected \")\"."));
        QCOMPARE(r.errors.at(0).locations.first(), (SourceLocation{2, 16}));
        QCOMPARE(r.errors.at(1).locations.first().line, 5);
        QCOMPARE(r.errors.at(2).message, QStringLiteral("Syntax Error: Expected Name, found <EOF>."));
        QCOMPARE(r.errors.at(2).locations.first(), (SourceLocation{7, 12}));
        // Locations are those of the whole text.
        const ast::Definition &c = r.document.definitions.at(1);
        QCOMPARE(c.loc.line, 3);
        QCOMPARE(text.mid(c.loc.start, c.loc.end - c.loc.start), QStringLiteral("\"desc\" query C { c }"));
        QCOMPARE(r.document.definitions.at(2).loc.line, 6);
    }

    void garbageNeverFails()
    {
        const QStringList texts = {QString(), QStringLiteral("   "), QStringLiteral("}}}"), QStringLiteral("query"),
                                   QString(QChar(0)) + QStringLiteral("{ a }"), QStringLiteral("\"unterminated\n{ a }"),
                                   QStringLiteral("{ a } { b } }"), QString(5000, QLatin1Char('{'))};
        for (const QString &t : texts) {
            const auto r = parseTolerant(t);
            QVERIFY2(!r.errors.isEmpty() || !r.document.definitions.empty(), qPrintable(t.left(20)));
        }
        const auto r = parseTolerant(QStringLiteral("{ a } { b } }"));
        QCOMPARE(r.document.definitions.size(), 1u); // the stray brace spoils the definition it ends
        QCOMPARE(r.errors.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TstTolerantParse)
#include "tst_tolerantparse.moc"
