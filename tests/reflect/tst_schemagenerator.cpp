#include <graphql/schemaprinter.h>
#include <reflect/appsyncadapter.h>
#include <reflect/schemagenerator.h>

#include <QTest>

using namespace refract;
using namespace refract::reflect;

// The generator on a hand-built catalog shaped like the forum example (tests/fixtures): person and
// post, an FK with @fieldName/@foreignFieldName, an enum, a computed column, a custom query and a
// custom mutation. The byte-for-byte comparison with PostGraphile runs in tests/conformance/reflect.
class TstSchemaGenerator : public QObject
{
    Q_OBJECT

    static QString s(const char *t) { return QString::fromUtf8(t); }

    enum : Oid { Int4 = 23, Text = 25, Timestamptz = 1184, PersonRow = 90001, PostRow = 90002, Topic = 90003,
                 PersonOid = 80001, PostOid = 80002, Ns = 2200 };

    static Type type(Oid oid, const char *name, char kind, char category, const char *ns = "pg_catalog")
    {
        Type t;
        t.oid = oid;
        t.name = s(name);
        t.type = kind;
        t.category = category;
        t.namespaceName = s(ns);
        return t;
    }

    static Attribute attr(Oid cls, int num, const char *name, Oid typeOid, bool notNull, bool hasDefault = false,
                          const char *comment = "")
    {
        Attribute a;
        a.classOid = cls;
        a.num = num;
        a.name = s(name);
        a.typeOid = typeOid;
        a.notNull = notNull;
        a.hasDefault = hasDefault;
        a.comment = s(comment);
        a.acl = Acl{true, true, true, true, false, false};
        return a;
    }

    static Class table(Oid oid, Oid rowType, const char *name, const char *comment)
    {
        Class c;
        c.oid = oid;
        c.typeOid = rowType;
        c.name = s(name);
        c.namespaceName = s("forum");
        c.namespaceOid = Ns;
        c.kind = 'r';
        c.isInsertable = c.isUpdatable = c.isDeletable = true;
        c.comment = s(comment);
        c.acl = Acl{true, true, true, true, false, false};
        return c;
    }

    static Catalog forum()
    {
        Catalog cat;
        cat.schemas = {s("forum")};
        cat.types.push_back(type(Int4, "int4", 'b', 'N'));
        cat.types.push_back(type(Text, "text", 'b', 'S'));
        cat.types.push_back(type(Timestamptz, "timestamptz", 'b', 'D'));
        cat.types.push_back(type(PersonRow, "person", 'c', 'C', "forum"));
        cat.types.push_back(type(PostRow, "post", 'c', 'C', "forum"));
        Type topic = type(Topic, "post_topic", 'e', 'E', "forum");
        topic.enumLabels = {s("discussion"), s("help")};
        cat.types.push_back(topic);
        for (Type &t : cat.types)
            if (t.namespaceName == QLatin1String("forum"))
                t.namespaceOid = Ns;

        Class person = table(PersonOid, PersonRow, "person", "A user of the forum.");
        person.attributes = {attr(PersonOid, 1, "id", Int4, true, true, "@omit update"),
                             attr(PersonOid, 2, "username", Text, false),
                             attr(PersonOid, 3, "first_name", Text, true, false, "The person's first name."),
                             attr(PersonOid, 4, "created_at", Timestamptz, false, true)};
        Class post = table(PostOid, PostRow, "post", "A forum post written by a user.");
        post.attributes = {attr(PostOid, 1, "id", Int4, true, true),
                           attr(PostOid, 2, "author_username", Text, true),
                           attr(PostOid, 3, "topic", Topic, false)};
        cat.classes = {person, post};

        Constraint pk1{1, s("person_pkey"), 'p', PersonOid, {1}, 0, {}, {}, {}};
        Constraint uq1{2, s("person_username_key"), 'u', PersonOid, {2}, 0, {}, {}, {}};
        Constraint pk2{3, s("post_pkey"), 'p', PostOid, {1}, 0, {}, {}, {}};
        Constraint fk{4, s("post_author_username_fkey"), 'f', PostOid, {2}, PersonOid, {2},
                      s("@foreignFieldName posts\n@fieldName author"), {}};
        cat.constraints = {pk1, uq1, pk2, fk};

        Function fullName;
        fullName.oid = 70001;
        fullName.name = s("person_full_name");
        fullName.namespaceName = s("forum");
        fullName.namespaceOid = Ns;
        fullName.volatility = 's';
        fullName.returnTypeOid = Text;
        fullName.args = {FunctionArg{s("person"), PersonRow, 'i'}};
        fullName.inputArgsCount = 1;
        fullName.comment = s("A person's full name.");
        fullName.acl.execute = true;
        Function search = fullName;
        search.oid = 70002;
        search.name = s("search_posts");
        search.returnsSet = true;
        search.returnTypeOid = PostRow;
        search.args = {FunctionArg{s("search"), Text, 'i'}};
        search.comment.clear();
        Function reg = fullName;
        reg.oid = 70003;
        reg.name = s("register_person");
        reg.volatility = 'v';
        reg.isStrict = true;
        reg.returnTypeOid = PersonRow;
        reg.args = {FunctionArg{s("first_name"), Text, 'i'}, FunctionArg{s("username"), Text, 'i'}};
        reg.inputArgsCount = 2;
        reg.comment = s("Registers a user.");
        reg.acl.execute = false; // only visible with ignoreRBAC (the default)
        cat.functions = {fullName, search, reg};
        cat.reindex();
        return cat;
    }

