package com.example.signin.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.signin.protocol.Secrets;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;

/**
 * The local backend from a stranger's side: a web page the owner opens (DNS rebinding, a
 * cross-site form post), another user of the computer (the user pool's admin operations, the
 * mailbox at a guessed address), and a client that sends slowly. Each attempt fails, and the
 * owner still signs in.
 */
@Timeout(300)
class LocalBackendStrangerTest {

    @TempDir
    static Path dataDir;
    static RunningBackend backend;
    static final SecureRandom RANDOM = new SecureRandom();

    @BeforeAll
    static void start() throws Exception {
        backend = RunningBackend.start(dataDir, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    private static int port() {
        return URI.create(backend.endpoints().cognitoEndpoint()).getPort();
    }

    /** One raw HTTP/1.1 request, as a browser sends it after DNS rebinding: the Host is the attacker's name. */
    private static String rawRequest(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aRequestForAnotherHostNameIsRefusedSoARebindingPageReadsNothing() throws Exception {
        String owner = "rebinding-owner@example.com";
        assertThat(backend.requestLink(owner, Secrets.generate(RANDOM))).isEqualTo(202);
        String mailboxPath = URI.create(backend.endpoints().mailboxUrl()).getPath();

        String answer = rawRequest("GET " + mailboxPath + "/api/messages HTTP/1.1\r\nHost: evil.example:" + port()
                + "\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 421").contains("\"error\":\"misdirected_request\"")
                .contains("only requests addressed to 127.0.0.1:" + port()).doesNotContain(owner);
        String noHost = rawRequest("GET " + mailboxPath + " HTTP/1.0\r\n\r\n");
        assertThat(noHost).startsWith("HTTP/1.1 421");
        // The owner's own address for the backend still works, by either loopback name.
        String own = rawRequest("GET " + mailboxPath + "/api/messages HTTP/1.1\r\nHost: localhost:" + port()
                + "\r\nConnection: close\r\n\r\n");
        assertThat(own).startsWith("HTTP/1.1 200").contains(owner);
    }

    @Test
    void aCrossSiteFormPostToTheSignInApiIsRefusedAndSendsNoMail() throws Exception {
        String victim = "form-victim@example.com";
        String body = RunningBackend.requestBody(victim, Secrets.generate(RANDOM));
        for (String formType : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
            Request post = new Request.Builder().url(backend.endpoints().apiUrl() + "/signin")
                    .post(RequestBody.create(body, MediaType.parse(formType))).build();
            try (Response response = backend.http().newCall(post).execute()) {
                assertThat(response.code()).isEqualTo(415);
                assertThat(RunningBackend.JSON.readTree(response.body().string()).path("error").asText()).isEqualTo("unsupported_media_type");
            }
        }
        assertThat(backend.mails(victim)).isEmpty();
    }

    @Test
    void theMailboxIsOnlyAtTheRandomAddressInTheOwnersEndpointsFile() throws Exception {
        Path endpointsFile = dataDir.resolve("endpoints.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(endpointsFile))).isEqualTo("rw-------");
        assertThat(Files.readString(endpointsFile)).contains(backend.endpoints().mailboxUrl())
                .contains(backend.endpoints().secretAccessKey());
        String base = backend.endpoints().cognitoEndpoint();
        for (String guess : List.of("/mailbox", "/mailbox/api/messages", "/mailbox/api/messages?to=a@example.com")) {
            try (Response response = backend.http().newCall(new Request.Builder().url(base + guess).build()).execute()) {
                assertThat(response.code()).as(guess).isEqualTo(404);
            }
        }
        assertThat(URI.create(backend.endpoints().mailboxUrl()).getPath()).matches("/mailbox/[A-Za-z0-9_-]{22}");
    }

    private static CognitoIdentityProviderClient cognitoAs(AwsCredentialsProvider credentials) {
        return CognitoIdentityProviderClient.builder()
                .endpointOverride(URI.create(backend.endpoints().cognitoEndpoint()))
                .region(Region.of(backend.endpoints().region()))
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)).build())
                .build();
    }

    @Test
    void adminOperationsWithoutTheOwnersKeyAreRefusedAndChangeNothing() throws Exception {
        String owner = "admin-owner@example.com";
        String userPoolId = backend.endpoints().userPoolId();
        record Stranger(String what, AwsCredentialsProvider credentials, String errorType) {
        }
        List<Stranger> strangers = List.of(
                new Stranger("no signature", AnonymousCredentialsProvider.create(), "MissingAuthenticationTokenException"),
                new Stranger("another key", StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSTRANGER", "secret")),
                        "UnrecognizedClientException"),
                new Stranger("the key id without its secret", StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(backend.endpoints().accessKeyId(), "guessed")), "InvalidSignatureException"));
        for (Stranger stranger : strangers) {
            try (CognitoIdentityProviderClient cognito = cognitoAs(stranger.credentials())) {
                assertThatThrownBy(() -> cognito.adminCreateUser(b -> b.userPoolId(userPoolId).username(owner)))
                        .as(stranger.what()).isInstanceOfSatisfying(CognitoIdentityProviderException.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(403);
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(stranger.errorType());
                            assertThat(e.awsErrorDetails().errorMessage()).contains("endpoints.json");
                        });
                assertThatThrownBy(() -> cognito.listUsers(b -> b.userPoolId(userPoolId)))
                        .as(stranger.what()).isInstanceOfSatisfying(CognitoIdentityProviderException.class,
                                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo(stranger.errorType()));
                assertThatThrownBy(() -> cognito.adminUpdateUserAttributes(b -> b.userPoolId(userPoolId).username(owner)
                        .userAttributes(a -> a.name("email").value("stranger@example.com"))))
                        .as(stranger.what()).isInstanceOf(CognitoIdentityProviderException.class);
            }
        }
        // Nothing was created; with the owner's key the same calls work, and the owner signs in.
        assertThat(backend.cognito().listUsers(b -> b.userPoolId(userPoolId).filter("email = \"" + owner + "\"")).users()).isEmpty();
        String verifier = Secrets.generate(RANDOM);
        assertThat(backend.requestLink(owner, verifier)).isEqualTo(202);
        String session = backend.initiate(owner).session();
        assertThat(backend.answer(owner, session, backend.latestSecret(owner), verifier).authenticationResult()).isNotNull();
    }

    @Test
    void slowClientsAreCutOffAndTheServerStillAnswersOthers() throws Exception {
        // Each connection sends half a request and then nothing.
        List<Socket> slow = new ArrayList<>();
        try {
            // 400: more than the front's 64 workers and 256 queued requests together.
            for (int i = 0; i < 400; i++) {
                Socket socket = new Socket("127.0.0.1", port());
                socket.getOutputStream().write(("POST /api/signin HTTP/1.1\r\nHost: 127.0.0.1:" + port()
                        + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"email\":").getBytes(StandardCharsets.UTF_8));
                slow.add(socket);
            }
            // Another client is answered once the server has cut the slow ones off (they cannot hold it).
            JsonNode answer = null;
            for (int attempt = 0; attempt < 120 && answer == null; attempt++) {
                try (Response response = backend.http().newCall(new Request.Builder()
                        .url(backend.endpoints().mailboxUrl() + "/api/messages?to=nobody@example.com").build()).execute()) {
                    if (response.code() == 200) {
                        answer = RunningBackend.JSON.readTree(response.body().string());
                    }
                } catch (IOException refusedWhileFull) {
                    Thread.sleep(500);
                }
            }
            assertThat(answer).as("an answer for another client").isNotNull();
            assertThat(answer.isArray()).isTrue();
            for (Socket socket : slow) {
                socket.setSoTimeout(60_000);
                assertThat(closedByServer(socket)).as("the server closed the slow connection").isTrue();
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    /** True when the server ended the connection (end of stream, a reset, or an answer followed by the end). */
    private static boolean closedByServer(Socket socket) throws IOException {
        try {
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // an error answer, if any, then the end
            }
            return true;
        } catch (SocketException reset) {
            return true;
        }
    }
}
