// refract: the desktop workbench. `refract` opens an empty window; `--db URI` connects at start-up
// (with `--demo`, reflecting the demo's `forum_example` schema).
#include <ui/explorerwidget.h>
#include <ui/mainwindow.h>
#include <ui/passwordkeychain.h>
#include <ui/pgconnectiondialog.h>
#include <ui/pgconnectionparams.h>
#include <ui/shortcutsdialog.h>
#include <ui/theme.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QPixmap>
#include <QTimer>
#include <QTreeView>

#include <cstdio>

using namespace refract::ui;

namespace {

// Saves a grab of the window once it has settled: after start-up reflection ended (or at once
// without --db), plus a short delay for layouts and repaints. Used for the screenshots in
// packaging/screenshots and to look at the GUI on machines without a display (xvfb).
void scheduleScreenshot(MainWindow *window, const QString &file, bool waitForReflect, const QString &dialogName)
{
    auto grab = [window, file, dialogName] {
        QWidget *target = window;
        if (dialogName == QLatin1String("connection"))
            target = new PgConnectionDialog(window);
        else if (dialogName == QLatin1String("shortcuts"))
            target = new ShortcutsDialog(window->allActions(), window);
        if (target != window)
            target->show();
        QTimer::singleShot(700, window, [window, target, file] {
            Q_UNUSED(window);
            const QPixmap pixmap = target->grab();
            const bool ok = pixmap.save(file);
            std::fprintf(ok ? stdout : stderr, "%s %s (%dx%d)\n", ok ? "saved" : "could not save",
                         qPrintable(QDir::toNativeSeparators(file)), pixmap.width(), pixmap.height());
            QCoreApplication::exit(ok ? 0 : 1);
        });
    };
    if (waitForReflect) {
        QObject::connect(window, &MainWindow::reflectFinished, window, grab, Qt::SingleShotConnection);
        QTimer::singleShot(30000, window, grab); // never hang when the database does not answer
    } else {
        grab();
    }
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Refract"));
    QApplication::setApplicationName(QStringLiteral("Refract"));
    QApplication::setApplicationVersion(QStringLiteral(REFRACT_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Workbench for GraphQL over PostgreSQL"));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption dbOption(QStringLiteral("db"),
                                QApplication::translate("main", "Connect to this PostgreSQL URI or conninfo at start-up."),
                                QStringLiteral("URI"));
    QCommandLineOption demoOption(QStringLiteral("demo"),
                                  QApplication::translate("main", "Demo mode: reflect schema forum_example of --db."));
    QCommandLineOption schemaOption(QStringLiteral("schema"),
                                    QApplication::translate("main", "Schemas to reflect with --db (comma-separated)."),
                                    QStringLiteral("names"));
    QCommandLineOption screenshotOption(QStringLiteral("screenshot"), QStringLiteral("Save a grab of the window and quit."),
                                        QStringLiteral("file"));
    screenshotOption.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption themeOption(QStringLiteral("theme"), QStringLiteral("light or dark for this run."),
                                   QStringLiteral("theme"));
    themeOption.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption sizeOption(QStringLiteral("size"), QStringLiteral("Window size WxH for this run."),
                                  QStringLiteral("WxH"));
    sizeOption.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption dialogOption(QStringLiteral("screenshot-dialog"),
                                    QStringLiteral("Grab this dialog instead: connection or shortcuts."),
                                    QStringLiteral("name"));
    dialogOption.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption tabOption(QStringLiteral("explorer-tab"), QStringLiteral("Show this explorer tab after reflecting: database or graphql."),
                                 QStringLiteral("tab"));
    tabOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({dbOption, demoOption, schemaOption, screenshotOption, themeOption, sizeOption, dialogOption, tabOption});
    parser.process(app);

    if (parser.isSet(screenshotOption))
        PasswordKeychain::instance()->setBackendEnabled(false); // unattended: leave the user's keychain alone
    MainWindow window;
    if (parser.isSet(themeOption))
        window.setTheme(Theme::fromName(parser.value(themeOption), window.theme()));
    if (parser.isSet(sizeOption)) {
        const QStringList wh = parser.value(sizeOption).split(QLatin1Char('x'));
        if (wh.size() == 2)
            window.resize(wh.at(0).toInt(), wh.at(1).toInt());
    }
    window.setDemoMode(parser.isSet(demoOption));
    window.show();

    if (parser.isSet(tabOption)) {
        const auto tab = parser.value(tabOption) == QLatin1String("database") ? ExplorerWidget::DatabaseTab
                                                                               : ExplorerWidget::GraphQLTab;
        QObject::connect(&window, &MainWindow::reflectFinished, &window, [&window, tab] {
            window.explorer()->setCurrentTab(tab);
            if (tab == ExplorerWidget::DatabaseTab)
                window.explorer()->databaseView()->expandAll();
        });
    }
    const bool connectAtStart = parser.isSet(dbOption);
    if (connectAtStart) {
        PgConnectionParams params;
        params.mode = PgConnectionParams::Uri;
        params.uri = parser.value(dbOption);
        params.schemas = parser.isSet(schemaOption) ? parser.value(schemaOption)
                         : parser.isSet(demoOption) ? QStringLiteral("forum_example")
                                                    : QStringLiteral("public");
        window.connectTo(params);
    }
    if (parser.isSet(screenshotOption))
        scheduleScreenshot(&window, QFileInfo(parser.value(screenshotOption)).absoluteFilePath(), connectAtStart,
                           parser.value(dialogOption));
    return app.exec();
}
