#include "diagramwidget.h"

#include "carditem.h"
#include "diagramscene.h"
#include "diagramview.h"

#include <QAction>
#include <QComboBox>
#include <QCompleter>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPromise>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QStringListModel>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace refract::ui::diagram {

DiagramWidget::DiagramWidget(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("diagramWidget"));
    buildUi();
    updateStyle();
}

DiagramWidget::~DiagramWidget()
{
    if (m_cancel)
        m_cancel->store(true);
}

void DiagramWidget::buildUi()
{
    m_scene = new DiagramScene(this);
    m_view = new DiagramView(this);
    m_view->setScene(m_scene);
    m_minimap = new Minimap(m_view, this);
    m_minimap->setFixedSize(220, 150);

    m_toolBar = new QToolBar(this);
    m_toolBar->setObjectName(QStringLiteral("diagramToolBar"));
    m_toolBar->setIconSize(QSize(16, 16));
    m_modeCombo = new QComboBox(this);
    m_modeCombo->setObjectName(QStringLiteral("diagramMode"));
    m_modeCombo->addItem(tr("Tables (ER)"));
    m_modeCombo->addItem(tr("GraphQL types"));
    m_toolBar->addWidget(m_modeCombo);
    m_groupCombo = new QComboBox(this);
    m_groupCombo->setObjectName(QStringLiteral("diagramGroups"));
    m_groupCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_toolBar->addWidget(m_groupCombo);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("diagramSearch"));
    m_search->setPlaceholderText(tr("Find a table or type…"));
    m_search->setClearButtonEnabled(true);
    m_search->setMaximumWidth(240);
    m_searchModel = new QStringListModel(this);
    auto *completer = new QCompleter(m_searchModel, this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_search->setCompleter(completer);
    m_toolBar->addWidget(m_search);
    m_toolBar->addSeparator();
    m_focusAction = m_toolBar->addAction(tr("Focus"), this, &DiagramWidget::focusSelected);
    m_focusAction->setToolTip(tr("Show only the selected card and its neighbours"));
    m_hopsSpin = new QSpinBox(this);
    m_hopsSpin->setObjectName(QStringLiteral("diagramHops"));
    m_hopsSpin->setRange(1, 6);
    m_hopsSpin->setValue(1);
    m_hopsSpin->setSuffix(tr(" hop(s)"));
    m_toolBar->addWidget(m_hopsSpin);
    m_showAllAction = m_toolBar->addAction(tr("Show all"), this, &DiagramWidget::clearFocus);
    m_toolBar->addSeparator();
    m_toolBar->addAction(tr("Fit"), m_view, &DiagramView::fitAll);
    m_toolBar->addAction(QStringLiteral("+"), this, [this] { m_view->zoomBy(1.25); });
    m_toolBar->addAction(QStringLiteral("−"), this, [this] { m_view->zoomBy(0.8); });
    auto *layoutMenu = new QMenu(this);
    layoutMenu->addAction(tr("Lay out again (keep placed cards)"), this, &DiagramWidget::relayout);
    layoutMenu->addAction(tr("Reset placed cards"), this, &DiagramWidget::resetPositions);
    layoutMenu->addSeparator();
    m_scalarsAction = layoutMenu->addAction(tr("Type graph: hide scalars"));
    m_inputsAction = layoutMenu->addAction(tr("Type graph: hide inputs"));
    m_relayAction = layoutMenu->addAction(tr("Type graph: collapse Relay connections"));
    for (QAction *a : {m_scalarsAction, m_inputsAction, m_relayAction}) {
        a->setCheckable(true);
        a->setChecked(true);
        connect(a, &QAction::toggled, this, [this] {
            TypeGraphModel::Options o;
            o.hideScalars = m_scalarsAction->isChecked();
            o.hideInputs = m_inputsAction->isChecked();
            o.collapseRelay = m_relayAction->isChecked();
            setTypeOptions(o);
        });
    }
    auto *layoutButton = new QToolButton(this);
    layoutButton->setText(tr("Layout"));
    layoutButton->setMenu(layoutMenu);
    layoutButton->setPopupMode(QToolButton::InstantPopup);
    m_toolBar->addWidget(layoutButton);
    m_toolBar->addAction(tr("Export…"), this, &DiagramWidget::chooseExport);

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 100);
    m_progress->setMaximumWidth(200);
    m_progress->hide();
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setObjectName(QStringLiteral("diagramCancel"));
    m_cancelButton->hide();
    connect(m_cancelButton, &QPushButton::clicked, this, &DiagramWidget::cancel);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("diagramStatus"));

    auto *canvas = new QGridLayout;
    canvas->setContentsMargins(0, 0, 0, 0);
    canvas->addWidget(m_view, 0, 0);
    canvas->addWidget(m_minimap, 0, 0, Qt::AlignRight | Qt::AlignBottom);
    auto *statusRow = new QHBoxLayout;
    statusRow->setContentsMargins(6, 2, 6, 2);
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_progress);
    statusRow->addWidget(m_cancelButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolBar);
    layout->addLayout(canvas, 1);
    layout->addLayout(statusRow);

    connect(m_modeCombo, &QComboBox::activated, this, [this](int i) { setMode(i == 0 ? Mode::Er : Mode::Types); });
    connect(m_groupCombo, &QComboBox::activated, this, [this](int i) {
        setGroups(i <= 0 ? QStringList() : QStringList{m_groupCombo->itemText(i)});
    });
    connect(m_search, &QLineEdit::returnPressed, this, [this] { searchAndCentre(m_search->text()); });
    connect(completer, qOverload<const QString &>(&QCompleter::activated), this, [this](const QString &t) { searchAndCentre(t); });
    connect(m_scene, &DiagramScene::pinnedChanged, this, [this] {
        if (m_focusId.isEmpty()) {
            pins() = m_scene->pinned();
            emit positionsChanged();
        }
        m_minimap->refresh();
    });
}

