#pragma once

#include "lexer.h"
#include "namecache.h"
#include "parser.h"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <tuple>
#include <vector>

// The recursive-descent parser behind parse(), parseValue() and parseType(): a port of graphql-js
// 16.15 language/parser.js with the same grammar, error messages and positions. Recursion is bounded
// by ParseOptions::maxDepth so hostile input cannot overflow the stack. Internal to refract_graphql:
// the executable-document half is inline here (the hot path), the type-system half lives in
// parsertypesystem.cpp.
namespace refract::graphql::detail {

using namespace ast;

class Parser
{
public:
    Parser(const QString &source, const ParseOptions &options)
        : m_scanner(source), m_options(options), m_names(source.size())
    {
        m_scanner.setMaxComments(options.maxComments);
    }

    Document parseDocument()
    {
        const Mark start = mark();
        Document doc;
        skipToken(TokenKind::SOF);
        // Definitions are large (~600 bytes): a vector doubling to 50,000 of them would copy them over
        // and over through ever larger fresh allocations. They are gathered in fixed-size chunks that the
        // allocator recycles and moved once into a vector of the exact size.
        std::vector<std::vector<Definition>> chunks;
        std::size_t count = 0;
        do {
            if (chunks.empty() || chunks.back().size() == chunks.back().capacity())
                chunks.emplace_back().reserve(std::min<std::size_t>(64, std::size_t(4) << chunks.size()));
            chunks.back().push_back(parseDefinition());
            ++count;
        } while (!expectOptionalToken(TokenKind::EOF_));
        if (chunks.size() == 1) {
            doc.definitions = std::move(chunks.front());
        } else {
            doc.definitions.reserve(count);
            for (std::vector<Definition> &chunk : chunks) {
                std::move(chunk.begin(), chunk.end(), std::back_inserter(doc.definitions));
                std::vector<Definition>().swap(chunk);
            }
        }
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

    using RawToken = detail::RawToken;

    const RawToken &tok() const { return m_token; }

    /// The next non-comment token, without moving (graphql-js `lexer.lookahead()`).
    const RawToken &lookahead()
    {
        if (m_token.kind == TokenKind::EOF_)
            return m_token;
        if (!m_hasNext) {
            m_scanner.readSkippingComments(m_token.end, m_next);
            m_hasNext = true;
        }
        return m_next;
    }

    /// Where a node starts: what graphql-js keeps of its start token.
    struct Mark
    {
        int line;
        int column;
        qsizetype start;
    };
    Mark mark() const { return Mark{m_token.line, m_token.column, m_token.start}; }

    Location loc(const Mark &start) const { return Location{start.line, start.column, start.start, m_lastEnd}; }
    Location loc(const RawToken &start) const { return Location{start.line, start.column, start.start, m_lastEnd}; }

    [[noreturn]] Q_NEVER_INLINE Q_DECL_COLD_FUNCTION void syntaxError(qsizetype position, const QString &description) const
    {
        throw SyntaxErrorException{position, description};
    }

    static QString kindDesc(TokenKind kind)
    {
        return isPunctuatorTokenKind(kind) ? QLatin1Char('"') + tokenKindText(kind) + QLatin1Char('"') : tokenKindText(kind);
    }

    QString tokenDesc(const RawToken &t) const
    {
        return kindDesc(t.kind)
            + (m_scanner.hasValue(t) ? QLatin1String(" \"") + m_scanner.value(t) + QLatin1Char('"') : QString());
    }

    [[noreturn]] Q_NEVER_INLINE Q_DECL_COLD_FUNCTION void unexpected(const RawToken *at = nullptr) const
    {
        const RawToken &t = at ? *at : tok();
        syntaxError(t.start, QLatin1String("Unexpected ") + tokenDesc(t) + QLatin1Char('.'));
    }

    bool peek(TokenKind kind) const { return m_token.kind == kind; }

    /// The token's text is `word` (ASCII).
    template<std::size_t N>
    static bool textIs(QStringView text, const char (&word)[N])
    {
        if (text.size() != qsizetype(N - 1))
            return false;
        for (std::size_t i = 0; i < N - 1; ++i)
            if (text[i] != QLatin1Char(word[i]))
                return false;
        return true;
    }

    template<std::size_t N>
    bool isKeyword(const RawToken &t, const char (&word)[N]) const
    {
        return t.kind == TokenKind::Name && textIs(m_scanner.text(t), word);
    }

    /// graphql-js `token.value === word`, for any kind of token (a String "on" is one too).
    template<std::size_t N>
    bool valueIs(const RawToken &t, const char (&word)[N]) const
    {
        if (t.kind == TokenKind::String || t.kind == TokenKind::BlockString)
            return m_scanner.value(t) == QLatin1String(word, qsizetype(N - 1));
        return m_scanner.hasValue(t) && t.kind != TokenKind::Comment && textIs(m_scanner.text(t), word);
    }

    /// The QString of a Name, Int or Float token (shared by every occurrence of the same text).
    QString internText(const RawToken &t)
    {
        const QStringView text = m_scanner.text(t);
        return m_names.get(text.utf16(), text.size());
    }

    /// Like expectToken, for tokens whose value is not needed.
    void skipToken(TokenKind kind)
    {
        if (m_token.kind != kind)
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
        if (m_token.kind == kind) {
            advanceLexer();
            return true;
        }
        return false;
    }

    template<std::size_t N>
    void expectKeyword(const char (&word)[N])
    {
        if (isKeyword(tok(), word)) {
            advanceLexer();
            return;
        }
        expectedKeywordError(word);
    }

    [[noreturn]] Q_NEVER_INLINE Q_DECL_COLD_FUNCTION void expectedKeywordError(const char *value) const
    {
        syntaxError(tok().start, QLatin1String("Expected \"") + QLatin1String(value) + QLatin1String("\", found ")
                                     + tokenDesc(tok()) + QLatin1Char('.'));
    }

    template<std::size_t N>
    bool expectOptionalKeyword(const char (&word)[N])
    {
        if (isKeyword(tok(), word)) {
            advanceLexer();
            return true;
        }
        return false;
    }

    void advanceLexer()
    {
        m_lastEnd = m_token.end;
        if (m_hasNext) {
            m_token = m_next;
            m_hasNext = false;
        } else if (m_token.kind != TokenKind::EOF_) {
            m_scanner.readSkippingComments(m_token.end, m_token);
        }
        if (m_token.kind != TokenKind::EOF_) {
            ++m_tokenCounter;
            if (m_options.maxTokens >= 0 && m_tokenCounter > m_options.maxTokens)
                tooManyTokens(m_token.start);
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

    // Lists are collected on a per-type stack and then moved into a vector of exactly their size: no
    // regrowth while parsing and no unused capacity kept in the AST. Nested lists of the same type
    // (selections in selections, values in values) push above their parent's items.
    template<typename T>
    std::vector<T> &scratch()
    {
        return std::get<std::vector<T>>(m_scratch);
    }

    template<typename T>
    std::vector<T> takeScratch(std::size_t base)
    {
        std::vector<T> &stack = scratch<T>();
        std::vector<T> nodes(std::make_move_iterator(stack.begin() + qsizetype(base)), std::make_move_iterator(stack.end()));
        stack.erase(stack.begin() + qsizetype(base), stack.end());
        return nodes;
    }

    /// One or more nodes up to and including `close` (the opening token consumed).
    template<typename T, typename F>
    std::vector<T> manyUntil(F parseFn, TokenKind close)
    {
        const std::size_t base = scratch<T>().size();
        do {
            T node = parseFn(); // first: it may push nodes of its own type
            scratch<T>().push_back(std::move(node));
        } while (!expectOptionalToken(close));
        return takeScratch<T>(base);
    }

    template<typename T, typename F>
    std::vector<T> optionalMany(TokenKind open, F parseFn, TokenKind close)
    {
        if (!expectOptionalToken(open))
            return {};
        return manyUntil<T>(parseFn, close);
    }

    /// optionalMany for node types that never contain a list of their own type: each node is parsed in
    /// place on the stack, `parseFn(T &)`, instead of being built and moved there.
    template<typename T, typename F>
    std::vector<T> optionalManyInPlace(TokenKind open, F parseFn, TokenKind close)
    {
        if (!expectOptionalToken(open))
            return {};
        const std::size_t base = scratch<T>().size();
        do {
            parseFn(scratch<T>().emplace_back());
        } while (!expectOptionalToken(close));
        return takeScratch<T>(base);
    }

    template<typename T, typename F>
    std::vector<T> many(TokenKind open, F parseFn, TokenKind close)
    {
        skipToken(open);
        return manyUntil<T>(parseFn, close);
    }

    template<typename T, typename F>
    std::vector<T> any(TokenKind open, F parseFn, TokenKind close)
    {
        skipToken(open);
        const std::size_t base = scratch<T>().size();
        while (!expectOptionalToken(close)) {
            T node = parseFn();
            scratch<T>().push_back(std::move(node));
        }
        return takeScratch<T>(base);
    }

    template<typename T, typename F>
    std::vector<T> delimitedMany(TokenKind delimiter, F parseFn)
    {
        expectOptionalToken(delimiter);
        const std::size_t base = scratch<T>().size();
        do {
            T node = parseFn();
            scratch<T>().push_back(std::move(node));
        } while (expectOptionalToken(delimiter));
        return takeScratch<T>(base);
    }

    // ---- document ----

    Name parseName()
    {
        if (m_token.kind != TokenKind::Name)
            expectedTokenError(TokenKind::Name);
        Name name{internText(m_token), Location{m_token.line, m_token.column, m_token.start, m_token.end}};
        advanceLexer();
        return name;
    }

    Definition parseDefinition()
    {
        if (peek(TokenKind::BraceL))
            return parseOperationDefinition();
        const bool hasDescription = peekDescription();
        const RawToken keyword = hasDescription ? lookahead() : tok();
        if (hasDescription && keyword.kind == TokenKind::BraceL)
            syntaxError(tok().start, QStringLiteral("Unexpected description, descriptions are not supported on shorthand queries."));
        if (keyword.kind == TokenKind::Name) {
            const QStringView k = m_scanner.text(keyword);
            if (textIs(k, "query") || textIs(k, "mutation") || textIs(k, "subscription"))
                return parseOperationDefinition();
            if (textIs(k, "fragment"))
                return parseFragmentDefinition();
        }
        return parseTypeSystemDefinition(keyword, hasDescription);
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
        if (m_token.kind != TokenKind::Name)
            expectedTokenError(TokenKind::Name);
        const RawToken t = m_token;
        advanceLexer();
        const QStringView text = m_scanner.text(t);
        if (textIs(text, "query"))
            return OperationType::Query;
        if (textIs(text, "mutation"))
            return OperationType::Mutation;
        if (textIs(text, "subscription"))
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
        parseTypeReference(v.type);
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
        if (peek(TokenKind::ParenL))
            f.arguments = parseArguments(false);
        if (peek(TokenKind::At))
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
        if (valueIs(tok(), "on"))
            unexpected();
        return parseName();
    }

    // ---- values ----

    Value parseValueLiteral(bool isConst)
    {
        const RawToken token = tok();
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
            v.value = internText(token);
            v.loc = loc(token);
            return v;
        case TokenKind::String:
        case TokenKind::BlockString:
            return parseStringLiteral();
        case TokenKind::Name: {
            advanceLexer();
            const QStringView text = m_scanner.text(token);
            if (textIs(text, "true") || textIs(text, "false")) {
                v.kind = Value::Kind::Boolean;
                v.boolean = textIs(text, "true");
            } else if (textIs(text, "null")) {
                v.kind = Value::Kind::Null;
            } else {
                v.kind = Value::Kind::Enum;
                v.value = internText(token);
            }
            v.loc = loc(token);
            return v;
        }
        case TokenKind::Dollar:
            if (isConst) {
                skipToken(TokenKind::Dollar);
                if (tok().kind == TokenKind::Name)
                    syntaxError(token.start, QStringLiteral("Unexpected variable \"$%1\" in constant value.").arg(m_scanner.text(tok())));
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
        const RawToken token = tok();
        advanceLexer();
        Value v;
        v.kind = Value::Kind::String;
        // Short plain strings (argument values, deprecation reasons) are shared like names.
        if (token.kind == TokenKind::String && !token.complex && token.end - token.start > 2 && token.end - token.start < 66)
            v.value = m_names.get(m_scanner.text(token).utf16() + 1, token.end - token.start - 2);
        else
            v.value = m_scanner.value(token);
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
        if (!peek(TokenKind::At))
            return {};
        const std::size_t base = scratch<Directive>().size();
        while (peek(TokenKind::At)) {
            const Mark start = mark();
            skipToken(TokenKind::At);
            Directive d;
            d.name = parseName();
            d.arguments = parseArguments(isConst);
            d.loc = loc(start);
            scratch<Directive>().push_back(std::move(d));
        }
        return takeScratch<Directive>(base);
    }

    Type parseTypeReference()
    {
        Type type;
        parseTypeReference(type);
        return type;
    }

    /// graphql-js parseTypeReference into `out`, a default-constructed Type.
    void parseTypeReference(Type &out)
    {
        const Mark start = mark();
        if (expectOptionalToken(TokenKind::BracketL)) {
            DepthGuard guard(*this);
            auto inner = std::make_unique<Type>();
            parseTypeReference(*inner);
            skipToken(TokenKind::BracketR);
            if (peek(TokenKind::Bang)) {
                auto list = std::make_unique<Type>();
                list->kind = Type::Kind::List;
                list->ofType = std::move(inner);
                list->loc = loc(start);
                advanceLexer();
                out.kind = Type::Kind::NonNull;
                out.ofType = std::move(list);
            } else {
                out.kind = Type::Kind::List;
                out.ofType = std::move(inner);
            }
            out.loc = loc(start);
            return;
        }
        Name name = parseName();
        if (peek(TokenKind::Bang)) {
            auto named = std::make_unique<Type>();
            named->loc = name.loc;
            named->name = std::move(name);
            advanceLexer();
            out.kind = Type::Kind::NonNull;
            out.ofType = std::move(named);
            out.loc = loc(start);
            return;
        }
        out.loc = name.loc;
        out.name = std::move(name);
    }

    // ---- type system ----

    bool peekDescription() const { return peek(TokenKind::String) || peek(TokenKind::BlockString); }

    // Type-system definitions and extensions (parsertypesystem.cpp; the templates are used there only).
    /// Any definition but an operation or a fragment; `keyword`: the token after the description, if any.
    Definition parseTypeSystemDefinition(const RawToken &keyword, bool hasDescription);
    std::optional<Value> parseDescription();
    Definition parseSchemaDefinition();
    OperationTypeDefinition parseOperationTypeDefinition();
    /// Scalar, object, interface, union, enum and input object definitions.
    template<std::size_t N>
    Definition parseTypeDefinition(Definition::Kind kind, const char (&keyword)[N]);
    /// What follows the name of a type definition or extension.
    void parseTypeBody(Definition &d);
    std::vector<Name> parseImplementsInterfaces();
    void parseFieldDefinition(FieldDefinition &f);
    std::vector<InputValueDefinition> parseArgumentDefs();
    void parseInputValueDef(InputValueDefinition &v);
    void parseEnumValueDefinition(EnumValueDefinition &e);
    Definition parseTypeSystemExtension();
    Definition parseSchemaExtension();
    template<std::size_t N>
    Definition parseTypeExtension(Definition::Kind kind, const char (&keyword)[N]);
    Definition parseDirectiveExtension();
    Definition parseDirectiveDefinition();

    detail::Scanner m_scanner;
    const ParseOptions &m_options;
    RawToken m_token;       ///< the current token; starts as <SOF> at line 0, column 0 like graphql-js's
    RawToken m_next;        ///< the lookahead token when m_hasNext (the scanner has read past it)
    bool m_hasNext = false;
    qsizetype m_lastEnd = 0; ///< end of the previous token (graphql-js `lexer.lastToken.end`)
    int m_tokenCounter = 0;
    int m_depth = 0;
    NameCache m_names;
    std::tuple<std::vector<Selection>, std::vector<Argument>, std::vector<Directive>, std::vector<Value>,
               std::vector<ObjectField>, std::vector<VariableDefinition>, std::vector<FieldDefinition>,
               std::vector<InputValueDefinition>, std::vector<EnumValueDefinition>, std::vector<Name>,
               std::vector<OperationTypeDefinition>>
        m_scratch;
};

} // namespace refract::graphql::detail
