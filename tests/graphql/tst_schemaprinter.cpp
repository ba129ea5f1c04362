#include <graphql/schema.h>
#include <graphql/schemaprinter.h>
#include <graphql/textutil.h>

#include <QFile>
#include <QTest>

#include <algorithm>

using namespace refract::graphql;

// Expected texts in data/schemaprinter/ are graphql-js's own output (16.15.0 and 15.11.0) for
// data/schemaprinter/source.graphql: printSchema(buildSchema(sdl)) and the lexicographically sorted form.
class TstSchemaPrinter : public QObject
{
    Q_OBJECT

private:
    static QString expected(const char *name)
    {
        QFile f(QStringLiteral(REFRACT_TEST_DATA "/schemaprinter/") + QLatin1String(name));
        if (!f.open(QIODevice::ReadOnly))
            qFatal("missing test data %s", name);
        return QString::fromUtf8(f.readAll());
    }

    static InputValue arg(const char *name, const char *type, std::optional<QString> def = {},
                          std::optional<QString> desc = {})
    {
        InputValue a;
        a.name = QString::fromUtf8(name);
        a.type = TypeRef::parse(QString::fromUtf8(type));
        a.defaultValue = def;
        a.description = desc;
        return a;
    }

    static Field field(const char *name, const char *type, std::optional<QString> desc = {},
                       QList<InputValue> args = {})
    {
        Field f;
        f.name = QString::fromUtf8(name);
        f.type = TypeRef::parse(QString::fromUtf8(type));
        f.description = desc;
        f.arguments = args;
        return f;
    }

    static NamedType named(TypeKind kind, const char *name, std::optional<QString> desc = {})
    {
        NamedType t;
        t.kind = kind;
        t.name = QString::fromUtf8(name);
        t.description = desc;
        return t;
    }