void DiagramWidget::setCatalog(std::shared_ptr<const reflect::Catalog> catalog)
{
    m_catalog = std::move(catalog);
    m_allGroups[0] = m_catalog ? m_catalog->schemas : QStringList();
    if (m_mode == Mode::Er) {
        m_focusId.clear();
        m_dirty = true;
        updateGroups();
        if (isVisible())
            start(true);
    }
}

void DiagramWidget::setSchema(std::shared_ptr<const graphql::Schema> schema)
{
    m_schema = std::move(schema);
    if (m_mode == Mode::Types) {
        m_focusId.clear();
        m_dirty = true;
        updateGroups();
        if (isVisible())
            start(true);
    }
}

void DiagramWidget::setMode(Mode mode)
{
    m_modeCombo->setCurrentIndex(mode == Mode::Er ? 0 : 1);
    if (mode == m_mode && !m_dirty)
        return;
    m_mode = mode;
    m_groups.clear();
    m_focusId.clear();
    updateGroups();
    start(true);
}

void DiagramWidget::setTypeOptions(const TypeGraphModel::Options &options)
{
    m_typeOptions = options;
    for (auto [a, v] : {std::pair{m_scalarsAction, options.hideScalars}, {m_inputsAction, options.hideInputs}, {m_relayAction, options.collapseRelay}}) {
        const QSignalBlocker block(a);
        a->setChecked(v);
    }
    if (m_mode == Mode::Types)
        start(true);
}

void DiagramWidget::setGroups(const QStringList &groups)
{
    m_groups = groups;
    const QSignalBlocker block(m_groupCombo);
    m_groupCombo->setCurrentIndex(groups.size() == 1 ? std::max(0, m_groupCombo->findText(groups.first())) : 0);
    start(true);
}

void DiagramWidget::focusOn(const QString &id, int hops)
{
    m_focusId = id;
    m_hops = hops;
    const QSignalBlocker block(m_hopsSpin);
    m_hopsSpin->setValue(hops);
    start(true);
}

void DiagramWidget::focusSelected()
{
    QString id;
    for (QGraphicsItem *i : m_scene->selectedItems())
        if (i->type() == CardItem::Type)
            id = static_cast<CardItem *>(i)->node().id;
    if (id.isEmpty() && m_scene->graph()) {
        const QList<int> hits = m_scene->graph()->search(m_search->text(), 1);
        if (!hits.isEmpty())
            id = m_scene->graph()->nodes.at(hits.first()).id;
    }
    if (id.isEmpty()) {
        m_status->setText(tr("Select a card (or search for one) to focus on it."));
        return;
    }
    focusOn(id, m_hopsSpin->value());
}

