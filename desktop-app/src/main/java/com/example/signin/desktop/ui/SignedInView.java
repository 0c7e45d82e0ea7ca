package com.example.signin.desktop.ui;

import java.util.Objects;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;

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

    public SignedInView(SignedInViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
    }

    @FXML
    private void initialize() {
        signedInAsLabel.textProperty().bind(viewModel.signedInAsProperty());
        expiryLabel.textProperty().bind(viewModel.expiryProperty());
        storageNoticeLabel.textProperty().bind(viewModel.storageNoticeProperty());
        Views.showWhenNotEmpty(storageNoticeLabel);
        renewalNoticeLabel.textProperty().bind(viewModel.renewalNoticeProperty());
        Views.showWhenNotEmpty(renewalNoticeLabel);
        signOutButton.disableProperty().bind(viewModel.busyProperty());
        signOutButton.setOnAction(event -> viewModel.signOut());
        signOutEverywhereButton.disableProperty().bind(viewModel.busyProperty());
        signOutEverywhereButton.setOnAction(event -> viewModel.signOutEverywhere());
        busyIndicator.visibleProperty().bind(viewModel.busyProperty());
        problemLabel.textProperty().bind(viewModel.problemProperty());
        Views.showWhenNotEmpty(problemLabel);
    }

    @Override
    public Node initialFocus() {
        return signOutButton;
    }
}
