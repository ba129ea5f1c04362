#pragma once

#include "generatorcontext.h"

namespace refract::reflect {

class RelationGenerator;

/// Create, update and delete mutations by node id and by unique key, with their inputs and
/// payloads (PgMutationCreatePlugin, PgMutationUpdateDeletePlugin, PgMutationPayloadEdgePlugin,
/// MutationPayloadQueryPlugin, ClientMutationIdDescriptionPlugin). In the appsync preset the
/// payloads are unwrapped: a mutation returns the row itself.
class MutationGenerator
{
public:
    MutationGenerator(GeneratorContext &ctx, RelationGenerator &relations) : m_ctx(ctx), m_relations(relations) {}

    void generate();

    /// Adds `clientMutationId`, `query`, forward relations and `xEdge` to a payload type whose
    /// row is of class `c` (shared with custom mutations returning a row).
    void addPayloadExtras(const PgClassInfo *rowClass, const QString &payloadName, const FieldMeta &base);
    /// `clientMutationId` of a payload (its first field).
    void addPayloadClientMutationId(const QString &payloadName, const FieldMeta &base);
    /// The `input` argument with its standard description.
    static graphql::InputValue inputArg(const QString &inputTypeName);
    /// `clientMutationId` for an input type (absent in the appsync preset).
    void addClientMutationIdInput(const QString &inputTypeName);

private:
    void generateCreate(const PgClassInfo &c);
    void generateUpdateDelete(const PgClassInfo &c, bool update);

    GeneratorContext &m_ctx;
    RelationGenerator &m_relations;
};

} // namespace refract::reflect
