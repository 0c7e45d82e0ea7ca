package com.example.signin.cdk;

import com.example.signin.protocol.Setting;
import com.example.signin.protocol.Settings;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * One handler of module {@code lambdas} as a Lambda function: Java 21 on arm64, SnapStart on
 * published versions, its own log group with a retention, and its own role that may write only
 * to that log group. Callers (Cognito, API Gateway) must use {@link #alias()}: SnapStart applies
 * only to published versions, never to {@code $LATEST}. Data access is granted by the stack with
 * separate {@code iam.Policy} resources (see {@link MagicLinkBackend}) so that a policy naming the user
 * pool never becomes a dependency of a trigger the pool itself depends on.
 */
public final class JavaFunction extends Construct {

    /** Package of every handler (CONTRACTS.md). */
    public static final String HANDLER_PACKAGE = "com.example.signin.lambdas.";
    /** Name of the alias callers invoke. */
    public static final String ALIAS_NAME = "live";

    private final Function function;
    private final Alias alias;
    private final Role role;
    private final LogGroup logGroup;

    public JavaFunction(Construct scope, String id, JavaFunctionProps props) {
        super(scope, id);
        logGroup = LogGroup.Builder.create(this, "Logs")
                .retention(retention(props.logRetentionDays()))
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Runs " + props.handlerClass() + "; writes only its own log group")
                .inlinePolicies(Map.of("WriteOwnLogs", PolicyDocument.Builder.create()
                        .statements(List.of(PolicyStatement.Builder.create()
                                .effect(Effect.ALLOW)
                                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                                .resources(List.of(logGroup.getLogGroupArn()))
                                .build()))
                        .build()))
                .build();
        function = Function.Builder.create(this, "Function")
                .description(props.description())
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(HANDLER_PACKAGE + props.handlerClass() + "::handleRequest")
                .code(Code.fromAsset(props.jar().toString()))
                .memorySize(props.memoryMb())
                // Cognito gives a trigger 5 s; the API call is short too. SnapStart keeps a cold start well under 1 s.
                .timeout(Duration.seconds(10))
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .environment(new TreeMap<>(props.environment()))
                .role(role)
                .logGroup(logGroup)
                .build();
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "Every caller invokes the alias of the published current version below");
        alias = Alias.Builder.create(this, "Alias")
                .aliasName(ALIAS_NAME)
                .version(function.getCurrentVersion())
                .description("The published version SnapStart restores; callers never invoke $LATEST")
                .build();
    }

    /** What Cognito and API Gateway invoke. */
    public IFunction alias() {
        return alias;
    }

    public Function function() {
        return function;
    }

    public IRole role() {
        return role;
    }

    public LogGroup logGroup() {
        return logGroup;
    }

    /** CDK's enum in CloudWatch's order, which is the order of {@link Setting#LOG_RETENTION_DAYS}'s choices. */
    static RetentionDays retention(int days) {
        int index = Setting.LOG_RETENTION_DAYS.choices().indexOf(Integer.toString(days));
        if (index < 0) {
            Settings.defaults().with(Setting.LOG_RETENTION_DAYS, Integer.toString(days), "Context 'logRetentionDays'");
        }
        return RetentionDays.values()[index];
    }
}