    static const graphql::Field *field(const graphql::Schema &schema, const char *type, const char *name)
    {
        const graphql::NamedType *t = schema.type(s(type));
        return t ? t->field(s(name)) : nullptr;
    }

private slots:
    void postgraphileShapes()
    {
        const Catalog cat = forum();
        const GeneratedSchema g = SchemaGenerator(cat, Preset::PostGraphile, ReflectOptions{}).generate();
        const graphql::Schema &schema = g.schema;
        QCOMPARE(schema.queryTypeName(), s("Query"));
        QCOMPARE(schema.mutationTypeName(), s("Mutation"));

        const graphql::NamedType *person = schema.type(s("Person"));
        QVERIFY(person);
        QCOMPARE(person->description, std::optional<QString>(s("A user of the forum.")));
        QCOMPARE(person->interfaces, QStringList{s("Node")});
        QCOMPARE(person->field(s("id"))->type.toString(), s("Int!"));
        QVERIFY(!person->field(s("id"))->description); // the comment was only a tag
        QCOMPARE(person->field(s("firstName"))->type.toString(), s("String!"));
        QCOMPARE(person->field(s("firstName"))->description, std::optional<QString>(s("The person's first name.")));
        QCOMPARE(person->field(s("createdAt"))->type.toString(), s("Datetime"));
        QCOMPARE(person->field(s("nodeId"))->type.toString(), s("ID!"));
        QCOMPARE(person->field(s("fullName"))->type.toString(), s("String"));
        QCOMPARE(person->field(s("posts"))->type.toString(), s("PostsConnection!"));
        QCOMPARE(field(schema, "Post", "author")->type.toString(), s("Person"));
        QCOMPARE(field(schema, "Post", "topic")->type.toString(), s("PostTopic"));
        QCOMPARE(schema.type(s("PostTopic"))->enumValues.size(), 2);
        QCOMPARE(schema.type(s("PostTopic"))->enumValues.first().name, s("DISCUSSION"));

        const graphql::Field *allPeople = field(schema, "Query", "allPeople");
        QVERIFY(allPeople);
        QCOMPARE(allPeople->type.toString(), s("PeopleConnection"));
        bool hasOrderBy = false;
        for (const graphql::InputValue &a : allPeople->arguments)
            if (a.name == QLatin1String("orderBy")) {
                hasOrderBy = true;
                QCOMPARE(a.type.toString(), s("[PeopleOrderBy!]"));
                QCOMPARE(a.defaultValue, std::optional<QString>(s("[PRIMARY_KEY_ASC]")));
            }
        QVERIFY(hasOrderBy);
        QCOMPARE(field(schema, "Query", "personById")->arguments.first().type.toString(), s("Int!"));
        QVERIFY(field(schema, "Query", "personByUsername"));
        QVERIFY(field(schema, "Query", "person"));
        QVERIFY(field(schema, "Query", "node"));
        QCOMPARE(field(schema, "Query", "searchPosts")->type.toString(), s("PostsConnection"));

        // PersonPatch leaves out `id` (@omit update); PersonInput has it optional (default).
        QVERIFY(!schema.type(s("PersonPatch"))->inputField(s("id")));
        QCOMPARE(schema.type(s("PersonInput"))->inputField(s("id"))->type.toString(), s("Int"));
        QCOMPARE(schema.type(s("PersonInput"))->inputField(s("firstName"))->type.toString(), s("String!"));

        for (const char *m : {"createPerson", "updatePerson", "updatePersonById", "updatePersonByUsername",
                              "deletePerson", "deletePersonById", "createPost", "registerPerson"})
            QVERIFY2(field(schema, "Mutation", m), m);
        QCOMPARE(field(schema, "Mutation", "createPost")->type.toString(), s("CreatePostPayload"));
        QVERIFY(field(schema, "CreatePostPayload", "author"));
        QVERIFY(field(schema, "CreatePostPayload", "postEdge"));
        QVERIFY(field(schema, "DeletePostPayload", "deletedPostId"));
        const graphql::NamedType *regInput = schema.type(s("RegisterPersonInput"));
        QCOMPARE(regInput->inputField(s("firstName"))->type.toString(), s("String!")); // strict
        QCOMPARE(field(schema, "RegisterPersonPayload", "person")->type.toString(), s("Person"));

        // Unreachable types are pruned, as graphql-js does.
        QVERIFY(!schema.type(s("PersonBaseInput")));

        const QString sdl = graphql::printSchema(schema, {graphql::GraphQLJsFlavor::V15});
        QVERIFY(sdl.contains(s("type Person implements Node {")));
    }

