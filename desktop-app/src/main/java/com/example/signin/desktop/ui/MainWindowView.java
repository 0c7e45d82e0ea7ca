package com.example.signin.desktop.ui;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
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
    private final Map<Screen, Parent> screens = new EnumMap<>(Screen.class);
    private final Map<Screen, ScreenView> views = new EnumMap<>(Screen.class);

    @FXML private HBox localBadge;
    @FXML private Label localBadgeLabel;
    @FXML private Hyperlink mailboxLink;
    @FXML private HBox banner;
    @FXML private Label bannerLabel;
    @FXML private Button newLinkButton;
    @FXML private Button dismissButton;
    @FXML private StackPane content;

    private MainWindowView(MainWindowViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
    }

    /** Loads the window and its screens for {@code viewModel}; call {@link MainWindowViewModel#start()} once it shows. */
    public static Parent load(MainWindowViewModel viewModel, Messages messages) {
        MainWindowView view = new MainWindowView(viewModel);
        view.add(Screen.PROGRESS, "Progress.fxml", new ProgressView(viewModel), messages);
        view.add(Screen.SIGN_IN, "SignIn.fxml", new SignInView(viewModel.signIn()), messages);
        view.add(Screen.INBOX, "Inbox.fxml", new InboxView(viewModel.inbox()), messages);
        view.add(Screen.SIGNED_IN, "SignedIn.fxml", new SignedInView(viewModel.signedIn()), messages);
        Parent root = FxResources.loadView("MainWindow.fxml", view, messages);
        root.getStylesheets().add(FxResources.url("app.css").toExternalForm());
        return root;
    }

    private void add(Screen screen, String fxml, ScreenView controller, Messages messages) {
        screens.put(screen, FxResources.loadView(fxml, controller, messages));
        views.put(screen, controller);
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
        // Escape dismisses the banner; disabled when there is none so Escape does nothing then.
        dismissButton.disableProperty().bind(viewModel.bannerShownBinding().not());
        dismissButton.setOnAction(event -> viewModel.dismissBanner());
        viewModel.bannerProperty().addListener((obs, old, now) -> {
            if (!now.isEmpty()) {
                (newLinkButton.isVisible() ? newLinkButton : dismissButton).requestFocus();
            }
        });

        show(viewModel.screenProperty().get());
        viewModel.screenProperty().addListener((obs, old, now) -> show(now));
        viewModel.attentionRequestsProperty().addListener((obs, old, now) -> bringToFront());
    }

    private void show(Screen screen) {
        content.getChildren().setAll(screens.get(screen));
        views.get(screen).initialFocus().requestFocus();
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
