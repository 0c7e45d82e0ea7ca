package com.example.signin.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.example.signin.fx.internal.client.CognitoSignInClient;
import com.example.signin.fx.internal.client.SignInException;
import com.example.signin.protocol.CodeChallenge;
import com.example.signin.protocol.MalformedLinkException;
import com.example.signin.protocol.MagicLinkFormat;
import com.example.signin.protocol.Secrets;
import com.example.signin.protocol.SignInApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Hostile input, generated (jqwik, fixed numbers of tries so the run is bounded): sign-in API
 * bodies and links handed to the app. Nothing crashes, nothing answers 5xx, and every refusal is
 * one of the documented 4xx answers or {@link SignInException.Problem}s.
 *
 * <p>The 100,000 API bodies go straight into {@link com.example.signin.lambdas.SignInApiHandler},
 * the code behind the HTTP endpoint, with its delivery queue (timing is checked by
 * {@link AccountDisclosureTest}). A sample also goes over real HTTP to the local backend.
 */
class HostileInputPropertiesTest {

    private static final Set<Integer> DOCUMENTED_STATUSES = Set.of(202, 400, 405, 413, 415, 429);
    private static final Set<String> DOCUMENTED_ERRORS = Set.of(SignInApi.ERROR_INVALID_EMAIL, SignInApi.ERROR_INVALID_REQUEST,
            SignInApi.ERROR_TOO_MANY_REQUESTS, SignInApi.ERROR_PAYLOAD_TOO_LARGE, "method_not_allowed", SignInApi.ERROR_UNSUPPORTED_MEDIA_TYPE);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String VERIFIER = Secrets.generate(RANDOM);

    private static Path root;
    private static RunningBackend backend;
    private static GreenMail smtp;
    private static InProcessSignInApi api;
    private static CognitoSignInClient app;
    private static MagicLinkFormat format;
    private static final AtomicInteger ACCEPTED = new AtomicInteger();

    @BeforeContainer
    static void start() throws Exception {
        root = Files.createTempDirectory("hostile-input");
        backend = RunningBackend.start(root.resolve("backend"), Clock.systemUTC());
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        smtp.start();
        api = new InProcessSignInApi(root.resolve("links.db"), backend, smtp.getSmtp().getPort(), Clock.systemUTC());
        // The app with a request pending, so that links get as far as the user pool.
        app = backend.app(Files.createDirectories(root.resolve("app")), Clock.systemUTC());
        app.requestLink("pending@example.com");
        format = new MagicLinkFormat(backend.endpoints().scheme(), backend.endpoints().linkBase());
    }

