package com.example.signin.fx.internal.ui;

import java.util.Objects;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.StackPane;

/** Controller of {@code SignedIn.fxml}. */
public final class SignedInView implements ScreenView {

    private final SignedInViewModel viewModel;

    @FXML private Label signedInAsLabel;
    @FXML private Label expiryLabel;
    @FXML private Label storageNoticeLabel;
    @FXML private Label renewalNoticeLabel;
    @FXML private Button signOutButton;
    @FXML private Button signOutEverywhereButton;
    @FXML private ProgressIndicator busyIndicator;
    @FXML private Label problemLabel;
    @FXML private StackPane hostContent;

    public SignedInView(SignedInViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
    }

    @FXML
    private void initialize() {
        signedInAsLabel.textProperty().bind(viewModel.signedInAsProperty());
        expiryLabel.textProperty().bind(viewModel.expiryProperty());
        storageNoticeLabel.textProperty().bind(viewModel.storageNoticeProperty());
        Visibility.showWhenNotEmpty(storageNoticeLabel);
        renewalNoticeLabel.textProperty().bind(viewModel.renewalNoticeProperty());
        Visibility.showWhenNotEmpty(renewalNoticeLabel);
        signOutButton.disableProperty().bind(viewModel.busyProperty());
        signOutButton.setOnAction(event -> viewModel.signOut());
        signOutEverywhereButton.disableProperty().bind(viewModel.busyProperty());
        signOutEverywhereButton.setOnAction(event -> viewModel.signOutEverywhere());
        busyIndicator.visibleProperty().bind(viewModel.busyProperty());
        problemLabel.textProperty().bind(viewModel.problemProperty());
        Visibility.showWhenNotEmpty(problemLabel);
        showHostContent(viewModel.hostContentProperty().get());
        viewModel.hostContentProperty().addListener((obs, old, now) -> showHostContent(now));
    }

    private void showHostContent(Node node) {
        if (node == null) {
            hostContent.getChildren().clear();
        } else {
            hostContent.getChildren().setAll(node);
        }
        hostContent.setManaged(node != null);
        hostContent.setVisible(node != null);
    }

    @Override
    public Node initialFocus() {
        return signOutButton;
    }
}
