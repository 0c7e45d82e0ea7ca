package com.example.signin.fx.internal.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.fx.internal.client.SignInException;
import com.example.signin.fx.internal.client.SignInException.Problem;
import com.example.signin.protocol.InvalidEmailException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessagesTest {

    private final Messages messages = Messages.load();

    @ParameterizedTest
    @EnumSource(Problem.class)
    void everyProblemHasItsOwnSentence(Problem problem) {
        String sentence = messages.problem(new SignInException(problem, "stack trace material"));

        assertThat(sentence).isEqualTo(messages.get("problem." + problem.name())).endsWith(".").doesNotContain("stack trace");
    }

    @ParameterizedTest
    @EnumSource(InvalidEmailException.Reason.class)
    void everyRefusedAddressReasonHasASentenceTheEnglishOneBeingTheProtocols(InvalidEmailException.Reason reason) {
        assertThat(messages.invalidEmail(reason)).isNotBlank().isEqualTo(reason.sentence());
        Messages german = Messages.load(com.example.signin.fx.UiLanguage.GERMAN);
        assertThat(german.invalidEmail(reason)).isNotBlank().isNotEqualTo(reason.sentence());
    }

    @Test
    void anythingButASignInExceptionIsUnexpected() {
        assertThat(messages.problem(new IllegalStateException("boom"))).isEqualTo(messages.get("problem.UNEXPECTED"));
    }

    @Test
    void waitsAreRoundedUpToWholeSeconds() {
        assertThat(messages.waitText(Duration.ofMillis(41_200))).isEqualTo("42 s");
        assertThat(messages.waitText(Duration.ofSeconds(125))).isEqualTo("2:05 min");
    }

    @Test
    void aMissingKeyNamesTheKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> messages.get("no.such.key"))
                .hasMessageContaining("no.such.key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"MainWindow.fxml", "SignIn.fxml", "Inbox.fxml", "SignedIn.fxml"})
    void everyTextAScreenUsesIsInTheBundle(String fxml) throws IOException {
        String text;
        try (InputStream in = FxResources.url(fxml).openStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> keys = new ArrayList<>();
        Matcher m = Pattern.compile("%([\\w.]+)").matcher(text);
        while (m.find()) {
            keys.add(m.group(1));
        }
        assertThat(keys).isNotEmpty();
        assertThat(keys).allSatisfy(key -> assertThat(messages.bundle().containsKey(key)).as(key).isTrue());
    }

    @Test
    void aMissingResourceNamesItsPath() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FxResources.url("Nope.fxml"))
                .hasMessageContaining("/com/example/signin/fx/internal/ui/Nope.fxml");
    }

    private static java.util.Properties bundleFile(String name) throws IOException {
        java.util.Properties properties = new java.util.Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream("/com/example/signin/fx/internal/ui/" + name)) {
            properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void theGermanBundleHasEveryKeyOfTheEnglishOneWithTheSameArguments() throws IOException {
        java.util.Properties english = bundleFile("messages.properties");
        java.util.Properties german = bundleFile("messages_de.properties");

        java.util.Set<String> translatedFromProtocol = java.util.Arrays.stream(InvalidEmailException.Reason.values())
                .map(r -> "email.invalid." + r.name()).collect(java.util.stream.Collectors.toSet());
        java.util.Set<String> expected = new java.util.TreeSet<>(english.stringPropertyNames());
        expected.addAll(translatedFromProtocol);
        assertThat(new java.util.TreeSet<>(german.stringPropertyNames())).isEqualTo(expected);
        Pattern argument = Pattern.compile("\\{(\\d)");
        for (String key : english.stringPropertyNames()) {
            assertThat(arguments(argument, german.getProperty(key))).as(key).isEqualTo(arguments(argument, english.getProperty(key)));
            assertThat(german.getProperty(key)).as(key).isNotBlank();
        }
    }

    private static java.util.Set<String> arguments(Pattern argument, String text) {
        java.util.Set<String> found = new java.util.TreeSet<>();
        Matcher m = argument.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @ParameterizedTest
    @EnumSource(Problem.class)
    void everyProblemHasItsOwnGermanSentence(Problem problem) {
        Messages german = Messages.load(com.example.signin.fx.UiLanguage.GERMAN);

        String sentence = german.problem(new SignInException(problem, "detail"));

        assertThat(sentence).isNotEqualTo(messages.problem(new SignInException(problem, "detail"))).endsWith(".");
        assertThat(german.locale()).isEqualTo(java.util.Locale.GERMAN);
    }

    @Test
    void theGermanScreensSayGermanThingsAndWriteTimesTheGermanWay() {
        Messages german = Messages.load(com.example.signin.fx.UiLanguage.GERMAN);

        assertThat(german.get("inbox.title")).isEqualTo("Sehen Sie in Ihr Postfach");
        assertThat(german.get("signedIn.as", "alice@example.com")).isEqualTo("Angemeldet als alice@example.com");
        assertThat(german.waitText(Duration.ofSeconds(125))).isEqualTo("2:05 min");
    }
}
