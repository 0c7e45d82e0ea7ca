package com.example.signin.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/** Arbitrary input never makes the code parser throw; derivation only ever yields canonical codes. */
class OneTimeCodePropertiesTest {

    @Property(tries = 3000)
    void parsingArbitraryInputNeverThrowsAndOnlyYieldsWellFormedCodes(@ForAll("typed") String typed) {
        OneTimeCode.parse(typed).ifPresent(code -> {
            assertThat(OneTimeCode.isWellFormed(code)).isTrue();
            assertThat(OneTimeCode.parse(OneTimeCode.grouped(code))).contains(code);
        });
    }

    @Property(tries = 2000)
    void parsingCompletelyArbitraryStringsNeverThrows(@ForAll @StringLength(max = 200) String typed) {
        OneTimeCode.parse(typed).ifPresent(code -> assertThat(OneTimeCode.isWellFormed(code)).isTrue());
    }

    @Property(tries = 1000)
    void derivationIsDeterministicAndOnlyUsesTheAlphabet(@ForAll("secrets") String secret) {
        String code = OneTimeCode.derive(secret);
        assertThat(OneTimeCode.derive(secret)).isEqualTo(code);
        assertThat(OneTimeCode.isWellFormed(code)).isTrue();
        assertThat(code.chars()).allMatch(c -> OneTimeCode.ALPHABET.indexOf(c) >= 0);
    }

    @Provide
    Arbitrary<String> secrets() {
        return Arbitraries.bytes().array(byte[].class).ofSize(Secrets.BYTES).map(Secrets::encode);
    }

    @Provide
    Arbitrary<String> typed() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars(OneTimeCode.ALPHABET + "abcxyz01IOio- \t\u00a0_.").ofMaxLength(14),
                Arbitraries.strings().withChars(OneTimeCode.ALPHABET).ofLength(OneTimeCode.LENGTH),
                Arbitraries.strings().all().ofMaxLength(12));
    }
}
