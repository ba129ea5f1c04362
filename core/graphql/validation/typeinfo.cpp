#include "typeinfo.h"

namespace refract::graphql::validation {

void TypeInfo::enterSelectionSet()
{
    const NamedType *named = type().named;
    m_parentTypeStack.push_back(isComposite(named) ? named : nullptr);
}

void TypeInfo::enterField(const ast::Selection &field)
{
    const NamedType *parent = parentType();
    const SchemaIndex::FieldInfo *def = parent ? m_context.fieldInfo(parent, field.name.value) : nullptr;
    m_fieldDefStack.push_back(def);
    const TypeView t = def ? def->type() : TypeView{};
    m_typeStack.push_back(isOutputType(t) ? t : TypeView{});
}

void TypeInfo::leaveField()
{
    m_fieldDefStack.pop_back();
    m_typeStack.pop_back();
}

void TypeInfo::enterDirective(const ast::Directive &d)
{
    m_directive = m_context.schema().directive(d.name.value);
}

void TypeInfo::enterOperation(const ast::Definition &op)
{
    m_typeStack.push_back(TypeView::plain(m_context.rootType(op.operation)));
}

void TypeInfo::enterFragment(const std::optional<ast::Name> &typeCondition)
{
    const TypeView t = typeCondition ? TypeView::plain(m_context.type(typeCondition->value)) : type().namedType();
    m_typeStack.push_back(isOutputType(t) ? t : TypeView{});
}

void TypeInfo::enterVariableDefinition(const ast::VariableDefinition &v)
{
    const TypeView t = m_context.typeFromAst(v.type);
    m_inputTypeStack.push_back(isInputType(t) ? t : TypeView{});
}

void TypeInfo::enterArgument(const ast::Argument &a)
{
    // graphql-js falls back to the enclosing field when the directive is unknown.
    if (!m_directive) {
        const SchemaIndex::FieldInfo *field = m_fieldDefStack.empty() ? nullptr : m_fieldDefStack.back();
        const SchemaIndex::ArgumentInfo *info = field ? m_context.index().argument(*field, a.name.value) : nullptr;
        m_argument = info ? info->argument : nullptr;
        m_defaultValueStack.push_back(info && info->hasDefault);
        const TypeView t = info ? info->type() : TypeView{};
        m_inputTypeStack.push_back(isInputType(t) ? t : TypeView{});
        return;
    }
    const QList<InputValue> *args = &m_directive->arguments;
    const InputValue *def = nullptr;
    if (args)
        for (const InputValue &candidate : *args)
            if (sameName(candidate.name, a.name.value)) {
                def = &candidate;
                break;
            }
    m_argument = def;
    m_defaultValueStack.push_back(def && def->defaultValue.has_value());
    const TypeView t = def ? m_context.typeOf(def->type) : TypeView{};
    m_inputTypeStack.push_back(isInputType(t) ? t : TypeView{});
}

void TypeInfo::leaveArgument()
{
    m_argument = nullptr;
    m_defaultValueStack.pop_back();
    m_inputTypeStack.pop_back();
}

void TypeInfo::enterList()
{
    const TypeView listType = inputType().nullable();
    const TypeView item = listType.isList() ? listType.ofType() : listType;
    m_defaultValueStack.push_back(0);
    m_inputTypeStack.push_back(isInputType(item) ? item : TypeView{});
}

void TypeInfo::enterObjectField(const ast::ObjectField &f)
{
    const NamedType *objectType = inputType().named;
    const InputValue *field = isInputObject(objectType) ? objectType->inputField(f.name.value) : nullptr;
    m_defaultValueStack.push_back(field && field->defaultValue.has_value());
    const TypeView t = field ? m_context.typeOf(field->type) : TypeView{};
    m_inputTypeStack.push_back(isInputType(t) ? t : TypeView{});
}

void TypeInfo::leaveListOrObjectField()
{
    m_defaultValueStack.pop_back();
    m_inputTypeStack.pop_back();
}

} // namespace refract::graphql::validation
