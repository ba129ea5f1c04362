#include "schemabuilder.h"

#include "pendingdefaults.h"

#include "defaultvalues.h"
#include "namemap.h"

#include "parser.h"
#include "printer.h"
#include "textutil.h"

#include <QHash>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <map>

// A port of graphql-js 16.15 utilities/buildASTSchema.js + extendSchema.js (for a document on an empty
// schema), with valueFromAST / astFromValue for default values.
namespace refract::graphql {

using namespace ast;

namespace {

struct UnknownTypeError
{
    QString name;
};

/// A type name of the document: its (last) definition, its extensions, whether it is a standard type.
struct TypeEntry
{
    const QString *name = nullptr; ///< the canonical string every reference shares
    const Definition *def = nullptr;
    qsizetype extensions = -1; ///< index into Builder::m_extensionLists
    qsizetype index = -1;      ///< the built type's index in the schema
    bool standard = false;     ///< a built-in scalar or an introspection type
};

/// The names of a type's members seen so far (fields, enum values, input fields), to find
/// redefinitions: a scan of hashes for the usual few, a NameMap for long lists (root types of
/// generated APIs have thousands of fields).
class MemberNames
{
public:
    void reset()
    {
        m_names.clear();
        if (m_mapped) {
            m_map.clear();
            m_mapped = false;
        }
    }
    /// The index of an earlier member named `name`, or -1 after recording it at index `next`.
    qsizetype findOrAdd(QStringView name, qsizetype next)
    {
        const quint64 h = detail::nameHash(name);
        if (!m_mapped) {
            for (const auto &[hash, key, index] : m_names)
                if (hash == h && detail::sameName(key, name))
                    return index;
            m_names.push_back({h, name, next});
            if (m_names.size() > 32) {
                for (const auto &[hash, key, index] : m_names)
                    m_map.findOrInsert(key, hash) = index;
                m_mapped = true;
            }
            return -1;
        }
        bool inserted = false;
        qsizetype &at = m_map.findOrInsert(name, h, &inserted);
        if (inserted) {
            at = next;
            return -1;
        }
        return at;
    }

private:
    struct Seen
    {
        quint64 hash;
        QStringView key;
        qsizetype index;
    };
    std::vector<Seen> m_names;
    detail::NameMap<qsizetype> m_map;
    bool m_mapped = false;
};

class Builder
{
public:
    Builder(const Document &doc, bool keepStandardTypes) : m_doc(doc), m_keepStandardTypes(keepStandardTypes) {}

