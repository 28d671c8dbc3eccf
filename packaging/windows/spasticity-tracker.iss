; Inno Setup script for Windows: build the one-folder app first (see packaging/README.md), then
;   iscc packaging\windows\spasticity-tracker.iss
[Setup]
AppId={{6C4B0F57-5E2A-4C1B-9B61-6D3F0B8F2A41}
AppName=Spasticity Tracker
AppVersion=0.1.0
DefaultDirName={autopf}\Spasticity Tracker
DefaultGroupName=Spasticity Tracker
OutputBaseFilename=spasticity-tracker-setup
SetupIconFile=..\..\resources\icons\spasticity-tracker.ico
UninstallDisplayIcon={app}\spasticity-tracker.exe
PrivilegesRequiredOverridesAllowed=dialog
Compression=lzma2
SolidCompression=yes

[Files]
Source: "..\..\dist\spasticity-tracker\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\Spasticity Tracker"; Filename: "{app}\spasticity-tracker.exe"
Name: "{autodesktop}\Spasticity Tracker"; Filename: "{app}\spasticity-tracker.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "A shortcut on the desktop"; Flags: unchecked
