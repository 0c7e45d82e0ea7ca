package com.example.signin.systemtests.bench;

import com.example.signin.local.LocalBackend;
import com.example.signin.local.LocalBackendOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code POST /signin} on the local backend (issue 12): the request path alone (validate,
 * cooldown, budget, enqueue), each request a new address, so each also costs the worker a new
 * account and a mail. Each run on a fresh backend:
 *
 * <ul>
 *   <li><b>sequential</b>: one client, back to back;</li>
 *   <li><b>50 clients, each once a second</b> (open loop, 50 requests/s offered): the latency a
 *   person sees while 49 others ask too, timed from when the request was due, so a backend that
 *   falls behind is not flattered (no coordinated omission);</li>
 *   <li><b>50 clients, back to back</b> (closed loop): a saturation test. Fifty requests are in the
 *   backend at every moment, so the median is about 50 / throughput (Little's law); its figure is
 *   the throughput, printed beside it;</li>
 *   <li><b>request to mail</b>: from the request to the mail in the mailbox;</li>
 *   <li><b>CPU per request</b>: this JVM's CPU (backend, its worker and the client) per request
 *   of the sequential part, its deliveries included.</li>
 * </ul>
 */
final class SignInRequestBench {

    private static final int CLIENTS = 50;

    private final Path work;
    private final int runs;

    SignInRequestBench(Path work, int runs) {
        this.work = work;
        this.runs = runs;
    }

    void run() throws Exception {
        System.out.printf("%nPOST /signin on the local backend (each request a new address), and request to mail in the mailbox%n");
        List<Double> seq50 = new ArrayList<>();
        List<Double> seq99 = new ArrayList<>();
        List<Double> open50 = new ArrayList<>();
        List<Double> open99 = new ArrayList<>();
        List<Double> closed50 = new ArrayList<>();
        List<Double> closed99 = new ArrayList<>();
        List<Double> closedRate = new ArrayList<>();
        List<Double> mail50 = new ArrayList<>();
        List<Double> mail99 = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            try (LocalBackend backend = LocalBackend.start(LocalBackendOptions.builder().dataDir(work.resolve("signin-" + run)).build());
                 Benchmarks.Driver driver = new Benchmarks.Driver(backend.endpoints())) {
                backend.awaitWarm();
                for (int i = 0; i < 300; i++) {
                    driver.request("warm-" + run + "-" + i + "@example.com");
                }
                backend.awaitDeliveries(Duration.ofMinutes(5));

                long cpuBefore = Benchmarks.processCpuNanos();
                java.util.Map<String, Long> threadsBefore = cpuByThreadGroup();
                long[] sequential = new long[500];
                for (int i = 0; i < sequential.length; i++) {
                    sequential[i] = driver.request("seq-" + i + "@example.com");
                }
                backend.awaitDeliveries(Duration.ofMinutes(5));
                double cpuPerRequest = (Benchmarks.processCpuNanos() - cpuBefore) / 1e6 / sequential.length;
                java.util.Map<String, Long> threadsAfter = cpuByThreadGroup();
                StringBuilder split = new StringBuilder();
                threadsAfter.forEach((group, nanos) -> split.append(String.format(java.util.Locale.ROOT, " %s %.2f", group,
                        (nanos - threadsBefore.getOrDefault(group, 0L)) / 1e6 / sequential.length)));
                System.out.printf("  CPU ms per sequential request by thread:%s%n", split);

                long[] open = openLoop(driver, 10);
                backend.awaitDeliveries(Duration.ofMinutes(5));

                // Batches below the local queue's 1,000 places.
                long[] closed = new long[500];
                long started = System.nanoTime();
                parallel(closed.length, i -> closed[i] = driver.request("par-" + i + "@example.com"));
                double rate = closed.length / ((System.nanoTime() - started) / 1e9);
                backend.awaitDeliveries(Duration.ofMinutes(10));

                long[] toMail = new long[100];
                for (int i = 0; i < toMail.length; i++) {
                    String email = "mail-" + i + "@example.com";
                    long s = System.nanoTime();
                    driver.request(email);
                    driver.secret(email);
                    toMail[i] = System.nanoTime() - s;
                }
                System.out.printf("  run %d: sequential p50 %.1f ms, p99 %.1f ms; 50 clients once a second p50 %.1f ms, p99 %.1f ms; "
                                + "50 clients back to back p50 %.1f ms, p99 %.1f ms (%.0f requests/s); request to mailbox p50 %.1f ms, "
                                + "p99 %.1f ms; %.2f ms CPU per request, delivery included (load %s)%n",
                        run + 1, percentile(sequential, 50), percentile(sequential, 99), percentile(open, 50), percentile(open, 99),
                        percentile(closed, 50), percentile(closed, 99), rate, percentile(toMail, 50), percentile(toMail, 99),
                        cpuPerRequest, Benchmarks.loadAverage());
                seq50.add(percentile(sequential, 50));
                seq99.add(percentile(sequential, 99));
                open50.add(percentile(open, 50));
                open99.add(percentile(open, 99));
                closed50.add(percentile(closed, 50));
                closed99.add(percentile(closed, 99));
                closedRate.add(rate);
                mail50.add(percentile(toMail, 50));
                mail99.add(percentile(toMail, 99));
                cpu.add(cpuPerRequest);
            }
        }
        System.out.printf("SIGNIN sequential p50 %s ms, p99 %s ms%n", Benchmarks.summary(seq50), Benchmarks.summary(seq99));
        System.out.printf("SIGNIN 50 clients once a second (50 requests/s offered) p50 %s ms, p99 %s ms%n",
                Benchmarks.summary(open50), Benchmarks.summary(open99));
        System.out.printf("SIGNIN 50 clients back to back p50 %s ms, p99 %s ms, %s requests/s%n", Benchmarks.summary(closed50),
                Benchmarks.summary(closed99), Benchmarks.summary(closedRate));
        System.out.printf("SIGNIN request to mailbox p50 %s ms, p99 %s ms; CPU ms per request, delivery included %s%n",
                Benchmarks.summary(mail50), Benchmarks.summary(mail99), Benchmarks.summary(cpu));
    }

    /**
     * {@value #CLIENTS} clients, each sending one request a second for {@code seconds} seconds, their
     * starts spread over the first second; each time is from when the request was due to its answer.
     */
    private static long[] openLoop(Benchmarks.Driver driver, int seconds) throws Exception {
        long[] nanos = new long[CLIENTS * seconds];
        long origin = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                all.add(pool.submit(() -> {
                    for (int k = 0; k < seconds; k++) {
                        long due = origin + TimeUnit.MILLISECONDS.toNanos(1000L * k + 1000L * client / CLIENTS);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                        driver.request("open-" + client + "-" + k + "@example.com");
                        nanos[client * seconds + k] = System.nanoTime() - due;
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdown();
        }
        return nanos;
    }

    interface Request {
        void send(int index) throws Exception;
    }

    /** {@code count} requests over {@value #CLIENTS} clients, each sending its next as soon as the last is answered. */
    static void parallel(int count, Request request) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                all.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < count) {
                        request.send(i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get(20, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdown();
        }
    }

    static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    /** CPU time of the live threads, grouped by their name without digits (threads that ended are missing). */
    private static java.util.Map<String, Long> cpuByThreadGroup() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> groups = new java.util.TreeMap<>();
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu > 0) {
                String group = info.getThreadName().replaceAll("[0-9.:/<>\\[\\]-]+", "#").replaceAll("#+", "#");
                groups.merge(group.length() > 40 ? group.substring(0, 40) : group, cpu, Long::sum);
            }
        }
        return groups;
    }
}
