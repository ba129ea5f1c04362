#include <graphql/lexer.h>
#include <graphql/parser.h>
#include <graphql/printer.h>
#include <graphql/schemabuilder.h>
#include <graphql/schemaprinter.h>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTest>

#include <random>

using namespace refract::graphql;

// Deterministic mutation fuzzing of the GraphQL language core (label `unit`): every conformance
// corpus document, mutated many times (bytes inserted, deleted, duplicated, spliced), must parse
// or fail cleanly, print idempotently (print(parse(print(doc))) == print(doc)), and SDL that parses
// must build or fail cleanly. Set REFRACT_FUZZ_ITERATIONS for longer runs.
class TstFuzzParser : public QObject
{
    Q_OBJECT

    QStringList m_corpus;

    static QString checkRoundTrip(const QString &source)
    {
        const ParseResult r = parse(source);
        if (!r.document) {
            if (!r.error || !r.error->message.startsWith(QLatin1String("Syntax Error: ")) || r.error->locations.size() != 1)
                return QStringLiteral("malformed error");
            return QString();
        }
        const QString printed = print(*r.document);
        const ParseResult again = parse(printed);
        if (!again.document)
            return QStringLiteral("printed text does not parse: ") + again.error->message + QLatin1String("\n") + printed;
        if (print(*again.document) != printed)
            return QStringLiteral("print is not idempotent:\n") + printed;
        // Type-system documents: building must not crash; printing the result must work.
        bool typeSystem = false;
        for (const ast::Definition &d : r.document->definitions)
            typeSystem = typeSystem || !d.isExecutable();
        if (typeSystem) {
            GraphQLError e;
            if (std::optional<Schema> s = buildSchema(*r.document, &e)) {
                printSchema(*s);
                s->sortLexicographically();
                printSchema(*s);
            }
        }
        return QString();
    }

private slots:
    void initTestCase()
    {
        QDirIterator it(QStringLiteral(REFRACT_CORPUS), {QStringLiteral("*.graphql")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            if (f.open(QIODevice::ReadOnly))
                m_corpus.append(QString::fromUtf8(f.readAll()));
        }
        m_corpus.sort();
        QVERIFY(m_corpus.size() > 100);
    }

    void corpusRoundTrips()
    {
        for (const QString &doc : std::as_const(m_corpus)) {
            const QString problem = checkRoundTrip(doc);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
    }

    void mutatedCorpus()
    {
        const int iterations = qEnvironmentVariableIsSet("REFRACT_FUZZ_ITERATIONS")
            ? qEnvironmentVariableIntValue("REFRACT_FUZZ_ITERATIONS") : 20000;
        std::mt19937 rng(12345);
        const QString alphabet = QStringLiteral("{}()[]:$@!=|&.\"\\'#,\n\r\t -+0123456789eEaZ_onquerytypefragment") + QChar(0xFEFF)
            + QChar(0xE9) + QChar(0xD83D) + QChar(0xDE00) + QChar(0xD800) + QChar(0x0000) + QChar(0x2028);
        for (int i = 0; i < iterations; ++i) {
            QString doc = m_corpus[int(rng() % uint(m_corpus.size()))];
            const int edits = 1 + int(rng() % 4);
            for (int e = 0; e < edits; ++e) {
                const qsizetype pos = doc.isEmpty() ? 0 : qsizetype(rng() % uint(doc.size() + 1));
                switch (rng() % 5) {
                case 0: doc.insert(pos, alphabet.at(qsizetype(rng() % uint(alphabet.size())))); break;
                case 1: doc.remove(pos, qsizetype(1 + rng() % 8)); break;
                case 2: doc.insert(pos, doc.mid(qsizetype(rng() % uint(doc.size() + 1)), qsizetype(rng() % 40))); break;
                case 3: doc.truncate(pos); break;
                default: {
                    const QString &other = m_corpus[int(rng() % uint(m_corpus.size()))];
                    doc.insert(pos, other.mid(qsizetype(rng() % uint(other.size() + 1)), qsizetype(rng() % 60)));
                }
                }
            }
            const QString problem = checkRoundTrip(doc);
            if (!problem.isEmpty())
                QFAIL(qPrintable(QStringLiteral("iteration %1: %2\ninput: %3").arg(i).arg(problem, doc.left(400))));
            // The tokenizer used by editors must never throw either.
            Lexer::tokenize(doc, nullptr, true);
        }
    }

    void randomBytes()
    {
        std::mt19937 rng(777);
        for (int i = 0; i < 5000; ++i) {
            QByteArray bytes(int(rng() % 200), Qt::Uninitialized);
            for (char &c : bytes)
                c = char(rng() % 256);
            const QString problem = checkRoundTrip(QString::fromUtf8(bytes));
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
    }
};

QTEST_GUILESS_MAIN(TstFuzzParser)
#include "tst_fuzzparser.moc"
