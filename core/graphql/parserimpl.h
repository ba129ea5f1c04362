#pragma once

#include "lexer.h"
#include "parser.h"

// The recursive-descent parser behind parse(), parseValue() and parseType(): a port of graphql-js
// 16.15 language/parser.js with the same grammar, error messages and positions. Recursion is bounded
// by ParseOptions::maxDepth so hostile input cannot overflow the stack. Internal to refract_graphql:
// the executable-document half is inline here (the hot path), the type-system half lives in
// parsertypesystem.cpp.
namespace refract::graphql::detail {

using namespace ast;

bool isDirectiveLocationName(const QString &n);

class Parser
{
public:
    Parser(const QString &source, const ParseOptions &options) : m_lexer(source), m_options(options)
    {
        m_lexer.setMaxComments(options.maxComments);
    }

    Document parseDocument()
    {
        const Token start = m_lexer.token();
        Document doc;
        skipToken(TokenKind::SOF);
        do {
            doc.definitions.push_back(parseDefinition());
        } while (!expectOptionalToken(TokenKind::EOF_));
        doc.loc = loc(start);
        doc.tokenCount = m_tokenCounter;
        return doc;
    }

    Value parseWholeValue(bool isConst)
    {
        skipToken(TokenKind::SOF);
        Value v = parseValueLiteral(isConst);
        skipToken(TokenKind::EOF_);
        return v;
    }

    Type parseWholeType()
    {
        skipToken(TokenKind::SOF);
        Type t = parseTypeReference();
        skipToken(TokenKind::EOF_);
        return t;
    }

private:
    // ---- utilities (graphql-js "Core parsing utility functions") ----

    const Token &tok() const { return m_lexer.token(); }

    /// Where a node starts: what graphql-js keeps of its start token.
    struct Mark
    {
        int line;
        int column;
        qsizetype start;
    };
    Mark mark() const { return Mark{tok().line, tok().column, tok().start}; }

    Location loc(const Mark &start) const
    {
        return Location{start.line, start.column, start.start, m_lexer.lastToken().end};
    }
    Location loc(const Token &start) const
    {
        return Location{start.line, start.column, start.start, m_lexer.lastToken().end};
    }

    [[noreturn]] Q_NEVER_INLINE Q_DECL_COLD_FUNCTION void syntaxError(qsizetype position, const QString &description) const
    {
        throw SyntaxErrorException{position, description};
    }

    static QString kindDesc(TokenKind kind)
    {
        return isPunctuatorTokenKind(kind) ? QLatin1Char('"') + tokenKindText(kind) + QLatin1Char('"') : tokenKindText(kind);
    }

    static QString tokenDesc(const Token &t)
    {
        return kindDesc(t.kind) + (t.value ? QLatin1String(" \"") + *t.value + QLatin1Char('"') : QString());
    }

    [[noreturn]] Q_NEVER_INLINE Q_DECL_COLD_FUNCTION void unexpected(const Token *at = nullptr) const
    {
        const Token &t = at ? *at : tok();
        syntaxError(t.start, QLatin1String("Unexpected ") + tokenDesc(t) + QLatin1Char('.'));
    }

    bool peek(TokenKind kind) const { return tok().kind == kind; }

    bool isKeyword(const Token &t, const char *value) const
    {
        return t.kind == TokenKind::Name && t.value && *t.value == QLatin1String(value);
    }

    Token expectToken(TokenKind kind)
    {
        if (tok().kind == kind) {
            Token t = tok();
            advanceLexer();
            return t;
        }
        expectedTokenError(kind);
    }

    /// Like expectToken, for tokens whose value is not needed.
    void skipToken(TokenKind kind)
    {
        if (tok().kind != kind)
            expectedTokenError(kind);
        advanceLexer();
    }

