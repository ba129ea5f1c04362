#include "walker.h"

namespace refract::graphql::validation {

using ast::Definition;
using ast::Selection;
using ast::Value;

Walker::Walker(ValidationContext &context, TypeInfo &typeInfo, std::vector<Rule *> rules)
    : m_context(context), m_typeInfo(typeInfo), m_rules(std::move(rules)), m_skipDepth(m_rules.size(), 0)
{
    // Dispatch lists per node kind, so a node costs a call only for the rules that look at its kind.
    for (size_t i = 0; i < m_rules.size(); ++i) {
        const unsigned hooks = m_rules[i]->hooks();
        for (int k = 0; k < HookCount; ++k)
            if (hooks & (1u << k))
                m_byKind[k].push_back(i);
    }
}

template <typename F> void Walker::enter(Hook kind, F &&f)
{
    ++m_depth;
    for (const size_t i : m_byKind[int(kind)])
        if (!m_skipDepth[i] && !f(*m_rules[i]))
            m_skipDepth[i] = m_depth;
}

template <typename F> void Walker::leave(Hook kind, F &&f)
{
    // A rule that skipped this node did so from this kind's enter hook, so it is in this list.
    for (const size_t i : m_byKind[int(kind)]) {
        if (!m_skipDepth[i])
            f(*m_rules[i]);
        else if (m_skipDepth[i] == m_depth)
            m_skipDepth[i] = 0;
    }
    --m_depth;
}

// A node no rule reacts to on leave still has to close its skip scope.
#define NO_LEAVE [](Rule &) {}

void Walker::walkDocument(const ast::Document &document)
{
    enter(Hook::Document, [&](Rule &r) { return r.enterDocument(document); });
    for (const Definition &d : document.definitions)
        walkDefinition(d);
    leave(Hook::Document, [&](Rule &r) { r.leaveDocument(document); });
}

void Walker::walkDefinition(const Definition &definition)
{
    m_definition = &definition;
    if (definition.kind == Definition::Kind::Operation)
        walkOperation(definition);
    else if (definition.kind == Definition::Kind::Fragment)
        walkFragmentDefinition(definition);
    else
        walkTypeSystem(definition);
}

void Walker::walkOperation(const Definition &op)
{
    m_typeInfo.enterOperation(op);
    enter(Hook::Operation, [&](Rule &r) { return r.enterOperation(op); });
    for (const ast::VariableDefinition &v : op.variableDefinitions)
        walkVariableDefinition(v);
    QLatin1String location("QUERY");
    if (op.operation == ast::OperationType::Mutation)
        location = QLatin1String("MUTATION");
    else if (op.operation == ast::OperationType::Subscription)
        location = QLatin1String("SUBSCRIPTION");
    walkDirectives(op.directives, location);
    if (op.selectionSet)
        walkSelectionSet(*op.selectionSet, false);
    leave(Hook::Operation, [&](Rule &r) { r.leaveOperation(op); });
    m_typeInfo.leaveTypeScope();
}

void Walker::walkFragmentDefinition(const Definition &fragment)
{
    m_typeInfo.enterFragment(fragment.typeCondition);
    enter(Hook::FragmentDefinition, [&](Rule &r) { return r.enterFragmentDefinition(fragment); });
    for (const ast::VariableDefinition &v : fragment.variableDefinitions)
        walkVariableDefinition(v);
    if (fragment.typeCondition)
        walkNamedType(*fragment.typeCondition);
    walkDirectives(fragment.directives, QLatin1String("FRAGMENT_DEFINITION"));
    if (fragment.selectionSet)
        walkSelectionSet(*fragment.selectionSet, false);
    leave(Hook::FragmentDefinition, [&](Rule &r) { r.leaveFragmentDefinition(fragment); });
    m_typeInfo.leaveTypeScope();
}

void Walker::walkVariableDefinition(const ast::VariableDefinition &v)
{
    m_typeInfo.enterVariableDefinition(v);
    enter(Hook::VariableDefinition, [&](Rule &r) { return r.enterVariableDefinition(v); });
    // The `$name` Variable node: no rule looks at it inside a definition.
    walkType(v.type);
    if (v.defaultValue)
        walkValue(*v.defaultValue);
    walkDirectives(v.directives, QLatin1String("VARIABLE_DEFINITION"));
    leave(Hook::VariableDefinition, NO_LEAVE);
    m_typeInfo.leaveVariableDefinition();
}

void Walker::walkSelectionSet(const ast::SelectionSet &set, bool parentIsInlineFragment)
{
    m_typeInfo.enterSelectionSet();
    enter(Hook::SelectionSet, [&](Rule &r) { return r.enterSelectionSet(set, parentIsInlineFragment); });
    for (const Selection &s : set.selections)
        walkSelection(s);
    leave(Hook::SelectionSet, NO_LEAVE);
    m_typeInfo.leaveSelectionSet();
}

void Walker::walkSelection(const Selection &s)
{
    switch (s.kind) {
    case Selection::Kind::Field:
        m_typeInfo.enterField(s);
        enter(Hook::Field, [&](Rule &r) { return r.enterField(s); });
        for (const ast::Argument &a : s.arguments)
            walkArgument(a);
        walkDirectives(s.directives, QLatin1String("FIELD"));
        if (s.selectionSet)
            walkSelectionSet(*s.selectionSet, false);
        leave(Hook::Field, [&](Rule &r) { r.leaveField(s); });
        m_typeInfo.leaveField();
        break;
    case Selection::Kind::FragmentSpread:
        enter(Hook::FragmentSpread, [&](Rule &r) { return r.enterFragmentSpread(s); });
        walkDirectives(s.directives, QLatin1String("FRAGMENT_SPREAD"));
        leave(Hook::FragmentSpread, NO_LEAVE);
        break;
    case Selection::Kind::InlineFragment:
        m_typeInfo.enterFragment(s.typeCondition);
        enter(Hook::InlineFragment, [&](Rule &r) { return r.enterInlineFragment(s); });
        if (s.typeCondition)
            walkNamedType(*s.typeCondition);
        walkDirectives(s.directives, QLatin1String("INLINE_FRAGMENT"));
        if (s.selectionSet)
            walkSelectionSet(*s.selectionSet, true);
        leave(Hook::InlineFragment, NO_LEAVE);
        m_typeInfo.leaveTypeScope();
        break;
    }
}

void Walker::walkArgument(const ast::Argument &a)
{
    m_typeInfo.enterArgument(a);
    enter(Hook::Argument, [&](Rule &r) { return r.enterArgument(a); });
    walkValue(a.value);
    leave(Hook::Argument, NO_LEAVE);
    m_typeInfo.leaveArgument();
}

void Walker::walkDirectives(const std::vector<ast::Directive> &directives, QLatin1String location)
{
    for (const ast::Directive &d : directives) {
        m_typeInfo.enterDirective(d);
        enter(Hook::Directive, [&](Rule &r) { return r.enterDirective(d, location); });
        for (const ast::Argument &a : d.arguments)
            walkArgument(a);
        leave(Hook::Directive, [&](Rule &r) { r.leaveDirective(d); });
        m_typeInfo.leaveDirective();
    }
}

void Walker::walkValue(const Value &v)
{
    switch (v.kind) {
    case Value::Kind::List:
        m_typeInfo.enterList();
        enter(Hook::Value, [&](Rule &r) { return r.enterValue(v); });
        for (const Value &item : v.list)
            walkValue(item);
        leave(Hook::Value, [&](Rule &r) { r.leaveValue(v); });
        m_typeInfo.leaveListOrObjectField();
        break;
    case Value::Kind::Object:
        enter(Hook::Value, [&](Rule &r) { return r.enterValue(v); });
        for (const ast::ObjectField &f : v.fields) {
            m_typeInfo.enterObjectField(f);
            enter(Hook::ObjectField, [&](Rule &r) { return r.enterObjectField(f); });
            walkValue(f.value);
            leave(Hook::ObjectField, NO_LEAVE);
            m_typeInfo.leaveListOrObjectField();
        }
        leave(Hook::Value, [&](Rule &r) { r.leaveValue(v); });
        break;
    default:
        enter(Hook::Value, [&](Rule &r) { return r.enterValue(v); });
        leave(Hook::Value, [&](Rule &r) { r.leaveValue(v); });
        break;
    }
}

void Walker::walkType(const ast::Type &t)
{
    if (t.kind == ast::Type::Kind::Named) {
        walkNamedType(t.name);
        return;
    }
    ++m_depth; // ListType / NonNullType nodes: no rule reacts, but they nest
    if (t.ofType)
        walkType(*t.ofType);
    --m_depth;
}

void Walker::walkNamedType(const ast::Name &name)
{
    enter(Hook::NamedType, [&](Rule &r) { return r.enterNamedType(name, *m_definition); });
    leave(Hook::NamedType, NO_LEAVE);
}

void Walker::visitSdlNode(SdlNode::Scope scope, const QString *name, const std::vector<ast::Directive> &directives)
{
    const SdlNode node{scope, name, &directives};
    enter(Hook::SdlNode, [&](Rule &r) { return r.enterSdlNode(node); });
}

void Walker::walkInputValueDefinition(const ast::InputValueDefinition &d, bool inInputObjectDefinition)
{
    visitSdlNode(SdlNode::Scope::Member, nullptr, d.directives);
    walkType(d.type);
    if (d.defaultValue)
        walkValue(*d.defaultValue);
    walkDirectives(d.directives, inInputObjectDefinition ? QLatin1String("INPUT_FIELD_DEFINITION")
                                                         : QLatin1String("ARGUMENT_DEFINITION"));
    leave(Hook::SdlNode, NO_LEAVE);
}

void Walker::walkTypeSystem(const Definition &def)
{
    using K = Definition::Kind;
    const QString *name = def.name ? &def.name->value : nullptr;
    SdlNode::Scope scope = SdlNode::Scope::Type;
    if (def.kind == K::Schema || def.kind == K::SchemaExtension)
        scope = SdlNode::Scope::Schema;
    else if (def.kind == K::Directive || def.kind == K::DirectiveExtension)
        scope = SdlNode::Scope::Directive;
    visitSdlNode(scope, name, def.directives);

    QLatin1String location("SCHEMA");
    switch (def.kind) {
    case K::Scalar: case K::ScalarExtension: location = QLatin1String("SCALAR"); break;
    case K::Object: case K::ObjectExtension: location = QLatin1String("OBJECT"); break;
    case K::Interface: case K::InterfaceExtension: location = QLatin1String("INTERFACE"); break;
    case K::Union: case K::UnionExtension: location = QLatin1String("UNION"); break;
    case K::Enum: case K::EnumExtension: location = QLatin1String("ENUM"); break;
    case K::InputObject: case K::InputObjectExtension: location = QLatin1String("INPUT_OBJECT"); break;
    case K::Directive: case K::DirectiveExtension: location = QLatin1String("DIRECTIVE_DEFINITION"); break;
    default: break;
    }

    switch (def.kind) {
    case K::Schema: case K::SchemaExtension:
        walkDirectives(def.directives, location);
        for (const ast::OperationTypeDefinition &o : def.operationTypes) {
            ++m_depth;
            walkNamedType(o.type);
            --m_depth;
        }
        break;
    case K::Object: case K::ObjectExtension: case K::Interface: case K::InterfaceExtension:
        for (const ast::Name &i : def.interfaces)
            walkNamedType(i);
        walkDirectives(def.directives, location);
        for (const ast::FieldDefinition &f : def.fields) {
            visitSdlNode(SdlNode::Scope::Member, nullptr, f.directives);
            for (const ast::InputValueDefinition &a : f.arguments)
                walkInputValueDefinition(a, false);
            walkType(f.type);
            walkDirectives(f.directives, QLatin1String("FIELD_DEFINITION"));
            leave(Hook::SdlNode, NO_LEAVE);
        }
        break;
    case K::Union: case K::UnionExtension:
        walkDirectives(def.directives, location);
        for (const ast::Name &t : def.types)
            walkNamedType(t);
        break;
    case K::Enum: case K::EnumExtension:
        walkDirectives(def.directives, location);
        for (const ast::EnumValueDefinition &v : def.values) {
            visitSdlNode(SdlNode::Scope::Member, nullptr, v.directives);
            walkDirectives(v.directives, QLatin1String("ENUM_VALUE"));
            leave(Hook::SdlNode, NO_LEAVE);
        }
        break;
    case K::InputObject: case K::InputObjectExtension:
        walkDirectives(def.directives, location);
        for (const ast::InputValueDefinition &f : def.inputFields)
            walkInputValueDefinition(f, def.kind == K::InputObject);
        break;
    case K::Directive: case K::DirectiveExtension:
        for (const ast::InputValueDefinition &a : def.arguments)
            walkInputValueDefinition(a, false);
        walkDirectives(def.directives, location);
        break;
    default: // scalars
        walkDirectives(def.directives, location);
        break;
    }
    leave(Hook::SdlNode, NO_LEAVE);
}

#undef NO_LEAVE

} // namespace refract::graphql::validation
