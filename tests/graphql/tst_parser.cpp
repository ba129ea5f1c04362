#include <graphql/lexer.h>
#include <graphql/parser.h>
#include <graphql/printer.h>

#include <QTest>
#include <QThread>

using namespace refract::graphql;

// Lexer, parser, syntax errors with graphql-js's messages and locations, and the safety limits.
// Expected messages were checked against graphql-js 16.15.0 (the conformance test checks many more).
class TstParser : public QObject
{
    Q_OBJECT

    static GraphQLError errorOf(const QString &source, const ParseOptions &options = {})
    {
        const ParseResult r = parse(source, options);
        if (!r.error)
            return GraphQLError{QStringLiteral("<no error>"), {}};
        return *r.error;
    }

private slots:
    void lexerTokens()
    {
        Lexer lexer(QChar(0xFEFF) + QStringLiteral("{ a(b: -1.5e3, c: \"x\\u00e9\") ... # c\n}"));
        QList<TokenKind> kinds;
        QStringList values;
        for (const Token *t = &lexer.advance(); t->kind != TokenKind::EOF_; t = &lexer.advance()) {
            kinds.append(t->kind);
            values.append(t->value.value_or(QString()));
        }
        const QList<TokenKind> expected = {TokenKind::BraceL, TokenKind::Name, TokenKind::ParenL, TokenKind::Name,
                                           TokenKind::Colon, TokenKind::Float, TokenKind::Name, TokenKind::Colon,
                                           TokenKind::String, TokenKind::ParenR, TokenKind::Spread, TokenKind::BraceR};
        QCOMPARE(kinds, expected);
        QCOMPARE(values[5], QStringLiteral("-1.5e3"));
        QCOMPARE(values[8], QString::fromUtf8("x\xC3\xA9"));
    }

    void tokenizeReportsErrors()
    {
        GraphQLError e;
        const QList<Token> tokens = Lexer::tokenize(QStringLiteral("a \"b"), &e);
        QCOMPARE(tokens.size(), 1);
        QCOMPARE(e.message, QStringLiteral("Syntax Error: Unterminated string."));
        QCOMPARE(e.locations[0].column, 5);
        QCOMPARE(Lexer::tokenize(QStringLiteral("a # c\n b"), nullptr, true).size(), 3);
    }

    void tokenLocationsCountUtf16()
    {
        Lexer lexer(QString::fromUtf8("\"\xF0\x9F\x98\x80\" a\r\n  b"));
        const Token &s = lexer.advance();
        QCOMPARE(s.kind, TokenKind::String);
        QCOMPARE(s.end, qsizetype(4)); // the emoji is two UTF-16 code units
        const Token &a = lexer.advance();
        QCOMPARE(a.column, 6);
        const Token &b = lexer.advance();
        QCOMPARE(b.line, 2);
        QCOMPARE(b.column, 3);
    }

    void blockStringValue()
    {
        Lexer lexer(QStringLiteral("\"\"\"\n    hello\n      world\n    \\\"\"\"\n  \"\"\" x"));
        const Token &t = lexer.advance();
        QCOMPARE(t.kind, TokenKind::BlockString);
        QCOMPARE(*t.value, QStringLiteral("hello\n  world\n\"\"\""));
        const Token &x = lexer.advance();
        QCOMPARE(x.line, 5);
        QCOMPARE(x.column, 7);
    }

