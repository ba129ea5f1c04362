#pragma once

#include <graphql/schema.h>

#include <QTextBrowser>

#include <memory>

namespace refract::ui {

/// The Docs dock: a GraphQL type with its description, fields, arguments, defaults and
/// deprecations, or a database object's summary. Types link to each other through `gql:` URLs,
/// which loadResource() renders, so QTextBrowser's back/forward history works as in a browser.
class DocsView : public QTextBrowser
{
    Q_OBJECT
public:
    explicit DocsView(QWidget *parent = nullptr);

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

signals:
    /// The user followed a link to a type (so the explorer can select it).
    void typeShown(const QString &typeName, const QString &member);

protected:
    QVariant loadResource(int type, const QUrl &name) override;

private:
    QString m_focus; ///< the member shown even past MaxMembers
    std::shared_ptr<const graphql::Schema> m_schema;
};

} // namespace refract::ui
