#include "smarttags.h"

namespace refract::reflect {

namespace {

// JavaScript `\s` (and what String.prototype.trim removes).
bool isJsSpace(QChar c)
{
    switch (c.unicode()) {
    case u'\t': case u'\n': case 0x0b: case 0x0c: case u'\r': case u' ': case 0xa0: case 0x1680:
    case 0x2028: case 0x2029: case 0x202f: case 0x205f: case 0x3000: case 0xfeff:
        return true;
    default:
        return c.unicode() >= 0x2000 && c.unicode() <= 0x200a;
    }
}

bool isAsciiAlpha(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z');
}

// Length of the `^@[a-zA-Z][a-zA-Z0-9_]*($|\s)` match at the start of `line`, or 0; `name`
// receives the tag name.
qsizetype matchTag(const QString &line, QString *name)
{
    if (line.size() < 2 || line.at(0) != QLatin1Char('@') || !isAsciiAlpha(line.at(1)))
        return 0;
    qsizetype i = 2;
    while (i < line.size() && (isAsciiAlpha(line.at(i)) || line.at(i).isDigit() || line.at(i) == QLatin1Char('_'))
           && line.at(i).unicode() < 128)
        ++i;
    *name = line.mid(1, i - 1);
    if (i == line.size())
        return i;
    return isJsSpace(line.at(i)) ? i + 1 : 0;
}

} // namespace

SmartTags SmartTags::parse(const QString &comment)
{
    SmartTags tags;
    QString text;
    bool inText = false; // JS tests `text !== ""`: blank lines before the description are skipped
    qsizetype start = 0;
    while (start <= comment.size()) {
        qsizetype nl = comment.indexOf(QLatin1Char('\n'), start);
        const qsizetype end = nl < 0 ? comment.size() : nl;
        qsizetype lineEnd = end;
        if (nl >= 0 && lineEnd > start && comment.at(lineEnd - 1) == QLatin1Char('\r'))
            --lineEnd;
        const QString line = comment.mid(start, lineEnd - start);
        start = end + 1;

        if (inText) {
            text += QLatin1Char('\n') + line;
        } else {
            QString name;
            const qsizetype n = matchTag(line, &name);
            if (n == 0) {
                text = line;
                inText = !line.isEmpty();
            } else {
                tags.m_tags[name].append(n == line.size() ? QString() : line.mid(n));
            }
        }
        if (nl < 0)
            break;
    }
    tags.m_description = text;
    return tags;
}

QString SmartTags::value(const QString &tag) const
{
    const auto it = m_tags.constFind(tag);
    return it == m_tags.constEnd() || it->isEmpty() ? QString() : it->constLast();
}

QStringList SmartTags::values(const QString &tag) const
{
    return m_tags.value(tag);
}

bool SmartTags::isFlag(const QString &tag) const
{
    const auto it = m_tags.constFind(tag);
    return it != m_tags.constEnd() && !it->isEmpty() && it->constLast().isNull();
}

SmartTags::OmitSpec SmartTags::omitSpec() const
{
    OmitSpec spec;
    const auto it = m_tags.constFind(QStringLiteral("omit"));
    if (it == m_tags.constEnd())
        return spec;
    for (const QString &entry : *it) {
        if (entry.isNull() || entry == QLatin1String("*")) {
            spec.all = true;
        } else if (entry.startsWith(QLatin1Char(':'))) {
            for (const QChar letter : QStringView(entry).mid(1)) {
                static const char *const aliases[][2] = {
                    {"C", "create"}, {"R", "read"}, {"U", "update"}, {"D", "delete"}, {"F", "filter"},
                    {"O", "order"}, {"A", "all"}, {"M", "many"}, {"X", "execute"}, {"B", "base"},
                };
                QString action;
                for (const auto &alias : aliases)
                    if (letter == QLatin1Char(alias[0][0]))
                        action = QString::fromLatin1(alias[1]);
                // graphile-build-pg means to reject unknown letters, but its check tests the
                // `undefined` it finds for truthiness, so they are silently ignored.
                if (!action.isEmpty())
                    spec.actions += action;
            }
        } else {
            spec.actions += entry.split(QLatin1Char(','));
        }
    }
    if (spec.all)
        return spec;
    if (spec.actions.contains(QLatin1String("read"))) {
        QStringList missing;
        for (const char *needed : {"update", "create", "delete", "all", "many"})
            if (!spec.actions.contains(QLatin1String(needed)))
                missing += QString::fromLatin1(needed);
        if (!missing.isEmpty())
            spec.error = QStringLiteral("'%1' must be omitted when 'read' is omitted. Add '%1' to the @omit clause, "
                                        "or use '@omit' to omit all actions.")
                             .arg(missing.join(QLatin1Char(',')));
    }
    return spec;
}

bool SmartTags::omits(const QString &action) const
{
    const OmitSpec spec = omitSpec();
    if (!spec.error.isEmpty())
        return false;
    return spec.all || spec.actions.contains(action);
}

QString SmartTags::omitError() const
{
    return omitSpec().error;
}

} // namespace refract::reflect