    [[noreturn]] Q_NEVER_INLINE Q_DECL_COLD_FUNCTION void expectedTokenError(TokenKind kind) const
    {
        syntaxError(tok().start, QLatin1String("Expected ") + kindDesc(kind) + QLatin1String(", found ")
                                     + tokenDesc(tok()) + QLatin1Char('.'));
    }

    bool expectOptionalToken(TokenKind kind)
    {
        if (tok().kind == kind) {
            advanceLexer();
            return true;
        }
        return false;
    }

    void expectKeyword(const char *value)
    {
        if (isKeyword(tok(), value)) {
            advanceLexer();
            return;
        }
        expectedKeywordError(value);
    }

    [[noreturn]] Q_NEVER_INLINE Q_DECL_COLD_FUNCTION void expectedKeywordError(const char *value) const
    {
        syntaxError(tok().start, QLatin1String("Expected \"") + QLatin1String(value) + QLatin1String("\", found ")
                                     + tokenDesc(tok()) + QLatin1Char('.'));
    }

    bool expectOptionalKeyword(const char *value)
    {
        if (isKeyword(tok(), value)) {
            advanceLexer();
            return true;
        }
        return false;
    }

    void advanceLexer()
    {
        const Token &t = m_lexer.advance();
        if (t.kind != TokenKind::EOF_) {
            ++m_tokenCounter;
            if (m_options.maxTokens >= 0 && m_tokenCounter > m_options.maxTokens)
                tooManyTokens(t.start);
        }
    }

    [[noreturn]] Q_NEVER_INLINE Q_DECL_COLD_FUNCTION void tooManyTokens(qsizetype position) const
    {
        syntaxError(position, QStringLiteral("Document contains more that %1 tokens. Parsing aborted.").arg(m_options.maxTokens));
    }

    [[noreturn]] Q_NEVER_INLINE Q_DECL_COLD_FUNCTION void tooDeep() const
    {
        syntaxError(tok().start, QStringLiteral("Document is nested more than %1 levels deep. Parsing aborted.").arg(m_options.maxDepth));
    }

    /// Guards one level of recursion; see ParseOptions::maxDepth.
    struct DepthGuard
    {
        Parser &p;
        explicit DepthGuard(Parser &parser) : p(parser)
        {
            if (++p.m_depth > p.m_options.maxDepth)
                p.tooDeep();
        }
        ~DepthGuard() { --p.m_depth; }
    };

    template<typename T, typename F>
    std::vector<T> optionalMany(TokenKind open, F parseFn, TokenKind close)
    {
        std::vector<T> nodes;
        if (expectOptionalToken(open)) {
            do {
                nodes.push_back(parseFn());
            } while (!expectOptionalToken(close));
        }
        return nodes;
    }

    template<typename T, typename F>
    std::vector<T> many(TokenKind open, F parseFn, TokenKind close)
    {
        skipToken(open);
        std::vector<T> nodes;
        do {
            nodes.push_back(parseFn());
        } while (!expectOptionalToken(close));
        return nodes;
    }

    template<typename T, typename F>
    std::vector<T> any(TokenKind open, F parseFn, TokenKind close)
    {
        skipToken(open);
        std::vector<T> nodes;
        while (!expectOptionalToken(close))
            nodes.push_back(parseFn());
        return nodes;
    }

    template<typename T, typename F>
    std::vector<T> delimitedMany(TokenKind delimiter, F parseFn)
    {
        expectOptionalToken(delimiter);
        std::vector<T> nodes;
        do {
            nodes.push_back(parseFn());
        } while (expectOptionalToken(delimiter));
        return nodes;
    }

    // ---- document ----

    Name parseName()
    {
        const Token t = expectToken(TokenKind::Name);
        return Name{*t.value, loc(t)};
    }

