#!/bin/sh
# Install this Casenotes folder for all users (run as root) or for you alone.
#   sudo ./install.sh          -> /opt/casenotes, /usr/local/bin/casenotes, menu entry for all
#   ./install.sh --user        -> ~/.local/opt/casenotes, ~/.local/bin/casenotes, your menu
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ "${1:-}" = "--user" ]; then
  prefix="$HOME/.local"; target="$prefix/opt/casenotes"
else
  prefix=/usr/local; target=/opt/casenotes
fi
apps="$prefix/share/applications"; icons="$prefix/share/icons/hicolor/scalable/apps"
mkdir -p "$target" "$prefix/bin" "$apps" "$icons"
if [ "$here" != "$target" ]; then
  rm -rf "$target"
  cp -a "$here" "$target"
fi
ln -sf "$target/casenotes" "$prefix/bin/casenotes"
sed "s|^Exec=casenotes|Exec=$target/casenotes|" "$here/casenotes.desktop" > "$apps/casenotes.desktop"
cp "$here/casenotes.svg" "$icons/casenotes.svg"
command -v update-desktop-database >/dev/null && update-desktop-database "$apps" || true
echo "Casenotes installed in $target. Start it from the menu, or run: casenotes gui"
