#include "theme.h"

#include <QApplication>
#include <QStyleFactory>
#include <QStyle>
#include <QToolTip>

#include <memory>

namespace refract::ui {

Theme::Kind Theme::s_current = Theme::Light;

QPalette Theme::palette(Kind kind)
{
    if (kind == Light) {
        // Fusion's own palette is a good light theme; only the link colours are tuned so that
        // type links in the docs pane read as links on the light base.
        const std::unique_ptr<QStyle> fusion(QStyleFactory::create(QStringLiteral("Fusion")));
        QPalette p = fusion->standardPalette();
        p.setColor(QPalette::Link, QColor(0x1a, 0x5f, 0xb4));
        p.setColor(QPalette::LinkVisited, QColor(0x6a, 0x3d, 0xa8));
        return p;
    }
    const QColor window(0x2b, 0x2d, 0x30);
    const QColor base(0x1e, 0x1f, 0x22);
    const QColor alternate(0x26, 0x28, 0x2b);
    const QColor text(0xdf, 0xe1, 0xe5);
    const QColor disabledText(0x7f, 0x84, 0x8e);
    const QColor highlight(0x2f, 0x65, 0xca);

    QPalette p;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, alternate);
    p.setColor(QPalette::ToolTipBase, QColor(0x3c, 0x3f, 0x41));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabledText);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x3c, 0x3f, 0x41));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x68));
    p.setColor(QPalette::Light, QColor(0x4e, 0x51, 0x57));
    p.setColor(QPalette::Midlight, QColor(0x43, 0x45, 0x4a));
    p.setColor(QPalette::Mid, QColor(0x35, 0x37, 0x3b));
    p.setColor(QPalette::Dark, QColor(0x1a, 0x1b, 0x1d));
    p.setColor(QPalette::Shadow, QColor(0x10, 0x10, 0x10));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb6, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xc3, 0x9b, 0xff));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabledText);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x45, 0x48, 0x4d));
    p.setColor(QPalette::Disabled, QPalette::Base, window);
    return p;
}

void Theme::apply(Kind kind)
{
    s_current = kind;
    if (QApplication::style()->name().compare(QLatin1String("fusion"), Qt::CaseInsensitive) != 0)
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    const QPalette p = palette(kind);
    QApplication::setPalette(p);
    QToolTip::setPalette(p);
}

Theme::Kind Theme::current() { return s_current; }

QString Theme::name(Kind kind) { return kind == Dark ? QStringLiteral("dark") : QStringLiteral("light"); }

Theme::Kind Theme::fromName(const QString &name, Kind fallback)
{
    if (name.compare(QLatin1String("dark"), Qt::CaseInsensitive) == 0)
        return Dark;
    if (name.compare(QLatin1String("light"), Qt::CaseInsensitive) == 0)
        return Light;
    return fallback;
}

bool Theme::isDark(const QPalette &palette) { return palette.color(QPalette::Base).lightness() < 128; }

} // namespace refract::ui
