package com.example.signin.lambdas.service;

import com.example.signin.lambdas.testing.LocalDynamo;
import com.example.signin.protocol.OneTimeCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link LinkStore} against DynamoDB Local (embedded, a real engine). */
class LinkStoreTest {

    private static final Duration COOLDOWN = Duration.ofSeconds(60);
    // in the future: DynamoDB Local's TTL sweeper deletes records whose exp is in the real past
    private static final Instant NOW = Instant.parse("2099-01-05T10:00:00Z");
    private static final LinkKeys KEYS = new LinkKeys("store-test-deployment-secret-0123456789");

    @RegisterExtension
    static final LocalDynamo dynamo = new LocalDynamo();
    private static DynamoDbClient client;
    private static LinkStore store;
    private static int keys;

    @BeforeAll
    static void oneTableForTheClass() {
        client = dynamo.client();
        LinkStore.createTable(client, "links");
        store = new LinkStore(client, "links");
    }

    private static String freshKey() {
        return KEYS.address(com.example.signin.protocol.EmailAddress.parse("user" + (keys++) + "@example.com"));
    }

    private static LinkRecord record(String key, String device, String secret, Instant issued) {
        return LinkRecord.issued(key, KEYS.device(device), KEYS.secretHash(secret), KEYS.codeHash("code of " + secret), "challenge-of-the-verifier",
                issued.getEpochSecond(), issued.plus(Duration.ofMinutes(15)).getEpochSecond());
    }

    @Test
    void creatingTheTableAgainIsHarmless() {
        String key = freshKey();
        store.put(record(key, "a", "secret", NOW));

        LinkStore.createTable(client, "links");

        assertThat(store.pending(key)).hasSize(1);
    }

    @Test
    void aWrittenRecordReadsBackAndHoldsOnlyKeyedHashes() {
        String key = freshKey();
        LinkRecord written = record(key, "a", "the-secret", NOW);
        store.put(written);

        assertThat(store.pending(key)).containsExactly(written);
        Map<String, AttributeValue> item = client.scan(b -> b.tableName("links")).items().stream()
                .filter(i -> i.get("pk").s().equals(key)).findFirst().orElseThrow();
        assertThat(item.toString()).doesNotContain("the-secret").doesNotContain("@example.com");
        assertThat(item.get("codeHash").s()).isEqualTo(written.codeHash());
    }

    @Test
    void theCooldownIsPerDeviceAndTellsTheRemainingWait() {
        String key = freshKey();
        assertThat(store.startCooldown(key, "a", COOLDOWN, NOW)).isEmpty();

        assertThat(store.startCooldown(key, "a", COOLDOWN, NOW.plusSeconds(20))).contains(Duration.ofSeconds(40));
        assertThat(store.startCooldown(key, "b", COOLDOWN, NOW.plusSeconds(20))).as("another device").isEmpty();
        assertThat(store.startCooldown(key, "a", COOLDOWN, NOW.plusSeconds(60))).isEmpty();
    }

    @Test
    void aRequestOneSecondBeforeTheCooldownEndsIsRefusedForOneSecondAndAtItsEndItIsAccepted() {
        String key = freshKey();
        store.startCooldown(key, "a", COOLDOWN, NOW);

        assertThat(store.startCooldown(key, "a", COOLDOWN, NOW.plusSeconds(59))).contains(Duration.ofSeconds(1));
        assertThat(store.startCooldown(key, "a", COOLDOWN, NOW.plusSeconds(60))).isEmpty();
        assertThat(store.startCooldown(key, "a", COOLDOWN, NOW.plusSeconds(61))).as("the cooldown restarted at 60 s").contains(Duration.ofSeconds(59));
    }

    @Test
    void aClockThatWentBackNeverAsksForMoreThanOneCooldown() {
        String key = freshKey();
        store.startCooldown(key, "a", COOLDOWN, NOW);

        assertThat(store.startCooldown(key, "a", COOLDOWN, NOW.minusSeconds(30))).contains(COOLDOWN);
    }

