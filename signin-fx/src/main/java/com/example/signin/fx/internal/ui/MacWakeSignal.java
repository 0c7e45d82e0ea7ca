package com.example.signin.fx.internal.ui;

import java.awt.Desktop;
import java.awt.desktop.SystemSleepEvent;
import java.awt.desktop.SystemSleepListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * macOS tells a running app when the computer wakes ({@code java.awt.desktop.SystemSleepListener},
 * supported there only); the session renewal then renews at once instead of at its next tick.
 */
public final class MacWakeSignal {

    private static final Logger LOG = LoggerFactory.getLogger(MacWakeSignal.class);

    private MacWakeSignal() {
    }

    /** Calls {@code onWake} (on an AWT thread) whenever the computer wakes, where the OS says so. */
    public static void install(Runnable onWake) {
        try {
            if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.APP_EVENT_SYSTEM_SLEEP)) {
                Desktop.getDesktop().addAppEventListener(new SystemSleepListener() {
                    @Override
                    public void systemAboutToSleep(SystemSleepEvent e) {
                        // nothing to do before sleep: the tokens are renewed after it
                    }

                    @Override
                    public void systemAwoke(SystemSleepEvent e) {
                        onWake.run();
                    }
                });
                LOG.info("Listening for macOS wake-ups");
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("The macOS sleep listener could not be installed: {}", e.toString());
        }
    }
}
