#include "translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QTranslator>

namespace refract::ui {

namespace {
const QString kResourceDir = QStringLiteral(":/i18n");
}

QString Translations::install(QCoreApplication *app, const QLocale &locale)
{
    // English is the source language: nothing to load, and loading a stray catalogue for it (a
    // refract_en.qm that lost translations) would only risk mixing languages.
    if (locale.language() == QLocale::English || locale.language() == QLocale::C)
        return {};
    auto *own = new QTranslator(app);
    if (!own->load(locale, QStringLiteral("refract"), QStringLiteral("_"), kResourceDir)) {
        delete own;
        return {};
    }
    app->installTranslator(own);
    // Qt's own strings (QDialogButtonBox, QFileDialog, context menus) in the same language when the
    // system has them (Debian: qt6-translations-l10n); without them those stay English.
    auto *qt = new QTranslator(app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app->installTranslator(qt);
    else
        delete qt;
    return own->language().section(QLatin1Char('_'), 0, 0);
}

QStringList Translations::available()
{
    QStringList languages;
    const QStringList files = QDir(kResourceDir).entryList({QStringLiteral("refract_*.qm")}, QDir::Files, QDir::Name);
    for (const QString &f : files)
        languages.append(f.mid(8, f.size() - 8 - 3));
    return languages;
}

} // namespace refract::ui
