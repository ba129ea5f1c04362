// Reader: buildClientSchema's fast path, one pass over the JSON text straight into a Schema.
//
// A 40 MB result spent most of its time outside our own code on the DOM route: simdjson's copy of the
// input, its tape and string buffers (about 100 MB of fresh pages to fault in on every call) and one
// lookup per member. Here the text is read once, in place, with a strict cursor (jsoncursor.h); type
// and member names are interned as views into the text; defaults are coerced once per distinct
// (text, type) pair. Whatever this reader is unsure of, it leaves to the general path
// (introspectionreader.cpp), which gives graphql-js's exact result or message: the fuzz target and
// tst_introspectionreader compare the two.
#include "introspectiondirect.h"
#include "introspectionnames.h"

#include "ast.h"
#include "defaultvalues.h"
#include "jsoncursor.h"
#include "parser.h"
#include "pendingdefaults.h"
#include "printer.h"


#include <algorithm>
#include <unordered_map>
#include <vector>

namespace refract::graphql::detail {

namespace {

using namespace introspection;

QString printedString(const QString &text)
{
    ast::Value v;
    v.kind = ast::Value::Kind::String;
    v.value = text;
    return print(v);
}

template<typename T>
void deprecate(T &member, QString reason)
{
    const QString printed = printedString(reason);
    member.deprecationReason = std::move(reason);
    member.directives.append(AppliedDirective{QStringLiteral("deprecated"), {{QStringLiteral("reason"), printed}}});
}

/// Moves the elements of a scratch vector into a list of exactly their size.
template<typename T>
QList<T> takeList(std::vector<T> &scratch)
{
    QList<T> out;
    out.reserve(qsizetype(scratch.size()));
    for (T &x : scratch)
        out.append(std::move(x));
    scratch.clear();
    return out;
}

class Reader
{
public:
    explicit Reader(const QByteArray &json)
        : m_c(json.constData(), json.constData() + json.size()), m_textSize(size_t(json.size()))
    {
    }

    Schema read()
    {
        bool haveSchema = false;
        bool dataObject = false;
        Seen seen;
        m_c.object([&](std::string_view key) {
            const Key k = keyOf(key);
            if (k == Key::Data) {
                seen(k);
                if (m_c.peek() != '{') {
                    m_c.skip();
                    return;
                }
                if (haveSchema)
                    unsure(); // the __schema read at the top gives way to this one
                dataObject = true;
                Seen inData;
                m_c.object([&](std::string_view inner) {
                    if (keyOf(inner) != Key::Schema) {
                        m_c.skip();
                        return;
                    }
                    inData(Key::Schema);
                    schemaObject();
                    haveSchema = true;
                });
                if (!haveSchema)
                    unsure();
            } else if (k == Key::Schema) {
                seen(k);
                if (dataObject) {
                    m_c.skip();
                    return;
                }
                schemaObject();
                haveSchema = true;
            } else {
                m_c.skip();
            }
        });
        if (!haveSchema || !m_c.atEnd())
            unsure();
        return finish();
    }

private:
    enum class Owner { Field, InputObject, Directive };

    /// The members of an object, `member(Key)` each, the keys expected in `expected`'s order.
    template<size_t N, typename F>
    void members(const std::array<P, N> &expected, F &&member)
    {
        m_c.object(
            expected, [](std::string_view k) { return quint8(keyOf(k)); }, [&](quint8 id) { member(Key(id)); });
    }

    /// Members of a type that depend on its kind, read when the kind is known.
    struct TypeState
    {
        std::optional<QString> url;      ///< specifiedByURL
        std::optional<QString> urlLower; ///< specifiedByUrl (older servers)
        bool fieldsArray = false;
    };

