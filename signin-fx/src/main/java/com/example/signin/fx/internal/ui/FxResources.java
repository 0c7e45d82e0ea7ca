package com.example.signin.fx.internal.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/**
 * Loads the UI's resources (FXML, CSS) from this package's folder, failing at once with the
 * path that is missing rather than with a null somewhere later.
 */
public final class FxResources {

    private static final String FOLDER = "/com/example/signin/fx/internal/ui/";

    private FxResources() {
    }

    /** The URL of {@code name} in the UI's resource folder. */
    public static URL url(String name) {
        URL url = FxResources.class.getResource(FOLDER + name);
        if (url == null) {
            throw new IllegalStateException("Missing resource " + FOLDER + name + " on the class path");
        }
        return url;
    }

    /** Loads {@code fxml} with {@code controller} (the View) and the app's texts. */
    public static Parent loadView(String fxml, Object controller, Messages messages) {
        FXMLLoader loader = new FXMLLoader(url(fxml), messages.bundle());
        loader.setController(controller);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load " + FOLDER + fxml + ": " + e.getMessage(), e);
        }
    }
}
