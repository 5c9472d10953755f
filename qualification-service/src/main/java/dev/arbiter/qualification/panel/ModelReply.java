package dev.arbiter.qualification.panel;

/** One model's reply to one question: an answer, or no answer with the reason. */
public record ModelReply(String model, String answer, long latencyMs, String error, int calls) {

    public boolean answered() {
        return answer != null;
    }

    public static ModelReply answer(String model, String answer, long latencyMs, int calls) {
        return new ModelReply(model, answer, latencyMs, null, calls);
    }

    public static ModelReply noAnswer(String model, String error, long latencyMs, int calls) {
        return new ModelReply(model, null, latencyMs, error, calls);
    }
}
