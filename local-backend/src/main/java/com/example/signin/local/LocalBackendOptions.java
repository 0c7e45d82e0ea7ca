package com.example.signin.local;

import com.example.signin.protocol.Setting;
import com.example.signin.protocol.Settings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * How to start a {@link LocalBackend}. Only {@link Builder#dataDir} is required.
 */
public final class LocalBackendOptions {

    /** The app's URL scheme unless told otherwise. */
    public static final String DEFAULT_SCHEME = Settings.defaults().text(Setting.SCHEME);

    private final Path dataDir;
    private final int port;
    private final Clock clock;
    private final Settings settings;

    private LocalBackendOptions(Builder b) {
        this.dataDir = Objects.requireNonNull(b.dataDir, "dataDir is required");
        this.port = b.port;
        this.clock = b.clock;
        this.settings = b.settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * The port to listen on. 0: the port of the previous run on this data folder if it is free
     * (so links mailed before a restart still open), else any free port.
     */
    public int port() {
        return port;
    }

    public Clock clock() {
        return clock;
    }

    public String scheme() {
        return settings.text(Setting.SCHEME);
    }

    /**
     * The deployment settings the functions run with (the same keys as the CDK app's context);
     * {@code linkBase} and the AWS-only settings do not apply locally.
     */
    public Settings settings() {
        return settings;
    }

    /** Builds {@link LocalBackendOptions}. */
    public static final class Builder {
        private Path dataDir;
        private int port;
        private Clock clock = Clock.systemUTC();
        private Settings settings = Settings.defaults();

        private Builder() {
        }

        /** The folder that keeps users, link records, refresh tokens and the signing key. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
            return this;
        }

        /** 0 (the default) reuses the previous port if free, else any free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("The port must be between 0 and 65535, not " + port);
            }
            this.port = port;
            return this;
        }

        /** The clock of tokens, sessions and link expiry; tests inject one. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The app's URL scheme the link page forwards to. */
        public Builder scheme(String scheme) {
            this.settings = settings.with(Setting.SCHEME, Objects.requireNonNull(scheme, "scheme"), "scheme");
            return this;
        }

        /** The deployment settings (sign-up mode, domains, expiry, cooldown, budget ...); defaults otherwise. */
        public Builder settings(Settings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        public LocalBackendOptions build() {
            return new LocalBackendOptions(this);
        }
    }
}
