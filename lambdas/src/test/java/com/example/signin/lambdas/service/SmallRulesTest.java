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
}
