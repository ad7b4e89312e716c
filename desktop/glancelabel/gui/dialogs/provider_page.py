"""The settings dialog's AI provider page: provider, model, base URL, key and request options.

The page edits `settings.provider` and saves it as it changes: provider, model (the price table's
list at once, the installed SDK's ids from the background, and after a Test connection that worked,
the provider's own model list merged with them: retired models are not offered, one retiring within
30 days shows its date, and a note under the box warns about the chosen one), base URL, the OpenAI
API (Chat
Completions or Responses; openai only), box convention, image size, timeout, retries, temperature
and the local ONNX model. The API key is kept only in the keyring, shown masked with where it comes
from. "Test connection" runs `provider_check.check_connection` off the GUI thread and shows its
sentence; answers that arrive after the dialog closed are dropped.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...core.app import secrets
from ...core.app import settings as settings_mod
from ...core.i18n import N_
from ...core.providers.registry import PROVIDER_NAMES
from ..i18n import error_text, translate
from ..i18n import shown as shown_text
from .provider_check import check_connection, provider_name, provider_title

log = logging.getLogger(__name__)

PROVIDER_TITLES = {
    "anthropic": "Anthropic (Claude)",
    "openai": "OpenAI (GPT)",
    "openai-compatible": N_("provider_page", "OpenAI-compatible server (Ollama, vLLM, LM Studio)"),
    "local": N_("provider_page", "Local, offline (no key, no network)"),
}
CONVENTIONS = (
    ("auto", N_("provider_page", "The model's default (price table)")),
    ("pixels", N_("provider_page", "Pixels of the sent image, [x1, y1, x2, y2]")),
    ("norm1", N_("provider_page", "Fractions 0–1, [x1, y1, x2, y2]")),
    ("norm1000", N_("provider_page", "0–1000, [x1, y1, x2, y2]")),
    ("yxyx1000", N_("provider_page", "0–1000, [y1, x1, y2, x2] (Gemini, Qwen3-VL)")),
)


def convention_text(value: str) -> str:
    """The box convention `value` ("pixels", "norm1000"…) as the settings list names it."""
    return translate("provider_page", dict(CONVENTIONS).get(value, value))


OPENAI_APIS = (
    ("chat", "Chat Completions"),
    ("responses", "Responses API"),
)
TEST_HINT = N_("provider_page", "Sends one tiny request (a 64 × 48 image) with these settings.")


Choices = list[tuple[str, str]]  # (model id, what the picker shows)


def _table_models(provider: str) -> Choices:
    """The price table's models that have not retired (fast: no SDK import, no network)."""
    from ...core.providers.catalog import current_date, model_choices
    from ...core.providers.pricing import load_price_table, user_price_path

    today = current_date()
    return [(c.id, c.label(today)) for c in model_choices(
        provider, load_price_table(user_price_path()), today=today, with_sdk=False)]


def _all_models(provider: str, base_url: str | None = None, api_key: str | None = None,
                read: bool = False) -> tuple[Choices, list, str]:
    """The price table's and the installed SDK's models, merged (`read`) with the provider's own
    list read with the key, retired ones left out; the listing; and a note on where the list
    came from. Imports an SDK (and with `read` uses the network): run it off the GUI thread."""
    from ...core.providers import ProviderError
    from ...core.providers.catalog import current_date, model_choices, read_listing
    from ...core.providers.pricing import load_price_table, user_price_path

    table = load_price_table(user_price_path())
    title = provider_title(provider)
    listing: list = []
    note = ""
    if read:
        try:
            listing = read_listing(provider, base_url=base_url, api_key=api_key)
            note = translate("provider_page", "Models from {provider}'s own list and the price table."
                             ).format(provider=provider_name(provider))
        except ProviderError as exc:
            note = translate("provider_page", "{provider}'s model list could not be read ({reason}); showing "
                             "the price table's and the SDK's models.").format(provider=title,
                                                                                reason=error_text(exc))
    today = current_date()
    return ([(c.id, c.label(today)) for c in model_choices(provider, table, listing,
                                                           today=today)], listing, note)