    @AfterContainer
    static void stop() throws IOException {
        if (app != null) {
            app.close();
        }
        if (api != null) {
            api.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
        if (backend != null) {
            backend.close();
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    // ---------------------------------------------------------------- the sign-in API, in-process

    @Property(tries = 100_000, shrinking = net.jqwik.api.ShrinkingMode.BOUNDED)
    void anyBodyGetsADocumentedAnswerAndNeverA5xx(@ForAll("bodies") String body, @ForAll("methods") String method,
                                                  @ForAll("base64") boolean base64) throws IOException {
        String sent = base64 ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body;
        APIGatewayProxyResponseEvent response = api.handle(method, sent, base64);
        checkAnswer(response.getStatusCode(), response.getHeaders().get("Content-Type"), response.getHeaders().get("Cache-Control"),
                response.getHeaders().get("Retry-After"), response.getBody());
        if (method.equals("POST") && body.getBytes(StandardCharsets.UTF_8).length > SignInApi.MAX_BODY_BYTES) {
            assertThat(response.getStatusCode()).isEqualTo(413);
        }
        if (response.getStatusCode() == 202) {
            ACCEPTED.incrementAndGet();
            everyMailWentToExactlyOneValidatedAddressWithNoInjectedHeader();
        }
    }

    private static void everyMailWentToExactlyOneValidatedAddressWithNoInjectedHeader() throws IOException {
        try {
            for (MimeMessage mail : smtp.getReceivedMessages()) {
                assertThat(mail.getAllRecipients()).hasSize(1);
                assertThat(mail.getRecipients(Message.RecipientType.CC)).isNull();
                assertThat(mail.getRecipients(Message.RecipientType.BCC)).isNull();
                assertThat(mail.getAllRecipients()[0].toString()).matches("[\\x21-\\x7e]+@[a-z0-9.-]+");
            }
        } catch (jakarta.mail.MessagingException e) {
            throw new IOException(e);
        }
    }

    // ---------------------------------------------------------------- the sign-in API, over HTTP

    @Property(tries = 400, shrinking = net.jqwik.api.ShrinkingMode.BOUNDED)
    void overHttpAnyBodyGetsADocumentedAnswerAndNeverA5xx(@ForAll("httpBodies") byte[] body,
                                                         @ForAll("contentTypes") String contentType) throws IOException {
        Request request = new Request.Builder().url(backend.endpoints().apiUrl() + SignInApi.SIGN_IN_PATH)
                .post(RequestBody.create(body, MediaType.parse(contentType))).build();
        try (Response response = backend.http().newCall(request).execute()) {
            checkAnswer(response.code(), response.header("Content-Type"), response.header("Cache-Control"),
                    response.header("Retry-After"), response.body().string());
            // The handler checks the size first (413 whatever the type), then refuses what a cross-site form can send.
            if (body.length > SignInApi.MAX_BODY_BYTES) {
                assertThat(response.code()).isEqualTo(413);
            } else if (!contentType.startsWith("application/json")) {
                assertThat(response.code()).isEqualTo(415);
            }
        }
    }

    private static void checkAnswer(int status, String contentType, String cacheControl, String retryAfter, String text)
            throws IOException {
        assertThat(status).as("status, body %s", text).isIn(DOCUMENTED_STATUSES);
        assertThat(contentType).startsWith("application/json");
        assertThat(cacheControl).isEqualTo("no-store");
        JsonNode json = RunningBackend.JSON.readTree(text);
        assertThat(json.isObject()).as("a JSON object: %s", text).isTrue();
        String message = json.path(SignInApi.FIELD_MESSAGE).asText("");
        assertThat(message).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
        if (status == 202) {
            assertThat(json.has(SignInApi.FIELD_ERROR)).isFalse();
        } else {
            assertThat(json.path(SignInApi.FIELD_ERROR).asText()).isIn(DOCUMENTED_ERRORS);
        }
        if (status == 429) {
            assertThat(retryAfter).matches("[0-9]+");
        }
    }

    // ---------------------------------------------------------------- links handed to the app

    @Property(tries = 10_000, shrinking = net.jqwik.api.ShrinkingMode.BOUNDED)
    void anyLinkHandedToTheAppIsRefusedWithAProblemItCanShow(@ForAll("links") String link) {
        // The protocol's parser: a secret of the right shape, or MalformedLinkException, nothing else.
        try {
            String secret = format.parseSecret(link);
            assertThat(Secrets.isWellFormed(secret)).isTrue();
            assertThat(link.strip()).endsWith("#" + secret);
        } catch (MalformedLinkException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
        // The app with a request pending: never signed in by a link it did not get, never an unexpected error.
        try {
            app.completeSignIn(link);
            throw new AssertionError("A generated link signed in: " + link);
        } catch (SignInException e) {
            assertThat(e.problem()).as("problem for %s (%s)", link, e.getMessage())
                    .isIn(SignInException.Problem.LINK_MALFORMED, SignInException.Problem.LINK_INVALID);
        }
        assertThat(app.pendingRequest()).as("the pending request survives a refused link").isPresent();
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(95, Arbitraries.just("POST")),
                net.jqwik.api.Tuple.of(5, Arbitraries.of("GET", "PUT", "DELETE", "OPTIONS", "post", "HEAD", "", "P\u0000ST")));
    }

    @Provide
    Arbitrary<Boolean> base64() {
        return Arbitraries.frequency(net.jqwik.api.Tuple.of(92, false), net.jqwik.api.Tuple.of(8, true));
    }

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(15, Arbitraries.strings().all().ofMaxLength(200)),
                net.jqwik.api.Tuple.of(10, Arbitraries.strings().withChars("{}[]\":,\\ntrufalse0123456789.-eE ").ofMaxLength(120)),
                net.jqwik.api.Tuple.of(25, wrongShapes()),
                net.jqwik.api.Tuple.of(40, requests().map(ObjectNode::toString)),
                net.jqwik.api.Tuple.of(5, mutated()),
                net.jqwik.api.Tuple.of(5, huge()));
    }

    @Provide
    Arbitrary<byte[]> httpBodies() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(70, bodies().map(s -> s.getBytes(StandardCharsets.UTF_8))),
                // Bytes that are not UTF-8 at all.
                net.jqwik.api.Tuple.of(25, Arbitraries.bytes().array(byte[].class).ofMaxSize(300)),
                net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(4090, 70_000).map(n -> new byte[n])));
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of("application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded",
                "application/json; charset=iso-8859-1", "multipart/form-data; boundary=x");
    }

    /** Well-shaped JSON with the wrong things in it: other types, unknown and duplicated fields, nesting. */
    private Arbitrary<String> wrongShapes() {
        Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.of(SignInApi.FIELD_EMAIL, SignInApi.FIELD_CODE_CHALLENGE,
                SignInApi.FIELD_CODE_CHALLENGE_METHOD, SignInApi.FIELD_LOCALE, "__proto__", "constructor", "Email", "email\u0000"),
                Arbitraries.strings().all().ofMaxLength(12));
        Arbitrary<JsonNode> values = jsonValues(3);
        Arbitrary<String> object = Combinators.combine(names.list().ofMaxSize(6), values.list().ofSize(6)).as((n, v) -> {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            for (int i = 0; i < n.size(); i++) {
                node.set(n.get(i), v.get(i));
            }
            return node.toString();
        });
        Arbitrary<String> duplicated = requests().map(r -> {
            String text = r.toString();
            return text.substring(0, text.length() - 1) + ",\"email\":\"mallory@example.com\"}";
        });
        return Arbitraries.oneOf(object, values.map(JsonNode::toString), duplicated);
    }

    private Arbitrary<JsonNode> jsonValues(int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Arbitrary<JsonNode> leaves = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40).map(f::textNode),
                Arbitraries.integers().map(f::numberNode),
                Arbitraries.doubles().map(f::numberNode),
                Arbitraries.of(true, false).map(f::booleanNode),
                Arbitraries.just(f.nullNode()),
                Arbitraries.bigIntegers().between(java.math.BigInteger.TEN.pow(30).negate(), java.math.BigInteger.TEN.pow(30))
                        .map(f::numberNode));
        if (depth == 0) {
            return leaves;
        }
        Arbitrary<JsonNode> arrays = jsonValues(depth - 1).list().ofMaxSize(3).map(list -> {
            ArrayNode array = f.arrayNode();
            list.forEach(array::add);
            return array;
        });
        Arbitrary<JsonNode> objects = Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(6).list().ofMaxSize(3),
                jsonValues(depth - 1).list().ofSize(3)).as((n, v) -> {
                    ObjectNode node = f.objectNode();
                    for (int i = 0; i < n.size(); i++) {
                        node.set(n.get(i), v.get(i));
                    }
                    return node;
                });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, leaves), net.jqwik.api.Tuple.of(1, arrays),
                net.jqwik.api.Tuple.of(1, objects));
    }

    /** The request the app sends, with each field hostile or fine. */
    private Arbitrary<ObjectNode> requests() {
        Arbitrary<String> challenges = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(CodeChallenge.s256(VERIFIER))),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().all().ofMaxLength(60)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withChars("ABCxyz019-_=+/").ofLength(43)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withChars("ABCxyz019-_").ofMinLength(42).ofMaxLength(44)));
        Arbitrary<String> methods = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.just("S256")),
                net.jqwik.api.Tuple.of(2, Arbitraries.of("plain", "s256", "S256 ", "S512", "", "S\u0032\u0035\u0036\u200b")));
        Arbitrary<String> locales = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.of("en", "de", "de-CH", "zh-Hant-TW", "x-klingon")),
                net.jqwik.api.Tuple.of(1, Arbitraries.just((String) null)),
                net.jqwik.api.Tuple.of(3, Arbitraries.strings().all().ofMaxLength(50)));
        return Combinators.combine(emails(), challenges, methods, locales).as((email, challenge, method, locale) -> {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put(SignInApi.FIELD_EMAIL, email);
            node.put(SignInApi.FIELD_CODE_CHALLENGE, challenge);
            node.put(SignInApi.FIELD_CODE_CHALLENGE_METHOD, method);
            if (locale != null) {
                node.put(SignInApi.FIELD_LOCALE, locale);
            }
            return node;
        });
    }

    /** Addresses: invalid, injected, look-alike, huge, and edge-valid ones (from a small set, so that most meet the cooldown). */
    @Provide
    Arbitrary<String> emails() {
        Arbitrary<String> edgeValid = Combinators.combine(
                Arbitraries.of("a", "x".repeat(64), "o'brien", "first.last", "x+tag", "!#$%&'*+-/=?^_`{|}~", "UPPER", "a.b.c.d"),
                Arbitraries.of("example.com", "b\u00fccher.example", "xn--bcher-kva.example", "l".repeat(63) + ".com", "a-b.co",
                        "EXAMPLE.COM"),
                Arbitraries.of("", " ", "\t", "  \u00a0"))
                .as((local, domain, pad) -> pad + local + "@" + domain + pad.strip());
        Arbitrary<String> injected = Combinators.combine(Arbitraries.of("alice@example.com", "bob@example.org"),
                Arbitraries.of("\r\nBcc: mallory@evil.example", "\nCc: x@evil.example", "\r\n\r\n<script>", "\u0000", "\u0085",
                        "\u2028", "%0d%0aBcc:m@evil.example", ">", ",mallory@evil.example", ";m@e.example", " <m@evil.example>"),
                Arbitraries.of(true, false))
                .as((address, bad, before) -> before ? bad + address : address + bad);
        Arbitrary<String> lookAlikes = Arbitraries.of(
                "\u0430lice@example.com", // Cyrillic a
                "alice\uff20example.com", // fullwidth at
                "alice@ex\u0430mple.com", // Cyrillic a in the domain (an IDN, valid as punycode)
                "alice@example\u3002com", // ideographic full stop
                "al\u200bice@example.com", // zero-width space
                "alice@exa\u200dmple.com", // zero-width joiner
                "\u202ealice@example.com", // right-to-left override
                "alice@\u0435xample.com", "\u0131nfo@example.com", "alice@example.c\u03bfm", "ALICE@EXAMPLE.COM",
                "alice@xn--80ak6aa92e.com", "alice@xn--.com", "alice@-example.com", "alice@example-.com");
        Arbitrary<String> invalid = Arbitraries.of("", " ", "@", "a@", "@b.com", "a@b", "a@@b.com", "a..b@example.com",
                ".a@example.com", "a.@example.com", "\"quoted\"@example.com", "a b@example.com", "a@[127.0.0.1]",
                "a@127.0.0.1", "a@example.123", "a@exa_mple.com", "x".repeat(65) + "@example.com",
                "a@" + "l".repeat(64) + ".com", "a@" + ("l".repeat(60) + ".").repeat(5) + "com", "a@example.com.", "a@.example.com");
        Arbitrary<String> huge = Arbitraries.integers().between(250, 5000).map(n -> "a".repeat(n) + "@example.com");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(10, edgeValid),
                net.jqwik.api.Tuple.of(20, injected),
                net.jqwik.api.Tuple.of(15, lookAlikes),
                net.jqwik.api.Tuple.of(20, invalid),
                net.jqwik.api.Tuple.of(5, huge),
                net.jqwik.api.Tuple.of(30, Arbitraries.strings().all().ofMaxLength(80)));
    }

    private Arbitrary<String> mutated() {
        Arbitrary<String> valid = requests().map(ObjectNode::toString);
        return Combinators.combine(valid, Arbitraries.integers().between(0, 1000), Arbitraries.chars().all(),
                Arbitraries.of(0, 1, 2)).as((text, at, c, how) -> {
                    int i = Math.min(at, text.length());
                    return switch (how) {
                        case 0 -> text.substring(0, i);
                        case 1 -> text.substring(0, i) + c + text.substring(i);
                        default -> i < text.length() ? text.substring(0, i) + text.substring(i + 1) : text + text;
                    };
                });
    }

    private Arbitrary<String> huge() {
        return Combinators.combine(Arbitraries.integers().between(3_900, 70_000), Arbitraries.of("a", "\u00e9", "\ud83d\ude00", "\"", "\\u0000"))
                .as((n, unit) -> "{\"email\":\"" + unit.repeat(n / unit.length()) + "@example.com\",\"codeChallenge\":\""
                        + CodeChallenge.s256(VERIFIER) + "\",\"codeChallengeMethod\":\"S256\"}");
    }

    @Provide
    Arbitrary<String> links() {
        String scheme = backend.endpoints().scheme();
        String base = backend.endpoints().linkBase();
        Arbitrary<String> secrets = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.strings().withChars("ABCDEFabcdef0123456789-_").ofLength(43)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().all().ofMaxLength(60)));
        Arbitrary<String> prefixes = Arbitraries.of(
                scheme + "://signin#", scheme.toUpperCase() + "://SIGNIN#", scheme + "://signin/#", base + "/open#",
                base + "/open/#", scheme + "://signin?x=1#", scheme + "://user@signin#", scheme + "://signin:80#",
                scheme + "://evil.example#", "com.evil.signin://signin#", "https://evil.example/open#", base + "/open?q=1#",
                base + "/close#", base.replace("127.0.0.1", "localhost") + "/open#", base + "//open#", "javascript:alert(1)//#",
                "file:///etc/passwd#", scheme + ":/signin#", scheme + "//signin#", scheme + "://sign\u0456n#",
                "\r\n" + scheme + "://signin#", scheme + "://signin#\n", scheme + "://signin\u0000#", "data:text/html,#", "");
        Arbitrary<String> shaped = Combinators.combine(prefixes, secrets, Arbitraries.of("", "", "", " ", "\r\n", "#", "&x=1",
                "%00", "\u200b")).as((p, s, suffix) -> p + s + suffix);
        Arbitrary<String> junk = Arbitraries.strings().all().ofMaxLength(120);
        Arbitrary<String> tooLong = Arbitraries.integers().between(2000, 9000).map(n -> base + "/open#" + "A".repeat(n));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, shaped), net.jqwik.api.Tuple.of(3, junk),
                net.jqwik.api.Tuple.of(1, tooLong));
    }
}
