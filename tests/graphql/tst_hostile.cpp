#include "graphql/executor.h"
#include "graphql/introspection.h"
#include "graphql/parser.h"
#include "graphql/positioncontext.h"
#include "graphql/schemabuilder.h"
#include "graphql/tolerantparse.h"
#include "graphql/validator.h"

#include <QElapsedTimer>
#include <QtTest>

using namespace refract::graphql;

// Hostile input to the language core: each must end in a clear error (or a result) within the
// configured limits — never a stack overflow, a hang or unbounded memory. Inputs are generated in
// memory; each case is expected to take well under a second.
class TstHostile : public QObject
{
    Q_OBJECT

    Schema m_schema;

    /// Parses, and if that works validates and executes (introspection only), as the server would.
    QString process(const QString &text, qint64 *ms = nullptr)
    {
        QElapsedTimer timer;
        timer.start();
        QString outcome;
        const ParseResult r = parse(text);
        if (!r.document) {
            outcome = r.error->message;
        } else {
            const QList<GraphQLError> errors = validate(m_schema, *r.document);
            if (!errors.isEmpty())
                outcome = errors.first().message;
            else
                outcome = QString::fromUtf8(executeIntrospection(m_schema, *r.document).left(200));
        }
        if (ms)
            *ms = timer.elapsed();
        return outcome;
    }

private slots:
    void initTestCase()
    {
        auto s = buildSchema(QStringLiteral("type Query { a: A  f(s: String, l: [[Int]], o: In): Int }\n"
                                            "type A { a: A b: Int }\ninput In { i: In s: String }"));
        QVERIFY(s);
        m_schema = *s;
    }

    void tenThousandLevels()
    {
        const int n = 10000;
        QString selections = QString(QStringLiteral("{ a ")).repeated(n) + QString(n, QLatin1Char('}'));
        QCOMPARE(process(selections), QStringLiteral("Syntax Error: Document is nested more than 2048 levels deep. Parsing aborted."));
        QString list = QStringLiteral("{ f(l: ") + QString(n, QLatin1Char('[')) + QString(n, QLatin1Char(']')) + QStringLiteral(") }");
        QCOMPARE(process(list), QStringLiteral("Syntax Error: Document is nested more than 2048 levels deep. Parsing aborted."));
        QString object = QStringLiteral("{ f(o: ") + QStringLiteral("{i: ").repeated(n) + QString(n, QLatin1Char('}')) + QStringLiteral(") }");
        QCOMPARE(process(object), QStringLiteral("Syntax Error: Document is nested more than 2048 levels deep. Parsing aborted."));
        QString type = QStringLiteral("query($v: ") + QString(n, QLatin1Char('[')) + QStringLiteral("Int") + QString(n, QLatin1Char(']'))
                       + QStringLiteral(") { __typename }");
        QCOMPARE(process(type), QStringLiteral("Syntax Error: Document is nested more than 2048 levels deep. Parsing aborted."));
        // The editor services answer too.
        QCOMPARE(positionContext(m_schema, selections, selections.size() / 2).kind, CompletionContext::Kind::None);
        QVERIFY(!parseTolerant(selections).errors.isEmpty());
    }

    void deepestAllowedDocumentRuns()
    {
        // Just inside the parser's limit: validation and execution recurse as deep and must cope.
        const int n = 2000;
        const QString text = QString(QStringLiteral("{ a ")).repeated(n) + QStringLiteral("{ b }") + QString(n, QLatin1Char('}'));
        const QString outcome = process(text);
        QVERIFY2(outcome.startsWith(QLatin1String("{\"data\":{\"a\":null}}")), qPrintable(outcome.left(200)));
        const QString introspection = QStringLiteral("{ __schema { types { ") + QStringLiteral("fields { type { ").repeated(900)
                                      + QStringLiteral("name") + QString(1800, QLatin1Char('}')) + QStringLiteral(" } } }");
        QCOMPARE(process(introspection), QStringLiteral("Maximum introspection depth exceeded"));
        // Unvalidated, the executor still answers (its own depth limit ends the recursion).
        const QByteArray out = executeIntrospection(m_schema, *parse(introspection).document);
        QVERIFY2(out.startsWith("{\"errors\":[{\"message\":\"Maximum execution depth of 1024 exceeded.\""), out.left(200).constData());
    }

