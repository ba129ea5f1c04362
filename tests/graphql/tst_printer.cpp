#include <graphql/parser.h>
#include <graphql/printer.h>
#include <graphql/schemabuilder.h>
#include <graphql/schemaprinter.h>

#include <QTest>

using namespace refract::graphql;

// Document printer (graphql-js `print`) and SDL → Schema builder (graphql-js `buildSchema`).
// Expected texts are graphql-js 16.15.0's output for the same input.
class TstPrinter : public QObject
{
    Q_OBJECT

    static QString roundTrip(const QString &source)
    {
        const ParseResult r = parse(source);
        if (!r.document)
            return QStringLiteral("<error> ") + r.error->message;
        return print(*r.document);
    }

private slots:
    void printsDocuments_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("expected");
        QTest::newRow("operation")
            << QStringLiteral("query Q($a: Int = 1, $b: [String!]! @d) @x { a: b(c: 1, d: \"x\") { ...F ... on T @skip(if: $a) { z } } }")
            << QStringLiteral("query Q($a: Int = 1, $b: [String!]! @d) @x {\n  a: b(c: 1, d: \"x\") {\n    ...F\n    ... on T @skip(if: $a) {\n      z\n    }\n  }\n}");
        QTest::newRow("wrapped arguments")
            << QStringLiteral("{ someVeryLongFieldName(argumentNumberOne: \"a rather long string value\", argumentNumberTwo: 12345678) { x } }")
            << QStringLiteral("{\n  someVeryLongFieldName(\n    argumentNumberOne: \"a rather long string value\"\n    argumentNumberTwo: 12345678\n  ) {\n    x\n  }\n}");
        QTest::newRow("sdl with descriptions")
            << QStringLiteral("\"\"\"desc\"\"\" type T implements A & B @d { \"f\" f(\"a\" a: Int = 1, b: [In!]): [T!]! @deprecated }")
            << QStringLiteral("\"\"\"desc\"\"\"\ntype T implements A & B @d {\n  \"f\"\n  f(\n    \"a\"\n    a: Int = 1\n    b: [In!]\n  ): [T!]! @deprecated\n}");
        QTest::newRow("block string argument is indented")
            << QStringLiteral("{ f(a: \"\"\"\n  multi\n  line\n\"\"\") }")
            << QStringLiteral("{\n  f(a: \"\"\"\n  multi\n  line\n  \"\"\")\n}");
        QTest::newRow("shorthand query") << QStringLiteral("query { a }") << QStringLiteral("{\n  a\n}");
        QTest::newRow("string escapes") << QString::fromUtf8("{ f(a: \"\\u0001\\u007f\xC3\xA9\\n\") }")
                                        << QString::fromUtf8("{\n  f(a: \"\\u0001\\u007F\xC3\xA9\\n\")\n}");
    }

    void printsDocuments()
    {
        QFETCH(QString, source);
        QFETCH(QString, expected);
        QCOMPARE(roundTrip(source), expected);
        QCOMPARE(roundTrip(expected), expected); // printing is idempotent
    }

    void buildsSchemaWithNormalisedDefaults()
    {
        const QString sdl = QStringLiteral(
            "input In { b: Int = 1 a: [Int] = 2 c: String } type Query { f(x: In = {a: [3]}, y: Float = 1.50, "
            "z: ID = \"12\", w: ID = \"x\", v: [Int] = null): Int }");
        GraphQLError error;
        std::optional<Schema> schema = buildSchema(sdl, &error);
        QVERIFY2(schema, qPrintable(error.message));
        QCOMPARE(printSchema(*schema),
                 QStringLiteral("input In {\n  b: Int = 1\n  a: [Int] = [2]\n  c: String\n}\n\ntype Query {\n  f(x: In = {b: 1, a: [3]}, "
                                "y: Float = 1.5, z: ID = 12, w: ID = \"x\", v: [Int] = null): Int\n}"));
        schema->sortLexicographically();
        QCOMPARE(printSchema(*schema),
                 QStringLiteral("input In {\n  a: [Int] = [2]\n  b: Int = 1\n  c: String\n}\n\ntype Query {\n  f(v: [Int] = null, "
                                "w: ID = \"x\", x: In = {a: [3], b: 1}, y: Float = 1.5, z: ID = 12): Int\n}"));
    }

    void builderAppliesExtensionsAndRoots()
    {
        std::optional<Schema> s = buildSchema(QStringLiteral(
            "schema { query: Root } type Root { a: Int } extend type Root implements N { id: ID! } interface N { id: ID! }\n"
            "enum E { A } extend enum E { B @deprecated(reason: \"no\") } union U = Root extend union U = Other type Other { x: Int }\n"
            "scalar Url @specifiedBy(url: \"https://x\") input I @oneOf { a: Int b: String }"));
        QVERIFY(s);
        QCOMPARE(s->queryTypeName(), QStringLiteral("Root"));
        const NamedType *root = s->type(QStringLiteral("Root"));
        QCOMPARE(root->fields.size(), 2);
        QCOMPARE(root->interfaces, QStringList{QStringLiteral("N")});
        QCOMPARE(s->type(QStringLiteral("E"))->enumValues[1].deprecationReason, QStringLiteral("no"));
        QCOMPARE(s->type(QStringLiteral("U"))->possibleTypes.size(), 2);
        QCOMPARE(s->type(QStringLiteral("Url"))->specifiedByUrl, QStringLiteral("https://x"));
        QVERIFY(s->type(QStringLiteral("I"))->isOneOf);
        QVERIFY(s->type(QStringLiteral("String")) != nullptr); // built-in scalars are present
        QVERIFY(s->directive(QStringLiteral("oneOf")) != nullptr);
        QVERIFY(s->directive(QStringLiteral("deprecated")) != nullptr);
    }

    void builderReportsUnknownTypes()
    {
        GraphQLError e;
        QVERIFY(!buildSchema(QStringLiteral("type Query { a: Missing }"), &e));
        QCOMPARE(e.message, QStringLiteral("Unknown type: \"Missing\"."));
        QVERIFY(!buildSchema(QStringLiteral("type Query {"), &e));
        QCOMPARE(e.message, QStringLiteral("Syntax Error: Expected Name, found <EOF>."));
    }

    void jsNumbers()
    {
        QCOMPARE(jsNumberToString(1e21), QStringLiteral("1e+21"));
        QCOMPARE(jsNumberToString(1.5e300), QStringLiteral("1.5e+300"));
        QCOMPARE(jsNumberToString(1e-7), QStringLiteral("1e-7"));
        QCOMPARE(jsNumberToString(0.000001), QStringLiteral("0.000001"));
        QCOMPARE(jsNumberToString(123456789012.0), QStringLiteral("123456789012"));
        QCOMPARE(jsNumberToString(-0.5), QStringLiteral("-0.5"));
        QCOMPARE(jsNumberToString(5e-324), QStringLiteral("5e-324"));
        QCOMPARE(jsNumberToString(0.1 + 0.2), QStringLiteral("0.30000000000000004"));
        QCOMPARE(jsNumberToString(1e20), QStringLiteral("100000000000000000000"));
        QCOMPARE(jsNumberToString(-0.0), QStringLiteral("0"));
    }
};

QTEST_GUILESS_MAIN(TstPrinter)
#include "tst_printer.moc"
