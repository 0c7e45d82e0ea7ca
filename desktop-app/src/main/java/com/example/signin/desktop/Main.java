package com.example.signin.desktop;

import com.example.signin.desktop.ui.DesktopApp;
import com.example.signin.desktop.ui.ToolkitStart;
import com.example.signin.fx.AppFolders;
import java.util.Optional;

/**
 * The launcher: {@code [--data-dir DIR] [--config FILE] [--locale de|en] [--register-scheme | --unregister-scheme] [LINK]}.
 *
 * <p>It first offers the start to the running instance ({@link StartHandOff}: a link goes to it,
 * a start without one brings its window to the front) and exits at once if that worked. This
 * path is kept free of JavaFX, logging and network libraries, so a click on a link while the app
 * runs costs one small JVM start. Otherwise the JavaFX toolkit starts on a thread of its own
 * ({@link ToolkitStart}) and {@link AppStartup} makes this process the instance.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        LaunchArguments arguments;
        try {
            arguments = LaunchArguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        AppFolders folders = AppFolders.forCurrentUser(arguments.dataDir());
        Optional<Integer> handedOver = StartHandOff.offer(arguments, folders.dataDir());
        if (handedOver.isPresent()) {
            System.exit(handedOver.get());
            return;
        }
        if (!arguments.registerScheme() && !arguments.unregisterScheme()) {
            // This process becomes the app: JavaFX comes up, and the OS is asked for its theme,
            // beside the log, config and instance set-up.
            ToolkitStart.begin();
            DesktopApp.askOsTheme();
        }
        System.exit(AppStartup.run(arguments, folders));
    }
}
