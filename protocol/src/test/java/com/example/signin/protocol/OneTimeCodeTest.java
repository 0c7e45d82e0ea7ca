package com.example.signin.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class OneTimeCodeTest {

    // The shared test vectors (also in protocol/README.md, reused by the link page's test).
    @ParameterizedTest
    @CsvSource({
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA, QGCNQAKV, QGCN-QAKV",
            "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk, N323XQFC, N323-XQFC",
            "_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-w, CYFSYJJR, CYFS-YJJR",
    })
    void theCodeOfASecretIsTheSharedTestVector(String secret, String code, String shown) {
        assertThat(Secrets.isWellFormed(secret)).isTrue();
        assertThat(OneTimeCode.derive(secret)).isEqualTo(code);
        assertThat(OneTimeCode.grouped(code)).isEqualTo(shown);
    }

    @Test
    void aDerivedCodeShownToAPersonAndTypedBackIsTheSameCode() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 200; i++) {
            String code = OneTimeCode.derive(Secrets.generate(random));
            String shown = OneTimeCode.grouped(code);
            assertThat(shown).matches("[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}");
            assertThat(OneTimeCode.parse(shown)).contains(code);
            assertThat(OneTimeCode.parse(code)).contains(code);
        }
    }

    @Test
    void differentSecretsAlmostAlwaysGiveDifferentCodes() {
        SecureRandom random = new SecureRandom();
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            codes.add(OneTimeCode.derive(Secrets.generate(random)));
        }
        // 1000 draws from 2^40 codes: a single collision has a probability of about 5e-7.
        assertThat(codes).hasSizeGreaterThanOrEqualTo(999);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "k7qp-m2xd     | K7QPM2XD",   // lower case
            "K7QP M2XD     | K7QPM2XD",   // a space instead of the dash
            "'  K7QPM2XD  '| K7QPM2XD",   // surrounding spaces, no dash
            "k-7-q-p-m-2-x-d| K7QPM2XD",  // dashes anywhere
            "'K7QP\tM2XD\n' | K7QPM2XD",  // tab and newline from a paste
            "'K7QP\u00a0M2XD'| K7QPM2XD", // no-break space from a rich-text mail
            "--K7QP--M2XD--| K7QPM2XD",
            "k7qp-m2xl     | K7QPM2XL",   // lower-case l is the alphabet's L
            "azaz-zaza     | AZAZZAZA",   // both ends of the lower-case range
    })
    void typedCodesAreNormalisedToTheCanonicalForm(String typed, String canonical) {
        assertThat(OneTimeCode.parse(typed)).contains(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "K7QP-M2X0",   // zero
            "K7QP-M2X1",   // one
            "K7QP-M2XI",   // capital I
            "K7QP-M2XO",   // capital O
            "k7qp-m2xo",   // lower-case o upper-cases to the refused O
            "k7qp-m2xi",   // lower-case i likewise
    })
    void lookAlikeCharactersAreRefused(String typed) {
        assertThat(OneTimeCode.parse(typed)).isEmpty();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {
            "",
            "K7QP-M2X",       // 7 characters
            "K7QP-M2XDD",     // 9 characters
            "K7QPM2XDK7QPM2XD",
            "----",
            "K7QP_M2XD",      // underscore is not a separator
            "K7QP.M2XD",
            "K7QP-M2X\u0130", // dotted capital I
            "\u212a7QP-M2XD", // Kelvin sign, which lower-cases to k
            "\uff2b7QP-M2XD", // full-width K
            "K7QP-M2X\u0000",
    })
    void malformedCodesAreRefused(String typed) {
        assertThat(OneTimeCode.parse(typed)).isEmpty();
    }

    @Test
    void onlyCanonicalCodesAreWellFormed() {
        assertThat(OneTimeCode.isWellFormed("K7QPM2XD")).isTrue();
        assertThat(OneTimeCode.isWellFormed("23456789")).isTrue();
        assertThat(OneTimeCode.isWellFormed("ZZZZZZZZ")).isTrue();
        assertThat(OneTimeCode.isWellFormed("K7QP-M2XD")).isFalse();
        assertThat(OneTimeCode.isWellFormed("k7qpm2xd")).isFalse();
        assertThat(OneTimeCode.isWellFormed("K7QPM2X")).isFalse();
        assertThat(OneTimeCode.isWellFormed("K7QPM2XDD")).isFalse();
        assertThat(OneTimeCode.isWellFormed("K7QPM2X0")).isFalse();
        assertThat(OneTimeCode.isWellFormed("0K7QPM2X")).isFalse();
        assertThat(OneTimeCode.isWellFormed(null)).isFalse();
    }

    @Test
    void theAlphabetHas32DistinctSymbolsWithoutLookAlikes() {
        assertThat(OneTimeCode.ALPHABET).hasSize(32).doesNotContain("0", "1", "I", "O");
        assertThat(OneTimeCode.ALPHABET.chars().distinct().count()).isEqualTo(32);
        assertThat(OneTimeCode.LENGTH).isEqualTo(8);
    }

    @Test
    void groupingRefusesAnythingButACanonicalCodeWithoutEchoingIt() {
        assertThatThrownBy(() -> OneTimeCode.grouped("k7qpm2xd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A one-time code is 8 characters of 23456789ABCDEFGHJKLMNPQRSTUVWXYZ");
        assertThatThrownBy(() -> OneTimeCode.grouped("K7QP-M2XD")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OneTimeCode.grouped(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "K7QPM2XD", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB"})
    void derivingFromSomethingThatIsNotASecretIsRefusedWithASentence(String notASecret) {
        assertThatThrownBy(() -> OneTimeCode.derive(notASecret))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A one-time code is derived from a link secret of 43 base64url characters");
    }
}
