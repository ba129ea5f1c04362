#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace refract::reflect {

/// Which naming and shaping rules the generator follows.
enum class Preset {
    PostGraphile, ///< PostGraphile v4's default inflector and plugins
    AppSync,      ///< v4 + pg-simplify-inflector as the AWS sample configures it, minus its defects
};

/// The PostGraphile v4 options that change the generated schema, with PostGraphile's defaults
/// (postgraphile-core `createPostGraphileSchema`). Names follow PostGraphile so that users can
/// paste their `.postgraphilerc` options.
struct ReflectOptions
{
    bool ignoreRBAC = true;
    bool ignoreIndexes = true;
    bool dynamicJson = false;
    QString simpleCollections = QStringLiteral("omit");   ///< omit | both | only
    QString legacyRelations = QStringLiteral("deprecated"); ///< deprecated | omit | only
    bool classicIds = false;
    bool setofFunctionsContainNulls = true;
    bool pgStrictFunctions = false;
    QString viewUniqueKey;
    bool usePartitionedParent = false;
    bool disableDefaultMutations = false;
    QString jwtPgTypeIdentifier; ///< `schema.type`, optionally quoted
    QString jwtSecret;
    QString nodeIdFieldName;     ///< empty: `nodeId` (`id` with classicIds)
    bool legacyJsonUuid = false; ///< name the scalars `Json` and `Uuid` (PostGraphQL v3 names)
    // graphileBuildOptions
    bool pgUseCustomNetworkScalars = false;
    bool pgGeometricTypes = false;
    std::optional<bool> orderByNullsLast;

    /// The options a preset implies before user options are applied: PostGraphile's defaults, or
    /// the AWS sample's (`simpleCollections: only`, `legacyRelations: omit`, `ignoreRBAC: false`).
    static ReflectOptions defaultsFor(Preset preset);

    /// Applies a JSON object of PostGraphile options (`{"simpleCollections":"both",
    /// "graphileBuildOptions":{"orderByNullsLast":true}}`) on top of `*this`. Unknown keys, wrong
    /// value types and invalid enum values fail with a one-line message in `error`.
    bool applyJson(const QByteArray &json, QString *error);

    QString effectiveNodeIdFieldName() const;
};

/// Parses a preset name (`postgraphile`, `appsync`).
std::optional<Preset> presetFromName(const QString &name);

} // namespace refract::reflect
