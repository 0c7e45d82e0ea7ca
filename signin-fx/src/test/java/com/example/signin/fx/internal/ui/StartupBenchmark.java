package com.example.signin.fx.internal.ui;

import com.example.signin.fx.internal.ui.BackendInfo;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.TextField;
import javafx.application.Application;
import javafx.stage.Stage;

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
        backend = local
                ? new BackendInfo(true, CompletableFuture.completedFuture(java.util.Optional.of(java.net.URI.create("http://127.0.0.1:40123/mailbox"))))
                : BackendInfo.aws();
        Thread watcher = new Thread(() -> watch(jvmStart, stay), "startup-watch");
        watcher.setDaemon(true);
        watcher.start();
        Application.launch(Window.class);
    }

    private static volatile BackendInfo backend;

    /** The screens over a fake client in a window, as a host shows them. */
    public static final class Window extends Application {
        @Override
        public void start(Stage stage) {
            TestWindow window = new TestWindow();
            window.show(stage, backend, false);
            window.viewModel.start();
        }
    }

    private static void watch(long jvmStart, boolean stay) {
        long toolkitUp = 0;
        while (true) {
            CompletableFuture<Boolean> ready = new CompletableFuture<>();
            try {
                Platform.runLater(() -> ready.complete(javafx.stage.Window.getWindows().stream()
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
