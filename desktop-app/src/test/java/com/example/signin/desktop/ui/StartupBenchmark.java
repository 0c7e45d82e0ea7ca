package com.example.signin.desktop.ui;

import com.example.signin.desktop.AppContext;
import com.example.signin.desktop.BackendInfo;
import com.example.signin.desktop.IncomingLinks;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.TextField;
import javafx.stage.Window;

/**
 * Benchmark, not a test: time from JVM start to the first interactive window (the sign-in
 * screen shown with the focus in the email field), over a fake client. Prints one line and
 * exits. Run it with a display (or Xvfb), or with the Monocle headless properties.
 * {@code --stay} keeps the window open (for a screenshot of the real window under Xvfb);
 * {@code --local} shows the local-mode badge.
 */
public final class StartupBenchmark {

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        boolean stay = java.util.List.of(args).contains("--stay");
        boolean local = java.util.List.of(args).contains("--local");
        FakeSignInClient client = new FakeSignInClient(Clock.systemUTC());
        BackendInfo backend = local
                ? new BackendInfo(true, CompletableFuture.completedFuture(java.util.Optional.of(java.net.URI.create("http://127.0.0.1:40123/mailbox"))))
                : BackendInfo.aws();
        AppContext context = new AppContext(client, new IncomingLinks(), backend,
                Files.createTempDirectory("signin-bench"));
        Thread watcher = new Thread(() -> watch(jvmStart, stay), "startup-watch");
        watcher.setDaemon(true);
        watcher.start();
        DesktopApp.launch(context);
    }

    private static void watch(long jvmStart, boolean stay) {
        long toolkitUp = 0;
        while (true) {
            CompletableFuture<Boolean> ready = new CompletableFuture<>();
            try {
                Platform.runLater(() -> ready.complete(Window.getWindows().stream()
                        .anyMatch(w -> w.isShowing() && w.getScene() != null
                                && w.getScene().getFocusOwner() instanceof TextField)));
                boolean shown = ready.get(5, TimeUnit.SECONDS);
                if (toolkitUp == 0) {
                    toolkitUp = System.currentTimeMillis();
                }
                if (shown) {
                    long now = System.currentTimeMillis();
                    System.out.printf("cold start to interactive window: %d ms (JVM start to sign-in screen with focus in the email"
                            + " field); JavaFX toolkit up after %d ms%n", now - jvmStart, toolkitUp - jvmStart);
                    if (!stay) {
                        Platform.runLater(() -> {
                            Platform.exit();
                            System.exit(0);
                        });
                    }
                    return;
                }
            } catch (IllegalStateException e) {
                // The toolkit is not up yet.
            } catch (java.util.concurrent.TimeoutException e) {
                // The JavaFX thread is still busy building the window: ask again.
            } catch (Exception e) {
                e.printStackTrace();
                System.exit(1);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