void DiagramWidget::clearFocus()
{
    if (m_focusId.isEmpty())
        return;
    m_focusId.clear();
    start(true);
}

bool DiagramWidget::searchAndCentre(const QString &text)
{
    const DiagramGraph *g = m_scene->graph();
    const QList<int> hits = g ? g->search(text, 1) : QList<int>();
    if (hits.isEmpty()) {
        m_status->setText(text.trimmed().isEmpty() ? QString() : tr("Nothing shown matches “%1”.").arg(text.trimmed()));
        return false;
    }
    CardItem *c = m_scene->card(hits.first());
    m_view->centreOn(c); // first: it leaves the overview, and hidden cards cannot be selected
    m_scene->selectCard(c);
    m_status->setText(tr("%1 — %2 edge(s)").arg(c->node().id).arg(c->edges().size()));
    return true;
}

void DiagramWidget::relayout()
{
    start(false);
}

void DiagramWidget::resetPositions()
{
    pins().clear();
    m_scene->clearPinned();
    emit positionsChanged();
    start(true);
}

void DiagramWidget::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
    ++m_generation; // drop whatever the running job still delivers
    m_busy = false;
    m_progress->hide();
    m_cancelButton->hide();
    m_status->setText(tr("Layout cancelled."));
    emit layoutFinished(false);
}

bool DiagramWidget::isBusy() const
{
    return m_busy;
}

void DiagramWidget::start(bool fit)
{
    if (m_cancel)
        m_cancel->store(true);
    m_dirty = false;
    DiagramRequest req;
    req.mode = m_mode;
    req.catalog = m_catalog;
    req.schema = m_schema;
    req.typeOptions = m_typeOptions;
    req.groups = m_groups;
    req.focusId = m_focusId;
    req.hops = m_hops;
    if (m_focusId.isEmpty())
        req.pinned = pins();
    if ((m_mode == Mode::Er && !m_catalog) || (m_mode == Mode::Types && !m_schema)) {
        m_scene->clearDiagram();
        m_minimap->refresh();
        m_status->setText(m_mode == Mode::Er ? tr("Connect to a database to see its tables.")
                                             : tr("Connect to a database or open an SDL file to see its types."));
        return;
    }
    auto cancelled = std::make_shared<std::atomic_bool>(false);
    m_cancel = cancelled;
    const int generation = ++m_generation;
    m_busy = true;
    m_progress->setValue(0);
    m_progress->show();
    m_cancelButton->show();
    m_status->setText(tr("Laying out…"));

    auto *watcher = new QFutureWatcher<DiagramJobResult>(this);
    connect(watcher, &QFutureWatcher<DiagramJobResult>::progressValueChanged, this, [this, generation](int v) {
        if (generation == m_generation)
            m_progress->setValue(v);
    });
    connect(watcher, &QFutureWatcher<DiagramJobResult>::progressTextChanged, this, [this, generation](const QString &t) {
        if (generation == m_generation)
            m_status->setText(tr("Laying out: %1").arg(t));
    });
    connect(watcher, &QFutureWatcher<DiagramJobResult>::finished, this, [this, watcher, generation, fit] {
        watcher->deleteLater();
        if (generation != m_generation || watcher->future().resultCount() == 0)
            return;
        applyResult(watcher->future().result(), fit);
    });
    watcher->setFuture(QtConcurrent::run([req, cancelled](QPromise<DiagramJobResult> &promise) {
        promise.setProgressRange(0, 100);
        DiagramJobResult r = computeDiagram(req, cancelled.get(), [&promise](int pct, const QString &step) {
            promise.setProgressValueAndText(pct, step);
        });
        promise.addResult(std::move(r));
    }));
}

