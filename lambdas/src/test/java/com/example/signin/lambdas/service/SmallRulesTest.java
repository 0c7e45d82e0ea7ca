package com.example.signin.lambdas.service;

import com.example.signin.protocol.EmailAddress;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sign-up policy and sender header: the small rules. */
class SmallRulesTest {

    @Test
    void openSignUpWithoutDomainsAllowsEveryone() {
        assertThat(SignUpPolicy.open().allowsNewAccount(EmailAddress.parse("x@anything.org"))).isTrue();
    }

    @Test
    void allowedDomainsMatchExactlyNotSubdomains() {
        SignUpPolicy policy = new SignUpPolicy(SignUpPolicy.Mode.OPEN, Set.of("Example.COM"));

        assertThat(policy.allowsNewAccount(EmailAddress.parse("a@example.com"))).isTrue();
        assertThat(policy.allowsNewAccount(EmailAddress.parse("a@mail.example.com"))).isFalse();
        assertThat(policy.allowsNewAccount(EmailAddress.parse("a@example.com.evil.org"))).isFalse();
    }

    @Test
    void inviteOnlyCreatesNoAccountButKeepsTheDomainRuleForAdmins() {
        SignUpPolicy policy = new SignUpPolicy(SignUpPolicy.Mode.INVITE_ONLY, Set.of("example.com"));

        assertThat(policy.allowsNewAccount(EmailAddress.parse("a@example.com"))).isFalse();
        assertThat(policy.allowsDomainOf(EmailAddress.parse("a@example.com"))).isTrue();
        assertThat(policy.allowsDomainOf(EmailAddress.parse("a@other.org"))).isFalse();
    }

    @Test
    void anInternationalDomainIsComparedInItsAsciiForm() {
        SignUpPolicy policy = new SignUpPolicy(SignUpPolicy.Mode.OPEN, java.util.List.of("bücher.example"));

        assertThat(policy.allowsNewAccount(EmailAddress.parse("a@BÜCHER.example"))).isTrue();
    }

    @Test
    void theSenderHeaderQuotesOrEncodesTheName() {
        assertThat(new MailSender("No-Reply@Example.com", "Example \"Sign-in\"").headerValue())
                .isEqualTo("\"Example \\\"Sign-in\\\"\" <no-reply@example.com>");
        assertThat(new MailSender("no-reply@example.com", "").headerValue()).isEqualTo("no-reply@example.com");
        assertThat(new MailSender("no-reply@example.com", "Zürich").headerValue()).isEqualTo("=?UTF-8?B?WsO8cmljaA==?= <no-reply@example.com>");
        assertThatThrownBy(() -> new MailSender("no-reply@example.com", "x".repeat(65))).hasMessageContaining("64");
    }

    @Test
    void aSenderNameOfSixtyFourCharactersIsKeptAndOneOfSixtyFiveIsRefused() {
        assertThat(new MailSender("no-reply@example.com", "x".repeat(64)).name()).hasSize(64);
        assertThatThrownBy(() -> new MailSender("no-reply@example.com", "x".repeat(65)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("The sender name must be at most 64 characters");
    }

    @Test
    void theSmtpPortMustBeFromOneTo65535() {
        MailSender sender = new MailSender("no-reply@example.com", "");
        for (int port : new int[] {0, 65_536}) {
            assertThatThrownBy(() -> new SmtpMailer("localhost", port, sender))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("The SMTP port must be from 1 to 65535, not " + port);
        }
        assertThat(new SmtpMailer("localhost", 1, sender)).isNotNull();
        assertThat(new SmtpMailer("localhost", 65_535, sender)).isNotNull();
    }

    @Test
    void theDeploymentSecretMustHaveAtLeastThirtyTwoCharacters() {
        assertThatThrownBy(() -> new LinkKeys("x".repeat(31)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("The deployment secret must be at least 32 characters");
        assertThat(new LinkKeys("x".repeat(32)).secretHash("s")).isNotEqualTo(new LinkKeys("y".repeat(32)).secretHash("s"));
    }

    @Test
    void eachSourceIpHasItsOwnBudgetKeyAndAnUnknownOneSharesTheAddresssBudget() {
        LinkKeys keys = new LinkKeys("small-rules-deployment-secret-0123456789");

        assertThat(keys.source(null)).isEqualTo(LinkKeys.ANY_SOURCE);
        assertThat(keys.source(" ")).isEqualTo(LinkKeys.ANY_SOURCE);
        assertThat(keys.source("203.0.113.7")).isNotEqualTo(LinkKeys.ANY_SOURCE).doesNotContain("203")
                .isNotEqualTo(keys.source("203.0.113.8")).isEqualTo(keys.source("203.0.113.7"));
    }

    @Test
    void logLinesNameRecordsAndRequestsByPrefixesAndIdsNeverByAddressOrHash() {
        LinkKeys keys = new LinkKeys("small-rules-deployment-secret-0123456789");
        String emailKey = keys.address(EmailAddress.parse("alice@example.com"));
        String hash = keys.secretHash("secret");
        String codeHash = keys.codeHash("K7QPM2XD");
        LinkRecord record = LinkRecord.issued(emailKey, keys.device(null), hash, codeHash, "challenge", 100, 1000);

        assertThat(record.toString()).isEqualTo("LinkRecord[key=" + emailKey.substring(0, 8) + "…, device=none…, iat=100, exp=1000,"
                + " failedAttempts=0, wrongCodes=0, usedAt=OptionalLong.empty]").doesNotContain(hash).doesNotContain(codeHash);
        assertThat(new LinkRequest("m-1", "alice@example.com", "challenge", null, "none", 100).toString())
                .isEqualTo("LinkRequest[id=m-1, requestedAt=100]");
    }
}
