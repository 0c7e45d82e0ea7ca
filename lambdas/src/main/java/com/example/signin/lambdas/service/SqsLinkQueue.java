package com.example.signin.lambdas.service;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.Objects;

/** {@link LinkQueue} on an SQS queue; the delivery function consumes it through an event source mapping. */
public final class SqsLinkQueue implements LinkQueue {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsLinkQueue(SqsClient sqs, String queueUrl) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
    }

    @Override
    public void enqueue(LinkRequest request) {
        try {
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(request.toJson()));
        } catch (SdkException e) {
            throw new LinkQueueFullException("SQS SendMessage failed", e);
        }
    }
}
