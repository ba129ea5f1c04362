#include "typemapper.h"

namespace refract::reflect {

using graphql::NamedType;
using graphql::TypeKind;
using graphql::TypeRef;

namespace {

struct ScalarSpec
{
    const char *name;
    const char *description;
};

// graphile-build / graphile-build-pg built-in scalars and their descriptions.
const ScalarSpec kScalars[] = {
    {"Cursor", "A location in a connection that can be used for resuming pagination."},
    {"BigInt", "A signed eight-byte integer. The upper big integer values are greater than the max value for a JavaScript number. Therefore all big integers will be output as strings and not numbers."},
    {"BigFloat", "A floating point number that requires more precision than IEEE 754 binary 64"},
    {"BitString", "A string representing a series of binary bits"},
    {"Date", "The day, does not include a time."},
    {"Datetime", "A point in time as described by the [ISO 8601](https://en.wikipedia.org/wiki/ISO_8601) standard. May or may not include a timezone."},
    {"Time", "The exact time of day, does not include the date. May or may not have a timezone offset."},
    {"UUID", "A universally unique identifier as defined by [RFC 4122](https://tools.ietf.org/html/rfc4122)."},
    {"InternetAddress", "An IPv4 or IPv6 host address, and optionally its subnet."},
    {"CidrAddress", "An IPv4 or IPv6 CIDR address."},
    {"MacAddress", "A 6-byte MAC address."},
    {"MacAddress8", "An 8-byte MAC address."},
    {"RegProc", "A builtin object identifier type for a function name"},
    {"RegProcedure", "A builtin object identifier type for a function with argument types"},
    {"RegOper", "A builtin object identifier type for an operator"},
    {"RegOperator", "A builtin object identifier type for an operator with argument types"},
    {"RegClass", "A builtin object identifier type for a relation name"},
    {"RegType", "A builtin object identifier type for a data type name"},
    {"RegRole", "A builtin object identifier type for a role name"},
    {"RegNamespace", "A builtin object identifier type for a namespace name"},
    {"RegConfig", "A builtin object identifier type for a text search configuration"},
    {"RegDictionary", "A builtin object identifier type for a text search dictionary"},
    {"KeyValueHash", "A set of key/value pairs, keys are strings, values may be a string or null. Exposed as a JSON object."},
};

} // namespace

TypeMapper::TypeMapper(GeneratorContext &ctx) : m_ctx(ctx)
{
    for (const char *b : {"Int", "Float", "String", "Boolean", "ID"})
        m_scalarBase.insert(QLatin1String(b), QLatin1String(b));
    for (const ScalarSpec &s : kScalars)
        m_scalarBase.insert(QLatin1String(s.name), QLatin1String(s.name));
    m_scalarBase.insert(QStringLiteral("JSON"), QStringLiteral("JSON"));
    m_scalarBase.insert(QStringLiteral("Json"), QStringLiteral("JSON"));
    m_scalarBase.insert(QStringLiteral("Uuid"), QStringLiteral("UUID"));

    // jwtPgTypeIdentifier: `schema.type`, either part possibly double-quoted.
    const QString ident = ctx.options.jwtPgTypeIdentifier;
    if (!ident.isEmpty()) {
        QString schema, name;
        const qsizetype dot = ident.indexOf(QLatin1Char('.'));
        schema = ident.left(dot);
        name = ident.mid(dot + 1);
        auto unquote = [](QString s) {
            if (s.startsWith(QLatin1Char('"')) && s.endsWith(QLatin1Char('"')) && s.size() >= 2)
                s = s.mid(1, s.size() - 2);
            return s;
        };
        schema = unquote(schema);
        name = unquote(name);
        for (const Type &t : ctx.model.catalog().types)
            if (t.namespaceName == schema && t.name == name)
                m_jwtTypeOid = t.oid;
        if (!m_jwtTypeOid)
            ctx.warnings << QStringLiteral("jwtPgTypeIdentifier %1 names no type").arg(ident);
    }
}

const TypeMapper::ClassTypes *TypeMapper::classTypes(Oid rowTypeOid) const
{
    auto it = m_classTypes.constFind(rowTypeOid);
    return it == m_classTypes.cend() ? nullptr : &it.value();
}

void TypeMapper::ensureScalar(const QString &name)
{
    if (m_ctx.schema.type(name) || graphql::Schema::isBuiltInScalar(name))
        return;
    NamedType t;
    t.kind = TypeKind::Scalar;
    t.name = name;
    if (name == QLatin1String("JSON") || name == QLatin1String("Json")) {
        t.description = m_ctx.options.dynamicJson
            ? QStringLiteral("The `%1` scalar type represents JSON values as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf).").arg(name)
            : GeneratorContext::wrap(QStringLiteral("A JavaScript object encoded in the JSON format as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf)."), DescPos::Type);
    } else {
        const QString lookup = name == QLatin1String("Uuid") ? QStringLiteral("UUID") : name;
        for (const ScalarSpec &s : kScalars)
            if (lookup == QLatin1String(s.name))
                t.description = GeneratorContext::wrap(QString::fromUtf8(s.description), DescPos::Type);
    }
    m_ctx.schema.addType(std::move(t));
}

std::optional<QString> TypeMapper::builtinScalarFor(const Type &t) const
{
    const bool net = m_ctx.options.pgUseCustomNetworkScalars;
    switch (t.oid) {
    case 20: return QStringLiteral("BigInt");
    case 21: case 23: return QStringLiteral("Int");
    case 700: case 701: case 790: return QStringLiteral("Float");
    case 1700: return QStringLiteral("BigFloat");
    case 1082: return QStringLiteral("Date");
    case 1114: case 1184: return QStringLiteral("Datetime");
    case 1083: case 1266: return QStringLiteral("Time");
    case 114: case 3802: return m_ctx.options.legacyJsonUuid ? QStringLiteral("Json") : QStringLiteral("JSON");
    case 2950: return m_ctx.options.legacyJsonUuid ? QStringLiteral("Uuid") : QStringLiteral("UUID");
    case 1560: case 1562: return QStringLiteral("BitString");
    case 18: case 25: case 1043: return QStringLiteral("String");
    case 869: return QStringLiteral("InternetAddress");
    case 650: return net ? QStringLiteral("CidrAddress") : QStringLiteral("String");
    case 829: return net ? QStringLiteral("MacAddress") : QStringLiteral("String");
    case 774: return net ? QStringLiteral("MacAddress8") : QStringLiteral("String");
    case 24: return QStringLiteral("RegProc");
    case 2202: return QStringLiteral("RegProcedure");
    case 2203: return QStringLiteral("RegOper");
    case 2204: return QStringLiteral("RegOperator");
    case 2205: return QStringLiteral("RegClass");
    case 2206: return QStringLiteral("RegType");
    case 4096: return QStringLiteral("RegRole");
    case 4089: return QStringLiteral("RegNamespace");
    case 3734: return QStringLiteral("RegConfig");
    case 3769: return QStringLiteral("RegDictionary");
    default: break;
    }
    if (t.name == QLatin1String("hstore") && t.type == 'b')
        return QStringLiteral("KeyValueHash");
    return std::nullopt;
}

QString TypeMapper::enumTypeFor(const PgTypeInfo &ti)
{
    const QString nameTag = ti.tags.value(QStringLiteral("name"));
    const QString name = m_ctx.inflector.enumType(
        m_ctx.inflector.coerceToGraphQLName(nameTag.isEmpty() ? ti.type->name : nameTag),
        ti.tags.value(QStringLiteral("enumName")));
    if (!m_ctx.schema.type(name)) {
        NamedType t;
        t.kind = TypeKind::Enum;
        t.name = name;
        t.description = ti.description;
        for (const QString &label : ti.type->enumLabels) {
            graphql::EnumValue v;
            v.name = m_ctx.inflector.enumName(label);
            t.enumValues << v;
        }
        m_ctx.schema.addType(std::move(t));
        m_ctx.meta.pgTypeByTypeName.insert(name, ti.type->oid);
    }
    return name;
}

QString TypeMapper::fakeEnumType(const PgFakeEnum &e)
{
    const QString nameTag = e.tags.value(QStringLiteral("name"));
    const QString name = m_ctx.inflector.enumType(m_ctx.inflector.coerceToGraphQLName(nameTag.isEmpty() ? e.name : nameTag),
                                                  e.tags.value(QStringLiteral("enumName")));
    if (!m_ctx.schema.type(name)) {
        NamedType t;
        t.kind = TypeKind::Enum;
        t.name = name;
        t.description = e.description;
        for (qsizetype i = 0; i < e.values.size(); ++i) {
            graphql::EnumValue v;
            v.name = m_ctx.inflector.enumName(e.values[i]);
            if (i < e.valueDescriptions.size())
                v.description = e.valueDescriptions[i];
            t.enumValues << v;
        }
        m_ctx.schema.addType(std::move(t));
        m_ctx.meta.classByTypeName.insert(name, e.cls->cls->oid);
    }
    return name;
}

std::optional<TypeRef> TypeMapper::output(const PgAttrInfo &a)
{
    if (const PgFakeEnum *e = m_ctx.model.enumForAttribute(a.cls->cls->oid, a.attr->num))
        return TypeRef::named(fakeEnumType(*e));
    return output(a.attr->typeOid, a.attr->typmod);
}

std::optional<TypeRef> TypeMapper::input(const PgAttrInfo &a, InputVariant variant)
{
    if (const PgFakeEnum *e = m_ctx.model.enumForAttribute(a.cls->cls->oid, a.attr->num))
        return TypeRef::named(fakeEnumType(*e));
    return input(a.attr->typeOid, a.attr->typmod, variant);
}

void TypeMapper::ensureInterval(bool input)
{
    const QString name = input ? QStringLiteral("IntervalInput") : QStringLiteral("Interval");
    if (m_ctx.schema.type(name))
        return;
    NamedType t;
    t.kind = input ? TypeKind::InputObject : TypeKind::Object;
    t.name = name;
    t.description = GeneratorContext::wrap(QStringLiteral("An interval of time that has passed where the smallest distinct unit is a second."), DescPos::Type);
    struct F { const char *name; const char *desc; const char *type; };
    const F fields[] = {
        {"seconds", "A quantity of seconds. This is the only non-integer field, as all the other fields will dump their overflow into a smaller unit of time. Intervals don\u2019t have a smaller unit than seconds.", "Float"},
        {"minutes", "A quantity of minutes.", "Int"},
        {"hours", "A quantity of hours.", "Int"},
        {"days", "A quantity of days.", "Int"},
        {"months", "A quantity of months.", "Int"},
        {"years", "A quantity of years.", "Int"},
    };
    for (const F &f : fields) {
        const QString desc = GeneratorContext::wrap(QString::fromUtf8(f.desc), DescPos::Field);
        if (input) {
            t.inputFields << GeneratorContext::arg(QLatin1String(f.name), TypeRef::named(QLatin1String(f.type)), desc);
        } else {
            graphql::Field fld;
            fld.name = QLatin1String(f.name);
            fld.description = desc;
            fld.type = TypeRef::named(QLatin1String(f.type));
            t.fields << fld;
        }
    }
    m_ctx.schema.addType(std::move(t));
}

void TypeMapper::ensurePoint(bool input)
{
    const QString name = input ? QStringLiteral("PointInput") : QStringLiteral("Point");
    if (m_ctx.schema.type(name))
        return;
    NamedType t;
    t.kind = input ? TypeKind::InputObject : TypeKind::Object;
    t.name = name;
    for (const char *n : {"x", "y"}) {
        if (input) {
            t.inputFields << GeneratorContext::arg(QLatin1String(n), TypeRef::named(QStringLiteral("Float")).nonNull());
        } else {
            graphql::Field f;
            f.name = QLatin1String(n);
            f.type = TypeRef::named(QStringLiteral("Float")).nonNull();
            t.fields << f;
        }
    }
    m_ctx.schema.addType(std::move(t));
}

std::optional<QString> TypeMapper::geometricType(Oid oid, bool input)
{
    if (!m_ctx.options.pgGeometricTypes)
        return std::nullopt;
    struct FieldSpec { const char *name; const char *type; bool list; const char *desc; };
    struct Geo { Oid oid; const char *name; const char *desc; QList<FieldSpec> fields; };
    static const QList<Geo> geos = {
        {628, "Line", "An infinite line that passes through points 'a' and 'b'.", {{"a", "Point", false, nullptr}, {"b", "Point", false, nullptr}}},
        {601, "LineSegment", "An finite line between points 'a' and 'b'.", {{"a", "Point", false, nullptr}, {"b", "Point", false, nullptr}}},
        {603, "Box", "A rectangular box defined by two opposite corners 'a' and 'b'", {{"a", "Point", false, nullptr}, {"b", "Point", false, nullptr}}},
        {602, "Path", "A path (open or closed) made up of points", {{"points", "Point", true, nullptr}, {"isOpen", "Boolean", false, "True if this is a closed path (similar to a polygon), false otherwise."}}},
        {604, "Polygon", nullptr, {{"points", "Point", true, nullptr}}},
        {718, "Circle", nullptr, {{"center", "Point", false, nullptr}, {"radius", "Float", false, nullptr}}},
    };
    for (const Geo &g : geos) {
        if (g.oid != oid)
            continue;
        ensurePoint(input);
        const QString name = QLatin1String(g.name) + (input ? QStringLiteral("Input") : QString());
        if (!m_ctx.schema.type(name)) {
            NamedType t;
            t.kind = input ? TypeKind::InputObject : TypeKind::Object;
            t.name = name;
            if (g.desc)
                t.description = GeneratorContext::wrap(QLatin1String(g.desc), DescPos::Type);
            for (const FieldSpec &f : g.fields) {
                QString typeName = QLatin1String(f.type);
                if (input && typeName == QLatin1String("Point"))
                    typeName = QStringLiteral("PointInput");
                TypeRef ref = TypeRef::named(typeName);
                if (f.list)
                    ref = ref.list();
                std::optional<QString> desc;
                if (f.desc)
                    desc = GeneratorContext::wrap(QLatin1String(f.desc), DescPos::Field);
                if (input) {
                    t.inputFields << GeneratorContext::arg(QLatin1String(f.name), ref, desc);
                } else {
                    graphql::Field fld;
                    fld.name = QLatin1String(f.name);
                    fld.type = ref;
                    fld.description = desc;
                    t.fields << fld;
                }
            }
            m_ctx.schema.addType(std::move(t));
        }
        return name;
    }
    return std::nullopt;
}

std::optional<QString> TypeMapper::rangeTypeFor(const Type &t, int typmod, bool input)
{
    const auto sub = output(t.rangeSubtypeOid, typmod);
    const auto subIn = this->input(t.rangeSubtypeOid, typmod);
    if (!sub || !subIn || sub->isList())
        return std::nullopt;
    const QString subName = sub->name;
    const QString rangeName = m_ctx.inflector.rangeType(subName);
    const QString boundName = m_ctx.inflector.rangeBoundType(subName);
    if (!m_ctx.schema.type(rangeName)) {
        const QString boundDesc = GeneratorContext::wrap(QStringLiteral("The value at one end of a range. A range can either include this value, or not."), DescPos::Type);
        const QString valueDesc = GeneratorContext::wrap(QStringLiteral("The value at one end of our range."), DescPos::Field);
        const QString inclDesc = GeneratorContext::wrap(QStringLiteral("Whether or not the value of this bound is included in the range."), DescPos::Field);
        const QString rangeDesc = GeneratorContext::wrap(QStringLiteral("A range of `%1`.").arg(subName), DescPos::Type);
        const QString startDesc = GeneratorContext::wrap(QStringLiteral("The starting bound of our range."), DescPos::Field);
        const QString endDesc = GeneratorContext::wrap(QStringLiteral("The ending bound of our range."), DescPos::Field);

        NamedType bound;
        bound.kind = TypeKind::Object;
        bound.name = boundName;
        bound.description = boundDesc;
        graphql::Field v;
        v.name = QStringLiteral("value");
        v.description = valueDesc;
        v.type = sub->nonNull();
        graphql::Field inc;
        inc.name = QStringLiteral("inclusive");
        inc.description = inclDesc;
        inc.type = TypeRef::named(QStringLiteral("Boolean")).nonNull();
        bound.fields << v << inc;
        m_ctx.schema.addType(std::move(bound));

        NamedType boundIn;
        boundIn.kind = TypeKind::InputObject;
        boundIn.name = m_ctx.inflector.inputType(boundName);
        boundIn.description = boundDesc;
        boundIn.inputFields << GeneratorContext::arg(QStringLiteral("value"), subIn->nonNull(), valueDesc)
                            << GeneratorContext::arg(QStringLiteral("inclusive"), TypeRef::named(QStringLiteral("Boolean")).nonNull(), inclDesc);
        m_ctx.schema.addType(std::move(boundIn));

        NamedType range;
        range.kind = TypeKind::Object;
        range.name = rangeName;
        range.description = rangeDesc;
        graphql::Field s;
        s.name = QStringLiteral("start");
        s.description = startDesc;
        s.type = TypeRef::named(boundName);
        graphql::Field e;
        e.name = QStringLiteral("end");
        e.description = endDesc;
        e.type = TypeRef::named(boundName);
        range.fields << s << e;
        m_ctx.schema.addType(std::move(range));

        NamedType rangeIn;
        rangeIn.kind = TypeKind::InputObject;
        rangeIn.name = m_ctx.inflector.inputType(rangeName);
        rangeIn.description = rangeDesc;
        rangeIn.inputFields << GeneratorContext::arg(QStringLiteral("start"), TypeRef::named(m_ctx.inflector.inputType(boundName)), startDesc)
                            << GeneratorContext::arg(QStringLiteral("end"), TypeRef::named(m_ctx.inflector.inputType(boundName)), endDesc);
        m_ctx.schema.addType(std::move(rangeIn));
        m_ctx.meta.pgTypeByTypeName.insert(rangeName, t.oid);
    }
    return input ? m_ctx.inflector.inputType(rangeName) : rangeName;
}

std::optional<TypeRef> TypeMapper::output(Oid typeOid, int typmod)
{
    const PgTypeInfo *ti = m_ctx.model.typeByOid(typeOid);
    if (!ti)
        return TypeRef::named(QStringLiteral("String"));
    const Type &t = *ti->type;
    if (isJwtType(typeOid)) {
        const PgClassInfo *ci = m_ctx.model.classByTypeOid(typeOid);
        const QString name = ci ? m_ctx.tableTypeName(*ci) : m_ctx.inflector.upperCamelCase(t.name);
        if (!m_ctx.schema.type(name)) {
            NamedType s;
            s.kind = TypeKind::Scalar;
            s.name = name;
            s.description = GeneratorContext::wrap(QStringLiteral("A JSON Web Token defined by [RFC 7519](https://tools.ietf.org/html/rfc7519) which securely represents claims between two parties."), DescPos::Type);
            m_ctx.schema.addType(std::move(s));
            m_scalarBase.insert(name, QStringLiteral("String"));
        }
        return TypeRef::named(name);
    }
    if (const ClassTypes *ct = classTypes(typeOid))
        return TypeRef::named(ct->output);
    if (auto s = builtinScalarFor(t)) {
        ensureScalar(*s);
        return TypeRef::named(*s);
    }
    if (t.oid == 1186) {
        ensureInterval(false);
        return TypeRef::named(QStringLiteral("Interval"));
    }
    if (t.oid == 600) {
        ensurePoint(false);
        return TypeRef::named(QStringLiteral("Point"));
    }
    if (auto g = geometricType(t.oid, false))
        return TypeRef::named(*g);
    if (t.type == 'e')
        return TypeRef::named(enumTypeFor(*ti));
    if (t.type == 'r') {
        if (auto r = rangeTypeFor(t, typmod, false))
            return TypeRef::named(*r);
        return std::nullopt;
    }
    if (t.type == 'd' && t.domainBaseOid) {
        // A domain may stand for an enum table's enum: `@enum name` or a `_enum_domain` suffix.
        const QString tagEnum = ti->tags.isFlag(QStringLiteral("enum")) ? QString() : ti->tags.value(QStringLiteral("enum"));
        const QString suffix = QStringLiteral("_enum_domain");
        const QString underlying = !tagEnum.isEmpty() ? tagEnum
                                   : t.name.endsWith(suffix) ? t.name.left(t.name.size() - suffix.size()) : QString();
        if (!underlying.isEmpty()) {
            if (const PgFakeEnum *e = m_ctx.model.fakeEnum(t.namespaceName, underlying))
                return TypeRef::named(fakeEnumType(*e));
            m_ctx.warnings << QStringLiteral("domain %1.%2 refers to enum %3, which does not exist").arg(t.namespaceName, t.name, underlying);
        }
        auto base = output(t.domainBaseOid, t.domainTypmod);
        if (!base)
            return std::nullopt;
        if (base->isList() || !base->wrappers.empty())
            return base;
        const NamedType *bt = m_ctx.schema.type(base->name);
        const bool baseIsScalar = graphql::Schema::isBuiltInScalar(base->name) || (bt && bt->kind == TypeKind::Scalar);
        if (!baseIsScalar)
            return base; // PostGraphile clones objects too; rare (domains over ranges/composites)
        const QString tagName = ti->tags.value(QStringLiteral("name"));
        const QString name = m_ctx.inflector.domainType(m_ctx.inflector.coerceToGraphQLName(tagName.isEmpty() ? t.name : tagName));
        if (!m_ctx.schema.type(name)) {
            NamedType s;
            s.kind = TypeKind::Scalar;
            s.name = name;
            s.description = ti->description;
            m_ctx.schema.addType(std::move(s));
            m_scalarBase.insert(name, scalarBase(base->name));
            m_ctx.meta.pgTypeByTypeName.insert(name, t.oid);
        }
        return TypeRef::named(name);
    }
    if (t.category == 'A' && t.arrayItemOid) {
        auto item = output(t.arrayItemOid, typmod);
        if (!item)
            return std::nullopt;
        return item->list();
    }
    if (t.category == 'B')
        return TypeRef::named(QStringLiteral("Boolean"));
    if (t.category == 'N') {
        ensureScalar(QStringLiteral("BigFloat"));
        return TypeRef::named(QStringLiteral("BigFloat"));
    }
    return TypeRef::named(QStringLiteral("String"));
}

std::optional<TypeRef> TypeMapper::input(Oid typeOid, int typmod, InputVariant variant)
{
    const PgTypeInfo *ti = m_ctx.model.typeByOid(typeOid);
    if (!ti)
        return TypeRef::named(QStringLiteral("String"));
    const Type &t = *ti->type;
    if (isJwtType(typeOid))
        return std::nullopt;
    if (const ClassTypes *ct = classTypes(typeOid)) {
        const QString &n = variant == InputVariant::Patch ? ct->patch : variant == InputVariant::Base ? ct->base : ct->input;
        if (n.isEmpty())
            return std::nullopt;
        if (variant == InputVariant::Base)
            m_baseInputUsed.insert(typeOid);
        return TypeRef::named(n);
    }
    if (t.oid == 1186) {
        ensureInterval(true);
        return TypeRef::named(QStringLiteral("IntervalInput"));
    }
    if (t.oid == 600) {
        ensurePoint(true);
        return TypeRef::named(QStringLiteral("PointInput"));
    }
    if (auto g = geometricType(t.oid, true))
        return TypeRef::named(*g);
    if (t.type == 'r') {
        if (auto r = rangeTypeFor(t, typmod, true))
            return TypeRef::named(*r);
        return std::nullopt;
    }
    if (t.type == 'd' && t.domainBaseOid) {
        if (auto out = output(typeOid, typmod)) {
            const NamedType *nt = m_ctx.schema.type(out->name);
            if (nt && nt->kind == TypeKind::Enum)
                return out; // enum-table domain
        }
        auto baseOut = output(t.domainBaseOid, t.domainTypmod);
        auto baseIn = input(t.domainBaseOid, t.domainTypmod, variant);
        if (!baseIn)
            return std::nullopt;
        if (baseOut && *baseOut == *baseIn)
            return output(typeOid, typmod); // scalar domains are their own input type
        if (baseIn->isList())
            return baseIn;
        return baseIn; // domain over a range/composite: PostGraphile names an `XInput` clone; rare
    }
    if (t.category == 'A' && t.arrayItemOid) {
        auto item = input(t.arrayItemOid, typmod, variant);
        if (!item)
            return std::nullopt;
        return item->list();
    }
    return output(typeOid, typmod);
}

} // namespace refract::reflect
