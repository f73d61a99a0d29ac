# Build the Windows installer: PyInstaller onedir, then Inno Setup (run from the repo root).
#   powershell -ExecutionPolicy Bypass -File installers\windows\build.ps1 [-Sign]
# Needs: Python 3.11 venv with `pip install -e .[test]`, Inno Setup 6 (iscc on PATH),
# ImageMagick for the icon (or put an app.ico in installers\windows yourself),
# and for -Sign: signtool (Windows SDK) and a code-signing certificate (see installers/README.md).
param([switch]$Sign)
$ErrorActionPreference = "Stop"
$root = Resolve-Path "$PSScriptRoot\..\.."
Set-Location $root
$py = "$root\.venv\Scripts\python.exe"
$version = & $py -c "import desktop_agent; print(desktop_agent.__version__)"
if (-not (Test-Path installers\windows\app.ico)) {
    magick -background none resources\icons\app.svg -define icon:auto-resize=256,64,48,32,16 installers\windows\app.ico
}
& $py -m PyInstaller --noconfirm --distpath dist\pyinstaller --workpath build\pyinstaller build.spec
if ($Sign) {
    signtool sign /fd SHA256 /tr http://timestamp.digicert.com /td SHA256 /a dist\pyinstaller\desktop-agent\desktop-agent.exe
    iscc /DAppVersion=$version "/Ssigntool=signtool sign /fd SHA256 /tr http://timestamp.digicert.com /td SHA256 /a `$f" installers\windows\desktop-agent.iss
} else {
    iscc /DAppVersion=$version installers\windows\desktop-agent.iss
}
& dist\pyinstaller\desktop-agent\desktop-agent.exe self-test
Get-Item dist\desktop-agent-$version-setup.exe | Select-Object Name, @{n="MiB";e={[math]::Round($_.Length/1MB,1)}}