    void metadata()
    {
        const Catalog cat = forum();
        const GeneratedSchema g = SchemaGenerator(cat, Preset::PostGraphile, ReflectOptions{}).generate();
        const FieldMeta *col = g.meta.field(s("Person"), s("firstName"));
        QVERIFY(col);
        QCOMPARE(col->kind, FieldMeta::Kind::Column);
        QCOMPARE(col->classOid, Oid(PersonOid));
        QCOMPARE(col->attNum, 3);
        const FieldMeta *byId = g.meta.field(s("Query"), s("personById"));
        QCOMPARE(byId->kind, FieldMeta::Kind::RowByUniqueKey);
        QCOMPARE(byId->keyAttrNums, QList<int>{1});
        const FieldMeta *author = g.meta.field(s("Post"), s("author"));
        QCOMPARE(author->kind, FieldMeta::Kind::ForwardRelation);
        QCOMPARE(author->foreignClassOid, Oid(PersonOid));
        QCOMPARE(author->keyAttrNums, QList<int>{2});
        QCOMPARE(author->foreignKeyAttrNums, QList<int>{2});
        const FieldMeta *posts = g.meta.field(s("Person"), s("posts"));
        QCOMPARE(posts->kind, FieldMeta::Kind::BackwardRelationConnection);
        QCOMPARE(posts->classOid, Oid(PostOid));
        QCOMPARE(g.meta.field(s("Person"), s("fullName"))->functionOid, Oid(70001));
        QCOMPARE(g.meta.field(s("Query"), s("searchPosts"))->kind, FieldMeta::Kind::CustomQueryConnection);
        QCOMPARE(g.meta.field(s("Mutation"), s("registerPerson"))->kind, FieldMeta::Kind::CustomMutation);
        QCOMPARE(g.meta.field(s("Mutation"), s("updatePersonById"))->kind, FieldMeta::Kind::UpdateByKey);
        const OrderByMeta pk = g.meta.orderByValues.value(s("PeopleOrderBy.PRIMARY_KEY_ASC"));
        QCOMPARE(pk.alias, s("primary_key_asc"));
        QVERIFY(pk.unique);
        QCOMPARE(pk.specs.size(), 1);
        QCOMPARE(g.meta.inputFields.value(s("PersonPatch.firstName")).attNum, 3);
        QCOMPARE(g.meta.nodeAliases.value(s("people")), Oid(PersonOid));
    }

