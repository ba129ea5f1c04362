// OverlappingFieldsCanBeMerged, ported from graphql-js 16.15 with its caches: collected fields per
// (parent type, selection set), compared fragment pairs, fields-vs-fragment comparisons, overlapping
// response names per pair of collections and argument comparisons per pair of fields. The caches keep
// the work linear in practice and decide, exactly as in graphql-js, which duplicate conflicts are
// reported; the complexity budget (500,000 units, "Validation aborted.") is metered at the same points.
#include "rule.h"

#include <QHash>

#include <algorithm>
#include <deque>
#include <memory>
#include <optional>
#include <unordered_map>

namespace refract::graphql::validation {

using ast::Selection;
using ast::Value;

namespace {

constexpr qsizetype MaxConflictDetailLength = 1000;
constexpr size_t MaxConflictNodes = 20;
constexpr int MaxComplexityBudget = 500000;

QString maybeAbbreviate(const QString &text)
{
    return text.size() > MaxConflictDetailLength ? text.left(MaxConflictDetailLength) + QStringLiteral("...") : text;
}

struct ArgumentInfo
{
    const std::vector<ast::Argument> *nodes = nullptr;

    /// graphql-js keeps a Map (the last duplicate wins); argument lists are short, so scan backwards.
    const Value *value(const QString &name) const
    {
        for (auto it = nodes->rbegin(); it != nodes->rend(); ++it)
            if (it->name.value == name)
                return &it->value;
        return nullptr;
    }
};

struct FieldInfo
{
    /// Memoised comparisons with other fields (few per field: a small vector beats a hash).
    std::vector<std::pair<const FieldInfo *, std::optional<QString>>> comparisons;
    const NamedType *namedType = nullptr;
    std::optional<ArgumentInfo> arguments;
    std::optional<QString> typeString;
};

struct FieldDetail
{
    const NamedType *parentType = nullptr;
    const Selection *node = nullptr;
    const Field *definition = nullptr;
    const NamedType *namedType = nullptr; ///< of the definition's type
    bool isSimpleLeaf = false;
    std::unique_ptr<FieldInfo> info;
};

struct CollectResult;

struct Overlap
{
    QStringView responseName;
    FieldDetail *begin1, *end1;
    FieldDetail *begin2, *end2;
};

/// The fields of one response name: a range of CollectResult::details.
struct Group
{
    QStringView name;
    size_t begin = 0;
    size_t end = 0;
};

struct CollectResult
{
    // Flat storage (two allocations per selection set instead of one per response name): details
    // are contiguous per group, groups in first-seen order.
    std::vector<FieldDetail> details;
    std::vector<Group> grouped;
    QHash<QStringView, size_t> index; ///< only for collections past LinearLimit names (most are small)
    std::vector<QString> fragmentNames;

    static constexpr size_t npos = size_t(-1);
    static constexpr size_t LinearLimit = 16;
    size_t find(QStringView name) const
    {
        if (index.isEmpty()) {
            for (size_t i = 0; i < grouped.size(); ++i)
                if (grouped[i].name == name)
                    return i;
            return npos;
        }
        return index.value(name, npos);
    }
    std::optional<QHash<QString, bool>> comparedFragments;
    /// Overlaps with the collections this one was compared with (few per collection: a vector).
    std::vector<std::pair<const CollectResult *, std::vector<Overlap>>> overlapping;
    const NamedType *parentType = nullptr;
    CollectResult *nextOfSet = nullptr; ///< the same selection set collected for another parent type
};

struct Conflict
{
    QString responseName;
    QString reason;
    std::vector<const Selection *> fields1;
    std::vector<const Selection *> fields2;
};

class OverlappingFieldsCanBeMerged final : public Rule
{
public:
    unsigned hooks() const override { return hookMask({Hook::SelectionSet}); }
    using Rule::Rule;

