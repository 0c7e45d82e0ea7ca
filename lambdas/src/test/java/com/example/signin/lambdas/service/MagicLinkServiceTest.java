package com.example.signin.lambdas.service;

import com.example.signin.lambdas.testing.InMemoryDirectory;
import com.example.signin.lambdas.testing.LocalDynamo;
import com.example.signin.lambdas.testing.RecordingMailer;
import com.example.signin.lambdas.testing.SeededRandom;
import com.example.signin.protocol.CodeChallenge;
import com.example.signin.protocol.MagicLinkFormat;
import com.example.signin.protocol.EmailAddress;
import com.example.signin.protocol.Secrets;
import com.example.signin.testsupport.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** DESIGN.md steps 2 to 5 (request path and delivery) against DynamoDB Local, with an in-memory directory and a recording mailer. */
class MagicLinkServiceTest {

    private static final LinkKeys KEYS = new LinkKeys("service-test-deployment-secret-0123456789");
    private static final MagicLinkFormat FORMAT = new MagicLinkFormat("com.example.signin", "https://signin.example.com");
    private static final SignInResult ACCEPTED = new SignInResult.Accepted(Duration.ofMinutes(15), Duration.ofSeconds(60));
    @RegisterExtension
    static final LocalDynamo dynamo = new LocalDynamo();
    private static LinkStore store;

    private final SeededRandom random = new SeededRandom(42);
    private final TestClock clock = TestClock.at("2099-04-01T08:00:00Z");
    private final RecordingMailer mailer = new RecordingMailer();
    private final InMemoryDirectory directory = new InMemoryDirectory().with("known@example.com").with("old@elsewhere.org");
    private final List<LinkRequest> queued = new ArrayList<>();
    private final String verifier = Secrets.generate(new SeededRandom(1));

    @BeforeEach
    void freshTable() {
        store = dynamo.freshStore();
    }

    static MagicLinkSettings settings(SignUpPolicy policy, LinkStyle style) {
        return new MagicLinkSettings("eu-west-1_pool", Duration.ofMinutes(15), Duration.ofSeconds(60), 10, 5, 5, FORMAT, style, policy);
    }

    /** The request path with a queue that delivers at once, on the caller's thread. */
    private MagicLinkService service(SignUpPolicy policy, LinkStyle style) {
        LinkDelivery delivery = new LinkDelivery(settings(policy, style), KEYS, store, directory, mailer, clock, random);
        return new MagicLinkService(settings(policy, style), KEYS, store, request -> {
            queued.add(request);
            delivery.deliver(request);
        }, clock, random);
    }

    private MagicLinkService openService() {
        return service(SignUpPolicy.open(), LinkStyle.PAGE);
    }

    private SignInRequest request(String email) {
        return new SignInRequest(email, CodeChallenge.s256(verifier), "S256", "en");
    }

    private LinkVerifier linkVerifier() {
        return new LinkVerifier(store, KEYS, 5, clock);
    }

    @Test
    void aKnownAddressGetsAMailWhoseLinkSignsIn() {
        SignInResult result = openService().request(request("Known@Example.com"));

        assertThat(result).isEqualTo(ACCEPTED);
        assertThat(mailer.sent).singleElement().satisfies(mail -> assertThat(mail.to()).isEqualTo("known@example.com"));
        String secret = FORMAT.parseSecret(linkIn(mailer.last().text()));
        assertThat(linkVerifier().verify("known@example.com", secret, verifier)).isTrue();
        assertThat(directory.created).isEmpty();
    }

    @Test
    void anUnknownAddressGetsAConfirmedAccountAndAMail() {
        assertThat(openService().request(request("new@example.com"))).isEqualTo(ACCEPTED);

        assertThat(directory.created).containsExactly("new@example.com");
        assertThat(mailer.sent).hasSize(1);
    }

    @Test
    void inviteOnlyAnswersAnUnknownAddressTheSameButSendsNothingAndCreatesNothing() {
        MagicLinkService service = service(new SignUpPolicy(SignUpPolicy.Mode.INVITE_ONLY, Set.of()), LinkStyle.PAGE);

        assertThat(service.request(request("stranger@example.com"))).isEqualTo(ACCEPTED);
        assertThat(mailer.sent).isEmpty();
        assertThat(directory.created).isEmpty();
        // the cooldown behaves exactly as for a real account
        assertThat(service.request(request("stranger@example.com"))).isInstanceOf(SignInResult.TooManyRequests.class);
        // and an existing account still gets its link
        assertThat(service.request(request("known@example.com"))).isEqualTo(ACCEPTED);
        assertThat(mailer.sent).hasSize(1);
    }

