#pragma once

#include <graphql/schema.h>

#include <QFutureWatcher>
#include <QList>
#include <QTextBrowser>

#include <memory>

namespace refract::ui {

/// The Docs dock: a GraphQL type with its description, fields, arguments, defaults and
/// deprecations, or a database object's summary. Types link to each other through `gql:` URLs,
/// which loadResource() renders, so QTextBrowser's back/forward history works as in a browser.
///
/// A page with many members (a generated Query type: 200 fields with their arguments, ~300 KB of
/// HTML) takes QTextDocument ~50 ms to parse: such a page is shown at once with its first
/// PreviewMembers, while the whole page is parsed into a QTextDocument on a pool thread and
/// swapped in when done (pageComplete()).
class DocsView : public QTextBrowser
{
    Q_OBJECT
public:
    explicit DocsView(QWidget *parent = nullptr);
    ~DocsView() override;

    void setSchema(std::shared_ptr<const graphql::Schema> schema);
    /// Shows a type, scrolled to one of its members when `member` is given.
    void showType(const QString &typeName, const QString &member = {});
    /// Shows prepared HTML (database objects); not part of the link history.
    void showHtml(const QString &html);
    void showPlaceholder();
    QString currentTypeName() const;

    static QUrl typeUrl(const QString &typeName, const QString &member = {});
    /// The page of one type; public for tests.
    /// At most MaxMembers fields, values or input fields are listed (a generated Query type has
    /// thousands, and laying them all out would freeze the window); `focus` is always included.
    static QString typeHtml(const graphql::Schema &schema, const QString &typeName, const QString &focus = {});
    static constexpr int MaxMembers = 200;
    /// Pages with more members than this are parsed on a pool thread.
    static constexpr int PreviewMembers = 30;
    /// Whether the page shown is still the preview of a page being parsed.
    bool isPageLoading() const { return m_loading; }

signals:
    /// The user followed a link to a type (so the explorer can select it).
    void typeShown(const QString &typeName, const QString &member);
    /// The whole page of a type with many members replaced its preview.
    void pageComplete(const QString &typeName);

protected:
    QVariant loadResource(int type, const QUrl &name) override;

private:
    static QString pageHtml(const graphql::Schema &schema, const QString &typeName, const QString &focus, int maxMembers);
    void parseWholePage(const QUrl &url, const QString &typeName);
    void adoptPage(QTextDocument *page);

    QString m_focus; ///< the member shown even past MaxMembers
    std::shared_ptr<const graphql::Schema> m_schema;
    bool m_loading = false;
    bool m_replaced = false; ///< showHtml() or the placeholder covers the page of source()
    int m_pageGeneration = 0; ///< drops pages parsed for a page no longer shown
    QList<QFutureWatcher<QTextDocument *> *> m_parsing;
    QTextDocument *m_page = nullptr; ///< the last page swapped in, owned here
};

} // namespace refract::ui
