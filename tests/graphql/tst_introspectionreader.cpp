// buildClientSchema: the direct reader (simdjson → Schema) against the AST path it falls back to
// (JSON → type-system AST → buildSchema), on the seed corpus of the introspection fuzz target, on a
// round trip of a schema that uses every feature introspection carries, and on broken variants of it.
#include "graphql/introspection.h"
#include "graphql/introspectiondirect.h"
#include "graphql/pendingdefaults.h"
#include "graphql/schemabuilder.h"
#include "graphql/schemaprinter.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTest>

using namespace refract::graphql;

namespace {

/// Every feature introspection carries: defaults (nested input objects, enums, lists), @oneOf,
/// @specifiedBy, deprecations, repeatable directives, interfaces implementing interfaces, descriptions.
QString kitchenSinkSdl()
{
    QFile f(QStringLiteral(REFRACT_TEST_DATA "/introspection-kitchensink.graphql"));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(f.fileName()));
    return QString::fromUtf8(f.readAll());
}
QByteArray introspectionOfKitchenSink()
{
    GraphQLError error;
    const std::optional<Schema> s = buildSchema(kitchenSinkSdl(), &error);
    if (!s)
        qFatal("kitchen sink SDL: %s", qPrintable(error.message));
    return introspectionFromSchema(*s, 0);
}

/// Both readers give the same schema (printed as SDL and as introspection) or the same error.
void compareReaders(const QByteArray &json, QString *message = nullptr)
{
    GraphQLError direct, viaAst;
    const std::optional<Schema> a = buildClientSchema(json, &direct);
    const std::optional<Schema> b = detail::buildClientSchemaViaAst(json, &viaAst);
    QCOMPARE(a.has_value(), b.has_value());
    if (!a) {
        QCOMPARE(direct.message, viaAst.message);
        QVERIFY(!direct.message.isEmpty());
    } else {
        QCOMPARE(printSchema(*a), printSchema(*b));
        QCOMPARE(introspectionFromSchema(*a), introspectionFromSchema(*b));
    }
    if (message)
        *message = a ? QString() : direct.message;
}

} // namespace

class TestIntrospectionReader : public QObject
{
    Q_OBJECT

private slots:
    void seedCorpus()
    {
        const QDir dir(QStringLiteral(REFRACT_FUZZ_CORPUS "/introspection"));
        const QStringList files = dir.entryList(QDir::Files);
        QVERIFY(files.size() >= 5);
        for (const QString &f : files) {
            QFile file(dir.filePath(f));
            QVERIFY(file.open(QIODevice::ReadOnly));
            compareReaders(file.readAll());
            if (QTest::currentTestFailed())
                qWarning("differs on %s", qPrintable(f));
        }
    }

    void roundTrip()
    {
        const std::optional<Schema> original = buildSchema(kitchenSinkSdl());
        QVERIFY(original);
        const QByteArray json = introspectionOfKitchenSink();
        GraphQLError error;
        const std::optional<Schema> read = buildClientSchema(json, &error);
        QVERIFY2(read, qPrintable(error.message));
        QCOMPARE(printSchema(*read), printSchema(*original));
        QCOMPARE(introspectionFromSchema(*read), introspectionFromSchema(*original));
        // The defaults come back normalised as graphql-js prints them.
        const QString sdl = printSchema(*read);
        QVERIFY(sdl.contains(QLatin1String("filter: Filter = {a: 3, b: {c: [1, 2], e: MIDDLE}, c: 1, d: \"s\"}")));
        QVERIFY(sdl.contains(QLatin1String("scalar Date @specifiedBy(url: \"https://example.com/\\\"date\\\"\")")));
        compareReaders(json);
        // A whole response and the bare object are both accepted.
        QByteArray bare = json;
        QVERIFY(bare.startsWith("{\"__schema\"") || bare.startsWith("{\"data\""));
        compareReaders("{\"data\":" + json + "}");
    }

    /// Well-formed results take the direct reader (one pass over the text), whatever the key order and
    /// whitespace, and it gives what the general path gives; what it is unsure of it leaves to that path.
    void directPath()
    {
        const QByteArray json = introspectionOfKitchenSink();
        // QJsonDocument sorts keys: every type's kind comes after its fields, "ofType" after "name", …
        const QByteArray pretty = QJsonDocument::fromJson(json).toJson(QJsonDocument::Indented);
        const qsizetype types = pretty.indexOf("\"types\"");
        QVERIFY(types > 0 && pretty.indexOf("\"fields\"", types) < pretty.indexOf("\"kind\"", types));
        for (const QByteArray &variant : {json, pretty, QByteArray("{\"data\":" + json + "}")}) {
            const std::optional<Schema> direct = detail::buildClientSchemaDirect(variant);
            QVERIFY(direct);
            const std::optional<Schema> viaAst = detail::buildClientSchemaViaAst(variant);
            QVERIFY(viaAst);
            QCOMPARE(printSchema(*direct), printSchema(*viaAst));
            QCOMPARE(introspectionFromSchema(*direct), introspectionFromSchema(*viaAst));
        }
        const auto edited = [&](const char *from, const char *to) {
            QByteArray j = json;
            const qsizetype at = j.indexOf(from);
            return at < 0 ? QByteArray() : j.replace(at, qsizetype(qstrlen(from)), to);
        };
        const QByteArray unsure[] = {
            edited("\"kind\":\"SCALAR\",\"name\":\"Date\"", "\"kind\":\"SCALAR\",\"name\":\"D\\u0061te\""), // an escaped name
            edited("\"kind\":\"SCALAR\",\"name\":\"Date\"", "\"kind\":\"SCALAR\",\"name\":\"X\",\"name\":\"Date\""), // a duplicate key
            edited("\"types\":[", "\"types\":[,"),                                     // invalid JSON
            json + " x",                                                                 // trailing text
            edited("\"description\":null", "\"description\":1e400"),                    // a number to round
        };
        for (const QByteArray &j : unsure) {
            QVERIFY(!j.isEmpty());
            QVERIFY(!detail::buildClientSchemaDirect(j));
            compareReaders(j);
        }
    }