    void schemaObject()
    {
        if (m_c.peek() != '{')
            unsure();
        Seen seen;
        bool types = false;
        m_c.object([&](std::string_view key) {
            const Key k = keyOf(key);
            switch (k) {
            case Key::Description:
                seen(k);
                m_schema.description = optionalString();
                break;
            case Key::QueryType: seen(k); m_roots[0] = rootType(); break;
            case Key::MutationType: seen(k); m_roots[1] = rootType(); break;
            case Key::SubscriptionType: seen(k); m_roots[2] = rootType(); break;
            case Key::Types:
                seen(k);
                if (m_c.peek() != '[')
                    unsure();
                m_types.reserve(std::max<size_t>(64, m_textSize / 1024)); // about 1,500 bytes a type
                m_c.array([&] { type(); });
                types = true;
                break;
            case Key::Directives:
                seen(k);
                if (m_c.peek() != '[') {
                    m_c.skip();
                    break;
                }
                m_c.array([&] { directive(); });
                break;
            default: m_c.skip(); break;
            }
        });
        if (!types)
            unsure();
    }

    /// queryType & co.: absent when not a non-empty object; otherwise its name must be a string.
    qint32 rootType()
    {
        if (m_c.peek() != '{') {
            m_c.skip();
            return -1;
        }
        bool any = false;
        qint32 name = -1;
        Seen seen;
        members(kRootTypeKeys, [&](Key k) {
            any = true;
            if (k != Key::Name) {
                m_c.skip();
                return;
            }
            seen(Key::Name);
            if (m_c.peek() == '"')
                name = qint32(typeName(m_c.string()));
            else
                m_c.skip();
        });
        if (any && name < 0)
            unsure();
        return name;
    }

    quint32 typeName(const JsonCursor::String &s)
    {
        const quint32 e = m_names.intern(s);
        m_names[e].referenced = true;
        return e;
    }

    static TypeKind kindOf(std::string_view k)
    {
        switch (k.size()) {
        case 4: if (is(k, "ENUM")) return TypeKind::Enum; break;
        case 5: if (is(k, "UNION")) return TypeKind::Union; break;
        case 6:
            if (is(k, "OBJECT")) return TypeKind::Object;
            if (is(k, "SCALAR")) return TypeKind::Scalar;
            break;
        case 9: if (is(k, "INTERFACE")) return TypeKind::Interface; break;
        case 12: if (is(k, "INPUT_OBJECT")) return TypeKind::InputObject; break;
        default: break;
        }
        unsure();
    }

    void type()
    {
        if (m_c.peek() != '{')
            unsure();
        const qint32 index = qint32(m_types.size());
        NamedType &d = m_types.emplace_back();
        const size_t recordsMark = m_defaults.records.size();
        Seen seen;
        TypeState st;
        bool haveKind = false;
        qint32 nameEntry = -1;
        struct Deferred
        {
            Key key;
            const char *at;
        };
        std::vector<Deferred> deferred;
        members(kTypeKeys, [&](Key k) {
            switch (k) {
            case Key::Kind: {
                seen(k);
                const JsonCursor::String s = m_c.string();
                if (s.escaped)
                    unsure();
                d.kind = kindOf(s.raw);
                haveKind = true;
                break;
            }
            case Key::Name: {
                seen(k);
                const JsonCursor::String s = m_c.string();
                if (s.raw.empty())
                    unsure();
                nameEntry = qint32(m_names.intern(s));
                Names::Entry &e = m_names[quint32(nameEntry)];
                if (e.defined)
                    unsure(); // a repeated type replaces the earlier one in buildSchema
                e.defined = true;
                e.type = index;
                d.name = e.value;
                break;
            }
            case Key::Description:
                seen(k);
                d.description = optionalString();
                break;
            case Key::SpecifiedByURL:
            case Key::SpecifiedByUrl:
            case Key::IsOneOf:
            case Key::Fields:
            case Key::InputFields:
            case Key::Interfaces:
            case Key::EnumValues:
            case Key::PossibleTypes:
                seen(k);
                if (haveKind) {
                    typeMember(k, d, index, st);
                } else { // read it again once the kind is known
                    deferred.push_back({k, m_c.position()});
                    m_c.skip();
                }
                break;
            default: m_c.skip(); break;
            }
        });
        if (!haveKind || nameEntry < 0)
            unsure();
        for (const Deferred &m : deferred) {
            const char *resume = m_c.position();
            m_c.setPosition(m.at);
            typeMember(m.key, d, index, st);
            m_c.setPosition(resume);
        }
        switch (d.kind) {
        case TypeKind::Scalar:
            if (const std::optional<QString> &url = st.url ? st.url : st.urlLower) {
                d.specifiedByUrl = *url;
                d.directives.append(AppliedDirective{QStringLiteral("specifiedBy"), {{QStringLiteral("url"), printedString(*url)}}});
            }
            break;
        case TypeKind::Object:
        case TypeKind::Interface:
            if (!st.fieldsArray)
                unsure();
            break;
        case TypeKind::InputObject:
            // buildSchema keys input field defaults by "Type.field": keep names that could collide away
            if (d.name.contains(QLatin1Char('.')))
                unsure();
            break;
        default: break;
        }

        // As buildClientSchema: graphql-js's own built-in scalars at their place, no introspection types.
        const bool introspection = Schema::isIntrospectionType(d.name);
        if (introspection || Schema::isBuiltInScalar(d.name)) {
            for (size_t i = recordsMark; i < m_defaults.records.size(); ++i)
                if (m_defaults.records[i].field < 0)
                    unsure(); // input field defaults of a dropped type: left to the general path
            m_defaults.records.resize(recordsMark); // argument defaults of a dropped type have no effect
            if (introspection) {
                m_names[quint32(nameEntry)].type = -1;
                m_types.pop_back();
            } else {
                if (!m_standard) {
                    m_standard.emplace();
                    m_standard->addBuiltInScalars();
                }
                d = *m_standard->type(d.name);
            }
        }
    }

