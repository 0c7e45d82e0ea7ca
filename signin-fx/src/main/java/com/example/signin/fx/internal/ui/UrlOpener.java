package com.example.signin.fx.internal.ui;

/** Opens an address in the person's browser ({@code HostServices.showDocument} in the app). */
@FunctionalInterface
public interface UrlOpener {
    void open(String url);
}
