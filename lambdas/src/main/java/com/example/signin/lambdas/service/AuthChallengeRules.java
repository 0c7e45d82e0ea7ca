package com.example.signin.lambdas.service;

import java.util.List;

/**
 * The custom authentication flow (DESIGN.md step 8): one {@value #CUSTOM_CHALLENGE}, whose
 * answer comes from a link, never from typing, so one correct answer signs in and anything else
 * ends the session.
 */
public final class AuthChallengeRules {

    public static final String CUSTOM_CHALLENGE = "CUSTOM_CHALLENGE";
    /** The create trigger's challenge metadata; it names the method, never a secret. */
    public static final String CHALLENGE_METADATA = "MAGIC_LINK";

    /** One earlier round of the session as Cognito reports it. */
    public record Round(String challengeName, boolean correct) {
    }

    /**
     * What the define trigger answers.
     *
     * @param challengeName the challenge to present next, or {@code null}
     */
    public record Decision(String challengeName, boolean issueTokens, boolean failAuthentication) {

        static Decision challenge() {
            return new Decision(CUSTOM_CHALLENGE, false, false);
        }

        static Decision tokens() {
            return new Decision(null, true, false);
        }

        static Decision fail() {
            return new Decision(null, false, true);
        }
    }

    private AuthChallengeRules() {
    }

    /**
     * @param session      the rounds so far, oldest first
     * @param userNotFound whether Cognito found no such user; the flow then looks the same
     *                     (a challenge is presented) but can never issue tokens
     */
    public static Decision define(List<Round> session, boolean userNotFound) {
        if (session.isEmpty()) {
            return Decision.challenge();
        }
        if (session.size() == 1 && !userNotFound) {
            Round only = session.get(0);
            if (CUSTOM_CHALLENGE.equals(only.challengeName()) && only.correct()) {
                return Decision.tokens();
            }
        }
        return Decision.fail();
    }
}