    void typeMember(Key k, NamedType &d, qint32 index, TypeState &st)
    {
        const bool objectLike = d.kind == TypeKind::Object || d.kind == TypeKind::Interface;
        switch (k) {
        case Key::SpecifiedByURL:
        case Key::SpecifiedByUrl:
            if (d.kind == TypeKind::Scalar && m_c.peek() == '"')
                (k == Key::SpecifiedByURL ? st.url : st.urlLower) = m_c.toQString(m_c.string());
            else
                m_c.skip();
            break;
        case Key::IsOneOf:
            if (d.kind == TypeKind::InputObject && m_c.peek() == 't') {
                m_c.boolean();
                d.isOneOf = true;
                d.directives.append(AppliedDirective{QStringLiteral("oneOf"), {}});
            } else {
                m_c.skip();
            }
            break;
        case Key::Fields:
            if (!objectLike) {
                m_c.skip();
                break;
            }
            if (m_c.peek() != '[')
                unsure();
            fields(d, index);
            st.fieldsArray = true;
            break;
        case Key::Interfaces:
            if (objectLike && m_c.peek() == '[')
                d.interfaces = typeNames();
            else
                m_c.skip();
            break;
        case Key::PossibleTypes:
            if (d.kind == TypeKind::Union && m_c.peek() == '[')
                d.possibleTypes = typeNames();
            else
                m_c.skip();
            break;
        case Key::EnumValues:
            if (d.kind == TypeKind::Enum && m_c.peek() == '[')
                enumValues(d);
            else
                m_c.skip();
            break;
        case Key::InputFields:
            if (d.kind == TypeKind::InputObject && m_c.peek() == '[')
                d.inputFields = inputValues(Owner::InputObject, index, -1);
            else
                m_c.skip();
            break;
        default: m_c.skip(); break;
        }
    }

    /// interfaces / possibleTypes: objects with a string name.
    QStringList typeNames()
    {
        QStringList out;
        m_c.array([&] {
            if (m_c.peek() != '{')
                unsure();
            qint32 name = -1;
            Seen seen;
            members(kTypeRefKeys, [&](Key k) {
                if (k != Key::Name) {
                    m_c.skip();
                    return;
                }
                seen(Key::Name);
                name = qint32(typeName(m_c.string()));
            });
            if (name < 0)
                unsure();
            out.append(m_names[quint32(name)].value);
        });
        return out;
    }

