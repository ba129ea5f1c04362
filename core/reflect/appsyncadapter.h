#pragma once

#include "generatorcontext.h"

namespace refract::reflect {

/// The last step of the appsync preset: PostGraphile scalars replaced by AppSync's (`AWSDate`,
/// `AWSDateTime`, `AWSTime`, `AWSJSON`, `ID` for UUID, `String` for 64-bit integers, numerics
/// and the scalars AppSync lacks; list-wrapped uses included), and one
/// `on<Mutation>(filter: String): T @aws_subscribe(mutations: ["<mutation>"])` per mutation.
class AppSyncAdapter
{
public:
    explicit AppSyncAdapter(GeneratorContext &ctx) : m_ctx(ctx) {}
    void apply();

    /// The AppSync scalar a PostGraphile scalar becomes (the name itself for built-in scalars).
    static QString appSyncScalar(const QString &postgraphileScalar);
    /// AppSync's predefined scalars, which an AppSync SDL must not declare.
    static bool isAwsScalar(const QString &name);
    /// Rewrites the block-string descriptions of printed SDL as `#` comment lines (graphql 15's
    /// `commentDescriptions` layout, which the AWS sample deploys): AppSync's SDL parser has
    /// rejected `"""` descriptions (aws-appsync-community#38), comments always pass.
    static QString toCommentDescriptions(const QString &sdl);

private:
    void mapScalars();
    void addSubscriptions();

    GeneratorContext &m_ctx;
};

} // namespace refract::reflect