    Schema build()
    {
        const Definition *schemaDef = nullptr;
        std::vector<const Definition *> schemaExtensions;
        std::vector<const Definition *> directiveDefs;
        m_types.reserve(m_doc.definitions.size() + standardNames().size());
        for (const QString &n : standardNames()) {
            TypeEntry &e = m_types.findOrInsert(n);
            e.name = &n;
            e.standard = true;
        }
        // Type map: definition order; a redefinition keeps the first position (JS object semantics)
        // and the last definition.
        std::vector<TypeEntry *> order; // stable: m_types reserved room for every name above
        order.reserve(m_doc.definitions.size());
        for (const Definition &d : m_doc.definitions) {
            using K = Definition::Kind;
            switch (d.kind) {
            case K::Schema: schemaDef = &d; break;
            case K::SchemaExtension: schemaExtensions.push_back(&d); break;
            case K::Scalar: case K::Object: case K::Interface: case K::Union: case K::Enum: case K::InputObject: {
                TypeEntry &e = m_types.findOrInsert(d.name->value);
                if (!e.def) {
                    order.push_back(&e);
                    if (!e.standard)
                        e.name = &d.name->value;
                }
                e.def = &d;
                break;
            }
            case K::ScalarExtension: case K::ObjectExtension: case K::InterfaceExtension: case K::UnionExtension:
            case K::EnumExtension: case K::InputObjectExtension: {
                TypeEntry &e = m_types.findOrInsert(d.name->value);
                if (e.extensions < 0) {
                    e.extensions = qsizetype(m_extensionLists.size());
                    m_extensionLists.emplace_back();
                }
                m_extensionLists[size_t(e.extensions)].push_back(&d);
                break;
            }
            case K::Directive: directiveDefs.push_back(&d); break;
            case K::DirectiveExtension: m_directiveExtensions[d.name->value].push_back(&d); break;
            default: break;
            }
        }

        // The types are built in place in the schema's vector and indexed once at the end.
        Schema schema;
        std::vector<NamedType> &types = schema.types();
        types.reserve(order.size() + 5); // + the built-in scalars addSpecified adds
        for (TypeEntry *e : order) {
            e->index = qsizetype(types.size());
            if (e->standard && !m_keepStandardTypes) {
                // graphql-js uses its own definition of a standard type, at the place it was defined
                // (that place shows in the introspection type order).
                if (Schema::isBuiltInScalar(*e->name)) {
                    Schema std;
                    std.addBuiltInScalars();
                    types.push_back(*std.type(*e->name));
                } else {
                    e->index = -1;
                }
                continue;
            }
            types.emplace_back();
            buildType(types.back(), qsizetype(types.size() - 1), *e);
        }
        schema.reindex();
        useSchema(schema);
        if (schemaDef && schemaDef->description)
            schema.description = schemaDef->description->value;
        std::map<OperationType, QString> ops;
        std::vector<const Definition *> opNodes;
        if (schemaDef)
            opNodes.push_back(schemaDef);
        opNodes.insert(opNodes.end(), schemaExtensions.begin(), schemaExtensions.end());
        for (const Definition *d : opNodes)
            for (const OperationTypeDefinition &o : d->operationTypes)
                ops[o.operation] = namedType(o.type.value);
        if (!schemaDef) {
            // The types named Query, Mutation and Subscription, if the document defines them.
            const auto byName = [&](OperationType op, const char16_t *n) {
                const TypeEntry *e = m_types.find(QStringView(n));
                if (e && e->index >= 0)
                    ops[op] = *e->name;
            };
            byName(OperationType::Query, u"Query");
            byName(OperationType::Mutation, u"Mutation");
            byName(OperationType::Subscription, u"Subscription");
        }
        schema.setQueryTypeName(ops[OperationType::Query]);
        schema.setMutationTypeName(ops[OperationType::Mutation]);
        schema.setSubscriptionTypeName(ops[OperationType::Subscription]);

        for (const Definition *d : directiveDefs)
            schema.directives().append(buildDirective(*d));
        addSpecified(schema);
        return schema;
    }

    /// The specified directives (@oneOf and graphql-js 16.15's @deprecated on directives included) and
    /// the built-in scalars, after the document's own directives.
    static void addSpecified(Schema &schema)
    {
        const bool ownDeprecated = schema.directive(QStringLiteral("deprecated")) != nullptr;
        schema.addBuiltInDirectives();
        if (!schema.directive(QStringLiteral("oneOf"))) {
            DirectiveDefinition oneOf;
            oneOf.name = QStringLiteral("oneOf");
            oneOf.description = QStringLiteral("Indicates exactly one field must be supplied and this field must not be `null`.");
            oneOf.locations = {QStringLiteral("INPUT_OBJECT")};
            schema.directives().append(oneOf);
        }
        // graphql-js 16.15 also allows @deprecated on directive definitions.
        for (DirectiveDefinition &d : schema.directives())
            if (!ownDeprecated && d.name == QLatin1String("deprecated")
                && !d.locations.contains(QLatin1String("DIRECTIVE_DEFINITION")))
                d.locations.append(QStringLiteral("DIRECTIVE_DEFINITION"));
        schema.addBuiltInScalars();
    }

private:
    /// The built-in scalars and the introspection types: one string each that references share.
    static const std::vector<QString> &standardNames()
    {
        static const std::vector<QString> names = {
            QStringLiteral("Int"), QStringLiteral("Float"), QStringLiteral("String"), QStringLiteral("Boolean"),
            QStringLiteral("ID"), QStringLiteral("__Schema"), QStringLiteral("__Directive"),
            QStringLiteral("__DirectiveLocation"), QStringLiteral("__Type"), QStringLiteral("__Field"),
            QStringLiteral("__InputValue"), QStringLiteral("__EnumValue"), QStringLiteral("__TypeKind"),
        };
        return names;
    }

