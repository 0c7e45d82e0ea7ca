package com.example.signin.cdk;

import com.example.signin.protocol.SignInApi;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.amazon.awscdk.services.wafv2.CfnWebACLAssociation;
import software.constructs.Construct;

/**
 * A regional WAF web ACL with one rule: an IP address that sends more than the limit in five
 * minutes is blocked until it slows down. On the sign-in API's stage the answer is 429 in the
 * API's error format: the stage throttle caps the API as a whole and the per-address cooldown caps
 * mail to one person; this caps one sender spraying many addresses (mail bombing, SES
 * reputation). On the user pool it caps one sender's {@code InitiateAuth} /
 * {@code RespondToAuthChallenge} rounds (made-up answers, session churn); Cognito answers those
 * blocks with {@code ForbiddenException}.
 */
public final class RateLimitFirewall extends Construct {

    static final String RULE_NAME = "RateLimitPerIp";
    static final String TOO_MANY_REQUESTS_BODY = "tooManyRequests";
    static final int WINDOW_SECONDS = 300;

    private final CfnWebACL webAcl;

    public RateLimitFirewall(Construct scope, String id, RateLimitFirewallProps props) {
        super(scope, id);
        boolean api = props.guarded() == RateLimitFirewallProps.Guarded.API_STAGE;
        CfnWebACL.BlockActionProperty.Builder block = CfnWebACL.BlockActionProperty.builder();
        if (api) {
            block.customResponse(CfnWebACL.CustomResponseProperty.builder()
                    .responseCode(429)
                    .customResponseBodyKey(TOO_MANY_REQUESTS_BODY)
                    .responseHeaders(List.of(CfnWebACL.CustomHTTPHeaderProperty.builder()
                            .name("Retry-After").value(Integer.toString(WINDOW_SECONDS)).build()))
                    .build());
        }
        CfnWebACL.Builder acl = CfnWebACL.Builder.create(this, "WebAcl")
                .scope("REGIONAL")
                .description("Per-IP rate limit for the " + (api ? "sign-in API" : "user pool"))
                .defaultAction(CfnWebACL.DefaultActionProperty.builder().allow(CfnWebACL.AllowActionProperty.builder().build()).build())
                .visibilityConfig(visibility(props.guarded().metricPrefix() + "Acl"))
                .rules(List.of(CfnWebACL.RuleProperty.builder()
                        .name(RULE_NAME)
                        .priority(0)
                        .statement(CfnWebACL.StatementProperty.builder()
                                .rateBasedStatement(CfnWebACL.RateBasedStatementProperty.builder()
                                        .aggregateKeyType("IP")
                                        .limit(props.requestsPer5Minutes())
                                        .evaluationWindowSec(WINDOW_SECONDS)
                                        .build())
                                .build())
                        .action(CfnWebACL.RuleActionProperty.builder().block(block.build()).build())
                        .visibilityConfig(visibility(api ? RULE_NAME : props.guarded().metricPrefix() + RULE_NAME))
                        .build()));
        if (api) {
            acl.customResponseBodies(Map.of(TOO_MANY_REQUESTS_BODY, CfnWebACL.CustomResponseBodyProperty.builder()
                    .contentType("APPLICATION_JSON")
                    .content("{\"error\":\"" + SignInApi.ERROR_TOO_MANY_REQUESTS
                            + "\",\"message\":\"Too many requests from this network; try again in a few minutes.\"}")
                    .build()));
        }
        webAcl = acl.build();
        CfnWebACLAssociation.Builder.create(this, "Association")
                .resourceArn(props.resourceArn())
                .webAclArn(webAcl.getAttrArn())
                .build();
    }

    private static CfnWebACL.VisibilityConfigProperty visibility(String metric) {
        return CfnWebACL.VisibilityConfigProperty.builder()
                .cloudWatchMetricsEnabled(true)
                .metricName(metric)
                .sampledRequestsEnabled(true)
                .build();
    }

    public CfnWebACL webAcl() {
        return webAcl;
    }
}