    @Test
    void withoutACooldownEveryRequestOfADeviceIsAcceptedAndNothingIsWritten() {
        String key = freshKey();

        assertThat(store.startCooldown(key, "a", Duration.ZERO, NOW)).isEmpty();
        assertThat(store.startCooldown(key, "a", Duration.ZERO, NOW)).isEmpty();
        assertThat(client.scan(b -> b.tableName("links")).items()).noneMatch(i -> i.get("pk").s().equals(key));
    }

    @Test
    void aCooldownRecordExpiresWithTheCooldown() {
        String key = freshKey();
        store.startCooldown(key, "a", COOLDOWN, NOW);

        assertThat(item(key, "cooldown#a").get("exp").n()).isEqualTo(Long.toString(NOW.getEpochSecond() + 60));
    }

    @Test
    void theBudgetAllowsExactlyTheLimitAndOneSecondBeforeTheHourEndsStillRefuses() {
        String key = freshKey();
        for (int i = 0; i < 3; i++) {
            assertThat(store.spendBudget(key, "any", 3, NOW.plusSeconds(i))).as("link %d", i + 1).isEmpty();
        }

        assertThat(store.spendBudget(key, "any", 3, NOW.plusSeconds(10))).as("the fourth").contains(Duration.ofSeconds(3590));
        assertThat(store.spendBudget(key, "any", 3, NOW.plusSeconds(3599))).contains(Duration.ofSeconds(1));
        assertThat(store.spendBudget(key, "any", 3, NOW.plusSeconds(3600))).as("a new hour").isEmpty();
        assertThat(item(key, "budget#any").get("count").n()).isEqualTo("1");
        assertThat(item(key, "budget#any").get("exp").n()).isEqualTo(Long.toString(NOW.getEpochSecond() + 3600 + 3600));
    }

    @Test
    void aNewTableExpiresItsItemsByTheirExpTime() {
        LinkStore.createTable(client, "links-with-ttl");

        var ttl = client.describeTimeToLive(b -> b.tableName("links-with-ttl")).timeToLiveDescription();

        assertThat(ttl.timeToLiveStatusAsString()).isIn("ENABLED", "ENABLING");
        assertThat(ttl.attributeName()).isEqualTo("exp");
    }

    @Test
    void aUsedRecordWrittenAgainKeepsWhenItWasUsed() {
        String key = freshKey();
        LinkRecord issued = record(key, "a", "secret", NOW);
        LinkRecord used = new LinkRecord(issued.emailKey(), issued.deviceKey(), issued.secretHash(), issued.codeHash(),
                issued.challenge(), issued.issuedAt(), issued.expiresAt(), 1, 2, OptionalLong.of(NOW.getEpochSecond() + 5));

        store.put(used);

        assertThat(store.pending(key)).containsExactly(used);
    }

    @Test
    void theFirstLinkOfAnHourStartsItAndALaterOneCountsWithoutMovingIt() {
        String key = freshKey();

        assertThat(store.spendBudget(key, "any", 3, NOW)).isEmpty();
        assertThat(item(key, "budget#any")).containsEntry("count", AttributeValue.fromN("1"))
                .containsEntry("iat", AttributeValue.fromN(Long.toString(NOW.getEpochSecond())))
                .containsEntry("exp", AttributeValue.fromN(Long.toString(NOW.getEpochSecond() + 3600)));

        assertThat(store.spendBudget(key, "any", 3, NOW.plusSeconds(1800))).isEmpty();
        assertThat(item(key, "budget#any")).containsEntry("count", AttributeValue.fromN("2"))
                .containsEntry("iat", AttributeValue.fromN(Long.toString(NOW.getEpochSecond())))
                .containsEntry("exp", AttributeValue.fromN(Long.toString(NOW.getEpochSecond() + 3600)));
    }