    static Schema sample()
    {
        Schema s;
        s.description = QStringLiteral("The schema's description");
        s.setQueryTypeName(QStringLiteral("Root"));
        s.setMutationTypeName(QStringLiteral("Mutation"));
        s.addBuiltInDirectives();
        DirectiveDefinition cache;
        cache.name = QStringLiteral("cache");
        cache.description = QStringLiteral(
            "A directive with a description that is longer than seventy characters, so it wraps in v15.");
        cache.arguments = {arg("maxAge", "Int", QStringLiteral("10")),
                           arg("scope", "[String!]", QStringLiteral("[\"a\", \"b\"]"))};
        cache.repeatable = true;
        cache.locations = {QStringLiteral("FIELD_DEFINITION"), QStringLiteral("OBJECT"),
                           QStringLiteral("ARGUMENT_DEFINITION")};
        s.directives().append(cache);
        DirectiveDefinition plain;
        plain.name = QStringLiteral("plain");
        plain.locations = {QStringLiteral("QUERY")};
        s.directives().append(plain);

        NamedType root = named(TypeKind::Object, "Root");
        root.interfaces = {QStringLiteral("Node"), QStringLiteral("Named")};
        root.fields.append(field("id", "ID!", QStringLiteral("the id")));
        root.fields.append(field("name", "String"));
        root.fields.last().deprecationReason = QStringLiteral("No longer supported");
        root.fields.append(field("item10", "Int"));
        root.fields.last().deprecationReason = QStringLiteral("Use \"item2\" instead\n");
        root.fields.append(field("item2", "[Root]", {},
                                 {arg("first", "Int", QStringLiteral("5"), QStringLiteral("first arg")),
                                  arg("after", "String"),
                                  arg("z", "[Int!]!", QStringLiteral("[1, 2]"), QStringLiteral("desc ends with quote\""))}));
        root.fields.append(field("Item1", "String", {},
                                 {arg("b", "Boolean", QStringLiteral("true")), arg("a", "Float")}));
        root.fields.append(field("_under", "Json"));
        root.fields.append(field("lead", "Int", QStringLiteral("  leading space")));
        root.fields.append(field("slash", "Int", QStringLiteral("trailing backslash \\")));
        root.fields.append(field("multi", "Int", QStringLiteral("multi\nline\n  indented")));
        root.fields.append(field("triple", "Int", QStringLiteral("has \"\"\" triple")));
        root.fields.append(field("leadnl", "Int", QStringLiteral("\nleading newline")));
        root.fields.append(field("cr", "Int", QStringLiteral("carriage\r\nreturn")));
        root.fields.append(field("ctl", "Int", QString::fromUtf8("control \x01 char and é ünïcödé 😀")));
        root.fields.append(field("allind", "Int", QStringLiteral("    all indented\n    lines")));
        root.fields.append(field("endtriple", "Int", QStringLiteral("ends with triple \"\"\"")));
        s.addType(root);

        NamedType node = named(TypeKind::Interface, "Node", QStringLiteral("Node interface"));
        node.fields.append(field("id", "ID!"));
        s.addType(node);
        NamedType namedIface = named(TypeKind::Interface, "Named");
        namedIface.interfaces = {QStringLiteral("Node")};
        namedIface.fields = {field("id", "ID!"), field("name", "String")};
        s.addType(namedIface);
        NamedType any = named(TypeKind::Union, "Any");
        any.possibleTypes = {QStringLiteral("Root"), QStringLiteral("Other")};
        s.addType(any);
        s.addType(named(TypeKind::Union, "Empty"));
        NamedType other = named(TypeKind::Object, "Other");
        other.fields = {field("x", "Int")};
        s.addType(other);
        NamedType color = named(TypeKind::Enum, "Color",
                                QStringLiteral("A very long enum description that certainly exceeds the seventy character limit for sure"));
        for (const char *v : {"RED", "GREEN", "BLUE2", "BLUE10", "blue"}) {
            EnumValue ev;
            ev.name = QString::fromLatin1(v);
            color.enumValues.append(ev);
        }
        color.enumValues[1].description = QStringLiteral("green");
        color.enumValues[1].deprecationReason = QStringLiteral("No longer supported");
        s.addType(color);
        NamedType filter = named(TypeKind::InputObject, "Filter");
        filter.inputFields = {arg("a", "Int", QStringLiteral("1"), QStringLiteral("desc")),
                              arg("b", "Color", QStringLiteral("RED")), arg("c", "Filter2")};
        s.addType(filter);
        NamedType filter2 = named(TypeKind::InputObject, "Filter2");
        filter2.isOneOf = true;
        filter2.inputFields = {arg("x", "Int"), arg("y", "String")};
        s.addType(filter2);
        NamedType json = named(TypeKind::Scalar, "Json");
        json.specifiedByUrl = QStringLiteral("https://example.com/json?\"q\"");
        s.addType(json);
        NamedType mutation = named(TypeKind::Object, "Mutation");
        mutation.fields = {field("do", "Root", {}, {arg("input", "Filter!")})};
        s.addType(mutation);
        s.addBuiltInScalars();
        return s;
    }

private slots:
    void printsLikeGraphQLJs16()
    {
        QCOMPARE(printSchema(sample()), expected("v16.graphql"));
    }

    void printsLikeGraphQLJs15()
    {
        SchemaPrintOptions o;
        o.flavor = GraphQLJsFlavor::V15;
        QCOMPARE(printSchema(sample(), o), expected("v15.graphql"));
    }

    void sortsLikeLexicographicSortSchema()
    {
        Schema s = sample();
        s.sortLexicographically();
        QCOMPARE(printSchema(s), expected("v16-sorted.graphql"));
        SchemaPrintOptions o;
        o.flavor = GraphQLJsFlavor::V15;
        QCOMPARE(printSchema(s, o), expected("v15-sorted.graphql"));
        QVERIFY(s.type(QStringLiteral("Root")) != nullptr); // the index is rebuilt
        QCOMPARE(s.type(QStringLiteral("Root"))->name, QStringLiteral("Root"));
    }

