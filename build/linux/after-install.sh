#!/bin/bash
# deb post-install: electron-builder's own steps (the desktop launcher on the PATH, the
# chrome-sandbox mode, the desktop database), plus `lantai`, the command line, on the PATH.
# No network, no update service: everything the app needs is in the package.
set -e
app='/opt/${sanitizedProductName}'
ln -sf "$app/${executable}" '/usr/bin/${executable}'
ln -sf "$app/resources/bin/lantai" /usr/bin/lantai
if ! { [[ -L /proc/self/ns/user ]] && unshare --user true; }; then
    chmod 4755 "$app/chrome-sandbox" || true
else
    chmod 0755 "$app/chrome-sandbox" || true
fi
if hash update-desktop-database 2>/dev/null; then
    update-desktop-database /usr/share/applications || true
fi
