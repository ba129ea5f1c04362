#pragma once

#include "generatorcontext.h"

namespace refract::reflect {

/// Row types, their inputs, connections, edges, order and condition types, and the root Query
/// fields that read tables (PgTablesPlugin, PgColumnsPlugin, PgAllRows, PgRowByUniqueConstraint,
/// PgRowNode, PgConnectionArg*, PgOrder*, NodePlugin, QueryPlugin).
class TableGenerator
{
public:
    explicit TableGenerator(GeneratorContext &ctx) : m_ctx(ctx) {}

    /// Registers the GraphQL names of every class's row and input types with the TypeMapper, so
    /// that columns referencing other row types can be mapped before those types are filled.
    void registerTypes();
    void generateTypes();
    /// all*, then the by-unique-key finders (PgAllRows, PgRowByUniqueConstraint).
    void generateQueryFields();
    /// The by-node-id finders (PgRowNode), which PostGraphile adds after the custom queries.
    void generateNodeFinders();
    /// The base input types (`…BaseInput`) that function arguments use, after the functions were
    /// generated. PostGraphile creates one for every table, but only `@argNvariant base` reaches
    /// one; the others were pruned at the end, after adding a few MB to the generator's peak.
    void generateBaseInputTypes();

    /// The `first/last/offset/before/after/orderBy/condition` arguments of a collection field over
    /// `c` (PgConnectionArg*); `withOrderAndCondition` false for functions without @sortable/@filterable.
    QList<graphql::InputValue> collectionArgs(const PgClassInfo &c, bool connection, bool withOrder,
                                              bool withCondition) const;

private:
    void generateRowType(const PgClassInfo &c);
    /// The create and patch input types, or (`base`) the base input type.
    void generateInputTypes(const PgClassInfo &c, bool base = false);
    void generateConnectionTypes(const PgClassInfo &c);
    void generateOrderBy(const PgClassInfo &c);
    void generateCondition(const PgClassInfo &c);
    void generateNodeInterface();

    GeneratorContext &m_ctx;
};

} // namespace refract::reflect
