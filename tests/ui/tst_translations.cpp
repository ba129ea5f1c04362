// The workbench's translations: the German catalogue is compiled in and loaded from the locale, the
// window really shows it, and every translated string keeps its source's placeholders, accelerator
// and surrounding whitespace (a translation that drops a %2 or an & breaks the UI silently).
#include <ui/mainwindow.h>
#include <ui/passwordkeychain.h>
#include <ui/translations.h>

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace refract::ui;

namespace {
// Accelerators (the letter after &) used twice among one menu's visible items: Alt+letter then
// only cycles between them instead of triggering one.
QStringList acceleratorClashes(const QList<QAction *> &actions, const QString &where)
{
    QStringList clashes;
    QHash<QChar, QString> seen;
    for (QAction *a : actions) {
        if (a->isSeparator() || !a->isVisible())
            continue;
        const QString text = a->text();
        const qsizetype amp = text.indexOf(QLatin1Char('&'));
        if (amp >= 0 && amp + 1 < text.size() && text.at(amp + 1) != QLatin1Char('&')) {
            const QChar key = text.at(amp + 1).toLower();
            if (seen.contains(key))
                clashes.append(QStringLiteral("%1: %2 and %3").arg(where, seen.value(key), text));
            seen.insert(key, text);
        }
        if (a->menu())
            clashes += acceleratorClashes(a->menu()->actions(), where + QLatin1String(" > ") + text);
    }
    return clashes;
}
} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void catalogueIsConsistent();
    void englishLoadsNothing();
    void englishMenusHaveUniqueAccelerators();
    void germanReachesTheWindow();

private:
    QTemporaryDir m_config;
};

void TestTranslations::initTestCase()
{
    QVERIFY(m_config.isValid());
    qputenv("XDG_CONFIG_HOME", m_config.path().toUtf8());
    qputenv("XDG_DATA_HOME", (m_config.path() + QLatin1String("/data")).toUtf8());
    QCoreApplication::setOrganizationName(QStringLiteral("RefractTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_translations"));
    QSettings().clear();
    PasswordKeychain::instance()->setBackendEnabled(false);
}

void TestTranslations::catalogueIsConsistent()
{
    QFile ts(QStringLiteral(REFRACT_SOURCE_DIR "/translations/refract_de.ts"));
    QVERIFY2(ts.open(QIODevice::ReadOnly), qPrintable(ts.errorString()));
    QXmlStreamReader xml(&ts);
    const QRegularExpression placeholder(QStringLiteral("%\\d+"));
    auto placeholders = [&](const QString &s) {
        QStringList found;
        for (auto it = placeholder.globalMatch(s); it.hasNext();)
            found.append(it.next().captured());
        found.sort();
        return found;
    };
    int messages = 0, translated = 0;
    QStringList problems;
    QString source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
            ++messages;
        } else if (xml.name() == QLatin1String("translation")) {
            const bool unfinished = xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
            const QString text = xml.readElementText();
            if (unfinished || text.isEmpty())
                continue;
            ++translated;
            if (placeholders(source) != placeholders(text))
                problems.append(QStringLiteral("placeholders differ: %1 → %2").arg(source, text));
            if (!source.contains(QLatin1Char('<')) && source.count(QLatin1Char('&')) != text.count(QLatin1Char('&')))
                problems.append(QStringLiteral("accelerators differ: %1 → %2").arg(source, text));
            if (source.startsWith(QLatin1Char(' ')) != text.startsWith(QLatin1Char(' '))
                || source.endsWith(QLatin1Char('\n')) != text.endsWith(QLatin1Char('\n')))
                problems.append(QStringLiteral("surrounding whitespace differs: %1 → %2").arg(source, text));
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    QVERIFY(messages > 300);
    // Strings added since the last translation pass show in English; most must be translated.
    QVERIFY2(translated * 10 >= messages * 8, qPrintable(QStringLiteral("%1 of %2 translated").arg(translated).arg(messages)));
}

void TestTranslations::englishLoadsNothing()
{
    QVERIFY(Translations::available().contains(QLatin1String("de")));
    QCOMPARE(Translations::install(QCoreApplication::instance(), QLocale(QLocale::English, QLocale::UnitedStates)), QString());
    QCOMPARE(QCoreApplication::translate("refract::ui::MainWindow", "&File"), QStringLiteral("&File"));
}

void TestTranslations::englishMenusHaveUniqueAccelerators()
{
    MainWindow window(nullptr, m_config.filePath(QStringLiteral("workspace-en.json")));
    const QStringList clashes = acceleratorClashes(window.menuBar()->actions(), QStringLiteral("menu bar"));
    QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(QLatin1Char('\n'))));
}

void TestTranslations::germanReachesTheWindow()
{
    QCOMPARE(Translations::install(QCoreApplication::instance(), QLocale(QLocale::German, QLocale::Germany)), QStringLiteral("de"));
    QCOMPARE(QCoreApplication::translate("refract::ui::MainWindow", "&File"), QStringLiteral("&Datei"));
    // A %-argument survives the translation and is filled in.
    QCOMPARE(QCoreApplication::translate("refract::ui::ExplorerWidget", "Types shown: %1").arg(7),
             QStringLiteral("Angezeigte Typen: 7"));

    MainWindow window(nullptr, m_config.filePath(QStringLiteral("workspace.json")));
    QStringList menus;
    for (QAction *a : window.menuBar()->actions())
        menus.append(a->text());
    QVERIFY2(menus.contains(QStringLiteral("&Datei")), qPrintable(menus.join(u',')));
    QVERIFY2(menus.contains(QStringLiteral("&Hilfe")), qPrintable(menus.join(u',')));
    // Alt+letter opens one menu and triggers one item in it, in German too.
    const QStringList clashes = acceleratorClashes(window.menuBar()->actions(), QStringLiteral("menu bar"));
    QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(QLatin1Char('\n'))));
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
