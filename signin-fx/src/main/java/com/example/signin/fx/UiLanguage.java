package com.example.signin.fx;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The languages the app's screens speak (resource bundles {@code messages.properties} and
 * {@code messages_de.properties}). Chosen from the OS locale; {@code --locale} overrides it. The
 * same choice goes to the sign-in request's {@code locale}, so the mail speaks it too.
 */
public enum UiLanguage {
    ENGLISH("en", Locale.ENGLISH),
    GERMAN("de", Locale.GERMAN);

    private final String tag;
    private final Locale locale;

    UiLanguage(String tag, Locale locale) {
        this.tag = tag;
        this.locale = locale;
    }

    public String tag() {
        return tag;
    }

    public Locale locale() {
        return locale;
    }

    /** The language for the OS's {@code locale}: German for any German locale, else English. */
    public static UiLanguage forLocale(Locale locale) {
        return Arrays.stream(values()).filter(l -> l.locale.getLanguage().equals(locale.getLanguage())).findFirst()
                .orElse(ENGLISH);
    }

    /** The language named by {@code --locale} ({@code de}, {@code en}, any case, a region such as de-AT allowed). */
    public static Optional<UiLanguage> fromTag(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        String language = Locale.forLanguageTag(tag.strip().replace('_', '-')).getLanguage();
        return Arrays.stream(values()).filter(l -> l.tag.equals(language)).findFirst();
    }

    /** "de, en": what {@code --locale} takes. */
    public static String tags() {
        return Arrays.stream(values()).map(UiLanguage::tag).sorted().collect(Collectors.joining(", "));
    }
}
