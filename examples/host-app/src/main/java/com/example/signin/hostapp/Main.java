package com.example.signin.hostapp;

import com.example.signin.fx.MagicLinkSignIn;
import javafx.application.Application;

/** The host app's launcher: a clicked link or a second start goes to the running copy; otherwise the app starts. */
public final class Main {

    private Main() {
    }

    // embedding:main
    public static void main(String[] args) {
        if (MagicLinkSignIn.handOff(HostApp.NAME, args)) return;   // a link or second start went to the running app
        Application.launch(HostApp.class, args);
    }
    // end:main
}
