package com.example.signin.systemtests.bench;

import com.example.signin.local.LocalBackend;
import com.example.signin.local.LocalBackendOptions;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code BackendSoak DATA_DIR FLOWS}: full flows by 20 clients on one embedded backend, printing
 * {@code SOAK} lines with the heap after a full GC and the resident set every 1,000 flows. Run in a
 * JVM of its own (with the embedded heap limit) by {@link LocalBackendBench#soak()}.
 */
public final class BackendSoak {

    private BackendSoak() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int flows = Integer.parseInt(args[1]);
        int step = 1_000;
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try (LocalBackend backend = LocalBackend.start(LocalBackendOptions.builder().dataDir(dir).build());
             Benchmarks.Driver driver = new Benchmarks.Driver(backend.endpoints())) {
            backend.awaitWarm();
            report(0, 0);
            ExecutorService clients = Executors.newFixedThreadPool(20);
            long start = System.nanoTime();
            for (int done = 0; done < flows; done += step) {
                int from = done;
                AtomicInteger next = new AtomicInteger(from);
                List<Future<?>> all = new ArrayList<>();
                for (int c = 0; c < 20; c++) {
                    all.add(clients.submit(() -> {
                        int i;
                        while ((i = next.getAndIncrement()) < from + step) {
                            driver.flow("soak-" + i + "@example.com");
                        }
                        return null;
                    }));
                }
                for (Future<?> f : all) {
                    f.get();
                }
                report(from + step, (from + step) / ((System.nanoTime() - start) / 1e9));
            }
            clients.shutdown();
        }
        System.exit(0);
    }

    private static void report(int flows, double rate) throws Exception {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long rss = 0;
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        System.out.printf(Locale.ROOT, "SOAK flows %6d: heap after GC %5.1f MiB, RSS %5.1f MiB, %.1f flows/s so far%n", flows,
                heap / 1048576.0, rss / 1048576.0, rate);
    }
}
