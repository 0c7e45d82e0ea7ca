package com.example.signin.lambdas;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;
import software.amazon.dynamodb.services.local.shared.access.sqlite.SQLiteLibraryLoader;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Lambda jar ({@code target/lambdas.jar}, shaded and then shrunk by ProGuard) in a JVM of its
 * own, as Lambda would start it. The drivers in {@code src/shrunk-jar-driver} are compiled here
 * against the shrunk jar and the Lambda runtime's event serializer only, and run with nothing
 * else on the class path, so a class or member the shrinker removed from a path the code uses
 * fails to compile or fails at run time.
 */
class ShadedJarIT {

    private static final Path JAR = Path.of("target", "lambdas.jar");
    private static final Path UNSHRUNK = Path.of("target", "lambdas-unshrunk.jar");
    private static final Path DRIVER_SOURCES = Path.of("src", "shrunk-jar-driver", "java");
    private static final Path DRIVER_CLASSES = Path.of("target", "shrunk-jar-driver-classes");
    private static final long TEN_MB = 10L * 1024 * 1024;

    private static String classPath;

    @BeforeAll
    static void compileTheDriversAgainstTheShrunkJarOnly() throws Exception {
        Path serializer = Path.of(LambdaEventSerializers.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        classPath = JAR + File.pathSeparator + serializer;
        List<String> arguments = new ArrayList<>(List.of("--release", "17", "-proc:none", "-Xlint:all", "-Werror",
                "-cp", classPath, "-d", DRIVER_CLASSES.toString()));
        try (Stream<Path> sources = Files.walk(DRIVER_SOURCES)) {
            sources.filter(p -> p.toString().endsWith(".java")).forEach(p -> arguments.add(p.toString()));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int result = javac.run(null, errors, errors, arguments.toArray(String[]::new));
        assertThat(result).as("compiling the drivers against the shrunk jar:%n%s", errors.toString(StandardCharsets.UTF_8)).isZero();
        classPath = classPath + File.pathSeparator + DRIVER_CLASSES;
    }

    private static Map<String, String> lambdaEnvironment() {
        Map<String, String> env = new HashMap<>();
        // as Lambda sets them
        env.put("AWS_REGION", "eu-west-1");
        env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "example");
        env.put("AWS_SESSION_TOKEN", "example-session-token");
        env.put("AWS_LAMBDA_FUNCTION_NAME", "signin-api");
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java17");
        env.put("_X_AMZN_TRACE_ID", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
        // as the stack sets them (docs/CONTRACTS.md)
        env.put("LINK_TABLE", "links");
        env.put("USER_POOL_ID", "eu-west-1_AbCdEf123");
        env.put("DEPLOYMENT_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:000000000000:secret:deployment-AbCdEf");
        env.put("LINK_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/000000000000/links");
        env.put("URL_SCHEME", "com.example.signin");
        env.put("LINK_BASE", "https://signin.example.com");
        env.put("SENDER_ADDRESS", "no-reply@example.com");
        env.put("SENDER_NAME", "Example");
        env.put("USER_POOL_CLIENT_ID", "3n4b5urk1ft4fl3mg5e62d9ado");
        return env;
    }

    /** @return exit code, stdout, stderr */
    private static String[] run(Map<String, String> env, String mainClass, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", classPath, mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(env);
        Path out = Files.createTempFile("shrunk-jar", ".out");
        Path err = Files.createTempFile("shrunk-jar", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child JVM did not end within 180 s; its output:\n" + Files.readString(out));
        }
        return new String[] {Integer.toString(process.exitValue()),
                Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8)};
    }

    // --- DynamoDB Local over HTTP on 127.0.0.1, for the driver's JVM ------------------------

    private static Server dynamoServer;
    private static Path dynamoFolder;

    private static String dynamoEndpoint;

    private static synchronized String dynamoLocal() throws Exception {
        if (dynamoEndpoint == null) {
            dynamoEndpoint = startDynamoLocal();
        }
        return dynamoEndpoint;
    }

    private static String startDynamoLocal() throws Exception {
        SQLiteLibraryLoader.initialize();
        dynamoFolder = Files.createTempDirectory("ddb-local-http");
        LocalDynamoDBServerHandler handler = new LocalDynamoDBServerHandler(
                new LocalDynamoDBRequestHandler(0, false, dynamoFolder.toString(), true, false), null);
        dynamoServer = new Server();
        ServerConnector connector = new ServerConnector(dynamoServer);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        dynamoServer.addConnector(connector);
        dynamoServer.setHandler(new DynamoDBProxyServer(0, handler).setUpHandler(handler));
        dynamoServer.start();
        return "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterAll
    static void stopDynamoLocal() throws Exception {
        if (dynamoServer != null) {
            dynamoServer.stop();
        }
        if (dynamoFolder != null) {
            try (Stream<Path> files = Files.walk(dynamoFolder)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    // --- Tests ----------------------------------------------------------------------------------

    @Test
    void theLambdaJarIsUnderTenMegabytes() throws Exception {
        long size = Files.size(JAR);
        System.out.printf("lambdas.jar: %,d bytes (%.1f MB); shaded before shrinking: %,d bytes (%.1f MB)%n",
                size, size / 1048576.0, Files.size(UNSHRUNK), Files.size(UNSHRUNK) / 1048576.0);
        assertThat(size).isLessThan(TEN_MB);
    }

    @Test
    void everySdkOperationTheCodeCallsWorksFromTheShrunkJar() throws Exception {
        Map<String, String> env = lambdaEnvironment();
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoLocal());

        String[] result = run(env, "com.example.signin.lambdas.driver.ShrunkJarDriver",
                Path.of("target", "test-classes", "events").toString());

        assertThat(result[0]).as("exit code; stdout:%n%s%nstderr:%n%s", result[1], result[2]).isEqualTo("0");
        assertThat(result[1]).contains("all steps passed");
        result[1].lines().filter(line -> line.startsWith("ok: ")).forEach(line -> System.out.println("shrunk jar " + line));
    }

    @Test
    void theSmtpTransportSendsTheLinkFromTheShrunkJar() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        try {
            Map<String, String> env = lambdaEnvironment();
            env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoLocal());
            env.put("MAIL_TRANSPORT", "smtp");
            env.put("SMTP_HOST", "127.0.0.1");
            env.put("SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()));

            String[] result = run(env, "com.example.signin.lambdas.driver.ShrunkJarDriver",
                    Path.of("target", "test-classes", "events").toString(), "smtp");

            assertThat(result[0]).as("exit code; stdout:%n%s%nstderr:%n%s", result[1], result[2]).isEqualTo("0");
            MimeMessage[] received = smtp.getReceivedMessages();
            assertThat(received).hasSize(1);
            assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("carol@example.com");
            assertThat(text(received[0])).contains("https://signin.example.com/open#");
            result[1].lines().filter(line -> line.startsWith("ok: ")).forEach(line -> System.out.println("shrunk jar " + line));
        } finally {
            smtp.stop();
        }
    }

    /** Every text part of a message, decoded. */
    private static String text(jakarta.mail.Part part) throws Exception {
        Object content = part.getContent();
        if (content instanceof jakarta.mail.Multipart multipart) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                all.append(text(multipart.getBodyPart(i))).append('\n');
            }
            return all.toString();
        }
        return content instanceof String string ? string : "";
    }

    @Test
    void everyHandlerStartsFromTheShrunkJarAndPrimesWithoutNetwork() throws Exception {
        String[] result = run(lambdaEnvironment(), "com.example.signin.lambdas.driver.ShadedJarSmoke");

        assertThat(result[0]).as(result[2]).isEqualTo("0");
        // verify (DynamoDB), post authentication (Cognito), sign-in API (DynamoDB, SQS), delivery (DynamoDB, Cognito, SES),
        // me (Cognito GetUser);
        // the deployment secret read at start by verify, sign-in and delivery
        assertThat(result[1]).contains("primed=8 status=405 secretReads=3");
    }

    @Test
    void aMissingVariableStopsStartupNamingIt() throws Exception {
        Map<String, String> env = lambdaEnvironment();
        env.remove("DEPLOYMENT_SECRET_ARN");

        String[] result = run(env, "com.example.signin.lambdas.driver.ShadedJarSmoke");

        assertThat(result[0]).isNotEqualTo("0");
        assertThat(result[2]).contains("DEPLOYMENT_SECRET_ARN is not set: it must be the ARN of the deployment secret in Secrets Manager.");
    }

    @Test
    void everyClassAServiceFileNamesIsInTheShrunkJar() throws Exception {
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            List<String> services = jar.stream().map(ZipEntry::getName)
                    .filter(name -> name.startsWith("META-INF/services/") && !name.endsWith("/")).toList();
            assertThat(services).isNotEmpty();
            for (String service : services) {
                String text = new String(jar.getInputStream(jar.getEntry(service)).readAllBytes(), StandardCharsets.UTF_8);
                text.lines().map(line -> line.replaceAll("#.*", "").strip()).filter(line -> !line.isEmpty())
                        .forEach(name -> assertThat(jar.getEntry(name.replace('.', '/') + ".class"))
                                .as("%s names %s", service, name).isNotNull());
            }
        }
    }