    Definition parseDefinition()
    {
        if (peek(TokenKind::BraceL))
            return parseOperationDefinition();
        const bool hasDescription = peekDescription();
        const Token keyword = hasDescription ? m_lexer.lookahead() : tok();
        if (hasDescription && keyword.kind == TokenKind::BraceL)
            syntaxError(tok().start, QStringLiteral("Unexpected description, descriptions are not supported on shorthand queries."));
        if (keyword.kind == TokenKind::Name) {
            const QString &k = *keyword.value;
            if (k == QLatin1String("schema")) return parseSchemaDefinition();
            if (k == QLatin1String("scalar")) return parseTypeDefinition(Definition::Kind::Scalar, "scalar");
            if (k == QLatin1String("type")) return parseTypeDefinition(Definition::Kind::Object, "type");
            if (k == QLatin1String("interface")) return parseTypeDefinition(Definition::Kind::Interface, "interface");
            if (k == QLatin1String("union")) return parseTypeDefinition(Definition::Kind::Union, "union");
            if (k == QLatin1String("enum")) return parseTypeDefinition(Definition::Kind::Enum, "enum");
            if (k == QLatin1String("input")) return parseTypeDefinition(Definition::Kind::InputObject, "input");
            if (k == QLatin1String("directive")) return parseDirectiveDefinition();
            if (k == QLatin1String("query") || k == QLatin1String("mutation") || k == QLatin1String("subscription"))
                return parseOperationDefinition();
            if (k == QLatin1String("fragment"))
                return parseFragmentDefinition();
            if (hasDescription)
                syntaxError(tok().start, QStringLiteral("Unexpected description, only GraphQL definitions support descriptions."));
            if (k == QLatin1String("extend"))
                return parseTypeSystemExtension();
        }
        unexpected(&keyword);
    }

    // ---- operations ----

    Definition parseOperationDefinition()
    {
        const Mark start = mark();
        Definition d;
        d.kind = Definition::Kind::Operation;
        if (peek(TokenKind::BraceL)) {
            d.operation = OperationType::Query;
            d.selectionSet = parseSelectionSet();
            d.loc = loc(start);
            return d;
        }
        d.description = parseDescription();
        d.operation = parseOperationType();
        if (peek(TokenKind::Name))
            d.name = parseName();
        d.variableDefinitions = parseVariableDefinitions();
        d.directives = parseDirectives(false);
        d.selectionSet = parseSelectionSet();
        d.loc = loc(start);
        return d;
    }

    OperationType parseOperationType()
    {
        const Token t = expectToken(TokenKind::Name);
        if (*t.value == QLatin1String("query"))
            return OperationType::Query;
        if (*t.value == QLatin1String("mutation"))
            return OperationType::Mutation;
        if (*t.value == QLatin1String("subscription"))
            return OperationType::Subscription;
        unexpected(&t);
    }

    std::vector<VariableDefinition> parseVariableDefinitions()
    {
        return optionalMany<VariableDefinition>(TokenKind::ParenL, [this] { return parseVariableDefinition(); },
                                                TokenKind::ParenR);
    }

    VariableDefinition parseVariableDefinition()
    {
        const Mark start = mark();
        VariableDefinition v;
        v.description = parseDescription();
        const Mark varStart = mark();
        skipToken(TokenKind::Dollar);
        v.variable = parseName();
        v.variableLoc = loc(varStart);
        skipToken(TokenKind::Colon);
        v.type = parseTypeReference();
        if (expectOptionalToken(TokenKind::Equals))
            v.defaultValue = parseValueLiteral(true);
        v.directives = parseDirectives(true);
        v.loc = loc(start);
        return v;
    }

    SelectionSet parseSelectionSet()
    {
        DepthGuard guard(*this);
        const Mark start = mark();
        SelectionSet s;
        s.selections = many<Selection>(TokenKind::BraceL, [this] { return parseSelection(); }, TokenKind::BraceR);
        s.loc = loc(start);
        return s;
    }

    Selection parseSelection() { return peek(TokenKind::Spread) ? parseFragment() : parseField(); }

