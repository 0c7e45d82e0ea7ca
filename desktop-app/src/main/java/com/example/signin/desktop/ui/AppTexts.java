package com.example.signin.desktop.ui;

import com.example.signin.fx.UiLanguage;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * The desktop app's own texts ({@code app.properties}, {@code app_de.properties}): the error
 * dialog and what the API said. The sign-in screens' texts belong to signin-fx.
 */
public final class AppTexts {

    static final String BUNDLE = "com.example.signin.desktop.ui.app";

    private final ResourceBundle bundle;

    private AppTexts(ResourceBundle bundle) {
        this.bundle = bundle;
    }

    /** The texts in {@code language}; never the OS locale's bundle by accident (no fallback). */
    public static AppTexts load(UiLanguage language) {
        Locale bundleLocale = language == UiLanguage.ENGLISH ? Locale.ROOT : language.locale();
        return new AppTexts(ResourceBundle.getBundle(BUNDLE, bundleLocale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
    }

    /** The text under {@code key}, with {@code {0}}-style arguments filled in. */
    public String get(String key, Object... args) {
        Objects.requireNonNull(key, "key");
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("No text '" + key + "' in " + BUNDLE + ".properties", e);
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, Locale.ROOT).format(args);
    }

    ResourceBundle bundle() {
        return bundle;
    }
}
