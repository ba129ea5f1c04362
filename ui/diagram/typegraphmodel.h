#pragma once

#include "diagramgraph.h"

#include <graphql/schema.h>

namespace refract::ui::diagram {

/// The GraphQL type graph: objects, interfaces, unions, enums (and optionally inputs and scalars)
/// as cards with their fields, edges from each field to its type, from an object to the
/// interfaces it implements and from a union to its members. Works from any graphql::Schema:
/// reflected, read from SDL or from a remote API's introspection.
class TypeGraphModel
{
public:
    struct Options
    {
        bool hideScalars = true;
        /// Input objects, and enums no output field uses (order-by and the like), are left out.
        bool hideInputs = true;
        /// Relay connections as in GraphQL Voyager's "skip Relay": a field returning `XConnection`
        /// points to `X` as a list, and the connection, edge and PageInfo types are left out; so are
        /// the edges of Relay plumbing (payloads' `query` back-links, `implements Node`).
        bool collapseRelay = true;
    };

    static DiagramGraph build(const graphql::Schema &schema, const Options &options);
    static DiagramGraph build(const graphql::Schema &schema) { return build(schema, Options()); }
    /// The node type of a Relay connection type (`edges { node }` or `nodes`), or empty.
    static QString connectionNodeType(const graphql::Schema &schema, const graphql::NamedType &type);
};

} // namespace refract::ui::diagram
