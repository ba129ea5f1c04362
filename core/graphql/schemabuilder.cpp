#include "schemabuilder.h"

#include "pendingdefaults.h"

#include "jsvalue.h"
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

QString jsNumberToString(double v)
{
    if (std::isnan(v))
        return QStringLiteral("NaN");
    if (v == 0)
        return QStringLiteral("0");
    if (std::isinf(v))
        return v < 0 ? QStringLiteral("-Infinity") : QStringLiteral("Infinity");
    // Integers below 2^53 print as their digits (Number::toString without exponent below 1e21):
    // the common case of default values, without the digit-string juggling below.
    if (std::fabs(v) < 9007199254740992.0 && v == std::trunc(v)) {
        char buf[24];
        const auto res = std::to_chars(buf, buf + sizeof buf, qint64(v));
        return QString::fromLatin1(buf, res.ptr - buf);
    }
    QString sign;
    if (v < 0) {
        sign = QStringLiteral("-");
        v = -v;
    }
    // Shortest round-trip digits and exponent: d.ddd e±x.
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
    const std::string s(buf, res.ptr);
    const size_t e = s.find('e');
    std::string digits = s.substr(0, e);
    digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
    const int exp10 = std::atoi(s.c_str() + e + 1);
    const int k = int(digits.size());
    const int n = exp10 + 1; // position of the decimal point relative to the digits
    std::string out;
    if (k <= n && n <= 21) {
        out = digits + std::string(size_t(n - k), '0');
    } else if (0 < n && n <= 21) {
        out = digits.substr(0, size_t(n)) + "." + digits.substr(size_t(n));
    } else if (-6 < n && n <= 0) {
        out = "0." + std::string(size_t(-n), '0') + digits;
    } else {
        const int ex = n - 1;
        out = digits.substr(0, 1);
        if (k > 1)
            out += "." + digits.substr(1);
        out += ex >= 0 ? "e+" : "e-";
        out += std::to_string(std::abs(ex));
    }
    return sign + QString::fromLatin1(out.c_str());
}

namespace {

JsValue jsNull() { JsValue v; v.kind = JsValue::Kind::Null; return v; }
JsValue jsString(const QString &s) { JsValue v; v.kind = JsValue::Kind::String; v.string = s; return v; }
JsValue jsNumber(double d) { JsValue v; v.kind = JsValue::Kind::Number; v.number = d; return v; }
JsValue jsBool(bool b) { JsValue v; v.kind = JsValue::Kind::Boolean; v.boolean = b; return v; }

double parseJsFloat(const QString &s)
{
    // Number literals are ASCII: short ones (all but hostile input) convert without an allocation.
    char buf[64];
    if (s.size() < qsizetype(sizeof buf)) {
        for (qsizetype i = 0; i < s.size(); ++i)
            buf[i] = char(s.at(i).unicode() < 128 ? s.at(i).unicode() : '?');
        buf[s.size()] = 0;
        return std::strtod(buf, nullptr);
    }
    const QByteArray b = s.toLatin1();
    return std::strtod(b.constData(), nullptr);
}

bool isIntegerString(const QString &s)
{
    // /^-?(?:0|[1-9][0-9]*)$/
    qsizetype i = 0;
    if (i < s.size() && s.at(i) == QLatin1Char('-'))
        ++i;
    if (i >= s.size())
        return false;
    if (s.at(i) == QLatin1Char('0'))
        return i + 1 == s.size();
    for (; i < s.size(); ++i)
        if (s.at(i) < QLatin1Char('0') || s.at(i) > QLatin1Char('9'))
            return false;
    return true;
}

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
        std::vector<TypeEntry *> order;
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
        m_schema = &schema;
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
        return InputValue{v.name.value, description(v.description), typeRef(v.type), std::nullopt,
                          deprecationReason(v.directives), applied(v.directives)};
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
                    Field f{fd.name.value, description(fd.description), {}, typeRef(fd.type),
                            deprecationReason(fd.directives), applied(fd.directives)};
                    bool defaults = false;
                    if (!fd.arguments.empty()) {
                        f.arguments.reserve(qsizetype(fd.arguments.size()));
                        for (const InputValueDefinition &a : fd.arguments) {
                            f.arguments.append(inputValue(a));
                            defaults = defaults || a.defaultValue.has_value();
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
            forAll([&](const Definition &d) {
                for (const InputValueDefinition &fd : d.inputFields) {
                    const qsizetype earlier = m_members.findOrAdd(fd.name.value, t.inputFields.size());
                    const qsizetype at = place(t.inputFields, earlier, inputValue(fd));
                    // Only defaults need the node later; a redefinition without one drops the earlier default.
                    if (fd.defaultValue) {
                        defaults.resize(size_t(t.inputFields.size()));
                        defaults[size_t(at)] = &fd;
                    } else if (size_t(at) < defaults.size()) {
                        defaults[size_t(at)] = nullptr;
                    }
                }
            });
            if (!defaults.empty()) {
                defaults.resize(size_t(t.inputFields.size()));
                m_inputDefaults.push_back({index, std::move(defaults), {}});
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
                iv.defaultValue = printValue(coerce(*a.defaultValue, iv.type), iv.type);
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
        m_schema = &schema;
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
                        a.defaultValue = printValue(coerce(*ad.defaultValue, a.type), a.type);
            }
        }
        // Input fields, in schema order (the memo and its recursion limit make the order matter).
        for (InputDefaults &d : m_inputDefaults) {
            NamedType &t = types[size_t(d.type)];
            for (qsizetype i = 0; i < t.inputFields.size(); ++i) {
                InputValue &f = t.inputFields[i];
                f.defaultValue.reset();
                const JsValue v = inputFieldDefault(d, i);
                if (!v.isUndefined())
                    f.defaultValue = printValue(v, f.type);
            }
        }
    }

