package com.example.signin.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Sha256Test {

    @Test
    void digestsTheUtf8BytesOfATextAsTheStandardSays() {
        // FIPS 180-2's example "abc"
        assertThat(HexFormat.of().formatHex(Sha256.digest("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.digest("é")).isEqualTo(Sha256.digest(new byte[] {(byte) 0xc3, (byte) 0xa9}));
    }
}
