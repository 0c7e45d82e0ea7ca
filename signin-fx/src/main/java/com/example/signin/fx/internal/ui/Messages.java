package com.example.signin.fx.internal.ui;

import com.example.signin.fx.UiLanguage;
import com.example.signin.fx.internal.client.SignInException;
import com.example.signin.protocol.InvalidEmailException;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * The texts a person reads, from {@code com/example/signin/fx/internal/ui/messages.properties}
 * (English) and {@code messages_de.properties} (German): the FXML's {@code %key} entries and the
 * sentences the view models pick, and the locale their times are written in.
 */
public final class Messages {

    static final String BUNDLE = "com.example.signin.fx.internal.ui.messages";

    private final ResourceBundle bundle;
    private final UiLanguage language;

    public Messages(ResourceBundle bundle, UiLanguage language) {
        this.bundle = Objects.requireNonNull(bundle, "bundle");
        this.language = Objects.requireNonNull(language, "language");
    }

    /** The English texts. */
    public static Messages load() {
        return load(UiLanguage.ENGLISH);
    }

    /** The texts in {@code language}; never the OS locale's bundle by accident (no fallback). */
    public static Messages load(UiLanguage language) {
        Locale bundleLocale = language == UiLanguage.ENGLISH ? Locale.ROOT : language.locale();
        return new Messages(ResourceBundle.getBundle(BUNDLE, bundleLocale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)), language);
    }

    /** The locale dates and times are written in. */
    public Locale locale() {
        return language.locale();
    }

    public ResourceBundle bundle() {
        return bundle;
    }

    /** The text under {@code key}, with {@code {0}}-style arguments filled in. */
    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("No text '" + key + "' in " + BUNDLE + ".properties", e);
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, Locale.ROOT).format(args);
    }

    /** The sentence for a failed step: {@code problem.<NAME>}, never the exception's own text. */
    public String problem(Exception failure) {
        if (failure instanceof SignInException e) {
            if (e.problem() == SignInException.Problem.RATE_LIMITED && e.retryAfter().isPresent()) {
                return get("problem.RATE_LIMITED.retryAfter", waitText(e.retryAfter().get()));
            }
            return get("problem." + e.problem().name());
        }
        return get("problem.UNEXPECTED");
    }

    /** The sentence for an address the protocol refuses. */
    public String invalidEmail(InvalidEmailException e) {
        return invalidEmail(e.reason());
    }

    /**
     * The sentence for {@code reason}: in English the protocol's own ({@link InvalidEmailException.Reason#sentence()},
     * the one the API answers too), in another language its translation under {@code email.invalid.<REASON>}.
     */
    public String invalidEmail(InvalidEmailException.Reason reason) {
        String key = "email.invalid." + reason.name();
        return bundle.containsKey(key) ? get(key) : reason.sentence();
    }

    /** "42 seconds" / "2:05 minutes", rounded up to whole seconds. */
    public String waitText(Duration wait) {
        long seconds = Math.max(0, wait.plusMillis(999).getSeconds());
        if (seconds < 60) {
            return get("time.seconds", seconds);
        }
        return get("time.minutes", seconds / 60, String.format(Locale.ROOT, "%02d", seconds % 60));
    }
}
