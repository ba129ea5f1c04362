#include "schema.h"
#include "textutil.h"

#include <algorithm>

// graphql-js `lexicographicSortSchema` (utilities/lexicographicSortSchema.js, identical in 15.11 and
// 16.15 apart from syntax): every list sorted by name with `naturalCompare`, stable like Array.sort.
// Scalars and introspection types are returned untouched; directive locations are sorted too.
namespace refract::graphql {

namespace {

template<typename T, typename Key>
void sortBy(T &list, Key key)
{
    std::stable_sort(list.begin(), list.end(),
                     [&](const auto &a, const auto &b) { return naturalCompare(key(a), key(b)) < 0; });
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
}

} // namespace refract::graphql
