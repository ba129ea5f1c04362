#pragma once

#include "context.h"
#include "typeinfo.h"

#include <QLatin1String>

#include <initializer_list>

#include <memory>
#include <vector>

namespace refract::graphql::validation {

/// A type-system node met in an executable document (graphql-js still walks them).
struct SdlNode
{
    enum class Scope { Schema, Type, Directive, Member }; ///< whose directives are unique together
    Scope scope = Scope::Member;
    const QString *name = nullptr; ///< type or directive name for Type/Directive scopes
    const std::vector<ast::Directive> *directives = nullptr;
};

/// The node kinds a rule has hooks for (enter or leave).
enum class Hook : unsigned {
    Document, Operation, FragmentDefinition, VariableDefinition, SelectionSet, Field, FragmentSpread,
    InlineFragment, Argument, Directive, Value, ObjectField, NamedType, SdlNode,
};
constexpr int HookCount = 14;
constexpr unsigned hookMask(std::initializer_list<Hook> hooks)
{
    unsigned m = 0;
    for (Hook h : hooks)
        m |= 1u << unsigned(h);
    return m;
}

/// One validation rule (graphql-js `ValidationRule`). The walker calls the hooks in document order,
/// for all rules in the order of `specifiedRules`, which is what makes the errors come out in
/// graphql-js's order. An enter hook returning false skips the node's subtree for this rule only
/// (graphql-js `visitInParallel`); the matching leave hook is then not called.
class Rule
{
public:
    Rule(ValidationContext &context, const TypeInfo &typeInfo) : m_context(context), m_typeInfo(typeInfo) {}
    virtual ~Rule() = default;
    Rule(const Rule &) = delete;
    Rule &operator=(const Rule &) = delete;

    /// The kinds of nodes this rule looks at (`hookMask`); the walker calls no other hooks.
    virtual unsigned hooks() const { return (1u << HookCount) - 1; }

    virtual bool enterDocument(const ast::Document &) { return true; }
    virtual void leaveDocument(const ast::Document &) {}
    virtual bool enterOperation(const ast::Definition &) { return true; }
    virtual void leaveOperation(const ast::Definition &) {}
    virtual bool enterFragmentDefinition(const ast::Definition &) { return true; }
    virtual void leaveFragmentDefinition(const ast::Definition &) {}
    virtual bool enterVariableDefinition(const ast::VariableDefinition &) { return true; }
    virtual bool enterSelectionSet(const ast::SelectionSet &, bool /*parentIsInlineFragment*/) { return true; }
    virtual bool enterField(const ast::Selection &) { return true; }
    virtual void leaveField(const ast::Selection &) {}
    virtual bool enterFragmentSpread(const ast::Selection &) { return true; }
    virtual bool enterInlineFragment(const ast::Selection &) { return true; }
    virtual bool enterArgument(const ast::Argument &) { return true; }
    /// `location` is graphql-js's `getDirectiveLocationForASTPath` (`FIELD`, `QUERY`, …).
    virtual bool enterDirective(const ast::Directive &, QLatin1String /*location*/) { return true; }
    virtual void leaveDirective(const ast::Directive &) {}
    virtual bool enterValue(const ast::Value &) { return true; }
    virtual void leaveValue(const ast::Value &) {}
    virtual bool enterObjectField(const ast::ObjectField &) { return true; }
    /// A NamedType node; `definition` is the top-level definition it belongs to.
    virtual bool enterNamedType(const ast::Name &, const ast::Definition &) { return true; }
    virtual bool enterSdlNode(const SdlNode &) { return true; }

protected:
    ValidationContext &m_context;
    const TypeInfo &m_typeInfo;
};

using RulePtr = std::unique_ptr<Rule>;

/// graphql-js 16.15 `specifiedRules`, in its order.
std::vector<RulePtr> makeSpecifiedRules(ValidationContext &context, const TypeInfo &typeInfo);

// Factories, grouped by the source file that implements them.
RulePtr makeExecutableDefinitionsRule(ValidationContext &, const TypeInfo &);
RulePtr makeUniqueOperationNamesRule(ValidationContext &, const TypeInfo &);
RulePtr makeLoneAnonymousOperationRule(ValidationContext &, const TypeInfo &);
RulePtr makeSingleFieldSubscriptionsRule(ValidationContext &, const TypeInfo &);
RulePtr makeKnownTypeNamesRule(ValidationContext &, const TypeInfo &);
RulePtr makeFragmentsOnCompositeTypesRule(ValidationContext &, const TypeInfo &);
RulePtr makeVariablesAreInputTypesRule(ValidationContext &, const TypeInfo &);
RulePtr makeScalarLeafsRule(ValidationContext &, const TypeInfo &);
RulePtr makeFieldsOnCorrectTypeRule(ValidationContext &, const TypeInfo &);
RulePtr makeUniqueFragmentNamesRule(ValidationContext &, const TypeInfo &);
RulePtr makeKnownFragmentNamesRule(ValidationContext &, const TypeInfo &);
RulePtr makeNoUnusedFragmentsRule(ValidationContext &, const TypeInfo &);
RulePtr makePossibleFragmentSpreadsRule(ValidationContext &, const TypeInfo &);
RulePtr makeNoFragmentCyclesRule(ValidationContext &, const TypeInfo &);
RulePtr makeUniqueVariableNamesRule(ValidationContext &, const TypeInfo &);
RulePtr makeNoUndefinedVariablesRule(ValidationContext &, const TypeInfo &);
RulePtr makeNoUnusedVariablesRule(ValidationContext &, const TypeInfo &);
RulePtr makeKnownDirectivesRule(ValidationContext &, const TypeInfo &);
RulePtr makeUniqueDirectivesPerLocationRule(ValidationContext &, const TypeInfo &);
RulePtr makeKnownArgumentNamesRule(ValidationContext &, const TypeInfo &);
RulePtr makeUniqueArgumentNamesRule(ValidationContext &, const TypeInfo &);
RulePtr makeValuesOfCorrectTypeRule(ValidationContext &, const TypeInfo &);
RulePtr makeProvidedRequiredArgumentsRule(ValidationContext &, const TypeInfo &);
RulePtr makeVariablesInAllowedPositionRule(ValidationContext &, const TypeInfo &);
RulePtr makeOverlappingFieldsCanBeMergedRule(ValidationContext &, const TypeInfo &);
RulePtr makeUniqueInputFieldNamesRule(ValidationContext &, const TypeInfo &);
RulePtr makeMaxIntrospectionDepthRule(ValidationContext &, const TypeInfo &);

} // namespace refract::graphql::validation
