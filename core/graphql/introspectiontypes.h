#pragma once

namespace refract::graphql {

/// SDL of __Schema, __Type, __TypeKind, __Field, __InputValue, __EnumValue, __Directive and
/// __DirectiveLocation as graphql-js 16.15 defines them (descriptions included).
const char *introspectionTypesSdl();

} // namespace refract::graphql