    /// A referenced type's name (the string its definition holds), or UnknownTypeError.
    const QString &namedType(const QString &name) const
    {
        const TypeEntry *e = m_types.find(name);
        if (e && (e->def || e->standard))
            return *e->name;
        throw UnknownTypeError{name};
    }

    TypeRef typeRef(const Type &t) const
    {
        const Type *cur = &t;
        while (cur->kind != Type::Kind::Named)
            cur = cur->ofType.get();
        TypeRef r{namedType(cur->name.value), {}};
        for (cur = &t; cur->kind != Type::Kind::Named; cur = cur->ofType.get())
            r.wrappers.push_back(cur->kind == Type::Kind::List ? TypeRef::Wrapper::List : TypeRef::Wrapper::NonNull);
        return r;
    }

    static const Directive *findDirective(const std::vector<Directive> &ds, const char *name)
    {
        for (const Directive &d : ds)
            if (d.name.value == QLatin1String(name))
                return &d;
        return nullptr;
    }

    /// getDeprecationReason: the coerced `reason` of the first @deprecated; null when reason is null.
    static std::optional<QString> deprecationReason(const std::vector<Directive> &ds)
    {
        const Directive *d = ds.empty() ? nullptr : findDirective(ds, "deprecated");
        if (!d)
            return std::nullopt;
        for (const Argument &a : d->arguments) {
            if (a.name.value == QLatin1String("reason")) {
                if (a.value.kind == Value::Kind::String)
                    return a.value.value;
                return std::nullopt; // null (or invalid, which graphql-js rejects)
            }
        }
        return QStringLiteral("No longer supported");
    }

    static std::optional<QString> description(const std::optional<Value> &d)
    {
        return d ? std::optional<QString>(d->value) : std::nullopt;
    }

    InputValue inputValue(const InputValueDefinition &v) const
    {
        InputValue iv{v.name.value, description(v.description), typeRef(v.type), std::nullopt, std::nullopt, {}};
        if (!v.directives.empty()) {
            iv.deprecationReason = deprecationReason(v.directives);
            iv.directives = applied(v.directives);
        }
        return iv;
    }

    QList<AppliedDirective> applied(const std::vector<Directive> &ds) const
    {
        QList<AppliedDirective> out;
        if (ds.empty())
            return out;
        out.reserve(qsizetype(ds.size()));
        for (const Directive &d : ds) {
            AppliedDirective a;
            a.name = d.name.value;
            for (const Argument &arg : d.arguments)
                a.arguments.append({arg.name.value, print(arg.value)});
            out.append(std::move(a));
        }
        return out;
    }

    /// Puts `item` at `at` (a redefinition: JavaScript keyMap semantics keep the first position) or appends it.
    template<typename T>
    static qsizetype place(QList<T> &list, qsizetype at, T &&item)
    {
        if (at >= 0) {
            list[at] = std::move(item);
            return at;
        }
        list.append(std::move(item));
        return list.size() - 1;
    }

