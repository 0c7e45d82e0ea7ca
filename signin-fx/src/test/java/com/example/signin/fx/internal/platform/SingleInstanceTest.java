package com.example.signin.fx.internal.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class SingleInstanceTest {

    private static final String LINK = "com.example.signin://signin#AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    @TempDir
    Path dataDir;

    @Test
    void aLinkHandedToTheRunningInstanceArrivesAtItsSink() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        try (SingleInstance instance = SingleInstance.tryBind(dataDir, received::add).orElseThrow()) {
            assertThat(LinkHandoff.send(dataDir, LINK)).isEqualTo(LinkHandoff.Result.DELIVERED);
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(LINK);
        }
    }

    @Test
    void aStartWithoutALinkAsksTheInstanceForItsWindowAndHandsNoLink() throws Exception {
        BlockingQueue<String> links = new LinkedBlockingQueue<>();
        AtomicInteger raised = new AtomicInteger();
        try (SingleInstance instance = SingleInstance.tryBind(dataDir, links::add, raised::incrementAndGet).orElseThrow()) {
            assertThat(LinkHandoff.raise(dataDir)).isEqualTo(LinkHandoff.Result.DELIVERED);
            assertThat(SingleInstance.claim(dataDir, Optional.empty(), l -> { }, () -> { }, Duration.ofSeconds(5)))
                    .isInstanceOf(SingleInstance.Claim.AlreadyRunning.class);
            waitUntil(() -> raised.get() == 2);
            assertThat(links).isEmpty();
        }
    }

    @Test
    void withoutAnInstanceTheHandOffFindsNobody() {
        assertThat(LinkHandoff.send(dataDir, LINK)).isEqualTo(LinkHandoff.Result.NO_INSTANCE);
    }

    @Test
    void theSocketIsPrivateToTheUser() throws Exception {
        try (SingleInstance instance = SingleInstance.tryBind(dataDir, l -> { }).orElseThrow()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(instance.socket()))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(instance.socket().getParent())))
                    .isEqualTo("rwx------");
        }
    }

    @Test
    void aSecondInstanceCannotBindWhileTheFirstRuns() throws Exception {
        try (SingleInstance first = SingleInstance.tryBind(dataDir, l -> { }).orElseThrow()) {
            assertThat(SingleInstance.tryBind(dataDir, l -> { })).isEmpty();
            assertThat(SingleInstance.claim(dataDir, Optional.empty(), l -> { }, Duration.ofSeconds(5)))
                    .isInstanceOf(SingleInstance.Claim.AlreadyRunning.class);
        }
    }

    @Test
    void aStaleSocketFileWithNoListenerIsTakenOver() throws Exception {
        Path socket = InstanceSocket.socketPath(dataDir);
        Files.createDirectories(socket.getParent());
        // A Unix-domain server that closes leaves its file behind, as a crashed app does.
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThat(socket).exists();
        assertThat(LinkHandoff.send(dataDir, LINK)).isEqualTo(LinkHandoff.Result.NO_INSTANCE);

        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        SingleInstance.Claim claim = SingleInstance.claim(dataDir, Optional.of(LINK), received::add, Duration.ofSeconds(5));
        assertThat(claim).isInstanceOf(SingleInstance.Claim.Instance.class);
        try (SingleInstance instance = ((SingleInstance.Claim.Instance) claim).instance()) {
            assertThat(LinkHandoff.send(dataDir, LINK + "2")).isEqualTo(LinkHandoff.Result.DELIVERED);
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(LINK + "2");
        }
    }

    @Test
    void twoColdStartsAtOnceInOneProcessLoseNoLink() throws Exception {
        int starts = 6;
        List<String> received = new CopyOnWriteArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(starts);
        List<Future<SingleInstance.Claim>> claims = new ArrayList<>();
        for (int i = 0; i < starts; i++) {
            String link = LINK + i;
            claims.add(pool.submit(() -> {
                go.await();
                SingleInstance.Claim claim = SingleInstance.claim(dataDir, Optional.of(link), received::add, Duration.ofSeconds(30));
                if (claim instanceof SingleInstance.Claim.Instance) {
                    received.add(link); // the instance delivers its own link itself, as AppStartup does
                }
                return claim;
            }));
        }
        go.countDown();
        List<SingleInstance> instances = new ArrayList<>();
        for (Future<SingleInstance.Claim> claim : claims) {
            SingleInstance.Claim c = claim.get(60, TimeUnit.SECONDS);
            if (c instanceof SingleInstance.Claim.Instance i) {
                instances.add(i.instance());
            } else {
                assertThat(c).isInstanceOf(SingleInstance.Claim.HandedOff.class);
            }
        }
        pool.shutdown();
        try {
            assertThat(instances).hasSize(1);
            waitUntil(() -> received.size() == starts);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < starts; i++) {
                expected.add(LINK + i);
            }
            assertThat(received).containsExactlyInAnyOrderElementsOf(expected);
        } finally {
            instances.forEach(SingleInstance::close);
        }
    }

    @Test
    void twoColdStartProcessesAtOnceLoseNoLinkAndAKilledInstanceIsReplaced(@TempDir Path logs) throws Exception {
        Process a = probe(logs.resolve("a.txt"), LINK + "a");
        Process b = probe(logs.resolve("b.txt"), LINK + "b");
        Process c = null;
        try {
            waitUntil(() -> read(logs.resolve("a.txt")).contains("INSTANCE") || read(logs.resolve("b.txt")).contains("INSTANCE"));
            boolean aWon = read(logs.resolve("a.txt")).contains("INSTANCE");
            Process winner = aWon ? a : b;
            Path winnerLog = logs.resolve(aWon ? "a.txt" : "b.txt");
            Path loserLog = logs.resolve(aWon ? "b.txt" : "a.txt");
            waitUntil(() -> read(loserLog).contains("HANDED_OFF"));
            waitUntil(() -> read(winnerLog).contains("LINK " + LINK + "a") && read(winnerLog).contains("LINK " + LINK + "b"));

            winner.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertThat(InstanceSocket.socketPath(dataDir)).as("the killed instance leaves its socket file").exists();

            c = probe(logs.resolve("c.txt"), LINK + "c");
            Path cLog = logs.resolve("c.txt");
            // The probe prints INSTANCE and then its own link; wait for both rather than read between them.
            waitUntil(() -> read(cLog).contains("INSTANCE") && read(cLog).contains("LINK " + LINK + "c"));
            assertThat(LinkHandoff.send(dataDir, LINK + "d")).isEqualTo(LinkHandoff.Result.DELIVERED);
            waitUntil(() -> read(cLog).contains("LINK " + LINK + "d"));
        } finally {
            a.destroyForcibly();
            b.destroyForcibly();
            if (c != null) {
                c.destroyForcibly();
            }
        }
    }

    @Test
    void aLinkLongerThanTheCapIsRefused() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        try (SingleInstance instance = SingleInstance.tryBind(dataDir, received::add).orElseThrow()) {
            String huge = "x".repeat(InstanceSocket.MAX_LINE_BYTES + 10);
            assertThat(LinkHandoff.send(dataDir, huge)).isEqualTo(LinkHandoff.Result.REFUSED);
            assertThat(LinkHandoff.send(dataDir, LINK)).isEqualTo(LinkHandoff.Result.DELIVERED);
            waitUntil(() -> received.size() == 1);
            assertThat(received).containsExactly(LINK);
        }
    }

    @Test
    void aClientThatSendsNothingDoesNotBlockTheNextHandOff() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        try (SingleInstance instance = SingleInstance.tryBind(dataDir, received::add).orElseThrow();
                SocketChannel stuck = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            stuck.connect(UnixDomainSocketAddress.of(instance.socket()));
            stuck.write(ByteBuffer.wrap("com.example".getBytes(StandardCharsets.UTF_8))); // no newline, ever
            assertThat(LinkHandoff.send(dataDir, LINK)).isEqualTo(LinkHandoff.Result.DELIVERED);
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(LINK);
            // The instance gives up on the stuck client: its read sees the end of the stream.
            ByteBuffer answer = ByteBuffer.allocate(16);
            assertThat(stuck.read(answer)).isEqualTo(-1);
            assertThat(received).isEmpty();
        }
    }

    @Test
    void afterCloseTheSocketIsGoneAndANewInstanceCanStart() throws Exception {
        SingleInstance first = SingleInstance.tryBind(dataDir, l -> { }).orElseThrow();
        first.close();
        assertThat(first.socket()).doesNotExist();
        assertThat(LinkHandoff.send(dataDir, LINK)).isEqualTo(LinkHandoff.Result.NO_INSTANCE);
        try (SingleInstance second = SingleInstance.tryBind(dataDir, l -> { }).orElseThrow()) {
            assertThat(second.socket()).exists();
        }
    }

    private Process probe(Path output, String link) throws IOException {
        return ChildJvm.start(ChildJvm.command(List.of(), InstanceProbe.class, List.of(dataDir.toString(), link)), Map.of(), output);
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Waits for a condition, bounded by the test's timeout; no timing threshold is asserted. */
    static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The condition did not hold within 60 s");
            }
            Thread.sleep(20);
        }
    }
}
