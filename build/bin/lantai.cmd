@echo off
rem `lantai` beside the installed Lantai: the bundled command line run by the app's own
rem Electron binary as Node (the backup officer scripts it). Put this folder on PATH to type `lantai`.
setlocal
set ELECTRON_RUN_AS_NODE=1
"%~dp0lantai-desktop.exe" "%~dp0resources\app.asar\electron\dist\cli.mjs" %*
exit /b %ERRORLEVEL%
