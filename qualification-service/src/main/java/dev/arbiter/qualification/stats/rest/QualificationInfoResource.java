package dev.arbiter.qualification.stats.rest;

import dev.arbiter.platform.security.Caller;
import dev.arbiter.platform.security.Roles;
import dev.arbiter.qualification.domain.QualificationRules;
import dev.arbiter.qualification.panel.PanelRegistry;
import dev.arbiter.qualification.question.repository.ModelAttemptRepository;
import dev.arbiter.qualification.question.service.DomainStanding;
import dev.arbiter.qualification.question.service.QuestionService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The panel, an expert's standing in a domain, and where models fail. */
@Path("/api/qualification")
@Produces(MediaType.APPLICATION_JSON)
public class QualificationInfoResource {

    public record PanelModelView(String name, String circuit) {
    }

    public record PanelView(List<PanelModelView> models, String judge, int minFailures, int requiredValid,
                            int maxAttempts, long attemptsWindowDays) {
    }

    public record ModelStats(String model, String domain, long questionsSeen, long answered, long failures,
                             long noAnswers, double stumpRate) {
    }

    private final PanelRegistry panel;
    private final QuestionService questions;
    private final ModelAttemptRepository attempts;
    private final QualificationRules rules;
    private final Caller caller;

    public QualificationInfoResource(PanelRegistry panel, QuestionService questions, ModelAttemptRepository attempts,
                                     QualificationRules rules, Caller caller) {
        this.panel = panel;
        this.questions = questions;
        this.attempts = attempts;
        this.rules = rules;
        this.caller = caller;
    }

    @GET
    @Path("/panel")
    @Authenticated
    public Uni<PanelView> panel() {
        return Uni.createFrom().completionStage(panel::panel).map(p -> new PanelView(
                p.models().stream().map(m -> new PanelModelView(m.name(), m.circuitState().name())).toList(),
                panel.judge().name(), rules.minFailures(), rules.requiredValid(), rules.maxAttempts(),
                rules.attemptsWindow().toDays()));
    }

    @GET
    @Path("/status")
    @RolesAllowed(Roles.EXPERT)
    public Uni<DomainStanding> status(@QueryParam("domain") String domain) {
        return questions.status(caller.id(), domain);
    }

    /** Per model and domain, over the latest evaluation round of every question: the report labs want. */
    @GET
    @Path("/stats")
    @RolesAllowed({Roles.LAB, Roles.ADMIN})
    @WithSession
    public Uni<List<ModelStats>> stats() {
        return attempts.stats().map(rows -> rows.stream().map(r -> new ModelStats(r.model(), r.domain(),
                r.questionsSeen(), r.answered(), r.failures(), r.questionsSeen() - r.answered(),
                r.answered() == 0 ? 0.0 : Math.round(1000.0 * r.failures() / r.answered()) / 1000.0)).toList());
    }
}
