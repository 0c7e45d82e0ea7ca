package com.example.signin.protocol;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why the verify trigger refused a link whose secret it could check. The trigger reports it by
 * failing with the {@link #code()} as its error message; Cognito returns that to the app as a
 * {@code UserLambdaValidationException} whose message is
 * {@code "VerifyAuthChallengeResponse failed with error <code>."}, and the app turns it into a
 * sentence. Only a caller holding the right secret can learn {@link #EXPIRED}, {@link #USED},
 * {@link #FOREIGN_DEVICE} or {@link #SPENT} (for a code: only the device that asked, holding its
 * verifier); every other failure is {@link #INVALID}, so a guesser learns nothing.
 */
public enum LinkRefusal {
    /** No record matches: never sent, mistyped, replaced by a newer link, or burnt. */
    INVALID("link_invalid"),
    /** The secret matches but its time is over. */
    EXPIRED("link_expired"),
    /** The secret matches but it has already signed someone in. */
    USED("link_used"),
    /** The secret matches but the code verifier does not: the link was asked for elsewhere. */
    FOREIGN_DEVICE("link_foreign_device"),
    /**
     * The link, or the asking device's one-time code, matches, but {@link OneTimeCode#MAX_WRONG_TRIES}
     * wrong codes were typed for it, so it no longer signs in (neither by link nor by code).
     */
    SPENT("link_spent");

    /** The message Cognito builds from a trigger's error, with the trigger name in front. */
    public static final String COGNITO_MESSAGE_FORMAT = "VerifyAuthChallengeResponse failed with error %s.";

    private static final Pattern CODE_IN_MESSAGE = Pattern.compile("\\b(link_[a-z_]+)\\b");

    private final String code;

    LinkRefusal(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The refusal named by {@code code}, if any. */
    public static Optional<LinkRefusal> fromCode(String code) {
        for (LinkRefusal refusal : values()) {
            if (refusal.code.equals(code)) {
                return Optional.of(refusal);
            }
        }
        return Optional.empty();
    }

    /** The refusal named in an error message from Cognito, if it names one. */
    public static Optional<LinkRefusal> fromMessage(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher m = CODE_IN_MESSAGE.matcher(message);
        while (m.find()) {
            Optional<LinkRefusal> found = fromCode(m.group(1));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
