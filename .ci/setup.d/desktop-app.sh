# desktop-app: the keychain test (Secret Service via gnome-keyring in a private D-Bus session),
# the end-to-end test (xdg-open runs the .desktop handler) and scheme registration tools.
desktop_app_packages="dbus gnome-keyring libsecret-tools xdg-utils desktop-file-utils"
desktop_app_missing=""
for p in $desktop_app_packages; do
  dpkg -s "$p" > /dev/null 2>&1 || desktop_app_missing="$desktop_app_missing $p"
done
if [ -n "$desktop_app_missing" ]; then
  apt-get update
  # shellcheck disable=SC2086
  apt-get install -y --no-install-recommends $desktop_app_missing
fi
unset desktop_app_packages desktop_app_missing p
