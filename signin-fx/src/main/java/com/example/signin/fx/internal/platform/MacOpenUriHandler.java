package com.example.signin.fx.internal.platform;

import java.awt.Desktop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * macOS hands a clicked link to the running app bundle as an "open URI" Apple event, not on the
 * command line; this forwards it to {@link IncomingLinks}. The bundle's Info.plist declares the
 * scheme.
 */
public final class MacOpenUriHandler {

    private static final Logger LOG = LoggerFactory.getLogger(MacOpenUriHandler.class);

    private MacOpenUriHandler() {
    }

    public static void install(IncomingLinks links) {
        try {
            if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.APP_OPEN_URI)) {
                Desktop.getDesktop().setOpenURIHandler(event -> links.deliver(event.getURI().toString()));
                LOG.info("Receiving sign-in links from macOS");
            }
        } catch (RuntimeException e) {
            LOG.warn("The macOS open-URI handler could not be installed: {}", e.toString());
        }
    }
}
