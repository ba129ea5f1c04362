#include "executorintrospection.h"

#include "introspection.h"
#include "introspectiontypes.h"
#include "parser.h"
#include "schemabuilder.h"
#include "validation/context.h"

// The introspection resolvers of graphql-js 16.15 (type/introspection.ts) over our Schema model, and
// the entry points the SQL executor and the server use for introspection-only requests.
namespace refract::graphql {

namespace {

const Schema &introspectionSchema()
{
    static const Schema schema = [] {
        const ParseResult r = parse(QString::fromUtf8(introspectionTypesSdl()));
        return *buildSchema(*r.document, nullptr, true);
    }();
    return schema;
}

const Schema &builtInScalars()
{
    static const Schema schema = [] {
        Schema s;
        s.addBuiltInScalars();
        return s;
    }();
    return schema;
}

/// A `__Type` value: a named type, or one of the wrappers of a TypeRef of the schema.
struct IType
{
    const NamedType *named = nullptr;
    const TypeRef *ref = nullptr; ///< null for a named type
    size_t depth = 0;
};

QString kindName(TypeKind k)
{
    switch (k) {
    case TypeKind::Scalar: return QStringLiteral("SCALAR");
    case TypeKind::Object: return QStringLiteral("OBJECT");
    case TypeKind::Interface: return QStringLiteral("INTERFACE");
    case TypeKind::Union: return QStringLiteral("UNION");
    case TypeKind::Enum: return QStringLiteral("ENUM");
    case TypeKind::InputObject: return QStringLiteral("INPUT_OBJECT");
    }
    return QString();
}

bool includeDeprecated(const JsValue &args)
{
    const JsValue *v = args.get(u"includeDeprecated");
    return v && v->kind == JsValue::Kind::Boolean && v->boolean;
}

} // namespace

Executor::Private::Private(const Schema &s) : schema(s)
{
    typeOrder = typeMapOrder(s);
    for (const QString &n : typeOrder) {
        typeMap.insert(n);
        const NamedType *t = lookup(n);
        if (t && t->kind == TypeKind::Object)
            for (const QString &i : t->interfaces)
                implementations[i].push_back(t);
    }
}

const NamedType *Executor::Private::lookup(const QString &name) const
{
    if (name.startsWith(QLatin1String("__")) && Schema::isIntrospectionType(name))
        return introspectionSchema().type(name);
    if (const NamedType *t = schema.type(name))
        return t;
    return builtInScalars().type(name);
}

const NamedType *Executor::Private::rootType(ast::OperationType operation) const
{
    QString name;
    switch (operation) {
    case ast::OperationType::Query: name = schema.queryTypeName(); break;
    case ast::OperationType::Mutation: name = schema.mutationTypeName(); break;
    case ast::OperationType::Subscription: name = schema.subscriptionTypeName(); break;
    }
    if (name.isEmpty())
        return nullptr;
    const NamedType *t = lookup(name);
    return t && t->kind == TypeKind::Object ? t : nullptr;
}

bool Executor::Private::isSubType(const NamedType &abstract, const NamedType &maybeSub) const
{
    if (abstract.kind == TypeKind::Union)
        return abstract.possibleTypes.contains(maybeSub.name);
    if (abstract.kind == TypeKind::Interface)
        return (maybeSub.kind == TypeKind::Object || maybeSub.kind == TypeKind::Interface) && maybeSub.interfaces.contains(abstract.name);
    return false;
}

const Field *Executor::Private::fieldDef(const NamedType &parent, const QString &name) const
{
    if (name.startsWith(QLatin1String("__"))) {
        const NamedType *query = rootType(ast::OperationType::Query);
        if (&parent == query) {
            if (name == QLatin1String("__schema"))
                return &validation::schemaMetaField();
            if (name == QLatin1String("__type"))
                return &validation::typeMetaField();
        }
        if (name == QLatin1String("__typename"))
            return &validation::typeNameMetaField();
    }
    if (parent.kind != TypeKind::Object && parent.kind != TypeKind::Interface)
        return nullptr;
    return parent.field(name);
}

std::optional<ExecValue> Executor::Private::resolveIntrospection(const NamedType &parent, const Field &field, const ExecValue &source,
                                                                 const JsValue &args) const
{
    const QString &f = field.name;
    auto is = [&](const char *n) { return f == QLatin1String(n); };
    auto json = [](JsValue v) { return ExecValue::of(std::move(v)); };
    auto typeValue = [&](const QString &name) -> ExecValue {
        const NamedType *t = lookup(name);
        return t ? ExecValue::fromObject(IType{t, nullptr, 0}) : ExecValue::of(JsValue::null());
    };
    auto refValue = [&](const TypeRef &ref) -> ExecValue {
        const NamedType *t = lookup(ref.name);
        return t ? ExecValue::fromObject(IType{t, ref.wrappers.empty() ? nullptr : &ref, 0}) : ExecValue::of(JsValue::null());
    };
    auto inputValues = [&](const QList<InputValue> &list) {
        const bool all = includeDeprecated(args);
        std::vector<ExecValue> items;
        for (const InputValue &v : list)
            if (all || !v.deprecationReason)
                items.push_back(ExecValue::fromObject(&v));
        return ExecValue::makeList(std::move(items));
    };

    if (is("__typename"))
        return json(JsValue::of(parent.name));
    if (is("__schema"))
        return ExecValue::fromObject(&schema);
    if (is("__type")) {
        const JsValue *name = args.get(u"name");
        if (!name || name->kind != JsValue::Kind::String || !typeMap.contains(name->string))
            return json(JsValue::null());
        return typeValue(name->string);
    }

    const QString &p = parent.name;
    if (p == QLatin1String("__Schema")) {
        if (is("description"))
            return json(JsValue::of(schema.description));
        if (is("types")) {
            std::vector<ExecValue> items;
            items.reserve(size_t(typeOrder.size()));
            for (const QString &n : typeOrder)
                if (const NamedType *t = lookup(n))
                    items.push_back(ExecValue::fromObject(IType{t, nullptr, 0}));
            return ExecValue::makeList(std::move(items));
        }
        if (is("queryType") || is("mutationType") || is("subscriptionType")) {
            const NamedType *t = rootType(is("queryType") ? ast::OperationType::Query
                                          : is("mutationType") ? ast::OperationType::Mutation
                                                               : ast::OperationType::Subscription);
            return t ? ExecValue::fromObject(IType{t, nullptr, 0}) : json(JsValue::null());
        }
        if (is("directives")) {
            const bool all = includeDeprecated(args);
            std::vector<ExecValue> items;
            for (const DirectiveDefinition &d : schema.directives())
                if (all || !d.deprecationReason)
                    items.push_back(ExecValue::fromObject(&d));
            return ExecValue::makeList(std::move(items));
        }
        return std::nullopt;
    }
    if (p == QLatin1String("__Type")) {
        const IType *t = std::any_cast<IType>(&source.object);
        if (!t)
            return json(JsValue::null());
        if (t->ref && t->depth < t->ref->wrappers.size()) {
            const bool list = t->ref->wrappers[t->depth] == TypeRef::Wrapper::List;
            if (is("kind"))
                return json(JsValue::of(list ? QStringLiteral("LIST") : QStringLiteral("NON_NULL")));
            if (is("ofType"))
                return ExecValue::fromObject(IType{t->named, t->ref, t->depth + 1});
            return json(JsValue::null());
        }
        const NamedType &n = *t->named;
        if (is("kind"))
            return json(JsValue::of(kindName(n.kind)));
        if (is("name"))
            return json(JsValue::of(n.name));
        if (is("description"))
            return json(JsValue::of(n.description));
        if (is("specifiedByURL"))
            return json(n.kind == TypeKind::Scalar ? JsValue::of(n.specifiedByUrl) : JsValue::null());
        if (is("isOneOf"))
            return json(n.kind == TypeKind::InputObject ? JsValue::of(n.isOneOf) : JsValue::null());
        if (is("ofType"))
            return json(JsValue::null());
        const bool hasFields = n.kind == TypeKind::Object || n.kind == TypeKind::Interface;
        if (is("fields")) {
            if (!hasFields)
                return json(JsValue::null());
            const bool all = includeDeprecated(args);
            std::vector<ExecValue> items;
            items.reserve(size_t(n.fields.size()));
            for (const Field &fd : n.fields)
                if (all || !fd.deprecationReason)
                    items.push_back(ExecValue::fromObject(&fd));
            return ExecValue::makeList(std::move(items));
        }
        if (is("interfaces")) {
            if (!hasFields)
                return json(JsValue::null());
            std::vector<ExecValue> items;
            for (const QString &i : n.interfaces)
                items.push_back(typeValue(i));
            return ExecValue::makeList(std::move(items));
        }
        if (is("possibleTypes")) {
            std::vector<ExecValue> items;
            if (n.kind == TypeKind::Union) {
                for (const QString &m : n.possibleTypes)
                    items.push_back(typeValue(m));
            } else if (n.kind == TypeKind::Interface) {
                const auto it = implementations.constFind(n.name);
                if (it != implementations.constEnd())
                    for (const NamedType *o : *it)
                        items.push_back(ExecValue::fromObject(IType{o, nullptr, 0}));
            } else {
                return json(JsValue::null());
            }
            return ExecValue::makeList(std::move(items));
        }
        if (is("enumValues")) {
            if (n.kind != TypeKind::Enum)
                return json(JsValue::null());
            const bool all = includeDeprecated(args);
            std::vector<ExecValue> items;
            for (const EnumValue &v : n.enumValues)
                if (all || !v.deprecationReason)
                    items.push_back(ExecValue::fromObject(&v));
            return ExecValue::makeList(std::move(items));
        }
        if (is("inputFields"))
            return n.kind == TypeKind::InputObject ? inputValues(n.inputFields) : json(JsValue::null());
        return std::nullopt;
    }
    if (p == QLatin1String("__Field")) {
        const Field *const *fd = std::any_cast<const Field *>(&source.object);
        if (!fd)
            return json(JsValue::null());
        if (is("name"))
            return json(JsValue::of((*fd)->name));
        if (is("description"))
            return json(JsValue::of((*fd)->description));
        if (is("args"))
            return inputValues((*fd)->arguments);
        if (is("type"))
            return refValue((*fd)->type);
        if (is("isDeprecated"))
            return json(JsValue::of((*fd)->deprecationReason.has_value()));
        if (is("deprecationReason"))
            return json(JsValue::of((*fd)->deprecationReason));
        return std::nullopt;
    }
    if (p == QLatin1String("__InputValue")) {
        const InputValue *const *v = std::any_cast<const InputValue *>(&source.object);
        if (!v)
            return json(JsValue::null());
        if (is("name"))
            return json(JsValue::of((*v)->name));
        if (is("description"))
            return json(JsValue::of((*v)->description));
        if (is("type"))
            return refValue((*v)->type);
        if (is("defaultValue"))
            return json(JsValue::of((*v)->defaultValue));
        if (is("isDeprecated"))
            return json(JsValue::of((*v)->deprecationReason.has_value()));
        if (is("deprecationReason"))
            return json(JsValue::of((*v)->deprecationReason));
        return std::nullopt;
    }
    if (p == QLatin1String("__EnumValue")) {
        const EnumValue *const *v = std::any_cast<const EnumValue *>(&source.object);
        if (!v)
            return json(JsValue::null());
        if (is("name"))
            return json(JsValue::of((*v)->name));
        if (is("description"))
            return json(JsValue::of((*v)->description));
        if (is("isDeprecated"))
            return json(JsValue::of((*v)->deprecationReason.has_value()));
        if (is("deprecationReason"))
            return json(JsValue::of((*v)->deprecationReason));
        return std::nullopt;
    }
    if (p == QLatin1String("__Directive")) {
        const DirectiveDefinition *const *d = std::any_cast<const DirectiveDefinition *>(&source.object);
        if (!d)
            return json(JsValue::null());
        if (is("name"))
            return json(JsValue::of((*d)->name));
        if (is("description"))
            return json(JsValue::of((*d)->description));
        if (is("isRepeatable"))
            return json(JsValue::of((*d)->repeatable));
        if (is("locations")) {
            JsValue l = JsValue::makeList();
            for (const QString &loc : (*d)->locations)
                l.list.push_back(JsValue::of(loc));
            return json(std::move(l));
        }
        if (is("args"))
            return inputValues((*d)->arguments);
        if (is("isDeprecated"))
            return json(JsValue::of((*d)->deprecationReason.has_value()));
        if (is("deprecationReason"))
            return json(JsValue::of((*d)->deprecationReason));
        return std::nullopt;
    }
    return std::nullopt;
}

namespace {

bool onlyIntrospection(const ast::Document &document, const ast::SelectionSet &set, QSet<QString> &visited, bool &any, int depth)
{
    if (depth > 256)
        return false;
    for (const ast::Selection &s : set.selections) {
        switch (s.kind) {
        case ast::Selection::Kind::Field:
            if (!s.name.value.startsWith(QLatin1String("__")))
                return false;
            any = true;
            break;
        case ast::Selection::Kind::InlineFragment:
            if (s.selectionSet && !onlyIntrospection(document, *s.selectionSet, visited, any, depth + 1))
                return false;
            break;
        case ast::Selection::Kind::FragmentSpread:
            if (visited.contains(s.name.value))
                break;
            visited.insert(s.name.value);
            for (const ast::Definition &d : document.definitions)
                if (d.kind == ast::Definition::Kind::Fragment && d.name && d.name->value == s.name.value && d.selectionSet) {
                    if (!onlyIntrospection(document, *d.selectionSet, visited, any, depth + 1))
                        return false;
                    break;
                }
            break;
        }
    }
    return true;
}

} // namespace

bool isIntrospectionOnly(const ast::Document &document, const QString &operationName)
{
    const ast::Definition *operation = selectOperation(document, operationName);
    if (!operation || !operation->selectionSet || operation->operation != ast::OperationType::Query)
        return false;
    QSet<QString> visited;
    bool any = false;
    return onlyIntrospection(document, *operation->selectionSet, visited, any, 0) && any;
}

QByteArray executeIntrospection(const Schema &schema, const ast::Document &document, const QString &operationName, const QByteArray &variables)
{
    JsValue vars = JsValue::makeObject();
    if (!variables.trimmed().isEmpty()) {
        std::optional<JsValue> parsed = JsValue::fromJson(variables);
        if (!parsed || !(parsed->kind == JsValue::Kind::Object || parsed->isNull())) {
            ExecutionResult r;
            r.errors.append(ExecutionError{QStringLiteral("Variables are invalid JSON."), {}, {}, false, {}});
            return r.toJson();
        }
        if (parsed->kind == JsValue::Kind::Object)
            vars = std::move(*parsed);
    }
    const Executor executor(schema);
    return executor.execute(document, operationName, vars).toJson();
}

} // namespace refract::graphql
