#pragma once

#include "generatorcontext.h"

namespace refract::reflect {

class TableGenerator;

/// Forward (`Post.author`), backward (`Person.posts`, one-to-one `personSecretByPersonId`) and
/// legacy relation fields (PgForwardRelationPlugin, PgBackwardRelationPlugin).
class RelationGenerator
{
public:
    RelationGenerator(GeneratorContext &ctx, const TableGenerator &tables) : m_ctx(ctx), m_tables(tables) {}

    void generate();
    /// Forward relations of `c` added to `typeName` (a row type or a mutation payload).
    void addForwardRelations(const PgClassInfo &c, const QString &typeName, bool isPayload);
    /// Drops the cached forward relations of `c` once its last payload has them (they were MB at
    /// the generator's peak, which comes at the end of the mutations).
    void forgetForwardRelations(const PgClassInfo &c) { m_forward.remove(&c); }

private:
    void addBackwardRelations(const PgClassInfo &foreign);

    struct ForwardRelation
    {
        graphql::Field field;
        FieldMeta meta;
    };
    /// A class's forward relation fields, built once: the row type and each of its three mutation
    /// payloads carry the same ones (and share their strings).
    const QList<ForwardRelation> &forwardRelations(const PgClassInfo &c);
    QHash<const PgClassInfo *, QList<ForwardRelation>> m_forward;

    GeneratorContext &m_ctx;
    const TableGenerator &m_tables;
};

} // namespace refract::reflect
