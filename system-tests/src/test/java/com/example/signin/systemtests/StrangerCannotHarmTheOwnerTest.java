package com.example.signin.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.signin.lambdas.service.CognitoUserDirectory;
import com.example.signin.protocol.CodeChallenge;
import com.example.signin.protocol.EmailAddress;
import com.example.signin.protocol.Secrets;
import com.example.signin.protocol.Setting;
import com.example.signin.protocol.Settings;
import com.example.signin.protocol.SignInApi;
import com.example.signin.testsupport.TestClock;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;

/**
 * Issue "a stranger who knows an address can do nothing to its owner", from the stranger's side:
 * the public client id, the API URL and the owner's address, scripted without limit through the
 * AWS SDK and plain HTTP. Each attack fails, and the owner still signs in afterwards.
 */
@Timeout(300)
class StrangerCannotHarmTheOwnerTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    static Path dataDir;
    static TestClock clock = TestClock.realTime();
    static RunningBackend backend;

    @BeforeAll
    static void start() throws Exception {
        // Sign-up limited to one domain, so the account-existence probe has a refused address to compare with.
        backend = RunningBackend.start(dataDir, clock,
                Settings.defaults().with(Setting.ALLOWED_EMAIL_DOMAINS, "example.com", "allowedEmailDomains"));
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    /** One installation of the app: its device id and the verifier of its pending request. */
    record Device(String id, String verifier) {
        static Device fresh() {
            byte[] id = new byte[16];
            RANDOM.nextBytes(id);
            return new Device(Base64.getUrlEncoder().withoutPadding().encodeToString(id), Secrets.generate(RANDOM));
        }
    }

    private static String body(String email, Device device) {
        ObjectNode body = (ObjectNode) RunningBackend.JSON.createObjectNode()
                .put(SignInApi.FIELD_EMAIL, email)
                .put(SignInApi.FIELD_CODE_CHALLENGE, CodeChallenge.s256(device.verifier()))
                .put(SignInApi.FIELD_CODE_CHALLENGE_METHOD, CodeChallenge.METHOD_S256)
                .put(SignInApi.FIELD_LOCALE, "en");
        return body.put(SignInApi.FIELD_DEVICE_ID, device.id()).toString();
    }

    /** The status and body the API answers. */
    private static String ask(String email, Device device) throws Exception {
        try (Response response = backend.postSignIn(body(email, device))) {
            return response.code() + " " + response.body().string();
        }
    }

    private static int status(String answer) {
        return Integer.parseInt(answer.substring(0, 3));
    }

    /** The owner clicks the newest link on the owner's device. */
    private static AuthenticationResultType ownerSignsIn(String email, Device device) throws Exception {
        String secret = backend.latestSecret(email);
        InitiateAuthResponse challenge = backend.initiate(email);
        return backend.answer(email, challenge.session(), secret, device.verifier()).authenticationResult();
    }

    @Test
    void madeUpAnswersOverManyRoundsLeaveTheOwnersLinkWorking() throws Exception {
        String owner = "made-up@example.com";
        Device device = Device.fresh();
        assertThat(status(ask(owner, device))).isEqualTo(202);
        backend.mails(owner);

        for (int round = 0; round < 30; round++) {
            InitiateAuthResponse challenge = backend.initiate(owner);
            assertThatThrownBy(() -> backend.answer(owner, challenge.session(), Secrets.generate(RANDOM), Secrets.generate(RANDOM)))
                    .isInstanceOf(NotAuthorizedException.class);
        }

        assertThat(ownerSignsIn(owner, device).idToken()).isNotBlank();
    }

    @Test
    void aStrangersRequestFromAnotherDeviceAfterTheCooldownLeavesTheOwnersLinkWorking() throws Exception {
        String owner = "after-cooldown@example.com";
        Device device = Device.fresh();
        assertThat(status(ask(owner, device))).isEqualTo(202);
        String ownersSecret = backend.latestSecret(owner);
        clock.advance(Duration.ofSeconds(61));

        assertThat(status(ask(owner, Device.fresh()))).as("the stranger's request").isEqualTo(202);
        backend.mails(owner);

        InitiateAuthResponse challenge = backend.initiate(owner);
        assertThat(backend.answer(owner, challenge.session(), ownersSecret, device.verifier()).authenticationResult().idToken())
                .isNotBlank();
    }

    @Test
    void aStrangersRequestFollowedAtOnceByTheOwnersStillGetsTheOwnerALink() throws Exception {
        String owner = "right-after@example.com";
        Device device = Device.fresh();

        assertThat(status(ask(owner, Device.fresh()))).as("the stranger's request").isEqualTo(202);
        assertThat(status(ask(owner, device))).as("the owner's, at once: no 429").isEqualTo(202);

        List<String> secrets = backend.secretsIn(backend.mails(owner));
        assertThat(secrets).hasSize(2);
        // The owner clicks whichever link is the own one: the stranger's is bound to the stranger's verifier.
        AuthenticationResultType tokens = null;
        for (String secret : secrets) {
            try {
                tokens = backend.answer(owner, backend.initiate(owner).session(), secret, device.verifier()).authenticationResult();
                break;
            } catch (CognitoIdentityProviderException refused) {
                // the stranger's link: refused as asked for on another device, nothing else changes
            }
        }
        assertThat(tokens).as("the owner's own link signs in").isNotNull();
    }

    @Test
    void theAccountExistenceProbeGetsTheSameAnswersForAMemberAndARefusedAddress() throws Exception {
        String member = "probe-member@example.com";
        String refused = "ghost@elsewhere.org";
        new CognitoUserDirectory(backend.cognito(), RANDOM).createConfirmed(backend.endpoints().userPoolId(), EmailAddress.parse(member));

        List<String> memberAnswers = probe(member);
        List<String> refusedAnswers = probe(refused);

        assertThat(refusedAnswers).isEqualTo(memberAnswers);
        assertThat(backend.mails(refused)).isEmpty();
        assertThat(backend.mails(member)).isNotEmpty();
    }

    /** The old probe: ask, answer made-up secrets (once enough to burn a record), ask again from the same device and another. */
    private List<String> probe(String email) throws Exception {
        Device device = Device.fresh();
        List<String> answers = new ArrayList<>();
        answers.add(ask(email, device));
        for (int i = 0; i < 5; i++) {
            InitiateAuthResponse challenge = backend.initiate(email);
            try {
                backend.answer(email, challenge.session(), Secrets.generate(RANDOM), device.verifier());
                answers.add("signed in");
            } catch (CognitoIdentityProviderException e) {
                answers.add(e.getClass().getSimpleName() + " " + e.awsErrorDetails().errorMessage());
            }
        }
        answers.add(ask(email, device).replaceAll("[0-9]+ seconds", "N seconds").replaceAll("Retry-After: [0-9]+", ""));
        answers.add(ask(email, Device.fresh()));
        return answers;
    }

    @Test
    void aSignedInStrangerCannotMoveTheAccountOntoTheOwnersAddress() throws Exception {
        String stranger = "stranger@example.com";
        String owner = "victim@example.com";
        Device strangersDevice = Device.fresh();
        assertThat(status(ask(stranger, strangersDevice))).isEqualTo(202);
        AuthenticationResultType strangersTokens = ownerSignsIn(stranger, strangersDevice);

        assertThatThrownBy(() -> backend.cognito().updateUserAttributes(b -> b.accessToken(strangersTokens.accessToken())
                .userAttributes(AttributeType.builder().name("email").value(owner).build())))
                .isInstanceOf(CognitoIdentityProviderException.class);

        Device ownersDevice = Device.fresh();
        assertThat(status(ask(owner, ownersDevice))).isEqualTo(202);
        AuthenticationResultType ownersTokens = ownerSignsIn(owner, ownersDevice);
        Map<String, Object> owners = claims(ownersTokens.idToken());
        assertThat(owners.get("email")).isEqualTo(owner);
        assertThat(owners.get("sub")).isNotEqualTo(claims(strangersTokens.idToken()).get("sub"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> claims(String jwt) throws Exception {
        return RunningBackend.JSON.readValue(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), Map.class);
    }
}