    /// A string member's text; absent, its value skipped, when it is not a string (servers write null).
    std::optional<QString> optionalString()
    {
        if (m_c.peek() != '"') {
            m_c.skip();
            return std::nullopt;
        }
        return m_c.toQString(m_c.string());
    }

    /// `description` or `deprecationReason` of a field, enum value or input value.
    template<typename T>
    void describe(Key k, T &member)
    {
        std::optional<QString> text = optionalString();
        if (!text)
            return;
        if (k == Key::Description)
            member.description = std::move(text);
        else
            deprecate(member, std::move(*text));
    }

    /// The entry of a member's name, unique in its list.
    quint32 memberName(const JsonCursor::String &s, bool argument)
    {
        if (s.raw.empty())
            unsure(); // the general path rejects a nameless member
        const quint32 e = m_names.intern(s);
        if (!(argument ? m_names.firstArgument(e) : m_names.firstMember(e)))
            unsure(); // buildSchema replaces a repeated member
        return e;
    }

    void fields(NamedType &d, qint32 index)
    {
        m_names.newMemberList();
        m_c.array([&] {
            if (m_c.peek() != '{')
                unsure();
            Field &f = m_fieldScratch.emplace_back();
            const qint32 fieldIndex = qint32(m_fieldScratch.size() - 1);
            Seen seen;
            bool haveName = false;
            bool haveType = false;
            members(kFieldKeys, [&](Key k) {
                switch (k) {
                case Key::Name:
                    seen(k);
                    f.name = m_names[memberName(m_c.string(), false)].value;
                    haveName = true;
                    break;
                case Key::Description:
                case Key::DeprecationReason:
                    seen(k);
                    describe(k, f);
                    break;
                case Key::Args:
                    seen(k);
                    if (m_c.peek() == '[')
                        f.arguments = inputValues(Owner::Field, index, fieldIndex);
                    else
                        m_c.skip();
                    break;
                case Key::Type:
                    seen(k);
                    typeRef(f.type);
                    haveType = true;
                    break;
                default: m_c.skip(); break;
                }
            });
            if (!haveName || !haveType)
                unsure();
        });
        d.fields = takeList(m_fieldScratch);
    }

    void enumValues(NamedType &d)
    {
        m_names.newMemberList();
        m_c.array([&] {
            if (m_c.peek() != '{')
                unsure();
            EnumValue &v = m_enumScratch.emplace_back();
            Seen seen;
            bool haveName = false;
            members(kEnumValueKeys, [&](Key k) {
                switch (k) {
                case Key::Name:
                    seen(k);
                    v.name = m_names[memberName(m_c.string(), false)].value;
                    haveName = true;
                    break;
                case Key::Description:
                case Key::DeprecationReason:
                    seen(k);
                    describe(k, v);
                    break;
                default: m_c.skip(); break;
                }
            });
            if (!haveName)
                unsure();
        });
        d.enumValues = takeList(m_enumScratch);
    }

    /// Arguments (of a field or directive) or input fields. `index`: the type or directive.
    QList<InputValue> inputValues(Owner owner, qint32 index, qint32 field)
    {
        if (owner == Owner::InputObject)
            m_names.newMemberList();
        else
            m_names.newArgumentList();
        const size_t recordsMark = m_defaults.records.size();
        m_c.array([&] {
            if (m_c.peek() != '{')
                unsure();
            InputValue &iv = m_valueScratch.emplace_back();
            const qint32 member = qint32(m_valueScratch.size() - 1);
            Seen seen;
            bool haveName = false;
            bool haveType = false;
            qint64 value = -1;
            quint32 named = 0;
            members(kInputValueKeys, [&](Key k) {
                switch (k) {
                case Key::Name: {
                    seen(k);
                    const JsonCursor::String s = m_c.string();
                    if (owner == Owner::InputObject && s.raw.find('.') != std::string_view::npos)
                        unsure(); // see type(): "Type.field" keys
                    iv.name = m_names[memberName(s, owner != Owner::InputObject)].value;
                    haveName = true;
                    break;
                }
                case Key::Description:
                case Key::DeprecationReason:
                    seen(k);
                    describe(k, iv);
                    break;
                case Key::Type:
                    seen(k);
                    named = typeRef(iv.type);
                    haveType = true;
                    break;
                case Key::DefaultValue:
                    seen(k);
                    if (m_c.peek() == '"')
                        value = defaultValue(m_c.string());
                    else
                        m_c.skip();
                    break;
                default: m_c.skip(); break;
                }
            });
            if (!haveName || !haveType)
                unsure();
            if (value >= 0) {
                if (owner == Owner::Directive)
                    m_defaults.directiveRecords.push_back({index, -1, member, quint32(value), named});
                else
                    m_defaults.records.push_back({index, owner == Owner::Field ? field : -1, member, quint32(value), named,
                                                  IntrospectionDefaults::packedWrappers(iv.type.wrappers)});
            }
        });
        QList<InputValue> out = takeList(m_valueScratch);
        std::vector<IntrospectionDefaults::Record> &records = m_defaults.records;
        for (size_t i = recordsMark; i < records.size(); ++i)
            records[i].target = out.data() + records[i].member;
        return out;
    }

