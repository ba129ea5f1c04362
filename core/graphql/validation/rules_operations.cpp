// Rules about whole definitions and operations: ExecutableDefinitions, UniqueOperationNames,
// LoneAnonymousOperation, SingleFieldSubscriptions, MaxIntrospectionDepth; and the rule list.
#include "rule.h"

#include <QHash>
#include <QSet>

namespace refract::graphql::validation {

using ast::Definition;
using ast::Selection;

std::vector<RulePtr> makeSpecifiedRules(ValidationContext &c, const TypeInfo &t)
{
    std::vector<RulePtr> rules;
    for (auto make : {makeExecutableDefinitionsRule, makeUniqueOperationNamesRule, makeLoneAnonymousOperationRule,
                      makeSingleFieldSubscriptionsRule, makeKnownTypeNamesRule, makeFragmentsOnCompositeTypesRule,
                      makeVariablesAreInputTypesRule, makeScalarLeafsRule, makeFieldsOnCorrectTypeRule,
                      makeUniqueFragmentNamesRule, makeKnownFragmentNamesRule, makeNoUnusedFragmentsRule,
                      makePossibleFragmentSpreadsRule, makeNoFragmentCyclesRule, makeUniqueVariableNamesRule,
                      makeNoUndefinedVariablesRule, makeNoUnusedVariablesRule, makeKnownDirectivesRule,
                      makeUniqueDirectivesPerLocationRule, makeKnownArgumentNamesRule, makeUniqueArgumentNamesRule,
                      makeValuesOfCorrectTypeRule, makeProvidedRequiredArgumentsRule,
                      makeVariablesInAllowedPositionRule, makeOverlappingFieldsCanBeMergedRule,
                      makeUniqueInputFieldNamesRule, makeMaxIntrospectionDepthRule})
        rules.push_back(make(c, t));
    return rules;
}

namespace {

class ExecutableDefinitions final : public Rule
{
public:
    unsigned hooks() const override { return hookMask({Hook::Document}); }
    using Rule::Rule;
    bool enterDocument(const ast::Document &document) override
    {
        for (const Definition &d : document.definitions) {
            if (d.isExecutable())
                continue;
            const bool isSchema = d.kind == Definition::Kind::Schema || d.kind == Definition::Kind::SchemaExtension;
            const QString defName = isSchema || !d.name ? QStringLiteral("schema")
                                                        : QLatin1Char('"') + d.name->value + QLatin1Char('"');
            m_context.report(QStringLiteral("The %1 definition is not executable.").arg(defName), d.loc);
        }
        return false;
    }
};

class UniqueOperationNames final : public Rule
{
public:
    unsigned hooks() const override { return hookMask({Hook::Operation, Hook::FragmentDefinition}); }
    using Rule::Rule;
    bool enterOperation(const Definition &op) override
    {
        if (op.name) {
            auto it = m_known.constFind(op.name->value);
            if (it != m_known.constEnd())
                m_context.report(QStringLiteral("There can be only one operation named \"%1\".").arg(op.name->value),
                                 {ValidationContext::at(**it), ValidationContext::at(op.name->loc)});
            else
                m_known.insert(op.name->value, &op.name->loc);
        }
        return false;
    }
    bool enterFragmentDefinition(const Definition &) override { return false; }

private:
    QHash<QString, const ast::Location *> m_known;
};

class LoneAnonymousOperation final : public Rule
{
public:
    unsigned hooks() const override { return hookMask({Hook::Document, Hook::Operation}); }
    using Rule::Rule;
    bool enterDocument(const ast::Document &document) override
    {
        m_count = 0;
        for (const Definition &d : document.definitions)
            if (d.kind == Definition::Kind::Operation)
                ++m_count;
        return true;
    }
    bool enterOperation(const Definition &op) override
    {
        if (!op.name && m_count > 1)
            m_context.report(QStringLiteral("This anonymous operation must be the only defined operation."), op.loc);
        return true;
    }

private:
    int m_count = 0;
};

class SingleFieldSubscriptions final : public Rule
{
public:
    unsigned hooks() const override { return hookMask({Hook::Operation}); }
    using Rule::Rule;
    bool enterOperation(const Definition &op) override
    {
        if (op.operation != ast::OperationType::Subscription)
            return true;
        const NamedType *subscriptionType = m_context.rootType(ast::OperationType::Subscription);
        if (!subscriptionType || !op.selectionSet)
            return true;
        if (!m_fragmentsIndexed) {
            // graphql-js meters its own fragment map once, then every selection set it collects.
            m_fragmentsIndexed = true;
            m_context.spendFragmentWork(qsizetype(m_context.document().definitions.size()));
        }
        Fields fields;
        QSet<QString> visited;
        collect(subscriptionType, *op.selectionSet, fields, visited);
        const QString prefix = op.name ? QStringLiteral("Subscription \"%1\"").arg(op.name->value)
                                       : QStringLiteral("Anonymous Subscription");
        if (fields.order.size() > 1) {
            QList<SourceLocation> locations;
            for (size_t i = 1; i < fields.order.size(); ++i)
                for (const Selection *s : fields.groups[fields.order[i]])
                    locations.append(ValidationContext::at(s->loc));
            m_context.report(prefix + QStringLiteral(" must select only one top level field."), locations);
        }
        for (const QString &key : fields.order) {
            const auto &nodes = fields.groups[key];
            if (nodes.front()->name.value.startsWith(QLatin1String("__"))) {
                QList<SourceLocation> locations;
                for (const Selection *s : nodes)
                    locations.append(ValidationContext::at(s->loc));
                m_context.report(prefix + QStringLiteral(" must not select an introspection top level field."), locations);
            }
        }
        return true;
    }

private:
    bool m_fragmentsIndexed = false;