    // TypeRef keeps up to seven wrappers inline and more on the heap: both must behave like the
    // std::vector they replaced (order, insert at the front, erase, copy, compare).
    void typeRefWrappersInlineAndOnHeap()
    {
        for (const char *text : {"Int", "Int!", "[Int!]!", "[[[[[[Int]]]]]]!", "[[[[[[[Int!]]]]]]]", "[[[[[[[[[Int!]!]!]]]]]]]!"}) {
            const QString spelled = QString::fromLatin1(text);
            const TypeRef t = TypeRef::parse(spelled);
            QCOMPARE(t.name, QStringLiteral("Int"));
            QCOMPARE(t.toString(), spelled);
            QCOMPARE(qsizetype(t.wrappers.size()), spelled.count(QLatin1Char('!')) + spelled.count(QLatin1Char('[')));
            TypeRef copy = t;
            QVERIFY(copy == t);
            const TypeRef wrapped = copy.list().nonNull().list();
            QCOMPARE(wrapped.toString(), QStringLiteral("[[%1]!]").arg(spelled));
            QVERIFY(wrapped.isList());
            QVERIFY(!(wrapped == t));
            TypeRef moved = std::move(copy);
            QCOMPARE(moved.toString(), spelled);
            QCOMPARE(moved.nullable().toString(), spelled.endsWith(QLatin1Char('!')) ? spelled.chopped(1) : spelled);
            moved.wrappers.clear();
            QVERIFY(moved.wrappers.empty());
            QCOMPARE(moved.toString(), QStringLiteral("Int"));
        }
        TypeRef deep = TypeRef::named(QStringLiteral("A"));
        for (int i = 0; i < 20; ++i)
            deep = i % 2 ? deep.nonNull() : deep.list();
        QCOMPARE(deep.wrappers.size(), size_t(20));
        QCOMPARE(deep.wrappers.front(), TypeRef::Wrapper::NonNull);
        QCOMPARE(deep.wrappers.back(), TypeRef::Wrapper::List);
        for (int i = 0; i < 20; ++i)
            deep.wrappers.erase(deep.wrappers.begin());
        QCOMPARE(deep.toString(), QStringLiteral("A"));
        QVERIFY(deep == TypeRef::named(QStringLiteral("A")));
    }

    // The sink gets bounded pieces even when one type is megabytes of text (Query and Mutation of a
    // large database), and together they are exactly the whole print.
    void streamsLargeTypesInPieces()
    {
        Schema s;
        s.setQueryTypeName(QStringLiteral("Query"));
        NamedType q;
        q.kind = TypeKind::Object;
        q.name = QStringLiteral("Query");
        for (int i = 0; i < 20000; ++i) {
            Field f;
            f.name = QStringLiteral("field%1").arg(i);
            f.description = QStringLiteral("Reads the value number %1 of a rather wide root type.").arg(i);
            f.type = TypeRef::named(QStringLiteral("Int")).nonNull();
            q.fields.append(f);
        }
        s.addType(q);
        s.addBuiltInScalars();
        for (const GraphQLJsFlavor flavor : {GraphQLJsFlavor::V15, GraphQLJsFlavor::V16}) {
            SchemaPrintOptions o;
            o.flavor = flavor;
            const QString whole = printSchema(s, o);
            QVERIFY(whole.size() > 1500000);
            QString joined;
            qsizetype largest = 0, pieces = 0;
            printSchema(s, o, [&](QStringView piece) {
                joined += piece;
                largest = std::max(largest, piece.size());
                ++pieces;
            });
            QCOMPARE(joined, whole);
            QVERIFY2(largest < 300000, qPrintable(QString::number(largest)));
            QVERIFY(pieces > 5);
        }
    }