    bool enterSelectionSet(const ast::SelectionSet &set, bool parentIsInlineFragment) override
    {
        if (parentIsInlineFragment)
            return true;
        if (set.selections.size() <= 1
            && (set.selections.empty() || set.selections.front().kind != Selection::Kind::InlineFragment))
            return true;
        std::vector<Conflict> conflicts;
        findConflictsWithinSelectionSet(conflicts, m_typeInfo.parentType(), set);
        for (const Conflict &c : conflicts) {
            QList<SourceLocation> locations;
            for (const Selection *s : c.fields1)
                locations.append(ValidationContext::at(s->loc));
            for (const Selection *s : c.fields2)
                locations.append(ValidationContext::at(s->loc));
            m_context.report(QStringLiteral("Fields \"%1\" conflict because %2. Use different aliases on the fields to fetch both if this was intentional.")
                                 .arg(maybeAbbreviate(c.responseName), c.reason),
                             locations);
        }
        return true;
    }

private:
    void spend(int cost)
    {
        m_budget -= cost;
        if (m_budget < 0)
            m_context.abortValidation();
    }

    void findConflictsWithinSelectionSet(std::vector<Conflict> &conflicts, const NamedType *parentType, const ast::SelectionSet &set)
    {
        CollectResult &result = collectFields(parentType, set);
        collectConflictsWithin(conflicts, result);
        const auto &names = result.fragmentNames;
        if (!names.empty() && (!result.grouped.empty() || names.size() > 1)) {
            for (size_t i = 0; i < names.size(); ++i) {
                collectConflictsBetweenFieldsAndFragment(conflicts, false, result, names[i]);
                for (size_t j = i + 1; j < names.size(); ++j)
                    collectConflictsBetweenFragments(conflicts, false, names[i], names[j]);
            }
        }
    }

    void collectConflictsBetweenFieldsAndFragment(std::vector<Conflict> &conflicts, bool exclusive, CollectResult &result,
                                                  const QString &fragmentName)
    {
        spend(1);
        if (result.grouped.empty())
            return;
        if (!result.comparedFragments)
            result.comparedFragments.emplace();
        auto it = result.comparedFragments->constFind(fragmentName);
        if (it != result.comparedFragments->constEnd() && (*it == false || (exclusive && *it == true)))
            return;
        result.comparedFragments->insert(fragmentName, exclusive);
        const ast::Definition *fragment = m_context.fragment(fragmentName);
        if (!fragment)
            return;
        CollectResult &result2 = collectFragmentFields(*fragment);
        if (&result == &result2)
            return;
        collectConflictsBetween(conflicts, exclusive, result, result2);
        // Copy: the recursion may add to result2's fragment list? It cannot (results are immutable
        // after collection), but the vector is walked by index to stay safe against reallocation.
        for (size_t i = 0; i < result2.fragmentNames.size(); ++i)
            collectConflictsBetweenFieldsAndFragment(conflicts, exclusive, result, result2.fragmentNames[i]);
    }

    bool pairSeen(const QString &a, const QString &b, bool exclusive) const
    {
        auto has = [this, exclusive](const QString &x, const QString &y) {
            auto outer = m_comparedPairs.constFind(x);
            if (outer == m_comparedPairs.constEnd())
                return false;
            auto inner = outer->constFind(y);
            if (inner == outer->constEnd())
                return false;
            return exclusive ? true : *inner == exclusive;
        };
        return has(a, b) || has(b, a);
    }

    void collectConflictsBetweenFragments(std::vector<Conflict> &conflicts, bool exclusive, const QString &name1,
                                          const QString &name2)
    {
        spend(2);
        if (name1 == name2)
            return;
        if (pairSeen(name1, name2, exclusive))
            return;
        m_comparedPairs[name1].insert(name2, exclusive);
        const ast::Definition *f1 = m_context.fragment(name1);
        const ast::Definition *f2 = m_context.fragment(name2);
        if (!f1 || !f2)
            return;
        CollectResult &r1 = collectFragmentFields(*f1);
        CollectResult &r2 = collectFragmentFields(*f2);
        collectConflictsBetween(conflicts, exclusive, r1, r2);
        for (size_t i = 0; i < r2.fragmentNames.size(); ++i)
            collectConflictsBetweenFragments(conflicts, exclusive, name1, r2.fragmentNames[i]);
        for (size_t i = 0; i < r1.fragmentNames.size(); ++i)
            collectConflictsBetweenFragments(conflicts, exclusive, r1.fragmentNames[i], name2);
    }