    /// A default value's text parsed as a const GraphQL value, once per distinct text.
    quint32 defaultValue(const JsonCursor::String &s)
    {
        const auto it = m_valueIndex.find(s.raw);
        if (it != m_valueIndex.end())
            return it->second;
        GraphQLError e;
        std::optional<ast::Value> v = parseValue(m_c.toQString(s), &e, true);
        if (!v)
            unsure(); // the general path reports the syntax error
        const quint32 index = quint32(m_defaults.values.size());
        m_defaults.values.push_back(std::move(*v));
        m_valueIndex.emplace(s.raw, index);
        return index;
    }

    /// A type reference: wrappers outermost first, then the named type; returns the name's entry.
    quint32 typeRef(TypeRef &r, int depth = 0)
    {
        if (depth > 64 || m_c.peek() != '{')
            unsure();
        enum class Kind { Unknown, Named, List, NonNull } kind = Kind::Unknown;
        bool any = false;
        bool nameIsString = false;
        JsonCursor::String name;
        const char *ofTypeAt = nullptr;
        bool ofTypeRead = false;
        quint32 named = 0;
        Seen seen;
        members(kTypeRefKeys, [&](Key k) {
            any = true;
            switch (k) {
            case Key::Kind:
                seen(k);
                if (m_c.peek() == '"') {
                    const JsonCursor::String s = m_c.string();
                    if (s.escaped)
                        unsure();
                    kind = s.raw.size() == 8 && is(s.raw, "NON_NULL") ? Kind::NonNull
                         : s.raw.size() == 4 && is(s.raw, "LIST")   ? Kind::List
                                                                    : Kind::Named;
                } else {
                    m_c.skip();
                    kind = Kind::Named;
                }
                break;
            case Key::Name:
                seen(k);
                if (m_c.peek() == '"') {
                    name = m_c.string();
                    nameIsString = true;
                } else {
                    m_c.skip();
                }
                break;
            case Key::OfType:
                seen(k);
                if (kind == Kind::List || kind == Kind::NonNull) {
                    r.wrappers.push_back(kind == Kind::List ? TypeWrapper::List : TypeWrapper::NonNull);
                    named = typeRef(r, depth + 1);
                    ofTypeRead = true;
                } else if (kind == Kind::Named) {
                    m_c.skip();
                } else {
                    ofTypeAt = m_c.position();
                    m_c.skip();
                }
                break;
            default: m_c.skip(); break;
            }
        });
        if (!any)
            unsure();
        if (kind == Kind::List || kind == Kind::NonNull) {
            if (ofTypeRead)
                return named;
            if (!ofTypeAt)
                unsure();
            const char *resume = m_c.position();
            m_c.setPosition(ofTypeAt);
            r.wrappers.push_back(kind == Kind::List ? TypeWrapper::List : TypeWrapper::NonNull);
            named = typeRef(r, depth + 1);
            m_c.setPosition(resume);
            return named;
        }
        if (!nameIsString)
            unsure();
        named = typeName(name);
        r.name = m_names[named].value;
        return named;
    }

