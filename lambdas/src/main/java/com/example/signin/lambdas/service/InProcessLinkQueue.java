package com.example.signin.lambdas.service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The local backend's queue: at most {@code capacity} requests wait, and {@code workers} threads
 * deliver them with {@link LinkDelivery} (its claim keeps each request to one mail however many
 * threads run), retrying a failed delivery with growing pauses (as SQS
 * redelivers after the visibility timeout) until {@code maxAttempts}; then the request is dropped
 * and logged (the dead-letter queue of AWS). The queue lives in memory: requests waiting when the
 * process stops are lost, and the person asks again once the cooldown is over (the app says so).
 */
public final class InProcessLinkQueue implements LinkQueue, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InProcessLinkQueue.class);

    /** The retry pauses: 1 s, doubling, at most this. */
    private static final Duration MAX_PAUSE = Duration.ofSeconds(5);

    private final Consumer<LinkRequest> delivery;
    private final int maxAttempts;
    private final int capacity;
    private final Semaphore room;
    private final ScheduledExecutorService worker;

    /**
     * @param delivery    the worker's work, normally {@link LinkDelivery#deliver}; throws to ask for a retry
     * @param capacity    how many requests may wait (queued or between retries)
     * @param maxAttempts deliveries tried per request before it is given up
     * @param workers     threads delivering at once (a delivery mostly waits on the store, the pool and SMTP)
     */
    public InProcessLinkQueue(Consumer<LinkRequest> delivery, int capacity, int maxAttempts, int workers) {
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        if (capacity < 1 || maxAttempts < 1 || workers < 1) {
            throw new IllegalArgumentException("capacity, maxAttempts and workers must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.capacity = capacity;
        this.room = new Semaphore(capacity);
        this.worker = Executors.newScheduledThreadPool(workers, r -> {
            Thread t = new Thread(r, "link-delivery");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void enqueue(LinkRequest request) {
        if (!room.tryAcquire()) {
            throw new LinkQueueFullException("The local delivery queue is full", null);
        }
        try {
            worker.execute(() -> attempt(request, 1));
        } catch (RuntimeException e) {
            room.release();
            throw new LinkQueueFullException("The local delivery queue is stopped", e);
        }
    }

    private void attempt(LinkRequest request, int attempt) {
        try {
            delivery.accept(request);
            room.release();
        } catch (RuntimeException e) {
            if (attempt >= maxAttempts) {
                room.release();
                LOG.error("Giving up on {} after {} attempts (dead letter)", request, attempt, e);
                return;
            }
            long pause = Math.min(MAX_PAUSE.toMillis(), 1000L << Math.min(attempt - 1, 10));
            LOG.warn("Delivery of {} failed (attempt {}), retrying in {} ms: {}", request, attempt, pause, e.toString());
            try {
                worker.schedule(() -> attempt(request, attempt + 1), pause, TimeUnit.MILLISECONDS);
            } catch (RuntimeException stopped) {
                room.release();
            }
        }
    }

    /**
     * Waits until no request is queued or between retries (tests and benchmarks; the request path
     * never waits).
     *
     * @return whether the queue came to rest within {@code timeout}
     */
    public boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (room.availablePermits() < capacity) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Stops the worker; requests still waiting are dropped (see the class comment). */
    @Override
    public void close() {
        worker.shutdownNow();
    }
}
