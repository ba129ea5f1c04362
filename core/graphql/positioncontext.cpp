#include "positioncontext.h"

#include "tolerantlexer.h"
#include "validation/context.h"

// A small recursive-descent walk of the executable grammar over loose tokens that stops at the cursor.
// It never reports errors: an unexpected token is skipped, a missing one is assumed, so everything
// before the cursor still gives its context (variables, parent types, the argument being written).
// The walk ends by throwing Reached (caught below) the moment the cursor is met; nothing escapes.
namespace refract::graphql {

namespace {

using detail::LooseToken;

struct Reached
{
};

/// Thrown when a definition keyword starts a line inside an unclosed definition: the walk goes back to
/// the top level so the definition being typed is not taken for part of the broken one before it.
struct NewDefinition
{
};

bool isDefinitionKeyword(QStringView w)
{
    static const char *const words[] = {"query", "mutation", "subscription", "fragment", "schema", "scalar", "type",
                                        "interface", "union", "enum", "input", "directive", "extend"};
    for (const char *k : words)
        if (w == QLatin1String(k))
            return true;
    return false;
}

constexpr int MaxNesting = 256;

class Walker
{
public:
    Walker(const Schema &schema, const QString &text, qsizetype pos)
        : m_schema(schema), m_text(text), m_pos(pos)
    {
    }

    CompletionContext run()
    {
        std::vector<std::pair<qsizetype, qsizetype>> comments;
        m_tokens = detail::looseTokenize(m_text, &comments);
        collectFragments();
        for (const auto &[start, end] : comments) {
            if (start < m_pos && m_pos <= end) {
                m_ctx.kind = CompletionContext::Kind::None;
                m_ctx.replaceStart = m_ctx.replaceEnd = m_pos;
                return m_ctx;
            }
        }
        try {
            document();
            stop(CompletionContext::Kind::None); // the cursor is always reached at Eof; kept for safety
        } catch (const Reached &) {
        }
        return m_ctx;
    }

private:
    using Kind = CompletionContext::Kind;

    const LooseToken &tok() const { return m_tokens[m_i]; }
    bool isPunct(char16_t c) const { return tok().kind == LooseToken::Punct && tok().ch == c; }
    bool isName() const { return tok().kind == LooseToken::Name; }
    QStringView textOf(const LooseToken &t) const { return QStringView(m_text).mid(t.start, t.end - t.start); }
    bool isKeyword(const char *word) const { return isName() && textOf(tok()) == QLatin1String(word); }
    void advance()
    {
        if (tok().kind != LooseToken::Eof)
            ++m_i;
    }

    /// Inside a definition: leave it if a new one evidently starts here.
    void checkNewDefinition() const
    {
        const LooseToken &t = tok();
        if (t.kind != LooseToken::Name || t.start == 0)
            return;
        const QChar before = m_text.at(t.start - 1);
        if ((before == QLatin1Char('\n') || before == QLatin1Char('\r')) && isDefinitionKeyword(textOf(t)))
            throw NewDefinition{};
    }

    /// Whether the cursor is at the current token: in the whitespace before it, at its start, inside it,
    /// or at the end of a name or number (which is then the prefix being typed).
    bool reached() const
    {
        const LooseToken &t = tok();
        if (t.kind == LooseToken::Eof || t.start >= m_pos)
            return true;
        if (m_pos < t.end)
            return true;
        if (m_pos == t.end)
            return t.kind == LooseToken::Name || t.kind == LooseToken::Number || t.open;
        return false;
    }

