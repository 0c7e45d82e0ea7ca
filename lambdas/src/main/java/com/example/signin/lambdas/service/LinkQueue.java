package com.example.signin.lambdas.service;

/**
 * Where the request path leaves the work that differs between addresses. Implementations: SQS in
 * AWS ({@code SqsLinkQueue}), a bounded in-process queue locally ({@link InProcessLinkQueue}).
 */
public interface LinkQueue {

    /**
     * Queues one request for delivery.
     *
     * @throws LinkQueueFullException when the queue takes nothing more now (the caller answers 503)
     */
    void enqueue(LinkRequest request);
}