    struct Fields
    {
        std::vector<QString> order;
        QHash<QString, std::vector<const Selection *>> groups;
    };

    // graphql-js `shouldIncludeNode` with no variable values. A variable or a missing/invalid `if`
    // makes graphql-js throw out of `validate`; here such a node is simply included.
    static bool shouldInclude(const Selection &s)
    {
        auto literal = [&s](const char *name) -> std::optional<bool> {
            for (const ast::Directive &d : s.directives) {
                if (d.name.value != QLatin1String(name))
                    continue;
                for (const ast::Argument &a : d.arguments)
                    if (a.name.value == QLatin1String("if") && a.value.kind == ast::Value::Kind::Boolean)
                        return a.value.boolean;
                return std::nullopt;
            }
            return std::nullopt;
        };
        if (literal("skip") == std::optional<bool>(true))
            return false;
        if (literal("include") == std::optional<bool>(false))
            return false;
        return true;
    }

    bool conditionMatches(const std::optional<ast::Name> &condition, const NamedType *type) const
    {
        if (!condition)
            return true;
        const NamedType *t = m_context.type(condition->value);
        if (t == type)
            return true;
        return isAbstract(t) && m_context.isSubType(t, type);
    }

    void reserveWork(const ast::SelectionSet &set)
    {
        m_context.spendFragmentWork(qsizetype(set.selections.size()));
        for (const Selection &s : set.selections) {
            m_context.spendFragmentWork(qsizetype(s.directives.size()));
            for (const ast::Directive &d : s.directives)
                if (d.name.value == QLatin1String("skip") || d.name.value == QLatin1String("include"))
                    m_context.spendFragmentWork(qsizetype(d.arguments.size()));
        }
    }