    /// Builds the type of `entry` (its definition and extensions) into `t`, the schema's type at `index`.
    void buildType(NamedType &t, qsizetype index, const TypeEntry &entry)
    {
        const Definition &def = *entry.def;
        t.name = def.name->value;
        if (def.description)
            t.description = def.description->value;
        // The definition, then its extensions in document order.
        const std::vector<const Definition *> *ext =
            entry.extensions >= 0 ? &m_extensionLists[size_t(entry.extensions)] : nullptr;
        const auto forAll = [&](auto &&fn) {
            fn(def);
            if (ext)
                for (const Definition *d : *ext)
                    fn(*d);
        };
        forAll([&](const Definition &d) {
            if (!d.directives.empty())
                t.directives.append(applied(d.directives));
        });
        const auto total = [&](auto member) {
            size_t n = (def.*member).size();
            if (ext)
                for (const Definition *d : *ext)
                    n += (d->*member).size();
            return qsizetype(n);
        };
        m_members.reset();
        using K = Definition::Kind;
        switch (def.kind) {
        case K::Scalar: {
            t.kind = TypeKind::Scalar;
            if (const Directive *d = findDirective(def.directives, "specifiedBy"))
                for (const Argument &a : d->arguments)
                    if (a.name.value == QLatin1String("url") && a.value.kind == Value::Kind::String)
                        t.specifiedByUrl = a.value.value;
            break;
        }
        case K::Object:
        case K::Interface:
            t.kind = def.kind == K::Object ? TypeKind::Object : TypeKind::Interface;
            t.fields.reserve(total(&Definition::fields));
            forAll([&](const Definition &d) {
                if (!d.interfaces.empty()) {
                    t.interfaces.reserve(t.interfaces.size() + qsizetype(d.interfaces.size()));
                    for (const Name &i : d.interfaces)
                        t.interfaces.append(namedType(i.value));
                }
                for (const FieldDefinition &fd : d.fields) {
                    const qsizetype earlier = m_members.findOrAdd(fd.name.value, t.fields.size());
                    Field f{fd.name.value, description(fd.description), {}, typeRef(fd.type), std::nullopt, {}};
                    if (!fd.directives.empty()) {
                        f.deprecationReason = deprecationReason(fd.directives);
                        f.directives = applied(fd.directives);
                    }
                    // Simple defaults are printed now, while the nodes are in cache; others once every
                    // type is built.
                    bool defaults = false;
                    if (!fd.arguments.empty()) {
                        f.arguments.reserve(qsizetype(fd.arguments.size()));
                        for (const InputValueDefinition &a : fd.arguments) {
                            InputValue iv = inputValue(a);
                            if (a.defaultValue && !printDocumentDefault(*a.defaultValue, iv.type, iv.defaultValue))
                                defaults = true;
                            f.arguments.append(std::move(iv));
                        }
                    }
                    const qsizetype at = place(t.fields, earlier, std::move(f));
                    if (defaults || earlier >= 0) // a redefinition replaces what an earlier record set
                        m_argDefaults.push_back({index, at, &fd});
                }
            });
            break;
        case K::Union:
            t.kind = TypeKind::Union;
            t.possibleTypes.reserve(total(&Definition::types));
            forAll([&](const Definition &d) {
                for (const Name &n : d.types)
                    t.possibleTypes.append(namedType(n.value));
            });
            break;
        case K::Enum:
            t.kind = TypeKind::Enum;
            t.enumValues.reserve(total(&Definition::values));
            forAll([&](const Definition &d) {
                for (const EnumValueDefinition &vd : d.values) {
                    const qsizetype earlier = m_members.findOrAdd(vd.name.value, t.enumValues.size());
                    place(t.enumValues, earlier,
                          EnumValue{vd.name.value, description(vd.description), deprecationReason(vd.directives),
                                    applied(vd.directives)});
                }
            });
            break;
        case K::InputObject: {
            t.kind = TypeKind::InputObject;
            t.isOneOf = findDirective(def.directives, "oneOf") != nullptr;
            t.inputFields.reserve(total(&Definition::inputFields));
            std::vector<const InputValueDefinition *> defaults;
            std::vector<qsizetype> general;
            forAll([&](const Definition &d) {
                for (const InputValueDefinition &fd : d.inputFields) {
                    const qsizetype earlier = m_members.findOrAdd(fd.name.value, t.inputFields.size());
                    InputValue iv = inputValue(fd);
                    // An Int or enum default is printed now (its coercion depends on no other default;
                    // the memo computes it if an input object default needs it), others once every
                    // type is built.
                    const bool simple = fd.defaultValue && printDocumentDefault(*fd.defaultValue, iv.type, iv.defaultValue);
                    const qsizetype at = place(t.inputFields, earlier, std::move(iv));
                    // Every default needs the node later (for the memo); a redefinition without one
                    // drops the earlier default.
                    if (fd.defaultValue) {
                        defaults.resize(size_t(t.inputFields.size()));
                        defaults[size_t(at)] = &fd;
                        if (!simple)
                            general.push_back(at);
                    } else if (size_t(at) < defaults.size()) {
                        defaults[size_t(at)] = nullptr;
                    }
                }
            });
            if (!defaults.empty()) {
                defaults.resize(size_t(t.inputFields.size()));
                m_defaults.inputDefaults().push_back({index, std::move(defaults), {}, std::move(general)});
            }
            break;
        }
        default:
            break;
        }
    }

