package com.example.signin.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DependencyCyclesTest {

    @Test
    void findsThePoolTriggerPolicyCycle() {
        Map<String, Object> template = Map.of("Resources", Map.of(
                "Pool", Map.of("Properties", Map.of("LambdaConfig", Map.of("PostAuthentication", Map.of("Ref", "Alias")))),
                "Alias", Map.of("Properties", Map.of("FunctionName", Map.of("Ref", "Fn"))),
                "Fn", Map.of("DependsOn", List.of("Policy"), "Properties", Map.of()),
                "Policy", Map.of("Properties", Map.of("Resource", Map.of("Fn::GetAtt", List.of("Pool", "Arn"))))));
        assertThat(DependencyCycles.find(template)).hasSize(1);
        assertThat(DependencyCycles.find(template).get(0)).containsExactlyInAnyOrder("Pool", "Alias", "Fn", "Policy");
    }

    @Test
    void acceptsAChainAndIgnoresPseudoParameters() {
        Map<String, Object> template = Map.of("Resources", Map.of(
                "A", Map.of("Properties", Map.of("X", Map.of("Fn::Sub", "arn:${AWS::Region}:${B.Arn}"))),
                "B", Map.of("Properties", Map.of("Y", Map.of("Ref", "AWS::Region")))));
        assertThat(DependencyCycles.find(template)).isEmpty();
    }
}
