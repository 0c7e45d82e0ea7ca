package com.example.signin.desktop.platform;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The app's log: {@code logs/app.log} in the data folder (three files of 5 MB at most), one line
 * per state change (what the person must act on is also printed or shown). Configured in code so the data folder (known
 * only after the arguments are read) picks the file. Libraries log warnings only: their debug
 * output could carry request bodies.
 *
 * <p>Until then {@link BeforeDataFolder} is Logback's configuration (found through
 * {@code META-INF/services}, ranked above the local backend's {@code BackendLogging}, which is on
 * the app's class path too), so Logback configures itself once and never parses an XML file that
 * {@link #configure} would throw away: such a parse loaded about 380 classes on every start
 * (docs/BENCHMARKS.md, issue 15).
 */
public final class AppLogging {

    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{1} - %msg%n";
    private static final List<String> QUIET = List.of("software.amazon", "com.amazonaws", "okhttp3", "org.freedesktop",
            "com.github.javakeyring", "de.swiesend", "com.nimbusds", "org.eclipse.jetty", "com.almworks", "com.icegreen",
            "javafx", "org.testfx");

    private AppLogging() {
    }

    /** The log file in {@code dataDir}: {@code logs/app.log}. */
    public static Path file(Path dataDir) {
        return dataDir.resolve("logs").resolve("app.log");
    }

    /** Sends the log to {@link #file} in {@code dataDir}; returns that file. */
    public static Path configure(Path dataDir) {
        Path file = file(dataDir);
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            return file;
        }
        context.reset();

        RollingFileAppender<ILoggingEvent> fileAppender = new RollingFileAppender<>();
        fileAppender.setContext(context);
        fileAppender.setName("file");
        fileAppender.setFile(file.toString());
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(fileAppender);
        rolling.setFileNamePattern(dataDir.resolve("logs").resolve("app.%i.log").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(3);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf("5MB"));
        trigger.start();
        fileAppender.setRollingPolicy(rolling);
        fileAppender.setTriggeringPolicy(trigger);
        fileAppender.setEncoder(encoder(context));
        fileAppender.start();

        levels(context).addAppender(fileAppender);
        return file;
    }

    /**
     * Logback's start-up configuration in the app's JVM: the same levels as {@link #configure}, printed
     * to stderr (nothing in the app logs before the data folder is known; tests that never configure a
     * file see their log there). It steps aside for an explicit {@code -Dlogback.configurationFile}
     * and for a {@code logback-test.xml} on the class path, which Logback then reads as usual.
     */
    @ConfiguratorRank(ConfiguratorRank.CUSTOM_TOP_PRIORITY)
    public static final class BeforeDataFolder extends ContextAwareBase implements Configurator {

        @Override
        public ExecutionStatus configure(LoggerContext context) {
            if (System.getProperty("logback.configurationFile") != null
                    || AppLogging.class.getClassLoader().getResource("logback-test.xml") != null) {
                return ExecutionStatus.INVOKE_NEXT_IF_ANY;
            }
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setContext(context);
            console.setName("stderr");
            console.setTarget("System.err");
            console.setEncoder(encoder(context));
            console.start();
            levels(context).addAppender(console);
            return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
        }
    }

    /** INFO for the app, WARN for the libraries; returns the root logger. */
    private static ch.qos.logback.classic.Logger levels(LoggerContext context) {
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        for (String name : QUIET) {
            context.getLogger(name).setLevel(Level.WARN);
        }
        return root;
    }

    private static PatternLayoutEncoder encoder(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.setCharset(java.nio.charset.StandardCharsets.UTF_8);
        encoder.start();
        return encoder;
    }
}
