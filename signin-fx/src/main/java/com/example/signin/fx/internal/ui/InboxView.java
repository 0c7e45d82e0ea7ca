package com.example.signin.fx.internal.ui;

import java.util.Objects;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.util.Duration;

/** Controller of {@code Inbox.fxml}. */
public final class InboxView implements ScreenView {

    private final InboxViewModel viewModel;
    private final Timeline ticker;

    @FXML private Label sentToLabel;
    @FXML private Label expiryLabel;
    @FXML private Button resendButton;
    @FXML private Button differentAddressButton;
    @FXML private ProgressIndicator busyIndicator;
    @FXML private Label noticeLabel;
    @FXML private Label lateMailLabel;
    @FXML private Label problemLabel;
    @FXML private Label codeLabel;
    @FXML private TextField codeField;
    @FXML private Button codeButton;
    @FXML private Label codeProblemLabel;
    @FXML private Label pasteLabel;
    @FXML private TextField pasteField;
    @FXML private Button pasteButton;

    public InboxView(InboxViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.ticker = new Timeline(new KeyFrame(Duration.seconds(1), event -> viewModel.tick()));
        ticker.setCycleCount(Timeline.INDEFINITE);
    }

    @FXML
    private void initialize() {
        sentToLabel.textProperty().bind(viewModel.sentToProperty());
        expiryLabel.textProperty().bind(viewModel.expiryProperty());
        resendButton.textProperty().bind(viewModel.resendTextProperty());
        resendButton.disableProperty().bind(viewModel.canResendBinding().not());
        resendButton.setOnAction(event -> viewModel.resend());
        differentAddressButton.disableProperty().bind(viewModel.busyProperty());
        differentAddressButton.setOnAction(event -> viewModel.useDifferentAddress());
        busyIndicator.visibleProperty().bind(viewModel.busyProperty());
        noticeLabel.textProperty().bind(viewModel.noticeProperty());
        Visibility.showWhenNotEmpty(noticeLabel);
        lateMailLabel.textProperty().bind(viewModel.lateMailHintProperty());
        Visibility.showWhenNotEmpty(lateMailLabel);
        problemLabel.textProperty().bind(viewModel.problemProperty());
        Visibility.showWhenNotEmpty(problemLabel);
        codeLabel.setLabelFor(codeField);
        codeField.textProperty().bindBidirectional(viewModel.typedCodeProperty());
        codeField.disableProperty().bind(viewModel.codeSpentProperty());
        // Enter acts on the field it was typed in, never also on the default button.
        codeField.setOnAction(event -> {
            viewModel.useCode();
            event.consume();
        });
        codeButton.disableProperty().bind(viewModel.canUseCodeBinding().not());
        codeButton.setOnAction(event -> viewModel.useCode());
        codeProblemLabel.textProperty().bind(viewModel.codeProblemProperty());
        Visibility.showWhenNotEmpty(codeProblemLabel);
        pasteLabel.setLabelFor(pasteField);
        pasteField.textProperty().bindBidirectional(viewModel.pastedLinkProperty());
        pasteField.setOnAction(event -> {
            viewModel.usePastedLink();
            event.consume();
        });
        pasteButton.disableProperty().bind(viewModel.canPasteBinding().not());
        pasteButton.setOnAction(event -> viewModel.usePastedLink());
        ticker.play();
    }

    @Override
    public Node initialFocus() {
        return codeField;
    }
}