    DirectiveDefinition buildDirective(const Definition &def)
    {
        DirectiveDefinition d;
        d.name = def.name->value;
        if (def.description)
            d.description = def.description->value;
        for (const InputValueDefinition &a : def.arguments) {
            InputValue iv = inputValue(a);
            if (a.defaultValue)
                iv.defaultValue = m_defaults.printValue(m_defaults.coerce(*a.defaultValue, iv.type), iv.type);
            d.arguments.append(iv);
        }
        d.repeatable = def.repeatable;
        for (const Name &l : def.locations)
            d.locations.append(l.value);
        d.deprecationReason = deprecationReason(def.directives);
        const auto ext = m_directiveExtensions.constFind(d.name);
        if (!d.deprecationReason && ext != m_directiveExtensions.constEnd())
            for (const Definition *e : *ext)
                if (!d.deprecationReason)
                    d.deprecationReason = deprecationReason(e->directives);
        return d;
    }

public:
    /// Fills in the printed defaults; called after build() so every type is known.
    void fillDefaults(Schema &schema)
    {
        useSchema(schema);
        std::vector<NamedType> &types = schema.types();
        // Arguments: only fields whose definition has a default were recorded (by type and index).
        for (const ArgDefaults &rec : m_argDefaults) {
            if (rec.type < 0 || size_t(rec.type) >= types.size())
                continue;
            NamedType *t = &types[size_t(rec.type)];
            if (rec.field >= t->fields.size())
                continue;
            for (InputValue &a : t->fields[rec.field].arguments) {
                a.defaultValue.reset();
                for (const InputValueDefinition &ad : rec.node->arguments)
                    if (ad.defaultValue && ad.name.value == a.name)
                        a.defaultValue = m_defaults.printDefault(*ad.defaultValue, a.type);
            }
        }
        m_defaults.printInputFields();
    }