    [[noreturn]] void stop(Kind kind)
    {
        m_ctx.kind = kind;
        const LooseToken &t = tok();
        const bool touching = t.kind != LooseToken::Eof && t.start <= m_pos && m_pos <= t.end;
        if (touching && (t.kind == LooseToken::Name || t.kind == LooseToken::Number)) {
            m_ctx.prefix = m_text.mid(t.start, m_pos - t.start);
            m_ctx.replaceStart = t.start;
            m_ctx.replaceEnd = t.end;
        } else if (touching && (t.kind == LooseToken::String || t.kind == LooseToken::BlockString) && t.start < m_pos) {
            const qsizetype quote = t.kind == LooseToken::String ? 1 : 3;
            m_ctx.inString = true;
            m_ctx.prefix = m_text.mid(t.start + quote, qMax<qsizetype>(0, m_pos - t.start - quote));
            m_ctx.replaceStart = t.start;
            m_ctx.replaceEnd = t.end;
            if (kind != Kind::Value)
                m_ctx.kind = Kind::None;
        } else {
            m_ctx.replaceStart = m_ctx.replaceEnd = m_pos;
        }
        throw Reached{};
    }

    void checkNone()
    {
        if (reached())
            stop(Kind::None);
    }

    // ---- schema lookups -------------------------------------------------------------------------

    const NamedType *type(const QString &name) const
    {
        if (const NamedType *t = m_schema.type(name))
            return t;
        return name.startsWith(QLatin1String("__")) ? validation::introspectionType(name) : nullptr;
    }

    const NamedType *rootType(ast::OperationType op) const
    {
        switch (op) {
        case ast::OperationType::Query: return type(m_schema.queryTypeName().isEmpty() ? QStringLiteral("Query") : m_schema.queryTypeName());
        case ast::OperationType::Mutation: return type(m_schema.mutationTypeName().isEmpty() ? QStringLiteral("Mutation") : m_schema.mutationTypeName());
        case ast::OperationType::Subscription:
            return type(m_schema.subscriptionTypeName().isEmpty() ? QStringLiteral("Subscription") : m_schema.subscriptionTypeName());
        }
        return nullptr;
    }

    const Field *fieldDef(const NamedType *parent, const QString &name) const
    {
        if (!parent || (parent->kind != TypeKind::Object && parent->kind != TypeKind::Interface && parent->kind != TypeKind::Union))
            return nullptr;
        if (name == QLatin1String("__typename"))
            return &validation::typeNameMetaField();
        if (parent == rootType(ast::OperationType::Query)) {
            if (name == QLatin1String("__schema"))
                return &validation::schemaMetaField();
            if (name == QLatin1String("__type"))
                return &validation::typeMetaField();
        }
        return parent->field(name);
    }

    static const InputValue *findInput(const QList<InputValue> &list, QStringView name)
    {
        for (const InputValue &v : list)
            if (v.name == name)
                return &v;
        return nullptr;
    }

    // ---- document -------------------------------------------------------------------------------

    void collectFragments()
    {
        int depth = 0;
        for (size_t i = 0; i + 1 < m_tokens.size(); ++i) {
            const LooseToken &t = m_tokens[i];
            if (t.kind == LooseToken::Punct) {
                if (t.ch == u'{' || t.ch == u'(' || t.ch == u'[')
                    ++depth;
                else if ((t.ch == u'}' || t.ch == u')' || t.ch == u']') && depth > 0)
                    --depth;
            } else if (depth == 0 && t.kind == LooseToken::Name && textOf(t) == QLatin1String("fragment")
                       && m_tokens[i + 1].kind == LooseToken::Name && textOf(m_tokens[i + 1]) != QLatin1String("on")) {
                CompletionContext::Fragment f;
                f.name = textOf(m_tokens[i + 1]).toString();
                if (i + 3 < m_tokens.size() && m_tokens[i + 2].kind == LooseToken::Name && textOf(m_tokens[i + 2]) == QLatin1String("on")
                    && m_tokens[i + 3].kind == LooseToken::Name)
                    f.typeCondition = textOf(m_tokens[i + 3]).toString();
                m_ctx.fragments.append(f);
            }
        }
    }

