# desktop-app: the keychain test (Secret Service via gnome-keyring in a private D-Bus session),
# the end-to-end test (xdg-open runs the .desktop handler) and scheme registration tools.
apt_install dbus gnome-keyring libsecret-tools xdg-utils desktop-file-utils
