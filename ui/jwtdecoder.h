#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace refract::ui {

/// Decodes a pasted JWT: header, claims, issue and expiry times, and, when the key is known, the
/// signature check. The key field is memory only.
class JwtDecoder : public QWidget
{
    Q_OBJECT
public:
    explicit JwtDecoder(QWidget *parent = nullptr);

    void setToken(const QString &token);
    void setKey(const QString &key);
    QString headerText() const;
    QString claimsText() const;
    QString statusText() const;

private:
    void decode();

    QPlainTextEdit *m_token = nullptr;
    QLineEdit *m_key = nullptr;
    QPlainTextEdit *m_header = nullptr;
    QPlainTextEdit *m_claims = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace refract::ui
