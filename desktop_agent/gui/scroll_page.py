"""A scroll area for a page of the window: up and down only, as wide as the page needs.

Settings' pages and the Now page use it, so that neither scrolls sideways in a
long language and both fit a short screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtWidgets import QScrollArea, QWidget


class UpDownScrollArea(QScrollArea):
    """A page that scrolls up and down only: at least as wide as the page needs.

    A longer language (or a bigger font) then widens the window instead of
    hiding the end of a line behind a sideways scroll bar (a stack of pages
    takes the widest one, so the window does not change width between pages),
    and a short screen (150 % on 1366×768) scrolls the page instead of cutting
    off its end below the screen.
    """

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        page = self.widget()
        if page is None:
            return hint
        room = self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()
        return QSize(max(hint.width(), page.minimumSizeHint().width() + room), hint.height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The page grew (hours added, its fonts polished when first shown): the tab must ask
        # this area again for its width.
        page = self.widget()
        if watched is page and event.type() == QEvent.Type.Show:
            # Parts shown or hidden while the window was closed left older sizes in the layouts.
            for part in [page, *page.findChildren(QWidget)]:
                if (layout := part.layout()) is not None:
                    layout.invalidate()
            self.updateGeometry()
            if (top := self.window().layout()) is not None:
                top.activate()  # now, not a frame later with the page scrolling sideways
        elif watched is page and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)
