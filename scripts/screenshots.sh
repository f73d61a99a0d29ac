#!/usr/bin/env bash
# Reproduce resources/screenshots/*.png: Xvfb + trayer (a system tray) + the app against a DevServer.
# Needs: apt-get install -y xvfb trayer imagemagick xdotool
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
DISP=${SCREEN_DISPLAY:-:99}
Xvfb "$DISP" -screen 0 1366x768x24 -nolisten tcp &
XVFB=$!
trap 'kill $TRAYER $XVFB 2>/dev/null || true' EXIT
sleep 1
DISPLAY=$DISP trayer --edge top --align right --widthtype request --height 24 --transparent false --tint 0x404040 &
TRAYER=$!
sleep 1
DISPLAY=$DISP QT_QPA_PLATFORM=xcb "$PY" scripts/screenshots_app.py "${1:-resources/screenshots}"