    @Test
    void theRecordOfARefusedAddressCanNeverSignIn() {
        MagicLinkService service = service(new SignUpPolicy(SignUpPolicy.Mode.INVITE_ONLY, Set.of()), LinkStyle.PAGE);
        service.request(request("stranger@example.com"));

        // the cooldown item exists (the answers are the same), but no link record was ever written
        assertThat(store.pending(KEYS.address(EmailAddress.parse("stranger@example.com")))).isEmpty();
        assertThat(mailer.sent).isEmpty();
        assertThat(linkVerifier().verify("stranger@example.com", Secrets.generate(new java.security.SecureRandom()), verifier)).isFalse();
    }

    @Test
    void anAddressOutsideTheAllowedDomainsGetsNoAccountButTheSameAnswer() {
        MagicLinkService service = service(new SignUpPolicy(SignUpPolicy.Mode.OPEN, Set.of("example.com")), LinkStyle.PAGE);

        assertThat(service.request(request("someone@other.org"))).isEqualTo(ACCEPTED);
        assertThat(service.request(request("old@elsewhere.org"))).isEqualTo(ACCEPTED);
        assertThat(service.request(request("fresh@example.com"))).isEqualTo(ACCEPTED);

        assertThat(directory.created).containsExactly("fresh@example.com");
        assertThat(mailer.sent).extracting(MailMessage::to).containsExactly("old@elsewhere.org", "fresh@example.com");
    }

    @Test
    void aSecondRequestWithinTheCooldownIsTooManyAndSendsNothing() {
        MagicLinkService service = openService();
        service.request(request("known@example.com"));
        clock.advance(Duration.ofSeconds(20));

        assertThat(service.request(request("known@example.com"))).isEqualTo(new SignInResult.TooManyRequests(Duration.ofSeconds(40), false));
        assertThat(mailer.sent).hasSize(1);

        clock.advance(Duration.ofSeconds(40));
        assertThat(service.request(request("KNOWN@example.com"))).isEqualTo(ACCEPTED);
        assertThat(mailer.sent).hasSize(2);
    }

    @Test
    void onlyTheLatestLinkWorks() {
        MagicLinkService service = openService();
        service.request(request("known@example.com"));
        String first = FORMAT.parseSecret(linkIn(mailer.last().text()));
        clock.advance(Duration.ofSeconds(60));
        service.request(request("known@example.com"));
        String second = FORMAT.parseSecret(linkIn(mailer.last().text()));

        assertThat(linkVerifier().verify("known@example.com", first, verifier)).isFalse();
        assertThat(linkVerifier().verify("known@example.com", second, verifier)).isTrue();
    }

    @Test
    void theRequestPathQueuesTheSameWorkForEveryAddressAndLooksUpNothing() {
        MagicLinkService service = new MagicLinkService(settings(new SignUpPolicy(SignUpPolicy.Mode.INVITE_ONLY, Set.of()),
                LinkStyle.PAGE), KEYS, store, queued::add, clock, random);
        directory.failing = true; // the request path must not touch the directory at all

        assertThat(service.request(request("known@example.com"))).isEqualTo(ACCEPTED);
        assertThat(service.request(request("stranger@example.com"))).isEqualTo(ACCEPTED);

        assertThat(queued).extracting(LinkRequest::email).containsExactly("known@example.com", "stranger@example.com");
        assertThat(mailer.sent).isEmpty();
    }

    @Test
    void anotherDevicesRequestNeitherWaitsForNorReplacesTheOwnersLink() {
        MagicLinkService service = openService();
        service.request(withDevice("known@example.com", "AAAAAAAAAAAAAAAAAAAAAA", verifier));
        String owners = FORMAT.parseSecret(linkIn(mailer.last().text()));
        String strangersVerifier = Secrets.generate(random);

        assertThat(service.request(withDevice("known@example.com", "BBBBBBBBBBBBBBBBBBBBBA", strangersVerifier))).isEqualTo(ACCEPTED);

        assertThat(linkVerifier().verify("known@example.com", owners, verifier)).isTrue();
    }

    @Test
    void pastTheHourlyBudgetEveryDeviceGetsTooManyUntilTheHourEnds() {
        MagicLinkService service = openService();
        for (int i = 0; i < 10; i++) {
            assertThat(service.request(withDevice("known@example.com", device(i), verifier))).isEqualTo(ACCEPTED);
        }

        assertThat(service.request(withDevice("known@example.com", device(10), verifier)))
                .isEqualTo(new SignInResult.TooManyRequests(Duration.ofHours(1), true));
        clock.advance(Duration.ofHours(1));
        assertThat(service.request(withDevice("known@example.com", device(11), verifier))).isEqualTo(ACCEPTED);
        assertThat(store.pending(KEYS.address(EmailAddress.parse("known@example.com")))).as("the cap").hasSize(5);
    }

    private static String device(int i) {
        return String.format("%021d", i) + "A";
    }

    private SignInRequest withDevice(String email, String deviceId, String codeVerifier) {
        return new SignInRequest(email, CodeChallenge.s256(codeVerifier), "S256", "en", deviceId, null);
    }

