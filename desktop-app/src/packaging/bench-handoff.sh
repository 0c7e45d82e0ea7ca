#!/bin/sh
# Measures the hand-off of a sign-in link from `xdg-open` to the running instance, through the
# installed layout of the .deb (unpacked in a temp folder, postinst run there with DPKG_ROOT):
#   before: the .desktop Exec is jpackage's launcher (bin/magic-link-signin, full Main, dpkg -S);
#   after:  the .desktop Exec is bin/open-link (hand-off jar, class data sharing archive).
# The running instance is the test program InstanceProbe (the app's own SingleInstance code).
# Usage, from desktop-app/ after `./mvnw -B -pl desktop-app -am -Ppackage verify`:
#   src/packaging/bench-handoff.sh [RUNS]        (needs hyperfine, xdg-utils, desktop-file-utils, python3)
set -eu
runs="${1:-15}"
cd "$(dirname "$0")/../.."
deb=$(ls target/installer/*.deb | head -n 1)
slf4j=$(find "$HOME/.m2/repository/org/slf4j/slf4j-api" -name 'slf4j-api-2*.jar' | sort | tail -n 1)
work=$(mktemp -d)
probe=""
cleanup() {
  [ -n "$probe" ] && kill "$probe" 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

dpkg -x "$deb" "$work/root"
dpkg-deb -e "$deb" "$work/control"
DPKG_ROOT="$work/root" sh "$work/control/postinst" configure
app="$work/root/opt/magic-link-signin"

export HOME="$work/home" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" XDG_DATA_DIRS="$work/none" DISPLAY=:99
mkdir -p "$HOME" "$XDG_DATA_HOME/applications" "$XDG_CONFIG_HOME"
for variant in before after; do
  case $variant in
    before) exec_line="$app/bin/magic-link-signin %u" ;;
    after) exec_line="$app/bin/open-link %u" ;;
  esac
  printf '[Desktop Entry]\nType=Application\nName=bench %s\nExec=%s\nNoDisplay=true\nMimeType=x-scheme-handler/bench.%s;\n' \
    "$variant" "$exec_line" "$variant" > "$XDG_DATA_HOME/applications/bench-$variant.desktop"
  xdg-mime default "bench-$variant.desktop" "x-scheme-handler/bench.$variant"
done
update-desktop-database "$XDG_DATA_HOME/applications"

java -cp "../signin-fx/target/test-classes:../signin-fx/target/classes:$slf4j" com.example.signin.fx.internal.platform.InstanceProbe \
  "$XDG_DATA_HOME/magic-link-signin" > "$work/probe.out" 2> /dev/null &
probe=$!
while ! grep -q INSTANCE "$work/probe.out"; do sleep 0.1; done

secret=q8W2eR4tY6uI0oP1aS3dF5gH7jK9lZ-xC_vB2nM4qWe
hyperfine -N --warmup 2 --runs "$runs" --export-json "$work/result.json" \
  -n "before: xdg-open -> jpackage launcher -> Main" "xdg-open bench.before://signin#$secret" \
  -n "after:  xdg-open -> open-link -> LinkOpener" "xdg-open bench.after://signin#$secret" \
  -n "before, without xdg-open: bin/magic-link-signin" "$app/bin/magic-link-signin bench.before://signin#$secret" \
  -n "after, without xdg-open: bin/open-link" "$app/bin/open-link bench.after://signin#$secret"

delivered=$(grep -c '^LINK ' "$work/probe.out")
echo "links delivered to the instance: $delivered (expected $((4 * (runs + 2))))"
python3 - "$work/result.json" << 'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    t = sorted(r["times"])
    print(f'{r["command"]:<50} median {r["median"]*1000:7.0f} ms   min {t[0]*1000:6.0f}   max {t[-1]*1000:6.0f}   stddev {r["stddev"]*1000:5.0f}')
PY
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