    void syntaxErrors_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::newRow("eof") << QStringLiteral("{") << QStringLiteral("Syntax Error: Expected Name, found <EOF>.") << 1 << 2;
        QTest::newRow("empty") << QString() << QStringLiteral("Syntax Error: Unexpected <EOF>.") << 1 << 1;
        QTest::newRow("char") << QStringLiteral("{ a % }") << QStringLiteral("Syntax Error: Unexpected character: \"%\".") << 1 << 5;
        QTest::newRow("unicode char") << QString::fromUtf8("{ \xC3\xA9 }") << QStringLiteral("Syntax Error: Unexpected character: U+00E9.") << 1 << 3;
        QTest::newRow("quote") << QStringLiteral("{ a(x: 'y') }")
                               << QStringLiteral("Syntax Error: Unexpected single quote character ('), did you mean to use a double quote (\")?") << 1 << 8;
        QTest::newRow("zero") << QStringLiteral("{ a(x: 01) }") << QStringLiteral("Syntax Error: Invalid number, unexpected digit after 0: \"1\".") << 1 << 9;
        QTest::newRow("digit") << QStringLiteral("{ a(x: 1.) }") << QStringLiteral("Syntax Error: Invalid number, expected digit but got: \")\".") << 1 << 10;
        QTest::newRow("digit eof") << QStringLiteral("1e") << QStringLiteral("Syntax Error: Invalid number, expected digit but got: <EOF>.") << 1 << 3;
        QTest::newRow("unterminated") << QStringLiteral("{ a(x: \"abc\n") << QStringLiteral("Syntax Error: Unterminated string.") << 1 << 12;
        QTest::newRow("escape") << QStringLiteral("\"\\x\"") << QStringLiteral("Syntax Error: Invalid character escape sequence: \"\\x\".") << 1 << 2;
        QTest::newRow("unicode escape") << QStringLiteral("\"\\u{110000}\"") << QStringLiteral("Syntax Error: Invalid Unicode escape sequence: \"\\u{110000}\".") << 1 << 2;
        QTest::newRow("surrogate escape") << QStringLiteral("\"\\uD800\\u0041\"") << QStringLiteral("Syntax Error: Invalid Unicode escape sequence: \"\\uD800\".") << 1 << 2;
        QTest::newRow("const variable") << QStringLiteral("query Q($a: Int = $b) { a }") << QStringLiteral("Syntax Error: Unexpected variable \"$b\" in constant value.") << 1 << 19;
        QTest::newRow("enum true") << QStringLiteral("enum E { true }") << QStringLiteral("Syntax Error: Name \"true\" is reserved and cannot be used for an enum value.") << 1 << 10;
        QTest::newRow("location") << QStringLiteral("directive @d on FIELD | NOPE") << QStringLiteral("Syntax Error: Unexpected Name \"NOPE\".") << 1 << 25;
        QTest::newRow("shorthand description") << QStringLiteral("\"d\" { a }")
                                               << QStringLiteral("Syntax Error: Unexpected description, descriptions are not supported on shorthand queries.") << 1 << 1;
        QTest::newRow("extension description") << QStringLiteral("\"d\" extend type A { a: Int }")
                                               << QStringLiteral("Syntax Error: Unexpected description, only GraphQL definitions support descriptions.") << 1 << 1;
        QTest::newRow("empty extension") << QStringLiteral("extend type A") << QStringLiteral("Syntax Error: Unexpected <EOF>.") << 1 << 14;
        QTest::newRow("fragment on") << QStringLiteral("fragment on on T { a }") << QStringLiteral("Syntax Error: Unexpected Name \"on\".") << 1 << 10;
        QTest::newRow("expected keyword") << QStringLiteral("fragment F T { a }") << QStringLiteral("Syntax Error: Expected \"on\", found Name \"T\".") << 1 << 12;
        QTest::newRow("punctuator") << QStringLiteral("{ a(x 1) }") << QStringLiteral("Syntax Error: Expected \":\", found Int \"1\".") << 1 << 7;
        QTest::newRow("later line crlf") << QStringLiteral("{\r\n  a\r\n  %\r\n}") << QStringLiteral("Syntax Error: Unexpected character: \"%\".") << 3 << 3;
        QTest::newRow("after block string") << QStringLiteral("{ a(x: \"\"\"\n  l\n\"\"\") % }") << QStringLiteral("Syntax Error: Unexpected character: \"%\".") << 3 << 6;
    }

    void syntaxErrors()
    {
        QFETCH(QString, source);
        QFETCH(QString, message);
        QFETCH(int, line);
        QFETCH(int, column);
        const GraphQLError e = errorOf(source);
        QCOMPARE(e.message, message);
        QCOMPARE(e.locations.size(), 1);
        QCOMPARE(e.locations[0].line, line);
        QCOMPARE(e.locations[0].column, column);
    }

    void errorJson()
    {
        const GraphQLError e = errorOf(QStringLiteral("{ a(x: \"\\u0001\") %"));
        QCOMPARE(e.toJson(), QByteArray("{\"message\":\"Syntax Error: Unexpected character: \\\"%\\\".\",\"locations\":[{\"line\":1,\"column\":18}]}"));
    }

    void astShapeAndLocations()
    {
        const ParseResult r = parse(QStringLiteral("query Q($v: [Int!] = [1]) @d {\n  alias: f(a: $v) { ...F ... on T { x } }\n}\nfragment F on T { y }"));
        QVERIFY(r.document);
        const ast::Document &doc = *r.document;
        QCOMPARE(doc.definitions.size(), size_t(2));
        const ast::Definition &op = doc.definitions[0];
        QCOMPARE(op.kind, ast::Definition::Kind::Operation);
        QCOMPARE(op.name->value, QStringLiteral("Q"));
        QCOMPARE(op.variableDefinitions[0].type.toString(), QStringLiteral("[Int!]"));
        QCOMPARE(op.variableDefinitions[0].defaultValue->kind, ast::Value::Kind::List);
        QCOMPARE(op.directives[0].name.value, QStringLiteral("d"));
        const ast::Selection &field = op.selectionSet->selections[0];
        QCOMPARE(field.alias->value, QStringLiteral("alias"));
        QCOMPARE(field.name.value, QStringLiteral("f"));
        QCOMPARE(field.loc.line, 2);
        QCOMPARE(field.loc.column, 3);
        QCOMPARE(field.arguments[0].value.kind, ast::Value::Kind::Variable);
        QCOMPARE(field.selectionSet->selections[0].kind, ast::Selection::Kind::FragmentSpread);
        QCOMPARE(field.selectionSet->selections[1].kind, ast::Selection::Kind::InlineFragment);
        QCOMPARE(field.selectionSet->selections[1].typeCondition->value, QStringLiteral("T"));
        QCOMPARE(doc.definitions[1].kind, ast::Definition::Kind::Fragment);
        QCOMPARE(doc.definitions[1].loc.line, 4);
        QCOMPARE(doc.tokenCount, 45); // graphql-js: parse(…).tokenCount
    }

    void typeSystemDocument()
    {
        const ParseResult r = parse(QStringLiteral(
            "\"d\" interface I implements J & K @x { f(a: Int = 1 @y): [I!] }\n"
            "directive @r(a: Int) repeatable on FIELD | OBJECT\nextend union U = A | B\nextend schema @z"));
        QVERIFY(r.document);
        const auto &defs = r.document->definitions;
        QCOMPARE(defs[0].kind, ast::Definition::Kind::Interface);
        QCOMPARE(defs[0].description->value, QStringLiteral("d"));
        QCOMPARE(defs[0].interfaces.size(), size_t(2));
        QCOMPARE(defs[0].fields[0].arguments[0].defaultValue->value, QStringLiteral("1"));
        QVERIFY(defs[1].repeatable);
        QCOMPARE(defs[1].locations.size(), size_t(2));
        QCOMPARE(defs[2].kind, ast::Definition::Kind::UnionExtension);
        QCOMPARE(defs[3].kind, ast::Definition::Kind::SchemaExtension);
    }

    void options()
    {
        ParseOptions o;
        QVERIFY(parse(QStringLiteral("fragment F($a: Int) on T { a }"), o).error);
        o.allowLegacyFragmentVariables = true;
        QVERIFY(parse(QStringLiteral("fragment F($a: Int) on T { a }"), o).document);
        ParseOptions d;
        QVERIFY(parse(QStringLiteral("extend directive @a @b"), d).error);
        d.experimentalDirectivesOnDirectiveDefinitions = true;
        const ParseResult r = parse(QStringLiteral("directive @a @b on FIELD\nextend directive @a @c"), d);
        QVERIFY(r.document);
        QCOMPARE(print(*r.document), QStringLiteral("directive @a @b on FIELD\n\nextend directive @a @c"));
        ParseOptions c;
        c.maxComments = 1;
        QCOMPARE(errorOf(QStringLiteral("# a\n# b\n{ a }"), c).message,
                 QStringLiteral("Syntax Error: Document contains more than 1 comments. Parsing aborted."));
    }

    void tokenLimit()
    {
        ParseOptions o;
        o.maxTokens = 5;
        QVERIFY(parse(QStringLiteral("{ a b c }"), o).document);
        // graphql-js's own wording ("more that") is kept so errors compare equal.
        QCOMPARE(errorOf(QStringLiteral("{ a b c d }"), o).message,
                 QStringLiteral("Syntax Error: Document contains more that 5 tokens. Parsing aborted."));
        // A million tokens are refused by the default limit, quickly and without exhausting memory.
        QString big = QStringLiteral("{");
        big.reserve(2100000);
        for (int i = 0; i < 1000000; ++i)
            big += QStringLiteral(" a");
        big += QLatin1Char('}');
        const GraphQLError e = errorOf(big);
        QVERIFY2(e.message.startsWith(QLatin1String("Syntax Error: Document contains more that 500000 tokens.")), qPrintable(e.message));
    }

    void depthLimit_data()
    {
        QTest::addColumn<QString>("open");
        QTest::addColumn<QString>("middle");
        QTest::addColumn<QString>("close");
        QTest::newRow("selections") << QStringLiteral("a { ") << QStringLiteral("b") << QStringLiteral(" }");
        QTest::newRow("lists") << QStringLiteral("[") << QStringLiteral("1") << QStringLiteral("]");
        QTest::newRow("objects") << QStringLiteral("{a: ") << QStringLiteral("1") << QStringLiteral("}");
    }

    void depthLimit()
    {
        QFETCH(QString, open);
        QFETCH(QString, middle);
        QFETCH(QString, close);
        const bool isValue = open != QLatin1String("a { ");
        auto doc = [&](int n) {
            const QString inner = open.repeated(n) + middle + close.repeated(n);
            return isValue ? QStringLiteral("{ f(x: ") + inner + QStringLiteral(") }") : QStringLiteral("{ ") + inner + QStringLiteral(" }");
        };
        const ParseResult ok = parse(doc(1000));
        QVERIFY(ok.document);
        QVERIFY(!print(*ok.document).isEmpty());
        // 10,000 levels: a syntax error, not a stack overflow.
        const GraphQLError e = errorOf(doc(10000));
        QVERIFY2(e.message == QLatin1String("Syntax Error: Document is nested more than 2048 levels deep. Parsing aborted."),
                 qPrintable(e.message));
        // Unclosed nesting too.
        const QString prefix = isValue ? QStringLiteral("{ f(x: ") : QStringLiteral("{ ");
        QVERIFY(errorOf(prefix + open.repeated(100000)).message.contains(QLatin1String("Parsing aborted")));
    }

    void maxDepthFitsA4MbStack()
    {
        // Documents at the nesting limit, parsed and printed on a thread with a 4 MB stack.
        const int n = ParseOptions().maxDepth - 1;
        const QStringList docs = {
            QStringLiteral("{ ") + QStringLiteral("a { ").repeated(n) + QStringLiteral("b") + QStringLiteral(" }").repeated(n) + QStringLiteral(" }"),
            QStringLiteral("{ ") + QStringLiteral("... on T { ").repeated(n) + QStringLiteral("b") + QStringLiteral(" }").repeated(n) + QStringLiteral(" }"),
            QStringLiteral("{ f(x: ") + QStringLiteral("[").repeated(n) + QStringLiteral("]").repeated(n) + QStringLiteral(") }"),
            QStringLiteral("{ f(x: ") + QStringLiteral("{a: ").repeated(n) + QStringLiteral("1") + QStringLiteral("}").repeated(n) + QStringLiteral(") }"),
            QStringLiteral("query($a: ") + QStringLiteral("[").repeated(n) + QStringLiteral("Int") + QStringLiteral("]").repeated(n) + QStringLiteral(") { a }"),
        };
        int parsed = 0;
        QThread *thread = QThread::create([&] {
            for (const QString &doc : docs) {
                const ParseResult r = parse(doc);
                if (r.document && !print(*r.document).isEmpty())
                    ++parsed;
            }
        });
        thread->setStackSize(4 * 1024 * 1024);
        thread->start();
        QVERIFY(thread->wait(60000));
        delete thread;
        QCOMPARE(parsed, int(docs.size()));
    }

    void deepListType()
    {
        const QString src = QStringLiteral("query($a: ") + QStringLiteral("[").repeated(5000) + QStringLiteral("Int")
            + QStringLiteral("]").repeated(5000) + QStringLiteral(") { a }");
        QVERIFY(errorOf(src).message.contains(QLatin1String("nested more than")));
    }

    void parseValueAndType()
    {
        GraphQLError e;
        const auto v = parseValue(QStringLiteral("{a: [1, \"x\", $v]}"), &e);
        QVERIFY(v);
        QCOMPARE(print(*v), QStringLiteral("{a: [1, \"x\", $v]}"));
        QVERIFY(!parseValue(QStringLiteral("$v"), &e, true));
        QCOMPARE(e.message, QStringLiteral("Syntax Error: Unexpected variable \"$v\" in constant value."));
        const auto t = parseType(QStringLiteral("[[A!]]!"), &e);
        QVERIFY(t);
        QCOMPARE(t->toString(), QStringLiteral("[[A!]]!"));
        QVERIFY(!parseType(QStringLiteral("[A"), &e));
    }
};

QTEST_GUILESS_MAIN(TstParser)
#include "tst_parser.moc"
