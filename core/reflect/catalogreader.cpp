#include "catalogreader.h"

#include <QFile>
#include <QHash>
#include <QMutex>
#include <QPair>
#include <QSet>

#include <algorithm>
#include <tuple>

namespace refract::reflect {

namespace {

// Statement names in the order they are sent; each is sql/<name>.sql after sql/prelude.sql.
enum Step { Meta, Namespaces, Classes, Attributes, Types, Constraints, Indexes, Functions, Policies, StepCount };
const char *const stepNames[StepCount] = {"meta",        "namespaces", "classes",   "attributes", "types",
                                          "constraints", "indexes",    "functions", "policies"};

QString readResource(const QString &name)
{
    QFile f(QStringLiteral(":/refract/reflect/sql/%1.sql").arg(name));
    if (!f.open(QIODevice::ReadOnly))
        return QString();
    return QString::fromUtf8(f.readAll());
}

char toChar(QByteArrayView v) { return v.isEmpty() ? char(0) : v[0]; }

QList<int> parseIntArray(QByteArrayView v)
{
    QList<int> out;
    for (const QString &s : CatalogReader::parseTextArray(v))
        out.append(s.toInt());
    return out;
}

// int2vector / oidvector text: space-separated numbers.
QList<int> parseVector(QByteArrayView v)
{
    QList<int> out;
    for (QByteArrayView part : QByteArray::fromRawData(v.data(), v.size()).split(' ')) {
        if (!part.isEmpty())
            out.append(part.toInt());
    }
    return out;
}

// Turns an aclitem[] in text form (`{postgres=arwdDxt/postgres,"we""ird"=r/postgres,=X/postgres}`)
// into Grant rows, as aclexplode would (an empty grantee is PUBLIC).
void appendGrants(QByteArrayView acl, Oid objectOid, int attNum, std::vector<Grant> *out)
{
    if (acl.isEmpty())
        return;
    static const QHash<QChar, QString> names{
        {u'a', QStringLiteral("INSERT")},     {u'r', QStringLiteral("SELECT")},    {u'w', QStringLiteral("UPDATE")},
        {u'd', QStringLiteral("DELETE")},     {u'D', QStringLiteral("TRUNCATE")},  {u'x', QStringLiteral("REFERENCES")},
        {u't', QStringLiteral("TRIGGER")},    {u'X', QStringLiteral("EXECUTE")},   {u'U', QStringLiteral("USAGE")},
        {u'C', QStringLiteral("CREATE")},     {u'T', QStringLiteral("TEMPORARY")}, {u'c', QStringLiteral("CONNECT")},
        {u's', QStringLiteral("SET")},        {u'A', QStringLiteral("ALTER SYSTEM")}, {u'm', QStringLiteral("MAINTAIN")}};
    for (const QString &item : CatalogReader::parseTextArray(acl)) {
        qsizetype i = 0;
        const qsizetype n = item.size();
        QString grantee;
        if (n && item[0] == u'"') {
            for (i = 1; i < n; ++i) {
                if (item[i] == u'"') {
                    if (i + 1 < n && item[i + 1] == u'"') {
                        grantee += u'"';
                        ++i;
                        continue;
                    }
                    ++i;
                    break;
                }
                grantee += item[i];
            }
        } else {
            while (i < n && item[i] != u'=')
                grantee += item[i++];
        }
        if (i < n && item[i] == u'=')
            ++i;
        if (grantee.isEmpty())
            grantee = QStringLiteral("public");
        for (; i < n && item[i] != u'/'; ++i) {
            const auto it = names.constFind(item[i]);
            if (it != names.constEnd())
                out->push_back(Grant{grantee, *it, objectOid, attNum});
        }
    }
}

// Row accessor that turns SQL NULL into empty values, so the parsers below read like the SQL.
struct Row
{
    const pg::Result &r;
    int row;
    QString text(int c) const { return r.isNull(row, c) ? QString() : r.text(row, c); }
    Oid oid(int c) const { return r.isNull(row, c) ? 0 : r.toOid(row, c); }
    int integer(int c) const { return r.isNull(row, c) ? 0 : r.toInt(row, c); }
    bool boolean(int c) const { return !r.isNull(row, c) && r.toBool(row, c); }
    char letter(int c) const { return r.isNull(row, c) ? char(0) : toChar(r.raw(row, c)); }
    QByteArrayView raw(int c) const { return r.isNull(row, c) ? QByteArrayView() : r.raw(row, c); }
};

void readNamespaces(const pg::Result &r, Catalog *out)
{
    out->namespaces.reserve(size_t(r.rows()));
    for (int i = 0; i < r.rows(); ++i) {
        const Row row{r, i};
        Namespace n;
        n.oid = row.oid(0);
        n.name = row.text(1);
        n.comment = row.text(2);
        out->namespaces.push_back(std::move(n));
    }
}

void readClasses(const pg::Result &r, Catalog *out, bool withGrants)
{
    out->classes.reserve(out->classes.size() + size_t(r.rows()));
    for (int i = 0; i < r.rows(); ++i) {
        const Row row{r, i};
        Class c;
        c.oid = row.oid(0);
        c.name = row.text(1);
        c.namespaceOid = row.oid(2);
        c.namespaceName = row.text(3);
        c.kind = row.letter(4);
        c.typeOid = row.oid(5);
        c.isPartition = row.boolean(6);
        c.partitionParentOid = row.oid(7);
        c.rowSecurity = row.boolean(8);
        c.forceRowSecurity = row.boolean(9);
        // pg_relation_is_updatable: 1 << CMD_UPDATE (2), CMD_INSERT (3), CMD_DELETE (4).
        const int events = row.integer(10);
        c.isUpdatable = events & (1 << 2);
        c.isInsertable = events & (1 << 3);
        c.isDeletable = events & (1 << 4);
        c.comment = row.text(11);
        c.acl.select = row.boolean(12);
        c.acl.insert = row.boolean(13);
        c.acl.update = row.boolean(14);
        c.acl.del = row.boolean(15);
        c.isExtensionConfigurationTable = row.boolean(16);
        if (withGrants)
            appendGrants(row.raw(17), c.oid, 0, &out->grants);
        out->classes.push_back(std::move(c));
    }
}

// PostgreSQL's quote_identifier (ruleutils.c): quotes unless the name is lower-case letters,
// digits and underscores, starts with a letter or underscore, and is not a keyword that needs it.
QString quoteIdent(const QString &name, const QSet<QString> &keywords, bool quoteAll)
{
    bool safe = !name.isEmpty() && !quoteAll;
    for (qsizetype i = 0; safe && i < name.size(); ++i) {
        const char16_t ch = name[i].unicode();
        const bool lower = ch >= u'a' && ch <= u'z';
        safe = lower || ch == u'_' || (i > 0 && ch >= u'0' && ch <= u'9');
    }
    if (safe && !keywords.contains(name))
        return name;
    QString q = name;
    q.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

// Names of the columns CatalogReader drops (__*), still needed to spell index definitions.
using HiddenColumns = QHash<QPair<Oid, int>, QString>;

void readAttributes(const pg::Result &r, Catalog *out, size_t firstClass, HiddenColumns *hidden, bool withGrants)
{
    QHash<Oid, Class *> byOid;
    byOid.reserve(qsizetype(out->classes.size() - firstClass));
    for (size_t i = firstClass; i < out->classes.size(); ++i)
        byOid.insert(out->classes[i].oid, &out->classes[i]);
    Class *current = nullptr;
    for (int i = 0; i < r.rows(); ++i) {
        const Row row{r, i};
        const Oid classOid = row.oid(0);
        // Rows come ordered by class, so the lookup happens once per class.
        if (!current || current->oid != classOid) {
            current = byOid.value(classOid);
            if (!current)
                continue;
            // Room for the class's rows at once: growing one push at a time left the vectors of
            // thousands of tables up to half empty (MB at the generator's peak, where the catalog lives).
            int rows = i + 1;
            while (rows < r.rows() && Row{r, rows}.oid(0) == classOid)
                ++rows;
            current->attributes.reserve(current->attributes.size() + size_t(rows - i));
        }
        Attribute a;
        a.classOid = classOid;
        a.num = row.integer(1);
        a.name = row.text(2);
        // PostGraphile treats __* columns as private.
        if (a.name.startsWith(QLatin1String("__"))) {
            hidden->insert({classOid, a.num}, a.name);
            continue;
        }
        a.typeOid = row.oid(3);
        a.typmod = row.integer(4);
        a.notNull = row.boolean(5);
        a.hasDefault = row.boolean(6);
        a.identity = row.letter(7);
        a.generated = row.letter(8);
        a.defaultExpr = row.text(9);
        a.comment = row.text(10);
        // The SQL checks column ACLs only; a table privilege covers every column.
        a.acl.select = current->acl.select || row.boolean(11);
        a.acl.insert = current->acl.insert || row.boolean(12);
        a.acl.update = current->acl.update || row.boolean(13);
        a.columnSelectGrant = row.boolean(14);
        if (withGrants)
            appendGrants(row.raw(15), classOid, a.num, &out->grants);
        current->attributes.push_back(std::move(a));
    }
}

void readTypes(const pg::Result &r, Catalog *out)
{
    out->types.reserve(size_t(r.rows()));
    for (int i = 0; i < r.rows(); ++i) {
        const Row row{r, i};
        Type t;
        t.oid = row.oid(0);
        t.name = row.text(1);
        t.namespaceOid = row.oid(2);
        t.namespaceName = row.text(3);
        t.type = row.letter(4);
        t.category = row.letter(5);
        t.arrayItemOid = row.oid(6);
        t.arrayOid = row.oid(7);
        t.classOid = row.oid(8);
        t.domainBaseOid = row.oid(9);
        t.domainTypmod = row.integer(10);
        t.domainNotNull = row.boolean(11);
        t.domainHasDefault = row.boolean(12);
        t.domainDefaultExpr = row.text(13);
        t.length = row.integer(14);
        t.rangeSubtypeOid = row.oid(15);
        if (!r.isNull(i, 16))
            t.enumLabels = CatalogReader::parseTextArray(row.raw(16));
        t.comment = row.text(17);
        t.acl.usage = row.boolean(18);
        out->types.push_back(std::move(t));
    }
}

void readConstraints(const pg::Result &r, Catalog *out)
{
    out->constraints.reserve(size_t(r.rows()));
    for (int i = 0; i < r.rows(); ++i) {
        const Row row{r, i};
        Constraint c;
        c.oid = row.oid(0);
        c.name = row.text(1);
        c.type = row.letter(2);
        c.classOid = row.oid(3);
        c.foreignClassOid = row.oid(4);
        c.keyAttrNums = parseIntArray(row.raw(5));
        c.foreignKeyAttrNums = parseIntArray(row.raw(6));
        c.comment = row.text(7);
        c.definition = row.text(8);
        out->constraints.push_back(std::move(c));
    }
}

void readIndexes(const pg::Result &r, Catalog *out, const HiddenColumns &hidden, const QSet<QString> &keywords,
                 bool quoteAll, bool displayText)
{
    out->indexes.reserve(size_t(r.rows()));
    QHash<Oid, const Class *> classes;
    for (const Class &k : out->classes)
        classes.insert(k.oid, &k);
    auto columnName = [&](const Class *k, Oid classOid, int num) -> QString {
        if (k) {
            // attributes are in attnum order with gaps only for dropped or hidden columns
            for (const Attribute &a : k->attributes) {
                if (a.num == num)
                    return a.name;
            }
        }
        return hidden.value({classOid, num});
    };
    for (int i = 0; i < r.rows(); ++i) {
        const Row row{r, i};
        Index x;
        x.oid = row.oid(0);
        x.name = row.text(1);
        x.classOid = row.oid(2);
        x.isUnique = row.boolean(3);
        x.isPrimary = row.boolean(4);
        x.isPartial = row.boolean(5);
        x.attrNums = parseVector(row.raw(6));
        if (!r.isNull(i, 7)) {
            x.definition = row.text(7);
        } else if (displayText) {
            // A plain index: spelled as pg_get_indexdef would (see indexes.sql).
            const Class *k = classes.value(x.classOid);
            QStringList cols;
            for (int num : x.attrNums)
                cols << quoteIdent(columnName(k, x.classOid, num), keywords, quoteAll);
            x.definition = QLatin1String(x.isUnique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ") + row.text(8)
                + QLatin1String(" (") + cols.join(QLatin1String(", ")) + QLatin1Char(')');
        }
        out->indexes.push_back(std::move(x));
    }
}

void readFunctions(const pg::Result &r, Catalog *out)
{
    out->functions.reserve(size_t(r.rows()));
    for (int i = 0; i < r.rows(); ++i) {
        const Row row{r, i};
        Function f;
        f.oid = row.oid(0);
        f.name = row.text(1);
        f.namespaceOid = row.oid(2);
        f.namespaceName = row.text(3);
        f.volatility = row.letter(4);
        f.isStrict = row.boolean(5);
        f.returnsSet = row.boolean(6);
        f.returnTypeOid = row.oid(7);
        f.kind = row.letter(8);
        f.securityDefiner = row.boolean(9);
        const QStringList types = CatalogReader::parseTextArray(row.raw(10));
        const QStringList modes = CatalogReader::parseTextArray(row.raw(11));
        const QStringList names = CatalogReader::parseTextArray(row.raw(12));
        f.args.reserve(types.size());
        for (qsizetype k = 0; k < types.size(); ++k) {
            FunctionArg a;
            a.typeOid = types[k].toUInt();
            a.mode = k < modes.size() && !modes[k].isEmpty() ? modes[k].at(0).toLatin1() : 'i';
            a.name = k < names.size() ? names[k] : QString();
            f.args.append(std::move(a));
        }
        f.inputArgsCount = row.integer(13);
        f.argDefaultsCount = row.integer(14);
        f.argDefaultsExpr = row.text(15);
        f.comment = row.text(16);
        f.acl.execute = row.boolean(17);
        f.language = row.text(18);
        appendGrants(row.raw(19), f.oid, 0, &out->grants);
        out->functions.push_back(std::move(f));
    }
}

void readPolicies(const pg::Result &r, Catalog *out)
{
    out->policies.reserve(size_t(r.rows()));
    for (int i = 0; i < r.rows(); ++i) {
        const Row row{r, i};
        Policy p;
        p.oid = row.oid(0);
        p.name = row.text(1);
        p.classOid = row.oid(2);
        p.command = row.letter(3);
        p.permissive = row.boolean(4);
        p.roles = CatalogReader::parseTextArray(row.raw(5));
        p.usingExpr = row.text(6);
        p.withCheckExpr = row.text(7);
        out->policies.push_back(std::move(p));
    }
}

} // namespace

CatalogReader::CatalogReader(pg::Connection &connection)
    : m_connection(connection)
{
}

QString CatalogReader::statementSql(const QString &name)
{
    // The resources never change while the process runs: read them once.
    static QMutex mutex;
    static QHash<QString, QString> cache;
    const QMutexLocker lock(&mutex);
    auto it = cache.constFind(name);
    if (it != cache.constEnd())
        return *it;
    static const QString prelude = readResource(QStringLiteral("prelude"));
    const QString body = readResource(name);
    const QString sql = body.isEmpty() ? QString() : prelude + QLatin1Char('\n') + body;
    cache.insert(name, sql);
    return sql;
}

QByteArray CatalogReader::textArrayLiteral(const QStringList &items)
{
    QByteArray out = "{";
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (i)
            out += ',';
        out += '"';
        for (char ch : items[i].toUtf8()) {
            if (ch == '"' || ch == '\\')
                out += '\\';
            out += ch;
        }
        out += '"';
    }
    out += '}';
    return out;
}

QStringList CatalogReader::parseTextArray(QByteArrayView text)
{
    QStringList out;
    qsizetype i = 0;
    const qsizetype n = text.size();
    // Arrays with a lower bound other than 1 come with a dimension prefix: `[0:2]={…}`.
    if (n && text[0] == '[') {
        const qsizetype eq = text.indexOf('=');
        if (eq < 0)
            return out;
        i = eq + 1;
    }
    if (i >= n || text[i] != '{')
        return out;
    ++i;
    if (i < n && text[i] == '}')
        return out;
    while (i < n) {
        QByteArray item;
        bool quoted = false;
        if (text[i] == '"') {
            quoted = true;
            ++i;
            while (i < n && text[i] != '"') {
                if (text[i] == '\\' && i + 1 < n)
                    ++i;
                item += text[i];
                ++i;
            }
            ++i; // closing quote
        } else {
            while (i < n && text[i] != ',' && text[i] != '}') {
                item += text[i];
                ++i;
            }
        }
        if (!quoted && item == "NULL")
            out.append(QString());
        else
            out.append(QString::fromUtf8(item));
        if (i >= n || text[i] == '}')
            break;
        ++i; // comma
    }
    return out;
}

bool CatalogReader::fail(const QString &sqlState, const QString &message)
{
    m_error = pg::PgError{};
    m_error.sqlState = sqlState;
    m_error.message = message;
    return false;
}

bool CatalogReader::read(const QStringList &schemas, Catalog *out, const std::atomic_bool *cancelled)
{
    m_error = pg::PgError{};
    if (!out)
        return fail(QString(), QStringLiteral("no catalog to fill"));
    if (schemas.isEmpty())
        return fail(QString(), QStringLiteral("no schema given"));
    if (!m_connection.isOpen())
        return fail(QString(), QStringLiteral("not connected"));
    if (cancelled && cancelled->load())
        return fail(QStringLiteral("57014"), QStringLiteral("reading the catalog was cancelled"));

    // Our own transaction when the caller has none: one snapshot for every statement, and JIT off,
    // because the planner's guesses for the recursive CTEs make it compile (tens of ms) for nothing.
    const bool ownTransaction = !m_connection.inTransaction();
    m_ownTransaction = ownTransaction;
    const QByteArray display = m_displayText ? "true" : "false";
    const QByteArray schemaArray = textArrayLiteral(schemas);

    // Round 1: everything but the types, which start from the oids round 1 returns.
    QList<pg::Result> results;
    const QList<int> firstRound{Meta, Namespaces, Classes, Attributes, Constraints, Indexes, Functions, Policies};
    if (!runSteps(firstRound, {schemaArray, std::nullopt, display, QByteArray("{}")}, ownTransaction, false, cancelled,
                  &results))
        return false;
    auto result = [&](Step s) -> const pg::Result & { return results[firstRound.indexOf(s)]; };

    // Unknown schemas are an error here (PostGraphile only warns by default): a typo would
    // otherwise silently produce an empty API.
    QSet<QString> found;
    const pg::Result &ns = result(Namespaces);
    for (int i = 0; i < ns.rows(); ++i)
        found.insert(ns.text(i, 1));
    for (const QString &s : schemas) {
        if (!found.contains(s)) {
            if (ownTransaction && m_connection.inTransaction())
                m_connection.exec(QStringLiteral("rollback"));
            return fail(QStringLiteral("3F000"), QStringLiteral("schema \"%1\" does not exist").arg(s));
        }
    }

    Catalog c;
    c.schemas = schemas;
    const pg::Result &meta = result(Meta);
    QSet<QString> keywords;
    bool quoteAll = false;
    if (meta.rows() == 1) {
        c.currentUser = meta.text(0, 0);
        c.serverVersion = meta.text(0, 1);
        c.serverVersionNum = meta.toInt(0, 2);
        for (const QString &w : parseTextArray(meta.raw(0, 4)))
            keywords.insert(w);
        quoteAll = meta.toBool(0, 5);
    }
    HiddenColumns hidden;
    readNamespaces(ns, &c);
    readClasses(result(Classes), &c, true);
    readAttributes(result(Attributes), &c, 0, &hidden, true);
    readConstraints(result(Constraints), &c);
    readIndexes(result(Indexes), &c, hidden, keywords, quoteAll, m_displayText);
    readFunctions(result(Functions), &c);
    readPolicies(result(Policies), &c);
    std::sort(c.grants.begin(), c.grants.end(), [](const Grant &a, const Grant &b) {
        return std::tie(a.objectOid, a.attNum, a.grantee, a.privilege) < std::tie(b.objectOid, b.attNum, b.grantee, b.privilege);
    });

    // Round 2: the types the classes and functions use, and what those lead to (array items,
    // domain bases, range subtypes, columns of composite types), in the same transaction.
    QSet<Oid> seed;
    for (const Class &k : c.classes) {
        seed.insert(k.typeOid);
        for (const Attribute &a : k.attributes)
            seed.insert(a.typeOid);
    }
    for (const Function &f : c.functions) {
        seed.insert(f.returnTypeOid);
        for (const FunctionArg &a : f.args)
            seed.insert(a.typeOid);
    }
    QByteArray seedArray = "{";
    for (Oid o : std::as_const(seed)) {
        if (seedArray.size() > 1)
            seedArray += ',';
        seedArray += QByteArray::number(o);
    }
    seedArray += '}';
    QList<pg::Result> types;
    if (!runSteps({Types}, {schemaArray, std::nullopt, display, seedArray}, false, ownTransaction, cancelled, &types))
        return false;
    readTypes(types[0], &c);

    // Composite types from other schemas (a column of type other.pair) need their classes too. The
    // type statement already followed their columns' types; only the classes are missing. Rare,
    // so it costs a third round trip only when it happens (in a snapshot of its own).
    QSet<Oid> classOids;
    for (const Class &k : c.classes)
        classOids.insert(k.oid);
    QStringList extra;
    for (const Type &t : c.types) {
        if (t.classOid && !classOids.contains(t.classOid))
            extra << QString::number(t.classOid);
    }
    if (!extra.isEmpty()) {
        const QList<pg::Param> byOid{QByteArray("{}"), QByteArray("{" + extra.join(QLatin1Char(',')).toLatin1() + "}"),
                                     display, QByteArray("{}")};
        QList<pg::Result> more;
        const bool own = ownTransaction && !m_connection.inTransaction();
        if (!runSteps({Classes, Attributes}, byOid, own, own, cancelled, &more))
            return false;
        const size_t first = c.classes.size();
        readClasses(more[0], &c, false);
        readAttributes(more[1], &c, first, &hidden, false);
    }
    c.reindex();
    *out = std::move(c);
    return true;
}

bool CatalogReader::runSteps(const QList<int> &steps, const QList<pg::Param> &params, bool begin, bool commit,
                             const std::atomic_bool *cancelled, QList<pg::Result> *results)
{
    QList<pg::Statement> statements;
    if (begin) {
        statements.append({QStringLiteral("begin isolation level repeatable read read only"), {}});
        statements.append({QStringLiteral("set local jit = off"), {}});
    }
    const qsizetype first = statements.size();
    for (int step : steps) {
        const QString name = QLatin1String(stepNames[step]);
        const QString sql = statementSql(name);
        if (sql.isEmpty())
            return fail(QString(), QStringLiteral("catalog statement %1 is missing from the resources").arg(name));
        statements.append({sql, params});
    }
    if (commit)
        statements.append({QStringLiteral("commit"), {}});

    const QList<pg::Result> all = m_connection.execPipeline(statements, cancelled);
    bool ok = true;
    for (const pg::Result &r : all) {
        if (!r.ok()) {
            m_error = r.error();
            if (cancelled && cancelled->load() && m_error.sqlState.isEmpty())
                m_error.sqlState = QStringLiteral("57014");
            ok = false;
            break;
        }
    }
    if (ok && cancelled && cancelled->load()) {
        fail(QStringLiteral("57014"), QStringLiteral("reading the catalog was cancelled"));
        ok = false;
    }
    if (!ok) {
        // Leave no transaction of ours behind (an aborted one, or one a later round would close).
        if (m_ownTransaction && m_connection.inTransaction())
            m_connection.exec(QStringLiteral("rollback"));
        return false;
    }
    results->clear();
    for (qsizetype i = 0; i < steps.size(); ++i)
        results->append(all[first + i]);
    return true;
}

} // namespace refract::reflect