    void document()
    {
        for (;;) {
            m_ctx.inOperation = false;
            m_ctx.variables.clear();
            m_ctx.fieldPath.clear();
            if (reached())
                stop(tok().kind == LooseToken::Name || tok().kind == LooseToken::Eof || tok().start >= m_pos ? Kind::Definition : Kind::None);
            try {
                if (isPunct(u'{')) {
                    m_ctx.inOperation = true;
                    m_ctx.operation = ast::OperationType::Query;
                    selectionSet(rootType(ast::OperationType::Query), 0);
                } else if (isKeyword("query") || isKeyword("mutation") || isKeyword("subscription")) {
                    operation();
                } else if (isKeyword("fragment")) {
                    fragmentDefinition();
                } else if (isName()) {
                    skipTypeSystemDefinition();
                } else {
                    advance(); // a description, or a stray token
                }
            } catch (const NewDefinition &) {
                m_ctx.field = nullptr;
                m_ctx.directive = nullptr;
            }
        }
    }

    void operation()
    {
        const QStringView kw = textOf(tok());
        m_ctx.inOperation = true;
        m_ctx.operation = kw == QLatin1String("query") ? ast::OperationType::Query
                          : kw == QLatin1String("mutation") ? ast::OperationType::Mutation
                                                            : ast::OperationType::Subscription;
        advance();
        if (reached())
            stop(Kind::Name);
        if (isName())
            advance();
        checkNone();
        if (isPunct(u'('))
            variableDefinitions();
        static const QString locations[] = {QStringLiteral("QUERY"), QStringLiteral("MUTATION"), QStringLiteral("SUBSCRIPTION")};
        directives(locations[int(m_ctx.operation)], 0);
        checkNone();
        if (isPunct(u'{'))
            selectionSet(rootType(m_ctx.operation), 0);
    }

    void fragmentDefinition()
    {
        advance();
        if (reached())
            stop(Kind::Name);
        if (isName() && !isKeyword("on"))
            advance();
        checkNone();
        if (isPunct(u'('))
            variableDefinitions(); // legacy fragment variables
        checkNone();
        const NamedType *on = nullptr;
        if (isKeyword("on")) {
            advance();
            if (reached())
                stop(Kind::TypeCondition);
            if (isName()) {
                on = type(textOf(tok()).toString());
                advance();
            }
        }
        directives(QStringLiteral("FRAGMENT_DEFINITION"), 0);
        checkNone();
        if (isPunct(u'{'))
            selectionSet(on, 0);
    }

    /// Type-system text is not completed here: skip to the next top-level keyword.
    void skipTypeSystemDefinition()
    {
        int depth = 0;
        advance();
        for (;;) {
            if (reached()) {
                // After a closed body, in whitespace, another definition may start.
                const bool afterBody = depth == 0 && m_i > 0 && m_tokens[m_i - 1].kind == LooseToken::Punct
                                       && m_tokens[m_i - 1].ch == u'}' && (reachedBefore() || isName());
                stop(afterBody ? Kind::Definition : Kind::None);
            }
            if (tok().kind == LooseToken::Punct) {
                if (tok().ch == u'{' || tok().ch == u'(' || tok().ch == u'[')
                    ++depth;
                else if ((tok().ch == u'}' || tok().ch == u')' || tok().ch == u']') && depth > 0)
                    --depth;
            } else if (depth == 0 && (isKeyword("query") || isKeyword("mutation") || isKeyword("subscription") || isKeyword("fragment")
                                      || isKeyword("type") || isKeyword("interface") || isKeyword("union") || isKeyword("enum")
                                      || isKeyword("input") || isKeyword("scalar") || isKeyword("schema") || isKeyword("extend")
                                      || isKeyword("directive"))) {
                return;
            }
            advance();
        }
    }

