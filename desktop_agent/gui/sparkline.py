"""A small self-painted time-series graph (no QtCharts): the last N samples, 0..max."""

from __future__ import annotations

from collections import deque

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


class Sparkline(QWidget):
    def __init__(
        self, *, capacity: int = 180, maximum: float = 100.0, color: str = "#2f6fde", parent=None
    ):
        super().__init__(parent)
        self._values: deque[float | None] = deque(maxlen=capacity)
        self._capacity = capacity
        self._maximum = maximum
        self._color = QColor(color)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(48)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def sizeHint(self) -> QSize:
        return QSize(240, 56)

    def values(self) -> list[float | None]:
        return list(self._values)

    def set_maximum(self, maximum: float) -> None:
        self._maximum = max(maximum, 1e-9)
        self.update()

    def add(self, value: float | None) -> None:
        self._values.append(value)
        if self.isVisible():
            self.update()

    def clear(self) -> None:
        self._values.clear()
        self.update()

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        try:
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            r = self.rect().adjusted(1, 1, -1, -1)
            pal = self.palette()
            p.fillRect(r, pal.color(QPalette.ColorRole.Base))
            grid = QPen(pal.color(QPalette.ColorRole.Mid))
            grid.setStyle(Qt.PenStyle.DotLine)
            p.setPen(grid)
            for frac in (0.25, 0.5, 0.75):
                y = r.bottom() - frac * r.height()
                p.drawLine(QPointF(r.left(), y), QPointF(r.right(), y))
            p.setPen(QPen(pal.color(QPalette.ColorRole.Mid)))
            p.drawRect(r)
            if not self._values:
                return
            step = r.width() / max(self._capacity - 1, 1)
            x0 = r.right() - step * (len(self._values) - 1)
            line = QPainterPath()
            fill = QPainterPath()
            started = False
            last_x = x0
            for i, v in enumerate(self._values):
                if v is None:
                    continue
                x = x0 + i * step
                y = r.bottom() - min(max(v / self._maximum, 0.0), 1.0) * (r.height() - 2)
                if not started:
                    line.moveTo(x, y)
                    fill.moveTo(x, r.bottom())
                    fill.lineTo(x, y)
                    first_x = x
                    started = True
                else:
                    line.lineTo(x, y)
                    fill.lineTo(x, y)
                last_x = x
            if not started:
                return
            fill.lineTo(last_x, r.bottom())
            fill.lineTo(first_x, r.bottom())
            shade = QColor(self._color)
            shade.setAlpha(50)
            p.fillPath(fill, shade)
            pen = QPen(self._color)
            pen.setWidthF(1.6)
            p.setPen(pen)
            p.drawPath(line)
        finally:
            p.end()