_RUNNERS: list = []  # the one TaskRunner of the provider pages, owned by the application


def page_runner():
    """The provider pages' task runner. The application owns it, not a page: a page closed
    while its model list is still being read (an SDK import takes seconds) neither waits for it
    (a page's own pool would block the GUI thread as it is deleted) nor leaves a thread running
    against a deleted pool; the late answer reaches a gone page and is dropped (`_gone`)."""
    from PySide6.QtWidgets import QApplication

    from ..tasks import TaskRunner

    app = QApplication.instance()
    alive = [r for r in _RUNNERS if shiboken6.isValid(r) and r.parent() is app]
    if not alive:
        _RUNNERS[:] = [TaskRunner(2, app)]
        return _RUNNERS[0]
    return alive[0]


class ProviderPage(QWidget):
    """Edits `settings.provider` (saved as it changes); the key goes to the keyring only."""

    tested = Signal(bool, str)  # ok, the sentence shown (for tests and the log)

    def __init__(self, settings: settings_mod.Settings, parent=None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.runner = page_runner()
        self._closed = False
        self._loading = True
        self._models_fetched: set[str] = set()
        self._listings: dict[str, list] = {}  # provider -> its model list, once read
        self._testing: tuple[settings_mod.ProviderSettings, str | None] = (
            settings.provider, None)
        self._remembered: dict[str, tuple[str, str]] = {}
        p = settings.provider
        self._make_service_fields()
        self._make_key_fields()
        self._make_request_fields()
        self._lay_out()
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(400)
        self._save_timer.timeout.connect(self.save)
        self._show_settings(p)
        self._loading = False
        self._connect()

    def _make_service_fields(self) -> None:
        self.provider_box = QComboBox()
        self.provider_box.setObjectName("providerBox")
        for name in PROVIDER_NAMES:
            self.provider_box.addItem(translate("provider_page", PROVIDER_TITLES.get(name, name)), name)
        self.model_box = QComboBox()
        self.model_box.setObjectName("modelBox")
        self.model_box.setEditable(True)
        self.model_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.model_note = QLabel()
        self.model_note.setObjectName("modelNote")
        self.model_note.setWordWrap(True)
        self.base_url = QLineEdit()
        self.base_url.setObjectName("baseUrl")
        self.api_box = QComboBox()
        self.api_box.setObjectName("openaiApi")
        for value, text in OPENAI_APIS:
            self.api_box.addItem(text, value)
        self.api_box.setToolTip(translate("provider_page", "The OpenAI API that answers: both get the same prompt and image. "
                                "Batch API jobs always use Chat Completions."))

    def _make_key_fields(self) -> None:
        self.keyring_note = QLabel()
        self.keyring_note.setObjectName("keyringNote")
        self.keyring_note.setWordWrap(True)
        self.key_edit = QLineEdit()
        self.key_edit.setObjectName("apiKey")
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText(translate("provider_page", "Paste a new key, then Save key"))
        self.save_key_button = QPushButton(translate("provider_page", "Save key"))
        self.save_key_button.setObjectName("saveKey")
        self.remove_key_button = QPushButton(translate("provider_page", "Remove"))
        self.remove_key_button.setObjectName("removeKey")
        self.remove_key_button.setToolTip(translate("provider_page", "Remove the key stored in the system keyring"))
        self.key_source = QLabel()
        self.key_source.setObjectName("keySource")
        self.key_source.setWordWrap(True)
        self.key_source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def _make_request_fields(self) -> None:
        self.convention_box = QComboBox()
        self.convention_box.setObjectName("boxConvention")
        for value, text in CONVENTIONS:
            self.convention_box.addItem(translate("provider_page", text), value)
        self.max_side = QSpinBox()
        self.max_side.setObjectName("maxSide")
        self.max_side.setRange(0, 8000)
        self.max_side.setSingleStep(64)
        self.max_side.setSuffix(translate("provider_page", " px"))
        self.max_side.setSpecialValueText(translate("provider_page", "the provider's own limit"))
        self.timeout = QDoubleSpinBox()
        self.timeout.setObjectName("timeout")
        self.timeout.setRange(1.0, 600.0)
        self.timeout.setDecimals(0)
        self.timeout.setSuffix(translate("provider_page", " s"))
        self.max_retries = QSpinBox()
        self.max_retries.setObjectName("maxRetries")
        self.max_retries.setRange(0, 10)
        self.temperature = QDoubleSpinBox()
        self.temperature.setObjectName("temperature")
        self.temperature.setRange(0.0, 2.0)
        self.temperature.setSingleStep(0.1)
        self.temperature.setDecimals(2)
        self.local_path = QLineEdit()
        self.local_path.setObjectName("localModelPath")
        self.local_path.setPlaceholderText(translate("provider_page", "empty: read text with the bundled OCR engine"))
        self.browse_button = QPushButton(translate("provider_page", "Browse…"))
        self.browse_button.clicked.connect(self.browse_model)
        self.local_note = QLabel()
        self.local_note.setWordWrap(True)

        self.test_button = QPushButton(translate("provider_page", "Test connection"))
        self.test_button.setObjectName("testConnection")
        self.test_button.setToolTip(translate("provider_page", "Send one tiny request with these settings"))
        self.test_result = QLabel(translate("provider_page", TEST_HINT))
        self.test_result.setObjectName("testResult")
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def _lay_out(self) -> None:
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_edit, 1)
        key_row.addWidget(self.save_key_button)
        key_row.addWidget(self.remove_key_button)
        local_row = QHBoxLayout()
        local_row.addWidget(self.local_path, 1)
        local_row.addWidget(self.browse_button)

        service = _form_group(translate("provider_page", "Service"), [(translate("provider_page", "Provider"), self.provider_box), (translate("provider_page", "Model"), self.model_box),
                                          ("", self.model_note),
                                          (translate("provider_page", "Base URL"), self.base_url), (translate("provider_page", "OpenAI API"), self.api_box)])
        keys = QGroupBox(translate("provider_page", "API key"))
        key_layout = QVBoxLayout(keys)
        key_layout.addWidget(self.keyring_note)
        key_layout.addLayout(key_row)
        key_layout.addWidget(self.key_source)
        request = _form_group(translate("provider_page", "Requests"), [
            (translate("provider_page", "Box convention"), self.convention_box), (translate("provider_page", "Max image side"), self.max_side),
            (translate("provider_page", "Timeout"), self.timeout), (translate("provider_page", "Retries"), self.max_retries),
            (translate("provider_page", "Temperature"), self.temperature)])
        local = QGroupBox(translate("provider_page", "Local model"))
        local_layout = QVBoxLayout(local)
        local_layout.addWidget(QLabel(translate("provider_page", "Object detector exported to ONNX (Ultralytics YOLO layout):")))
        local_layout.addLayout(local_row)
        local_layout.addWidget(self.local_note)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)
        layout = QVBoxLayout(self)
        for box in (service, keys, request, local):
            layout.addWidget(box)
        layout.addLayout(test_row)
        layout.addStretch(1)

    def _show_settings(self, p: settings_mod.ProviderSettings) -> None:
        index = self.provider_box.findData(p.provider)
        self.provider_box.setCurrentIndex(max(index, 0))
        self.base_url.setText(p.base_url)
        api = self.api_box.findData(p.openai_api)
        self.api_box.setCurrentIndex(api if api >= 0 else 0)
        conv = self.convention_box.findData(p.box_convention if p.box_convention else "auto")
        self.convention_box.setCurrentIndex(conv if conv >= 0 else 0)
        self.max_side.setValue(max(0, p.max_side))
        self.timeout.setValue(p.timeout)
        self.max_retries.setValue(max(0, p.max_retries))
        self.temperature.setValue(p.temperature)
        self.local_path.setText(p.local_model_path)
        self._provider_shown(p.model)

    def _connect(self) -> None:
        self.provider_box.currentIndexChanged.connect(self._provider_changed)
        self.model_box.currentTextChanged.connect(self._changed)
        for edit in (self.base_url, self.local_path):
            edit.textChanged.connect(self._changed)
        for combo in (self.api_box, self.convention_box):
            combo.currentIndexChanged.connect(self._changed)
        for spin in (self.max_side, self.max_retries, self.timeout, self.temperature):
            spin.valueChanged.connect(self._changed)
        self.save_key_button.clicked.connect(self.save_key)
        self.key_edit.returnPressed.connect(self.save_key)
        self.remove_key_button.clicked.connect(self.remove_key)
        self.test_button.clicked.connect(self.test_connection)

    # -- reading and saving ---------------------------------------------------------------
    def provider_name(self) -> str:
        return self.provider_box.currentData()

    def apply(self) -> None:
        """Copy the widgets into settings.provider (not saved yet: see `save`)."""
        p = self.settings.provider
        p.provider = self.provider_name()
        p.model = self.model_id()
        p.base_url = self.base_url.text().strip()
        p.openai_api = self.api_box.currentData()
        p.box_convention = self.convention_box.currentData()
        p.max_side = self.max_side.value()
        p.timeout = float(self.timeout.value())
        p.max_retries = self.max_retries.value()
        p.temperature = round(float(self.temperature.value()), 2)
        p.local_model_path = self.local_path.text().strip()

    def save(self) -> None:
        self._save_timer.stop()
        self.apply()
        try:
            settings_mod.save(self.settings)
        except OSError as exc:
            log.warning("settings could not be saved", exc_info=True)
            self.test_result.setText(translate("provider_page", "The settings could not be saved: {reason}"
                                               ).format(reason=error_text(exc)))

    def close_page(self) -> None:
        """The dialog closes: save now; late background answers are dropped."""
        if not self._closed:
            self.save()
        self._closed = True

    def model_id(self) -> str:
        """The chosen model's id (the picker may show it with its retirement date)."""
        text = self.model_box.currentText().strip()
        index = self.model_box.findText(text)
        data = self.model_box.itemData(index) if index >= 0 else None
        return str(data) if data else text

    def _model_warning(self) -> None:
        """Say under the model box when the chosen model retires soon or has retired."""
        from ...core.providers.catalog import retirement_text
        from ...core.providers.pricing import load_price_table, user_price_path

        name = self.provider_name()
        model = self.model_id() or (self.model_box.itemData(0) or "")
        warning = retirement_text(name, str(model), load_price_table(user_price_path()),
                                  listing=self._listings.get(name)) if model else None
        self.model_note.setStyleSheet("color: #b03a2e;" if warning else "")
        self.model_note.setText(shown_text(warning) if warning else
                                self.model_note.property("source") or "")
        self.model_note.setVisible(bool(self.model_note.text()))  # (empty, its row left a gap)

    def _changed(self, *_args) -> None:
        if self._loading:
            return
        self._model_warning()
        self.apply()
        self._local_note()
        self._save_timer.start()

    # -- provider-dependent parts ---------------------------------------------------------
    def _provider_changed(self, _index: int) -> None:
        previous = self.settings.provider.provider
        self._remembered[previous] = (self.model_id(), self.base_url.text().strip())
        model, url = self._remembered.get(self.provider_name(), ("", ""))
        self._loading = True
        self.base_url.setText(url)
        self._provider_shown(model)
        self._loading = False
        self.test_result.setStyleSheet("")
        self.test_result.setText(translate("provider_page", TEST_HINT))
        self._changed()

    def _provider_shown(self, model: str) -> None:
        """Fill the model list and enable what applies to the chosen provider."""
        name = self.provider_name()
        remote = name != "local"
        self._fill_models(_table_models(name) if remote else [], model)
        self.model_note.setProperty("source", "")
        default = self.model_box.itemData(0) if self.model_box.count() else ""
        line = self.model_box.lineEdit()
        assert line is not None  # the model box is editable
        line.setPlaceholderText(
            translate("provider_page", "default: {model}").format(model=default) if default
            else translate("provider_page", "the model id the server knows"))
        self.model_box.setEnabled(remote)
        self.base_url.setEnabled(remote)
        self.api_box.setEnabled(name == "openai")
        if name == "openai-compatible":
            from ...core.providers.openai_compat import DEFAULT_BASE_URL

            self.base_url.setPlaceholderText(
                translate("provider_page", "default: {url} (Ollama)").format(url=DEFAULT_BASE_URL))
        elif name == "openai":
            self.base_url.setPlaceholderText(translate("provider_page", "default: https://api.openai.com/v1 (must end in /v1)"))
        elif name == "anthropic":
            self.base_url.setPlaceholderText(translate("provider_page", "default: https://api.anthropic.com (no /v1)"))
        else:
            self.base_url.setPlaceholderText(translate("provider_page", "not used: nothing leaves the machine"))
        for w in (self.local_path, self.browse_button):
            w.setEnabled(not remote)
        self.temperature.setToolTip(
            translate("provider_page", "Not sent to Anthropic: its Messages API here takes no temperature.")
            if name == "anthropic" else translate("provider_page", "0 gives the most repeatable answers."))
        self.refresh_key_status()
        self._local_note()
        self._model_warning()
        if remote and name not in self._models_fetched:
            self._models_fetched.add(name)
            self.runner.run(_all_models, name,
                            on_result=lambda out, n=name: self._models_arrived(n, out))

    def _fill_models(self, choices: Choices, model: str) -> None:
        """List `choices` (id, shown text) in the picker and show `model` as chosen."""
        self.model_box.clear()
        for model_id, shown in choices:
            self.model_box.addItem(shown, model_id)
        self.model_box.setEditText(model)

    def _gone(self) -> bool:
        """Background answers that arrive after the dialog closed (or was deleted) are dropped."""
        return self._closed or not shiboken6.isValid(self.provider_box)

    def _models_arrived(self, name: str, out: tuple[Choices, list, str]) -> None:
        if self._gone():
            return
        choices, listing, note = out
        self._listings[name] = listing
        if name != self.provider_name():
            self._models_fetched.discard(name)  # fill it when that provider is chosen again
            return
        chosen = self.model_id()
        self._loading = True
        self._fill_models(choices, chosen)
        self._loading = False
        self.model_note.setProperty("source", note)
        self.model_box.setToolTip(note)
        self._model_warning()

    def _local_note(self) -> None:
        if self.provider_name() != "local":
            self.local_note.setText(translate("provider_page", "Used when the provider is Local."))
            return
        path = self.local_path.text().strip()
        if not path:
            self.local_note.setText(translate("provider_page", "No model chosen: the local engine reads text (RapidOCR)."))
        elif not Path(path).is_file():
            self.local_note.setText(translate("provider_page", "There is no file at {path}.").format(path=path))
        else:
            self.local_note.setText(translate("provider_page", "Boxes come from this detector; class names from its metadata."))

    def browse_model(self) -> None:
        start = self.local_path.text().strip() or str(Path.home())
        name, _ = QFileDialog.getOpenFileName(self, translate("provider_page", "Choose an ONNX detector"), start,
                                              translate("provider_page", "ONNX models (*.onnx);;All files (*)"))
        if name:
            self.local_path.setText(name)

    # -- the key --------------------------------------------------------------------------
    def refresh_key_status(self) -> None:
        name = self.provider_name()
        status = secrets.keyring_status()
        needs_key = name != "local"
        # a missing keyring is a problem only for a provider that needs a key: red then alone
        self.keyring_note.setStyleSheet("color: #b03a2e;" if needs_key and not status.usable
                                        else "")
        if not needs_key:
            self.keyring_note.setText(translate("provider_page", "The local engine needs no key."))
        elif not status.usable and name in secrets.ENV_VARS:
            self.keyring_note.setText(shown_text(secrets.no_keyring_text(name)))
        elif status.usable:
            self.keyring_note.setText(translate("provider_page", "Keys are stored in the system keyring ({backend}).")
                                      .format(backend=status.backend.rsplit(".", 1)[-1]))
        else:
            self.keyring_note.setText(shown_text(status.text))
        usable = needs_key and status.usable
        self.key_edit.setEnabled(usable)
        self.key_edit.setPlaceholderText(
            translate("provider_page", "Paste a new key, then Save key") if usable
            else translate("provider_page", "No keyring: keys cannot be saved here") if needs_key else "")
        self.save_key_button.setEnabled(usable)
        source = secrets.key_source(name) if needs_key else None
        self.remove_key_button.setEnabled(usable and source == "keyring")
        if not needs_key:
            self.key_source.setText("")
            return
        env = secrets.ENV_VARS.get(name, ("",))[0]
        if source == "keyring":
            shown = secrets.mask(secrets.get_key(name))
            text = translate("provider_page", "Current key: {key}, from the system keyring.").format(key=shown)
        elif source == "environment":
            shown = secrets.mask(secrets.get_key(name))
            text = translate("provider_page", "Current key: {key}, from the environment variable {env}.").format(
                key=shown, env=env)
        elif name in secrets.KEY_OPTIONAL:
            text = translate("provider_page", "No key set (optional for local servers; {env} also works).").format(env=env)
        else:
            text = translate("provider_page", "No key set: save one here or set {env} in the environment.").format(env=env)
        self.key_source.setText(text)

    def save_key(self) -> None:
        key = self.key_edit.text().strip()
        if not key:
            self.key_source.setText(translate("provider_page", "Type or paste a key first."))
            return
        try:
            secrets.set_key(self.provider_name(), key)
        except secrets.SecretsError as exc:
            log.warning("key not stored: %s", exc)
            QMessageBox.warning(self, translate("provider_page", "API key"), error_text(exc))
            return
        self.key_edit.clear()
        self.refresh_key_status()

    def remove_key(self) -> None:
        try:
            secrets.delete_key(self.provider_name())
        except secrets.SecretsError as exc:
            log.warning("key not removed: %s", exc)
            QMessageBox.warning(self, translate("provider_page", "API key"), error_text(exc))
        self.refresh_key_status()

    # -- test connection ------------------------------------------------------------------
    def test_connection(self) -> None:
        """One tiny request in the background; the page stays live while it runs."""
        self.save()
        config = replace(self.settings.provider)
        typed = self.key_edit.text().strip() or None  # try a key before saving it
        self.test_button.setEnabled(False)
        self.test_result.setStyleSheet("")
        self.test_result.setText(translate("provider_page", "Testing {provider}…").format(
            provider=provider_name(config.provider)) if config.provider != "local"
            else translate("provider_page", "Testing the local engine…"))
        self._testing = (config, typed)
        self.runner.run(check_connection, config, typed,
                        on_result=self._tested, on_error=self._test_crashed)

    def _tested(self, outcome) -> None:
        ok, sentence = outcome
        if self._gone():
            return
        config, typed = self._testing
        if ok and config.provider != "local":  # the key works: read the provider's own list
            self.runner.run(_all_models, config.provider, config.base_url or None, typed, True,
                            on_result=lambda out, n=config.provider: self._models_arrived(n, out))
        self.test_button.setEnabled(True)
        self.test_result.setStyleSheet("color: #1e7b34;" if ok else "color: #b03a2e;")
        self.test_result.setText(sentence)
        self.tested.emit(ok, sentence)

    def _test_crashed(self, exc, _tb) -> None:
        self._tested((False, translate("provider_page", "The test could not run: {reason}").format(
            reason=error_text(exc))))


def _form_group(title: str, rows: list[tuple[str, QWidget]]) -> QGroupBox:
    """A titled group of labelled rows."""
    box = QGroupBox(title)
    form = QFormLayout(box)
    for label, widget in rows:
        form.addRow(label, widget)
    return box