    @Test
    void aLinkCanBeMarkedUsedUntilTheSecondBeforeItsExpiry() {
        LinkRecord link = record(freshKey(), "a", "secret", NOW);
        store.put(link);

        assertThat(store.markUsed(link, NOW.plus(Duration.ofMinutes(15)).minusSeconds(1), 5, OneTimeCode.MAX_WRONG_TRIES)).isTrue();
        assertThat(store.pending(link.emailKey()).get(0).usedAt()).hasValue(NOW.plus(Duration.ofMinutes(15)).minusSeconds(1).getEpochSecond());
        assertThat(store.markUsed(link, NOW.plusSeconds(5), 5, OneTimeCode.MAX_WRONG_TRIES)).as("single use").isFalse();
    }

    @Test
    void aRecordReplacedSinceItWasReadCannotBeMarkedUsed() {
        String key = freshKey();
        LinkRecord old = record(key, "a", "old", NOW);
        store.put(old);
        store.put(record(key, "a", "new", NOW.plusSeconds(1)));

        assertThat(store.markUsed(old, NOW.plusSeconds(5), 5, OneTimeCode.MAX_WRONG_TRIES)).isFalse();
        assertThat(store.markUsed(record(freshKey(), "a", "never-written", NOW), NOW.plusSeconds(5), 5, OneTimeCode.MAX_WRONG_TRIES)).as("no record").isFalse();
    }

    @Test
    void failuresAreCountedOneByOneAndARecordAtTheCapIsKept() {
        String key = freshKey();
        LinkRecord link = record(key, "a", "secret", NOW);
        store.put(link);

        assertThat(store.recordFailure(link)).isEqualTo(OptionalLong.of(1));
        assertThat(store.recordFailure(link)).isEqualTo(OptionalLong.of(2));
        assertThat(store.pending(key).get(0).failedAttempts()).isEqualTo(2);
        assertThat(store.keepNewest(key, 1)).as("one record, cap one").isZero();
        assertThat(store.pending(key)).hasSize(1);
    }

    @Test
    void ofManyRacingRequestsOfOneDeviceExactlyOneStartsTheCooldown() throws Exception {
        String key = freshKey();

        List<Optional<Duration>> outcomes = race(20, i -> store.startCooldown(key, "a", COOLDOWN, NOW));

        assertThat(outcomes).filteredOn(Optional::isEmpty).hasSize(1);
    }

    @Test
    void theHourlyBudgetIsSpentOnceByRacingRequestsAndRenewsAfterTheHour() throws Exception {
        String key = freshKey();

        List<Optional<Duration>> outcomes = race(15, i -> store.spendBudget(key, "any", 10, NOW));

        assertThat(outcomes).filteredOn(Optional::isEmpty).hasSize(10);
        assertThat(store.spendBudget(key, "any", 10, NOW.plusSeconds(600))).contains(Duration.ofSeconds(3000));
        assertThat(store.spendBudget(key, "other-source", 10, NOW.plusSeconds(600))).as("another source").isEmpty();
        assertThat(store.spendBudget(key, "any", 10, NOW.plusSeconds(3600))).isEmpty();
    }

    @Test
    void aDeviceReplacesOnlyItsOwnLinkAndTheOldestBeyondTheCapGo() {
        String key = freshKey();
        for (int i = 0; i < 4; i++) {
            store.put(record(key, "device-" + i, "s" + i, NOW.plusSeconds(i)));
        }
        store.put(record(key, "device-1", "newer", NOW.plusSeconds(10)));

        assertThat(store.pending(key)).hasSize(4);
        assertThat(store.keepNewest(key, 2)).isEqualTo(2);
        assertThat(store.pending(key)).extracting(LinkRecord::secretHash)
                .containsExactly(KEYS.secretHash("s3"), KEYS.secretHash("newer"));
    }

    @Test
    void ofFiftyThreadsMarkingOneLinkUsedExactlyOneWins() throws Exception {
        LinkRecord link = record(freshKey(), "a", "secret", NOW);
        store.put(link);

        List<Boolean> outcomes = race(50, i -> store.markUsed(link, NOW.plusSeconds(5), 5, OneTimeCode.MAX_WRONG_TRIES));

        assertThat(outcomes).filteredOn(Boolean::booleanValue).hasSize(1);
    }

