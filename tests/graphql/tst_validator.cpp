#include <graphql/parser.h>
#include <graphql/schemabuilder.h>
#include <graphql/validation/suggestions.h>
#include <graphql/validator.h>

#include <QElapsedTimer>
#include <QFile>
#include <QTest>

using namespace refract::graphql;

// Unit tests of the validator. The differential test against graphql-js (tests/conformance/validation)
// covers the rules case by case; these pin the behaviours that matter most to callers.
class TstValidator : public QObject
{
    Q_OBJECT

private:
    static Schema schema()
    {
        GraphQLError error;
        std::optional<Schema> s = buildSchema(QStringLiteral(R"(
            interface Pet { name: String }
            type Dog implements Pet { name: String barkVolume: Int doesKnowCommand(dogCommand: DogCommand!): Boolean }
            type Cat implements Pet { name: String meowVolume: Int }
            union CatOrDog = Cat | Dog
            enum DogCommand { SIT HEEL }
            input Point { x: Int! y: Int! }
            type Query { dog: Dog pet: Pet catOrDog: CatOrDog at(point: Point): Boolean count(n: Int!): Int }
        )"), &error);
        if (!s)
            qFatal("schema: %s", qPrintable(error.message));
        return *s;
    }

    static QList<GraphQLError> check(const QString &text, const ValidationOptions &options = {})
    {
        const ParseResult r = parse(text);
        if (!r.document)
            qFatal("parse: %s", qPrintable(r.error->message));
        static const Schema s = schema();
        return validate(s, *r.document, options);
    }

    static QString json(const QList<GraphQLError> &errors)
    {
        QByteArray out;
        for (const GraphQLError &e : errors)
            out += e.toJson() + '\n';
        return QString::fromUtf8(out);
    }

private slots:
    void validDocument()
    {
        QCOMPARE(json(check(QStringLiteral("query Q($c: DogCommand!) { dog { name doesKnowCommand(dogCommand: $c) } "
                                           "pet { ... on Cat { meowVolume } __typename } __schema { queryType { name } } }"))),
                 QString());
    }

    void unknownFieldWithSuggestions()
    {
        QCOMPARE(json(check(QStringLiteral("{ dog { nam } pet { meowVolume } }"))),
                 QStringLiteral("{\"message\":\"Cannot query field \\\"nam\\\" on type \\\"Dog\\\". Did you mean \\\"name\\\"?\",\"locations\":[{\"line\":1,\"column\":9}]}\n"
                                "{\"message\":\"Cannot query field \\\"meowVolume\\\" on type \\\"Pet\\\". Did you mean to use an inline fragment on \\\"Cat\\\"?\",\"locations\":[{\"line\":1,\"column\":21}]}\n"));
    }

    void errorsFollowTheWalk()
    {
        // ProvidedRequiredArguments reports when the field is left, after the errors inside it.
        const QList<GraphQLError> errors = check(QStringLiteral("{ count(x: 1) } fragment F on Dog { name }"));
        QCOMPARE(errors.size(), 3);
        QCOMPARE(errors[0].message, QStringLiteral("Unknown argument \"x\" on field \"Query.count\". Did you mean \"n\"?"));
        QCOMPARE(errors[1].message, QStringLiteral("Field \"count\" argument \"n\" of type \"Int!\" is required, but it was not provided."));
        QCOMPARE(errors[2].message, QStringLiteral("Fragment \"F\" is never used."));
    }

    void valuesAndVariables()
    {
        const QList<GraphQLError> errors = check(QStringLiteral("query Q($p: Int) { at(point: {x: $p, y: \"1\"}) count(n: $p) }"));
        QCOMPARE(errors.size(), 3);
        QCOMPARE(errors[0].message, QStringLiteral("Int cannot represent non-integer value: \"1\""));
        QCOMPARE(errors[1].message, QStringLiteral("Variable \"$p\" of type \"Int\" used in position expecting type \"Int!\"."));
        QCOMPARE(errors[1].locations, (QList<SourceLocation>{{1, 9}, {1, 34}}));
        QCOMPARE(errors[2].message, QStringLiteral("Variable \"$p\" of type \"Int\" used in position expecting type \"Int!\"."));
    }

    void overlappingFields()
    {
        const QList<GraphQLError> errors = check(QStringLiteral("{ catOrDog { ... on Dog { x: name } ... on Cat { x: meowVolume } } dog { name: barkVolume name } }"));
        QCOMPARE(errors.size(), 2);
        QCOMPARE(errors[0].message, QStringLiteral("Fields \"x\" conflict because they return conflicting types \"String\" and \"Int\". "
                                                   "Use different aliases on the fields to fetch both if this was intentional."));
        QCOMPARE(errors[1].message, QStringLiteral("Fields \"name\" conflict because \"barkVolume\" and \"name\" are different fields. "
                                                   "Use different aliases on the fields to fetch both if this was intentional."));
    }

    void maxErrors()
    {
        QString text = QStringLiteral("{");
        for (int i = 0; i < 150; ++i)
            text += QStringLiteral(" f%1").arg(i);
        text += QStringLiteral(" }");
        QList<GraphQLError> errors = check(text);
        QCOMPARE(errors.size(), 101);
        QCOMPARE(errors.last().message, QStringLiteral("Too many validation errors, error limit reached. Validation aborted."));
        QVERIFY(errors.last().locations.isEmpty());
        errors = check(text, ValidationOptions{5, false});
        QCOMPARE(errors.size(), 6);
    }

    void hideSuggestions()
    {
        const QList<GraphQLError> errors = check(QStringLiteral("{ dog { nam } }"), ValidationOptions{100, true});
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors[0].message, QStringLiteral("Cannot query field \"nam\" on type \"Dog\"."));
    }

