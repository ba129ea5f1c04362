#include "context.h"

#include <QStringView>

#include <algorithm>

namespace refract::graphql::validation {

namespace {

InputValue arg(const char *name, const char *type, const char *defaultValue = nullptr)
{
    InputValue a;
    a.name = QString::fromLatin1(name);
    a.type = TypeRef::parse(QString::fromLatin1(type));
    if (defaultValue)
        a.defaultValue = QString::fromLatin1(defaultValue);
    return a;
}

Field field(const char *name, const char *type, QList<InputValue> args = {})
{
    Field f;
    f.name = QString::fromLatin1(name);
    f.type = TypeRef::parse(QString::fromLatin1(type));
    f.arguments = std::move(args);
    return f;
}

NamedType object(const char *name, QList<Field> fields)
{
    NamedType t;
    t.kind = TypeKind::Object;
    t.name = QString::fromLatin1(name);
    t.fields = std::move(fields);
    return t;
}

NamedType enumType(const char *name, std::initializer_list<const char *> values)
{
    NamedType t;
    t.kind = TypeKind::Enum;
    t.name = QString::fromLatin1(name);
    for (const char *v : values) {
        EnumValue e;
        e.name = QString::fromLatin1(v);
        t.enumValues.append(e);
    }
    return t;
}

// As graphql-js 16.15 defines them (type/introspection.ts); only names, types and arguments matter here.
struct Introspection
{
    std::vector<NamedType> types;
    QHash<QString, const NamedType *> byName;
    QStringList names;
    Field schemaField = field("__schema", "__Schema!");
    Field typeField = field("__type", "__Type", {arg("name", "String!")});
    Field typeNameField = field("__typename", "String!");