    Selection parseField()
    {
        const Mark start = mark();
        Selection f;
        f.kind = Selection::Kind::Field;
        Name nameOrAlias = parseName();
        if (expectOptionalToken(TokenKind::Colon)) {
            f.alias = std::move(nameOrAlias);
            f.name = parseName();
        } else {
            f.name = std::move(nameOrAlias);
        }
        f.arguments = parseArguments(false);
        f.directives = parseDirectives(false);
        if (peek(TokenKind::BraceL))
            f.selectionSet = parseSelectionSet();
        f.loc = loc(start);
        return f;
    }

    Q_NEVER_INLINE std::vector<Argument> parseArguments(bool isConst)
    {
        return optionalMany<Argument>(TokenKind::ParenL, [this, isConst] { return parseArgument(isConst); }, TokenKind::ParenR);
    }

    Argument parseArgument(bool isConst)
    {
        const Mark start = mark();
        Argument a;
        a.name = parseName();
        skipToken(TokenKind::Colon);
        a.value = parseValueLiteral(isConst);
        a.loc = loc(start);
        return a;
    }

    Q_NEVER_INLINE Selection parseFragment()
    {
        const Mark start = mark();
        skipToken(TokenKind::Spread);
        const bool hasTypeCondition = expectOptionalKeyword("on");
        Selection s;
        if (!hasTypeCondition && peek(TokenKind::Name)) {
            s.kind = Selection::Kind::FragmentSpread;
            s.name = parseFragmentName();
            s.directives = parseDirectives(false);
            s.loc = loc(start);
            return s;
        }
        s.kind = Selection::Kind::InlineFragment;
        if (hasTypeCondition)
            s.typeCondition = parseName();
        s.directives = parseDirectives(false);
        s.selectionSet = parseSelectionSet();
        s.loc = loc(start);
        return s;
    }

    Definition parseFragmentDefinition()
    {
        const Mark start = mark();
        Definition d;
        d.kind = Definition::Kind::Fragment;
        d.description = parseDescription();
        expectKeyword("fragment");
        d.name = parseFragmentName();
        if (m_options.allowLegacyFragmentVariables)
            d.variableDefinitions = parseVariableDefinitions();
        expectKeyword("on");
        d.typeCondition = parseName();
        d.directives = parseDirectives(false);
        d.selectionSet = parseSelectionSet();
        d.loc = loc(start);
        return d;
    }

    Name parseFragmentName()
    {
        if (tok().value && *tok().value == QLatin1String("on"))
            unexpected();
        return parseName();
    }

    // ---- values ----

    Value parseValueLiteral(bool isConst)
    {
        const Token token = tok();
        Value v;
        switch (token.kind) {
        case TokenKind::BracketL: {
            DepthGuard guard(*this);
            v.kind = Value::Kind::List;
            v.list = any<Value>(TokenKind::BracketL, [this, isConst] { return parseValueLiteral(isConst); }, TokenKind::BracketR);
            v.loc = loc(token);
            return v;
        }
        case TokenKind::BraceL: {
            DepthGuard guard(*this);
            v.kind = Value::Kind::Object;
            v.fields = any<ObjectField>(TokenKind::BraceL, [this, isConst] { return parseObjectField(isConst); }, TokenKind::BraceR);
            v.loc = loc(token);
            return v;
        }
        case TokenKind::Int:
        case TokenKind::Float:
            advanceLexer();
            v.kind = token.kind == TokenKind::Int ? Value::Kind::Int : Value::Kind::Float;
            v.value = *token.value;
            v.loc = loc(token);
            return v;
        case TokenKind::String:
        case TokenKind::BlockString:
            return parseStringLiteral();
        case TokenKind::Name:
            advanceLexer();
            if (*token.value == QLatin1String("true") || *token.value == QLatin1String("false")) {
                v.kind = Value::Kind::Boolean;
                v.boolean = *token.value == QLatin1String("true");
            } else if (*token.value == QLatin1String("null")) {
                v.kind = Value::Kind::Null;
            } else {
                v.kind = Value::Kind::Enum;
                v.value = *token.value;
            }
            v.loc = loc(token);
            return v;
        case TokenKind::Dollar:
            if (isConst) {
                skipToken(TokenKind::Dollar);
                if (tok().kind == TokenKind::Name)
                    syntaxError(token.start, QStringLiteral("Unexpected variable \"$%1\" in constant value.").arg(*tok().value));
                unexpected(&token);
            }
            skipToken(TokenKind::Dollar);
            v.kind = Value::Kind::Variable;
            v.value = parseName().value;
            v.loc = loc(token);
            return v;
        default:
            unexpected();
        }
    }