    void directive()
    {
        if (m_c.peek() != '{')
            unsure();
        DirectiveDefinition d;
        const qint32 index = qint32(m_schema.directives().size());
        Seen seen;
        bool haveName = false;
        members(kDirectiveKeys, [&](Key k) {
            switch (k) {
            case Key::Name: {
                seen(k);
                const JsonCursor::String s = m_c.string();
                if (s.raw.empty())
                    unsure(); // the general path rejects a nameless directive
                d.name = m_c.toQString(s);
                haveName = true;
                break;
            }
            case Key::Description:
                seen(k);
                d.description = optionalString();
                break;
            case Key::Args:
                seen(k);
                if (m_c.peek() == '[')
                    d.arguments = inputValues(Owner::Directive, index, -1);
                else
                    m_c.skip();
                break;
            case Key::IsRepeatable:
                seen(k);
                if (m_c.peek() == 't')
                    d.repeatable = m_c.boolean();
                else
                    m_c.skip();
                break;
            case Key::Locations:
                seen(k);
                if (m_c.peek() == '[')
                    m_c.array([&] { d.locations.append(m_c.toQString(m_c.string())); });
                else
                    m_c.skip();
                break;
            default: m_c.skip(); break;
            }
        });
        if (!haveName)
            unsure();
        m_listedDirectives.append(d.name);
        m_schema.directives().append(std::move(d));
    }

    const NamedType *namedType(quint32 entry) const
    {
        const qint32 t = m_names.entries()[entry].type;
        return t >= 0 ? &m_types[size_t(t)] : nullptr;
    }

    Schema finish()
    {
        // Every referenced type must exist (buildSchema's "Unknown type" otherwise).
        for (const Names::Entry &e : m_names.entries())
            if (e.referenced && !e.defined && !Schema::isBuiltInScalar(e.value) && !Schema::isIntrospectionType(e.value))
                unsure();
        m_schema.reindex();
        if (m_roots[0] >= 0)
            m_schema.setQueryTypeName(m_names[quint32(m_roots[0])].value);
        if (m_roots[1] >= 0)
            m_schema.setMutationTypeName(m_names[quint32(m_roots[1])].value);
        if (m_roots[2] >= 0)
            m_schema.setSubscriptionTypeName(m_names[quint32(m_roots[2])].value);

        PendingDefaults pending;
        for (const IntrospectionDefaults::Record &r : m_defaults.directiveRecords)
            pending.directiveArgs.push_back({r.type, r.member, m_defaults.values[r.value]});
        if (!m_defaults.coerceDistinct(m_schema, [this](quint32 entry) { return namedType(entry); }))
            m_defaults.pendAll(m_types, pending);
        completeSchema(m_schema, pending);

        // buildClientSchema takes the directives as listed; it adds no specified ones that are absent.
        QList<DirectiveDefinition> &ds = m_schema.directives();
        ds.removeIf([&](const DirectiveDefinition &d) { return !m_listedDirectives.contains(d.name); });
        return std::move(m_schema);
    }

    JsonCursor m_c;
    Names m_names;
    const size_t m_textSize;
    Schema m_schema;
    std::vector<NamedType> &m_types = m_schema.types();
    std::optional<Schema> m_standard; ///< graphql-js's built-in scalars, made when one is listed
    qint32 m_roots[3] = {-1, -1, -1};
    QStringList m_listedDirectives;
    IntrospectionDefaults m_defaults;
    std::unordered_map<std::string_view, quint32> m_valueIndex;
    // Lists are gathered here and moved into lists of their exact size (QList would grow by steps).
    std::vector<Field> m_fieldScratch;
    std::vector<InputValue> m_valueScratch;
    std::vector<EnumValue> m_enumScratch;
};

} // namespace

std::optional<Schema> buildClientSchemaDirect(const QByteArray &json)
{
    if (quint64(json.size()) > 0xffffffffull) // the general path's parser takes up to 4 GiB
        return std::nullopt;
    try {
        return Reader(json).read();
    } catch (const JsonCursor::Unsure &) {
        return std::nullopt;
    }
}

} // namespace refract::graphql::detail
