package dev.arbiter.qualification.question.rest;

import dev.arbiter.platform.security.Caller;
import dev.arbiter.platform.security.Roles;
import dev.arbiter.qualification.domain.QualificationRules;
import dev.arbiter.qualification.panel.PanelRegistry;
import dev.arbiter.qualification.question.model.QuestionStatus;
import dev.arbiter.qualification.question.rest.QuestionApi.HumanGrade;
import dev.arbiter.qualification.question.rest.QuestionApi.QuestionSummary;
import dev.arbiter.qualification.question.rest.QuestionApi.QuestionView;
import dev.arbiter.qualification.question.rest.QuestionApi.SubmitQuestion;
import dev.arbiter.qualification.question.rest.QuestionApi.Submitted;
import dev.arbiter.qualification.question.service.EvaluationDispatcher;
import dev.arbiter.qualification.question.service.QuestionService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;

@Path("/api/qualification/questions")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class QuestionResource {

    private final QuestionService questions;
    private final EvaluationDispatcher dispatcher;
    private final QualificationRules rules;
    private final PanelRegistry panel;
    private final Caller caller;

    public QuestionResource(QuestionService questions, EvaluationDispatcher dispatcher, QualificationRules rules,
                            PanelRegistry panel, Caller caller) {
        this.panel = panel;
        this.questions = questions;
        this.dispatcher = dispatcher;
        this.rules = rules;
        this.caller = caller;
    }

    /** 202: the panel evaluates it in the background; poll the question for the verdict. */
    @POST
    @RolesAllowed(Roles.EXPERT)
    public Uni<Response> submit(@NotNull @Valid SubmitQuestion request) {
        return panelModels()
                .chain(models -> questions.submit(caller.id(), QuestionMapper.newQuestion(request), models))
                .invoke(q -> {
                    if (q.status == QuestionStatus.EVALUATING) {
                        dispatcher.dispatch(q.id);
                    }
                })
                .map(q -> Response.accepted(new Submitted(q.id, q.status, QuestionMapper.duplicateFor(q)))
                        .location(URI.create("/api/qualification/questions/" + q.id)).build());
    }

    /**
     * How many models the panel asks now (what a question costs). Resolving the panel may do I/O off
     * the request's context; the answer comes back on it, where the transaction that follows must run.
     */
    private Uni<Integer> panelModels() {
        Context context = Vertx.currentContext();
        return Uni.createFrom().completionStage(panel::panel)
                .emitOn(task -> context.runOnContext(ignored -> task.run()))
                .map(p -> p.models().size());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.EXPERT, Roles.ADMIN})
    public Uni<QuestionView> get(@PathParam("id") UUID id) {
        return questions.details(id, caller.id(), caller.isAdmin()).map(d -> QuestionMapper.view(d, rules, caller.isAdmin()));
    }

    /** The caller's own questions (every question for an admin), newest first. */
    @GET
    @RolesAllowed({Roles.EXPERT, Roles.ADMIN})
    public Uni<List<QuestionSummary>> list() {
        return questions.list(caller.id(), caller.isAdmin())
                .map(qs -> qs.stream().map(QuestionMapper::summary).toList());
    }

    /** An admin grades an answer the judge was not confident about (status NEEDS_HUMAN_GRADING). */
    @POST
    @Path("/{id}/grades")
    @RolesAllowed(Roles.ADMIN)
    public Uni<QuestionView> grade(@PathParam("id") UUID id, @NotNull @Valid HumanGrade grade) {
        return questions.gradeByHand(caller.id(), id, grade.model(), grade.verdict())
                .chain(q -> questions.details(id, caller.id(), true))
                .map(d -> QuestionMapper.view(d, rules, true));
    }
}