    void variableDefinitions()
    {
        advance(); // (
        for (;;) {
            if (reached())
                stop(isPunct(u'$') || isName() ? Kind::Name : Kind::None);
            if (isPunct(u')')) {
                advance();
                return;
            }
            checkNewDefinition();
            if (!isPunct(u'$')) {
                advance();
                continue;
            }
            advance();
            if (reached())
                stop(Kind::Name);
            if (!isName())
                continue;
            CompletionContext::Variable var;
            var.name = textOf(tok()).toString();
            advance();
            checkNone();
            if (isPunct(u':'))
                advance();
            if (reached())
                stop(Kind::VariableType);
            if (isName() || isPunct(u'['))
                var.type = typeReference(0);
            checkNone();
            if (isPunct(u'=')) {
                advance();
                var.hasDefault = true;
                m_ctx.argument = nullptr;
                value(var.type, nullptr, 0);
            }
            directives(QStringLiteral("VARIABLE_DEFINITION"), 0);
            m_ctx.variables.append(var);
        }
    }

    TypeRef typeReference(int depth)
    {
        TypeRef ref;
        if (depth > MaxNesting)
            stop(Kind::None);
        if (isPunct(u'[')) {
            advance();
            if (reached())
                stop(Kind::VariableType);
            ref = typeReference(depth + 1);
            checkNone();
            if (isPunct(u']'))
                advance();
            ref = ref.list();
        } else if (isName()) {
            ref.name = textOf(tok()).toString();
            advance();
        }
        if (isPunct(u'!') && !reachedBefore()) {
            advance();
            ref = ref.nonNull();
        }
        return ref;
    }

    /// The cursor lies in the whitespace before (or at the start of) the current token.
    bool reachedBefore() const { return tok().start >= m_pos; }

    void directives(const QString &location, int depth)
    {
        while (true) {
            if (reached())
                return; // the caller decides what the cursor means here
            if (!isPunct(u'@'))
                return;
            advance();
            if (reached()) {
                m_ctx.directiveLocation = location;
                stop(Kind::Directive);
            }
            if (!isName())
                continue;
            const QString name = textOf(tok()).toString();
            m_ctx.parentType = nullptr;
            const DirectiveDefinition *def = m_schema.directive(name);
            if (!def && Schema::isBuiltInDirective(name)) {
                static const Schema builtIns = [] {
                    Schema s;
                    s.addBuiltInDirectives();
                    return s;
                }();
                def = builtIns.directive(name);
            }
            advance();
            if (reached() && !reachedBefore() && !isPunct(u'('))
                stop(Kind::None);
            if (isPunct(u'(') && !reachedBefore())
                arguments(nullptr, def, depth);
        }
    }

    void selectionSet(const NamedType *parent, int depth)
    {
        if (depth > MaxNesting)
            stop(Kind::None);
        advance(); // {
        for (;;) {
            if (reached()) {
                m_ctx.parentType = parent;
                if (isName())
                    m_ctx.field = fieldDef(parent, textOf(tok()).toString());
                stop(tok().kind == LooseToken::Spread && tok().start < m_pos ? Kind::FragmentSpread : Kind::Field);
            }
            if (isPunct(u'}')) {
                advance();
                return;
            }
            checkNewDefinition();
            if (tok().kind == LooseToken::Spread) {
                fragment(parent, depth);
            } else if (isName()) {
                field(parent, depth);
            } else {
                advance();
            }
        }
    }

    void fragment(const NamedType *parent, int depth)
    {
        advance(); // ...
        if (reached()) {
            m_ctx.parentType = parent;
            stop(Kind::FragmentSpread);
        }
        if (isKeyword("on")) {
            advance();
            if (reached()) {
                m_ctx.parentType = parent;
                stop(Kind::TypeCondition);
            }
            const NamedType *on = nullptr;
            if (isName()) {
                on = type(textOf(tok()).toString());
                advance();
            }
            directives(QStringLiteral("INLINE_FRAGMENT"), depth);
            if (reached())
                stop(Kind::None);
            if (isPunct(u'{'))
                selectionSet(on, depth + 1);
        } else if (isName()) {
            advance();
            directives(QStringLiteral("FRAGMENT_SPREAD"), depth);
        } else {
            directives(QStringLiteral("INLINE_FRAGMENT"), depth);
            if (reached())
                stop(Kind::None);
            if (isPunct(u'{'))
                selectionSet(parent, depth + 1);
        }
    }

