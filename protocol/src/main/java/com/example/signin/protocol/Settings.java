package com.example.signin.protocol;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checked values of the {@link Setting}s, defaults filled in. Built from CDK context, from the
 * functions' environment, or from the local backend's settings file and options; every bad value
 * fails with one sentence that names it the way its source does ({@code Context 'linkExpirySeconds'},
 * {@code LINK_EXPIRY_SECONDS}, {@code --link-expiry-seconds}).
 */
public final class Settings {

    private final Map<Setting, String> values;

    private Settings(Map<Setting, String> values) {
        this.values = values;
    }

    /** Every setting at its default; settings without one are unset. */
    public static Settings defaults() {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            s.defaultValue().ifPresent(v -> values.put(s, v));
        }
        return new Settings(values);
    }

    /**
     * Reads CDK context ({@code lookup} gives null for an absent key; JSON numbers, booleans and
     * lists arrive typed, command-line values as text).
     */
    public static Settings fromContext(Function<String, Object> lookup) {
        Settings settings = defaults();
        for (Setting s : Setting.values()) {
            Object value = lookup.apply(s.key());
            if (value != null) {
                settings = settings.with(s, text(value), "Context '" + s.key() + "'");
            }
        }
        return settings;
    }

    /**
     * Reads the environment variables of the functions (unset or blank = the default); AWS-only
     * settings keep their defaults.
     */
    public static Settings fromEnvironment(Map<String, String> environment) {
        Settings settings = defaults();
        for (Setting s : Setting.values()) {
            String name = s.environmentName().orElse(null);
            String value = name == null ? null : environment.get(name);
            if (value != null && !value.isBlank()) {
                settings = settings.with(s, value, name);
            }
        }
        return settings;
    }

    /**
     * Reads a settings file's object: the same keys as {@code cdk.json}'s context. A key that is
     * no setting fails, naming the known keys, so a typo never passes silently.
     *
     * @param source names the file in messages, like {@code "settings.json"}
     */
    public static Settings fromKeys(Map<String, ?> entries, String source) {
        Settings settings = defaults();
        for (Map.Entry<String, ?> entry : entries.entrySet()) {
            Setting s = Setting.byKey(entry.getKey()).orElseThrow(() -> new IllegalArgumentException(source + ": '"
                    + entry.getKey() + "' is not a setting; the settings are " + String.join(", ", keys())));
            if (entry.getValue() != null) {
                settings = settings.with(s, text(entry.getValue()), source + ": '" + s.key() + "'");
            }
        }
        return settings;
    }

    /**
     * This with {@code raw} for {@code setting}.
     *
     * @param label how messages name the value, like {@code --link-expiry-seconds}
     * @throws IllegalArgumentException "{label} must be ..., not: ..."
     */
    public Settings with(Setting setting, String raw, String label) {
        Objects.requireNonNull(raw, "raw");
        String canonical;
        try {
            canonical = setting.canonical(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(label + " " + e.getMessage()
                    + (e.getMessage().endsWith(".") ? "" : "."), e);
        }
        Map<Setting, String> copy = new EnumMap<>(Setting.class);
        copy.putAll(values);
        copy.put(setting, canonical);
        return new Settings(copy);
    }

    /** The canonical text; empty when the setting has no default and was not given. */
    public Optional<String> find(Setting setting) {
        return Optional.ofNullable(values.get(setting));
    }

    /**
     * The canonical text.
     *
     * @throws IllegalArgumentException naming the setting when it has no default and was not given
     */
    public String text(Setting setting) {
        String value = values.get(setting);
        if (value == null) {
            throw new IllegalArgumentException(setting.key() + " (" + setting.environmentName().orElse(setting.option())
                    + ") is not set: " + setting.description());
        }
        return value;
    }

    public int integer(Setting setting) {
        return Integer.parseInt(text(setting));
    }

    public double decimal(Setting setting) {
        return Double.parseDouble(text(setting));
    }

    public boolean bool(Setting setting) {
        return Boolean.parseBoolean(text(setting));
    }

    /** A comma list setting as a list (empty for an empty value). */
    public List<String> list(Setting setting) {
        String value = text(setting);
        return value.isEmpty() ? List.of() : Arrays.asList(value.split(","));
    }

    /**
     * The environment variables of {@code settings} as the functions read them (set values only),
     * in the enum's order.
     */
    public Map<String, String> environment(Collection<Setting> settings) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Setting s : Setting.values()) {
            if (settings.contains(s) && s.environmentName().isPresent() && values.containsKey(s)) {
                env.put(s.environmentName().get(), values.get(s));
            }
        }
        return env;
    }

    /** Every setting key, in the enum's order. */
    public static List<String> keys() {
        return Arrays.stream(Setting.values()).map(Setting::key).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Settings other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "Settings" + values;
    }

    private static String text(Object value) {
        if (value instanceof Collection<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }
}
