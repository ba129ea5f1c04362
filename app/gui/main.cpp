// refract: the desktop workbench. `refract` opens an empty window; `--db URI` connects at start-up
// (with `--demo`, reflecting the demo's `forum_example` schema).
#include <ui/explorerwidget.h>
#include <ui/mainwindow.h>
#include <ui/connectionbar.h>
#include <ui/editorcompleter.h>
#include <ui/passwordkeychain.h>
#include <ui/pgconnectiondialog.h>
#include <ui/pgconnectionparams.h>
#include <ui/profilesdialog.h>
#include <ui/queryeditor.h>
#include <ui/querytab.h>
#include <ui/resultsview.h>
#include <ui/runcontroller.h>
#include <ui/shortcutsdialog.h>
#include <ui/theme.h>
#include <ui/translations.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QPixmap>
#include <QScreen>
#include <QWindow>
#include <QTabWidget>
#include <QTimer>
#include <QTreeView>

#include <cstdio>
#include <memory>

using namespace refract::ui;

namespace {

// Saves a grab of the window once it has settled: after start-up reflection ended (or at once
// without --db), plus a short delay for layouts and repaints. Used for the screenshots in
// packaging/screenshots and to look at the GUI on machines without a display (xvfb).
void scheduleScreenshot(MainWindow *window, const QString &file, bool waitForReflect, const QString &dialogName,
                        const QString &scene)
{
    auto grab = [window, file, dialogName] {
        QWidget *target = window;
        if (dialogName == QLatin1String("connection"))
            target = new PgConnectionDialog(window);
        else if (dialogName == QLatin1String("shortcuts"))
            target = new ShortcutsDialog(window->allActions(), window);
        else if (dialogName == QLatin1String("profiles")) {
            auto *d = new ProfilesDialog(window->profiles(), window);
            d->selectProfile(int(window->profiles().size()) - 1);
            target = d;
        }
        if (target != window)
            target->show();
        QTimer::singleShot(700, window, [window, target, file] {
            Q_UNUSED(window);
            // The screen's pixels where the window is (popups such as the completion list are
            // windows of their own, which grab() leaves out); the widget's own grab elsewhere.
            QPixmap pixmap;
            if (QGuiApplication::platformName() == QLatin1String("xcb") && target->windowHandle())
                pixmap = target->screen()->grabWindow(0, target->frameGeometry().x(), target->frameGeometry().y(),
                                                      target->frameGeometry().width(), target->frameGeometry().height());
            if (pixmap.isNull())
                pixmap = target->grab();
            const bool ok = pixmap.save(file);
            std::fprintf(ok ? stdout : stderr, "%s %s (%dx%d)\n", ok ? "saved" : "could not save",
                         qPrintable(QDir::toNativeSeparators(file)), pixmap.width(), pixmap.height());
            QCoreApplication::exit(ok ? 0 : 1);
        });
    };
    // Scenes: what the window shows when grabbed. `run` (as johndoe), `sql` (its SQL tab),
    // `table` (its table), `complete` (the completion list open), `error` (a validation error).
    auto prepare = [window, scene, grab] {
        QueryTab *tab = window->currentQueryTab();
        if (!tab || scene.isEmpty()) {
            grab();
            return;
        }
        if (scene == QLatin1String("complete") || scene == QLatin1String("error")) {
            const QString text = scene == QLatin1String("complete")
                                     ? QStringLiteral("query People {\n  allPeople(first: 5) {\n    nodes {\n      fullName\n      u")
                                     : QStringLiteral("query People {\n  allPeople(first: \"five\") {\n    nodes {\n      fullName\n      nickname\n    }\n  }\n}\n");
            tab->editor()->setText(text);
            tab->editor()->setFocus();
            if (scene == QLatin1String("complete")) {
                tab->editor()->setCursorPosition(4, 7);
                QTimer::singleShot(300, window, [tab] { tab->completer()->complete(); });
            } else {
                tab->editor()->setCursorPosition(4, 10);
                QTimer::singleShot(300, window, [window] {
                    window->findChild<QAction *>(QStringLiteral("actionRun"))->trigger();
                });
            }
            QTimer::singleShot(1200, window, grab);
            return;
        }
        window->connectionBar()->selectIdentity(QStringLiteral("johndoe"));
        auto done = std::make_shared<bool>(false);
        QObject::connect(window->runController(), &RunController::busyChanged, window, [scene, grab, tab, done](bool busy) {
            if (busy || *done)
                return;
            *done = true;
            if (scene == QLatin1String("sql"))
                tab->results()->tabs()->setCurrentIndex(3);
            else if (scene == QLatin1String("table"))
                tab->results()->tabs()->setCurrentIndex(2);
            // After the results are filled in (they follow this signal).
            QTimer::singleShot(0, tab, grab);
        });
        window->findChild<QAction *>(QStringLiteral("actionRun"))->trigger();
    };
    if (waitForReflect) {
        QObject::connect(window, &MainWindow::reflectFinished, window, prepare, Qt::SingleShotConnection);
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
    // Before anything builds strings (the --help text included): LANGUAGE=de refract runs in German.
    Translations::install(&app);

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
    QCommandLineOption sceneOption(QStringLiteral("screenshot-scene"),
                                   QStringLiteral("Before grabbing: run, sql, table, complete or error."), QStringLiteral("scene"));
    sceneOption.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption workspaceOption(QStringLiteral("workspace"), QStringLiteral("Workspace file for this run."),
                                       QStringLiteral("file"));
    workspaceOption.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption tabOption(QStringLiteral("explorer-tab"), QStringLiteral("Show this explorer tab after reflecting: database or graphql."),
                                 QStringLiteral("tab"));
    tabOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({dbOption, demoOption, schemaOption, screenshotOption, themeOption, sizeOption, dialogOption, tabOption,
                       sceneOption, workspaceOption});
    parser.process(app);

    if (parser.isSet(screenshotOption))
        PasswordKeychain::instance()->setBackendEnabled(false); // unattended: leave the user's keychain alone
    MainWindow window(nullptr, parser.value(workspaceOption));
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
                           parser.value(dialogOption), parser.value(sceneOption));
    return app.exec();
}