    void brokenVariants_data()
    {
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<QString>("message"); // empty: accepted (then only the two readers are compared)
        const auto row = [](const char *name, const char *from, const char *to, const char *message) {
            QTest::newRow(name) << QByteArray(from) << QByteArray(to) << QString::fromUtf8(message);
        };
        row("unknown field type", "\"type\":{\"kind\":\"OBJECT\",\"name\":\"Thing\"", "\"type\":{\"kind\":\"OBJECT\",\"name\":\"Nope\"",
            "Unknown type: \"Nope\".");
        // graphql-js reads no possibleTypes of an interface: an unknown name there is not an error.
        row("interface possibleTypes", "\"name\":\"Thing\",\"ofType\":null", "\"name\":\"Nope\",\"ofType\":null", "");
        row("unknown interface", "\"interfaces\":[{\"kind\":\"INTERFACE\",\"name\":\"Node\"",
            "\"interfaces\":[{\"kind\":\"INTERFACE\",\"name\":\"Nod\"", "Unknown type: \"Nod\".");
        row("unknown root", "\"queryType\":{\"name\":\"Root\"", "\"queryType\":{\"name\":\"Rot\"", "Unknown type: \"Rot\".");
        row("fields missing", "\"name\":\"Thing\",\"description\":null,\"specifiedByURL\":null,\"isOneOf\":null,\"fields\":[",
            "\"name\":\"Thing\",\"description\":null,\"specifiedByURL\":null,\"isOneOf\":null,\"fieldz\":[",
            "Introspection result missing fields: Thing.");
        row("nameless type", "\"name\":\"Thing\",\"description\":null", "\"name\":\"\",\"description\":null",
            "Invalid or incomplete introspection result. Ensure that a full introspection query is used in order to build a client schema.");
        row("nameless field", "{\"name\":\"level\",", "{\"nam\":\"level\",",
            "Invalid or incomplete introspection result. Ensure that a full introspection query is used in order to build a client schema.");
        row("empty field name", "{\"name\":\"level\",", "{\"name\":\"\",",
            "Invalid or incomplete introspection result. Ensure that a full introspection query is used in order to build a client schema.");
        row("unknown kind", "\"kind\":\"UNION\"", "\"kind\":\"ONION\"",
            "Invalid or incomplete introspection result. Ensure that a full introspection query is used in order to build a client schema.");
        row("bad default", "\"defaultValue\":\"10\"", "\"defaultValue\":\"{a:\"", "Syntax Error: Unexpected <EOF>.");
        row("wrapper without ofType", "\"kind\":\"NON_NULL\",\"name\":null,\"ofType\":{", "\"kind\":\"NON_NULL\",\"name\":null,\"ofTyp\":{",
            "Decorated type deeper than introspection query.");
        row("no types", "\"types\":[", "\"typez\":[", "Invalid or incomplete schema, unknown type: types.");
        row("no __schema", "\"__schema\"", "\"__scheme\"",
            "Invalid or incomplete introspection result. Ensure that you are passing \"data\" property of introspection response and no \"errors\" was returned alongside.");
        row("invalid JSON", "\"types\":[", "\"types\":[,", "Invalid JSON: The JSON document has an improper structure: missing or superfluous commas, braces, missing keys, etc.");
        // Accepted, and read as buildSchema reads such a document: a repeated type or member replaces the
        // earlier one; the last of duplicate JSON keys wins.
        row("repeated field", "{\"name\":\"level\",", "{\"name\":\"id\",", "");
        row("repeated type", "\"name\":\"Thing\",\"description\":null", "\"name\":\"Root\",\"description\":null",
            "Unknown type: \"Thing\"."); // the second Root replaces the first; nothing defines Thing
        row("duplicate key", "\"name\":\"Thing\",\"description\":null", "\"name\":\"Gone\",\"name\":\"Thing\",\"description\":null", "");
        row("repeated enum value", "{\"name\":\"MIDDLE\"", "{\"name\":\"LOW\"", "");
        row("repeated input field", "{\"name\":\"d\",", "{\"name\":\"a\",", "");
        row("default not coercible", "\"defaultValue\":\"10\"", "\"defaultValue\":\"\\\"ten\\\"\"", "");
    }

    void brokenVariants()
    {
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(QString, message);
        QByteArray json = introspectionOfKitchenSink();
        QVERIFY2(json.contains(from), from.constData());
        json.replace(json.indexOf(from), from.size(), to);
        QString got;
        compareReaders(json, &got);
        QCOMPARE(got, message);
    }
};

QTEST_GUILESS_MAIN(TestIntrospectionReader)
#include "tst_introspectionreader.moc"
