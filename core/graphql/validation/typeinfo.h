#pragma once

#include "context.h"

#include <vector>

namespace refract::graphql::validation {

/// graphql-js `TypeInfo`: the types in scope at each point of the walk. The walker calls the enter
/// methods before the rules see a node and the leave methods after, as `visitWithTypeInfo` does.
class TypeInfo
{
public:
    explicit TypeInfo(ValidationContext &context) : m_context(context) {}

    TypeView type() const { return m_typeStack.empty() ? TypeView{} : m_typeStack.back(); }
    const NamedType *parentType() const { return m_parentTypeStack.empty() ? nullptr : m_parentTypeStack.back(); }
    TypeView inputType() const { return m_inputTypeStack.empty() ? TypeView{} : m_inputTypeStack.back(); }
    TypeView parentInputType() const
    {
        return m_inputTypeStack.size() > 1 ? m_inputTypeStack[m_inputTypeStack.size() - 2] : TypeView{};
    }
    const Field *fieldDef() const { return m_fieldDefStack.empty() || !m_fieldDefStack.back() ? nullptr : m_fieldDefStack.back()->field; }
    /// The current field has a non-null argument without a default (answered by the index, without
    /// reading the schema's argument list).
    bool fieldHasRequiredArguments() const { return !m_fieldDefStack.empty() && m_fieldDefStack.back() && m_fieldDefStack.back()->requiredArguments; }
    bool hasDefaultValue() const { return !m_defaultValueStack.empty() && m_defaultValueStack.back(); }
    const DirectiveDefinition *directive() const { return m_directive; }
    const InputValue *argument() const { return m_argument; }

    void enterSelectionSet();
    void leaveSelectionSet() { m_parentTypeStack.pop_back(); }
    void enterField(const ast::Selection &field);
    void leaveField();
    void enterDirective(const ast::Directive &d);
    void leaveDirective() { m_directive = nullptr; }
    void enterOperation(const ast::Definition &op);
    /// Inline fragments and fragment definitions.
    void enterFragment(const std::optional<ast::Name> &typeCondition);
    void leaveTypeScope() { m_typeStack.pop_back(); }
    void enterVariableDefinition(const ast::VariableDefinition &v);
    void leaveVariableDefinition() { m_inputTypeStack.pop_back(); }
    void enterArgument(const ast::Argument &a);
    void leaveArgument();
    void enterList();
    void enterObjectField(const ast::ObjectField &f);
    void leaveListOrObjectField();

private:
    ValidationContext &m_context;
    std::vector<TypeView> m_typeStack;
    std::vector<const NamedType *> m_parentTypeStack;
    std::vector<TypeView> m_inputTypeStack;
    std::vector<const SchemaIndex::FieldInfo *> m_fieldDefStack;
    std::vector<char> m_defaultValueStack;
    const DirectiveDefinition *m_directive = nullptr;
    const InputValue *m_argument = nullptr;
};

} // namespace refract::graphql::validation
