#include "graphql/coercion.h"
#include "graphql/executor.h"
#include "graphql/introspection.h"
#include "graphql/parser.h"
#include "graphql/schemabuilder.h"

#include <QtTest>

using namespace refract::graphql;

// The executor with C++ resolvers, introspection-only requests and the JsValue model. Exact agreement
// with graphql-js (coercion messages, introspection output) is checked by conformance_execution.
class TstExecutor : public QObject
{
    Q_OBJECT

    Schema m_schema;

    struct Person
    {
        QString name;
        int age;
        QList<int> friends;
    };
    QList<Person> m_people;

    QByteArray run(const Executor &executor, const QString &query, const QByteArray &variables = "{}", const QString &operation = QString())
    {
        const ParseResult parsed = parse(query);
        if (!parsed.document)
            return "syntax error: " + parsed.error->message.toUtf8();
        return executor.execute(*parsed.document, operation, *JsValue::fromJson(variables)).toJson();
    }

    /// The value with object members sorted by key (to compare results of differently ordered queries).
    static JsValue canonical(JsValue v)
    {
        for (JsValue &item : v.list)
            item = canonical(std::move(item));
        for (auto &member : v.object)
            member.second = canonical(std::move(member.second));
        std::sort(v.object.begin(), v.object.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
        return v;
    }

    void addResolvers(Executor &e)
    {
        e.setResolver(QStringLiteral("Query"), QStringLiteral("person"), [this](const ExecValue &, const JsValue &args, const ResolveInfo &) {
            const int id = int(args.get(u"id")->number);
            if (id < 0 || id >= m_people.size())
                return ExecValue::error(QStringLiteral("No person %1").arg(id), *JsValue::fromJson(R"({"code":"NOT_FOUND"})"));
            return ExecValue::fromObject(static_cast<const Person *>(&m_people[id]), QStringLiteral("Person"));
        });
        e.setResolver(QStringLiteral("Query"), QStringLiteral("people"), [this](const ExecValue &, const JsValue &, const ResolveInfo &) {
            std::vector<ExecValue> items;
            for (const Person &p : m_people)
                items.push_back(ExecValue::fromObject(&p));
            return ExecValue::makeList(std::move(items));
        });
        e.setResolver(QStringLiteral("Query"), QStringLiteral("search"), [this](const ExecValue &, const JsValue &, const ResolveInfo &) {
            return ExecValue::makeList({ExecValue::fromObject(static_cast<const Person *>(&m_people[0]), QStringLiteral("Person")),
                                        ExecValue::of(*JsValue::fromJson(R"({"__typename":"Robot","model":"R2"})"))});
        });
        e.setResolver(QStringLiteral("Person"), QStringLiteral("name"), [](const ExecValue &p, const JsValue &args, const ResolveInfo &) {
            const QString name = std::any_cast<const Person *>(p.object)->name;
            const JsValue *upper = args.get(u"upper");
            return ExecValue::of(JsValue::of(upper && upper->boolean ? name.toUpper() : name));
        });
        e.setResolver(QStringLiteral("Person"), QStringLiteral("age"), [](const ExecValue &p, const JsValue &, const ResolveInfo &) {
            const int age = std::any_cast<const Person *>(p.object)->age;
            return age < 0 ? ExecValue::error(QStringLiteral("age unknown")) : ExecValue::of(JsValue::of(age));
        });
        e.setResolver(QStringLiteral("Person"), QStringLiteral("friends"), [this](const ExecValue &p, const JsValue &, const ResolveInfo &) {
            std::vector<ExecValue> items;
            for (int id : std::any_cast<const Person *>(p.object)->friends)
                items.push_back(id < m_people.size() ? ExecValue::fromObject(static_cast<const Person *>(&m_people[id])) : ExecValue::of(JsValue::null()));
            return ExecValue::makeList(std::move(items));
        });
    }

private slots:
    void initTestCase()
    {
        GraphQLError error;
        auto s = buildSchema(QStringLiteral(R"(
            type Query {
              person(id: Int!): Person
              people: [Person!]!
              search(text: String = "x"): [Result]
              strict: Person!
            }
            union Result = Person | Robot
            type Robot { model: String }
            type Person { name(upper: Boolean = false): String! age: Int friends: [Person!] }
        )"), &error);
        QVERIFY2(s, qPrintable(error.message));
        m_schema = *s;
        m_people = {{QStringLiteral("Ada"), 36, {1, 2}}, {QStringLiteral("Bob"), -1, {0}}, {QStringLiteral("Cy"), 7, {9}}};
    }

    void resolversInSelectionOrder()
    {
        Executor e(m_schema);
        addResolvers(e);
        QCOMPARE(run(e, QStringLiteral("{ p: person(id: 0) { name a: age upper: name(upper: true) __typename } x: __typename }")),
                 QByteArray(R"({"data":{"p":{"name":"Ada","a":36,"upper":"ADA","__typename":"Person"},"x":"Query"}})"));
        QCOMPARE(run(e, QStringLiteral("query Q($id: Int!) { person(id: $id) { ...F } } fragment F on Person { age name }"), R"({"id":2})"),
                 QByteArray(R"({"data":{"person":{"age":7,"name":"Cy"}}})"));
    }

    void errorsAreSpecShaped()
    {
        Executor e(m_schema);
        addResolvers(e);
        // A nullable field's error: null in data, message/locations/path/extensions in errors.
        QCOMPARE(run(e, QStringLiteral("{\n  person(id: 5) { name }\n}")),
                 QByteArray(R"({"errors":[{"message":"No person 5","locations":[{"line":2,"column":3}],"path":["person"],)"
                            R"("extensions":{"code":"NOT_FOUND"}}],"data":{"person":null}})"));
        // A nullable leaf inside a list item.
        QCOMPARE(run(e, QStringLiteral("{ person(id: 0) { friends { name age } } }")),
                 QByteArray(R"({"errors":[{"message":"age unknown","locations":[{"line":1,"column":34}],"path":["person","friends",0,"age"]}],)"
                            R"("data":{"person":{"friends":[{"name":"Bob","age":null},{"name":"Cy","age":7}]}}})"));
        // Null in a list of non-null items propagates to the nearest nullable field (friends).
        QCOMPARE(run(e, QStringLiteral("{ person(id: 2) { name friends { name } } }")),
                 QByteArray(R"({"errors":[{"message":"Cannot return null for non-nullable field Person.friends.","locations":[{"line":1,"column":24}],)"
                            R"("path":["person","friends",0]}],"data":{"person":{"name":"Cy","friends":null}}})"));
        // A non-null root field without resolver: data becomes null.
        QCOMPARE(run(e, QStringLiteral("{ strict { name } }")),
                 QByteArray(R"({"errors":[{"message":"Cannot return null for non-nullable field Query.strict.","locations":[{"line":1,"column":3}],)"
                            R"("path":["strict"]}],"data":null})"));
        // Request errors: no data at all.
        QCOMPARE(run(e, QStringLiteral("query Q($id: Int!) { person(id: $id) { name } }"), R"({"id":"x"})"),
                 QByteArray("{\"errors\":[{\"message\":\"Variable \\\"$id\\\" got invalid value \\\"x\\\"; Int cannot represent "
                            "non-integer value: \\\"x\\\"\",\"locations\":[{\"line\":1,\"column\":9}]}]}"));
        QCOMPARE(run(e, QStringLiteral("query A { __typename } query B { __typename }")),
                 QByteArray(R"({"errors":[{"message":"Must provide operation name if query contains multiple operations."}]})"));
    }

    void throwingResolver()
    {
        Executor e(m_schema);
        e.setResolver(QStringLiteral("Query"), QStringLiteral("person"), [](const ExecValue &, const JsValue &, const ResolveInfo &) -> ExecValue {
            throw std::runtime_error("boom");
        });
        QCOMPARE(run(e, QStringLiteral("{ person(id: 1) { name } }")),
                 QByteArray(R"({"errors":[{"message":"boom","locations":[{"line":1,"column":3}],"path":["person"]}],"data":{"person":null}})"));
    }

    void abstractTypes()
    {
        Executor e(m_schema);
        addResolvers(e);
        QCOMPARE(run(e, QStringLiteral("{ search { __typename ... on Person { name } ... on Robot { model } } }")),
                 QByteArray(R"({"data":{"search":[{"__typename":"Person","name":"Ada"},{"__typename":"Robot","model":"R2"}]}})"));
    }

    void introspectionOnly()
    {
        auto doc = [](const char *text) { return *parse(QString::fromUtf8(text)).document; };
        QVERIFY(isIntrospectionOnly(doc("{ __schema { types { name } } }")));
        QVERIFY(isIntrospectionOnly(doc("{ __typename t: __type(name: \"Person\") { name } ...F } fragment F on Query { __typename }")));
        QVERIFY(!isIntrospectionOnly(doc("{ __typename person(id: 1) { name } }")));
        QVERIFY(!isIntrospectionOnly(doc("{ ...F } fragment F on Query { people { name } }")));
        QVERIFY(!isIntrospectionOnly(doc("mutation { __typename }")));
        QVERIFY(isIntrospectionOnly(doc("query A { people { name } } query B { __typename }"), QStringLiteral("B")));
        QVERIFY(!isIntrospectionOnly(doc("query A { people { name } } query B { __typename }")));

        const QByteArray r = executeIntrospection(m_schema, doc("query($n: String!) { __type(name: $n) { name kind fields { name } } }"),
                                                  QString(), R"({"n":"Robot"})");
        QCOMPARE(r, QByteArray(R"({"data":{"__type":{"name":"Robot","kind":"OBJECT","fields":[{"name":"model"}]}}})"));
        QCOMPARE(executeIntrospection(m_schema, doc("{ __typename }"), QString(), "{nope"),
                 QByteArray(R"({"errors":[{"message":"Variables are invalid JSON."}]})"));

        // The whole introspection query answers what introspectionFromSchema writes.
        const QByteArray full = executeIntrospection(m_schema, doc(R"(
            query { __schema { description queryType { name kind } mutationType { name kind } subscriptionType { name kind }
              types { ...FullType } directives { name description isRepeatable isDeprecated deprecationReason locations
                args(includeDeprecated: true) { ...InputValue } } } }
            fragment FullType on __Type { kind name description specifiedByURL isOneOf
              fields(includeDeprecated: true) { name description args(includeDeprecated: true) { ...InputValue } type { ...TypeRef }
                isDeprecated deprecationReason }
              inputFields(includeDeprecated: true) { ...InputValue } interfaces { ...TypeRef }
              enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason } possibleTypes { ...TypeRef } }
            fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue isDeprecated deprecationReason }
            fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name
              ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } } } })"));
        const std::optional<JsValue> response = JsValue::fromJson(full);
        QVERIFY(response);
        const JsValue *data = response->get(u"data");
        QVERIFY(data);
        const std::optional<JsValue> expected = JsValue::fromJson(introspectionFromSchema(m_schema, 0));
        QVERIFY(expected);
        QCOMPARE(data->get(u"__schema")->get(u"types")->list.size(), expected->get(u"__schema")->get(u"types")->list.size());
        QCOMPARE(canonical(*data->get(u"__schema")->get(u"types")).toJson(), canonical(*expected->get(u"__schema")->get(u"types")).toJson());
    }

    void jsValues()
    {
        const auto v = JsValue::fromJson(R"({"b":1,"2":true,"a":[1,2.5,-0,1e21,"x\u00e9\n"],"1":null,"b":{"c":{"d":{"e":1}}}})");
        QVERIFY(v);
        QCOMPARE(v->toJson(), QByteArray(R"({"1":null,"2":true,"b":{"c":{"d":{"e":1}}},"a":[1,2.5,0,1e+21,"xé\n"]})"));
        QCOMPARE(v->inspect(), QStringLiteral(R"({ 1: null, 2: true, b: { c: [Object] }, a: [1, 2.5, 0, 1e+21, "xé\n"] })"));
        QCOMPARE(JsValue::fromJson("[1,2,3,4,5,6,7,8,9,10,11]")->inspect(), QStringLiteral("[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ... 1 more item]"));
        QString error;
        QVERIFY(!JsValue::fromJson("{\"a\":}", &error));
        QVERIFY(error.contains(QLatin1String("position 5")));
        QVERIFY(!JsValue::fromJson(QByteArray(100000, '[')));
        QVERIFY(!JsValue::fromJson("[1] x"));
        QVERIFY(!JsValue::fromJson("\"\x01\""));
    }

    void argumentCoercion()
    {
        const Field *person = m_schema.type(QStringLiteral("Query"))->field(QStringLiteral("person"));
        const ParseResult doc = parse(QStringLiteral("query($v: Int) { person(id: $v) { name } }"));
        const ast::Selection &field = doc.document->definitions[0].selectionSet->selections[0];
        GraphQLError error;
        QVERIFY(argumentValues(m_schema, person->arguments, field.arguments, field.loc, JsValue::makeObject(), &error).isUndefined());
        QCOMPARE(error.message,
                 QStringLiteral("Argument \"id\" of required type \"Int!\" was provided the variable \"$v\" which was not provided a runtime value."));
        const JsValue args = argumentValues(m_schema, person->arguments, field.arguments, field.loc, *JsValue::fromJson(R"({"v":3})"), &error);
        QCOMPARE(args.toJson(), QByteArray(R"({"id":3})"));
    }
};

QTEST_GUILESS_MAIN(TstExecutor)
#include "tst_executor.moc"
