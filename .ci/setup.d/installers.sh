# installers (desktop-app, `-Ppackage`) and lambdas (ProGuard reads the JDK jmods): jpackage builds the .deb with fakeroot and dpkg-deb and
# needs the JDK's jmods (Debian: openjdk-17-jdk-headless); DebPackageIT registers the scheme
# handler with desktop-file-utils and opens a link with xdg-open (xdg-utils).
installers_packages="fakeroot openjdk-17-jdk-headless xdg-utils desktop-file-utils"
installers_missing=""
for p in $installers_packages; do
  dpkg -s "$p" > /dev/null 2>&1 || installers_missing="$installers_missing $p"
done
if [ -n "$installers_missing" ]; then
  apt-get update
  # shellcheck disable=SC2086
  apt-get install -y --no-install-recommends $installers_missing
fi
unset installers_packages installers_missing p
