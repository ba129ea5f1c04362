#pragma once

#include "remoteendpoint.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QTableWidget;

namespace refract::net {
class GraphQLClient;
}

namespace refract::ui {

/// Connects to a deployed GraphQL API: URL, headers (secret values masked, kept in the keychain),
/// the schema by introspection or from an SDL file, recent endpoints, and "Test", which
/// introspects off the UI thread (cancellable) and reports the type count or the error.
class EndpointDialog : public QDialog
{
    Q_OBJECT
public:
    explicit EndpointDialog(QWidget *parent = nullptr);
    ~EndpointDialog() override;

    void setEndpoint(const RemoteEndpoint &endpoint);
    /// What the form says, secret values included (they stay in memory and the keychain).
    RemoteEndpoint endpoint() const;

    /// Starts the test (also what the button does); a second call cancels it.
    void test();
    bool isTesting() const { return m_testId != 0; }
    QString testResultText() const;

    /// Table columns.
    enum Column { NameColumn, ValueColumn, SecretColumn };

signals:
    void testFinished(bool ok);

private:
    void addHeaderRow(const RemoteEndpoint::Header &header);
    void fillFromRecent(int index);
    void updateSchemaSource();
    void setTestResult(bool ok, const QString &text);
    void accept() override;
    void reject() override;

    QComboBox *m_recent = nullptr;
    QLineEdit *m_url = nullptr;
    QTableWidget *m_headers = nullptr;
    QRadioButton *m_introspection = nullptr;
    QRadioButton *m_sdl = nullptr;
    QLineEdit *m_sdlPath = nullptr;
    QPushButton *m_browse = nullptr;
    QPushButton *m_testButton = nullptr;
    QProgressBar *m_testProgress = nullptr;
    QLabel *m_testResult = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    net::GraphQLClient *m_client = nullptr;
    quint64 m_testId = 0;
    QList<RemoteEndpoint> m_recentList;
};

} // namespace refract::ui
