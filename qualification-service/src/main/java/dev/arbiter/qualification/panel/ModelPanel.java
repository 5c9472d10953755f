package dev.arbiter.qualification.panel;

import dev.langchain4j.data.message.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The panel: every model asked at once, so that an evaluation takes as long as the slowest model,
 * not the sum. Each model's failures stay its own (see {@link PanelModel}).
 */
public final class ModelPanel implements AutoCloseable {

    private final List<PanelModel> models;

    public ModelPanel(List<PanelModel> models) {
        this.models = List.copyOf(models);
    }

    public List<PanelModel> models() {
        return models;
    }

    public List<String> names() {
        return models.stream().map(PanelModel::name).toList();
    }

    /** Every model's reply, in panel order; completes when the last model answered or gave up. */
    public CompletableFuture<List<ModelReply>> askAll(List<ChatMessage> messages) {
        List<CompletableFuture<ModelReply>> replies = models.stream().map(m -> m.ask(messages)).toList();
        return CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> replies.stream().map(CompletableFuture::join).toList());
    }

    /** The baseline the benchmark compares with: the same models asked one after another. */
    public List<ModelReply> askOneAfterAnother(List<ChatMessage> messages) {
        List<ModelReply> replies = new ArrayList<>();
        for (PanelModel model : models) {
            replies.add(model.ask(messages).join());
        }
        return replies;
    }

    @Override
    public void close() {
        models.forEach(PanelModel::close);
    }
}
