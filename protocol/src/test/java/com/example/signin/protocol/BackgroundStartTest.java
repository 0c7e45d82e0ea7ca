package com.example.signin.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BackgroundStartTest {

    @Test
    void whatIsMadeOnADaemonThreadOfItsOwnIsHandedToWhoeverWaits() {
        AtomicReference<Thread> maker = new AtomicReference<>();
        BackgroundStart<String> start = BackgroundStart.start("key-maker", "the key", () -> {
            maker.set(Thread.currentThread());
            return "key";
        });

        assertThat(start.await(Duration.ofSeconds(30))).isEqualTo("key");
        assertThat(maker.get().getName()).isEqualTo("key-maker");
        assertThat(maker.get().isDaemon()).isTrue();
    }

    @Test
    void nothingIsMadeBeforeWhatItWaitsForHasCompleted() throws Exception {
        CompletableFuture<Void> after = new CompletableFuture<>();
        AtomicBoolean made = new AtomicBoolean();
        CountDownLatch making = new CountDownLatch(1);
        BackgroundStart<String> start = BackgroundStart.start("db", "the database", after, () -> {
            made.set(true);
            making.countDown();
            return "db";
        });

        assertThat(start.future()).isNotDone();
        assertThat(made).isFalse();
        after.complete(null);
        making.await();
        assertThat(start.await(Duration.ofSeconds(30))).isEqualTo("db");
    }

    @Test
    void aFailureToMakeItIsNamedWithItsCauseAndAFailedPredecessorMeansItIsNeverMade() {
        BackgroundStart<String> failing = BackgroundStart.start("db", "the database", () -> {
            throw new IOException("disk full");
        });
        assertThatThrownBy(() -> failing.await(Duration.ofSeconds(30)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The database could not be made: disk full")
                .hasCauseInstanceOf(IOException.class);

        AtomicBoolean made = new AtomicBoolean();
        BackgroundStart<String> never = BackgroundStart.start("key", "the signing key",
                CompletableFuture.failedFuture(new IllegalStateException("port taken")), () -> {
                    made.set(true);
                    return "key";
                });
        assertThatThrownBy(() -> never.await(Duration.ofSeconds(30)))
                .hasMessageStartingWith("The signing key could not be made: Stopped before the signing key was made");
        assertThat(made).isFalse();
    }

    @Test
    void aWaiterGivesUpAfterItsTimeLimitWithASentenceSayingWhat() {
        CompletableFuture<Void> never = new CompletableFuture<>();
        BackgroundStart<String> start = BackgroundStart.start("db", "the database", never, () -> "db");

        assertThatThrownBy(() -> start.await(Duration.ZERO))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The database was not ready within 0 s");
    }
}
