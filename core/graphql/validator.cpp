#include "validator.h"

#include "validation/context.h"
#include "validation/rule.h"
#include "validation/typeinfo.h"
#include "validation/walker.h"

namespace refract::graphql {

namespace {

using namespace validation;

/// graphql-js `ValidationContext.getVariableUsages`: the variables of one definition with the input
/// type expected where each is used (variable definitions themselves are not walked).
class UsageCollector final : public Rule
{
public:
    UsageCollector(ValidationContext &c, const TypeInfo &t, std::vector<VariableUsage> &out) : Rule(c, t), m_out(out) {}
    bool enterVariableDefinition(const ast::VariableDefinition &) override { return false; }
    bool enterValue(const ast::Value &v) override
    {
        if (v.kind == ast::Value::Kind::Variable)
            m_out.push_back({&v, m_typeInfo.inputType(), m_typeInfo.hasDefaultValue(), m_typeInfo.parentInputType()});
        return true;
    }

private:
    std::vector<VariableUsage> &m_out;
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
        // walked, so they are collected first in a walk of their own (graphql-js computes them lazily).
        for (const ast::Definition &d : document.definitions) {
            if (!d.isExecutable())
                continue;
            std::vector<VariableUsage> &usages = context.variableUsageMap()[&d];
            TypeInfo typeInfo(context);
            UsageCollector collector(context, typeInfo, usages);
            Walker walker(context, typeInfo, {&collector});
            walker.walkDefinition(d);
        }

        TypeInfo typeInfo(context);
        std::vector<RulePtr> rules = makeSpecifiedRules(context, typeInfo);
        std::vector<Rule *> active;
        active.reserve(rules.size());
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
