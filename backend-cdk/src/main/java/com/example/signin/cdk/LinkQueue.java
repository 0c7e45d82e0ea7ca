package com.example.signin.cdk;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The queue of link requests between the sign-in function (which only checks, counts and queues)
 * and the delivery function (which finds or creates the account and sends the mail): encrypted,
 * TLS only, with a dead-letter queue after {@value #MAX_RECEIVES} tries and an alarm as soon as
 * anything lands there.
 */
public final class LinkQueue extends Construct {

    /** Deliveries tried before a request moves to the dead-letter queue. */
    public static final int MAX_RECEIVES = 5;
    /** Six times the functions' 10 s timeout, as Lambda's SQS guidance asks. */
    static final Duration VISIBILITY_TIMEOUT = Duration.seconds(60);

    private final Queue queue;
    private final Queue deadLetters;
    private final Alarm deadLetterAlarm;

    public LinkQueue(Construct scope, String id) {
        super(scope, id);
        deadLetters = Queue.Builder.create(this, "DeadLetters")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        queue = Queue.Builder.create(this, "Queue")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .visibilityTimeout(VISIBILITY_TIMEOUT)
                // A link older than its expiry is useless; an hour covers every mail outage worth waiting out.
                .retentionPeriod(Duration.hours(1))
                .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(MAX_RECEIVES).build())
                .build();
        deadLetterAlarm = Alarm.Builder.create(this, "DeadLettersAlarm")
                .alarmDescription("Link requests failed " + MAX_RECEIVES + " deliveries (mail or user pool down): people got no link")
                .metric(deadLetters.metricApproximateNumberOfMessagesVisible().with(
                        software.amazon.awscdk.services.cloudwatch.MetricOptions.builder().period(Duration.minutes(1)).build()))
                .threshold(0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        NagSuppressionMetadata.add(deadLetters, "AwsSolutions-SQS3", "This is the dead-letter queue of the link queue; it needs none itself.");
    }

    /** Makes {@code worker} (an alias, so SnapStart applies) consume the queue, reporting failures per message. */
    void deliverTo(IFunction worker) {
        worker.addEventSource(SqsEventSource.Builder.create(queue)
                .batchSize(10)
                .maxBatchingWindow(Duration.seconds(0))
                .reportBatchItemFailures(true)
                .build());
    }

    public Queue queue() {
        return queue;
    }

    public Queue deadLetters() {
        return deadLetters;
    }

    public Alarm deadLetterAlarm() {
        return deadLetterAlarm;
    }
}
