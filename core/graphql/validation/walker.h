#pragma once

#include "rule.h"

#include <vector>

namespace refract::graphql::validation {

/// graphql-js `visit(document, visitWithTypeInfo(typeInfo, visitInParallel(rules)))`: one depth-first
/// walk in graphql-js's key order (descriptions left out, as `validate` does), keeping the TypeInfo
/// up to date and calling every rule that is not skipping the current subtree.
class Walker
{
public:
    Walker(ValidationContext &context, TypeInfo &typeInfo, std::vector<Rule *> rules);

    void walkDocument(const ast::Document &document);
    void walkDefinition(const ast::Definition &definition);

private:
    template <typename F> void enter(Hook kind, F &&f);
    template <typename F> void leave(Hook kind, F &&f);

    void walkOperation(const ast::Definition &op);
    void walkFragmentDefinition(const ast::Definition &fragment);
    void walkTypeSystem(const ast::Definition &def);
    void walkVariableDefinition(const ast::VariableDefinition &v);
    void walkSelectionSet(const ast::SelectionSet &set, bool parentIsInlineFragment);
    void walkSelection(const ast::Selection &s);
    void walkArgument(const ast::Argument &a);
    void walkDirectives(const std::vector<ast::Directive> &directives, QLatin1String location);
    void walkValue(const ast::Value &v);
    void walkType(const ast::Type &t);
    void walkNamedType(const ast::Name &name);
    void walkInputValueDefinition(const ast::InputValueDefinition &d, bool inInputObjectDefinition);
    void visitSdlNode(SdlNode::Scope scope, const QString *name, const std::vector<ast::Directive> &directives);

    ValidationContext &m_context;
    TypeInfo &m_typeInfo;
    std::vector<Rule *> m_rules;
    std::vector<size_t> m_byKind[HookCount];
    std::vector<int> m_skipDepth; ///< per rule: depth of the node that asked to skip, 0 when active
    int m_depth = 0;
    const ast::Definition *m_definition = nullptr;
};

} // namespace refract::graphql::validation
