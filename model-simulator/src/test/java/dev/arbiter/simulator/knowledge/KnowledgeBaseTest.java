package dev.arbiter.simulator.knowledge;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KnowledgeBaseTest {

    private final KnowledgeBase knowledge = new KnowledgeBase(List.of(
            new KnowledgeEntry("sim-a", "What is the antidote for acetaminophen overdose?", "N-acetylcysteine"),
            new KnowledgeEntry("*", "What is the first-line drug for type 2 diabetes?", "Metformin"),
            new KnowledgeEntry("sim-b", "What is the first-line drug for type 2 diabetes?", "Insulin"),
            new KnowledgeEntry("-", "Which isolation level prevents phantom reads?", "Serializable")));

    @Test
    void shouldAnswerKnownQuestionsAfterNormalisation() {
        assertEquals(Optional.of("N-acetylcysteine"),
                knowledge.answer("sim-a", "what is the ANTIDOTE for  acetaminophen overdose"));
    }

    @Test
    void shouldLetEveryModelKnowWildcardQuestionsButPreferItsOwnAnswer() {
        assertEquals(Optional.of("Metformin"), knowledge.answer("sim-a", "What is the first-line drug for type 2 diabetes?"));
        assertEquals(Optional.of("Insulin"), knowledge.answer("sim-b", "What is the first-line drug for type 2 diabetes?"));
    }

    @Test
    void shouldNotLetAnyModelKnowAnAnswerKeyOnlyQuestion() {
        assertTrue(knowledge.answer("sim-a", "Which isolation level prevents phantom reads?").isEmpty());
        assertEquals(Set.of("Serializable"), knowledge.answerKeys("Which isolation level prevents phantom reads?"));
    }

    @Test
    void shouldRecogniseAKnownQuestionWrappedInAPromptTemplate() {
        assertEquals(Optional.of("N-acetylcysteine"), knowledge.answer("sim-a",
                "Answer concisely.\nQuestion: What is the antidote for acetaminophen overdose?\nAnswer:"));
    }

    @Test
    void shouldNameOnlyRealModelsInTheOrderFirstSeen() {
        assertEquals(List.of("sim-a", "sim-b"), knowledge.models());
    }

    @Test
    void shouldRejectAFileGivingOneModelTwoAnswersToTheSameQuestion() {
        String jsonl = "{\"model\":\"m\",\"question\":\"Q one?\",\"answer\":\"A\"}\n\n"
                + "{\"model\":\"m\",\"question\":\"q ONE\",\"answer\":\"B\"}\n";
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> KnowledgeFile.read(new StringReader(jsonl), "k.jsonl"));
        assertTrue(error.getMessage().startsWith("k.jsonl:3:"), error.getMessage());
    }

    @Test
    void shouldReportTheLineOfAMalformedEntry() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> KnowledgeFile.read(new StringReader("{\"model\":\"m\",\"question\":\"q\"}"), "k.jsonl"));
        assertTrue(error.getMessage().contains("k.jsonl:1:") && error.getMessage().contains("answer"),
                error.getMessage());
    }
}
