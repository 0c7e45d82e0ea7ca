package com.example.signin.local.internal;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ListUsers {@code Filter}: {@code attribute = "value"} or {@code attribute ^= "value"} (prefix),
 * with Cognito's searchable attributes; email and username compare case-insensitively.
 */
record UserFilter(String attribute, boolean prefix, String value) implements Predicate<PoolUser> {

    private static final Pattern SYNTAX = Pattern.compile("\\s*([A-Za-z_:]+)\\s*(=|\\^=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*");
    private static final List<String> SEARCHABLE = List.of("username", "email", "phone_number", "name", "given_name",
            "family_name", "preferred_username", "cognito:user_status", "status", "sub");

    /** The filter of {@code text}; null for none (blank). */
    static UserFilter parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw CognitoException.invalidParameter("Error while parsing filter.");
        }
        String attribute = m.group(1);
        if (!SEARCHABLE.contains(attribute)) {
            throw CognitoException.invalidParameter("Invalid search attribute: " + attribute);
        }
        return new UserFilter(attribute, m.group(2).equals("^="), m.group(3).replaceAll("\\\\(.)", "$1"));
    }

    /** Whether at most the one user the store finds by {@link #value} can match (username, sub and email are unique). */
    boolean namesOneUser() {
        return !prefix && List.of("username", "sub", "email").contains(attribute);
    }

    @Override
    public boolean test(PoolUser user) {
        String actual = switch (attribute) {
            case "username" -> user.username;
            case "cognito:user_status", "status" -> user.status;
            default -> user.attributes.get(attribute);
        };
        boolean caseless = attribute.equals("email") || attribute.equals("username");
        String a = actual == null ? null : caseless ? actual.toLowerCase(Locale.ROOT) : actual;
        String v = caseless ? value.toLowerCase(Locale.ROOT) : value;
        return a != null && (prefix ? a.startsWith(v) : a.equals(v));
    }
}
