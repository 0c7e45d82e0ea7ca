package com.example.signin.lambdas.service;

import com.example.signin.lambdas.testing.LocalDynamo;
import com.example.signin.lambdas.testing.MutableClock;
import com.example.signin.lambdas.testing.SeededRandom;
import com.example.signin.protocol.CodeChallenge;
import com.example.signin.protocol.LinkRefusal;
import com.example.signin.protocol.SaltedHash;
import com.example.signin.protocol.Secrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DESIGN.md step 7 against DynamoDB Local. */
class LinkVerifierTest {

    private static final SaltedHash HASH = new SaltedHash("verifier-test-salt-1234");
    private static LocalDynamo dynamo;
    private static LinkStore store;

    private final SeededRandom random = new SeededRandom(7);
    private MutableClock clock;
    private LinkVerifier verifier;
    private static int addresses;
    private String email;
    private String secret;
    private String codeVerifier;

    @BeforeAll
    static void startDynamo() {
        dynamo = LocalDynamo.start();
        LinkStore.createTable(dynamo.client(), "links");
        store = new LinkStore(dynamo.client(), "links");
    }

    @AfterAll
    static void stopDynamo() {
        dynamo.close();
    }

    @BeforeEach
    void issueALink() {
        clock = MutableClock.at("2099-03-01T12:00:00Z");
        verifier = new LinkVerifier(store, HASH, 3, clock);
        email = "person" + (addresses++) + "@example.com";
        secret = Secrets.generate(random);
        codeVerifier = Secrets.generate(random);
        Instant now = clock.instant();
        store.putUnlessCoolingDown(LinkRecord.issued(HASH.of(email), HASH.of(secret), CodeChallenge.s256(codeVerifier),
                now.getEpochSecond(), now.plus(Duration.ofMinutes(15)).getEpochSecond()), Duration.ofSeconds(60), now);
    }

    @Test
    void theRightSecretWithTheRightVerifierSignsIn() {
        assertThat(verifier.verify(email, secret, codeVerifier)).isTrue();
    }

    @Test
    void theAddressIsMatchedAfterNormalisation() {
        assertThat(verifier.verify("  " + email.toUpperCase() + " ", secret, codeVerifier)).isTrue();
    }

    @Test
    void aReplayedLinkIsRefusedAsUsed() {
        verifier.verify(email, secret, codeVerifier);

        assertRefused(() -> verifier.verify(email, secret, codeVerifier), LinkRefusal.USED);
    }

    @Test
    void aLinkAfterItsExpiryIsRefusedAsExpired() {
        clock.advance(Duration.ofMinutes(15));

        assertRefused(() -> verifier.verify(email, secret, codeVerifier), LinkRefusal.EXPIRED);
    }

    @Test
    void aLinkOneSecondBeforeItsExpiryStillWorks() {
        clock.advance(Duration.ofMinutes(15).minusSeconds(1));

        assertThat(verifier.verify(email, secret, codeVerifier)).isTrue();
    }

    @Test
    void aLinkOpenedOnAnotherDeviceIsRefusedAsForeign() {
        assertRefused(() -> verifier.verify(email, secret, Secrets.generate(random)), LinkRefusal.FOREIGN_DEVICE);
        assertRefused(() -> verifier.verify(email, secret, null), LinkRefusal.FOREIGN_DEVICE);
        assertRefused(() -> verifier.verify(email, secret, "not a verifier"), LinkRefusal.FOREIGN_DEVICE);
    }

    @Test
    void aWrongSecretIsAnIncorrectAnswerAndIsCounted() {
        assertThat(verifier.verify(email, Secrets.generate(random), codeVerifier)).isFalse();

        assertThat(store.find(HASH.of(email)).orElseThrow().failedAttempts()).isEqualTo(1);
    }

    @Test
    void malformedAnswersAreIncorrectAndNeverThrow() {
        for (String answer : new String[] {null, "", "x", secret + "=", secret.substring(1), " " + secret}) {
            assertThat(verifier.verify(email, answer, codeVerifier)).as(String.valueOf(answer)).isFalse();
            issueALinkFor(email);
        }
    }

    @Test
    void theThirdWrongAnswerBurnsTheLink() {
        verifier.verify(email, Secrets.generate(random), codeVerifier);
        verifier.verify(email, Secrets.generate(random), codeVerifier);
        verifier.verify(email, Secrets.generate(random), codeVerifier);

        assertThat(store.find(HASH.of(email))).isEmpty();
        assertThat(verifier.verify(email, secret, codeVerifier)).isFalse();
    }

    @Test
    void refusedRightSecretsCountTowardsTheBurnToo() {
        assertRefused(() -> verifier.verify(email, secret, "wrong"), LinkRefusal.FOREIGN_DEVICE);
        assertThat(verifier.verify(email, Secrets.generate(random), codeVerifier)).isFalse();
        assertThatThrownBy(() -> verifier.verify(email, secret, null)).isInstanceOf(LinkRefusalException.class);

        assertThat(store.find(HASH.of(email))).isEmpty();
    }

    @Test
    void anAddressWithoutARecordOrWithoutAValidAddressIsAnIncorrectAnswer() {
        assertThat(verifier.verify("nobody@example.com", secret, codeVerifier)).isFalse();
        assertThat(verifier.verify("not-an-address", secret, codeVerifier)).isFalse();
        assertThat(verifier.verify(null, secret, codeVerifier)).isFalse();
    }

    @Test
    void ofFiftyConcurrentAnswersWithTheRightLinkExactlyOneSignsIn() throws Exception {
        List<Object> outcomes = LinkStoreTest.race(50, i -> {
            try {
                return verifier.verify(email, secret, codeVerifier);
            } catch (LinkRefusalException e) {
                return e.refusal();
            }
        });

        assertThat(outcomes).filteredOn(Boolean.TRUE::equals).hasSize(1);
        // the losers either see the link used or, once their own failures burnt it, no link at all
        assertThat(outcomes).filteredOn(o -> !Boolean.TRUE.equals(o))
                .hasSize(49)
                .allSatisfy(o -> assertThat(o).isIn(LinkRefusal.USED, Boolean.FALSE));
    }

    private void issueALinkFor(String address) {
        Instant now = clock.instant();
        store.deleteIfCurrent(HASH.of(address), store.find(HASH.of(address)).map(LinkRecord::secretHash).orElse("none"));
        store.putUnlessCoolingDown(LinkRecord.issued(HASH.of(address), HASH.of(secret), CodeChallenge.s256(codeVerifier),
                now.getEpochSecond(), now.plus(Duration.ofMinutes(15)).getEpochSecond()), Duration.ZERO, now);
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, LinkRefusal refusal) {
        assertThatThrownBy(call)
                .isInstanceOf(LinkRefusalException.class)
                .hasMessage(refusal.code())
                .extracting(e -> ((LinkRefusalException) e).refusal()).isEqualTo(refusal);
    }
}
