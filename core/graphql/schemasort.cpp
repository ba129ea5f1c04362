#include "parser.h"
#include "printer.h"
#include "schema.h"
#include "textutil.h"

#include <algorithm>
#include <vector>

// graphql-js `lexicographicSortSchema` (utilities/lexicographicSortSchema.js, identical in 15.11 and
// 16.15 apart from syntax): every list sorted by name with `naturalCompare`, stable like Array.sort.
// Scalars and introspection types are returned untouched; directive locations are sorted too.
namespace refract::graphql {

namespace {

// Sorts a permutation and applies it in place, cycle by cycle, moving each element about once:
// sorting the elements themselves moved every type, field and argument O(n log n) times, and moving
// them into a new list allocated a second copy of every list of the schema (a sorted export of
// thousands of tables allocated and freed ~80 MB, and the copy of the type vector raised its peak).
// Most argument lists are already in order and are left alone.
template<typename T, typename Key>
void sortBy(T &list, Key key)
{
    const qsizetype n = qsizetype(list.size());
    if (n < 2)
        return;
    const T &c = list;
    qsizetype i = 1;
    while (i < n && naturalCompare(key(c[i - 1]), key(c[i])) <= 0)
        ++i;
    if (i == n)
        return;
    std::vector<qsizetype> order(size_t(n), 0);
    for (qsizetype k = 0; k < n; ++k)
        order[size_t(k)] = k;
    std::stable_sort(order.begin(), order.end(),
                     [&](qsizetype a, qsizetype b) { return naturalCompare(key(c[a]), key(c[b])) < 0; });
    // Position k receives the element at order[k]; a position already holding its element is marked
    // with order[k] == k.
    auto *items = list.data(); // detaches once, not per access
    for (qsizetype start = 0; start < n; ++start) {
        if (order[size_t(start)] == start)
            continue;
        auto held = std::move(items[start]);
        qsizetype k = start;
        for (;;) {
            const qsizetype from = order[size_t(k)];
            order[size_t(k)] = k;
            if (from == start) {
                items[k] = std::move(held);
                break;
            }
            items[k] = std::move(items[from]);
            k = from;
        }
    }
}

void sortNames(QStringList &names)
{
    sortBy(names, [](const QString &s) -> const QString & { return s; });
}

template<typename T>
void sortByName(T &list)
{
    sortBy(list, [](const auto &x) -> const QString & { return x.name; });
}

/// graphql-js prints a default value with astFromValue, which walks input-object fields in the order of
/// the type's fields; after sorting, object literals in defaults follow the sorted order.
void reorderObjectFields(ast::Value &v, const TypeRef &type, const Schema &schema, int depth = 0)
{
    if (depth > 64)
        return;
    if (v.kind == ast::Value::Kind::List) {
        for (ast::Value &item : v.list)
            reorderObjectFields(item, type, schema, depth + 1);
        return;
    }
    if (v.kind != ast::Value::Kind::Object)
        return;
    const NamedType *t = schema.type(type.name);
    if (!t || t->kind != TypeKind::InputObject)
        return;
    std::vector<ast::ObjectField> ordered;
    for (const InputValue &f : t->inputFields) {
        for (ast::ObjectField &of : v.fields) {
            if (of.name.value == f.name) {
                reorderObjectFields(of.value, f.type, schema, depth + 1);
                ordered.push_back(std::move(of));
                break;
            }
        }
    }
    v.fields = std::move(ordered);
}

void reorderDefault(InputValue &iv, const Schema &schema)
{
    if (!iv.defaultValue || !iv.defaultValue->contains(QLatin1Char('{')))
        return;
    std::optional<ast::Value> v = parseValue(*iv.defaultValue, nullptr, true);
    if (!v)
        return;
    reorderObjectFields(*v, iv.type, schema);
    iv.defaultValue = print(*v);
}

} // namespace

void Schema::sortLexicographically()
{
    sortByName(m_types);
    for (NamedType &t : m_types) {
        if (t.kind == TypeKind::Scalar || isIntrospectionType(t.name))
            continue;
        sortNames(t.interfaces);
        sortNames(t.possibleTypes);
        sortByName(t.fields);
        for (Field &f : t.fields)
            sortByName(f.arguments);
        sortByName(t.enumValues);
        sortByName(t.inputFields);
    }
    sortByName(m_directives);
    for (DirectiveDefinition &d : m_directives) {
        sortNames(d.locations);
        sortByName(d.arguments);
    }
    reindex();
    for (NamedType &t : m_types) {
        for (Field &f : t.fields)
            for (InputValue &a : f.arguments)
                reorderDefault(a, *this);
        for (InputValue &f : t.inputFields)
            reorderDefault(f, *this);
    }
    for (DirectiveDefinition &d : m_directives)
        for (InputValue &a : d.arguments)
            reorderDefault(a, *this);
}

} // namespace refract::graphql
