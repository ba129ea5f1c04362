#include <reflect/inflector.h>
#include <reflect/reflectoptions.h>

#include <QTest>

using namespace refract::reflect;

// Names PostGraphile v4 (4.14.1) and pg-simplify-inflector 6.1 produce, as seen in their exported
// SDL for the forum example and the kitchen sink (tests/fixtures).
class TstInflector : public QObject
{
    Q_OBJECT

    static QString s(const char *t) { return QString::fromUtf8(t); }

private slots:
    void postgraphileTables()
    {
        const Inflector inf(Preset::PostGraphile, ReflectOptions{});
        const QString person = inf.singularizedTableName(s("person"));
        QCOMPARE(person, s("person"));
        QCOMPARE(inf.tableType(person), s("Person"));
        QCOMPARE(inf.allRows(person), s("allPeople"));
        QCOMPARE(inf.allRowsSimple(person), s("allPeopleList"));
        QCOMPARE(inf.connection(s("Person")), s("PeopleConnection"));
        QCOMPARE(inf.edge(s("Person")), s("PeopleEdge"));
        QCOMPARE(inf.orderByType(s("Person")), s("PeopleOrderBy"));
        QCOMPARE(inf.conditionType(s("Person")), s("PersonCondition"));
        QCOMPARE(inf.patchType(s("Person")), s("PersonPatch"));
        QCOMPARE(inf.tableNode(person), s("person"));
        QCOMPARE(inf.rowByUniqueKeys(person, {s("id")}, true, {}), s("personById"));
        QCOMPARE(inf.rowByUniqueKeys(person, {s("email")}, false, s("personByEmailAddress")), s("personByEmailAddress"));
        QCOMPARE(inf.updateByKeys(person, {s("id")}, true, {}), s("updatePersonById"));
        QCOMPARE(inf.updateByKeysInputType(person, {s("username")}, false, {}), s("UpdatePersonByUsernameInput"));
        QCOMPARE(inf.deleteByKeys(person, {s("id")}, true, {}), s("deletePersonById"));
        QCOMPARE(inf.updateNode(person), s("updatePerson"));
        QCOMPARE(inf.deleteNodeInputType(person), s("DeletePersonInput"));
        QCOMPARE(inf.deletedNodeId(s("person")), s("deletedPersonId"));
        QCOMPARE(inf.createPayloadType(person), s("CreatePersonPayload"));
        QCOMPARE(inf.patchField(inf.tableFieldName(person)), s("personPatch"));
        QCOMPARE(inf.edgeField(person), s("personEdge"));
    }

    void postgraphileQuirks()
    {
        const Inflector inf(Preset::PostGraphile, ReflectOptions{});
        // pluralize works on the whole identifier: a digit before the end gives a capital S
        const QString t1 = inf.singularizedTableName(s("similar_table_1"));
        QCOMPARE(inf.allRows(t1), s("allSimilarTable1S"));
        QCOMPARE(inf.connection(inf.tableType(t1)), s("SimilarTable1SConnection"));
        QCOMPARE(inf.tableType(inf.singularizedTableName(s("plant_species"))), s("PlantSpecy"));
        QCOMPARE(inf.tableType(inf.singularizedTableName(s("reserved_input"))), s("ReservedInputRecord"));
        QCOMPARE(inf.tableType(inf.singularizedTableName(s("reserved_patchs"))), s("ReservedPatchRecord"));
        QCOMPARE(inf.allRows(inf.singularizedTableName(s("data"))), s("allData"));
    }

    void postgraphileRelations()
    {
        const Inflector inf(Preset::PostGraphile, ReflectOptions{});
        Inflector::RelationTags none;
        QCOMPARE(inf.singleRelationByKeys({s("author_id")}, s("person"), s("person"), none), s("personByAuthorId"));
        QCOMPARE(inf.manyRelationByKeys({s("author_id")}, s("post"), s("person"), none), s("postsByAuthorId"));
        QCOMPARE(inf.manyRelationByKeysSimple({s("author_id")}, s("post"), s("person"), none), s("postsByAuthorIdList"));
        QCOMPARE(inf.singleRelationByKeysBackwards({s("person_id")}, s("person_secret"), s("person"), none),
                 s("personSecretByPersonId"));
        Inflector::RelationTags tags;
        tags.fieldName = s("author");
        tags.foreignFieldName = s("posts");
        QCOMPARE(inf.singleRelationByKeys({s("author_username")}, s("person"), s("person"), tags), s("author"));
        QCOMPARE(inf.manyRelationByKeys({s("author_username")}, s("post"), s("person"), tags), s("posts"));
    }