    std::vector<Conflict> findConflictsBetweenSubSelectionSets(bool exclusive, const NamedType *parent1, const ast::SelectionSet &set1,
                                                               const NamedType *parent2, const ast::SelectionSet &set2)
    {
        std::vector<Conflict> conflicts;
        CollectResult &r1 = collectFields(parent1, set1);
        CollectResult &r2 = collectFields(parent2, set2);
        collectConflictsBetween(conflicts, exclusive, r1, r2);
        for (size_t i = 0; i < r2.fragmentNames.size(); ++i)
            collectConflictsBetweenFieldsAndFragment(conflicts, exclusive, r1, r2.fragmentNames[i]);
        for (size_t i = 0; i < r1.fragmentNames.size(); ++i)
            collectConflictsBetweenFieldsAndFragment(conflicts, exclusive, r2, r1.fragmentNames[i]);
        for (size_t i = 0; i < r1.fragmentNames.size(); ++i)
            for (size_t j = 0; j < r2.fragmentNames.size(); ++j)
                collectConflictsBetweenFragments(conflicts, exclusive, r1.fragmentNames[i], r2.fragmentNames[j]);
        return conflicts;
    }

    void collectConflictsWithin(std::vector<Conflict> &conflicts, CollectResult &result)
    {
        for (const Group &group : result.grouped) {
            if (group.end - group.begin < 2)
                continue;
            for (size_t i = group.begin; i < group.end; ++i)
                for (size_t j = i + 1; j < group.end; ++j)
                    if (auto c = findConflict(false, group.name, result.details[i], result.details[j]))
                        conflicts.push_back(std::move(*c));
        }
    }

    void collectConflictsBetween(std::vector<Conflict> &conflicts, bool exclusive, CollectResult &r1, CollectResult &r2)
    {
        if (r1.grouped.empty() || r2.grouped.empty())
            return;
        const std::vector<Overlap> &overlaps = overlappingFields(r1, r2);
        for (const Overlap &o : overlaps)
            for (FieldDetail *f1 = o.begin1; f1 != o.end1; ++f1)
                for (FieldDetail *f2 = o.begin2; f2 != o.end2; ++f2)
                    if (auto c = findConflict(exclusive, o.responseName, *f1, *f2))
                        conflicts.push_back(std::move(*c));
    }

    const std::vector<Overlap> &overlappingFields(CollectResult &r1, CollectResult &r2)
    {
        for (const auto &cached : r1.overlapping)
            if (cached.first == &r2)
                return cached.second;
        std::vector<Overlap> overlaps;
        for (const Group &g1 : r1.grouped) {
            spend(1);
            const size_t index = r2.find(g1.name);
            if (index != CollectResult::npos) {
                const Group &g2 = r2.grouped[index];
                overlaps.push_back({g1.name, r1.details.data() + g1.begin, r1.details.data() + g1.end,
                                    r2.details.data() + g2.begin, r2.details.data() + g2.end});
            }
        }
        return r1.overlapping.emplace_back(&r2, std::move(overlaps)).second;
    }

    // graphql-js compares `def.type` by identity: named types are singletons, wrapped types belong to
    // their field definition.
    static bool sameTypeObject(const Field *a, const Field *b)
    {
        if (!a || !b)
            return a == b;
        if (a->type.wrappers.empty() && b->type.wrappers.empty())
            return a->type.name == b->type.name;
        return &a->type == &b->type;
    }

    FieldInfo &fieldInfo(FieldDetail &d)
    {
        if (!d.info) {
            d.info = std::make_unique<FieldInfo>();
            if (d.definition)
                d.info->namedType = d.namedType;
            if (!d.node->arguments.empty()) {
                d.info->arguments = ArgumentInfo{&d.node->arguments};
            }
        }
        return *d.info;
    }

