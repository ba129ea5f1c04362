#include "parserimpl.h"

// The type-system half of the parser: schema, type and directive definitions and their extensions.
namespace refract::graphql::detail {

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

Definition Parser::parseTypeDefinition(Definition::Kind kind, const char *keyword)
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
        d.fields = optionalMany<FieldDefinition>(TokenKind::BraceL, [this] { return parseFieldDefinition(); }, TokenKind::BraceR);
        break;
    case K::Union: case K::UnionExtension:
        d.directives = parseDirectives(true);
        if (expectOptionalToken(TokenKind::Equals))
            d.types = delimitedMany<Name>(TokenKind::Pipe, [this] { return parseName(); });
        break;
    case K::Enum: case K::EnumExtension:
        d.directives = parseDirectives(true);
        d.values = optionalMany<EnumValueDefinition>(TokenKind::BraceL, [this] { return parseEnumValueDefinition(); },
                                                     TokenKind::BraceR);
        break;
    case K::InputObject: case K::InputObjectExtension:
        d.directives = parseDirectives(true);
        d.inputFields = optionalMany<InputValueDefinition>(TokenKind::BraceL, [this] { return parseInputValueDef(); },
                                                           TokenKind::BraceR);
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

FieldDefinition Parser::parseFieldDefinition()
{
    const Mark start = mark();
    FieldDefinition f;
    f.description = parseDescription();
    f.name = parseName();
    f.arguments = parseArgumentDefs();
    skipToken(TokenKind::Colon);
    f.type = parseTypeReference();
    f.directives = parseDirectives(true);
    f.loc = loc(start);
    return f;
}

std::vector<InputValueDefinition> Parser::parseArgumentDefs()
{
    return optionalMany<InputValueDefinition>(TokenKind::ParenL, [this] { return parseInputValueDef(); }, TokenKind::ParenR);
}

InputValueDefinition Parser::parseInputValueDef()
{
    const Mark start = mark();
    InputValueDefinition v;
    v.description = parseDescription();
    v.name = parseName();
    skipToken(TokenKind::Colon);
    v.type = parseTypeReference();
    if (expectOptionalToken(TokenKind::Equals))
        v.defaultValue = parseValueLiteral(true);
    v.directives = parseDirectives(true);
    v.loc = loc(start);
    return v;
}

EnumValueDefinition Parser::parseEnumValueDefinition()
{
    const Mark start = mark();
    EnumValueDefinition e;
    e.description = parseDescription();
    if (tok().value && (*tok().value == QLatin1String("true") || *tok().value == QLatin1String("false")
                        || *tok().value == QLatin1String("null")))
        syntaxError(tok().start, tokenDesc(tok()) + QLatin1String(" is reserved and cannot be used for an enum value."));
    e.name = parseName();
    e.directives = parseDirectives(true);
    e.loc = loc(start);
    return e;
}

Definition Parser::parseTypeSystemExtension()
{
    const Token keyword = m_lexer.lookahead();
    if (keyword.kind == TokenKind::Name) {
        using K = Definition::Kind;
        const QString &k = *keyword.value;
        if (k == QLatin1String("schema")) return parseSchemaExtension();
        if (k == QLatin1String("scalar")) return parseTypeExtension(K::ScalarExtension, "scalar");
        if (k == QLatin1String("type")) return parseTypeExtension(K::ObjectExtension, "type");
        if (k == QLatin1String("interface")) return parseTypeExtension(K::InterfaceExtension, "interface");
        if (k == QLatin1String("union")) return parseTypeExtension(K::UnionExtension, "union");
        if (k == QLatin1String("enum")) return parseTypeExtension(K::EnumExtension, "enum");
        if (k == QLatin1String("input")) return parseTypeExtension(K::InputObjectExtension, "input");
        if (k == QLatin1String("directive") && m_options.experimentalDirectivesOnDirectiveDefinitions)
            return parseDirectiveExtension();
    }
    unexpected(&keyword);
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

Definition Parser::parseTypeExtension(Definition::Kind kind, const char *keyword)
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
        const Token start = tok();
        Name name = parseName();
        if (!isDirectiveLocationName(name.value))
            unexpected(&start);
        return name;
    });
    d.loc = loc(start);
    return d;
}

} // namespace refract::graphql::detail