    void postgraphileEnumsAndFunctions()
    {
        const Inflector inf(Preset::PostGraphile, ReflectOptions{});
        QCOMPARE(inf.enumName(s("discussion")), s("DISCUSSION"));
        QCOMPARE(inf.enumName(QString()), s("_EMPTY_"));
        QCOMPARE(inf.enumName(s(">=")), s("GREATER_THAN_OR_EQUAL"));
        QCOMPARE(inf.enumName(s("0_BAR")), s("_0_BAR"));
        QCOMPARE(inf.enumType(s("post_topic"), {}), s("PostTopic"));
        QCOMPARE(inf.argument(QString(), 1), s("arg1"));
        QCOMPARE(inf.functionQueryName(s("search_posts"), true), s("searchPosts"));
        QCOMPARE(inf.functionPayloadType(s("register_person")), s("RegisterPersonPayload"));
        QCOMPARE(inf.scalarFunctionEdge(s("query_interval_set")), s("QueryIntervalSetEdge"));
        QCOMPARE(inf.recordFunctionReturnType(s("func_out_out"), {}), s("FuncOutOutRecord"));
        QCOMPARE(inf.functionMutationResultFieldName({}, s("Person"), false, false, {}), s("person"));
        QCOMPARE(inf.functionMutationResultFieldName({}, s("Int"), false, true, {}), s("integers"));
        QCOMPARE(inf.functionMutationResultFieldName({}, s("FooRecord"), true, false, {}), s("result"));
        QCOMPARE(inf.computedColumn(s("full_name"), {}, false), s("fullName"));
    }

    void classicIds()
    {
        ReflectOptions o;
        o.classicIds = true;
        const Inflector inf(Preset::PostGraphile, o);
        QCOMPARE(inf.column(inf.columnName(s("id"))), s("rowId"));
        QCOMPARE(inf.orderByEnum(inf.columnName(s("id"), true), true), s("ID_ASC"));
    }

    void appsync()
    {
        const ReflectOptions o = ReflectOptions::defaultsFor(Preset::AppSync);
        const Inflector inf(Preset::AppSync, o);
        const QString person = inf.singularizedTableName(s("person"));
        QCOMPARE(inf.allRowsSimple(person), s("people"));
        QCOMPARE(inf.allRowsSimple(inf.singularizedTableName(s("post"))), s("posts"));
        QCOMPARE(inf.rowByUniqueKeys(person, {s("id")}, true, {}), s("person"));
        QCOMPARE(inf.rowByUniqueKeys(person, {s("username")}, false, {}), s("personByUsername"));
        QCOMPARE(inf.updateByKeys(person, {s("id")}, true, {}), s("updatePerson"));
        QCOMPARE(inf.updateByKeysInputType(person, {s("id")}, true, {}), s("UpdatePersonInput"));
        QCOMPARE(inf.deleteByKeys(person, {s("username")}, false, {}), s("deletePersonByUsername"));
        QCOMPARE(inf.patchField(s("person")), s("patch"));
        QCOMPARE(inf.functionQueryNameList(s("search_posts")), s("searchPosts"));
        Inflector::RelationTags none;
        QCOMPARE(inf.singleRelationByKeys({s("author_id")}, s("person"), s("person"), none), s("author"));
        QCOMPARE(inf.manyRelationByKeysSimple({s("author_id")}, s("post"), s("person"), none), s("authoredPosts"));
        QCOMPARE(inf.manyRelationByKeysSimple({s("person_id")}, s("post"), s("person"), none), s("posts"));
        // pluralisation of the last word only, and no capital S after a digit
        QCOMPARE(inf.allRowsSimple(inf.singularizedTableName(s("similar_table_1"))), s("similarTable1s"));
        QCOMPARE(inf.tableType(inf.singularizedTableName(s("plant_species"))), s("PlantSpecies"));
    }

    void options()
    {
        ReflectOptions o;
        QString error;
        QVERIFY(o.applyJson(R"({"simpleCollections":"both","graphileBuildOptions":{"orderByNullsLast":true}})", &error));
        QCOMPARE(o.simpleCollections, s("both"));
        QVERIFY(o.orderByNullsLast.value_or(false));
        QVERIFY(o.ignoreRBAC); // PostGraphile's default is kept
        QVERIFY(!o.applyJson(R"({"simpleCollection":"both"})", &error));
        QCOMPARE(error, s("unknown option 'simpleCollection'"));
        QVERIFY(!o.applyJson(R"({"legacyRelations":"sometimes"})", &error));
        QVERIFY(error.contains(s("legacyRelations")));
        QVERIFY(!o.applyJson(R"({"ignoreRBAC":"no"})", &error));
        QVERIFY(!o.applyJson("[1]", &error));
        QVERIFY(!o.applyJson("{", &error));
        QVERIFY(error.startsWith(s("invalid options JSON")));
        QVERIFY(!o.applyJson(R"({"graphileBuildOptions":{"pgFoo":true}})", &error));
        QCOMPARE(error, s("unknown option 'graphileBuildOptions.pgFoo'"));
        const ReflectOptions a = ReflectOptions::defaultsFor(Preset::AppSync);
        QCOMPARE(a.simpleCollections, s("only"));
        QCOMPARE(a.legacyRelations, s("omit"));
        QVERIFY(!a.ignoreRBAC);
        QCOMPARE(presetFromName(s("appsync")), std::optional<Preset>(Preset::AppSync));
        QVERIFY(!presetFromName(s("hasura")));
    }
};

QTEST_GUILESS_MAIN(TstInflector)
#include "tst_inflector.moc"
