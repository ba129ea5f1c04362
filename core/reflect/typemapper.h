#pragma once

#include "generatorcontext.h"

#include <graphql/schema.h>

#include <QHash>
#include <QSet>
#include <QString>

#include <optional>

namespace refract::reflect {

/// Which input flavour of a row type an argument or field wants (PostGraphile's type modifier).
enum class InputVariant { Create, Patch, Base };

/// PostgreSQL type → GraphQL type, as graphile-build-pg's PgTypesPlugin maps it (scalars, enums,
/// domains, arrays, ranges, intervals, points, JWT), creating the named types on first use.
/// Row types of classes are registered by the table generator.
class TypeMapper
{
public:
    explicit TypeMapper(GeneratorContext &ctx);

    /// The nullable output type for a column/argument/result of `typeOid`; nullopt if unmappable.
    std::optional<graphql::TypeRef> output(Oid typeOid, int typmod = -1);
    std::optional<graphql::TypeRef> input(Oid typeOid, int typmod = -1, InputVariant variant = InputVariant::Create);
    /// Column types, which enum tables may override.
    std::optional<graphql::TypeRef> output(const PgAttrInfo &a);
    std::optional<graphql::TypeRef> input(const PgAttrInfo &a, InputVariant variant = InputVariant::Create);

    /// Declares one of PostGraphile's built-in scalars (`Cursor`, `BigInt`, …) with its description.
    void ensureScalar(const QString &name);

    struct ClassTypes
    {
        QString output, input, patch, base; ///< empty when the variant does not exist
    };
    void registerClass(Oid rowTypeOid, const ClassTypes &names) { m_classTypes.insert(rowTypeOid, names); }
    const ClassTypes *classTypes(Oid rowTypeOid) const;
    /// Whether the base input type of a row type was handed out (an argument with `@argNvariant base`):
    /// only those are generated (TableGenerator::generateBaseInputTypes).
    bool baseInputUsed(Oid rowTypeOid) const { return m_baseInputUsed.contains(rowTypeOid); }

    /// For the appsync preset: the built-in GraphQL scalar or PostGraphile scalar a (domain)
    /// scalar is derived from (`Email` → `String`, `AnInt` → `Int`, `Datetime` → `Datetime`).
    QString scalarBase(const QString &scalarName) const { return m_scalarBase.value(scalarName, scalarName); }
    /// True when `typeOid` is the JWT composite type (jwtPgTypeIdentifier).
    bool isJwtType(Oid typeOid) const { return m_jwtTypeOid != 0 && typeOid == m_jwtTypeOid; }

private:
    std::optional<QString> builtinScalarFor(const Type &t) const;
    QString enumTypeFor(const PgTypeInfo &ti);
    QString fakeEnumType(const PgFakeEnum &e);
    std::optional<QString> rangeTypeFor(const Type &t, int typmod, bool input);
    void ensureInterval(bool input);
    void ensurePoint(bool input);
    /// pgGeometricTypes: line, lseg, box, path, polygon, circle as objects; nullopt otherwise.
    std::optional<QString> geometricType(Oid oid, bool input);

    GeneratorContext &m_ctx;
    QHash<Oid, ClassTypes> m_classTypes;
    QSet<Oid> m_baseInputUsed;
    QHash<QString, QString> m_scalarBase;
    Oid m_jwtTypeOid = 0;
};

} // namespace refract::reflect
