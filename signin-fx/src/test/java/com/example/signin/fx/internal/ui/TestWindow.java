package com.example.signin.fx.internal.ui;

import com.example.signin.testsupport.TestClock;
import com.example.signin.fx.internal.ui.AppContext;
import com.example.signin.fx.internal.ui.BackendInfo;
import com.example.signin.fx.internal.platform.IncomingLinks;
import com.example.signin.fx.UiLanguage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The real window and screens over a fake client, for TestFX tests, screenshots and the start-up benchmark. */
final class TestWindow {

    final TestClock clock = TestClock.at("2026-11-24T10:00:00Z");
    final FakeSignInClient client = new FakeSignInClient(clock);
    final IncomingLinks links = new IncomingLinks();
    final List<String> opened = new CopyOnWriteArrayList<>();
    final FxTaskExecutor executor = new FxTaskExecutor();
    final Messages messages;
    MainWindowViewModel viewModel;

    TestWindow() {
        this(UiLanguage.ENGLISH);
    }

    TestWindow(UiLanguage language) {
        messages = Messages.load(language);
    }
    Parent root;

    /** PrimerDark or PrimerLight, as a host app sets it (the library leaves the theme to the host). */
    static void setTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark
                ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    /** Builds the window on {@code stage} (on the JavaFX thread) and shows it; does not start the view model. */
    void show(Stage stage, BackendInfo backend, boolean dark) {
        TestWindow.setTheme(dark);
        AppContext context = new AppContext(client, links, backend, Path.of("/home/alice/.local/share/magic-link-signin"));
        viewModel = new MainWindowViewModel(context, executor, messages, clock, opened::add);
        root = MainWindowView.load(viewModel, messages);
        stage.setScene(new Scene(root));
        stage.setTitle(messages.get("app.title"));
        stage.show();
    }
}
