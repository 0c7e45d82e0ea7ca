package com.example.signin.lambdas.service;

import com.example.signin.protocol.MagicLinkFormat;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The five checks of {@link MagicLinkSettings}, each at its boundary. */
class MagicLinkSettingsTest {

    private static final MagicLinkFormat WITH_PAGE = new MagicLinkFormat("com.example.signin", "https://signin.example.com");
    private static final MagicLinkFormat APP_ONLY = new MagicLinkFormat("com.example.signin", null);

    private static MagicLinkSettings settings(Duration expiry, Duration cooldown, int budget, int pending, int failures,
                                              MagicLinkFormat format, LinkStyle style) {
        return new MagicLinkSettings("eu-west-1_Pool", expiry, cooldown, budget, pending, failures, format, style, SignUpPolicy.open());
    }

    private static MagicLinkSettings withNumbers(Duration expiry, Duration cooldown, int budget, int pending, int failures) {
        return settings(expiry, cooldown, budget, pending, failures, WITH_PAGE, LinkStyle.PAGE);
    }

    @Test
    void aLinkMustLiveAtLeastOneSecond() {
        assertThatThrownBy(() -> withNumbers(Duration.ZERO, Duration.ZERO, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("The link expiry must be positive");
        assertThatThrownBy(() -> withNumbers(Duration.ofSeconds(-1), Duration.ZERO, 1, 1, 1))
                .hasMessage("The link expiry must be positive");
        assertThat(withNumbers(Duration.ofSeconds(1), Duration.ZERO, 1, 1, 1).linkExpiry()).hasSeconds(1);
    }

    @Test
    void theCooldownMayBeZeroButNotNegative() {
        assertThatThrownBy(() -> withNumbers(Duration.ofMinutes(15), Duration.ofSeconds(-1), 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("The request cooldown must not be negative");
        assertThat(withNumbers(Duration.ofMinutes(15), Duration.ZERO, 1, 1, 1).requestCooldown()).isZero();
    }

    @Test
    void theBudgetThePendingCapAndTheFailureLimitMustEachBeAtLeastOne() {
        String message = "The budget, the pending-link cap and the failure limit must be at least 1";
        Duration expiry = Duration.ofMinutes(15);
        assertThatThrownBy(() -> withNumbers(expiry, Duration.ZERO, 0, 1, 1)).hasMessage(message);
        assertThatThrownBy(() -> withNumbers(expiry, Duration.ZERO, 1, 0, 1)).hasMessage(message);
        assertThatThrownBy(() -> withNumbers(expiry, Duration.ZERO, 1, 1, 0)).hasMessage(message);

        MagicLinkSettings smallest = withNumbers(expiry, Duration.ZERO, 1, 1, 1);
        assertThat(smallest.linksPerAddressPerHour()).isEqualTo(1);
        assertThat(smallest.pendingLinksPerAddress()).isEqualTo(1);
        assertThat(smallest.maxFailedAttempts()).isEqualTo(1);
    }

    @Test
    void thePageStyleNeedsALinkBaseAndTheDirectStyleDoesNot() {
        assertThatThrownBy(() -> settings(Duration.ofMinutes(15), Duration.ZERO, 1, 1, 1, APP_ONLY, LinkStyle.PAGE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("The page link style needs a link base");
        assertThat(settings(Duration.ofMinutes(15), Duration.ZERO, 1, 1, 1, APP_ONLY, LinkStyle.DIRECT).linkStyle())
                .isEqualTo(LinkStyle.DIRECT);
        assertThat(settings(Duration.ofMinutes(15), Duration.ZERO, 1, 1, 1, WITH_PAGE, LinkStyle.DIRECT).linkStyle())
                .isEqualTo(LinkStyle.DIRECT);
    }

    @Test
    void theDefaultsUseThePageStyleExactlyWhenThereIsALinkBase() {
        assertThat(MagicLinkSettings.defaults("eu-west-1_Pool", WITH_PAGE).linkStyle()).isEqualTo(LinkStyle.PAGE);
        assertThat(MagicLinkSettings.defaults("eu-west-1_Pool", APP_ONLY).linkStyle()).isEqualTo(LinkStyle.DIRECT);
    }
}
