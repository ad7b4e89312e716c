#!/usr/bin/env sh
# Install a built bundle for the current user: the app folder, a launcher, the menu entry and icons.
#   sh packaging/install-linux.sh [dist/glancelabel]
# Remove with:  sh packaging/install-linux.sh --uninstall
set -eu
prefix="${XDG_DATA_HOME:-$HOME/.local/share}"
here="$(cd "$(dirname "$0")" && pwd)"
if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$prefix/glancelabel" "$HOME/.local/bin/glancelabel" "$prefix/applications/glancelabel.desktop"
    for s in 16 24 32 48 64 128 256 512; do rm -f "$prefix/icons/hicolor/${s}x${s}/apps/glancelabel.png"; done
    rm -f "$prefix/icons/hicolor/scalable/apps/glancelabel.svg"
    echo "removed"; exit 0
fi
bundle="${1:-$here/../dist/glancelabel}"
mkdir -p "$prefix/glancelabel" "$HOME/.local/bin" "$prefix/applications"
cp -a "$bundle/." "$prefix/glancelabel/"
ln -sf "$prefix/glancelabel/glancelabel" "$HOME/.local/bin/glancelabel"
cp "$here/glancelabel.desktop" "$prefix/applications/"
for s in 16 24 32 48 64 128 256 512; do
    mkdir -p "$prefix/icons/hicolor/${s}x${s}/apps"
    cp "$here/icons/glancelabel-$s.png" "$prefix/icons/hicolor/${s}x${s}/apps/glancelabel.png"
done
mkdir -p "$prefix/icons/hicolor/scalable/apps"
cp "$here/../resources/app/glancelabel.svg" "$prefix/icons/hicolor/scalable/apps/glancelabel.svg"
echo "installed to $prefix/glancelabel; run: glancelabel"
