package com.example.signin.fx.internal.ui;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Controller of {@code MainWindow.fxml}: the header with the local-mode badge, the banner for a
 * link that did not work, and the current screen.
 */
public final class MainWindowView {

    private final MainWindowViewModel viewModel;
    private final Messages messages;
    /** Each screen is loaded the first time it shows: the start needs only one of them. */
    private final Map<Screen, Supplier<Loaded>> factories = new EnumMap<>(Screen.class);
    private final Map<Screen, Loaded> loaded = new EnumMap<>(Screen.class);

    private record Loaded(Parent node, ScreenView view) {
    }

    @FXML private BorderPane window;
    @FXML private HBox localBadge;
    @FXML private Hyperlink mailboxLink;
    @FXML private HBox banner;
    @FXML private Label bannerLabel;
    @FXML private Button newLinkButton;
    @FXML private Button dismissButton;
    @FXML private ScrollPane scroller;
    @FXML private StackPane content;

    private MainWindowView(MainWindowViewModel viewModel, Messages messages) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.messages = Objects.requireNonNull(messages, "messages");
        add(Screen.PROGRESS, "Progress.fxml", () -> new ProgressView(viewModel));
        add(Screen.SIGN_IN, "SignIn.fxml", () -> new SignInView(viewModel.signIn()));
        add(Screen.INBOX, "Inbox.fxml", () -> new InboxView(viewModel.inbox()));
        add(Screen.SIGNED_IN, "SignedIn.fxml", () -> new SignedInView(viewModel.signedIn()));
    }

    /** Loads the window for {@code viewModel}; call {@link MainWindowViewModel#start()} once it shows. */
    public static Parent load(MainWindowViewModel viewModel, Messages messages) {
        MainWindowView view = new MainWindowView(viewModel, messages);
        Parent root = FxResources.loadView("MainWindow.fxml", view, messages);
        root.getStylesheets().add(FxResources.url("app.css").toExternalForm());
        if (needsFallbackColors(Application.getUserAgentStylesheet())) {
            root.getStylesheets().add(FxResources.url("fallback-colors.css").toExternalForm());
        }
        return root;
    }

    /** Whether the host's theme ({@code userAgentStylesheet}, null for Modena) lacks the AtlantaFX colours app.css uses. */
    static boolean needsFallbackColors(String userAgentStylesheet) {
        return userAgentStylesheet == null || !userAgentStylesheet.contains("atlantafx");
    }

    private void add(Screen screen, String fxml, Supplier<ScreenView> controller) {
        factories.put(screen, () -> {
            ScreenView view = controller.get();
            return new Loaded(FxResources.loadView(fxml, view, messages), view);
        });
    }

    @FXML
    private void initialize() {
        localBadge.visibleProperty().bind(viewModel.localModeProperty());
        localBadge.managedProperty().bind(localBadge.visibleProperty());
        mailboxLink.disableProperty().bind(viewModel.mailboxUrlProperty().isEmpty());
        mailboxLink.setOnAction(event -> viewModel.openMailbox());

        banner.visibleProperty().bind(viewModel.bannerShownBinding());
        banner.managedProperty().bind(banner.visibleProperty());
        bannerLabel.textProperty().bind(viewModel.bannerProperty());
        newLinkButton.visibleProperty().bind(viewModel.bannerOffersNewLinkProperty());
        newLinkButton.managedProperty().bind(newLinkButton.visibleProperty());
        newLinkButton.setOnAction(event -> viewModel.sendNewLink());
        dismissButton.disableProperty().bind(viewModel.bannerShownBinding().not());
        dismissButton.setOnAction(event -> viewModel.dismissBanner());
        // Escape dismisses the banner wherever the focus is, whichever control would otherwise take the key.
        window.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ESCAPE && banner.isVisible()) {
                viewModel.dismissBanner();
                event.consume();
            }
        });
        viewModel.bannerProperty().addListener((obs, old, now) -> {
            if (!now.isEmpty()) {
                (newLinkButton.isVisible() ? newLinkButton : dismissButton).requestFocus();
            } else if (banner.isFocusWithin()) {
                focusCurrentScreen(); // the focused banner button is gone
            }
        });

        // At least as tall as the viewport, so a short screen stays centred as before.
        content.minHeightProperty().bind(Bindings.createDoubleBinding(
                () -> scroller.getViewportBounds().getHeight(), scroller.viewportBoundsProperty()));
        show(viewModel.screenProperty().get());
        viewModel.screenProperty().addListener((obs, old, now) -> show(now));
        // A focus request before the window has a scene is lost: repeat it once the scene is there,
        // or the first traversable control (the mailbox link) would take Enter.
        content.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                focusCurrentScreen();
            }
        });
        viewModel.attentionRequestsProperty().addListener((obs, old, now) -> bringToFront());
    }

    private void show(Screen screen) {
        Loaded shown = loaded.computeIfAbsent(screen, s -> factories.get(s).get());
        content.getChildren().setAll(shown.node());
        shown.view().initialFocus().requestFocus();
    }

    private void focusCurrentScreen() {
        Loaded current = loaded.get(viewModel.screenProperty().get());
        if (current != null) {
            current.view().initialFocus().requestFocus();
        }
    }

    private void bringToFront() {
        if (content.getScene() == null) {
            return;
        }
        Window window = content.getScene().getWindow();
        if (window instanceof Stage stage) {
            stage.setIconified(false);
            stage.toFront();
            stage.requestFocus();
        }
    }
}
