"""The Now tab's "your contribution": compute given per day (a chart), tasks finished, energy.

Fed by the History tab's totals and the store's per-day sums (main_window wires them); the words
count what the Store counted and never guess: energy no task measured is
"not measured".
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop_agent.gui.contribution_chart import ContributionChart
from desktop_agent.gui.legible import HelperLabel
from desktop_agent.gui.time_words import format_duration


class ContributionView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.totals_label = QLabel()
        self.totals_label.setWordWrap(True)
        self.totals_label.setAccessibleName(self.tr("Your contribution"))
        self.energy_label = QLabel(self.tr("Energy given: not measured"))  # set_energy()
        self.energy_label.setAccessibleName(self.tr("Energy given"))
        self.chart = ContributionChart()  # compute given per day, last two weeks
        self.chart_caption = HelperLabel(self.tr("Compute this computer gave, per day"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.chart_caption)
        layout.addWidget(self.chart)
        layout.addWidget(self.totals_label)
        layout.addWidget(self.energy_label)

    def set_totals(self, done: int, seconds: float) -> None:
        if done == 1:
            self.totals_label.setText(
                self.tr(
                    "So far this computer has finished 1 task ({t} of compute). Thank you!"
                ).format(t=format_duration(seconds))
            )
        elif done:
            self.totals_label.setText(
                self.tr(
                    "So far this computer has finished {n} tasks ({t} of compute). Thank you!"
                ).format(n=done, t=format_duration(seconds))
            )
        else:
            self.totals_label.setText(self.tr("Finished tasks will be counted here."))

    def set_energy(self, wh: float | None) -> None:
        """The running total of measured energy (None: no task had a reading: never a guess)."""
        from desktop_agent.engine.energy import format_kwh

        self.energy_label.setText(
            self.tr("Energy given: not measured")
            if wh is None
            else self.tr("This machine has given {e}").format(e=format_kwh(wh))
        )
