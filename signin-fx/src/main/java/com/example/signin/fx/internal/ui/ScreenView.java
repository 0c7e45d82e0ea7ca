package com.example.signin.fx.internal.ui;

import javafx.scene.Node;

/** A screen's controller, as the main window sees it. */
interface ScreenView {

    /** The control that gets the keyboard focus when the screen shows. */
    Node initialFocus();
}