    Introspection()
    {
        const char *incl = "includeDeprecated";
        types.push_back(object("__Schema", {
            field("description", "String"), field("types", "[__Type!]!"), field("queryType", "__Type!"),
            field("mutationType", "__Type"), field("subscriptionType", "__Type"),
            field("directives", "[__Directive!]!", {arg(incl, "Boolean!", "false")})}));
        types.push_back(object("__Directive", {
            field("name", "String!"), field("description", "String"), field("isRepeatable", "Boolean!"),
            field("locations", "[__DirectiveLocation!]!"),
            field("args", "[__InputValue!]!", {arg(incl, "Boolean", "false")}),
            field("isDeprecated", "Boolean!"), field("deprecationReason", "String")}));
        types.push_back(enumType("__DirectiveLocation", {
            "QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD",
            "INLINE_FRAGMENT", "VARIABLE_DEFINITION", "SCHEMA", "SCALAR", "OBJECT", "FIELD_DEFINITION",
            "ARGUMENT_DEFINITION", "INTERFACE", "UNION", "ENUM", "ENUM_VALUE", "INPUT_OBJECT",
            "INPUT_FIELD_DEFINITION", "DIRECTIVE_DEFINITION"}));
        types.push_back(object("__Type", {
            field("kind", "__TypeKind!"), field("name", "String"), field("description", "String"),
            field("specifiedByURL", "String"),
            field("fields", "[__Field!]", {arg(incl, "Boolean", "false")}),
            field("interfaces", "[__Type!]"), field("possibleTypes", "[__Type!]"),
            field("enumValues", "[__EnumValue!]", {arg(incl, "Boolean", "false")}),
            field("inputFields", "[__InputValue!]", {arg(incl, "Boolean", "false")}),
            field("ofType", "__Type"), field("isOneOf", "Boolean")}));
        types.push_back(object("__Field", {
            field("name", "String!"), field("description", "String"),
            field("args", "[__InputValue!]!", {arg(incl, "Boolean", "false")}), field("type", "__Type!"),
            field("isDeprecated", "Boolean!"), field("deprecationReason", "String")}));
        types.push_back(object("__InputValue", {
            field("name", "String!"), field("description", "String"), field("type", "__Type!"),
            field("defaultValue", "String"), field("isDeprecated", "Boolean!"), field("deprecationReason", "String")}));
        types.push_back(object("__EnumValue", {
            field("name", "String!"), field("description", "String"), field("isDeprecated", "Boolean!"),
            field("deprecationReason", "String")}));
        types.push_back(enumType("__TypeKind", {"SCALAR", "OBJECT", "INTERFACE", "UNION", "ENUM", "INPUT_OBJECT", "LIST", "NON_NULL"}));
        for (const NamedType &t : types) {
            byName.insert(t.name, &t);
            names.append(t.name);
        }
    }
};

const Introspection &introspection()
{
    static const Introspection instance;
    return instance;
}

} // namespace

const NamedType *introspectionType(const QString &name) { return introspection().byName.value(name); }
const std::vector<NamedType> &introspectionTypes() { return introspection().types; }
const QStringList &introspectionTypeNames() { return introspection().names; }
const Field &schemaMetaField() { return introspection().schemaField; }
const Field &typeMetaField() { return introspection().typeField; }
const Field &typeNameMetaField() { return introspection().typeNameField; }

QString TypeView::toString() const
{
    if (!named)
        return QStringLiteral("undefined");
    QString s = named->name;
    for (int i = count - 1; i >= 0; --i)
        s = wrappers[i] == TypeRef::Wrapper::NonNull ? s + QLatin1Char('!') : QLatin1Char('[') + s + QLatin1Char(']');
    return s;
}

SchemaIndex::SchemaIndex(const Schema &s) : schema(s)
{
    // graphql-js's type map holds Int, Float and ID only when something refers to them; String and
    // Boolean always (the introspection types use them).
    bool usedInt = false, usedFloat = false, usedId = false;
    auto use = [&](const TypeRef &r) {
        if (r.name.size() > 5)
            return;
        usedInt = usedInt || r.name == QLatin1String("Int");
        usedFloat = usedFloat || r.name == QLatin1String("Float");
        usedId = usedId || r.name == QLatin1String("ID");
    };
    for (const NamedType &t : s.types()) {
        for (const Field &f : t.fields) {
            use(f.type);
            for (const InputValue &a : f.arguments)
                use(a.type);
        }
        for (const InputValue &f : t.inputFields)
            use(f.type);
        if (t.kind == TypeKind::Object || t.kind == TypeKind::Interface) {
            for (const QString &i : t.interfaces) {
                Implementations &impl = implementations[i];
                (t.kind == TypeKind::Object ? impl.objects : impl.interfaces).push_back(&t);
            }
        }
    }
    for (const DirectiveDefinition &d : s.directives())
        for (const InputValue &a : d.arguments)
            use(a.type);
    if (!usedInt)
        unusedScalars.insert(QStringLiteral("Int"));
    if (!usedFloat)
        unusedScalars.insert(QStringLiteral("Float"));
    if (!usedId)
        unusedScalars.insert(QStringLiteral("ID"));
    auto root = [this, &s](const QString &n) -> const NamedType * {
        const NamedType *t = n.isEmpty() || unusedScalars.contains(n) ? nullptr : s.type(n);
        return isObject(t) ? t : nullptr;
    };
    query = root(s.queryTypeName());

    const std::vector<NamedType> &intro = introspectionTypes();
    m_introspectionBase = intro.data();
    m_introspectionEnd = intro.data() + intro.size();
    typesByName.reserve(s.types().size() + intro.size());
    for (const NamedType &t : s.types())
        if (!unusedScalars.contains(t.name))
            typesByName.insert(t.name, &t);
    for (const NamedType &t : intro)
        typesByName.insert(t.name, &t); // a schema type of the same name wins, as in type()
    auto resolve = [this](const TypeRef &r) {
        const NamedType *const *named = typesByName.find(r.name);
        refTypes.insert(&r, named ? *named : nullptr);
    };
    size_t fieldCount = 0, refCount = 3;
    auto countType = [&](const NamedType &t) {
        fieldCount += size_t(t.fields.size());
        refCount += size_t(t.fields.size() + t.inputFields.size());
        for (const Field &f : t.fields)
            refCount += size_t(f.arguments.size());
    };
    for (const NamedType &t : s.types())
        countType(t);
    for (const NamedType &t : intro)
        countType(t);
    m_typeFields.resize(s.types().size() + intro.size());
    m_fieldSlots.reserve(fieldCount * 2 + 4 * m_typeFields.size());
    m_names.reserve(fieldCount * 12);
    refTypes.reserve(refCount);
    auto indexType = [&](const NamedType &t) {
        for (const Field &f : t.fields) {
            resolve(f.type);
            for (const InputValue &a : f.arguments)
                resolve(a.type);
        }
        if (t.kind == TypeKind::Object || t.kind == TypeKind::Interface)
            indexFields(t);
        for (const InputValue &f : t.inputFields)
            resolve(f.type);
    };
    for (const NamedType &t : s.types())
        indexType(t);
    for (const NamedType &t : intro)
        indexType(t);
    for (const DirectiveDefinition &d : s.directives())
        for (const InputValue &a : d.arguments)
            resolve(a.type);
    metaSchema = makeFieldInfo(schemaMetaField());
    metaType = makeFieldInfo(typeMetaField());
    metaTypename = makeFieldInfo(typeNameMetaField());
    for (const Field *meta : {&schemaMetaField(), &typeMetaField(), &typeNameMetaField()}) {
        resolve(meta->type);
        for (const InputValue &a : meta->arguments)
            resolve(a.type);
    }
    mutation = root(s.mutationTypeName());
    subscription = root(s.subscriptionTypeName());
}

SchemaIndex::FieldInfo SchemaIndex::makeFieldInfo(const Field &f)
{
    FieldInfo info;
    info.field = &f;
    const NamedType *const *named = typesByName.find(f.type.name);
    info.named = named ? *named : nullptr;
    if (f.type.wrappers.size() <= size_t(FieldInfo::InlineWrappers)) {
        info.wrapperCount = qint8(f.type.wrappers.size());
        std::copy(f.type.wrappers.begin(), f.type.wrappers.end(), info.wrappers);
    }
    info.argumentBase = std::uint32_t(m_arguments.size());
    info.argumentCount = std::uint32_t(f.arguments.size());
    for (const InputValue &a : f.arguments) {
        if (a.type.isNonNull() && !a.defaultValue)
            info.requiredArguments = true;
        ArgumentInfo arg;
        arg.argument = &a;
        const NamedType *const *argNamed = typesByName.find(a.type.name);
        arg.named = argNamed ? *argNamed : nullptr;
        arg.hasDefault = a.defaultValue.has_value();
        if (a.type.wrappers.size() <= size_t(FieldInfo::InlineWrappers)) {
            arg.wrapperCount = qint8(a.type.wrappers.size());
            std::copy(a.type.wrappers.begin(), a.type.wrappers.end(), arg.wrappers);
        }
        arg.nameOffset = m_names.size();
        arg.nameSize = std::uint32_t(a.name.size());
        m_names.insert(m_names.end(), a.name.utf16(), a.name.utf16() + a.name.size());
        m_arguments.push_back(arg);
    }
    return info;
}

void SchemaIndex::indexFields(const NamedType &t)
{
    const size_t n = size_t(t.fields.size());
    if (n == 0)
        return;
    TypeFields &tf = m_typeFields[size_t(typeIndex(&t))];
    std::uint32_t cap = 4;
    while (cap < n * 2)
        cap <<= 1;
    tf.slotBase = std::uint32_t(m_fieldSlots.size());
    tf.mask = cap - 1;
    m_fieldSlots.resize(m_fieldSlots.size() + cap);
    FieldInfo *table = m_fieldSlots.data() + tf.slotBase;
    for (const Field &f : t.fields) {
        const std::uint64_t h = hashName(f.name);
        const std::uint32_t tag = std::uint32_t(h >> 32);
        for (std::uint32_t i = std::uint32_t(h) & tf.mask;; i = (i + 1) & tf.mask) {
            FieldInfo &slot = table[i];
            if (!slot.field) {
                slot = makeFieldInfo(f);
                slot.tag = tag;
                slot.nameSize = std::uint32_t(f.name.size());
                slot.nameOffset = m_names.size();
                m_names.insert(m_names.end(), f.name.utf16(), f.name.utf16() + f.name.size());
                break;
            }
            if (slot.tag == tag && sameName(QStringView(m_names.data() + slot.nameOffset, slot.nameSize), f.name))
                break; // the first of duplicates wins, as in a linear lookup
        }
    }
}

ValidationContext::ValidationContext(const SchemaIndex &index, const ast::Document &document, int maxErrors, bool hideSuggestions)
    : m_index(index), m_schema(index.schema), m_document(document), m_maxErrors(maxErrors), m_hideSuggestions(hideSuggestions)
{
    for (const ast::Definition &d : document.definitions)
        if (d.kind == ast::Definition::Kind::Fragment && d.name)
            m_fragments.insert(d.name->value, &d); // the last of duplicates wins, as in graphql-js
}

void ValidationContext::report(const QString &message, const QList<SourceLocation> &locations)
{
    if (m_errors.size() >= m_maxErrors) {
        m_errors.append(GraphQLError{QStringLiteral("Too many validation errors, error limit reached. Validation aborted."), {}});
        throw Abort{};
    }
    m_errors.append(GraphQLError{message, locations});
}

void ValidationContext::abortValidation()
{
    m_errors.append(GraphQLError{QStringLiteral("Validation aborted."), {}});
    throw Abort{};
}

const NamedType *ValidationContext::type(const QString &name) const
{
    const NamedType *const *t = m_index.typesByName.find(name);
    return t ? *t : nullptr;
}

TypeView ValidationContext::typeFromAst(const ast::Type &t)
{
    auto it = m_astTypes.constFind(&t);
    if (it != m_astTypes.constEnd())
        return *it;
    TypeRef ref;
    const ast::Type *cur = &t;
    while (cur->kind != ast::Type::Kind::Named && cur->ofType) {
        ref.wrappers.push_back(cur->kind == ast::Type::Kind::List ? TypeRef::Wrapper::List : TypeRef::Wrapper::NonNull);
        cur = cur->ofType.get();
    }
    ref.name = cur->name.value;
    TypeView view;
    if (const NamedType *named = type(ref.name)) {
        m_ownRefs.push_back(std::move(ref));
        view = TypeView::of(named, m_ownRefs.back());
    }
    m_astTypes.insert(&t, view);
    return view;
}

const NamedType *ValidationContext::rootType(ast::OperationType op) const
{
    switch (op) {
    case ast::OperationType::Query: return m_index.query;
    case ast::OperationType::Mutation: return m_index.mutation;
    case ast::OperationType::Subscription: return m_index.subscription;
    }
    return nullptr;
}

const Field *ValidationContext::ownField(const NamedType *parent, const QString &name, const NamedType **named) const
{
    if (!parent || (parent->kind != TypeKind::Object && parent->kind != TypeKind::Interface))
        return nullptr;
    if (m_index.typeIndex(parent) < 0) { // not a type of this schema (never for types found through the index)
        const Field *f = parent->field(name);
        if (f && named)
            *named = typeOf(f->type).named;
        return f;
    }
    const SchemaIndex::FieldInfo *info = m_index.field(parent, name);
    if (!info)
        return nullptr;
    if (named)
        *named = info->named;
    return info->field;
}

const SchemaIndex::FieldInfo *ValidationContext::fieldInfo(const NamedType *parent, const QString &name) const
{
    if (isDunder(name)) {
        if (parent == m_index.query && m_index.query) {
            if (name == QLatin1String("__schema"))
                return &m_index.metaSchema;
            if (name == QLatin1String("__type"))
                return &m_index.metaType;
        }
        if (name == QLatin1String("__typename") && isComposite(parent))
            return &m_index.metaTypename;
    }
    if (!parent || (parent->kind != TypeKind::Object && parent->kind != TypeKind::Interface))
        return nullptr;
    return m_index.field(parent, name); // parents come from the index: never a foreign type
}

const Field *ValidationContext::fieldDef(const NamedType *parent, const QString &name, const NamedType **named) const
{
    const SchemaIndex::FieldInfo *info = fieldInfo(parent, name);
    if (!info)
        return nullptr;
    if (named)
        *named = info->named;
    return info->field;
}

const EnumValue *ValidationContext::enumValue(const NamedType *t, const QString &name)
{
    for (const EnumValue &v : t->enumValues)
        if (v.name == name)
            return &v;
    return nullptr;
}

const std::vector<const NamedType *> &ValidationContext::possibleTypes(const NamedType *abstract) const
{
    static const std::vector<const NamedType *> none;
    if (!abstract)
        return none;
    if (abstract->kind == TypeKind::Interface) {
        auto it = m_index.implementations.constFind(abstract->name);
        return it == m_index.implementations.constEnd() ? none : it->objects;
    }
    if (abstract->kind != TypeKind::Union)
        return none;
    auto it = m_unionMembers.find(abstract);
    if (it == m_unionMembers.end()) {
        std::vector<const NamedType *> members;
        for (const QString &m : abstract->possibleTypes)
            if (const NamedType *t = type(m))
                members.push_back(t);
        it = m_unionMembers.insert(abstract, std::move(members));
    }
    return *it;
}

bool ValidationContext::isSubType(const NamedType *abstract, const NamedType *maybeSub) const
{
    if (!abstract || !maybeSub)
        return false;
    if (abstract->kind == TypeKind::Union)
        return abstract->possibleTypes.contains(maybeSub->name);
    if (abstract->kind != TypeKind::Interface)
        return false;
    auto it = m_index.implementations.constFind(abstract->name);
    if (it == m_index.implementations.constEnd())
        return false;
    const auto &list = maybeSub->kind == TypeKind::Interface ? it->interfaces : it->objects;
    return std::find(list.begin(), list.end(), maybeSub) != list.end();
}

bool ValidationContext::doTypesOverlap(const NamedType *a, const NamedType *b) const
{
    if (a == b)
        return true;
    if (isAbstract(a)) {
        if (isAbstract(b)) {
            for (const NamedType *t : possibleTypes(a))
                if (isSubType(b, t))
                    return true;
            return false;
        }
        return isSubType(a, b);
    }
    if (isAbstract(b))
        return isSubType(b, a);
    return false;
}

bool ValidationContext::isTypeSubTypeOf(TypeView sub, TypeView super) const
{
    if (sub.equals(super))
        return true;
    if (super.isNonNull())
        return sub.isNonNull() && isTypeSubTypeOf(sub.ofType(), super.ofType());
    if (sub.isNonNull())
        return isTypeSubTypeOf(sub.ofType(), super);
    if (super.isList())
        return sub.isList() && isTypeSubTypeOf(sub.ofType(), super.ofType());
    if (sub.isList())
        return false;
    return isAbstract(super.named) && (isInterface(sub.named) || isObject(sub.named)) && isSubType(super.named, sub.named);
}

const QStringList &ValidationContext::typeNames() const
{
    if (m_typeNames.isEmpty()) {
        for (const NamedType &t : m_schema.types())
            if (!m_index.unusedScalars.contains(t.name))
                m_typeNames.append(t.name);
        m_typeNames += introspectionTypeNames();
    }
    return m_typeNames;
}

const ast::Definition *ValidationContext::fragment(const QString &name) const { return m_fragments.value(name); }

const std::vector<const ast::Selection *> &ValidationContext::fragmentSpreads(const ast::SelectionSet &set)
{
    auto it = m_spreads.find(&set);
    if (it != m_spreads.end())
        return it->second;
    // The same depth-first order as graphql-js (a stack of selection sets, last pushed first).
    std::vector<const ast::Selection *> spreads;
    std::vector<const ast::SelectionSet *> toVisit{&set};
    while (!toVisit.empty()) {
        const ast::SelectionSet *s = toVisit.back();
        toVisit.pop_back();
        for (const ast::Selection &sel : s->selections) {
            if (sel.kind == ast::Selection::Kind::FragmentSpread)
                spreads.push_back(&sel);
            else if (sel.selectionSet)
                toVisit.push_back(&*sel.selectionSet);
        }
    }
    return m_spreads.emplace(&set, std::move(spreads)).first->second;
}

void ValidationContext::spendFragmentWork(qsizetype cost)
{
    m_remainingFragmentWork -= cost;
    if (m_remainingFragmentWork < 0)
        abortValidation();
}

const ValidationContext::FragmentSet &ValidationContext::referencedFragmentSet(const std::vector<const ast::Definition *> &ops)
{
    QStringList names; // insertion-ordered set, grows while it is walked (a JS Set does the same)
    QSet<QString> seen;
    for (const ast::Definition *op : ops) {
        if (!op->selectionSet)
            continue;
        for (const ast::Selection *s : fragmentSpreads(*op->selectionSet))
            if (!seen.contains(s->name.value)) {
                seen.insert(s->name.value);
                names.append(s->name.value);
            }
    }
    // graphql-js caches by the set of directly spread names (its SetMap), and meters work only on a miss.
    std::vector<int> ids;
    ids.reserve(size_t(names.size()));
    for (const QString &n : names) {
        auto it = m_memberIds.constFind(n);
        if (it == m_memberIds.constEnd())
            it = m_memberIds.insert(n, int(m_memberIds.size()));
        ids.push_back(*it);
    }
    std::sort(ids.begin(), ids.end());
    QString key;
    for (int id : ids)
        key += QString::number(id) + QLatin1Char(',');
    auto cached = m_fragmentSets.find(key);
    if (cached != m_fragmentSets.end())
        return *cached->second;

    spendFragmentWork(names.size());
    auto set = std::make_unique<FragmentSet>();
    set->key = key;
    for (qsizetype i = 0; i < names.size(); ++i) {
        const ast::Definition *f = fragment(names[i]);
        if (!f)
            continue;
        set->fragments.push_back(f);
        if (!f->selectionSet)
            continue;
        const auto &spreads = fragmentSpreads(*f->selectionSet);
        spendFragmentWork(qsizetype(spreads.size()));
        for (const ast::Selection *s : spreads)
            if (!seen.contains(s->name.value)) {
                seen.insert(s->name.value);
                names.append(s->name.value);
            }
    }
    return *m_fragmentSets.emplace(key, std::move(set)).first->second;
}

std::vector<const ast::Definition *> ValidationContext::recursivelyReferencedFragments(const std::vector<const ast::Definition *> &ops)
{
    return referencedFragmentSet(ops).fragments;
}

const std::vector<VariableUsage> &ValidationContext::variableUsages(const ast::Definition *def) const
{
    static const std::vector<VariableUsage> none;
    auto it = m_usages.find(def);
    return it == m_usages.end() ? none : it->second;
}

const std::vector<VariableUsage> &ValidationContext::recursiveVariableUsages(const ast::Definition *operation)
{
    auto cached = m_recursiveUsages.find(operation);
    if (cached != m_recursiveUsages.end())
        return cached->second;
    FragmentSet &set = const_cast<FragmentSet &>(referencedFragmentSet({operation}));
    if (!set.usagesComputed) {
        spendFragmentWork(qsizetype(set.fragments.size()));
        for (const ast::Definition *f : set.fragments) {
            const auto &u = variableUsages(f);
            spendFragmentWork(qsizetype(u.size()));
            set.usages.insert(set.usages.end(), u.begin(), u.end());
        }
        set.usagesComputed = true;
    }
    spendFragmentWork(qsizetype(set.usages.size()));
    std::vector<VariableUsage> usages = variableUsages(operation);
    usages.insert(usages.end(), set.usages.begin(), set.usages.end());
    return m_recursiveUsages.emplace(operation, std::move(usages)).first->second;
}

} // namespace refract::graphql::validation