    /// completeSchema: the defaults buildClientSchema's reader collected, then addSpecified.
    void completePending(Schema &schema, detail::PendingDefaults &pending)
    {
        useSchema(schema);
        const NamedType *first = schema.types().data();
        for (const detail::PendingDefaults::FieldArgs &f : pending.fieldArgs) {
            const NamedType *t = schema.type(f.type);
            m_argDefaults.push_back({t ? qsizetype(t - first) : -1, f.field, &f.node});
        }
        if (!pending.inputFields.isEmpty()) {
            // The reader keys input fields "Type.field" (it never gives a type two members of one name).
            for (const NamedType &t : schema.types()) {
                if (t.inputFields.isEmpty())
                    continue;
                std::vector<const InputValueDefinition *> nodes(size_t(t.inputFields.size()), nullptr);
                std::vector<qsizetype> all(size_t(t.inputFields.size()));
                for (qsizetype i = 0; i < t.inputFields.size(); ++i) {
                    nodes[size_t(i)] = pending.inputFields.value(t.name + QLatin1Char('.') + t.inputFields[i].name);
                    all[size_t(i)] = i;
                }
                m_defaults.inputDefaults().push_back({qsizetype(&t - first), std::move(nodes), {}, std::move(all)});
            }
        }
        for (const detail::PendingDefaults::DirectiveArg &d : pending.directiveArgs) {
            InputValue &iv = schema.directives()[d.directive].arguments[d.argument];
            iv.defaultValue = m_defaults.printValue(m_defaults.coerce(d.value, iv.type), iv.type);
        }
        fillDefaults(schema);
        addSpecified(schema);
    }

private:
    /// Coerce defaults against `schema` (found by name through the document's table when there is one).
    void useSchema(Schema &schema)
    {
        m_schema = &schema;
        if (m_types.size())
            m_defaults.setSchema(&schema, [this](const QString &name) { return schemaType(name); });
        else
            m_defaults.setSchema(&schema);
    }

    /// The defaults of generated APIs printed while the types are being built: the enum's values are
    /// read from its definition and extensions (the values the built enum will have).
    bool printDocumentDefault(const Value &node, const TypeRef &type, std::optional<QString> &out) const
    {
        if (detail::DefaultValues::printInt(node, type, out))
            return true;
        return detail::DefaultValues::printEnum(node, type, out, [this](const QString &name) -> std::optional<detail::EnumNames> {
            const TypeEntry *e = m_types.find(name);
            if (!e || !e->def || (e->standard && !m_keepStandardTypes) || e->def->kind != Definition::Kind::Enum)
                return std::nullopt;
            return detail::EnumNames{nullptr, e->def, e->extensions >= 0 ? &m_extensionLists[size_t(e->extensions)] : nullptr};
        });
    }

    /// Schema::type, through the document's name table while building from a document.
    const NamedType *schemaType(const QString &name) const
    {
        const TypeEntry *e = m_types.find(name);
        return e && e->index >= 0 ? &m_schema->types()[size_t(e->index)] : nullptr;
    }

    const Document &m_doc;
    bool m_keepStandardTypes = false;
    Schema *m_schema = nullptr;
    detail::NameMap<TypeEntry> m_types;
    std::vector<std::vector<const Definition *>> m_extensionLists;
    QHash<QString, QList<const Definition *>> m_directiveExtensions;
    MemberNames m_members;
    struct ArgDefaults
    {
        qsizetype type; ///< index in the schema's types
        qsizetype field;
        const FieldDefinition *node;
    };
    std::vector<ArgDefaults> m_argDefaults;
    detail::DefaultValues m_defaults;
};

} // namespace

std::optional<Schema> buildSchema(const Document &document, GraphQLError *error, bool keepStandardTypes)
{
    try {
        Builder b(document, keepStandardTypes);
        Schema s = b.build();
        b.fillDefaults(s);
        return s;
    } catch (const UnknownTypeError &e) {
        if (error)
            *error = GraphQLError{QStringLiteral("Unknown type: \"%1\".").arg(e.name), {}};
    }
    return std::nullopt;
}

namespace detail {

void completeSchema(Schema &schema, PendingDefaults &pending)
{
    static const Document empty;
    Builder b(empty, false);
    b.completePending(schema, pending);
}

} // namespace detail

std::optional<Schema> buildSchema(const QString &sdl, GraphQLError *error)
{
    // Schema files are trusted input and can be large (a 20,000-type schema has ~400,000 tokens):
    // no token or length limit here; the nesting limit stays.
    ParseOptions options;
    options.maxTokens = -1;
    options.maxLength = -1;
    ParseResult r = parse(sdl, options);
    if (r.error) {
        if (error)
            *error = *r.error;
        return std::nullopt;
    }
    return buildSchema(*r.document, error);
}

} // namespace refract::graphql
