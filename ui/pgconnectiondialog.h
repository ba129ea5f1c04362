#pragma once

#include "pgconnectionparams.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;
template <typename T> class QFutureWatcher;

namespace refract::ui {

/// Connects to PostgreSQL by URI / connection string or by fields. "Test connection" runs off the
/// UI thread; the dialog can be closed while a test is still running.
class PgConnectionDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PgConnectionDialog(QWidget *parent = nullptr);
    ~PgConnectionDialog() override;

    void setParams(const PgConnectionParams &params);
    PgConnectionParams params() const;

    /// Starts the connection test (also what the button does).
    void testConnection();
    QString testResultText() const;
    bool isTesting() const;

signals:
    void testFinished(bool ok);

private:
    void fillFromRecent(int index);
    void updateEnvironmentHint();

    QComboBox *m_recent = nullptr;
    QTabWidget *m_modeTabs = nullptr;
    QLineEdit *m_uri = nullptr;
    QLineEdit *m_host = nullptr;
    QLineEdit *m_port = nullptr;
    QLineEdit *m_database = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_service = nullptr;
    QComboBox *m_sslMode = nullptr;
    QLineEdit *m_schemas = nullptr;
    QLabel *m_envHint = nullptr;
    QLabel *m_testResult = nullptr;
    QPushButton *m_testButton = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QFutureWatcher<QPair<bool, QString>> *m_testWatcher = nullptr;
    QList<PgConnectionParams> m_recentList;
};

} // namespace refract::ui
