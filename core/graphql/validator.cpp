#include "validator.h"

#include "validation/context.h"
#include "validation/rule.h"
#include "validation/typeinfo.h"
#include "validation/walker.h"

namespace refract::graphql {

namespace {

using namespace validation;

/// graphql-js `ValidationContext.getVariableUsages`: the variables of one definition with the input
/// type expected where each is used (variable definitions themselves are not walked). Fragments are
/// collected in a walk of their own before the rules run (an operation may use fragments defined
/// after it); operations while the rules walk them, ahead of the rules, so their usages are complete
/// when the rules leave the operation.
class UsageCollector final : public Rule
{
public:
    UsageCollector(ValidationContext &c, const TypeInfo &t) : Rule(c, t) {}
    unsigned hooks() const override
    {
        return hookMask({Hook::Operation, Hook::FragmentDefinition, Hook::VariableDefinition, Hook::Value});
    }
    bool enterOperation(const ast::Definition &op) override
    {
        m_out = &m_context.variableUsageMap()[&op];
        return true;
    }
    bool enterFragmentDefinition(const ast::Definition &f) override
    {
        m_out = &m_context.variableUsageMap()[&f];
        return true;
    }
    bool enterVariableDefinition(const ast::VariableDefinition &) override { return false; }
    bool enterValue(const ast::Value &v) override
    {
        if (v.kind == ast::Value::Kind::Variable && m_out)
            m_out->push_back({&v, m_typeInfo.inputType(), m_typeInfo.hasDefaultValue(), m_typeInfo.parentInputType()});
        return true;
    }

private:
    std::vector<VariableUsage> *m_out = nullptr;
};

/// In the rules' walk: collects operations only (fragments were collected before).
class OperationUsageCollector final : public Rule
{
public:
    OperationUsageCollector(ValidationContext &c, const TypeInfo &t) : Rule(c, t), m_collector(c, t) {}
    unsigned hooks() const override { return m_collector.hooks(); }
    bool enterOperation(const ast::Definition &op) override { return m_collector.enterOperation(op); }
    bool enterFragmentDefinition(const ast::Definition &) override { return false; }
    bool enterVariableDefinition(const ast::VariableDefinition &) override { return false; }
    bool enterValue(const ast::Value &v) override { return m_collector.enterValue(v); }

private:
    UsageCollector m_collector;
};

} // namespace

Validator::Validator(const Schema &schema) : m_index(std::make_unique<SchemaIndex>(schema)) {}
Validator::~Validator() = default;
Validator::Validator(Validator &&) noexcept = default;
Validator &Validator::operator=(Validator &&) noexcept = default;

QList<GraphQLError> validate(const Schema &schema, const ast::Document &document, const ValidationOptions &options)
{
    return Validator(schema).validate(document, options);
}

QList<GraphQLError> Validator::validate(const ast::Document &document, const ValidationOptions &options) const
{
    ValidationContext context(*m_index, document, options.maxErrors, options.hideSuggestions);
    try {
        // Usages are needed when an operation is left, possibly before the fragments it uses were
        // walked (graphql-js computes them lazily, with a TypeInfo of their own).
        for (const ast::Definition &d : document.definitions) {
            if (d.kind != ast::Definition::Kind::Fragment)
                continue;
            TypeInfo typeInfo(context);
            UsageCollector collector(context, typeInfo);
            Walker walker(context, typeInfo, {&collector});
            walker.walkDefinition(d);
        }

        TypeInfo typeInfo(context);
        OperationUsageCollector collector(context, typeInfo);
        std::vector<RulePtr> rules = makeSpecifiedRules(context, typeInfo);
        std::vector<Rule *> active;
        active.reserve(rules.size() + 1);
        active.push_back(&collector);
        for (const RulePtr &r : rules)
            active.push_back(r.get());
        Walker walker(context, typeInfo, std::move(active));
        walker.walkDocument(document);
    } catch (const Abort &) {
        // the error that stopped validation is already in the list
    }
    return context.errors();
}

} // namespace refract::graphql
