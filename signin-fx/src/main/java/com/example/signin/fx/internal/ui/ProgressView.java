package com.example.signin.fx.internal.ui;

import java.util.Objects;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;

/** Controller of {@code Progress.fxml}: restoring the session, or completing a link. */
public final class ProgressView implements ScreenView {

    private final MainWindowViewModel viewModel;

    @FXML private ProgressIndicator progressIndicator;
    @FXML private Label progressLabel;

    public ProgressView(MainWindowViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
    }

    @FXML
    private void initialize() {
        progressLabel.textProperty().bind(viewModel.progressTextProperty());
        progressIndicator.accessibleTextProperty().bind(viewModel.progressTextProperty());
    }

    @Override
    public Node initialFocus() {
        return progressIndicator;
    }
}
