# desktop-app: the keychain test (Secret Service via gnome-keyring in a private D-Bus session),
# the end-to-end test (xdg-open runs the .desktop handler) and scheme registration tools. The
# minimums are Debian 12's versions, the ones the tests are run with.
apt_install "dbus>=1.14" "gnome-keyring>=42" "libsecret-tools>=0.20" "xdg-utils>=1.1.3" "desktop-file-utils>=0.26"
