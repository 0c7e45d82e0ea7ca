package com.example.signin.desktop;

import com.example.signin.fx.AppFolders;
import com.example.signin.fx.internal.platform.LinkHandoff;
import java.nio.file.Path;

/**
 * The launcher: {@code [--data-dir DIR] [--config FILE] [--register-scheme | --unregister-scheme] [LINK]}.
 *
 * <p>With a link, it first offers the link to the running instance over the single-instance
 * socket and exits at once if that worked; without one, it asks the running instance to bring its
 * window to the front (menu, dock, command line) and exits. This path is kept free of JavaFX,
 * logging and network libraries (this class and {@link LinkHandoff} import none), so a click on a
 * link while the app runs costs one small JVM start. Otherwise {@link AppStartup} makes this
 * process the instance.
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
        boolean schemeCommand = arguments.registerScheme() || arguments.unregisterScheme();
        if (arguments.link().isEmpty() && !schemeCommand
                && LinkHandoff.raise(folders.dataDir()) == LinkHandoff.Result.DELIVERED) {
            System.out.println(alreadyRunning(folders.dataDir()));
            System.exit(0);
            return;
        }
        if (arguments.link().isPresent() && !schemeCommand) {
            LinkHandoff.Result result = LinkHandoff.send(folders.dataDir(), arguments.link().get());
            if (result == LinkHandoff.Result.DELIVERED) {
                System.exit(0);
                return;
            }
            if (result == LinkHandoff.Result.REFUSED) {
                System.err.println("The app refused this link: it is too long to be a sign-in link.");
                System.exit(2);
                return;
            }
        }
        System.exit(AppStartup.run(arguments, folders));
    }

    /** What a start says when the app already runs and was asked to show its window. */
    static String alreadyRunning(Path dataDir) {
        return "The app is already running (data folder " + dataDir + "); its window was brought to the front.";
    }
}
