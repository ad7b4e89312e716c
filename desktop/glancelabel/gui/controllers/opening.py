"""Opening the folder: list the project's images and show the last one, then rescan the folder,
then read image headers, all in the background on a connection of its own so the window never
waits for the scan's writes (SQLite WAL: readers are not blocked by a writer)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from ...core.store import Store
from ..canvas import CanvasView
from ..i18n import error_text, translate
from ..image_list import ImageListPanel
from ..tasks import TaskRunner
from .ports import ImageView

# filters that every newly found image matches: a new project's rows can be shown as they come
_STREAMED_FILTERS = ("all", "new", "unlabelled")


def list_ids(store: Store, filter: str, search: str) -> list[int]:
    return store.image_ids(filter, search)


def scan_and_list(store: Store, folder: Path, filter: str, search: str, *, progress=None, cancel=None):
    """Background: rescan without headers, then the ids the list shows. A new project's images
    are passed to `progress` batch by batch as they are stored (when the filter shows them all)."""
    from ...core.folder.scan import scan_folder

    stream = progress is not None and filter in _STREAMED_FILTERS and not search
    report = scan_folder(store, folder, read_headers=False, cancel=cancel,
                         listed=progress if stream else None)
    return report, store.image_ids(filter, search)


def alive(method: Callable[..., None]) -> Callable[..., None]:
    """Background results that arrive after the window closed (and its store with it) are
    dropped: they are already stored, there is just nothing left to show them in."""

    def wrapper(self: OpeningController, *args: Any, **kwargs: Any) -> None:
        if self.view.is_closed:
            return None
        return method(self, *args, **kwargs)

    wrapper.__name__ = method.__name__
    wrapper.__doc__ = method.__doc__
    return wrapper


class OpeningController:
    def __init__(self, store: Store, folder: Path, runner: TaskRunner, image_list: ImageListPanel,
                 canvas: CanvasView, view: ImageView, status_work: QLabel, parent: QWidget, *,
                 list_ready: Callable[[], None], scan_done: Callable[[], None]) -> None:
        self.store = store
        self.folder = folder
        self.runner = runner
        self.image_list = image_list
        self.canvas = canvas
        self.view = view
        self.status_work = status_work
        self.parent = parent
        self.list_ready = list_ready  # the folder scan (without headers) is in the list
        self.scan_done = scan_done  # headers read too
        self.scanning = False
        self.bg_store: Store | None = None  # the scan's connection (opened by `start`)
        self._scan_listing = ("all", "")  # (filter, search) the running scan lists for
        self._refresh_timer = QTimer(parent)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(500)
        self._refresh_timer.timeout.connect(self._periodic_refresh)

    def start(self) -> None:
        self.scanning = True
        self.status_work.setText(translate("opening", "Scanning the folder…"))
        self.bg_store = Store(self.store.path)
        model = self.image_list.model
        self._scan_listing = (model.filter, model.search)  # what the scan's list is made for
        self.runner.run(list_ids, self.bg_store, model.filter, model.search,
                        on_result=self._listed, on_error=self._scan_failed,
                        label=translate("opening", "listing the folder"))
        self.runner.run(scan_and_list, self.bg_store, self.folder, model.filter, model.search,
                        on_progress=self._rows_found, on_result=self._scanned,
                        on_error=self._scan_failed, label=translate("opening", "scanning the folder"), long=True)

    @alive
    def _listed(self, ids: list[int]) -> None:
        """The images the project already knew (before the rescan)."""
        if ids and not self.image_list.model.ids():
            self.image_list.model.set_ids(ids)
            self.restore_last_image()

    @alive
    def _rows_found(self, ids: list[int]) -> None:
        """A batch of a new project's images, stored and in order: list them now (unless the
        user has chosen another filter or search meanwhile: the end of the scan lists those)."""
        model = self.image_list.model
        if (model.filter, model.search) != self._scan_listing:
            return
        model.append_ids(ids)
        n = model.rowCount()
        self.status_work.setText((translate("opening", "Listing the folder… {n} image") if n == 1 else
                                  translate("opening", "Listing the folder… {n} images")).format(n=f"{n:,}"))
        if self.view.current_id is None:
            self.restore_last_image()
        else:
            self.view.update_status()

    @alive
    def _scanned(self, result: tuple[Any, list[int]]) -> None:
        _report, ids = result
        model = self.image_list.model
        if (model.filter, model.search) != self._scan_listing:
            model.reload()  # the filter changed during the scan: list what it shows now
        elif ids != model.ids():  # (a streamed list is usually complete already)
            model.set_ids(ids)
        current = self.view.current_id
        if current is None or model.row_of(current) is None:
            self.restore_last_image()
        else:
            self.image_list.show_current(current)
            self.view.update_status()
        self.list_ready()
        self.status_work.setText(translate("opening", "Reading image sizes…"))
        from ...core.folder.scan import read_headers

        self.runner.run(read_headers, self.bg_store, self.folder,
                        on_latest_progress=self._headers_progress,
                        on_result=self._headers_read, on_error=self._scan_failed,
                        label=translate("opening", "reading image sizes"), long=True)

    @alive
    def _headers_progress(self, progress: tuple[int, int]) -> None:
        done, total = progress
        self.status_work.setText(translate("opening", "Reading image sizes… {done} of {total}").format(
            done=f"{done:,}", total=f"{total:,}"))
        if not self._refresh_timer.isActive():
            self._refresh_timer.start()

    @alive
    def _headers_read(self, _result: Any) -> None:
        self.scanning = False
        self.status_work.setText("")
        self._refresh_timer.stop()  # a progress report's refresh would only repeat this one
        self._periodic_refresh()
        self.scan_done()

    @alive
    def _scan_failed(self, exc: BaseException, _tb: str) -> None:
        self.scanning = False
        self.status_work.setText("")
        self.scan_done()
        QMessageBox.warning(self.parent, translate("opening", "Scan"),
                            translate("opening", "The folder could not be scanned completely: {reason}"
                                      ).format(reason=error_text(exc)))

    @alive
    def _periodic_refresh(self) -> None:
        self.image_list.model.refresh_all()
        current = self.view.current_id
        if current is not None:
            rec = self.store.image(current)
            if rec is not None and rec != self.view.current_record:
                self.view.show_image(current, keep_view=True)

    def restore_last_image(self) -> None:
        ids = self.image_list.model.ids()
        last = self.store.get_meta("last_image")
        target = int(last) if last and last.isdigit() and int(last) in ids else (ids[0] if ids else None)
        if target is not None:
            self.view.show_image(target)
        else:
            self.canvas.set_message(translate("opening", "No images yet.") if self.scanning or not ids
                                    else None)

    def close(self) -> None:
        """After the window's workers stopped: the scan's connection closed."""
        if self.bg_store is not None:
            self.bg_store.close()