    @Test
    void anExpiredOrSpentLinkCannotBeMarkedUsed() {
        LinkRecord link = record(freshKey(), "a", "secret", NOW);
        store.put(link);

        assertThat(store.markUsed(link, NOW.plus(Duration.ofMinutes(15)), 5, OneTimeCode.MAX_WRONG_TRIES)).isFalse();
        store.recordFailure(link);
        assertThat(store.markUsed(link, NOW.plusSeconds(5), 1, OneTimeCode.MAX_WRONG_TRIES)).as("one failure, limit one").isFalse();
        assertThat(store.markUsed(link, NOW.plusSeconds(5), 2, OneTimeCode.MAX_WRONG_TRIES)).isTrue();
    }

    @Test
    void wrongCodesAreCountedOneByOneAndAtTheLimitTheRecordCannotBeMarkedUsed() {
        LinkRecord link = record(freshKey(), "a", "secret", NOW);
        store.put(link);

        assertThat(store.recordWrongCode(link)).isEqualTo(OptionalLong.of(1));
        assertThat(store.recordWrongCode(link)).isEqualTo(OptionalLong.of(2));
        assertThat(store.pending(link.emailKey()).get(0).wrongCodes()).isEqualTo(2);
        assertThat(store.pending(link.emailKey()).get(0).failedAttempts()).as("a separate count").isZero();
        assertThat(store.markUsed(link, NOW.plusSeconds(5), 5, 2)).as("two wrong codes, limit two").isFalse();
        assertThat(store.markUsed(link, NOW.plusSeconds(5), 5, 3)).isTrue();
        assertThat(store.recordWrongCode(record(link.emailKey(), "a", "replaced", NOW))).as("another record").isEmpty();
    }

    @Test
    void aRecordWithoutACodeHashReadsBackWithAnEmptyOne() {
        String key = freshKey();
        LinkRecord older = LinkRecord.issued(key, KEYS.device("a"), KEYS.secretHash("secret"), "", "challenge-of-the-verifier",
                NOW.getEpochSecond(), NOW.plus(Duration.ofMinutes(15)).getEpochSecond());
        store.put(older);

        assertThat(store.pending(key)).containsExactly(older);
        assertThat(client.scan(b -> b.tableName("links")).items().stream().filter(i -> i.get("pk").s().equals(key)).findFirst()
                .orElseThrow()).doesNotContainKey("codeHash");
    }

    @Test
    void failuresAndDeletesApplyOnlyToTheRecordTheyWereMadeFor() {
        String key = freshKey();
        LinkRecord old = record(key, "a", "old", NOW);
        store.put(old);
        LinkRecord newer = record(key, "a", "new", NOW.plusSeconds(61));
        store.put(newer);

        assertThat(store.recordFailure(old)).isEqualTo(OptionalLong.empty());
        assertThat(store.deleteIfCurrent(old)).isFalse();
        assertThat(store.recordFailure(newer)).isEqualTo(OptionalLong.of(1));
        assertThat(store.deleteIfCurrent(newer)).isTrue();
        assertThat(store.pending(key)).isEmpty();
    }

    @Test
    void aMessageIsClaimedForDeliveryOnceUntilReleased() throws Exception {
        List<Boolean> outcomes = race(20, i -> store.claimDelivery("message-1", NOW));

        assertThat(outcomes).filteredOn(Boolean::booleanValue).hasSize(1);
        store.releaseDelivery("message-1");
        assertThat(store.claimDelivery("message-1", NOW)).isTrue();
    }

    private static Map<String, AttributeValue> item(String key, String sortKey) {
        return client.getItem(b -> b.tableName("links").key(Map.of("pk", AttributeValue.builder().s(key).build(),
                "sk", AttributeValue.builder().s(sortKey).build())).consistentRead(true)).item();
    }

    /** Runs {@code task} on {@code threads} threads released at the same moment. */
    static <T> List<T> race(int threads, IntTask<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                Callable<T> call = () -> {
                    ready.countDown();
                    go.await();
                    return task.run(n);
                };
                futures.add(pool.submit(call));
            }
            ready.await(30, TimeUnit.SECONDS);
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    interface IntTask<T> {
        T run(int i) throws Exception;
    }
}
