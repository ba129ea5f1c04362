#include "catalog.h"

namespace refract::reflect {

namespace {
template <typename V>
void indexByOid(const V &items, QHash<Oid, qsizetype> *index)
{
    index->clear();
    index->reserve(qsizetype(items.size()));
    for (size_t i = 0; i < items.size(); ++i)
        index->insert(items[i].oid, qsizetype(i));
}
} // namespace

const Class *Catalog::classByOid(Oid oid) const
{
    const auto it = m_classIndex.constFind(oid);
    return it == m_classIndex.constEnd() ? nullptr : &classes[size_t(*it)];
}

const Type *Catalog::typeByOid(Oid oid) const
{
    const auto it = m_typeIndex.constFind(oid);
    return it == m_typeIndex.constEnd() ? nullptr : &types[size_t(*it)];
}

const Namespace *Catalog::namespaceByOid(Oid oid) const
{
    const auto it = m_namespaceIndex.constFind(oid);
    return it == m_namespaceIndex.constEnd() ? nullptr : &namespaces[size_t(*it)];
}

void Catalog::reindex()
{
    indexByOid(classes, &m_classIndex);
    indexByOid(types, &m_typeIndex);
    indexByOid(namespaces, &m_namespaceIndex);
}

} // namespace refract::reflect