    /// completeSchema: the defaults buildClientSchema's reader collected, then addSpecified.
    void completePending(Schema &schema, detail::PendingDefaults &pending)
    {
        m_schema = &schema;
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
                for (qsizetype i = 0; i < t.inputFields.size(); ++i)
                    nodes[size_t(i)] = pending.inputFields.value(t.name + QLatin1Char('.') + t.inputFields[i].name);
                m_inputDefaults.push_back({qsizetype(&t - first), std::move(nodes), {}});
            }
        }
        for (const detail::PendingDefaults::DirectiveArg &d : pending.directiveArgs) {
            InputValue &iv = schema.directives()[d.directive].arguments[d.argument];
            iv.defaultValue = printValue(coerce(d.value, iv.type), iv.type);
        }
        fillDefaults(schema);
        addSpecified(schema);
    }

private:
    /// The input fields with a written default of one input object type (nodes by field index).
    struct InputDefaults
    {
        qsizetype type = 0; ///< index in the schema's types
        std::vector<const InputValueDefinition *> nodes;
        std::vector<std::optional<JsValue>> memo;
    };

    /// m_schema->type(name), through the document's name table while building from a document.
    const NamedType *schemaType(const QString &name) const
    {
        if (!m_types.size())
            return m_schema->type(name);
        const TypeEntry *e = m_types.find(name);
        return e && e->index >= 0 ? &m_schema->types()[size_t(e->index)] : nullptr;
    }

    /// The defaults of the type at `typeIndex`, or null if none of its input fields has one.
    InputDefaults *inputDefaultsOf(qsizetype typeIndex)
    {
        if (m_inputDefaults.empty())
            return nullptr;
        if (m_inputDefaultsByType.empty()) {
            m_inputDefaultsByType.assign(m_schema->types().size(), -1);
            for (size_t i = 0; i < m_inputDefaults.size(); ++i)
                m_inputDefaultsByType[size_t(m_inputDefaults[i].type)] = qsizetype(i);
        }
        if (typeIndex < 0 || size_t(typeIndex) >= m_inputDefaultsByType.size() || m_inputDefaultsByType[size_t(typeIndex)] < 0)
            return nullptr;
        return &m_inputDefaults[size_t(m_inputDefaultsByType[size_t(typeIndex)])];
    }

    /// The coerced default of input field `field` (graphql-js `field.defaultValue`), memoised; undefined if none.
    JsValue inputFieldDefault(InputDefaults &d, qsizetype field)
    {
        if (size_t(field) >= d.nodes.size() || !d.nodes[size_t(field)])
            return JsValue(); // no default written
        if (d.memo.empty())
            d.memo.resize(d.nodes.size());
        if (d.memo[size_t(field)])
            return *d.memo[size_t(field)];
        const InputValueDefinition *fd = d.nodes[size_t(field)];
        JsValue result;
        if (fd->defaultValue && m_inProgress < 64) {
            ++m_inProgress;
            const NamedType &t = m_schema->types()[size_t(d.type)];
            if (field < t.inputFields.size())
                result = coerce(*fd->defaultValue, t.inputFields[field].type);
            --m_inProgress;
        }
        d.memo[size_t(field)] = result;
        return result;
    }
    /// graphql-js valueFromAST(node, type) for a const value.
    JsValue coerce(const Value &node, const TypeRef &type, size_t wrapper = 0)
    {
        JsValue undefined;
        if (node.kind == Value::Kind::Variable)
            return undefined;
        if (wrapper < type.wrappers.size() && type.wrappers[wrapper] == TypeRef::Wrapper::NonNull) {
            if (node.kind == Value::Kind::Null)
                return undefined;
            return coerce(node, type, wrapper + 1);
        }
        if (node.kind == Value::Kind::Null)
            return jsNull();
        if (wrapper < type.wrappers.size()) { // List
            if (node.kind == Value::Kind::List) {
                JsValue list;
                list.kind = JsValue::Kind::List;
                for (const Value &item : node.list) {
                    JsValue v = coerce(item, type, wrapper + 1);
                    if (v.isUndefined())
                        return undefined;
                    list.list.push_back(std::move(v));
                }
                return list;
            }
            JsValue v = coerce(node, type, wrapper + 1);
            if (v.isUndefined())
                return undefined;
            JsValue list;
            list.kind = JsValue::Kind::List;
            list.list.push_back(std::move(v));
            return list;
        }
        const QString &n = type.name;
        const NamedType *t = Schema::isBuiltInScalar(n) ? nullptr : schemaType(n);
        if (!t) {
            if (n == QLatin1String("Int")) {
                if (node.kind != Value::Kind::Int)
                    return undefined;
                const double d = parseJsFloat(node.value);
                if (d > 2147483647.0 || d < -2147483648.0)
                    return undefined;
                return jsNumber(d);
            }
            if (n == QLatin1String("Float")) {
                if (node.kind != Value::Kind::Int && node.kind != Value::Kind::Float)
                    return undefined;
                return jsNumber(parseJsFloat(node.value));
            }
            if (n == QLatin1String("String"))
                return node.kind == Value::Kind::String ? jsString(node.value) : undefined;
            if (n == QLatin1String("Boolean"))
                return node.kind == Value::Kind::Boolean ? jsBool(node.boolean) : undefined;
            if (n == QLatin1String("ID"))
                return node.kind == Value::Kind::String || node.kind == Value::Kind::Int ? jsString(node.value) : undefined;
            return undefined;
        }
        switch (t->kind) {
        case TypeKind::Enum:
            if (node.kind != Value::Kind::Enum)
                return undefined;
            for (const EnumValue &ev : t->enumValues)
                if (ev.name == node.value)
                    return jsString(ev.name);
            return undefined;
        case TypeKind::Scalar:
            return untyped(node);
        case TypeKind::InputObject: {
            if (node.kind != Value::Kind::Object)
                return undefined;
            JsValue obj;
            obj.kind = JsValue::Kind::Object;
            for (const InputValue &f : t->inputFields) {
                const ObjectField *fieldNode = nullptr;
                for (const ObjectField &of : node.fields) // keyMap: the last duplicate wins
                    if (of.name.value == f.name)
                        fieldNode = &of;
                if (!fieldNode || fieldNode->value.kind == Value::Kind::Variable) {
                    InputDefaults *defaults = inputDefaultsOf(qsizetype(t - m_schema->types().data()));
                    const JsValue def = defaults ? inputFieldDefault(*defaults, qsizetype(&f - t->inputFields.constData()))
                                                 : JsValue();
                    if (!def.isUndefined())
                        obj.set(f.name, def);
                    else if (f.type.isNonNull())
                        return undefined;
                    continue;
                }
                JsValue v = coerce(fieldNode->value, f.type);
                if (v.isUndefined())
                    return undefined;
                obj.set(f.name, std::move(v));
            }
            if (t->isOneOf) {
                if (obj.object.size() != 1 || obj.object.front().second.kind == JsValue::Kind::Null)
                    return undefined;
            }
            return obj;
        }
        default:
            return undefined;
        }
    }

    /// graphql-js valueFromASTUntyped (custom scalars' parseLiteral).
    static JsValue untyped(const Value &node)
    {
        switch (node.kind) {
        case Value::Kind::Null: return jsNull();
        case Value::Kind::Int: return jsNumber(parseJsFloat(node.value));
        case Value::Kind::Float: return jsNumber(parseJsFloat(node.value));
        case Value::Kind::String:
        case Value::Kind::Enum: return jsString(node.value);
        case Value::Kind::Boolean: return jsBool(node.boolean);
        case Value::Kind::List: {
            JsValue l;
            l.kind = JsValue::Kind::List;
            for (const Value &v : node.list)
                l.list.push_back(untyped(v));
            return l;
        }
        case Value::Kind::Object: {
            JsValue o;
            o.kind = JsValue::Kind::Object;
            for (const ObjectField &f : node.fields)
                o.set(f.name.value, untyped(f.value));
            return o;
        }
        case Value::Kind::Variable: return JsValue();
        }
        return JsValue();
    }

    /// graphql-js print(astFromValue(value, type)); nullopt when astFromValue gives null.
    std::optional<QString> printValue(const JsValue &v, const TypeRef &type, size_t wrapper = 0)
    {
        if (wrapper < type.wrappers.size() && type.wrappers[wrapper] == TypeRef::Wrapper::NonNull) {
            const std::optional<QString> inner = printValue(v, type, wrapper + 1);
            if (inner && *inner == QLatin1String("null"))
                return std::nullopt;
            return inner;
        }
        if (v.kind == JsValue::Kind::Null)
            return QStringLiteral("null");
        if (v.isUndefined())
            return std::nullopt;
        if (wrapper < type.wrappers.size()) { // List
            if (v.kind == JsValue::Kind::List) {
                QStringList items;
                for (const JsValue &item : v.list)
                    if (const auto s = printValue(item, type, wrapper + 1))
                        items.append(*s);
                return QLatin1Char('[') + items.join(QLatin1String(", ")) + QLatin1Char(']');
            }
            return printValue(v, type, wrapper + 1);
        }
        const NamedType *t = Schema::isBuiltInScalar(type.name) ? nullptr : schemaType(type.name);
        if (t && t->kind == TypeKind::InputObject) {
            if (v.kind != JsValue::Kind::Object)
                return std::nullopt;
            QStringList fields;
            for (const InputValue &f : t->inputFields) {
                const JsValue *fv = v.get(f.name);
                if (!fv)
                    continue;
                if (const auto s = printValue(*fv, f.type))
                    fields.append(f.name + QLatin1String(": ") + *s);
            }
            return QLatin1Char('{') + fields.join(QLatin1String(", ")) + QLatin1Char('}');
        }
        // Leaf: serialize, then pick the literal kind from the JS type.
        switch (v.kind) {
        case JsValue::Kind::Boolean:
            return v.boolean ? QStringLiteral("true") : QStringLiteral("false");
        case JsValue::Kind::Number:
            return jsNumberToString(v.number); // Int or Float literal: the same text either way
        case JsValue::Kind::String:
            if (t && t->kind == TypeKind::Enum)
                return v.string;
            if (type.name == QLatin1String("ID") && isIntegerString(v.string))
                return v.string;
            return printString(v.string);
        default:
            // graphql-js throws "Cannot convert value to AST" here (lists/objects for a custom scalar);
            // keep something useful rather than failing the whole schema.
            return std::nullopt;
        }
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
    std::vector<InputDefaults> m_inputDefaults; ///< in schema order
    std::vector<qsizetype> m_inputDefaultsByType;
    int m_inProgress = 0;
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
