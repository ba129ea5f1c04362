#include "jwtdecoder.h"

#include <identity/jwt.h>

#include <QDateTime>
#include <QFontDatabase>
#include <QFormLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QVBoxLayout>

namespace refract::ui {

JwtDecoder::JwtDecoder(QWidget *parent)
    : QWidget(parent)
    , m_token(new QPlainTextEdit(this))
    , m_key(new QLineEdit(this))
    , m_header(new QPlainTextEdit(this))
    , m_claims(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
{
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_token->setObjectName(QStringLiteral("jwtToken"));
    m_token->setPlaceholderText(tr("Paste a token: eyJhbGciOi…"));
    m_token->setFont(mono);
    m_token->setMaximumHeight(80);
    m_key->setObjectName(QStringLiteral("jwtKey"));
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setPlaceholderText(tr("Secret or PEM public key, to check the signature (kept in memory only)"));
    for (QPlainTextEdit *e : {m_header, m_claims}) {
        e->setReadOnly(true);
        e->setFont(mono);
    }
    m_status->setObjectName(QStringLiteral("jwtStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->addRow(tr("Token:"), m_token);
    form->addRow(tr("Key:"), m_key);
    auto *split = new QSplitter(Qt::Horizontal, this);
    auto wrap = [split](const QString &title, QWidget *w) {
        auto *box = new QWidget(split);
        auto *l = new QVBoxLayout(box);
        l->setContentsMargins(0, 0, 0, 0);
        l->addWidget(new QLabel(title, box));
        l->addWidget(w);
        split->addWidget(box);
    };
    wrap(tr("Header"), m_header);
    wrap(tr("Claims"), m_claims);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(split, 1);
    layout->addWidget(m_status);
    connect(m_token, &QPlainTextEdit::textChanged, this, &JwtDecoder::decode);
    connect(m_key, &QLineEdit::textChanged, this, &JwtDecoder::decode);
    decode();
}

void JwtDecoder::setToken(const QString &token) { m_token->setPlainText(token); }
void JwtDecoder::setKey(const QString &key) { m_key->setText(key); }
QString JwtDecoder::headerText() const { return m_header->toPlainText(); }
QString JwtDecoder::claimsText() const { return m_claims->toPlainText(); }
QString JwtDecoder::statusText() const { return m_status->text(); }

void JwtDecoder::decode()
{
    const QByteArray token = m_token->toPlainText().simplified().remove(QLatin1Char(' ')).toUtf8();
    m_header->clear();
    m_claims->clear();
    if (token.isEmpty()) {
        m_status->setText(tr("No token."));
        return;
    }
    const identity::JwtResult r = identity::Jwt::decode(token);
    if (!r.ok) {
        m_status->setText(tr("Not a JWT: %1").arg(r.error));
        return;
    }
    m_header->setPlainText(QString::fromUtf8(QJsonDocument(r.header).toJson(QJsonDocument::Indented)));
    m_claims->setPlainText(QString::fromUtf8(QJsonDocument(r.claims).toJson(QJsonDocument::Indented)));
    QStringList lines;
    auto time = [](const QJsonValue &v) {
        return QDateTime::fromSecsSinceEpoch(qint64(v.toDouble()), Qt::UTC).toString(Qt::ISODate);
    };
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (r.claims.contains(QLatin1String("iat")))
        lines << tr("Issued %1").arg(time(r.claims.value(QLatin1String("iat"))));
    if (r.claims.contains(QLatin1String("exp"))) {
        const qint64 exp = qint64(r.claims.value(QLatin1String("exp")).toDouble());
        lines << (exp < now ? tr("EXPIRED %1").arg(time(exp)) : tr("expires %1 (in %2 min)").arg(time(exp)).arg((exp - now) / 60));
    } else {
        lines << tr("never expires (no exp)");
    }
    if (m_key->text().isEmpty()) {
        lines << tr("signature not checked (no key)");
    } else {
        identity::JwtVerifyOptions options;
        options.leewaySeconds = 0;
        const identity::JwtResult v = identity::Jwt::verify(token, m_key->text().toUtf8(), options);
        if (v.ok)
            lines << tr("signature valid");
        else if (v.failure == identity::JwtResult::Failure::Expired)
            lines << tr("signature valid, but: %1").arg(v.error);
        else
            lines << tr("signature check failed: %1").arg(v.error);
    }
    m_status->setText(lines.join(QLatin1String(" · ")));
}

} // namespace refract::ui
