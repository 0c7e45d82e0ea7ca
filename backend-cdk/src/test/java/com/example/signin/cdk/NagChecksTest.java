package com.example.signin.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/** cdk-nag's AwsSolutions pack over the stack, with and without the WAF. */
class NagChecksTest {

    static Annotations withWaf;
    static Annotations withoutWaf;

    @BeforeAll
    static void check() {
        withWaf = checked(TestStacks.stack(TestStacks.settings().build()));
        withoutWaf = checked(TestStacks.stack(TestStacks.settings().wafEnabled(false).build()));
    }

    private static Annotations checked(SignInStack stack) {
        Aspects.of(stack).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).logIgnores(true).build()));
        return Annotations.fromStack(stack);
    }

    private static String describe(List<SynthesisMessage> messages) {
        return messages.stream().map(m -> m.getId() + ": " + String.valueOf(m.getEntry().getData())).collect(Collectors.joining("\n"));
    }

    @Test
    void noAwsSolutionsErrorIsLeftUnsuppressed() {
        List<SynthesisMessage> errors = withWaf.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        assertThat(errors).as(describe(errors)).isEmpty();
    }

    @Test
    void noAwsSolutionsWarningIsLeftUnsuppressed() {
        List<SynthesisMessage> warnings = withWaf.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        assertThat(warnings).as(describe(warnings)).isEmpty();
    }

    @Test
    void withoutTheWafTheMissingFirewallIsSuppressedWithAReasonAndNothingElseAppears() {
        List<SynthesisMessage> findings = new java.util.ArrayList<>(withoutWaf.findError("*", Match.stringLikeRegexp("AwsSolutions-.*")));
        findings.addAll(withoutWaf.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")));
        assertThat(findings).as(describe(findings)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"COG2", "COG3", "COG4", "L1", "APIG4", "APIG6", "SMG4"})
    void everySuppressionAnswersAFindingThatWouldOtherwiseAppear(String rule) {
        assertThat(withWaf.findInfo("*", Match.stringLikeRegexp(".*AwsSolutions-" + rule + "\\b.*"))).isNotEmpty();
        assertThat(withWaf.findInfo("*", Match.stringLikeRegexp(".*AwsSolutions-APIG3\\b.*"))).as("the WAF is on").isEmpty();
    }

    @Test
    void aSuppressionWithoutARealReasonIsRefused() {
        SignInStack stack = TestStacks.stack(TestStacks.settings().build());
        assertThatThrownBy(() -> NagSuppressionMetadata.add(stack.backend().linkTable(), "AwsSolutions-DDB3", "because"))
                .hasMessageContaining("real reason");
    }
}
