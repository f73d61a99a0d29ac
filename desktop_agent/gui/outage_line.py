"""The Now tab's outage line: "The server isn't answering — … Next try in 40 s [Retry now]", then "Back online".

The words come from the status sentence (`TaskStatus.status().outage`); this
widget shows them with a Retry button, and after recovery a short note that
hides itself after BACK_ONLINE_SHOWN_MS.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

BACK_ONLINE_SHOWN_MS = 10_000


class OutageLine(QWidget):
    retry_clicked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.outage_box = QFrame()
        self.outage_box.setObjectName("outageBox")
        # A plain frame, no style sheet: a style sheet would pin the palette of its children
        # and keep them in the old colours after a switch between light and dark.
        self.outage_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.outage_label = QLabel()
        self.outage_label.setWordWrap(True)
        self.outage_label.setAccessibleName(self.tr("Server not answering"))
        self.retry_button = QPushButton(self.tr("&Retry now"))
        self.retry_button.setAccessibleName(self.tr("Retry now"))
        self.retry_button.clicked.connect(self.retry_clicked)
        ol = QHBoxLayout(self.outage_box)
        ol.addWidget(self.outage_label, 1)
        ol.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.outage_box.setVisible(False)
        self.back_online_label = QLabel()
        self.back_online_label.setWordWrap(True)
        self.back_online_label.setAccessibleName(self.tr("Back online"))
        self.back_online_label.setVisible(False)
        self._back_online_timer = QTimer(self)
        self._back_online_timer.setSingleShot(True)
        self._back_online_timer.setInterval(BACK_ONLINE_SHOWN_MS)
        self._back_online_timer.timeout.connect(lambda: self.back_online_label.setVisible(False))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.outage_box)
        layout.addWidget(self.back_online_label)

    def show_outage(self, text: str) -> None:
        self.outage_label.setText(text)
        self.outage_box.setVisible(bool(text))

    def show_back_online(self, text: str) -> None:
        self.back_online_label.setText(text)
        self.back_online_label.setVisible(True)
        self._back_online_timer.start()

    def hide_back_online(self) -> None:
        self.back_online_label.setVisible(False)