    std::optional<Conflict> findConflict(bool parentExclusive, QStringView responseName, FieldDetail &d1, FieldDetail &d2)
    {
        const bool exclusive = parentExclusive
            || (d1.parentType != d2.parentType && isObject(d1.parentType) && isObject(d2.parentType));
        spend(2);
        const Selection *node1 = d1.node;
        const Selection *node2 = d2.node;
        if (d1.isSimpleLeaf && d2.isSimpleLeaf && sameTypeObject(d1.definition, d2.definition)
            && node1->name.value == node2->name.value)
            return std::nullopt;
        if (!exclusive) {
            FieldInfo &i1 = fieldInfo(d1);
            FieldInfo &i2 = fieldInfo(d2);
            auto memo = std::find_if(i1.comparisons.begin(), i1.comparisons.end(),
                                     [&i2](const auto &c) { return c.first == &i2; });
            std::optional<QString> reason;
            if (memo != i1.comparisons.end()) {
                reason = memo->second;
            } else {
                const QString &name1 = node1->name.value;
                const QString &name2 = node2->name.value;
                if (name1 != name2)
                    reason = QStringLiteral("\"%1\" and \"%2\" are different fields").arg(maybeAbbreviate(name1), maybeAbbreviate(name2));
                else if (!sameArguments(i1.arguments, i2.arguments))
                    reason = QStringLiteral("they have differing arguments");
                i1.comparisons.emplace_back(&i2, reason);
            }
            if (reason)
                return Conflict{responseName.toString(), *reason, {node1}, {node2}};
        }
        const TypeView type1 = d1.definition ? TypeView::of(d1.namedType, d1.definition->type) : TypeView{};
        const TypeView type2 = d2.definition ? TypeView::of(d2.namedType, d2.definition->type) : TypeView{};
        if (type1 && type2 && doTypesConflict(type1, type2)) {
            FieldInfo &i1 = fieldInfo(d1);
            FieldInfo &i2 = fieldInfo(d2);
            if (!i1.typeString)
                i1.typeString = type1.toString();
            if (!i2.typeString)
                i2.typeString = type2.toString();
            return Conflict{responseName.toString(),
                            QStringLiteral("they return conflicting types \"%1\" and \"%2\"").arg(*i1.typeString, *i2.typeString),
                            {node1},
                            {node2}};
        }
        if (node1->selectionSet && node2->selectionSet) {
            const NamedType *named1 = fieldInfo(d1).namedType;
            const NamedType *named2 = fieldInfo(d2).namedType;
            std::vector<Conflict> sub = findConflictsBetweenSubSelectionSets(exclusive, named1, *node1->selectionSet, named2,
                                                                             *node2->selectionSet);
            return subfieldConflicts(sub, responseName, node1, node2);
        }
        return std::nullopt;
    }

    static std::optional<Conflict> subfieldConflicts(const std::vector<Conflict> &conflicts, QStringView responseName,
                                                     const Selection *node1, const Selection *node2)
    {
        if (conflicts.empty())
            return std::nullopt;
        QString message;
        for (const Conflict &c : conflicts) {
            if (!message.isEmpty())
                message += QStringLiteral(" and ");
            message += QStringLiteral("subfields \"%1\" conflict because %2").arg(maybeAbbreviate(c.responseName), c.reason);
            if (message.size() > MaxConflictDetailLength)
                break;
        }
        auto nodes = [&conflicts](const Selection *node, bool first) {
            std::vector<const Selection *> out{node};
            for (const Conflict &c : conflicts) {
                const auto &side = first ? c.fields1 : c.fields2;
                const size_t remaining = MaxConflictNodes - out.size();
                const size_t from = side.size() > remaining ? side.size() - remaining : 0;
                out.insert(out.end(), side.begin() + qsizetype(from), side.end());
                if (out.size() == MaxConflictNodes)
                    break;
            }
            return out;
        };
        return Conflict{responseName.toString(), maybeAbbreviate(message), nodes(node1, true), nodes(node2, false)};
    }

