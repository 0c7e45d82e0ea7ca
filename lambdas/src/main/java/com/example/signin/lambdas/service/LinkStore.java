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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The link table in DynamoDB (low-level API). Items of an address share the partition key
 * {@code pk} (its {@link LinkKeys#address keyed hash}); the sort key {@code sk} says what an item is:
 * <ul>
 *   <li>{@code link#<device>}: the pending link of one device ({@link LinkRecord});</li>
 *   <li>{@code cooldown#<device>}: when that device last asked;</li>
 *   <li>{@code budget#<source>}: the links sent this hour (per source IP in AWS, one per address locally).</li>
 * </ul>
 * and {@code pk = message#<id>, sk = delivery} marks a queued request as being or having been
 * delivered. Every write that decides something is a single conditional write, so concurrent
 * invocations cannot both win; every item carries {@value #EXP} so DynamoDB's TTL removes it.
 *
 * <p>Failure contract: DynamoDB errors other than a failed condition surface as the SDK's
 * {@code SdkException}; a failed condition is an answer ({@code false} or empty), never an error.
 */
public final class LinkStore {

    static final String PK = "pk";
    static final String SK = "sk";
    static final String SECRET_HASH = "secretHash";
    static final String CODE_HASH = "codeHash";
    static final String CHALLENGE = "challenge";
    static final String IAT = "iat";
    /** Epoch seconds; the table's TTL attribute. */
    public static final String EXP = "exp";
    static final String FAILED_ATTEMPTS = "failedAttempts";
    static final String WRONG_CODES = "wrongCodes";
    static final String USED_AT = "usedAt";
    static final String COUNT = "count";
    static final String STATE = "state";
    static final String LINK = "link#";
    static final String COOLDOWN = "cooldown#";
    static final String BUDGET = "budget#";
    static final String MESSAGE = "message#";
    static final String DELIVERY = "delivery";
    /** The budget window. */
    static final Duration HOUR = Duration.ofHours(1);
    /** How long a delivery mark is kept: longer than any queue retention, so a redelivery always finds it. */
    static final Duration DELIVERY_MARK_LIFETIME = Duration.ofDays(15);

    private final DynamoDbClient dynamo;
    private final String table;

    public LinkStore(DynamoDbClient dynamo, String table) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
    }

    /**
     * Creates the table ({@code pk} hash key, {@code sk} range key, on-demand, TTL on
     * {@value #EXP}) if it does not exist and waits until it is active. For tests and the local
     * backend; in AWS the CDK stack owns the table.
     */
    public static void createTable(DynamoDbClient dynamo, String table) {
        try {
            dynamo.createTable(CreateTableRequest.builder()
                    .tableName(table)
                    .attributeDefinitions(
                            AttributeDefinition.builder().attributeName(PK).attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName(SK).attributeType(ScalarAttributeType.S).build())
                    .keySchema(
                            KeySchemaElement.builder().attributeName(PK).keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName(SK).keyType(KeyType.RANGE).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .build());
        } catch (ResourceInUseException alreadyThere) {
            // idempotent: a restarted local backend finds its table; one of an older layout (no sort key) is remade,
            // its records lived minutes anyway
            if (dynamo.describeTable(b -> b.tableName(table)).table().keySchema().size() < 2) {
                dynamo.deleteTable(b -> b.tableName(table));
                createTable(dynamo, table);
                return;
            }
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
     * Starts the cooldown of one device for an address, unless that device asked less than
     * {@code cooldown} before {@code now}. One conditional put.
     *
     * @return empty when started; otherwise how long until this device may ask again (at least 1 s)
     */
    public Optional<Duration> startCooldown(String emailKey, String deviceKey, Duration cooldown, Instant now) {
        if (cooldown.isZero()) {
            return Optional.empty();
        }
        // allowed once now >= iat + cooldown, i.e. iat < now - cooldown + 1 in whole seconds
        long cutoff = now.getEpochSecond() - cooldown.toSeconds() + 1;
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of(PK, string(emailKey), SK, string(COOLDOWN + deviceKey), IAT, number(now.getEpochSecond()),
                            EXP, number(now.getEpochSecond() + cooldown.toSeconds())))
                    .conditionExpression("attribute_not_exists(#pk) OR #iat < :cutoff")
                    .expressionAttributeNames(Map.of("#pk", PK, "#iat", IAT))
                    .expressionAttributeValues(Map.of(":cutoff", number(cutoff)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return Optional.empty();
        } catch (ConditionalCheckFailedException e) {
            long retryAfter = cooldown.toSeconds();
            if (e.hasItem() && e.item().containsKey(IAT)) {
                retryAfter = Long.parseLong(e.item().get(IAT).n()) + cooldown.toSeconds() - now.getEpochSecond();
            }
            return Optional.of(Duration.ofSeconds(Math.max(1, Math.min(retryAfter, cooldown.toSeconds()))));
        }
    }

    /**
     * Spends one link of the hourly budget of an address (and source), unless {@code limit} links
     * were spent in the current hour. The hour starts with the first link after the previous one
     * ended. Conditional updates only, so concurrent requests never overspend.
     *
     * @return empty when spent; otherwise how long until the hour ends (at least 1 s)
     */
    public Optional<Duration> spendBudget(String emailKey, String sourceKey, int limit, Instant now) {
        Map<String, AttributeValue> key = Map.of(PK, string(emailKey), SK, string(BUDGET + sourceKey));
        long windowStartAfter = now.getEpochSecond() - HOUR.toSeconds();
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                // One write for the usual cases: the address's first link of the hour starts it,
                // a later one counts in it.
                dynamo.updateItem(b -> b.tableName(table).key(key)
                        .updateExpression("ADD #count :one SET #iat = if_not_exists(#iat, :now), #exp = if_not_exists(#exp, :exp)")
                        .conditionExpression("attribute_not_exists(#pk) OR (#iat > :after AND #count < :limit)")
                        .expressionAttributeNames(Map.of("#pk", PK, "#iat", IAT, "#count", COUNT, "#exp", EXP))
                        .expressionAttributeValues(Map.of(":one", number(1), ":after", number(windowStartAfter),
                                ":limit", number(limit), ":now", number(now.getEpochSecond()),
                                ":exp", number(now.getEpochSecond() + HOUR.toSeconds()))));
                return Optional.empty();
            } catch (ConditionalCheckFailedException hourOverOrSpent) {
                // fall through: either the hour is over (start a new one) or the budget is spent
            }
            try {
                dynamo.putItem(b -> b.tableName(table)
                        .item(Map.of(PK, string(emailKey), SK, string(BUDGET + sourceKey), IAT, number(now.getEpochSecond()),
                                COUNT, number(1), EXP, number(now.getEpochSecond() + HOUR.toSeconds())))
                        .conditionExpression("attribute_not_exists(#pk) OR #iat <= :after")
                        .expressionAttributeNames(Map.of("#pk", PK, "#iat", IAT))
                        .expressionAttributeValues(Map.of(":after", number(windowStartAfter)))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
                return Optional.empty();
            } catch (ConditionalCheckFailedException e) {
                if (e.hasItem() && e.item().containsKey(COUNT) && Long.parseLong(e.item().get(COUNT).n()) >= limit) {
                    long ends = Long.parseLong(e.item().get(IAT).n()) + HOUR.toSeconds() - now.getEpochSecond();
                    return Optional.of(Duration.ofSeconds(Math.max(1, ends)));
                }
                // another request started the hour meanwhile: try to spend in it
            }
        }
        return Optional.of(Duration.ofSeconds(1));
    }

    /** Writes a device's pending link, replacing that device's previous one (and only it). */
    public void put(LinkRecord record) {
        dynamo.putItem(b -> b.tableName(table).item(toItem(record)));
    }

    /** Every pending link of an address, oldest first (strongly consistent). */
    public List<LinkRecord> pending(String emailKey) {
        List<LinkRecord> records = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = dynamo.query(b -> b.tableName(table)
                    .keyConditionExpression("#pk = :pk AND begins_with(#sk, :link)")
                    .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                    .expressionAttributeValues(Map.of(":pk", string(emailKey), ":link", string(LINK)))
                    .consistentRead(true)
                    .exclusiveStartKey(from));
            page.items().forEach(item -> records.add(fromItem(item)));
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        records.sort(Comparator.comparingLong(LinkRecord::issuedAt));
        return records;
    }

    /**
     * Deletes the oldest pending links of an address until at most {@code cap} remain.
     *
     * @return how many were deleted
     */
    public int keepNewest(String emailKey, int cap) {
        List<LinkRecord> records = pending(emailKey);
        int deleted = 0;
        for (int i = 0; i < records.size() - cap; i++) {
            if (deleteIfCurrent(records.get(i))) {
                deleted++;
            }
        }
        return deleted;
    }

    /**
     * Sets {@code usedAt} if the record still holds its secret hash, has not been used, has not
     * expired, has fewer than {@code maxFailedAttempts} failures and fewer than
     * {@code maxWrongCodes} wrong codes. One conditional update: of any number of concurrent
     * callers (link or code) exactly one gets {@code true}.
     */
    public boolean markUsed(LinkRecord record, Instant now, int maxFailedAttempts, int maxWrongCodes) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(key(record))
                    .updateExpression("SET #used = :now")
                    .conditionExpression("attribute_exists(#pk) AND attribute_not_exists(#used) AND #hash = :hash AND #exp > :now"
                            + " AND #failed < :max AND (attribute_not_exists(#wrong) OR #wrong < :maxWrong)")
                    .expressionAttributeNames(Map.of("#pk", PK, "#used", USED_AT, "#hash", SECRET_HASH, "#exp", EXP,
                            "#failed", FAILED_ATTEMPTS, "#wrong", WRONG_CODES))
                    .expressionAttributeValues(Map.of(":now", number(now.getEpochSecond()), ":hash", string(record.secretHash()),
                            ":max", number(maxFailedAttempts), ":maxWrong", number(maxWrongCodes))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Adds one failed attempt to the record if it still holds its secret hash.
     *
     * @return the new count, or empty when the record is gone or was replaced
     */
    public OptionalLong recordFailure(LinkRecord record) {
        return increment(record, FAILED_ATTEMPTS);
    }

    /**
     * Adds one wrong code to the record if it still holds its secret hash.
     *
     * @return the new count, or empty when the record is gone or was replaced
     */
    public OptionalLong recordWrongCode(LinkRecord record) {
        return increment(record, WRONG_CODES);
    }

    private OptionalLong increment(LinkRecord record, String counter) {
        try {
            Map<String, AttributeValue> updated = dynamo.updateItem(b -> b.tableName(table)
                    .key(key(record))
                    .updateExpression("ADD #counter :one")
                    .conditionExpression("attribute_exists(#pk) AND #hash = :hash")
                    .expressionAttributeNames(Map.of("#pk", PK, "#counter", counter, "#hash", SECRET_HASH))
                    .expressionAttributeValues(Map.of(":one", number(1), ":hash", string(record.secretHash())))
                    .returnValues(ReturnValue.UPDATED_NEW)).attributes();
            return OptionalLong.of(Long.parseLong(updated.get(counter).n()));
        } catch (ConditionalCheckFailedException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Deletes the record if it still holds its secret hash, so a newer request's record is never
     * removed by an older one.
     *
     * @return whether a record was deleted
     */
    public boolean deleteIfCurrent(LinkRecord record) {
        try {
            dynamo.deleteItem(b -> b.tableName(table)
                    .key(key(record))
                    .conditionExpression("#hash = :hash")
                    .expressionAttributeNames(Map.of("#hash", SECRET_HASH))
                    .expressionAttributeValues(Map.of(":hash", string(record.secretHash()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Claims the delivery of a queued request: of any number of deliveries of one message (queue
     * redelivery, retries) exactly one gets {@code true}, so a message sends at most one mail.
     */
    public boolean claimDelivery(String messageId, Instant now) {
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of(PK, string(MESSAGE + messageId), SK, string(DELIVERY), STATE, string("claimed"),
                            IAT, number(now.getEpochSecond()), EXP, number(now.plus(DELIVERY_MARK_LIFETIME).getEpochSecond())))
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", PK)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Gives a claim back after a delivery failed for certain before any mail left, so a retry may send. */
    public void releaseDelivery(String messageId) {
        dynamo.deleteItem(b -> b.tableName(table).key(Map.of(PK, string(MESSAGE + messageId), SK, string(DELIVERY))));
    }

    private static Map<String, AttributeValue> key(LinkRecord record) {
        return Map.of(PK, string(record.emailKey()), SK, string(LINK + record.deviceKey()));
    }

    static Map<String, AttributeValue> toItem(LinkRecord record) {
        Map<String, AttributeValue> item = new HashMap<>(key(record));
        item.put(SECRET_HASH, string(record.secretHash()));
        if (!record.codeHash().isEmpty()) {
            item.put(CODE_HASH, string(record.codeHash()));
        }
        item.put(CHALLENGE, string(record.challenge()));
        item.put(IAT, number(record.issuedAt()));
        item.put(EXP, number(record.expiresAt()));
        item.put(FAILED_ATTEMPTS, number(record.failedAttempts()));
        item.put(WRONG_CODES, number(record.wrongCodes()));
        record.usedAt().ifPresent(used -> item.put(USED_AT, number(used)));
        return item;
    }

    static LinkRecord fromItem(Map<String, AttributeValue> item) {
        AttributeValue used = item.get(USED_AT);
        AttributeValue failed = item.get(FAILED_ATTEMPTS);
        AttributeValue wrong = item.get(WRONG_CODES);
        AttributeValue codeHash = item.get(CODE_HASH);
        return new LinkRecord(
                item.get(PK).s(),
                item.get(SK).s().substring(LINK.length()),
                item.get(SECRET_HASH).s(),
                codeHash == null ? "" : codeHash.s(),
                item.get(CHALLENGE).s(),
                Long.parseLong(item.get(IAT).n()),
                Long.parseLong(item.get(EXP).n()),
                failed == null ? 0 : Integer.parseInt(failed.n()),
                wrong == null ? 0 : Integer.parseInt(wrong.n()),
                used == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(used.n())));
    }

    private static AttributeValue string(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static AttributeValue number(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }
}
