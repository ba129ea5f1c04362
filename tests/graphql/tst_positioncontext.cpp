#include "graphql/completion.h"
#include "graphql/positioncontext.h"
#include "graphql/schemabuilder.h"

#include <QtTest>

using namespace refract::graphql;
using Kind = CompletionContext::Kind;

// Each case is a document with the cursor written as `|`; the walker sees the text without it.
class TstPositionContext : public QObject
{
    Q_OBJECT

private:
    Schema m_schema;

    CompletionContext at(const QString &marked) const
    {
        const qsizetype cursor = marked.indexOf(QLatin1Char('|'));
        Q_ASSERT(cursor >= 0);
        QString text = marked;
        text.remove(cursor, 1);
        return positionContext(m_schema, text, cursor);
    }

    static QString name(const NamedType *t) { return t ? t->name : QStringLiteral("<null>"); }

private slots:
    void initTestCase()
    {
        GraphQLError error;
        const auto schema = buildSchema(QStringLiteral(R"(
            directive @cached(ttl: Int = 60, scope: Scope) on FIELD | QUERY
            enum Scope { PUBLIC PRIVATE }
            enum PostOrder { CREATED_ASC CREATED_DESC TITLE_ASC }
            input PostFilter { title: StringFilter, authorId: ID, and: [PostFilter!], tags: [String!] }
            input StringFilter { equalTo: String, startsWith: String, in: [String!] }
            interface Node { id: ID! }
            type Person implements Node { id: ID! name: String! posts(first: Int, orderBy: [PostOrder!] = [CREATED_ASC]): [Post!]! }
            type Post implements Node { id: ID! title: String author: Person }
            union SearchResult = Person | Post
            type Query {
              node(id: ID!): Node
              person(id: ID!): Person
              posts(filter: PostFilter, orderBy: PostOrder, first: Int): [Post!]!
              search(text: String!): [SearchResult!]!
            }
            type Mutation { createPost(title: String!, authorId: ID!): Post }
        )"), &error);
        QVERIFY2(schema, qPrintable(error.message));
        m_schema = *schema;
    }

    void definitions()
    {
        auto c = at(QStringLiteral("|"));
        QCOMPARE(c.kind, Kind::Definition);
        QCOMPARE(c.prefix, QString());
        c = at(QStringLiteral("que|"));
        QCOMPARE(c.kind, Kind::Definition);
        QCOMPARE(c.prefix, QStringLiteral("que"));
        QCOMPARE(c.replaceStart, 0);
        QCOMPARE(c.replaceEnd, 3);
        c = at(QStringLiteral("query A { person(id: 1) { name } }\n|\nfragment F on Post { id }"));
        QCOMPARE(c.kind, Kind::Definition);
        QCOMPARE(c.fragments.size(), 1);
        QCOMPARE(c.fragments.first().name, QStringLiteral("F"));
        QCOMPARE(c.fragments.first().typeCondition, QStringLiteral("Post"));
        QCOMPARE(at(QStringLiteral("query |")).kind, Kind::Name);
        QCOMPARE(at(QStringLiteral("fragment |")).kind, Kind::Name);
        QCOMPARE(at(QStringLiteral("# a comment |\n{ a }")).kind, Kind::None);
        QCOMPARE(at(QStringLiteral("type X { a: |Int }\n")).kind, Kind::None); // type-system text
        QCOMPARE(at(QStringLiteral("type X { a: Int }\n|")).kind, Kind::Definition);
    }

    void fields()
    {
        auto c = at(QStringLiteral("{ |"));
        QCOMPARE(c.kind, Kind::Field);
        QCOMPARE(name(c.parentType), QStringLiteral("Query"));
        QVERIFY(c.inOperation);
        QCOMPARE(c.replaceStart, 2);
        QCOMPARE(c.replaceEnd, 2);

        c = at(QStringLiteral("{ person(id: 1) { na| } }"));
        QCOMPARE(c.kind, Kind::Field);
        QCOMPARE(name(c.parentType), QStringLiteral("Person"));
        QCOMPARE(c.prefix, QStringLiteral("na"));
        QCOMPARE(c.replaceStart, 18);
        QCOMPARE(c.replaceEnd, 20);
        QCOMPARE(c.fieldPath, QStringList{QStringLiteral("person")});

        c = at(QStringLiteral("{ person(id: 1) { posts { author { | } } }"));
        QCOMPARE(c.kind, Kind::Field);
        QCOMPARE(name(c.parentType), QStringLiteral("Person"));
        QCOMPARE(c.fieldPath, (QStringList{QStringLiteral("person"), QStringLiteral("posts"), QStringLiteral("author")}));

        // The field under the cursor is resolved for hover; aliases are skipped.
        c = at(QStringLiteral("{ who: per|son(id: 1) { name } }"));
        QCOMPARE(c.kind, Kind::Field);
        QCOMPARE(c.prefix, QStringLiteral("per"));
        QVERIFY(c.field);
        QCOMPARE(c.field->name, QStringLiteral("person"));
        c = at(QStringLiteral("{ who: |"));
        QCOMPARE(c.kind, Kind::Field);
        QCOMPARE(name(c.parentType), QStringLiteral("Query"));

        c = at(QStringLiteral("mutation M { createPost(title: \"t\", authorId: 1) { | } }"));
        QCOMPARE(c.kind, Kind::Field);
        QCOMPARE(name(c.parentType), QStringLiteral("Post"));
        QCOMPARE(c.operation, refract::graphql::ast::OperationType::Mutation);

        // Meta fields resolve too.
        c = at(QStringLiteral("{ __schema { types { fields { | } } } }"));
        QCOMPARE(name(c.parentType), QStringLiteral("__Field"));
        c = at(QStringLiteral("{ __typ|"));
        QCOMPARE(c.prefix, QStringLiteral("__typ"));

        // An unknown field leaves the parent unknown, but the walk goes on.
        c = at(QStringLiteral("{ nope { | } }"));
        QCOMPARE(c.kind, Kind::Field);
        QVERIFY(!c.parentType);

        // A syntax error before the cursor does not stop the walk.
        c = at(QStringLiteral("{ person(id: ) ] : { posts { | } } }"));
        QCOMPARE(c.kind, Kind::Field);
        QCOMPARE(name(c.parentType), QStringLiteral("Post"));
    }

    void fragments()
    {
        auto c = at(QStringLiteral("{ node(id: 1) { ...| } }\nfragment PostParts on Post { id }"));
        QCOMPARE(c.kind, Kind::FragmentSpread);
        QCOMPARE(name(c.parentType), QStringLiteral("Node"));
        QCOMPARE(c.fragments.size(), 1);
        c = at(QStringLiteral("{ node(id: 1) { ...Po| } }"));
        QCOMPARE(c.kind, Kind::FragmentSpread);
        QCOMPARE(c.prefix, QStringLiteral("Po"));
        c = at(QStringLiteral("{ node(id: 1) { .| } }"));
        QCOMPARE(c.kind, Kind::FragmentSpread);
        c = at(QStringLiteral("{ search(text: \"a\") { ... on | } }"));
        QCOMPARE(c.kind, Kind::TypeCondition);
        QCOMPARE(name(c.parentType), QStringLiteral("SearchResult"));
        c = at(QStringLiteral("{ search(text: \"a\") { ... on Pe| } }"));
        QCOMPARE(c.kind, Kind::TypeCondition);
        QCOMPARE(c.prefix, QStringLiteral("Pe"));
        c = at(QStringLiteral("{ search(text: \"a\") { ... on Person { | } } }"));
        QCOMPARE(c.kind, Kind::Field);
        QCOMPARE(name(c.parentType), QStringLiteral("Person"));
        c = at(QStringLiteral("{ node(id: 1) { ... @include(if: true) { | } } }"));
        QCOMPARE(name(c.parentType), QStringLiteral("Node"));
        c = at(QStringLiteral("fragment F on |"));
        QCOMPARE(c.kind, Kind::TypeCondition);
        QVERIFY(!c.parentType);
        c = at(QStringLiteral("fragment F on Person { posts { |"));
        QCOMPARE(c.kind, Kind::Field);
        QCOMPARE(name(c.parentType), QStringLiteral("Post"));
        QVERIFY(!c.inOperation);
    }

    void arguments()
    {
        auto c = at(QStringLiteral("{ posts(|"));
        QCOMPARE(c.kind, Kind::Argument);
        QVERIFY(c.field);
        QCOMPARE(c.field->name, QStringLiteral("posts"));
        QCOMPARE(name(c.parentType), QStringLiteral("Query"));
        c = at(QStringLiteral("{ posts(first: 1, |, orderBy: TITLE_ASC) { id } }"));
        QCOMPARE(c.kind, Kind::Argument);
        QCOMPARE(c.siblingNames, (QStringList{QStringLiteral("first"), QStringLiteral("orderBy")}));
        c = at(QStringLiteral("{ posts(fi|rst: 2) { id } }"));
        QCOMPARE(c.kind, Kind::Argument);
        QCOMPARE(c.prefix, QStringLiteral("fi"));
        QCOMPARE(c.replaceEnd - c.replaceStart, 5);
        QVERIFY(c.argument);
        QCOMPARE(c.argument->name, QStringLiteral("first"));
        QVERIFY(c.siblingNames.isEmpty());
        c = at(QStringLiteral("{ person(id: 1) { posts(|) { id } } }"));
        QCOMPARE(c.field->name, QStringLiteral("posts"));
        QCOMPARE(name(c.parentType), QStringLiteral("Person"));
        // Directive arguments.
        c = at(QStringLiteral("{ posts @cached(|) { id } }"));
        QCOMPARE(c.kind, Kind::Argument);
        QVERIFY(!c.field);
        QVERIFY(c.directive);
        QCOMPARE(c.directive->name, QStringLiteral("cached"));
    }

    void values()
    {
        auto c = at(QStringLiteral("{ posts(orderBy: |"));
        QCOMPARE(c.kind, Kind::Value);
        QCOMPARE(c.expectedType.toString(), QStringLiteral("PostOrder"));
        QCOMPARE(name(c.inputType), QStringLiteral("PostOrder"));
        QVERIFY(c.argument);
        QCOMPARE(c.argument->name, QStringLiteral("orderBy"));
        QCOMPARE(c.field->name, QStringLiteral("posts"));

        c = at(QStringLiteral("{ posts(orderBy: TIT|) { id } }"));
        QCOMPARE(c.kind, Kind::Value);
        QCOMPARE(c.prefix, QStringLiteral("TIT"));

        c = at(QStringLiteral("{ person(id: 1) { posts(orderBy: [CREATED_ASC, |]) { id } } }"));
        QCOMPARE(c.kind, Kind::Value);
        QCOMPARE(c.expectedType.toString(), QStringLiteral("PostOrder!"));
        QCOMPARE(name(c.inputType), QStringLiteral("PostOrder"));

        c = at(QStringLiteral("{ person(id: \"ab|\") { id } }"));
        QCOMPARE(c.kind, Kind::Value);
        QVERIFY(c.inString);
        QCOMPARE(c.prefix, QStringLiteral("ab"));
        QCOMPARE(c.expectedType.toString(), QStringLiteral("ID!"));

        c = at(QStringLiteral("{ posts(first: 1|0) { id } }"));
        QCOMPARE(c.kind, Kind::Value);
        QCOMPARE(c.prefix, QStringLiteral("1"));
        QCOMPARE(name(c.inputType), QStringLiteral("Int"));

        // Input objects, nested.
        c = at(QStringLiteral("{ posts(filter: {|}) { id } }"));
        QCOMPARE(c.kind, Kind::ObjectField);
        QCOMPARE(name(c.inputType), QStringLiteral("PostFilter"));
        c = at(QStringLiteral("{ posts(filter: {title: {startsWith: \"a\", |}}) { id } }"));
        QCOMPARE(c.kind, Kind::ObjectField);
        QCOMPARE(name(c.inputType), QStringLiteral("StringFilter"));
        QCOMPARE(c.siblingNames, QStringList{QStringLiteral("startsWith")});
        c = at(QStringLiteral("{ posts(filter: {and: [{tags: |"));
        QCOMPARE(c.kind, Kind::Value);
        QCOMPARE(c.expectedType.toString(), QStringLiteral("[String!]"));
        QVERIFY(c.argument);
        QCOMPARE(c.argument->name, QStringLiteral("tags"));
        c = at(QStringLiteral("{ posts(filter: {and: [{ti|tle"));
        QCOMPARE(c.kind, Kind::ObjectField);
        QCOMPARE(c.prefix, QStringLiteral("ti"));
        QCOMPARE(name(c.inputType), QStringLiteral("PostFilter"));
        QVERIFY(c.argument);
        QCOMPARE(c.argument->name, QStringLiteral("title"));

        // Directive argument values.
        c = at(QStringLiteral("{ posts @include(if: |) { id } }"));
        QCOMPARE(c.kind, Kind::Value);
        QCOMPARE(c.expectedType.toString(), QStringLiteral("Boolean!"));
        QCOMPARE(c.directive->name, QStringLiteral("include"));
        c = at(QStringLiteral("query Q @cached(scope: PU|) { posts { id } }"));
        QCOMPARE(c.kind, Kind::Value);
        QCOMPARE(name(c.inputType), QStringLiteral("Scope"));
    }

    void variables()
    {
        auto c = at(QStringLiteral("query Q($first: Int = 10, $order: PostOrder!) { posts(first: $|"));
        QCOMPARE(c.kind, Kind::Variable);
        QCOMPARE(c.expectedType.toString(), QStringLiteral("Int"));
        QCOMPARE(c.variables.size(), 2);
        QCOMPARE(c.variables.at(0).name, QStringLiteral("first"));
        QCOMPARE(c.variables.at(0).type.toString(), QStringLiteral("Int"));
        QVERIFY(c.variables.at(0).hasDefault);
        QCOMPARE(c.variables.at(1).type.toString(), QStringLiteral("PostOrder!"));
        QVERIFY(!c.variables.at(1).hasDefault);

        c = at(QStringLiteral("query Q($first: Int) { posts(first: $fi|) { id } }"));
        QCOMPARE(c.kind, Kind::Variable);
        QCOMPARE(c.prefix, QStringLiteral("fi"));

        c = at(QStringLiteral("query Q($first: |"));
        QCOMPARE(c.kind, Kind::VariableType);
        c = at(QStringLiteral("query Q($first: [Po|"));
        QCOMPARE(c.kind, Kind::VariableType);
        QCOMPARE(c.prefix, QStringLiteral("Po"));
        c = at(QStringLiteral("query Q($f: PostFilter = {title: {|"));
        QCOMPARE(c.kind, Kind::ObjectField);
        QCOMPARE(name(c.inputType), QStringLiteral("StringFilter"));
        c = at(QStringLiteral("query Q($o: [PostOrder!]! = [|"));
        QCOMPARE(c.kind, Kind::Value);
        QCOMPARE(c.expectedType.toString(), QStringLiteral("PostOrder!"));
        // An unclosed operation before does not swallow the one being typed.
        c = at(QStringLiteral("query A { posts(filter: {title: [ \nquery B($n: Int) { person(id: $|"));
        QCOMPARE(c.kind, Kind::Variable);
        QCOMPARE(c.expectedType.toString(), QStringLiteral("ID!"));
        QCOMPARE(c.variables.size(), 1);
        c = at(QStringLiteral("{ person(id: 1) { name \nfragment G on Post { | }"));
        QCOMPARE(c.kind, Kind::Field);
        QCOMPARE(name(c.parentType), QStringLiteral("Post"));
        c = at(QStringLiteral("query Q($|"));
        QCOMPARE(c.kind, Kind::Name);
        c = at(QStringLiteral("query Q($a: Int, $b: String) {\n posts { id }\n}\nquery R { posts(first: $|) }"));
        QCOMPARE(c.kind, Kind::Variable);
        QVERIFY(c.variables.isEmpty()); // only the enclosing operation's
    }

    void directives()
    {
        auto c = at(QStringLiteral("query Q @|"));
        QCOMPARE(c.kind, Kind::Directive);
        QCOMPARE(c.directiveLocation, QStringLiteral("QUERY"));
        c = at(QStringLiteral("{ posts @ski| { id } }"));
        QCOMPARE(c.kind, Kind::Directive);
        QCOMPARE(c.directiveLocation, QStringLiteral("FIELD"));
        QCOMPARE(c.prefix, QStringLiteral("ski"));
        QCOMPARE(at(QStringLiteral("{ ...F @|")).directiveLocation, QStringLiteral("FRAGMENT_SPREAD"));
        QCOMPARE(at(QStringLiteral("{ ... on Post @|")).directiveLocation, QStringLiteral("INLINE_FRAGMENT"));
        QCOMPARE(at(QStringLiteral("fragment F on Post @|")).directiveLocation, QStringLiteral("FRAGMENT_DEFINITION"));
        QCOMPARE(at(QStringLiteral("query Q($a: Int @|")).directiveLocation, QStringLiteral("VARIABLE_DEFINITION"));
        QCOMPARE(at(QStringLiteral("mutation @|")).directiveLocation, QStringLiteral("MUTATION"));
    }

    QStringList labels(const QString &marked) const
    {
        QStringList out;
        for (const CompletionItem &i : completionItems(m_schema, at(marked)))
            out.append(i.label);
        return out;
    }

    void completions()
    {
        QCOMPARE(labels(QStringLiteral("{ person(id: 1) { | } }")),
                 (QStringList{QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("posts"), QStringLiteral("__typename")}));
        QVERIFY(labels(QStringLiteral("{ | }")).contains(QStringLiteral("__schema")));
        QCOMPARE(labels(QStringLiteral("{ posts(first: 1, |) }")), (QStringList{QStringLiteral("filter"), QStringLiteral("orderBy")}));
        QCOMPARE(labels(QStringLiteral("{ posts(orderBy: |) }")),
                 (QStringList{QStringLiteral("CREATED_ASC"), QStringLiteral("CREATED_DESC"), QStringLiteral("TITLE_ASC"), QStringLiteral("null")}));
        QCOMPARE(labels(QStringLiteral("{ posts @include(if: |) }")), (QStringList{QStringLiteral("true"), QStringLiteral("false")}));
        QCOMPARE(labels(QStringLiteral("query($a: Int, $b: String, $c: Int!) { posts(first: |) }")),
                 (QStringList{QStringLiteral("null"), QStringLiteral("$a"), QStringLiteral("$c"), QStringLiteral("$b")}));
        const auto vars = completionItems(m_schema, at(QStringLiteral("query($a: Int) { posts(first: $|) }")));
        QCOMPARE(vars.size(), 1);
        QCOMPARE(vars.first().insertText, QStringLiteral("a"));
        QCOMPARE(labels(QStringLiteral("{ posts(filter: {title: {equalTo: \"x\" |}}) }")),
                 (QStringList{QStringLiteral("startsWith"), QStringLiteral("in")}));
        QCOMPARE(labels(QStringLiteral("{ search(text: \"\") { ... on | } }")),
                 (QStringList{QStringLiteral("Node"), QStringLiteral("Person"), QStringLiteral("Post"), QStringLiteral("SearchResult")}));
        QCOMPARE(labels(QStringLiteral("{ person(id: 1) { ...| } }\nfragment P on Person { id }\nfragment Q on Post { id }\nfragment N on Node { id }")),
                 (QStringList{QStringLiteral("P"), QStringLiteral("N"), QStringLiteral("on")}));
        QCOMPARE(labels(QStringLiteral("{ posts @|")), (QStringList{QStringLiteral("cached"), QStringLiteral("include"), QStringLiteral("skip")}));
        QCOMPARE(labels(QStringLiteral("query Q($a: |")),
                 (QStringList{QStringLiteral("Scope"), QStringLiteral("PostOrder"), QStringLiteral("PostFilter"), QStringLiteral("StringFilter"),
                              QStringLiteral("Int"), QStringLiteral("Float"), QStringLiteral("String"), QStringLiteral("Boolean"),
                              QStringLiteral("ID")}));
        QCOMPARE(labels(QStringLiteral("|")), (QStringList{QStringLiteral("query"), QStringLiteral("mutation"), QStringLiteral("fragment")}));
        QVERIFY(labels(QStringLiteral("# |")).isEmpty());
    }

    void lineColumn()
    {
        const QString text = QStringLiteral("query {\r\n  person(id: 1) {\n    \n  }\n}");
        QCOMPARE(offsetOf(text, 3, 5), text.indexOf(QLatin1String("    \n")) + 4);
        const auto c = positionContext(m_schema, text, 3, 5);
        QCOMPARE(c.kind, Kind::Field);
        QCOMPARE(name(c.parentType), QStringLiteral("Person"));
        QCOMPARE(offsetOf(text, 99, 99), text.size());
        QCOMPARE(offsetOf(text, 1, -5), 0);
    }

    // Every cursor position of many broken or unusual texts gives an answer (and no crash or hang).
    void everyPosition()
    {
        const QStringList texts = {
            QStringLiteral("{ person(id: \"unterminated\n { name }"),
            QStringLiteral("query Q($a: [[Int!]!]! = [[1]], $b: PostFilter = {title: {in: [\"x\"]}}) @cached(ttl: 1) {\n"
                           "  a: posts(filter: $b, orderBy: TITLE_ASC) { ...F ... on Post { id } ... @skip(if: false) { title } }\n}\n"
                           "fragment F on Post { author { name posts(first: 2) { id } } }\n"
                           "\"\"\"block\"\"\" type T { f(a: Int = 1): [T!]! } extend schema @x"),
            QStringLiteral(")))]]]}}}{{{((([[[ $ $ @ @ ... .. . : : = = ! ! | & \"\"\" open block"),
            QString(QChar(0)) + QStringLiteral("{\x01 a") + QChar(0xD800) + QStringLiteral("b }"),
            QStringLiteral("{ posts(filter: {and: [{and: [{and: [{title: {in: [\"a\", \"b\\\"\", |]}}]}]}]}) }").remove(QLatin1Char('|')),
        };
        for (const QString &text : texts) {
            for (qsizetype i = -1; i <= text.size() + 1; ++i) {
                const auto c = positionContext(m_schema, text, i);
                QVERIFY(c.replaceStart <= c.replaceEnd);
                QVERIFY(c.replaceStart >= 0 && c.replaceEnd <= text.size());
            }
        }
    }

    void deepNesting()
    {
        // Far deeper than the walk recurses: it gives up with None instead of overflowing the stack.
        QString text = QStringLiteral("{ posts(filter: ");
        text += QString(100000, QLatin1Char('['));
        auto c = positionContext(m_schema, text, text.size());
        QCOMPARE(c.kind, Kind::None);
        text = QStringLiteral("{ posts ").repeated(100000);
        c = positionContext(m_schema, text, text.size());
        QCOMPARE(c.kind, Kind::None);
        // Moderate nesting still answers.
        text = QStringLiteral("{ person(id: 1) ") + QStringLiteral("{ posts { author ").repeated(50);
        c = positionContext(m_schema, text + QStringLiteral("{ "), text.size() + 2);
        QCOMPARE(c.kind, Kind::Field);
        QCOMPARE(name(c.parentType), QStringLiteral("Person"));
        QCOMPARE(c.fieldPath.size(), 101);
    }
};

QTEST_GUILESS_MAIN(TstPositionContext)
#include "tst_positioncontext.moc"