void DiagramWidget::applyResult(const DiagramJobResult &result, bool fit)
{
    m_busy = false;
    m_progress->hide();
    m_cancelButton->hide();
    if (!result.error.isEmpty() || !result.layout.ok) {
        m_status->setText(result.error.isEmpty() ? tr("Layout cancelled.") : result.error);
        emit layoutFinished(false);
        return;
    }
    m_last = result;
    m_scene->populate(result.graph, result.sizes, result.layout);
    m_scene->setPinned(m_focusId.isEmpty() ? pins() : QHash<QString, QPointF>());
    QStringList ids;
    ids.reserve(result.graph->nodes.size());
    for (const DiagramNode &n : result.graph->nodes)
        ids.append(n.id);
    m_searchModel->setStringList(ids);
    if (fit)
        m_view->fitAll();
    m_view->updateLevelOfDetail();
    m_minimap->refresh();
    const QString engines = result.layout.sfdpComponents > 0 ? tr("dot + sfdp") : tr("dot");
    m_status->setText(tr("%1 of %2 cards, %3 edges · %4 in %5 ms%6")
                          .arg(result.graph->nodes.size())
                          .arg(result.totalNodes)
                          .arg(result.graph->edges.size())
                          .arg(engines)
                          .arg(result.layout.elapsedMs)
                          .arg(m_focusId.isEmpty() ? QString() : tr(" · focus: %1, %2 hop(s)").arg(m_focusId).arg(m_hops)));
    emit layoutFinished(true);
}

void DiagramWidget::updateGroups()
{
    const QSignalBlocker block(m_groupCombo);
    m_groupCombo->clear();
    if (m_mode == Mode::Er) {
        m_groupCombo->addItem(tr("All schemas"));
        m_groupCombo->addItems(m_catalog ? m_catalog->schemas : QStringList());
    } else {
        m_groupCombo->addItem(tr("All kinds"));
        m_groupCombo->addItems({QStringLiteral("objects"), QStringLiteral("interfaces"), QStringLiteral("unions"),
                                QStringLiteral("enums"), QStringLiteral("inputs"), QStringLiteral("scalars")});
    }
}

void DiagramWidget::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        start(true);
}

void DiagramWidget::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateStyle();
}

void DiagramWidget::updateStyle()
{
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    m_scene->setStyle(dark ? DiagramStyle::dark() : DiagramStyle::light());
    m_minimap->refresh();
}

QJsonObject DiagramWidget::positions() const
{
    QJsonObject out{{QStringLiteral("version"), 1}};
    const char *keys[2] = {"er", "types"};
    for (int i = 0; i < 2; ++i)
        out.insert(QLatin1String(keys[i]), DiagramScene::pinsToJson(m_pins[i]));
    return out;
}

bool DiagramWidget::setPositions(const QJsonObject &json, QString *error)
{
    if (json.value(QStringLiteral("version")).toInt() != 1) {
        if (error)
            *error = tr("diagram positions: unsupported version");
        return false;
    }
    QHash<QString, QPointF> parsed[2];
    const char *keys[2] = {"er", "types"};
    for (int i = 0; i < 2; ++i) {
        const QJsonValue v = json.value(QLatin1String(keys[i]));
        if (v.isUndefined())
            continue;
        if (!DiagramScene::pinsFromJson(v.toObject(), &parsed[i], error))
            return false;
    }
    m_pins[0] = parsed[0];
    m_pins[1] = parsed[1];
    if (m_focusId.isEmpty())
        m_scene->setPinned(pins());
    start(false);
    return true;
}

bool DiagramWidget::savePositions(const QString &path, QString *error) const
{
    QSaveFile f(path);
    const QByteArray data = QJsonDocument(positions()).toJson();
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit()) {
        *error = tr("could not write %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

bool DiagramWidget::loadPositions(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = tr("could not read %1: %2").arg(path, f.errorString());
        return false;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    if (!doc.isObject()) {
        *error = tr("%1 is not a diagram positions file: %2").arg(path, pe.errorString());
        return false;
    }
    return setPositions(doc.object(), error);
}

bool DiagramWidget::exportTo(const QString &path, QString *error)
{
    if (m_scene->cards().isEmpty()) {
        *error = tr("There is no diagram to export.");
        return false;
    }
    return m_scene->exportTo(path, error);
}

void DiagramWidget::chooseExport()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export diagram"), QString(),
                                                      tr("PNG image (*.png);;SVG drawing (*.svg)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportTo(path, &error))
        QMessageBox::warning(this, tr("Export diagram"), error);
    else
        m_status->setText(tr("Exported %1").arg(path));
}

} // namespace refract::ui::diagram
