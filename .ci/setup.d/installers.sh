# installers (desktop-app, `-Ppackage`): jpackage builds the .deb with fakeroot and dpkg-deb;
# jpackage and lambdas' ProGuard step read the JDK's jmods (Debian: openjdk-17-jdk-headless);
# DebPackageIT registers the scheme handler with desktop-file-utils and opens a link with
# xdg-open (xdg-utils). The minimums are Debian 12's versions.
apt_install "fakeroot>=1.31" "dpkg>=1.21" "openjdk-17-jdk-headless>=17" "xdg-utils>=1.1.3" "desktop-file-utils>=0.26"
