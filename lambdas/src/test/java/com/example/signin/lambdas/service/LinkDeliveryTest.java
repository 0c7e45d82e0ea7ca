package com.example.signin.lambdas.service;

import com.example.signin.lambdas.testing.InMemoryDirectory;
import com.example.signin.lambdas.testing.LocalDynamo;
import com.example.signin.lambdas.testing.MutableClock;
import com.example.signin.lambdas.testing.RecordingMailer;
import com.example.signin.lambdas.testing.SeededRandom;
import com.example.signin.protocol.CodeChallenge;
import com.example.signin.protocol.EmailAddress;
import com.example.signin.protocol.OneTimeCode;
import com.example.signin.protocol.Secrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The delivery worker: at most one mail per message, retries after failures that sent nothing. */
class LinkDeliveryTest {

    private static final LinkKeys KEYS = new LinkKeys("delivery-test-deployment-secret-0123456789");
    private static LocalDynamo dynamo;
    private static int tables;

    private final MutableClock clock = MutableClock.at("2099-04-01T08:00:00Z");
    private final RecordingMailer mailer = new RecordingMailer();
    private final InMemoryDirectory directory = new InMemoryDirectory().with("known@example.com");
    private final String verifier = Secrets.generate(new SeededRandom(3));
    private LinkStore store;
    private LinkDelivery delivery;

    @BeforeAll
    static void startDynamo() {
        dynamo = LocalDynamo.start();
    }

    @AfterAll
    static void stopDynamo() {
        dynamo.close();
    }

    @BeforeEach
    void freshTable() {
        String table = "links" + (tables++);
        LinkStore.createTable(dynamo.client(), table);
        store = new LinkStore(dynamo.client(), table);
        delivery = new LinkDelivery(MagicLinkServiceTest.settings(SignUpPolicy.open(), LinkStyle.PAGE), KEYS, store, directory,
                mailer, clock, new SeededRandom(11));
    }

    private LinkRequest request(String id, String email) {
        return new LinkRequest(id, email, CodeChallenge.s256(verifier), "en", KEYS.device(null), clock.instant().getEpochSecond());
    }

    @Test
    void aRedeliveredMessageSendsNoSecondMailAndCreatesNoSecondAccount() {
        LinkRequest message = request("m-1", "new@example.com");

        delivery.deliver(message);
        delivery.deliver(message);

        assertThat(mailer.sent).hasSize(1);
        assertThat(directory.created).containsExactly("new@example.com");
        assertThat(store.pending(KEYS.address(EmailAddress.parse("new@example.com")))).hasSize(1);
    }

    @Test
    void aMailFailureLeavesNoRecordAndTheRetrySendsTheLinkOnce() {
        mailer.failing = true;
        LinkRequest message = request("m-2", "known@example.com");

        assertThatThrownBy(() -> delivery.deliver(message)).isInstanceOf(LinkDelivery.DeliveryFailedException.class);
        assertThat(store.pending(KEYS.address(EmailAddress.parse("known@example.com")))).isEmpty();

        mailer.failing = false;
        delivery.deliver(message);
        delivery.deliver(message);
        assertThat(mailer.sent).hasSize(1);
        String secret = MagicLinkServiceTest.linkIn(mailer.last().text());
        assertThat(new LinkVerifier(store, KEYS, 5, clock).verify("known@example.com",
                secret.substring(secret.indexOf('#') + 1), verifier)).isTrue();
    }

    @Test
    void theMailShowsTheLinksCodeGroupedInBothPartsAndTheRecordHoldsOnlyItsKeyedHash() {
        delivery.deliver(request("m-3", "known@example.com"));

        String link = MagicLinkServiceTest.linkIn(mailer.last().text());
        String code = OneTimeCode.derive(link.substring(link.indexOf('#') + 1));
        assertThat(mailer.last().text()).contains(OneTimeCode.grouped(code)).doesNotContain(code);
        assertThat(mailer.last().html()).contains(OneTimeCode.grouped(code));
        LinkRecord record = store.pending(KEYS.address(EmailAddress.parse("known@example.com"))).get(0);
        assertThat(record.codeHash()).isEqualTo(KEYS.codeHash(code));
        assertThat(new LinkVerifier(store, KEYS, 5, clock).verify("known@example.com", code, verifier)).isTrue();
    }

    @Test
    void twoAccountsOnOneAddressGetNoLinkAndNoRetry() {
        UserDirectory ambiguous = new UserDirectory() {
            @Override
            public java.util.Optional<String> findByEmail(String userPoolId, EmailAddress email) {
                throw new AmbiguousAccountException("two accounts");
            }

            @Override
            public String createConfirmed(String userPoolId, EmailAddress email) {
                throw new AssertionError("never");
            }

            @Override
            public void markEmailVerified(String userPoolId, String username) {
            }
        };
        LinkDelivery refusing = new LinkDelivery(MagicLinkServiceTest.settings(SignUpPolicy.open(), LinkStyle.PAGE), KEYS, store,
                ambiguous, mailer, clock, new SeededRandom(12));

        refusing.deliver(request("m-3", "known@example.com"));

        assertThat(mailer.sent).isEmpty();
    }

    @Test
    void theInProcessQueueRetriesUntilTheMailGoesOut() throws Exception {
        mailer.failing = true;
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch delivered = new CountDownLatch(1);
        try (InProcessLinkQueue queue = new InProcessLinkQueue(message -> {
            if (attempts.incrementAndGet() == 2) {
                mailer.failing = false;
            }
            delivery.deliver(message);
            delivered.countDown();
        }, 10, 5, 1)) {
            queue.enqueue(request("m-4", "known@example.com"));

            assertThat(delivered.await(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(attempts).hasValue(2);
        assertThat(mailer.sent).hasSize(1);
    }

    @Test
    void aFullInProcessQueueRefusesInsteadOfGrowing() {
        CountDownLatch hold = new CountDownLatch(1);
        try (InProcessLinkQueue queue = new InProcessLinkQueue(message -> {
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, 2, 1, 1)) {
            queue.enqueue(request("a", "known@example.com"));
            queue.enqueue(request("b", "known@example.com"));

            assertThatThrownBy(() -> queue.enqueue(request("c", "known@example.com"))).isInstanceOf(LinkQueueFullException.class);
            hold.countDown();
        }
    }

    @Test
    void aQueuedRequestSurvivesItsJsonAndHoldsNoSecret() {
        LinkRequest message = request("m-5", "known@example.com");

        assertThat(LinkRequest.fromJson(message.toJson())).isEqualTo(message);
        assertThat(message.toString()).doesNotContain("known");
    }
}
