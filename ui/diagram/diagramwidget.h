#pragma once

#include "diagramjob.h"

#include <QJsonObject>
#include <QWidget>

#include <atomic>
#include <memory>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QStringListModel;
class QToolBar;

namespace refract::ui::diagram {

class DiagramScene;
class DiagramView;
class Minimap;

/// The diagrams tab: an ER diagram of the reflected tables and a GraphQL type graph, with one
/// interaction model (zoom, pan, fit, minimap, search, focus on N hops, group filter, drag to
/// place, export). Layout runs on a pool thread with progress and cancel.
class DiagramWidget : public QWidget
{
    Q_OBJECT
public:
    using Mode = DiagramRequest::Mode;

    explicit DiagramWidget(QWidget *parent = nullptr);
    ~DiagramWidget() override;

    void setCatalog(std::shared_ptr<const reflect::Catalog> catalog);
    void setSchema(std::shared_ptr<const graphql::Schema> schema);
    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    void setTypeOptions(const TypeGraphModel::Options &options);
    /// Shows only these schemas (ER) or kinds (types); empty shows all.
    void setGroups(const QStringList &groups);
    /// Shows one card and its neighbours `hops` edges away.
    void focusOn(const QString &id, int hops);
    void clearFocus();
    QString focusId() const { return m_focusId; }
    /// Selects and centres the best match; false when nothing matches.
    bool searchAndCentre(const QString &text);
    /// Lays the diagram out again; cards the user placed stay where they are.
    void relayout();
    /// Forgets the placed cards and lays everything out again.
    void resetPositions();
    void cancel();
    bool isBusy() const;

    /// Placed cards of both diagrams: `{"version":1,"er":{"cards":{…}},"types":{"cards":{…}}}`,
    /// for the workspace to keep.
    QJsonObject positions() const;
    bool setPositions(const QJsonObject &json, QString *error = nullptr);
    bool savePositions(const QString &path, QString *error) const;
    bool loadPositions(const QString &path, QString *error);
    bool exportTo(const QString &path, QString *error);

    DiagramScene *scene() const { return m_scene; }
    DiagramView *view() const { return m_view; }
    Minimap *minimap() const { return m_minimap; }
    /// The last layout's figures (for the status line and the benchmark).
    const DiagramJobResult &lastResult() const { return m_last; }

signals:
    /// A layout finished and the scene shows it (ok), or it failed or was cancelled.
    void layoutFinished(bool ok);
    /// The user placed cards (positions() changed).
    void positionsChanged();

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void buildUi();
    void start(bool fit);
    void applyResult(const DiagramJobResult &result, bool fit);
    void updateGroups();
    void updateStyle();
    void chooseExport();
    void focusSelected();
    QHash<QString, QPointF> &pins() { return m_pins[m_mode == Mode::Er ? 0 : 1]; }

    std::shared_ptr<const reflect::Catalog> m_catalog;
    std::shared_ptr<const graphql::Schema> m_schema;
    Mode m_mode = Mode::Er;
    TypeGraphModel::Options m_typeOptions;
    QStringList m_groups;
    QString m_focusId;
    int m_hops = 1;
    QHash<QString, QPointF> m_pins[2];
    bool m_dirty = true;
    int m_generation = 0;
    std::shared_ptr<std::atomic_bool> m_cancel;
    bool m_busy = false;
    DiagramJobResult m_last;
    QStringList m_allGroups[2];

    DiagramScene *m_scene = nullptr;
    DiagramView *m_view = nullptr;
    Minimap *m_minimap = nullptr;
    QToolBar *m_toolBar = nullptr;
    QComboBox *m_modeCombo = nullptr;
    QComboBox *m_groupCombo = nullptr;
    QLineEdit *m_search = nullptr;
    QStringListModel *m_searchModel = nullptr;
    QSpinBox *m_hopsSpin = nullptr;
    QAction *m_focusAction = nullptr;
    QAction *m_showAllAction = nullptr;
    QAction *m_scalarsAction = nullptr;
    QAction *m_inputsAction = nullptr;
    QAction *m_relayAction = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace refract::ui::diagram