    void field(const NamedType *parent, int depth)
    {
        QString name = textOf(tok()).toString();
        advance();
        if (isPunct(u':') && !reachedBefore()) { // alias
            advance();
            if (reached()) {
                m_ctx.parentType = parent;
                if (isName())
                    m_ctx.field = fieldDef(parent, textOf(tok()).toString());
                stop(Kind::Field);
            }
            if (!isName())
                return;
            name = textOf(tok()).toString();
            advance();
        }
        const Field *def = fieldDef(parent, name);
        if (isPunct(u'(') && !reachedBefore()) {
            m_ctx.parentType = parent;
            arguments(def, nullptr, depth);
        }
        directives(QStringLiteral("FIELD"), depth);
        if (isPunct(u'{') && !reachedBefore()) {
            const NamedType *sub = def ? type(def->type.name) : nullptr;
            m_ctx.fieldPath.append(name);
            selectionSet(sub, depth + 1);
            m_ctx.fieldPath.removeLast();
        }
    }

    /// Names followed by `:` in the list that starts at the current token, up to its closing bracket.
    QStringList siblingNames(char16_t close) const
    {
        QStringList names;
        // Back to the opening bracket of this list.
        size_t begin = m_i;
        int depth = 0;
        while (begin > 0) {
            const LooseToken &t = m_tokens[begin - 1];
            if (t.kind == LooseToken::Punct) {
                if (t.ch == u')' || t.ch == u']' || t.ch == u'}')
                    ++depth;
                else if (t.ch == u'(' || t.ch == u'[' || t.ch == u'{') {
                    if (depth == 0)
                        break;
                    --depth;
                }
            }
            --begin;
        }
        depth = 0;
        for (size_t i = begin; i + 1 < m_tokens.size(); ++i) {
            const LooseToken &t = m_tokens[i];
            if (t.kind == LooseToken::Punct) {
                if (t.ch == u'(' || t.ch == u'[' || t.ch == u'{') {
                    ++depth;
                } else if (t.ch == u')' || t.ch == u']' || t.ch == u'}') {
                    if (depth == 0) {
                        if (t.ch == close)
                            break;
                        break;
                    }
                    --depth;
                }
            } else if (depth == 0 && t.kind == LooseToken::Name && m_tokens[i + 1].kind == LooseToken::Punct && m_tokens[i + 1].ch == u':'
                       && !(t.start <= m_pos && m_pos <= t.end)) {
                names.append(textOf(t).toString());
            }
        }
        return names;
    }

    void arguments(const Field *field, const DirectiveDefinition *directive, int depth)
    {
        advance(); // (
        const QList<InputValue> *defs = field ? &field->arguments : directive ? &directive->arguments : nullptr;
        for (;;) {
            if (reached()) {
                m_ctx.field = field;
                m_ctx.directive = directive;
                if (isName() && defs)
                    m_ctx.argument = findInput(*defs, textOf(tok()));
                m_ctx.siblingNames = siblingNames(u')');
                stop(isName() || tok().start >= m_pos ? Kind::Argument : Kind::None);
            }
            if (isPunct(u')')) {
                advance();
                return;
            }
            checkNewDefinition();
            if (!isName()) {
                if (isPunct(u'}') || isPunct(u'{'))
                    return; // an unclosed list: let the selection set go on
                advance();
                continue;
            }
            const InputValue *arg = defs ? findInput(*defs, textOf(tok())) : nullptr;
            advance();
            if (!isPunct(u':') || reachedBefore()) {
                if (reached())
                    stop(Kind::None);
                continue;
            }
            advance();
            m_ctx.field = field;
            m_ctx.directive = directive;
            value(arg ? arg->type : TypeRef{}, arg, depth + 1);
            m_ctx.field = nullptr;
            m_ctx.directive = nullptr;
        }
    }

