#pragma once

#include <QPalette>
#include <QString>

namespace refract::ui {

/// The two colour themes of the workbench. Both use the Fusion style so that a palette fully
/// decides the colours, whatever the desktop's own style would do with a dark palette.
class Theme
{
public:
    enum Kind { Light, Dark };

    /// Applies the style and palette to the whole application; widgets that paint their own
    /// colours (the editor) follow through QEvent::PaletteChange.
    static void apply(Kind kind);
    static Kind current();
    static QPalette palette(Kind kind);

    static QString name(Kind kind);
    static Kind fromName(const QString &name, Kind fallback = Light);
    /// True when text is drawn light on dark in `palette`; used by custom-painted widgets.
    static bool isDark(const QPalette &palette);

private:
    static Kind s_current;
};

} // namespace refract::ui