    bool sameArguments(const std::optional<ArgumentInfo> &a1, const std::optional<ArgumentInfo> &a2)
    {
        if (!a1)
            return !a2;
        if (!a2 || a1->nodes->size() != a2->nodes->size())
            return false;
        for (const ast::Argument &arg1 : *a1->nodes) {
            spend(1);
            const Value *value2 = a2->value(arg1.name.value);
            if (!value2)
                return false;
            // A copy (shared, no allocation): the second stringify may grow the cache and move the first.
            const QString first = stringify(arg1.value);
            if (first != stringify(*value2))
                return false;
        }
        return true;
    }

    // An injective encoding with the equality of graphql-js's JSON.stringify of the value (object
    // fields sorted by name, block strings distinct from plain ones).
    const QString &stringify(const Value &v)
    {
        auto it = m_stringified.constFind(&v);
        if (it != m_stringified.constEnd())
            return *it;
        QString out;
        encode(v, out);
        return *m_stringified.insert(&v, out);
    }

    static void encode(const Value &v, QString &out)
    {
        switch (v.kind) {
        case Value::Kind::Variable: out += QLatin1Char('$') + v.value; break;
        case Value::Kind::Int: out += QLatin1Char('i') + v.value; break;
        case Value::Kind::Float: out += QLatin1Char('f') + v.value; break;
        case Value::Kind::Enum: out += QLatin1Char('e') + v.value; break;
        case Value::Kind::Boolean: out += v.boolean ? QStringLiteral("T") : QStringLiteral("F"); break;
        case Value::Kind::Null: out += QLatin1Char('N'); break;
        case Value::Kind::String:
            out += (v.block ? QStringLiteral("S") : QStringLiteral("s")) + QString::number(v.value.size()) + QLatin1Char(':') + v.value;
            break;
        case Value::Kind::List:
            out += QLatin1Char('[');
            for (const Value &item : v.list) {
                encode(item, out);
                out += QLatin1Char(',');
            }
            out += QLatin1Char(']');
            break;
        case Value::Kind::Object: {
            std::vector<const ast::ObjectField *> fields;
            for (const ast::ObjectField &f : v.fields)
                fields.push_back(&f);
            std::stable_sort(fields.begin(), fields.end(),
                             [](const ast::ObjectField *a, const ast::ObjectField *b) { return a->name.value < b->name.value; });
            out += QLatin1Char('{');
            for (const ast::ObjectField *f : fields) {
                out += f->name.value + QLatin1Char(':');
                encode(f->value, out);
                out += QLatin1Char(',');
            }
            out += QLatin1Char('}');
            break;
        }
        }
    }

    bool doTypesConflict(TypeView t1, TypeView t2)
    {
        if (t1.sameObject(t2))
            return false;
        spend(1);
        if (t1.isList())
            return t2.isList() ? doTypesConflict(t1.ofType(), t2.ofType()) : true;
        if (t2.isList())
            return true;
        if (t1.isNonNull())
            return t2.isNonNull() ? doTypesConflict(t1.ofType(), t2.ofType()) : true;
        if (t2.isNonNull())
            return true;
        if (isLeaf(t1.named) || isLeaf(t2.named))
            return t1.named != t2.named;
        return false;
    }