    Q_NEVER_INLINE Value parseStringLiteral()
    {
        const Token token = tok();
        advanceLexer();
        Value v;
        v.kind = Value::Kind::String;
        v.value = *token.value;
        v.block = token.kind == TokenKind::BlockString;
        v.loc = loc(token);
        return v;
    }

    Q_NEVER_INLINE ObjectField parseObjectField(bool isConst)
    {
        const Mark start = mark();
        ObjectField f;
        f.name = parseName();
        skipToken(TokenKind::Colon);
        f.value = parseValueLiteral(isConst);
        f.loc = loc(start);
        return f;
    }

    // ---- directives and types ----

    Q_NEVER_INLINE std::vector<Directive> parseDirectives(bool isConst)
    {
        std::vector<Directive> directives;
        while (peek(TokenKind::At)) {
            const Mark start = mark();
            skipToken(TokenKind::At);
            Directive d;
            d.name = parseName();
            d.arguments = parseArguments(isConst);
            d.loc = loc(start);
            directives.push_back(std::move(d));
        }
        return directives;
    }

    Type parseTypeReference()
    {
        const Mark start = mark();
        Type type;
        if (expectOptionalToken(TokenKind::BracketL)) {
            DepthGuard guard(*this);
            auto inner = std::make_unique<Type>(parseTypeReference());
            skipToken(TokenKind::BracketR);
            type.kind = Type::Kind::List;
            type.ofType = std::move(inner);
            type.loc = loc(start);
        } else {
            type.name = parseName();
            type.loc = type.name.loc;
        }
        if (expectOptionalToken(TokenKind::Bang)) {
            Type nonNull;
            nonNull.kind = Type::Kind::NonNull;
            nonNull.ofType = std::make_unique<Type>(std::move(type));
            nonNull.loc = loc(start);
            return nonNull;
        }
        return type;
    }

    // ---- type system ----

    bool peekDescription() const { return peek(TokenKind::String) || peek(TokenKind::BlockString); }

    // Type-system definitions and extensions (parsertypesystem.cpp).
    std::optional<Value> parseDescription();
    Definition parseSchemaDefinition();
    OperationTypeDefinition parseOperationTypeDefinition();
    /// Scalar, object, interface, union, enum and input object definitions.
    Definition parseTypeDefinition(Definition::Kind kind, const char *keyword);
    /// What follows the name of a type definition or extension.
    void parseTypeBody(Definition &d);
    std::vector<Name> parseImplementsInterfaces();
    FieldDefinition parseFieldDefinition();
    std::vector<InputValueDefinition> parseArgumentDefs();
    InputValueDefinition parseInputValueDef();
    EnumValueDefinition parseEnumValueDefinition();
    Definition parseTypeSystemExtension();
    Definition parseSchemaExtension();
    Definition parseTypeExtension(Definition::Kind kind, const char *keyword);
    Definition parseDirectiveExtension();
    Definition parseDirectiveDefinition();

    Lexer m_lexer;
    const ParseOptions &m_options;
    int m_tokenCounter = 0;
    int m_depth = 0;
};

} // namespace refract::graphql::detail
