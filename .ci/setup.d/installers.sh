# installers (desktop-app, `-Ppackage`): jpackage builds the .deb with fakeroot and dpkg-deb;
# jpackage and lambdas' ProGuard step read the JDK's jmods (Debian: openjdk-17-jdk-headless);
# DebPackageIT registers the scheme handler with desktop-file-utils and opens a link with
# xdg-open (xdg-utils).
apt_install fakeroot openjdk-17-jdk-headless xdg-utils desktop-file-utils
