#include "schemagenerator.h"

#include "appsyncadapter.h"
#include "functiongenerator.h"
#include "generatorcontext.h"
#include "inflector.h"
#include "mutationgenerator.h"
#include "pgmodel.h"
#include "relationgenerator.h"
#include "tablegenerator.h"
#include "typemapper.h"

#include <QHash>

#include <algorithm>
#include <functional>

namespace refract::reflect {

using graphql::NamedType;
using graphql::TypeKind;

SchemaGenerator::SchemaGenerator(const Catalog &catalog, Preset preset, const ReflectOptions &options)
    : m_catalog(catalog), m_preset(preset), m_options(options)
{
}

GeneratedSchema SchemaGenerator::generate() const
{
    GeneratedSchema out;
    generateTypes(out);
    // After the model, the naming caches and the generator parts are gone: pruning's index and
    // the rebuilt name index no longer sit on top of them at the peak.
    pruneUnreachableTypes(out.schema);
    return out;
}

void SchemaGenerator::generateTypes(GeneratedSchema &out) const
{
    const PgModel model(m_catalog, m_options, &m_enumData);
    const Inflector inflector(m_preset, m_options);
    GeneratorContext ctx(model, m_options, inflector, out.schema, out.meta);
    ctx.collectFieldMeta = m_collectFieldMeta;
    // About sixteen types per table (row, inputs, connection, edge, order, condition, mutation
    // inputs and payloads) and a few per function, reserved at once: growing the vector moved
    // every type again and held the old and the new buffer together.
    std::vector<NamedType> &allTypes = out.schema.types();
    allTypes.reserve(allTypes.size() + 16 * model.classes().size() + 3 * model.procs().size() + 64);
    TypeMapper types(ctx);
    ctx.types = &types;

    TableGenerator tables(ctx);
    RelationGenerator relations(ctx, tables);
    MutationGenerator mutations(ctx, relations);
    FunctionGenerator functions(ctx, tables, mutations);

    // The same order as PostGraphile's plugin list, so that unsorted output reads similarly.
    tables.registerTypes();
    tables.generateTypes();
    tables.generateQueryFields();
    relations.generate();
    functions.generate();
    tables.generateBaseInputTypes();
    tables.generateNodeFinders();
    mutations.generate();

    // The mutation fields of functions were added before the CRUD ones; PostGraphile lists CRUD
    // first (PgMutationCreatePlugin and PgMutationUpdateDeletePlugin precede procedures).
    if (NamedType *m = out.schema.type(QStringLiteral("Mutation"))) {
        // Reordered in place (or moved into one list of the exact size), and only when out of
        // order: this runs at the generator's peak memory, and copying the thousands of fields into
        // two lists and their concatenation was several MB on top of it.
        const QString mutation = QStringLiteral("Mutation");
        auto isCustom = [&](const graphql::Field &f) {
            const FieldMeta *fm = out.meta.field(mutation, f.name);
            return fm && fm->kind == FieldMeta::Kind::CustomMutation;
        };
        auto isCrud = [&](const graphql::Field &f) { return !isCustom(f); };
        if (std::is_partitioned(m->fields.cbegin(), m->fields.cend(), isCrud)) {
            // already CRUD first
        } else if (std::is_partitioned(m->fields.cbegin(), m->fields.cend(), isCustom)) {
            // The usual case (custom mutations were added first): one rotation, no second list.
            const auto firstCrud = std::find_if(m->fields.begin(), m->fields.end(), isCrud);
            std::rotate(m->fields.begin(), firstCrud, m->fields.end());
        } else {
            std::vector<bool> custom;
            custom.reserve(size_t(m->fields.size()));
            for (const graphql::Field &f : std::as_const(m->fields))
                custom.push_back(isCustom(f));
            QList<graphql::Field> ordered;
            ordered.reserve(m->fields.size());
            for (const bool pass : {false, true})
                for (qsizetype i = 0; i < m->fields.size(); ++i)
                    if (custom[size_t(i)] == pass)
                        ordered.append(std::move(m->fields[i]));
            m->fields = std::move(ordered);
        }
        if (!m->fields.isEmpty())
            out.schema.setMutationTypeName(QStringLiteral("Mutation"));
    }

    if (m_preset == Preset::AppSync)
        AppSyncAdapter(ctx).apply();
    out.warnings = model.warnings() + ctx.warnings;
}

void pruneUnreachableTypes(graphql::Schema &schema)
{
    // graphql-js `collectReferencedTypes`: depth-first, pre-order, from the root types; the
    // resulting order is the order printSchema prints unsorted types in.
    // Rank + 1 per name (0: not seen yet), so that a visit costs one hash lookup, not two: this
    // runs for every field and argument of the schema.
    QHash<QString, qsizetype> order;
    order.reserve(qsizetype(schema.types().size()) + 8);
    std::function<void(const QString &)> visit = [&](const QString &name) {
        if (name.isEmpty())
            return;
        qsizetype &rank = order[name];
        if (rank)
            return;
        rank = order.size();
        const NamedType *t = schema.type(name);
        if (!t)
            return;
        for (const QString &p : t->possibleTypes)
            visit(p);
        for (const QString &i : t->interfaces)
            visit(i);
        for (const graphql::Field &f : t->fields) {
            visit(f.type.name);
            for (const graphql::InputValue &a : f.arguments)
                visit(a.type.name);
        }
        for (const graphql::InputValue &f : t->inputFields)
            visit(f.type.name);
    };
    visit(schema.queryTypeName());
    visit(schema.mutationTypeName());
    visit(schema.subscriptionTypeName());
    for (const graphql::DirectiveDefinition &d : schema.directives())
        for (const graphql::InputValue &a : d.arguments)
            visit(a.type.name);
    // Sort (rank, index) pairs and move each type once: sorting the NamedType vector itself moved
    // every type O(n log n) times, a visible share of exporting thousands of tables.
    std::vector<NamedType> &types = schema.types();
    std::vector<std::pair<qsizetype, size_t>> ranked;
    ranked.reserve(types.size());
    for (size_t i = 0; i < types.size(); ++i) {
        const qsizetype rank = order.value(types[i].name);
        if (rank)
            ranked.emplace_back(rank, i);
    }
    std::sort(ranked.begin(), ranked.end());
    // Permute in place (the unreachable types go to the end and are dropped): a second vector of
    // every type was a few MB of the peak.
    std::vector<size_t> target(types.size(), size_t(-1));
    size_t next = 0;
    for (const auto &r : ranked)
        target[r.second] = next++;
    for (size_t &t : target)
        if (t == size_t(-1))
            t = next++;
    for (size_t i = 0; i < types.size(); ++i) {
        while (target[i] != i) {
            const size_t j = target[i];
            std::swap(types[i], types[j]);
            std::swap(target[i], target[j]);
        }
    }
    types.erase(types.begin() + qsizetype(ranked.size()), types.end());
    schema.reindex();
}

} // namespace refract::reflect
