#!/usr/bin/env bash
# Installs svod: builds it in release and copies the binary to PREFIX/bin/svod and the form
# catalogue to PREFIX/share/svod/Schemas, where the installed svod finds it from any folder.
#
#   ./install.sh                        # PREFIX=/usr/local (sudo may be needed)
#   ./install.sh --prefix ~/.local      # or PREFIX=~/.local ./install.sh
#   ./install.sh --binary PATH          # install a binary built elsewhere instead of building
#   DESTDIR=/tmp/pkg ./install.sh       # stage the files below DESTDIR (for packaging)
#
# The binary links the Swift standard library statically, so it runs where no Swift is installed.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
prefix=${PREFIX:-/usr/local}
binary=""

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a folder" >&2; exit 2; }; prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    --binary) [ $# -ge 2 ] || { echo "install.sh: --binary needs a file" >&2; exit 2; }; binary=$2; shift 2 ;;
    --binary=*) binary=${1#--binary=}; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install.sh: unknown argument '$1' (see install.sh --help)" >&2; exit 2 ;;
  esac
done

if [ -z "$binary" ]; then
  (cd "$here" && swift build -c release --static-swift-stdlib --product svod)
  binary="$here/.build/release/svod"
fi
[ -x "$binary" ] || { echo "install.sh: no executable at $binary" >&2; exit 2; }

root="${DESTDIR:-}$prefix"
mkdir -p "$root/bin" "$root/share/svod"
install -m 755 "$binary" "$root/bin/svod"
# The catalogue is replaced whole, so forms removed from Schemas/ do not linger.
rm -rf "$root/share/svod/Schemas.new"
cp -R "$here/Schemas" "$root/share/svod/Schemas.new"
rm -rf "$root/share/svod/Schemas"
mv "$root/share/svod/Schemas.new" "$root/share/svod/Schemas"

echo "svod installed: $root/bin/svod, schemas in $root/share/svod/Schemas"
