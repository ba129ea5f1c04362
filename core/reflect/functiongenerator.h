#pragma once

#include "generatorcontext.h"

namespace refract::reflect {

class TableGenerator;
class MutationGenerator;

/// Functions: computed columns, custom queries and custom mutations, with record (OUT
/// parameter) types and connections over setof scalars/records (PgComputedColumnsPlugin,
/// PgQueryProceduresPlugin, PgMutationProceduresPlugin, makeProcField, PgRecordReturnTypesPlugin,
/// PgScalarFunctionConnectionPlugin, PgRecordFunctionConnectionPlugin).
class FunctionGenerator
{
public:
    FunctionGenerator(GeneratorContext &ctx, const TableGenerator &tables, MutationGenerator &mutations)
        : m_ctx(ctx), m_tables(tables), m_mutations(mutations) {}

    void generate();

private:
    enum class Mode { Computed, Query, Mutation };
    struct ArgInfo
    {
        QString name;   ///< PostgreSQL name, may be empty
        Oid typeOid = 0;
        int index = 0;  ///< among the input arguments
    };
    struct Details
    {
        QList<ArgInfo> inputs;   ///< IN/INOUT, minus the row argument of computed columns
        QStringList outNames;    ///< OUT/INOUT/TABLE
        QList<Oid> outTypes;
    };
    Details details(const PgProcInfo &p, bool computed) const;
    bool isStable(const PgProcInfo &p) const;
    /// `getComputedColumnDetails`: the class the function is a computed column of, and the pseudo column name.
    const PgClassInfo *computedColumnOf(const PgProcInfo &p, QString *pseudoColumnName) const;
    bool isComputedLike(const PgProcInfo &p) const;
    void ensureRecordTypes(const PgProcInfo &p, const QString &procFieldName, bool isMutation);
    void ensureScalarConnection(const PgProcInfo &p, const graphql::TypeRef &nodeType, bool isRecord);
    /// `@sortable`/`@filterable` scalar computed columns in XsOrderBy and XCondition.
    void addComputedOrderAndCondition();
    void makeField(const PgProcInfo &p, Mode mode, bool forceList, const QString &parentType,
                   const QString &fieldName, const PgClassInfo *computedOn);

    /// A function that is a computed column, with its pseudo column name.
    struct ComputedColumn
    {
        const PgProcInfo *proc = nullptr;
        QString pseudo;
    };
    /// The computed columns of each class, in the order of the model's functions: found once,
    /// because asking every function about every class was quadratic (4.5 M checks at 3,000 tables).
    QHash<const PgClassInfo *, QList<ComputedColumn>> m_computedByClass;

    GeneratorContext &m_ctx;
    const TableGenerator &m_tables;
    MutationGenerator &m_mutations;
};

} // namespace refract::reflect