    void rbac()
    {
        Catalog cat = forum();
        for (Class &c : cat.classes)
            if (c.name == QLatin1String("person")) {
                c.acl.insert = false;
                for (Attribute &a : c.attributes)
                    a.acl.insert = false;
            }
        cat.reindex();
        ReflectOptions o;
        o.ignoreRBAC = false;
        const GeneratedSchema g = SchemaGenerator(cat, Preset::PostGraphile, o).generate();
        QVERIFY(!field(g.schema, "Mutation", "createPerson"));
        QVERIFY(field(g.schema, "Mutation", "createPost"));
        QVERIFY(!field(g.schema, "Mutation", "registerPerson")); // no EXECUTE
    }

    void simpleCollections()
    {
        const Catalog cat = forum();
        ReflectOptions o;
        o.simpleCollections = s("both");
        const GeneratedSchema g = SchemaGenerator(cat, Preset::PostGraphile, o).generate();
        QCOMPARE(field(g.schema, "Query", "allPeopleList")->type.toString(), s("[Person!]"));
        QVERIFY(field(g.schema, "Query", "allPeople"));
    }

    void appsync()
    {
        const Catalog cat = forum();
        const GeneratedSchema g = SchemaGenerator(cat, Preset::AppSync, ReflectOptions::defaultsFor(Preset::AppSync)).generate();
        const graphql::Schema &schema = g.schema;
        QVERIFY(!schema.type(s("Node")));
        QVERIFY(!schema.type(s("PeopleConnection")));
        QVERIFY(!field(schema, "Query", "query"));
        QCOMPARE(field(schema, "Query", "people")->type.toString(), s("[Person!]"));
        QCOMPARE(field(schema, "Query", "person")->arguments.first().name, s("id"));
        QCOMPARE(field(schema, "Person", "createdAt")->type.toString(), s("AWSDateTime"));
        QCOMPARE(field(schema, "Person", "posts")->type.toString(), s("[Post!]!"));
        QCOMPARE(field(schema, "Mutation", "createPost")->type.toString(), s("Post"));
        QVERIFY(g.meta.field(s("Mutation"), s("createPost"))->payloadUnwrapped);
        QVERIFY(!schema.type(s("CreatePostInput"))->inputField(s("clientMutationId")));
        QVERIFY(schema.type(s("UpdatePersonInput"))->inputField(s("patch")));
        QCOMPARE(schema.type(s("UpdatePersonInput"))->inputField(s("id"))->type.toString(), s("Int!"));
        const graphql::Field *on = field(schema, "Subscription", "onCreatePost");
        QVERIFY(on);
        QCOMPARE(on->type.toString(), s("Post"));
        QCOMPARE(on->directives.first().name, s("aws_subscribe"));
        QCOMPARE(on->directives.first().arguments.first().second, s("[\"createPost\"]"));
        QCOMPARE(schema.subscriptionTypeName(), s("Subscription"));
        for (const graphql::NamedType &t : schema.types())
            QVERIFY2(t.kind != graphql::TypeKind::Scalar || t.name.startsWith(QLatin1String("AWS"))
                         || graphql::Schema::isBuiltInScalar(t.name), qPrintable(t.name));
    }

    void commentDescriptions()
    {
        const QString sdl = s("\"\"\"One line.\"\"\"\ntype A {\n  \"\"\"\n  Two\n\n  lines with \\\"\"\" quotes\n  \"\"\"\n"
                              "  f(\n    \"\"\" leading space\n    \"\"\"\n    x: Int = 1\n  ): String\n}\n");
        QCOMPARE(AppSyncAdapter::toCommentDescriptions(sdl),
                 s("# One line.\ntype A {\n  # Two\n  #\n  # lines with \"\"\" quotes\n"
                   "  f(\n    #  leading space\n    x: Int = 1\n  ): String\n}\n"));
    }
};

QTEST_GUILESS_MAIN(TstSchemaGenerator)
#include "tst_schemagenerator.moc"
