package com.example.signin.systemtests.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.desktop.Main;
import com.example.signin.lambdas.SignInApiHandler;
import com.example.signin.local.LocalBackend;
import com.example.signin.protocol.SaltedHash;
import com.example.signin.systemtests.rules.SecretComparisonScanner.Violation;
import com.example.signin.systemtests.rules.fixtures.PlantedSecretComparisons;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Secret, hash and challenge comparisons go through the one constant-time helper; mutation
 * testing cannot see a constant-time comparison replaced by {@code equals}, so this rule does.
 * The rule's precise form is on {@link SecretComparisonScanner}.
 */
class ConstantTimeComparisonRuleTest {

    @Test
    void noModuleComparesASecretHashOrChallengeWithEquals() {
        SecretComparisonScanner scanner = new SecretComparisonScanner();
        for (Class<?> anyClassOfTheModule : List.of(SaltedHash.class, SignInApiHandler.class, LocalBackend.class, Main.class)) {
            scanner.scan(classesOf(anyClassOfTheModule));
        }
        assertThat(scanner.classesScanned()).as("classes scanned in the four modules").isGreaterThan(100);
        // No allow-list: every spot the rule found earlier now calls SaltedHash.same.
        assertThat(scanner.violations())
                .as("compare secrets, hashes and challenges with SaltedHash.same, never with equals")
                .isEmpty();
    }

    @Test
    void theRuleFailsOnEveryPlantedViolationAndOnNothingElse() throws URISyntaxException {
        Path planted = Path.of(PlantedSecretComparisons.class.getResource("PlantedSecretComparisons.class").toURI());
        Map<String, String> found = new SecretComparisonScanner().scan(planted).violations().stream()
                .collect(Collectors.toMap(v -> enclosingMethod(v.method()), Violation::operand));
        assertThat(found).containsOnly(
                Map.entry("parameterEquals", "secret"),
                Map.entry("accessorEquals", "secretHash"),
                Map.entry("bytesCompared", "verifier"),
                Map.entry("objectsEquals", "codeChallenge"),
                Map.entry("fieldEqualsIgnoringCase", "expectedSecret"),
                Map.entry("lambdaEquals", "secretHash"),
                Map.entry("secondHelper", "a second constant-time helper"));
    }

    @Test
    void aViolationNamesTheClassMethodAndLineToFix() throws URISyntaxException {
        Path planted = Path.of(PlantedSecretComparisons.class.getResource("PlantedSecretComparisons.class").toURI());
        Violation violation = new SecretComparisonScanner().scan(planted).violations().stream()
                .filter(v -> v.method().equals("parameterEquals")).findFirst().orElseThrow();
        assertThat(violation.toString()).isEqualTo(
                "com.example.signin.systemtests.rules.fixtures.PlantedSecretComparisons.parameterEquals (line "
                        + violation.line() + "): java.lang.String.equals on secret");
        assertThat(violation.line()).isPositive();
    }

    @ParameterizedTest
    @CsvSource({
            "secret, true", "secretHash, true", "getSecretHash, true", "codeChallenge, true", "verifier, true",
            "refreshToken, true", "SECRET_HASH, true", "oneTimeCode, true", "expectedOneTimeCodeHash, true",
            "challengeName, false", "errorCode, false", "tokenUse, false", "hashCode, false", "secretLength, false",
    })
    void aNamesLastWordSaysWhetherItIsASecret(String name, boolean secret) {
        assertThat(SecretComparisonScanner.isSecretName(name)).isEqualTo(secret);
    }

    /** {@code lambda$verify$0} was written in {@code verify}. */
    private static String enclosingMethod(String method) {
        return method.startsWith("lambda$") ? method.split("\\$")[1] : method;
    }

    /**
     * The module's compiled classes. From a packaged jar (reactor builds past {@code package}) the
     * module's target/classes beside it is read instead: a shrunk jar (lambdas, ProGuard) may have
     * lost the local variable names the rule reads.
     */
    private static Path classesOf(Class<?> type) {
        Path location;
        try {
            location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the classes of " + type.getName(), e);
        }
        if (Files.isDirectory(location)) {
            return location;
        }
        Path classes = location.resolveSibling("classes");
        assertThat(classes)
                .as("%s comes from %s; build its module in this reactor so its target/classes exists", type.getName(), location)
                .isDirectory();
        return classes;
    }
}