    void suggestionList()
    {
        using refract::graphql::validation::naturalCompare;
        QCOMPARE(validation::suggestionList(QStringLiteral("nam"), {QStringLiteral("name"), QStringLiteral("Name"), QStringLiteral("xyz")}),
                 (QStringList{QStringLiteral("Name"), QStringLiteral("name")}));
        QVERIFY(naturalCompare(u"field2", u"field10") < 0);
        QCOMPARE(validation::didYouMean({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d"),
                                         QStringLiteral("e"), QStringLiteral("f")}),
                 QStringLiteral(" Did you mean \"a\", \"b\", \"c\", \"d\", or \"e\"?"));
    }

    // Not a benchmark: one timing of the 2,000-line operation against the 5,000-type schema, printed
    // for the record (graphql-js 16 takes about 17 ms on an idle machine of this kind).
    void largeOperation()
    {
        QFile schemaFile(QStringLiteral(REFRACT_VALIDATION_DATA "/schemas/large.graphql"));
        QFile opFile(QStringLiteral(REFRACT_VALIDATION_DATA "/bench/bench-2000.graphql"));
        if (!schemaFile.open(QIODevice::ReadOnly) || !opFile.open(QIODevice::ReadOnly))
            QSKIP("conformance data not found");
        GraphQLError error;
        const std::optional<Schema> s = buildSchema(QString::fromUtf8(schemaFile.readAll()), &error);
        QVERIFY(s);
        const ParseResult r = parse(QString::fromUtf8(opFile.readAll()));
        QVERIFY(r.document);
        qsizetype n = 0;
        QElapsedTimer timer;
        timer.start();
        const Validator validator(*s);
        const double indexing = timer.nsecsElapsed() / 1e6;
        double best = 1e9;
        double oneShot = 1e9;
        for (int i = 0; i < 10; ++i) {
            timer.start();
            n = validator.validate(*r.document).size();
            best = std::min(best, timer.nsecsElapsed() / 1e6);
            timer.start();
            validate(*s, *r.document);
            oneShot = std::min(oneShot, timer.nsecsElapsed() / 1e6);
        }
        qInfo("validate: 2,000-line operation, 5,000-type schema: %.2f ms with a Validator (indexing %.2f ms once), "
              "%.2f ms one-shot; %lld errors", best, indexing, oneShot, qlonglong(n));
        QCOMPARE(n, 4);
    }
};

QTEST_GUILESS_MAIN(TstValidator)
#include "tst_validator.moc"
