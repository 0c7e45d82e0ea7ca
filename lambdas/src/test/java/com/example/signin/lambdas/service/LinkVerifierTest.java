package com.example.signin.lambdas.service;

import com.example.signin.lambdas.testing.LocalDynamo;
import com.example.signin.lambdas.testing.MutableClock;
import com.example.signin.lambdas.testing.SeededRandom;
import com.example.signin.protocol.CodeChallenge;
import com.example.signin.protocol.LinkRefusal;
import com.example.signin.protocol.EmailAddress;
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

    static final LinkKeys KEYS = new LinkKeys("verifier-test-deployment-secret-0123456789");
    private static final int MAX_FAILED = 3;
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
        verifier = new LinkVerifier(store, KEYS, MAX_FAILED, clock);
        email = "person" + (addresses++) + "@example.com";
        secret = Secrets.generate(random);
        codeVerifier = Secrets.generate(random);
        issue(email, "device-a", secret, codeVerifier);
    }

    private void issue(String address, String device, String linkSecret, String linkVerifier) {
        Instant now = clock.instant();
        store.put(LinkRecord.issued(key(address), KEYS.device(device), KEYS.secretHash(linkSecret), CodeChallenge.s256(linkVerifier),
                now.getEpochSecond(), now.plus(Duration.ofMinutes(15)).getEpochSecond()));
    }

    private static String key(String address) {
        return KEYS.address(EmailAddress.parse(address));
    }

    private static LinkRecord only(String address) {
        return store.pending(key(address)).get(0);
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
    void madeUpAnswersOverManyRoundsChangeNothingAndTheOwnerStillSignsIn() {
        for (int round = 0; round < 50; round++) {
            assertThat(verifier.verify(email, Secrets.generate(random), Secrets.generate(random))).isFalse();
        }

        assertThat(only(email).failedAttempts()).isZero();
        assertThat(verifier.verify(email, secret, codeVerifier)).isTrue();
    }

    @Test
    void malformedAnswersAreIncorrectAndNeverThrow() {
        for (String answer : new String[] {null, "", "x", secret + "=", secret.substring(1), " " + secret}) {
            assertThat(verifier.verify(email, answer, codeVerifier)).as(String.valueOf(answer)).isFalse();
        }
        assertThat(only(email).failedAttempts()).isZero();
    }

    @Test
    void refusalsWhereTheSecretMatchedCountAndAtTheLimitTheLinkIsSpent() {
        for (int i = 0; i < MAX_FAILED; i++) {
            assertRefused(() -> verifier.verify(email, secret, Secrets.generate(random)), LinkRefusal.FOREIGN_DEVICE);
        }

        assertThat(only(email).failedAttempts()).isEqualTo(MAX_FAILED);
        assertRefused(() -> verifier.verify(email, secret, codeVerifier), LinkRefusal.USED);
        assertThat(store.markUsed(only(email), clock.instant(), MAX_FAILED)).as("markUsed checks the count too").isFalse();
    }

    @Test
    void eachDevicesLatestLinkWorksWhateverTheOtherDevicesAsk() {
        String otherSecret = Secrets.generate(random);
        String otherVerifier = Secrets.generate(random);
        issue(email, "device-b", otherSecret, otherVerifier);
        String newerSecret = Secrets.generate(random);
        issue(email, "device-b", newerSecret, otherVerifier);

        assertThat(store.pending(key(email))).hasSize(2);
        assertThat(verifier.verify(email, otherSecret, otherVerifier)).as("replaced by the same device").isFalse();
        assertThat(verifier.verify(email, newerSecret, otherVerifier)).isTrue();
        assertThat(verifier.verify(email, secret, codeVerifier)).as("device a's link is untouched").isTrue();
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
        assertThat(outcomes).filteredOn(o -> !Boolean.TRUE.equals(o))
                .hasSize(49)
                .allSatisfy(o -> assertThat(o).isEqualTo(LinkRefusal.USED));
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, LinkRefusal refusal) {
        assertThatThrownBy(call)
                .isInstanceOf(LinkRefusalException.class)
                .hasMessage(refusal.code())
                .extracting(e -> ((LinkRefusalException) e).refusal()).isEqualTo(refusal);
    }
}
