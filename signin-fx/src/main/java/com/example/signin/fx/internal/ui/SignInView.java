package com.example.signin.fx.internal.ui;

import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;

/** Controller of {@code SignIn.fxml}. */
public final class SignInView implements ScreenView {

    private final SignInViewModel viewModel;

    @FXML private Label emailLabel;
    @FXML private TextField emailField;
    @FXML private Label emailError;
    @FXML private Button sendButton;
    @FXML private ProgressIndicator busyIndicator;
    @FXML private Label problemLabel;
    @FXML private Label noticeLabel;

    public SignInView(SignInViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
    }

    @FXML
    private void initialize() {
        emailLabel.setLabelFor(emailField);
        emailField.textProperty().bindBidirectional(viewModel.emailProperty());
        emailField.disableProperty().bind(viewModel.busyProperty());
        emailField.setOnAction(event -> viewModel.submit());
        emailError.textProperty().bind(viewModel.emailErrorProperty());
        Visibility.showWhenNotEmpty(emailError);
        sendButton.disableProperty().bind(viewModel.canSubmitBinding().not());
        sendButton.setOnAction(event -> viewModel.submit());
        busyIndicator.visibleProperty().bind(viewModel.busyProperty());
        problemLabel.textProperty().bind(viewModel.problemProperty());
        Visibility.showWhenNotEmpty(problemLabel);
        noticeLabel.textProperty().bind(viewModel.noticeProperty());
        Visibility.showWhenNotEmpty(noticeLabel);
        // Screen readers read the error with the field.
        emailField.accessibleHelpProperty().bind(Bindings.concat(viewModel.emailErrorProperty(), " ", viewModel.problemProperty()));
    }

    @Override
    public Node initialFocus() {
        return emailField;
    }
}