    [[noreturn]] void stopValue(Kind kind, const TypeRef &expected, const InputValue *argument)
    {
        m_ctx.expectedType = expected;
        m_ctx.inputType = expected.name.isEmpty() ? nullptr : type(expected.name);
        m_ctx.argument = argument;
        stop(kind);
    }

    void value(const TypeRef &expected, const InputValue *argument, int depth)
    {
        if (depth > MaxNesting)
            stop(Kind::None);
        if (reached())
            stopValue(Kind::Value, expected, argument);
        checkNewDefinition();
        if (isPunct(u'$')) {
            advance();
            if (reached() && (isName() || reachedBefore()))
                stopValue(Kind::Variable, expected, argument);
            if (isName())
                advance();
            return;
        }
        if (isPunct(u'[')) {
            advance();
            TypeRef item = expected.nullable();
            if (!item.wrappers.empty() && item.wrappers.front() == TypeRef::Wrapper::List)
                item.wrappers.erase(item.wrappers.begin());
            for (;;) {
                if (reached())
                    stopValue(Kind::Value, item, argument);
                if (isPunct(u']')) {
                    advance();
                    return;
                }
                if (isPunct(u')') || isPunct(u'}'))
                    return; // unclosed list
                value(item, argument, depth + 1);
            }
        }
        if (isPunct(u'{')) {
            advance();
            const NamedType *object = expected.name.isEmpty() ? nullptr : type(expected.name);
            if (object && object->kind != TypeKind::InputObject)
                object = nullptr;
            for (;;) {
                if (reached()) {
                    m_ctx.siblingNames = siblingNames(u'}');
                    m_ctx.expectedType = expected;
                    m_ctx.inputType = object;
                    m_ctx.argument = isName() && object ? object->inputField(textOf(tok()).toString()) : nullptr;
                    stop(isName() || reachedBefore() ? Kind::ObjectField : Kind::None);
                }
                if (isPunct(u'}')) {
                    advance();
                    return;
                }
                checkNewDefinition();
                if (!isName()) {
                    if (isPunct(u')'))
                        return;
                    advance();
                    continue;
                }
                const InputValue *f = object ? object->inputField(textOf(tok()).toString()) : nullptr;
                advance();
                if (!isPunct(u':') || reachedBefore()) {
                    if (reached())
                        stop(Kind::None);
                    continue;
                }
                advance();
                value(f ? f->type : TypeRef{}, f, depth + 1);
            }
        }
        // A scalar literal or enum value, or something stray (consumed all the same, so every caller's
        // loop makes progress); closing brackets are left to the list they close.
        if (!isPunct(u')') && !isPunct(u']') && !isPunct(u'}'))
            advance();
    }

    const Schema &m_schema;
    const QString &m_text;
    qsizetype m_pos;
    std::vector<LooseToken> m_tokens;
    size_t m_i = 0;
    CompletionContext m_ctx;
};

} // namespace

qsizetype offsetOf(const QString &text, int line, int column)
{
    const qsizetype n = text.size();
    qsizetype i = 0;
    for (int l = 1; l < line && i < n; ++i) {
        const char16_t c = text.at(i).unicode();
        if (c == u'\n' || c == u'\r') {
            if (c == u'\r' && i + 1 < n && text.at(i + 1).unicode() == u'\n')
                ++i;
            ++l;
        }
    }
    return qBound<qsizetype>(0, i + qMax(0, column - 1), n);
}

CompletionContext positionContext(const Schema &schema, const QString &text, qsizetype offset)
{
    return Walker(schema, text, qBound<qsizetype>(0, offset, text.size())).run();
}

CompletionContext positionContext(const Schema &schema, const QString &text, int line, int column)
{
    return positionContext(schema, text, offsetOf(text, line, column));
}

} // namespace refract::graphql
