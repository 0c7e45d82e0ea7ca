package com.example.signin.fx;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The languages the sign-in screens speak. A host chooses one (by default the OS locale's); the
 * same choice goes to the sign-in request's {@code locale}, so the mail speaks it too.
 */
public enum UiLanguage {
    /** English (also for any locale without a translation). */
    ENGLISH("en", Locale.ENGLISH),
    /** German, for any German locale. */
    GERMAN("de", Locale.GERMAN);

    private final String tag;
    private final Locale locale;

    UiLanguage(String tag, Locale locale) {
        this.tag = tag;
        this.locale = locale;
    }

    /**
     * The language's tag.
     *
     * @return {@code en} or {@code de}
     */
    public String tag() {
        return tag;
    }

    /**
     * The locale times are written in and the mail is asked for.
     *
     * @return the locale
     */
    public Locale locale() {
        return locale;
    }

    /**
     * The language for the OS's {@code locale}: German for any German locale, else English.
     *
     * @param locale the OS's locale
     * @return the language
     */
    public static UiLanguage forLocale(Locale locale) {
        return Arrays.stream(values()).filter(l -> l.locale.getLanguage().equals(locale.getLanguage())).findFirst()
                .orElse(ENGLISH);
    }

    /**
     * The language named by a tag ({@code de}, {@code en}, any case, a region such as de-AT allowed).
     *
     * @param tag the tag, may be null
     * @return the language, or empty for a blank or unknown tag
     */
    public static Optional<UiLanguage> fromTag(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        String language = Locale.forLanguageTag(tag.strip().replace('_', '-')).getLanguage();
        return Arrays.stream(values()).filter(l -> l.tag.equals(language)).findFirst();
    }

    /**
     * The tags there are, for a sentence that lists them.
     *
     * @return "de, en"
     */
    public static String tags() {
        return Arrays.stream(values()).map(UiLanguage::tag).sorted().collect(Collectors.joining(", "));
    }
}