    @ParameterizedTest(name = "{0} / {1} / {2} / {3} -> {4}")
    @CsvSource(nullValues = "NULL", value = {
            // email,            challenge,  method, locale,      error
            "NULL,               VALID,      S256,   en,          invalid_email",
            "'   ',              VALID,      S256,   en,          invalid_email",
            "alice,              VALID,      S256,   en,          invalid_email",
            "alice@localhost,    VALID,      S256,   en,          invalid_email",
            "alice@example.com,  NULL,       S256,   en,          invalid_request",
            "alice@example.com,  short,      S256,   en,          invalid_request",
            "alice@example.com,  VALID,      plain,  en,          invalid_request",
            "alice@example.com,  VALID,      s256,   en,          invalid_request",
            "alice@example.com,  VALID,      NULL,   en,          invalid_request",
            "alice@example.com,  VALID,      S256,   '<script>',  invalid_request",
            "alice@example.com,  VALID,      S256,   e,           invalid_request",
    })
    void malformedRequestsAreRefusedWithAReasonAndLeaveNoTrace(String email, String challenge, String method,
                                                               String locale, String error) {
        String realChallenge = "VALID".equals(challenge) ? CodeChallenge.s256(verifier) : challenge;
        SignInResult result = openService().request(new SignInRequest(email, realChallenge, method, locale));

        assertThat(result).isInstanceOfSatisfying(SignInResult.Invalid.class, invalid -> {
            assertThat(invalid.error()).isEqualTo(error);
            assertThat(invalid.message()).endsWith(".").hasSizeGreaterThan(15);
        });
        assertThat(mailer.sent).isEmpty();
        assertThat(openService().request(request("alice@example.com"))).isEqualTo(ACCEPTED);
    }

    @Test
    void aLocaleOfThirtyFiveCharactersIsReadAndOneOfThirtySixIsRefused() {
        String longest = "abcdefgh-12345678-12345678-12345678";
        String tooLong = "abcdefg-12345678-12345678-12345678-1";
        assertThat(longest).hasSize(35);
        assertThat(tooLong).hasSize(36);

        assertThat(openService().request(new SignInRequest("known@example.com", CodeChallenge.s256(verifier), "S256", longest)))
                .isEqualTo(ACCEPTED);
        assertThat(openService().request(new SignInRequest("other@example.com", CodeChallenge.s256(verifier), "S256", tooLong)))
                .isEqualTo(new SignInResult.Invalid("invalid_request", "locale must be a language tag like en or de-CH."));
    }

    @Test
    void theLocaleIsOptional() {
        SignInResult result = openService().request(new SignInRequest("known@example.com", CodeChallenge.s256(verifier), "S256", null));

        assertThat(result).isEqualTo(ACCEPTED);
        assertThat(mailer.last().subject()).isEqualTo("Your sign-in link");
    }

    @Test
    void theMailIsInTheRequestedLanguageWhenThereIsOne() {
        MagicLinkService service = openService();
        service.request(new SignInRequest("known@example.com", CodeChallenge.s256(verifier), "S256", "de-CH"));
        service.request(new SignInRequest("new@example.com", CodeChallenge.s256(verifier), "S256", "fr"));

        assertThat(mailer.sent).extracting(MailMessage::subject).containsExactly("Ihr Anmeldelink", "Your sign-in link");
    }

    @Test
    void theDirectStyleMailsTheAppLink() {
        service(SignUpPolicy.open(), LinkStyle.DIRECT).request(request("known@example.com"));

        String link = linkIn(mailer.last().text());
        assertThat(link).startsWith("com.example.signin://signin#");
        assertThat(FORMAT.parseSecret(link)).hasSize(Secrets.LENGTH);
    }

    @Test
    void noSecretEverReachesTheStore() {
        openService().request(request("known@example.com"));
        String secret = FORMAT.parseSecret(linkIn(mailer.last().text()));

        LinkRecord record = store.pending(KEYS.address(EmailAddress.parse("known@example.com"))).get(0);
        assertThat(record.toString() + record.secretHash() + record.challenge()).doesNotContain(secret).doesNotContain("known");
        assertThat(record.secretHash()).isEqualTo(KEYS.secretHash(secret));
    }

    @Test
    void ofTwentyRacingRequestsForOneAddressExactlyOneSendsAMail() throws Exception {
        MagicLinkService service = openService();

        List<SignInResult> results = LinkStoreTest.race(20, i -> service.request(request("known@example.com")));

        assertThat(results).filteredOn(r -> r instanceof SignInResult.Accepted).hasSize(1);
        assertThat(results).filteredOn(r -> r instanceof SignInResult.TooManyRequests).hasSize(19);
        assertThat(mailer.sent).hasSize(1);
    }

    /** The link line of the text part. */
    static String linkIn(String text) {
        return text.lines().filter(line -> line.contains("#")).findFirst().orElseThrow().strip();
    }
}
