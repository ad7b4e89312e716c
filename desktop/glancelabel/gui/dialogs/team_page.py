"""The settings dialog's Team server page: a Label Studio URL and access token.

Both are kept in the system keyring only (never in the settings or project files); without a
keyring, LABEL_STUDIO_URL and LABEL_STUDIO_API_KEY in the environment are used, and the page says
so. The token may be a personal access token (Label Studio 1.23's default) or a legacy token.
"Test connection" runs `core.team.server.check` off the GUI thread and shows who the token belongs
to and which version answered, or why it failed.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.app import secrets
from ...core.team import server as team_server
from ..i18n import error_text, shown, translate


class TeamPage(QWidget):
    tested = Signal(bool, str)  # ok, the sentence shown
    saved = Signal(str)  # the sentence shown after Save

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        from ..tasks import TaskRunner

        self.runner = TaskRunner(1, self)
        url, url_from = team_server.stored_url()
        self.url_edit = QLineEdit(url)
        self.url_edit.setPlaceholderText(translate("team_page", "http://localhost:8080"))
        self.url_edit.setAccessibleName(translate("team_page", "Label Studio URL"))
        self.token_edit = QLineEdit()
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_edit.setAccessibleName(translate("team_page", "Access token"))
        self.token_edit.setPlaceholderText(self._token_note())
        self.save_button = QPushButton(translate("team_page", "&Save in the keyring"))
        self.save_button.clicked.connect(self.save)
        self.test_button = QPushButton(translate("team_page", "&Test connection"))
        self.test_button.clicked.connect(self.test)
        self.note = QLabel(self._where(url_from))
        self.note.setWordWrap(True)
        self.result = QLabel("")
        self.result.setWordWrap(True)
        form = QFormLayout()
        form.addRow(translate("team_page", "Label Studio &URL:"), self.url_edit)
        form.addRow(translate("team_page", "Access to&ken:"), self.token_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.note)
        layout.addWidget(self.result)
        layout.addStretch(1)

    @staticmethod
    def _token_note() -> str:
        source = team_server.token_source()
        if source == "keyring":
            return translate("team_page", "stored in the keyring (type a new one to replace it)")
        if source == "environment":
            return translate("team_page", "from {env} (type one to use another)").format(env=team_server.TOKEN_ENV)
        return translate("team_page", "a personal access token from Label Studio's Account & Settings")

    @staticmethod
    def _where(url_from: str) -> str:
        status = secrets.keyring_status()
        if not status.usable:
            return translate("team_page", "No system keyring is available on this machine, so the URL and token "
                             "cannot be saved here; set {url_env} and {token_env} in the environment "
                             "instead.").format(url_env=team_server.URL_ENV, token_env=team_server.TOKEN_ENV)
        kept = translate("team_page", "The URL and token are kept in the system keyring, never in the "
                         "settings or project files.")
        if url_from == "keyring":
            return kept + translate("team_page", " The URL shown is the one in the keyring.")
        if url_from == "environment":
            return kept + translate("team_page", " The URL shown comes from {env}.").format(env=team_server.URL_ENV)
        return kept

    def save(self) -> None:
        url, token = self.url_edit.text().strip(), self.token_edit.text().strip()
        if not url or not (token or team_server.token_source() == "keyring"):
            self._show(False, translate("team_page", "Give the server's URL and an access token to save them."))
            return
        try:
            if token:
                team_server.save_credentials(url, token)
            else:
                secrets.set_key(team_server.URL_KEY, team_server.normal_url(url))
        except secrets.SecretsError as exc:
            self._show(False, error_text(exc))
            return
        self.token_edit.clear()
        self.token_edit.setPlaceholderText(self._token_note())
        sentence = translate("team_page", "Saved the URL {url} and the token in the keyring.").format(
            url=team_server.normal_url(url))
        self._show(True, sentence)
        self.saved.emit(sentence)

    def test(self) -> None:
        self.test_button.setEnabled(False)
        self.result.setStyleSheet("")
        self.result.setText(translate("team_page", "Testing the Label Studio server…"))
        url = self.url_edit.text().strip() or None
        token = self.token_edit.text().strip() or None
        self.runner.run(team_server.check, url, token, on_result=self._tested,
                        on_error=lambda exc, _tb: self._tested((False, translate(
                            "team_page", "The test could not run: {reason}").format(reason=error_text(exc)))))

    def _tested(self, outcome) -> None:
        ok, sentence = outcome[0], shown(outcome[1])
        self.test_button.setEnabled(True)
        self._show(ok, sentence)
        self.tested.emit(ok, sentence)

    def _show(self, ok: bool, sentence: str) -> None:
        self.result.setStyleSheet("color: #1e7b34;" if ok else "color: #b03a2e;")
        self.result.setText(sentence)
