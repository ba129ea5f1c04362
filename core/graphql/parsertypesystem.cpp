#include "parserimpl.h"

// The type-system half of the parser: schema, type and directive definitions and their extensions.
namespace refract::graphql::detail {

namespace {

bool isDirectiveLocationName(const QString &n)
{
    static const char *const names[] = {
        "QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD",
        "INLINE_FRAGMENT", "VARIABLE_DEFINITION", "SCHEMA", "SCALAR", "OBJECT", "FIELD_DEFINITION",
        "ARGUMENT_DEFINITION", "INTERFACE", "UNION", "ENUM", "ENUM_VALUE", "INPUT_OBJECT",
        "INPUT_FIELD_DEFINITION", "DIRECTIVE_DEFINITION",
    };
    for (const char *name : names)
        if (n == QLatin1String(name))
            return true;
    return false;
}

} // namespace

Definition Parser::parseTypeSystemDefinition(const RawToken &keyword, bool hasDescription)
{
    if (keyword.kind == TokenKind::Name) {
        const QStringView k = m_scanner.text(keyword);
        if (textIs(k, "type")) return parseTypeDefinition(Definition::Kind::Object, "type");
        if (textIs(k, "input")) return parseTypeDefinition(Definition::Kind::InputObject, "input");
        if (textIs(k, "enum")) return parseTypeDefinition(Definition::Kind::Enum, "enum");
        if (textIs(k, "schema")) return parseSchemaDefinition();
        if (textIs(k, "scalar")) return parseTypeDefinition(Definition::Kind::Scalar, "scalar");
        if (textIs(k, "interface")) return parseTypeDefinition(Definition::Kind::Interface, "interface");
        if (textIs(k, "union")) return parseTypeDefinition(Definition::Kind::Union, "union");
        if (textIs(k, "directive")) return parseDirectiveDefinition();
        if (hasDescription)
            syntaxError(tok().start, QStringLiteral("Unexpected description, only GraphQL definitions support descriptions."));
        if (textIs(k, "extend"))
            return parseTypeSystemExtension();
    }
    unexpected(&keyword);
}

template<std::size_t N>
Definition Parser::parseTypeDefinition(Definition::Kind kind, const char (&keyword)[N])
{
    const Mark start = mark();
    Definition d;
    d.kind = kind;
    d.description = parseDescription();
    expectKeyword(keyword);
    d.name = parseName();
    parseTypeBody(d);
    d.loc = loc(start);
    return d;
}

std::optional<Value> Parser::parseDescription()
{
    if (peekDescription())
        return parseStringLiteral();
    return std::nullopt;
}

Definition Parser::parseSchemaDefinition()
{
    const Mark start = mark();
    Definition d;
    d.kind = Definition::Kind::Schema;
    d.description = parseDescription();
    expectKeyword("schema");
    d.directives = parseDirectives(true);
    d.operationTypes = many<OperationTypeDefinition>(TokenKind::BraceL, [this] { return parseOperationTypeDefinition(); },
                                                     TokenKind::BraceR);
    d.loc = loc(start);
    return d;
}

OperationTypeDefinition Parser::parseOperationTypeDefinition()
{
    const Mark start = mark();
    OperationTypeDefinition o;
    o.operation = parseOperationType();
    skipToken(TokenKind::Colon);
    o.type = parseName();
    o.loc = loc(start);
    return o;
}

void Parser::parseTypeBody(Definition &d)
{
    using K = Definition::Kind;
    switch (d.kind) {
    case K::Scalar: case K::ScalarExtension:
        d.directives = parseDirectives(true);
        break;
    case K::Object: case K::Interface: case K::ObjectExtension: case K::InterfaceExtension:
        d.interfaces = parseImplementsInterfaces();
        d.directives = parseDirectives(true);
        d.fields = optionalManyInPlace<FieldDefinition>(TokenKind::BraceL, [this](FieldDefinition &f) { parseFieldDefinition(f); },
                                                        TokenKind::BraceR);
        break;
    case K::Union: case K::UnionExtension:
        d.directives = parseDirectives(true);
        if (expectOptionalToken(TokenKind::Equals))
            d.types = delimitedMany<Name>(TokenKind::Pipe, [this] { return parseName(); });
        break;
    case K::Enum: case K::EnumExtension:
        d.directives = parseDirectives(true);
        d.values = optionalManyInPlace<EnumValueDefinition>(
            TokenKind::BraceL, [this](EnumValueDefinition &e) { parseEnumValueDefinition(e); }, TokenKind::BraceR);
        break;
    case K::InputObject: case K::InputObjectExtension:
        d.directives = parseDirectives(true);
        d.inputFields = optionalManyInPlace<InputValueDefinition>(
            TokenKind::BraceL, [this](InputValueDefinition &v) { parseInputValueDef(v); }, TokenKind::BraceR);
        break;
    default:
        break;
    }
}

std::vector<Name> Parser::parseImplementsInterfaces()
{
    if (expectOptionalKeyword("implements"))
        return delimitedMany<Name>(TokenKind::Amp, [this] { return parseName(); });
    return {};
}

void Parser::parseFieldDefinition(FieldDefinition &f)
{
    const Mark start = mark();
    f.description = parseDescription();
    f.name = parseName();
    f.arguments = parseArgumentDefs();
    skipToken(TokenKind::Colon);
    parseTypeReference(f.type);
    f.directives = parseDirectives(true);
    f.loc = loc(start);
}

std::vector<InputValueDefinition> Parser::parseArgumentDefs()
{
    return optionalManyInPlace<InputValueDefinition>(TokenKind::ParenL, [this](InputValueDefinition &v) { parseInputValueDef(v); },
                                                     TokenKind::ParenR);
}

void Parser::parseInputValueDef(InputValueDefinition &v)
{
    const Mark start = mark();
    v.description = parseDescription();
    v.name = parseName();
    skipToken(TokenKind::Colon);
    parseTypeReference(v.type);
    if (expectOptionalToken(TokenKind::Equals))
        v.defaultValue = parseValueLiteral(true);
    v.directives = parseDirectives(true);
    v.loc = loc(start);
}

void Parser::parseEnumValueDefinition(EnumValueDefinition &e)
{
    const Mark start = mark();
    e.description = parseDescription();
    if (valueIs(tok(), "true") || valueIs(tok(), "false") || valueIs(tok(), "null"))
        syntaxError(tok().start, tokenDesc(tok()) + QLatin1String(" is reserved and cannot be used for an enum value."));
    e.name = parseName();
    e.directives = parseDirectives(true);
    e.loc = loc(start);
}

Definition Parser::parseTypeSystemExtension()
{
    const RawToken keyword = lookahead();
    if (keyword.kind == TokenKind::Name) {
        using K = Definition::Kind;
        const QStringView k = m_scanner.text(keyword);
        if (textIs(k, "schema")) return parseSchemaExtension();
        if (textIs(k, "scalar")) return parseTypeExtension(K::ScalarExtension, "scalar");
        if (textIs(k, "type")) return parseTypeExtension(K::ObjectExtension, "type");
        if (textIs(k, "interface")) return parseTypeExtension(K::InterfaceExtension, "interface");
        if (textIs(k, "union")) return parseTypeExtension(K::UnionExtension, "union");
        if (textIs(k, "enum")) return parseTypeExtension(K::EnumExtension, "enum");
        if (textIs(k, "input")) return parseTypeExtension(K::InputObjectExtension, "input");
        if (textIs(k, "directive") && m_options.experimentalDirectivesOnDirectiveDefinitions)
            return parseDirectiveExtension();
    }
    unexpected(&keyword);
}

template<std::size_t N>
Definition Parser::parseTypeExtension(Definition::Kind kind, const char (&keyword)[N])
{
    const Mark start = mark();
    expectKeyword("extend");
    expectKeyword(keyword);
    Definition d;
    d.kind = kind;
    d.name = parseName();
    parseTypeBody(d);
    if (d.directives.empty() && d.interfaces.empty() && d.fields.empty() && d.types.empty() && d.values.empty()
        && d.inputFields.empty())
        unexpected();
    d.loc = loc(start);
    return d;
}

Definition Parser::parseSchemaExtension()
{
    const Mark start = mark();
    expectKeyword("extend");
    expectKeyword("schema");
    Definition d;
    d.kind = Definition::Kind::SchemaExtension;
    d.directives = parseDirectives(true);
    d.operationTypes = optionalMany<OperationTypeDefinition>(
        TokenKind::BraceL, [this] { return parseOperationTypeDefinition(); }, TokenKind::BraceR);
    if (d.directives.empty() && d.operationTypes.empty())
        unexpected();
    d.loc = loc(start);
    return d;
}

Definition Parser::parseDirectiveExtension()
{
    const Mark start = mark();
    expectKeyword("extend");
    expectKeyword("directive");
    skipToken(TokenKind::At);
    Definition d;
    d.kind = Definition::Kind::DirectiveExtension;
    d.name = parseName();
    d.directives = parseDirectives(true);
    if (d.directives.empty())
        unexpected();
    d.loc = loc(start);
    return d;
}

Definition Parser::parseDirectiveDefinition()
{
    const Mark start = mark();
    Definition d;
    d.kind = Definition::Kind::Directive;
    d.description = parseDescription();
    expectKeyword("directive");
    skipToken(TokenKind::At);
    d.name = parseName();
    d.arguments = parseArgumentDefs();
    if (m_options.experimentalDirectivesOnDirectiveDefinitions)
        d.directives = parseDirectives(true);
    d.repeatable = expectOptionalKeyword("repeatable");
    expectKeyword("on");
    d.locations = delimitedMany<Name>(TokenKind::Pipe, [this] {
        const RawToken start = tok();
        Name name = parseName();
        if (!isDirectiveLocationName(name.value))
            unexpected(&start);
        return name;
    });
    d.loc = loc(start);
    return d;
}

} // namespace refract::graphql::detail
