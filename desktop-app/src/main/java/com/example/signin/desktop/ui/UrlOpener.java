package com.example.signin.desktop.ui;

/** Opens an address in the person's browser ({@code HostServices.showDocument} in the app). */
@FunctionalInterface
public interface UrlOpener {
    void open(String url);
}
