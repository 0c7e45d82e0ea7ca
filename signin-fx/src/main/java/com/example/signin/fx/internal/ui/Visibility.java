package com.example.signin.fx.internal.ui;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Labeled;

/** Which labels show: the visibility bindings the views share. */
final class Visibility {

    private Visibility() {
    }

    /** Shows {@code label} (and lets it take space) only while it has text. */
    static void showWhenNotEmpty(Labeled label) {
        label.visibleProperty().bind(Bindings.isNotEmpty(label.textProperty()));
        label.managedProperty().bind(label.visibleProperty());
    }
}
