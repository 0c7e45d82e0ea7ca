package com.example.signin.desktop.platform;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.status.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppLoggingTest {

    @Test
    void logbackStartsWithTheAppsOwnConfigurationAndReadsNoXmlFile() throws Exception {
        LoggerContext context = new LoggerContext();
        new ContextInitializer(context).autoConfig();

        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertThat(root.getAppender("stderr")).isInstanceOf(ConsoleAppender.class);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("software.amazon.awssdk.core").getEffectiveLevel()).isEqualTo(Level.WARN);
        // Logback configured itself from the app's configurator: no XML file was parsed.
        assertThat(context.getStatusManager().getCopyOfStatusList()).map(Status::getMessage)
                .noneMatch(m -> m.contains("logback.xml"));
        context.stop();
    }

    @Test
    void onceTheDataFolderIsKnownTheLogGoesOnlyToItsFile(@TempDir Path dataDir) throws Exception {
        Path file = AppLogging.configure(dataDir);
        LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();

        org.slf4j.LoggerFactory.getLogger("com.example.signin.desktop.Probe").info("a state change");
        org.slf4j.LoggerFactory.getLogger("software.amazon.awssdk.request").info("a request body");

        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertThat(root.getAppender("stderr")).isNull();
        assertThat(Files.readString(file)).contains("a state change").doesNotContain("a request body");
        context.reset();
    }
}
