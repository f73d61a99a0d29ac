"""The second step of the first run: how and when this computer helps, in plain words.

Two choices map onto the contribution rules (docs/settings.md):
"Only when I'm not using the computer" is `run_when_idle_only` with
`idle_minutes`; "Always, at low priority" is `job_low_priority` without the
idle rule. Both keep low priority. It is the default the dialog's first
words promise: the computer helps while you are away. Settings → "When to
contribute" changes it later, with more choices.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QLabel, QRadioButton, QSpinBox, QVBoxLayout, QWidget

from desktop_agent.config import DEFAULTS
from desktop_agent.gui.legible import HelperLabel
from desktop_agent.gui.rules_panel import row
from desktop_agent.platform import autostart


class ContributionChoice(QWidget):
    def __init__(self, *, autostart_ticked: bool, parent: QWidget | None = None):
        super().__init__(parent)
        title = QLabel(self.tr("<b>When should this computer help?</b>"))
        self.idle_choice = QRadioButton(self.tr("&Only when I'm not using the computer"))
        self.idle_choice.setAccessibleName(self.tr("Only when I'm not using the computer"))
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(1, 240)
        self.idle_minutes.setValue(round(DEFAULTS.idle_minutes))
        self.idle_minutes.setSuffix(self.tr(" min"))
        self.idle_minutes.setAccessibleName(self.tr("Minutes without use before work starts"))
        self.idle_row = row(
            self.tr("Start after"), self.idle_minutes, self.tr("without mouse or keyboard")
        )
        idle_words = HelperLabel(self.tr("Work pauses as soon as you are back."))
        idle_words.setWordWrap(True)
        self.always_choice = QRadioButton(self.tr("&Always, at low priority"))
        self.always_choice.setAccessibleName(self.tr("Always, at low priority"))
        always_words = HelperLabel(
            self.tr(
                "Your own programs still come first, but the computer works whenever it is on "
                "— you may hear its fan more often."
            )
        )
        always_words.setWordWrap(True)
        self.idle_choice.setChecked(True)
        self.idle_choice.toggled.connect(self.idle_minutes.setEnabled)

        self.autostart_check = QCheckBox(self.tr("&Start when I log in (in the tray)"))
        self.autostart_check.setAccessibleName(self.tr("Start at login"))
        self.autostart_check.setVisible(autostart.supported())
        self.autostart_check.setChecked(autostart.supported() and autostart_ticked)
        later = HelperLabel(
            self.tr(
                "You can pause at any time, and change this later in Settings → When to contribute."
            )
        )
        later.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.idle_choice)
        indented = QVBoxLayout()
        indented.setContentsMargins(24, 0, 0, 0)
        indented.addWidget(self.idle_row)
        indented.addWidget(idle_words)
        layout.addLayout(indented)
        layout.addWidget(self.always_choice)
        always_box = QVBoxLayout()
        always_box.setContentsMargins(24, 0, 0, 0)
        always_box.addWidget(always_words)
        layout.addLayout(always_box)
        layout.addSpacing(8)
        layout.addWidget(self.autostart_check)
        layout.addWidget(later)
        layout.addStretch(1)

    def values(self) -> dict[str, Any]:
        """The settings this choice stands for."""
        idle = self.idle_choice.isChecked()
        out: dict[str, Any] = {"run_when_idle_only": idle, "job_low_priority": True}
        if idle:
            out["idle_minutes"] = float(self.idle_minutes.value())
        return out