    void omitsConventionalSchemaDefinition()
    {
        Schema s;
        s.setQueryTypeName(QStringLiteral("Query"));
        NamedType q;
        q.kind = TypeKind::Object;
        q.name = QStringLiteral("Query");
        q.fields = {field("a", "Int")};
        s.addType(q);
        s.addBuiltInScalars();
        s.addBuiltInDirectives();
        QCOMPARE(printSchema(s), QStringLiteral("type Query {\n  a: Int\n}"));
        SchemaPrintOptions o;
        o.flavor = GraphQLJsFlavor::V15;
        QCOMPARE(printSchema(s, o), QStringLiteral("type Query {\n  a: Int\n}\n"));
    }

    void printsAppliedDirectivesOnRequest()
    {
        Schema s;
        NamedType q;
        q.kind = TypeKind::Object;
        q.name = QStringLiteral("Subscription");
        q.fields = {field("onCreatePost", "Post")};
        q.fields[0].directives = {AppliedDirective{QStringLiteral("aws_subscribe"),
                                                   {{QStringLiteral("mutations"), QStringLiteral("[\"createPost\"]")}}}};
        s.addType(q);
        SchemaPrintOptions o;
        QCOMPARE(printSchema(s, o), QStringLiteral("type Subscription {\n  onCreatePost: Post\n}"));
        o.printAppliedDirectives = true;
        QCOMPARE(printSchema(s, o),
                 QStringLiteral("type Subscription {\n  onCreatePost: Post @aws_subscribe(mutations: [\"createPost\"])\n}"));
    }

    void naturalCompareMatchesGraphQLJs()
    {
        // Expectations checked against graphql-js 16 jsutils/naturalCompare.js.
        QVERIFY(naturalCompare(QString(), QString()) == 0);
        QVERIFY(naturalCompare(QStringLiteral("a"), QStringLiteral("a")) == 0);
        QVERIFY(naturalCompare(QStringLiteral("a"), QStringLiteral("b")) < 0);
        QVERIFY(naturalCompare(QStringLiteral("B"), QStringLiteral("a")) < 0);
        QVERIFY(naturalCompare(QStringLiteral("a2"), QStringLiteral("a10")) < 0);
        QVERIFY(naturalCompare(QStringLiteral("a10"), QStringLiteral("a2")) > 0);
        QVERIFY(naturalCompare(QStringLiteral("00"), QStringLiteral("0")) > 0);
        QVERIFY(naturalCompare(QStringLiteral("001"), QStringLiteral("1")) < 0);
        QVERIFY(naturalCompare(QStringLiteral("a0"), QStringLiteral("a")) > 0);
        QVERIFY(naturalCompare(QStringLiteral("a1b2"), QStringLiteral("a1b10")) < 0);
        QVERIFY(naturalCompare(QStringLiteral("1"), QStringLiteral("a")) < 0);
    }

    void blockStringPrinting()
    {
        QCOMPARE(printBlockString(QString()), QStringLiteral("\"\"\"\"\"\""));
        QCOMPARE(printBlockString(QStringLiteral("a\nb")), QStringLiteral("\"\"\"\na\nb\n\"\"\""));
        QCOMPARE(printBlockString(QStringLiteral("a\nb"), true), QStringLiteral("\"\"\"a\nb\"\"\""));
        QCOMPARE(printBlockString(QStringLiteral("a\n b")), QStringLiteral("\"\"\"\na\n b\n\"\"\""));
        QVERIFY(!isPrintableAsBlockString(QStringLiteral(" a\n b")));
        QVERIFY(isPrintableAsBlockString(QStringLiteral("a\n b")));
        QCOMPARE(printString(QString::fromUtf8("\x7f\xc2\x80")), QStringLiteral("\"\\u007F\\u0080\""));
        QCOMPARE(jsonString(QString::fromUtf8("\x1f\x7f")), QString::fromUtf8("\"\\u001f\x7f\""));
    }
};

QTEST_GUILESS_MAIN(TstSchemaPrinter)
#include "tst_schemaprinter.moc"
