#include "schema.h"

#include <algorithm>

namespace refract::graphql {

void TypeWrappers::assign(const TypeWrapper *items, size_type n)
{
    release();
    if (n <= kInline) {
        setInlineSize(n);
        if (n)
            std::memcpy(m_items + 1, items, n);
        return;
    }
    auto *v = new std::vector<TypeWrapper>(items, items + n);
    std::memcpy(m_items, &v, sizeof v);
}

TypeWrappers::iterator TypeWrappers::insert(const_iterator pos, TypeWrapper w)
{
    const size_type at = size_type(pos - begin());
    const size_type n = size();
    if (isInline() && n == kInline) {
        // An eighth wrapper: move to the heap.
        auto *v = new std::vector<TypeWrapper>(m_items + 1, m_items + 1 + n);
        std::memcpy(m_items, &v, sizeof v);
    }
    if (!isInline()) {
        std::vector<TypeWrapper> &v = *heap();
        v.insert(v.begin() + qsizetype(at), w);
        return v.data() + at;
    }
    std::memmove(m_items + 1 + at + 1, m_items + 1 + at, n - at);
    m_items[1 + at] = w;
    m_items[0] = TypeWrapper(quint8(((n + 1) << 1) | 1));
    return m_items + 1 + at;
}

TypeWrappers::iterator TypeWrappers::erase(const_iterator pos)
{
    const size_type at = size_type(pos - begin());
    if (!isInline()) {
        std::vector<TypeWrapper> *v = heap();
        v->erase(v->begin() + qsizetype(at));
        if (v->size() > kInline)
            return v->data() + at;
        // Back inline: a heap vector always holds more than kInline wrappers (never an empty one,
        // whose data() may be null).
        TypeWrapper copy[kInline] = {};
        const size_type n = v->size(); // kInline: it held more before the erase
        std::copy(v->begin(), v->end(), copy);
        delete v;
        setInlineSize(n);
        std::copy(copy, copy + n, m_items + 1);
        return m_items + 1 + at;
    }
    const size_type n = size();
    std::memmove(m_items + 1 + at, m_items + 1 + at + 1, n - at - 1);
    m_items[n] = TypeWrapper(0);
    m_items[0] = TypeWrapper(quint8(((n - 1) << 1) | 1));
    return m_items + 1 + at;
}

TypeRef TypeRef::nonNull() const
{
    if (isNonNull())
        return *this;
    TypeRef r = *this;
    r.wrappers.insert(r.wrappers.begin(), Wrapper::NonNull);
    return r;
}

TypeRef TypeRef::list() const
{
    TypeRef r = *this;
    r.wrappers.insert(r.wrappers.begin(), Wrapper::List);
    return r;
}

TypeRef TypeRef::nullable() const
{
    if (!isNonNull())
        return *this;
    TypeRef r = *this;
    r.wrappers.erase(r.wrappers.begin());
    return r;
}

bool TypeRef::isList() const
{
    return std::find(wrappers.begin(), wrappers.end(), Wrapper::List) != wrappers.end();
}

QString TypeRef::toString() const
{
    QString s = name;
    for (auto it = wrappers.rbegin(); it != wrappers.rend(); ++it)
        s = *it == Wrapper::NonNull ? s + QLatin1Char('!') : QLatin1Char('[') + s + QLatin1Char(']');
    return s;
}

TypeRef TypeRef::parse(const QString &text)
{
    // Peel wrappers from the outside: a trailing '!' is NonNull, surrounding brackets a List.
    TypeRef r;
    QString s = text.trimmed();
    while (!s.isEmpty()) {
        if (s.endsWith(QLatin1Char('!'))) {
            r.wrappers.push_back(Wrapper::NonNull);
            s.chop(1);
            s = s.trimmed();
        } else if (s.startsWith(QLatin1Char('[')) && s.endsWith(QLatin1Char(']'))) {
            r.wrappers.push_back(Wrapper::List);
            s = s.mid(1, s.size() - 2).trimmed();
        } else {
            break;
        }
    }
    for (QChar c : s) {
        if (!(c.isLetterOrNumber() || c == QLatin1Char('_')) || c.unicode() > 127)
            return TypeRef{};
    }
    r.name = s;
    return r;
}

const Field *NamedType::field(const QString &n) const
{
    for (const Field &f : fields)
        if (f.name == n)
            return &f;
    return nullptr;
}

Field *NamedType::field(const QString &n)
{
    for (Field &f : fields)
        if (f.name == n)
            return &f;
    return nullptr;
}

const InputValue *NamedType::inputField(const QString &n) const
{
    for (const InputValue &f : inputFields)
        if (f.name == n)
            return &f;
    return nullptr;
}

Schema::Schema() = default;

void Schema::reserve(qsizetype count)
{
    m_types.reserve(size_t(count));
    m_index.reserve(count);
}

NamedType *Schema::addType(NamedType type)
{
    const auto it = m_index.constFind(type.name);
    if (it != m_index.constEnd()) {
        m_types[size_t(*it)] = std::move(type);
        return &m_types[size_t(*it)];
    }
    m_index.insert(type.name, qsizetype(m_types.size()));
    m_types.push_back(std::move(type));
    return &m_types.back();
}

const NamedType *Schema::type(const QString &name) const
{
    const auto it = m_index.constFind(name);
    return it == m_index.constEnd() ? nullptr : &m_types[size_t(*it)];
}

NamedType *Schema::type(const QString &name)
{
    const auto it = m_index.constFind(name);
    return it == m_index.constEnd() ? nullptr : &m_types[size_t(*it)];
}

bool Schema::removeType(const QString &name)
{
    const auto it = m_index.constFind(name);
    if (it == m_index.constEnd())
        return false;
    m_types.erase(m_types.begin() + *it);
    reindex();
    return true;
}

bool Schema::isBuiltInScalar(const QString &name)
{
    // Called for every type reference while building large schemas: decide by length first.
    switch (name.size()) {
    case 2: return name == QLatin1String("ID");
    case 3: return name == QLatin1String("Int");
    case 5: return name == QLatin1String("Float");
    case 6: return name == QLatin1String("String");
    case 7: return name == QLatin1String("Boolean");
    default: return false;
    }
}

bool Schema::isBuiltInDirective(const QString &name)
{
    return name == QLatin1String("include") || name == QLatin1String("skip") || name == QLatin1String("deprecated")
        || name == QLatin1String("specifiedBy");
}

bool Schema::isIntrospectionType(const QString &name)
{
    static const QStringList names = {
        QStringLiteral("__Schema"), QStringLiteral("__Directive"), QStringLiteral("__DirectiveLocation"),
        QStringLiteral("__Type"), QStringLiteral("__Field"), QStringLiteral("__InputValue"),
        QStringLiteral("__EnumValue"), QStringLiteral("__TypeKind"),
    };
    if (name.size() < 6 || name.at(0) != QLatin1Char('_') || name.at(1) != QLatin1Char('_'))
        return false;
    return names.contains(name);
}

void Schema::addBuiltInScalars()
{
    struct Builtin { const char *name; const char *description; };
    // Descriptions exactly as graphql-js 16 defines them (src/type/scalars.ts).
    static const Builtin builtins[] = {
        {"Int", "The `Int` scalar type represents non-fractional signed whole numeric values. Int can represent values between -(2^31) and 2^31 - 1."},
        {"Float", "The `Float` scalar type represents signed double-precision fractional values as specified by [IEEE 754](https://en.wikipedia.org/wiki/IEEE_floating_point)."},
        {"String", "The `String` scalar type represents textual data, represented as UTF-8 character sequences. The String type is most often used by GraphQL to represent free-form human-readable text."},
        {"Boolean", "The `Boolean` scalar type represents `true` or `false`."},
        {"ID", "The `ID` scalar type represents a unique identifier, often used to refetch an object or as key for a cache. The ID type appears in a JSON response as a String; however, it is not intended to be human-readable. When expected as an input type, any string (such as `\"4\"`) or integer (such as `4`) input value will be accepted as an ID."},
    };
    for (const Builtin &b : builtins) {
        const QString name = QString::fromLatin1(b.name);
        if (type(name))
            continue;
        NamedType t;
        t.kind = TypeKind::Scalar;
        t.name = name;
        t.description = QString::fromLatin1(b.description);
        addType(std::move(t));
    }
}

void Schema::addBuiltInDirectives()
{
    auto has = [this](const char *n) { return directive(QString::fromLatin1(n)) != nullptr; };
    auto boolArg = [](const char *description) {
        InputValue a;
        a.name = QStringLiteral("if");
        a.description = QString::fromLatin1(description);
        a.type = TypeRef::named(QStringLiteral("Boolean")).nonNull();
        return a;
    };
    const QStringList fieldLocations = {QStringLiteral("FIELD"), QStringLiteral("FRAGMENT_SPREAD"),
                                        QStringLiteral("INLINE_FRAGMENT")};
    if (!has("include")) {
        DirectiveDefinition d;
        d.name = QStringLiteral("include");
        d.description = QStringLiteral("Directs the executor to include this field or fragment only when the `if` argument is true.");
        d.arguments = {boolArg("Included when true.")};
        d.locations = fieldLocations;
        m_directives.append(d);
    }
    if (!has("skip")) {
        DirectiveDefinition d;
        d.name = QStringLiteral("skip");
        d.description = QStringLiteral("Directs the executor to skip this field or fragment when the `if` argument is true.");
        d.arguments = {boolArg("Skipped when true.")};
        d.locations = fieldLocations;
        m_directives.append(d);
    }
    if (!has("deprecated")) {
        DirectiveDefinition d;
        d.name = QStringLiteral("deprecated");
        d.description = QStringLiteral("Marks an element of a GraphQL schema as no longer supported.");
        InputValue reason;
        reason.name = QStringLiteral("reason");
        reason.description = QStringLiteral("Explains why this element was deprecated, usually also including a suggestion for how to access supported similar data. Formatted using the Markdown syntax, as specified by [CommonMark](https://commonmark.org/).");
        reason.type = TypeRef::named(QStringLiteral("String"));
        reason.defaultValue = QStringLiteral("\"No longer supported\"");
        d.arguments = {reason};
        d.locations = {QStringLiteral("FIELD_DEFINITION"), QStringLiteral("ARGUMENT_DEFINITION"),
                       QStringLiteral("INPUT_FIELD_DEFINITION"), QStringLiteral("ENUM_VALUE")};
        m_directives.append(d);
    }
    if (!has("specifiedBy")) {
        DirectiveDefinition d;
        d.name = QStringLiteral("specifiedBy");
        d.description = QStringLiteral("Exposes a URL that specifies the behavior of this scalar.");
        InputValue url;
        url.name = QStringLiteral("url");
        url.description = QStringLiteral("The URL that specifies the behavior of this scalar.");
        url.type = TypeRef::named(QStringLiteral("String")).nonNull();
        d.arguments = {url};
        d.locations = {QStringLiteral("SCALAR")};
        m_directives.append(d);
    }
}

const DirectiveDefinition *Schema::directive(const QString &name) const
{
    for (const DirectiveDefinition &d : m_directives)
        if (d.name == name)
            return &d;
    return nullptr;
}

void Schema::reindex()
{
    m_index.clear();
    m_index.reserve(qsizetype(m_types.size()));
    for (size_t i = 0; i < m_types.size(); ++i)
        m_index.insert(m_types[i].name, qsizetype(i));
}

} // namespace refract::graphql
