package com.example.signin.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignInApiTest {

    private static final String DEVICE_ID = "AAECAwQFBgcICQoLDA0ODw"; // bytes 0..15

    @Test
    void theIdAnAppMakesFromSixteenRandomBytesIsWellFormed() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

        assertThat(SignInApi.isWellFormedDeviceId(id)).isTrue();
        assertThat(SignInApi.isWellFormedDeviceId(DEVICE_ID)).isTrue();
        assertThat(SignInApi.isWellFormedDeviceId("____________________-w")).isTrue();
    }

    @Test
    void anIdOfTwentyOneOrTwentyThreeCharactersIsRefused() {
        assertThat(SignInApi.isWellFormedDeviceId(DEVICE_ID.substring(1))).isFalse();
        assertThat(SignInApi.isWellFormedDeviceId(DEVICE_ID + "A")).isFalse();
        assertThat(SignInApi.isWellFormedDeviceId("")).isFalse();
        assertThat(SignInApi.isWellFormedDeviceId(null)).isFalse();
    }

    @Test
    void aSecondSpellingOfTheSameBytesIsRefused() {
        // 22 characters carry 132 bits for 128: the last one's four low bits must be zero.
        // "w" (48) is canonical; "x" (49) and "_" (63) decode to the same bytes with stray bits.
        assertThat(SignInApi.isWellFormedDeviceId("____________________-x")).isFalse();
        assertThat(SignInApi.isWellFormedDeviceId("AAECAwQFBgcICQoLDA0OD_")).isFalse();
        assertThat(SignInApi.isWellFormedDeviceId("AAECAwQFBgcICQoLDA0ODx")).isFalse();
        assertThat(SignInApi.isWellFormedDeviceId("AAECAwQFBgcICQoLDA0OAQ")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"AAECAwQFBgcICQoLDA0OD=", "AAECAwQFBgcICQoLDA0+Dw", "AAECAwQFBgcICQoLDA0/Dw",
        "AAECAwQFBgcICQoLDA0 Dw", "AAECAwQFBgcICQoLDA0[Dw", "AAECAwQFBgcICQoLDA0`Dw", "AAECAwQFBgcICQoLDA0{Dw",
        "AAECAwQFBgcICQoLDA0~Dw", "AAECAwQFBgcICQoLDA0ÄDw", "AAECAwQFBgcICQoLDA0%Dw"})
    void anIdWithACharacterOutsideBase64urlIsRefusedWithoutThrowing(String id) {
        assertThatCode(() -> assertThat(SignInApi.isWellFormedDeviceId(id)).isFalse()).doesNotThrowAnyException();
    }

    @Test
    void anErrorAnswerEscapesWhatCouldBreakOutOfJsonOrAScript() {
        assertThat(SignInApi.errorJson("invalid_email", "say \"hi\" \\ </script> & \n\u2028\u2029\u001f ok"))
                .isEqualTo("{\"error\":\"invalid_email\",\"message\":\"say \\\"hi\\\" \\\\ \\u003c/script\\u003e \\u0026 "
                        + "\\u000a\\u2028\\u2029\\u001f ok\"}");
    }

    @Test
    void theAcceptedAnswerCarriesTheMessageAndBothDelays() {
        assertThat(SignInApi.acceptedJson("Check your mail.", 900, 60))
                .isEqualTo("{\"message\":\"Check your mail.\",\"expiresIn\":900,\"retryAfter\":60}");
    }

    @Test
    void aSpaceIsTheFirstCharacterAnAnswerCarriesUnescaped() {
        assertThat(SignInApi.errorJson("e", " \u007f\u00e9")).isEqualTo("{\"error\":\"e\",\"message\":\" \u007f\u00e9\"}");
    }
}