    @Test
    void theBindingIsInTheLambdaJarOnlyAndOtherHttpClientsAreNot() throws Exception {
        try (ZipFile shaded = new ZipFile(JAR.toFile())) {
            assertThat(shaded.getEntry("org/slf4j/simple/SimpleServiceProvider.class")).isNotNull();
            assertThat(shaded.getEntry("software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class")).isNotNull();
            assertThat(shaded.getEntry("software/amazon/awssdk/http/apache/ApacheHttpClient.class")).isNull();
            assertThat(shaded.getEntry("software/amazon/awssdk/http/nio/netty/NettyNioAsyncHttpClient.class")).isNull();
            assertThat(shaded.getEntry("com/example/signin/protocol/MagicLinkFormat.class")).isNotNull();
            // shrunk: the model of an operation the code never calls is gone
            assertThat(shaded.getEntry("software/amazon/awssdk/services/cognitoidentityprovider/model/AdminDeleteUserRequest.class")).isNull();
            assertThat(shaded.getEntry("software/amazon/awssdk/services/sesv2/model/CreateContactListRequest.class")).isNull();
            // the service loader files name classes that are still there
            assertThat(shaded.getEntry("META-INF/services/software.amazon.awssdk.http.SdkHttpService")).isNotNull();
            assertThat(shaded.getEntry("software/amazon/awssdk/http/urlconnection/UrlConnectionSdkHttpService.class")).isNotNull();
        }
        Path plain = Files.list(Path.of("target")).filter(p -> p.getFileName().toString().matches("lambdas-[0-9].*\\.jar")).findFirst().orElseThrow();
        try (ZipFile main = new ZipFile(plain.toFile())) {
            assertThat(main.getEntry("org/slf4j/simple/SimpleServiceProvider.class")).isNull();
            assertThat(main.getEntry("com/example/signin/lambdas/SignInApiHandler.class")).isNotNull();
        }
    }
}
