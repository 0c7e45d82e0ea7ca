package com.example.signin.lambdas.service;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The link records in DynamoDB (low-level API), one item per address keyed by {@code pk}.
 * Every write that decides something is a single conditional write, so concurrent Lambda
 * invocations cannot both win: one request per cooldown, one sign-in per link.
 *
 * <p>Failure contract: DynamoDB errors other than a failed condition surface as the SDK's
 * {@code SdkException}; a failed condition is an answer ({@code false} or empty), never an error.
 */
public final class LinkStore {

    static final String PK = "pk";
    static final String SECRET_HASH = "secretHash";
    static final String CHALLENGE = "challenge";
    static final String IAT = "iat";
    /** Epoch seconds; the table's TTL attribute. */
    public static final String EXP = "exp";
    static final String FAILED_ATTEMPTS = "failedAttempts";
    static final String USED_AT = "usedAt";

    private final DynamoDbClient dynamo;
    private final String table;

    public LinkStore(DynamoDbClient dynamo, String table) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
    }

    /**
     * Creates the table ({@code pk} string hash key, on-demand, TTL on {@value #EXP}) if it does
     * not exist and waits until it is active. For tests and the local backend; in AWS the CDK
     * stack owns the table.
     */
    public static void createTable(DynamoDbClient dynamo, String table) {
        try {
            dynamo.createTable(CreateTableRequest.builder()
                    .tableName(table)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName(PK).attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName(PK).keyType(KeyType.HASH).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .build());
        } catch (ResourceInUseException alreadyThere) {
            // idempotent: a restarted local backend finds its table
        }
        for (int i = 0; i < 600; i++) {
            try {
                TableStatus status = dynamo.describeTable(DescribeTableRequest.builder().tableName(table).build()).table().tableStatus();
                if (status == TableStatus.ACTIVE) {
                    enableTimeToLive(dynamo, table);
                    return;
                }
            } catch (ResourceNotFoundException notYet) {
                // keep waiting
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for table " + table, e);
            }
        }
        throw new IllegalStateException("Table " + table + " did not become active within 60 s");
    }

    private static void enableTimeToLive(DynamoDbClient dynamo, String table) {
        TimeToLiveStatus ttl = dynamo.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription().timeToLiveStatus();
        if (ttl == TimeToLiveStatus.DISABLED) {
            dynamo.updateTimeToLive(b -> b.tableName(table).timeToLiveSpecification(t -> t.attributeName(EXP).enabled(true)));
        }
    }

    /**
     * Writes {@code record}, replacing the address's previous one, unless that one was issued less
     * than {@code cooldown} before {@code now}. One conditional put, so of two racing requests at
     * most one is written.
     *
     * @return empty when written; otherwise how long until a new request is allowed (at least 1 s)
     */
    public Optional<Duration> putUnlessCoolingDown(LinkRecord record, Duration cooldown, Instant now) {
        // allowed once now >= iat + cooldown, i.e. iat < now - cooldown + 1 in whole seconds
        long cutoff = now.getEpochSecond() - cooldown.toSeconds() + 1;
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(toItem(record))
                    .conditionExpression("attribute_not_exists(#pk) OR #iat < :cutoff")
                    .expressionAttributeNames(Map.of("#pk", PK, "#iat", IAT))
                    .expressionAttributeValues(Map.of(":cutoff", number(cutoff)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return Optional.empty();
        } catch (ConditionalCheckFailedException e) {
            long retryAfter = cooldown.toSeconds();
            if (e.hasItem() && e.item().containsKey(IAT)) {
                long issuedAt = Long.parseLong(e.item().get(IAT).n());
                retryAfter = issuedAt + cooldown.toSeconds() - now.getEpochSecond();
            }
            return Optional.of(Duration.ofSeconds(Math.max(1, Math.min(retryAfter, cooldown.toSeconds()))));
        }
    }

    /** The current record of an address key (strongly consistent read). */
    public Optional<LinkRecord> find(String emailKey) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(Map.of(PK, string(emailKey)))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(fromItem(item));
    }

    /**
     * Sets {@code usedAt} if the record still holds {@code secretHash}, has not been used and has
     * not expired. One conditional update: of any number of concurrent callers exactly one gets
     * {@code true}.
     */
    public boolean markUsed(String emailKey, String secretHash, Instant now) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of(PK, string(emailKey)))
                    .updateExpression("SET #used = :now")
                    .conditionExpression("attribute_exists(#pk) AND attribute_not_exists(#used) AND #hash = :hash AND #exp > :now")
                    .expressionAttributeNames(Map.of("#pk", PK, "#used", USED_AT, "#hash", SECRET_HASH, "#exp", EXP))
                    .expressionAttributeValues(Map.of(":now", number(now.getEpochSecond()), ":hash", string(secretHash))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Adds one failed attempt to the record if it still holds {@code secretHash}.
     *
     * @return the new count, or empty when the record is gone or was replaced
     */
    public OptionalLong recordFailure(String emailKey, String secretHash) {
        try {
            Map<String, AttributeValue> updated = dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of(PK, string(emailKey)))
                    .updateExpression("ADD #failed :one")
                    .conditionExpression("attribute_exists(#pk) AND #hash = :hash")
                    .expressionAttributeNames(Map.of("#pk", PK, "#failed", FAILED_ATTEMPTS, "#hash", SECRET_HASH))
                    .expressionAttributeValues(Map.of(":one", number(1), ":hash", string(secretHash)))
                    .returnValues(ReturnValue.UPDATED_NEW)).attributes();
            return OptionalLong.of(Long.parseLong(updated.get(FAILED_ATTEMPTS).n()));
        } catch (ConditionalCheckFailedException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Deletes the record if it still holds {@code secretHash}, so a newer request's record is
     * never removed by an older one.
     *
     * @return whether a record was deleted
     */
    public boolean deleteIfCurrent(String emailKey, String secretHash) {
        try {
            dynamo.deleteItem(b -> b.tableName(table)
                    .key(Map.of(PK, string(emailKey)))
                    .conditionExpression("#hash = :hash")
                    .expressionAttributeNames(Map.of("#hash", SECRET_HASH))
                    .expressionAttributeValues(Map.of(":hash", string(secretHash))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    static Map<String, AttributeValue> toItem(LinkRecord record) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, string(record.emailKey()));
        item.put(SECRET_HASH, string(record.secretHash()));
        item.put(CHALLENGE, string(record.challenge()));
        item.put(IAT, number(record.issuedAt()));
        item.put(EXP, number(record.expiresAt()));
        item.put(FAILED_ATTEMPTS, number(record.failedAttempts()));
        record.usedAt().ifPresent(used -> item.put(USED_AT, number(used)));
        return item;
    }

    static LinkRecord fromItem(Map<String, AttributeValue> item) {
        AttributeValue used = item.get(USED_AT);
        AttributeValue failed = item.get(FAILED_ATTEMPTS);
        return new LinkRecord(
                item.get(PK).s(),
                item.get(SECRET_HASH).s(),
                item.get(CHALLENGE).s(),
                Long.parseLong(item.get(IAT).n()),
                Long.parseLong(item.get(EXP).n()),
                failed == null ? 0 : Integer.parseInt(failed.n()),
                used == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(used.n())));
    }

    private static AttributeValue string(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static AttributeValue number(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }
}
