package com.example.signin.lambdas.service;

import com.example.signin.lambdas.testing.LocalDynamo;
import com.example.signin.lambdas.testing.MutableClock;
import com.example.signin.lambdas.testing.SeededRandom;
import com.example.signin.protocol.CodeChallenge;
import com.example.signin.protocol.LinkRefusal;
import com.example.signin.protocol.OneTimeCode;
import com.example.signin.protocol.EmailAddress;
import com.example.signin.protocol.Secrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Duration;
import java.time.Instant;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

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
        store.put(LinkRecord.issued(key(address), KEYS.device(device), KEYS.secretHash(linkSecret),
                KEYS.codeHash(Secrets.isWellFormed(linkSecret) ? OneTimeCode.derive(linkSecret) : ""), CodeChallenge.s256(linkVerifier),
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
        assertRefused(() -> verifier.verify(email, secret, Secrets.generate(random)), LinkRefusal.USED);
        assertRefused(() -> verifier.verify(email, secret, codeVerifier), LinkRefusal.USED);
        assertThat(store.markUsed(only(email), clock.instant(), MAX_FAILED, OneTimeCode.MAX_WRONG_TRIES)).as("markUsed checks the count too").isFalse();
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

    @Test
    void theFailureLimitMustBeAtLeastOne() {
        assertThatThrownBy(() -> new LinkVerifier(store, KEYS, 0, clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxFailedAttempts must be at least 1");

        LinkVerifier strictest = new LinkVerifier(store, KEYS, 1, clock);
        assertRefused(() -> strictest.verify(email, secret, Secrets.generate(random)), LinkRefusal.FOREIGN_DEVICE);
        assertRefused(() -> strictest.verify(email, secret, codeVerifier), LinkRefusal.USED);
    }

    @Test
    void oneRefusalBelowTheLimitTheOwnerStillSignsIn() {
        for (int i = 0; i < MAX_FAILED - 1; i++) {
            assertRefused(() -> verifier.verify(email, secret, Secrets.generate(random)), LinkRefusal.FOREIGN_DEVICE);
        }

        assertThat(verifier.verify(email, secret, codeVerifier)).isTrue();
    }

    @Test
    void eachRefusalWhereTheSecretMatchedIsCountedOnTheRecord() {
        assertRefused(() -> verifier.verify(email, secret, null), LinkRefusal.FOREIGN_DEVICE);
        assertThat(only(email).failedAttempts()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(15));
        assertRefused(() -> verifier.verify(email, secret, codeVerifier), LinkRefusal.EXPIRED);
        assertThat(only(email).failedAttempts()).isEqualTo(2);
    }

    @Test
    void anAnswerThatIsNotAWellFormedSecretNeverSignsInEvenIfARecordHoldsItsHash() {
        String otherAddress = "planted" + (addresses++) + "@example.com";
        issue(otherAddress, "device-a", "not-a-generated-secret", codeVerifier);

        assertThat(verifier.verify(otherAddress, "not-a-generated-secret", codeVerifier)).isFalse();
        assertThat(only(otherAddress).usedAt()).isEmpty();
    }

    @Test
    void aLinkUsedByAConcurrentAnswerWhileThisOneIsCheckedIsRefusedAsUsedAndCounted() {
        LinkVerifier racing = new LinkVerifier(storeThatFirst(() -> store.markUsed(only(email), clock.instant(), MAX_FAILED, OneTimeCode.MAX_WRONG_TRIES)),
                KEYS, MAX_FAILED, clock);

        assertRefused(() -> racing.verify(email, secret, codeVerifier), LinkRefusal.USED);
        assertThat(only(email).failedAttempts()).isEqualTo(1);
    }

    @Test
    void aLinkReplacedByTheSameDevicesNewerRequestWhileItIsCheckedIsAnIncorrectAnswerThatChangesNothing() {
        String newerSecret = Secrets.generate(random);
        LinkVerifier racing = new LinkVerifier(storeThatFirst(() -> issue(email, "device-a", newerSecret, codeVerifier)),
                KEYS, MAX_FAILED, clock);

        assertThat(racing.verify(email, secret, codeVerifier)).isFalse();
        assertThat(only(email).failedAttempts()).isZero();
        assertThat(verifier.verify(email, newerSecret, codeVerifier)).isTrue();
    }

    // The one-time code: a second answer to the same record, bound to the asking device.

    private String code() {
        return OneTimeCode.derive(secret);
    }

    /** A code of the alphabet that is not this link's code. */
    private String wrongCode(int n) {
        String wrong = OneTimeCode.derive(Secrets.generate(new SeededRandom(1000 + n)));
        return wrong.equals(code()) ? wrongCode(n + 100) : wrong;
    }

    @Test
    void theCodeFromTheMailWithTheAskingDevicesVerifierSignsIn() {
        assertThat(verifier.verify(email, code(), codeVerifier)).isTrue();
        assertThat(only(email).usedAt()).isPresent();
    }

    @Test
    void aCodeFromAnotherDeviceOrWithoutAVerifierIsIncorrectAndCountsNothing() {
        for (String otherVerifier : new String[] {Secrets.generate(random), null, "not a verifier"}) {
            assertThat(verifier.verify(email, code(), otherVerifier)).as(String.valueOf(otherVerifier)).isFalse();
            assertThat(verifier.verify(email, wrongCode(1), otherVerifier)).isFalse();
        }

        assertThat(only(email).wrongCodes()).isZero();
        assertThat(only(email).failedAttempts()).isZero();
        assertThat(verifier.verify(email, code(), codeVerifier)).isTrue();
    }

    @Test
    void eachWrongCodeFromTheAskingDeviceCountsAndTheFifthSpendsTheRecordForCodeAndLink() {
        for (int i = 1; i < OneTimeCode.MAX_WRONG_TRIES; i++) {
            assertThat(verifier.verify(email, wrongCode(i), codeVerifier)).isFalse();
            assertThat(only(email).wrongCodes()).isEqualTo(i);
        }

        assertRefused(() -> verifier.verify(email, wrongCode(9), codeVerifier), LinkRefusal.SPENT);
        assertThat(only(email).wrongCodes()).isEqualTo(OneTimeCode.MAX_WRONG_TRIES);
        assertRefused(() -> verifier.verify(email, code(), codeVerifier), LinkRefusal.SPENT);
        assertRefused(() -> verifier.verify(email, secret, codeVerifier), LinkRefusal.SPENT);
        assertThat(store.markUsed(only(email), clock.instant(), MAX_FAILED, OneTimeCode.MAX_WRONG_TRIES))
                .as("markUsed checks the wrong codes too").isFalse();
        assertThat(only(email).usedAt()).isEmpty();
    }

    @Test
    void oneWrongCodeBelowTheLimitTheRightCodeStillSignsIn() {
        for (int i = 1; i < OneTimeCode.MAX_WRONG_TRIES; i++) {
            assertThat(verifier.verify(email, wrongCode(i), codeVerifier)).isFalse();
        }

        assertThat(verifier.verify(email, code(), codeVerifier)).isTrue();
    }

    @Test
    void theLinkThenTheCodeSignsInOnce() {
        assertThat(verifier.verify(email, secret, codeVerifier)).isTrue();

        assertRefused(() -> verifier.verify(email, code(), codeVerifier), LinkRefusal.USED);
        assertRefused(() -> verifier.verify(email, wrongCode(1), codeVerifier), LinkRefusal.USED);
        assertThat(only(email).wrongCodes()).as("a closed record counts no more").isZero();
    }

    @Test
    void theCodeThenTheLinkSignsInOnce() {
        assertThat(verifier.verify(email, code(), codeVerifier)).isTrue();

        assertRefused(() -> verifier.verify(email, secret, codeVerifier), LinkRefusal.USED);
    }

    @Test
    void aCodeAfterItsExpiryIsRefusedAsExpiredAndOneSecondBeforeItWorks() {
        clock.advance(Duration.ofMinutes(15));
        assertRefused(() -> verifier.verify(email, code(), codeVerifier), LinkRefusal.EXPIRED);

        clock.advance(Duration.ofSeconds(-1));
        assertThat(verifier.verify(email, code(), codeVerifier)).isTrue();
    }

    @Test
    void eachDeviceSignsInWithItsOwnCodeOnlyAndAnOlderMailsCodeIsWrong() {
        String otherSecret = Secrets.generate(random);
        String otherVerifier = Secrets.generate(random);
        issue(email, "device-b", otherSecret, otherVerifier);
        String newerSecret = Secrets.generate(random);
        issue(email, "device-b", newerSecret, otherVerifier);

        assertThat(verifier.verify(email, code(), otherVerifier)).as("device a's code on device b: wrong there").isFalse();
        assertThat(verifier.verify(email, OneTimeCode.derive(otherSecret), otherVerifier)).as("replaced mail").isFalse();
        assertThat(verifier.verify(email, OneTimeCode.derive(newerSecret), otherVerifier)).isTrue();
        assertThat(store.pending(key(email))).extracting(LinkRecord::deviceKey, LinkRecord::wrongCodes).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(KEYS.device("device-a"), 0),
                org.assertj.core.groups.Tuple.tuple(KEYS.device("device-b"), 2));
        assertThat(verifier.verify(email, code(), codeVerifier)).isTrue();
    }

    @Test
    void aRecordWrittenBeforeCodesExistedTakesNoCodeButItsLinkStillWorks() {
        String olderAddress = "older" + (addresses++) + "@example.com";
        Instant now = clock.instant();
        store.put(LinkRecord.issued(key(olderAddress), KEYS.device("device-a"), KEYS.secretHash(secret), "",
                CodeChallenge.s256(codeVerifier), now.getEpochSecond(), now.plus(Duration.ofMinutes(15)).getEpochSecond()));

        assertThat(verifier.verify(olderAddress, code(), codeVerifier)).isFalse();
        assertThat(verifier.verify(olderAddress, secret, codeVerifier)).isTrue();
    }

    @Test
    void ofFiftyConcurrentRightCodesExactlyOneSignsIn() throws Exception {
        List<Object> outcomes = LinkStoreTest.race(50, i -> {
            try {
                return verifier.verify(email, code(), codeVerifier);
            } catch (LinkRefusalException e) {
                return e.refusal();
            }
        });

        assertThat(outcomes).filteredOn(Boolean.TRUE::equals).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !Boolean.TRUE.equals(o)).hasSize(49)
                .allSatisfy(o -> assertThat(o).isEqualTo(LinkRefusal.USED));
    }

    @Test
    void aCodeWhoseLinkIsUsedWhileItIsCheckedIsRefusedAsUsed() {
        LinkVerifier racing = new LinkVerifier(storeThatFirst(() -> verifier.verify(email, secret, codeVerifier)),
                KEYS, MAX_FAILED, clock);

        assertRefused(() -> racing.verify(email, code(), codeVerifier), LinkRefusal.USED);
    }

    @Test
    void aCodeWhoseRecordIsSpentByWrongCodesWhileItIsCheckedIsRefusedAsSpent() {
        LinkVerifier racing = new LinkVerifier(storeThatFirst(() -> {
            for (int i = 0; i < OneTimeCode.MAX_WRONG_TRIES; i++) {
                store.recordWrongCode(only(email));
            }
        }), KEYS, MAX_FAILED, clock);

        assertRefused(() -> racing.verify(email, code(), codeVerifier), LinkRefusal.SPENT);
    }

    @Test
    void aCodeWhoseRecordIsReplacedWhileItIsCheckedIsAnIncorrectAnswerThatChangesNothing() {
        String newerSecret = Secrets.generate(random);
        LinkVerifier racing = new LinkVerifier(storeThatFirst(() -> issue(email, "device-a", newerSecret, codeVerifier)),
                KEYS, MAX_FAILED, clock);

        assertThat(racing.verify(email, code(), codeVerifier)).isFalse();
        assertThat(only(email).wrongCodes()).isZero();
        assertThat(verifier.verify(email, OneTimeCode.derive(newerSecret), codeVerifier)).isTrue();
    }

    /** A store whose first attempt to mark a link used is preceded by {@code meanwhile}: a deterministic race. */
    private static LinkStore storeThatFirst(Runnable meanwhile) {
        DynamoDbClient real = dynamo.client();
        AtomicBoolean done = new AtomicBoolean();
        DynamoDbClient racing = (DynamoDbClient) Proxy.newProxyInstance(LinkVerifierTest.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("updateItem") && args[0] instanceof Consumer<?> consumer) {
                        UpdateItemRequest.Builder builder = UpdateItemRequest.builder();
                        @SuppressWarnings("unchecked")
                        Consumer<UpdateItemRequest.Builder> fill = (Consumer<UpdateItemRequest.Builder>) consumer;
                        fill.accept(builder);
                        UpdateItemRequest request = builder.build();
                        if (request.updateExpression().startsWith("SET") && done.compareAndSet(false, true)) {
                            meanwhile.run();
                        }
                        return real.updateItem(request);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new LinkStore(racing, "links");
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, LinkRefusal refusal) {
        assertThatThrownBy(call)
                .isInstanceOf(LinkRefusalException.class)
                .hasMessage(refusal.code())
                .extracting(e -> ((LinkRefusalException) e).refusal()).isEqualTo(refusal);
    }
}
