package com.example.signin.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
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
    }

    @Test
    void aShortSaltIsRefusedWithASentence() {
        assertThatThrownBy(() -> new SaltedHash("short"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 16 characters");
    }
}
