package com.example.signin.systemtests;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.example.signin.lambdas.LinkDeliveryHandler;

/**
 * Child JVM on the shaded lambdas.jar: builds the delivery function from its environment (SMTP mail,
 * the deployment secret from Secrets Manager) and runs one empty batch.
 */
public final class ShadedJarSmtp {

    private ShadedJarSmtp() {
    }

    public static void main(String[] args) {
        LinkDeliveryHandler delivery = new LinkDeliveryHandler();
        SQSEvent empty = new SQSEvent();
        empty.setRecords(java.util.List.of());
        System.out.println("failures=" + delivery.handleRequest(empty, null).getBatchItemFailures().size());
    }
}
