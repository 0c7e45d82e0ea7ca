package com.example.signin.cdk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnResource;
import software.constructs.IConstruct;

/**
 * Records, on the CloudFormation resources under a construct, that a cdk-nag rule is knowingly
 * not followed and why. It writes the metadata cdk-nag reads ({@code cdk_nag.rules_to_suppress}),
 * so the app needs cdk-nag only in its tests, where the checks run.
 */
final class NagSuppressionMetadata {

    private NagSuppressionMetadata() {
    }

    static void add(IConstruct scope, String ruleId, String reason) {
        if (reason.length() < 10) {
            throw new IllegalArgumentException("A suppression needs a real reason, not: " + reason);
        }
        for (IConstruct child : scope.getNode().findAll()) {
            if (child instanceof CfnResource resource) {
                List<Object> rules = new ArrayList<>();
                Object existing = resource.getMetadata("cdk_nag");
                if (existing instanceof Map<?, ?> map && map.get("rules_to_suppress") instanceof List<?> list) {
                    rules.addAll(list);
                }
                Map<String, Object> rule = new LinkedHashMap<>();
                rule.put("id", ruleId);
                rule.put("reason", reason);
                rules.add(rule);
                resource.addMetadata("cdk_nag", Map.of("rules_to_suppress", rules));
            }
        }
    }
}