    void collect(const NamedType *type, const ast::SelectionSet &set, Fields &fields, QSet<QString> &visited)
    {
        reserveWork(set);
        for (const Selection &s : set.selections) {
            switch (s.kind) {
            case Selection::Kind::Field: {
                if (!shouldInclude(s))
                    continue;
                const QString &key = s.alias ? s.alias->value : s.name.value;
                auto it = fields.groups.find(key);
                if (it == fields.groups.end()) {
                    fields.order.push_back(key);
                    fields.groups.insert(key, {&s});
                } else {
                    it->push_back(&s);
                }
                break;
            }
            case Selection::Kind::InlineFragment:
                if (!shouldInclude(s) || !conditionMatches(s.typeCondition, type) || !s.selectionSet)
                    continue;
                collect(type, *s.selectionSet, fields, visited);
                break;
            case Selection::Kind::FragmentSpread: {
                if (visited.contains(s.name.value) || !shouldInclude(s))
                    continue;
                visited.insert(s.name.value);
                const Definition *f = m_context.fragment(s.name.value);
                if (!f || !conditionMatches(f->typeCondition, type) || !f->selectionSet)
                    continue;
                collect(type, *f->selectionSet, fields, visited);
                break;
            }
            }
        }
    }
};

class MaxIntrospectionDepth final : public Rule
{
public:
    unsigned hooks() const override { return hookMask({Hook::Field}); }
    using Rule::Rule;
    bool enterField(const Selection &field) override
    {
        if (!isDunder(field.name.value)
            || (field.name.value != QLatin1String("__schema") && field.name.value != QLatin1String("__type")))
            return true;
        QHash<QString, int> visited;
        if (checkSelection(field, visited, 0)) {
            m_context.report(QStringLiteral("Maximum introspection depth exceeded"), field.loc);
            return false;
        }
        return true;
    }

private:
    static constexpr int MaxListsDepth = 3;

    bool checkSet(const std::optional<ast::SelectionSet> &set, QHash<QString, int> &visited, int depth)
    {
        if (set)
            for (const Selection &child : set->selections)
                if (checkSelection(child, visited, depth))
                    return true;
        return false;
    }

    bool checkSelection(const Selection &node, QHash<QString, int> &visited, int depth)
    {
        if (node.kind == Selection::Kind::FragmentSpread) {
            const QString &name = node.name.value;
            auto exceeded = m_exceeded.constFind(name);
            if (exceeded != m_exceeded.constEnd() && *exceeded <= depth)
                return true;
            auto v = visited.constFind(name);
            auto c = m_checked.constFind(name);
            if ((v != visited.constEnd() && *v >= depth) || (c != m_checked.constEnd() && *c >= depth))
                return false;
            const Definition *fragment = m_context.fragment(name);
            if (!fragment)
                return false;
            visited.insert(name, depth);
            if (checkSet(fragment->selectionSet, visited, depth)) {
                m_exceeded.insert(name, depth);
                return true;
            }
            m_checked.insert(name, depth);
            return false;
        }
        if (node.kind == Selection::Kind::Field) {
            const QString &n = node.name.value;
            if (n == QLatin1String("fields") || n == QLatin1String("interfaces") || n == QLatin1String("possibleTypes")
                || n == QLatin1String("inputFields")) {
                if (++depth >= MaxListsDepth)
                    return true;
            }
        }
        return checkSet(node.selectionSet, visited, depth);
    }

    QHash<QString, int> m_checked;
    QHash<QString, int> m_exceeded;
};

} // namespace

RulePtr makeExecutableDefinitionsRule(ValidationContext &c, const TypeInfo &t) { return std::make_unique<ExecutableDefinitions>(c, t); }
RulePtr makeUniqueOperationNamesRule(ValidationContext &c, const TypeInfo &t) { return std::make_unique<UniqueOperationNames>(c, t); }
RulePtr makeLoneAnonymousOperationRule(ValidationContext &c, const TypeInfo &t) { return std::make_unique<LoneAnonymousOperation>(c, t); }
RulePtr makeSingleFieldSubscriptionsRule(ValidationContext &c, const TypeInfo &t) { return std::make_unique<SingleFieldSubscriptions>(c, t); }
RulePtr makeMaxIntrospectionDepthRule(ValidationContext &c, const TypeInfo &t) { return std::make_unique<MaxIntrospectionDepth>(c, t); }

} // namespace refract::graphql::validation