    CollectResult &collectFields(const NamedType *parentType, const ast::SelectionSet &set)
    {
        CollectResult *&first = m_collected[&set];
        for (CollectResult *r = first; r; r = r->nextOfSet)
            if (r->parentType == parentType)
                return *r;
        CollectResult &result = m_results.emplace_back();
        result.parentType = parentType;
        result.nextOfSet = first;
        first = &result;
        QHash<QString, bool> fragmentSeen; // used past LinearLimit fragment names only
        result.grouped.reserve(set.selections.size());
        std::vector<std::pair<size_t, FieldDetail>> &collected = m_scratchCollected;
        collected.clear();
        collectFieldsImpl(parentType, set, result, collected, fragmentSeen);
        // Make each group contiguous, keeping document order inside groups (scratch buffers are
        // reused: this runs for every selection set).
        std::vector<size_t> &start = m_scratchStart;
        start.assign(result.grouped.size() + 1, 0);
        for (const auto &c : collected)
            ++start[c.first + 1];
        for (size_t i = 1; i < start.size(); ++i)
            start[i] += start[i - 1];
        for (size_t i = 0; i < result.grouped.size(); ++i) {
            result.grouped[i].begin = start[i];
            result.grouped[i].end = start[i + 1];
        }
        result.details.resize(collected.size());
        for (auto &c : collected)
            result.details[start[c.first]++] = std::move(c.second);
        return result;
    }

    CollectResult &collectFragmentFields(const ast::Definition &fragment)
    {
        const NamedType *type = fragment.typeCondition ? m_context.type(fragment.typeCondition->value) : nullptr;
        static const ast::SelectionSet empty;
        return collectFields(type, fragment.selectionSet ? *fragment.selectionSet : empty);
    }

    void collectFieldsImpl(const NamedType *parentType, const ast::SelectionSet &set, CollectResult &result,
                           std::vector<std::pair<size_t, FieldDetail>> &collected, QHash<QString, bool> &fragmentSeen)
    {
        for (const Selection &s : set.selections) {
            switch (s.kind) {
            case Selection::Kind::Field: {
                const QString &responseName = s.alias ? s.alias->value : s.name.value;
                size_t index = result.find(responseName);
                if (index == CollectResult::npos) {
                    index = result.grouped.size();
                    result.grouped.push_back(Group{QStringView(responseName), 0, 0});
                    if (!result.index.isEmpty() || result.grouped.size() > CollectResult::LinearLimit) {
                        if (result.index.isEmpty())
                            for (size_t i = 0; i + 1 < result.grouped.size(); ++i)
                                result.index.insert(result.grouped[i].name, i);
                        result.index.insert(QStringView(responseName), index);
                    }
                }
                FieldDetail d;
                d.parentType = parentType;
                d.node = &s;
                d.definition = m_context.ownField(parentType, s.name.value, &d.namedType);
                d.isSimpleLeaf = s.arguments.empty() && !s.selectionSet;
                collected.emplace_back(index, std::move(d));
                break;
            }
            case Selection::Kind::FragmentSpread: {
                bool seen = false;
                if (result.fragmentNames.size() < CollectResult::LinearLimit) {
                    for (const QString &n : result.fragmentNames)
                        if (n == s.name.value) {
                            seen = true;
                            break;
                        }
                } else {
                    if (fragmentSeen.isEmpty())
                        for (const QString &n : result.fragmentNames)
                            fragmentSeen.insert(n, true);
                    seen = fragmentSeen.contains(s.name.value);
                    if (!seen)
                        fragmentSeen.insert(s.name.value, true);
                }
                if (!seen)
                    result.fragmentNames.push_back(s.name.value);
                break;
            }
            case Selection::Kind::InlineFragment: {
                const NamedType *type = s.typeCondition ? m_context.type(s.typeCondition->value) : parentType;
                if (s.selectionSet)
                    collectFieldsImpl(type, *s.selectionSet, result, collected, fragmentSeen);
                break;
            }
            }
        }
    }

    int m_budget = MaxComplexityBudget;
    QHash<QString, QHash<QString, bool>> m_comparedPairs;
    PointerMap<ast::SelectionSet, CollectResult *> m_collected;
    std::deque<CollectResult> m_results; ///< a deque keeps addresses stable
    std::vector<std::pair<size_t, FieldDetail>> m_scratchCollected;
    std::vector<size_t> m_scratchStart;
    QHash<const Value *, QString> m_stringified;
};

} // namespace

RulePtr makeOverlappingFieldsCanBeMergedRule(ValidationContext &c, const TypeInfo &t)
{
    return std::make_unique<OverlappingFieldsCanBeMerged>(c, t);
}

} // namespace refract::graphql::validation