    void hundredMegabyteString()
    {
        QString text;
        text.reserve(100 * 1024 * 1024 + 16);
        text += QStringLiteral("{ f(s: \"");
        text += QString(100 * 1024 * 1024, QLatin1Char('x'));
        text += QStringLiteral("\") }");
        QElapsedTimer timer;
        timer.start();
        const ParseResult r = parse(text);
        QVERIFY(!r.document);
        QCOMPARE(r.error->message, QStringLiteral("Syntax Error: Document is longer than 33554432 characters. Parsing aborted."));
        QVERIFY(timer.elapsed() < 5000);
        text.clear();
        text.squeeze();
        // Under the limit a long string is just a string.
        const QString ok = QStringLiteral("{ f(s: \"") + QString(8 * 1024 * 1024, QLatin1Char('y')) + QStringLiteral("\") }");
        QCOMPARE(process(ok), QStringLiteral("{\"data\":{\"f\":null}}"));
    }

    void invalidUtf8AndNul()
    {
        const QByteArray bytes("{ f(s: \"\xff\xfe\xc3\x28\xe2\x82\") \xf0\x28\x8c\xbc }");
        const QString text = QString::fromUtf8(bytes); // invalid sequences become U+FFFD
        QCOMPARE(process(text), QStringLiteral("Syntax Error: Unexpected character: U+FFFD."));
        QCOMPARE(process(QStringLiteral("{ f(s: \"a\") }") + QChar(0) + QStringLiteral("{ }")), QStringLiteral("Syntax Error: Unexpected character: U+0000."));
        QCOMPARE(process(QStringLiteral("{ f(s: \"a") + QChar(0) + QStringLiteral("b\") }")),
                 QStringLiteral("{\"data\":{\"f\":null}}")); // NUL is a Unicode scalar value: graphql-js accepts it in strings
        QCOMPARE(process(QString(QChar(0xD800)) + QStringLiteral("{ }")), QStringLiteral("Syntax Error: Invalid character: U+D800."));
        const QString lone = QStringLiteral("{ __type(name: \"") + QChar(0xDC00) + QStringLiteral("\") { name } }");
        QCOMPARE(process(lone), QStringLiteral("Syntax Error: Invalid character within String: U+DC00."));
        // Variables: invalid JSON and invalid UTF-8 in JSON.
        const auto doc = parse(QStringLiteral("query($s: String) { f(s: $s) }"));
        QCOMPARE(executeIntrospection(m_schema, *doc.document, QString(), QByteArray("{\"s\":\"\xff\"}")),
                 QByteArray("{\"data\":{\"f\":null}}"));
        QCOMPARE(executeIntrospection(m_schema, *doc.document, QString(), QByteArray("{\"s\":\"a\0b\"}", 11)),
                 QByteArray("{\"errors\":[{\"message\":\"Variables are invalid JSON.\"}]}"));
        QCOMPARE(executeIntrospection(m_schema, *doc.document, QString(), QByteArray(100000, '[')),
                 QByteArray("{\"errors\":[{\"message\":\"Variables are invalid JSON.\"}]}"));
    }

    void millionAliases()
    {
        QString text;
        text.reserve(12 * 1000000);
        text += QLatin1Char('{');
        for (int i = 0; i < 1000000; ++i)
            text += QStringLiteral(" a%1: __typename").arg(i);
        text += QLatin1Char('}');
        qint64 ms = 0;
        QCOMPARE(process(text, &ms), QStringLiteral("Syntax Error: Document contains more that 500000 tokens. Parsing aborted."));
        QVERIFY(ms < 10000);
    }

    void manyAliasesUnderTheTokenLimit()
    {
        // 160,000 fields of one response key (480,000 tokens): field merging must not go quadratic.
        QString text = QStringLiteral("{") + QStringLiteral(" a: __typename").repeated(160000) + QLatin1Char('}');
        qint64 ms = 0;
        QCOMPARE(process(text, &ms), QStringLiteral("Validation aborted.")); // graphql-js's field-merging budget
        QVERIFY(ms < 20000);
        // Executed without validation, they merge into one field.
        QCOMPARE(executeIntrospection(m_schema, *parse(text).document), QByteArray("{\"data\":{\"a\":\"Query\"}}"));
        // Distinct keys with conflicting fields: errors, but bounded.
        text = QStringLiteral("{");
        for (int i = 0; i < 80000; ++i)
            text += i % 2 ? QStringLiteral(" x: __typename") : QStringLiteral(" x: f");
        text += QLatin1Char('}');
        const QString conflict = process(text, &ms);
        QVERIFY2(conflict.contains(QLatin1String("Fields \"x\" conflict")) || conflict == QLatin1String("Validation aborted."),
                 qPrintable(conflict.left(200)));
        QVERIFY(ms < 20000);
    }
};

QTEST_GUILESS_MAIN(TstHostile)
#include "tst_hostile.moc"
