#pragma once

#include <QLocale>
#include <QString>

class QCoreApplication;

namespace refract::ui {

// The workbench's own translations (translations/refract_<lang>.ts, compiled into the binary) and
// Qt's for its standard dialogs, chosen from the locale's UI languages (LANGUAGE, LC_MESSAGES, LANG).
class Translations
{
public:
    // Installs the translators on the application; returns the language of the Refract catalogue
    // that was loaded ("de"), or an empty string when the strings stay English.
    static QString install(QCoreApplication *app, const QLocale &locale = QLocale());

    // The languages Refract ships a catalogue for, by their resource names (refract_de.qm → "de").
    static QStringList available();
};

} // namespace refract::ui
