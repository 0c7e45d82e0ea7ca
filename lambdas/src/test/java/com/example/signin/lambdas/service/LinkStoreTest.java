package com.example.signin.lambdas.service;

import com.example.signin.lambdas.testing.LocalDynamo;
import com.example.signin.protocol.SaltedHash;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
    private static final SaltedHash HASH = new SaltedHash("test-salt-0123456789");

    private static LocalDynamo dynamo;
    private static DynamoDbClient client;
    private static LinkStore store;
    private static int keys;

    @BeforeAll
    static void startDynamo() {
        dynamo = LocalDynamo.start();
        client = dynamo.client();
        LinkStore.createTable(client, "links");
        store = new LinkStore(client, "links");
    }

    @AfterAll
    static void stopDynamo() {
        dynamo.close();
    }

    private static String freshKey() {
        return HASH.of("user" + (keys++) + "@example.com");
    }

    private static LinkRecord record(String key, String secret, Instant issued) {
        return LinkRecord.issued(key, HASH.of(secret), "challenge-of-the-verifier", issued.getEpochSecond(),
                issued.plus(Duration.ofMinutes(15)).getEpochSecond());
    }

    @Test
    void creatingTheTableAgainIsHarmless() {
        LinkStore.createTable(client, "links");
        assertThat(client.listTables().tableNames()).contains("links");
        var ttl = client.describeTimeToLive(b -> b.tableName("links")).timeToLiveDescription();
        assertThat(ttl.attributeName()).isEqualTo(LinkStore.EXP);
        assertThat(ttl.timeToLiveStatusAsString()).isIn("ENABLED", "ENABLING");
    }

    @Test
    void aWrittenRecordReadsBackAndHoldsOnlyHashes() {
        String key = HASH.of("alice@example.com");
        LinkRecord written = record(key, "the-secret", NOW);
        assertThat(store.putUnlessCoolingDown(written, COOLDOWN, NOW)).isEmpty();

        assertThat(store.find(key)).contains(written);
        Map<String, AttributeValue> raw = client.getItem(b -> b.tableName("links").key(Map.of("pk", AttributeValue.fromS(key)))).item();
        assertThat(raw.values().toString()).doesNotContain("alice").doesNotContain("the-secret");
        assertThat(raw.get(LinkStore.EXP).n()).isEqualTo(Long.toString(NOW.getEpochSecond() + 900));
    }

    @Test
    void aSecondRequestWithinTheCooldownIsRefusedWithTheRemainingWait() {
        String key = freshKey();
        store.putUnlessCoolingDown(record(key, "first", NOW), COOLDOWN, NOW);

        Optional<Duration> wait = store.putUnlessCoolingDown(record(key, "second", NOW.plusSeconds(15)), COOLDOWN, NOW.plusSeconds(15));

        assertThat(wait).contains(Duration.ofSeconds(45));
        assertThat(store.find(key).orElseThrow().secretHash()).isEqualTo(HASH.of("first"));
    }

    @Test
    void aRequestAfterTheCooldownReplacesTheOldLink() {
        String key = freshKey();
        store.putUnlessCoolingDown(record(key, "first", NOW), COOLDOWN, NOW);

        Instant later = NOW.plus(COOLDOWN);
        assertThat(store.putUnlessCoolingDown(record(key, "second", later), COOLDOWN, later)).isEmpty();

        assertThat(store.find(key).orElseThrow().secretHash()).isEqualTo(HASH.of("second"));
        assertThat(store.markUsed(key, HASH.of("first"), later)).isFalse();
    }

    @Test
    void ofManyRacingRequestsForOneAddressExactlyOneIsWritten() throws Exception {
        String key = freshKey();
        List<Optional<Duration>> results = race(20, i -> store.putUnlessCoolingDown(record(key, "racer" + i, NOW), COOLDOWN, NOW));

        assertThat(results).filteredOn(Optional::isEmpty).hasSize(1);
        assertThat(results).filteredOn(Optional::isPresent).hasSize(19)
                .allSatisfy(wait -> assertThat(wait).contains(COOLDOWN));
    }

    @Test
    void ofFiftyThreadsMarkingOneLinkUsedExactlyOneWins() throws Exception {
        String key = freshKey();
        store.putUnlessCoolingDown(record(key, "s", NOW), COOLDOWN, NOW);

        List<Boolean> results = race(50, i -> store.markUsed(key, HASH.of("s"), NOW.plusSeconds(5)));

        assertThat(results).filteredOn(won -> won).hasSize(1);
        assertThat(store.find(key).orElseThrow().usedAt()).isEqualTo(OptionalLong.of(NOW.plusSeconds(5).getEpochSecond()));
    }

    @Test
    void anExpiredLinkCannotBeMarkedUsed() {
        String key = freshKey();
        store.putUnlessCoolingDown(record(key, "s", NOW), COOLDOWN, NOW);

        assertThat(store.markUsed(key, HASH.of("s"), NOW.plus(Duration.ofMinutes(15)))).isFalse();
    }

    @Test
    void failuresAreCountedOnlyAgainstTheRecordTheyWereMadeFor() {
        String key = freshKey();
        store.putUnlessCoolingDown(record(key, "s", NOW), COOLDOWN, NOW);

        assertThat(store.recordFailure(key, HASH.of("s"))).hasValue(1);
        assertThat(store.recordFailure(key, HASH.of("s"))).hasValue(2);
        assertThat(store.recordFailure(key, HASH.of("other"))).isEmpty();
        assertThat(store.recordFailure(freshKey(), HASH.of("s"))).isEmpty();
        assertThat(store.find(key).orElseThrow().failedAttempts()).isEqualTo(2);
    }

    @Test
    void anOlderRequestNeverDeletesANewerRecord() {
        String key = freshKey();
        store.putUnlessCoolingDown(record(key, "old", NOW), COOLDOWN, NOW);
        Instant later = NOW.plus(COOLDOWN);
        store.putUnlessCoolingDown(record(key, "new", later), COOLDOWN, later);

        assertThat(store.deleteIfCurrent(key, HASH.of("old"))).isFalse();
        assertThat(store.find(key)).isPresent();
        assertThat(store.deleteIfCurrent(key, HASH.of("new"))).isTrue();
        assertThat(store.find(key)).isEmpty();
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
