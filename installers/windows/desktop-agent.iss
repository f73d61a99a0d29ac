; Inno Setup 6 script: per-user install of the PyInstaller onedir (dist\desktop-agent).
;   iscc /DAppVersion=0.1.0 installers\windows\desktop-agent.iss      -> dist\desktop-agent-0.1.0-setup.exe
; Fleet roll-out (silent, owner's email and optional server written to settings.json):
;   desktop-agent-0.1.0-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /EMAIL=owner@example.com [/SERVER=https://grid.example.com] [/TASKS="autostart"]
; Silent uninstall keeps the data unless /REMOVEDATA is given:
;   "%LOCALAPPDATA%\Programs\Desktop Agent\unins000.exe" /VERYSILENT [/REMOVEDATA]

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Desktop Agent"
#define AppExe "desktop-agent.exe"

[Setup]
AppId={{6C1E3B2A-4F0D-4E5B-9B7A-DA6E5A1C0F11}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=desktop-agent maintainers
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-user: no UAC prompt, nothing machine-wide.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=desktop-agent-{#AppVersion}-setup
Compression=lzma2/ultra64
SolidCompression=yes
WizardStyle=modern
SetupIconFile=app.ico
UninstallDisplayIcon={app}\{#AppExe}
CloseApplications=yes
; SignTool=signtool   (see installers/README.md: define it in the IDE or with iscc /S)

[Tasks]
Name: "autostart"; Description: "Start {#AppName} when I log in"; GroupDescription: "Options:"
Name: "desktopicon"; Description: "Create a desktop shortcut"; GroupDescription: "Options:"; Flags: unchecked

[Files]
Source: "..\..\dist\pyinstaller\desktop-agent\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{userprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon
; The name matches desktop_agent/uninstall.py (AUTOSTART on Windows), so `uninstall-cleanup` finds it.
Name: "{userstartup}\{#AppName}"; Filename: "{app}\{#AppExe}"; Parameters: "--minimized"; Tasks: autostart

[Run]
Filename: "{app}\{#AppExe}"; Description: "Start {#AppName} now"; Flags: nowait postinstall skipifsilent

[UninstallRun]
; Runs before files are removed: the agent id in the Credential Manager and the job environments.
Filename: "{app}\{#AppExe}"; Parameters: "uninstall-cleanup"; Flags: runhidden waituntilterminated; RunOnceId: "cleanup"

[Code]
function DataDir(): String;
begin
  { platformdirs.user_data_dir("desktop-agent", appauthor=False) on Windows }
  Result := ExpandConstant('{localappdata}\desktop-agent');
end;

function JsonEscape(S: String): String;
begin
  StringChangeEx(S, '\', '\\', True);
  StringChangeEx(S, '"', '\"', True);
  Result := S;
end;

procedure CurStepChanged(CurStep: TSetupStep);
var
  Email, Server, Json: String;
begin
  if CurStep = ssPostInstall then
  begin
    Email := ExpandConstant('{param:EMAIL|}');
    Server := ExpandConstant('{param:SERVER|}');
    if Email <> '' then
    begin
      { Fleet roll-out: the owner is known, the setup dialog will not be shown. }
      Json := '{' + #13#10 + '  "email": "' + JsonEscape(Email) + '"';
      if Server <> '' then
        Json := Json + ',' + #13#10 + '  "server": "' + JsonEscape(Server) + '"';
      Json := Json + #13#10 + '}' + #13#10;
      ForceDirectories(DataDir());
      if not SaveStringToFile(DataDir() + '\settings.json', Json, False) then
        Log('could not write settings.json');
    end;
  end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  RemoveData: Boolean;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    if UninstallSilent() then
      RemoveData := Pos('/REMOVEDATA', Uppercase(GetCmdTail())) > 0
    else
      RemoveData := MsgBox('Also remove the task history, settings and logs in ' + DataDir() + '?' + #13#10 +
        '(Choose No to keep them for a later reinstall.)', mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
    if RemoveData then
      DelTree(DataDir(), True, True, True);
  end;
end;
