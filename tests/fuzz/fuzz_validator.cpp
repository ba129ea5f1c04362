// libFuzzer target: parse + validate against a kitchen-sink schema, then execute what validates
// (introspection and default resolvers). The input is the document, optionally followed by a NUL byte
// and the variables JSON.
#include "graphql/executor.h"
#include "graphql/parser.h"
#include "graphql/schemabuilder.h"
#include "graphql/validator.h"

#include <cstdint>
#include <cstdlib>

using namespace refract::graphql;

namespace {

const char *kSchema = R"(
scalar JSON
directive @cached(ttl: Int = 60) on FIELD | QUERY
directive @tag(name: String!) repeatable on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT | QUERY | VARIABLE_DEFINITION
enum Color { RED GREEN BLUE OLD @deprecated }
interface Node { id: ID! }
interface Named { name: String }
type Dog implements Node & Named { id: ID! name: String barks(loud: Boolean = false): Boolean friends: [Pet] owner: Human }
type Cat implements Node & Named { id: ID! name: String lives: Int! color: Color }
type Human implements Node & Named { id: ID! name: String pets(first: Int = 10, filter: PetFilter): [Pet!]! }
union Pet = Dog | Cat
input PetFilter { name: String colors: [Color!] nested: PetFilter range: [Int!] = [1, 2] }
input One @oneOf { a: Int b: String }
type Query {
  node(id: ID!): Node
  pets(filter: PetFilter, one: One, json: JSON): [Pet]
  human(id: ID): Human
  dog: Dog
  echo(i: Int, f: Float, s: String, b: Boolean, c: Color, l: [[Int!]]): String
}
type Mutation { rename(id: ID!, name: String!): Named }
type Subscription { barked: Dog }
)";

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const Schema schema = *buildSchema(QString::fromUtf8(kSchema));
    static const Validator validator(schema);
    static const Executor executor(schema);
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype nul = bytes.indexOf('\0');
    const QByteArray variables = nul >= 0 ? bytes.mid(nul + 1) : QByteArray();
    const ParseResult r = parse(QString::fromUtf8(nul >= 0 ? bytes.left(nul) : bytes));
    if (!r.document)
        return 0;
    const QList<GraphQLError> errors = validator.validate(*r.document);
    for (const GraphQLError &e : errors)
        if (e.message.isEmpty())
            std::abort();
    if (errors.isEmpty()) {
        const std::optional<JsValue> vars = JsValue::fromJson(variables);
        const QByteArray response = executor.execute(*r.document, QString(), vars ? *vars : JsValue()).toJson();
        if (!response.startsWith("{\"") || !JsValue::fromJson(response))
            std::abort(); // the executor wrote something that is not JSON
    }
    return 0;
}
