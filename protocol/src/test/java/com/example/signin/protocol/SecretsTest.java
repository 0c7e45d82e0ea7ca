package com.example.signin.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretsTest {

    @Test
    void generatedSecretsAre43Base64UrlCharactersAndDistinct() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String secret = Secrets.generate(random);
            assertThat(secret).hasSize(43).matches("[A-Za-z0-9_-]{43}");
            assertThat(Secrets.isWellFormed(secret)).isTrue();
            seen.add(secret);
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void generationUsesTheInjectedRandomness() {
        SecureRandom zeros = new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                java.util.Arrays.fill(bytes, (byte) 0);
            }
        };
        assertThat(Secrets.generate(zeros)).isEqualTo("A".repeat(43));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",                                               // empty
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",     // 42 characters
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",   // 44 characters
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",    // padding
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+",    // base64, not base64url
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB",    // stray low bits: not canonical
            "AAAAAAAAAAAAAAAAAAAAA AAAAAAAAAAAAAAAAAAAAA",    // whitespace
    })
    void malformedSecretsAreRecognised(String value) {
        assertThat(Secrets.isWellFormed(value)).isFalse();
    }

    // Each character sits just outside a range of the base64url alphabet, or is one a decoder chokes on.
    @ParameterizedTest
    @ValueSource(chars = {'[', '`', '{', '~', '@', '/', ':', '+', '=', '.', '\u007f', '\u00e9', '\u0000'})
    void aSecretWithAForeignCharacterAnywhereIsMalformedAndNothingThrows(char c) {
        String secret = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        for (int at : new int[] {0, 21, 41, 42}) {
            String damaged = secret.substring(0, at) + c + secret.substring(at + 1);
            assertThat(Secrets.isWellFormed(damaged)).as("%s at %d", c, at).isFalse();
            assertThat(CodeChallenge.matches(damaged, CodeChallenge.s256(secret))).isFalse();
            assertThat(CodeChallenge.matches(secret, damaged)).isFalse();
            assertThat(CodeChallenge.isWellFormed(damaged)).isFalse();
        }
    }

    @Test
    void everyCharacterOfTheAlphabetIsAcceptedInsideASecret() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (char c : alphabet.toCharArray()) {
            assertThat(Secrets.isWellFormed("A".repeat(21) + c + "A".repeat(21))).as("%s", c).isTrue();
        }
    }

    @Test
    void theLastCharacterMustEncodeNoStrayBitsExactlyWhereTheJdkDecoderAgrees() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int accepted = 0;
        for (char last : alphabet.toCharArray()) {
            String value = "_".repeat(42) + last;
            boolean canonical = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Base64.getUrlDecoder().decode(value)).equals(value);
            assertThat(Secrets.isWellFormed(value)).as("%s", last).isEqualTo(canonical);
            accepted += canonical ? 1 : 0;
        }
        assertThat(accepted).isEqualTo(16); // 2 of the last 6 bits are padding: 64 / 4 spellings are canonical
    }

    @Test
    void aChallengeHasTheShapeOfASecret() {
        assertThat(CodeChallenge.isWellFormed("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")).isTrue();
        assertThat(CodeChallenge.isWellFormed("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c")).isFalse();
        assertThat(CodeChallenge.isWellFormed(null)).isFalse();
    }

    @Test
    void nullIsNotWellFormed() {
        assertThat(Secrets.isWellFormed(null)).isFalse();
    }

    @Test
    void s256MatchesTheRfc7636Example() {
        // RFC 7636 appendix B
        String verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        assertThat(CodeChallenge.s256(verifier)).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assertThat(CodeChallenge.matches(verifier, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")).isTrue();
    }

    @Test
    void aWrongOrMissingVerifierNeverMatches() {
        String challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
        assertThat(CodeChallenge.matches(Secrets.generate(new SecureRandom()), challenge)).isFalse();
        assertThat(CodeChallenge.matches(null, challenge)).isFalse();
        assertThat(CodeChallenge.matches("short", challenge)).isFalse();
        assertThat(CodeChallenge.matches("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", null)).isFalse();
    }

    @Test
    void s256RefusesAMalformedVerifier() {
        assertThatThrownBy(() -> CodeChallenge.s256("not a verifier")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void saltedHashesDependOnSaltAndValueAndCompareExactly() {
        SaltedHash a = new SaltedHash("deployment-salt-one");
        SaltedHash b = new SaltedHash("deployment-salt-two");
        assertThat(a.of("alice@example.com")).isEqualTo(a.of("alice@example.com")).hasSize(43);
        assertThat(a.of("alice@example.com")).isNotEqualTo(b.of("alice@example.com"));
        assertThat(a.of("alice@example.com")).isNotEqualTo(a.of("bob@example.com"));
        assertThat(SaltedHash.same(a.of("x"), a.of("x"))).isTrue();
        assertThat(SaltedHash.same(a.of("x"), a.of("y"))).isFalse();
        assertThat(SaltedHash.same(null, a.of("y"))).isFalse();
        assertThat(SaltedHash.same(a.of("y"), null)).isFalse();
        assertThat(SaltedHash.same(null, null)).isFalse();
    }

    @Test
    void aSaltOf16CharactersIsTheShortestAccepted() {
        assertThat(new SaltedHash("0123456789abcdef").of("alice@example.com")).hasSize(43);
        assertThatThrownBy(() -> new SaltedHash("0123456789abcde")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aShortSaltIsRefusedWithASentence() {
        assertThatThrownBy(() -> new SaltedHash("short"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 16 characters");
    }
}
