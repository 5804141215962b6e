#!/bin/bash
# deb post-remove: take away the two links after-install.sh made (the vaults are never touched).
rm -f '/usr/bin/${executable}' /usr/bin/lantai
if hash update-desktop-database 2>/dev/null; then
    update-desktop-database /usr/share/applications || true
fi
