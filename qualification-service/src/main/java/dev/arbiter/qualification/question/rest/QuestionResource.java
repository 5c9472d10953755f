package dev.arbiter.qualification.question.rest;

import dev.arbiter.platform.security.Caller;
import dev.arbiter.platform.security.Roles;
import dev.arbiter.qualification.domain.QualificationRules;
import dev.arbiter.qualification.question.model.QuestionStatus;
import dev.arbiter.qualification.question.rest.QuestionApi.HumanGrade;
import dev.arbiter.qualification.question.rest.QuestionApi.QuestionSummary;
import dev.arbiter.qualification.question.rest.QuestionApi.QuestionView;
import dev.arbiter.qualification.question.rest.QuestionApi.SubmitQuestion;
import dev.arbiter.qualification.question.rest.QuestionApi.Submitted;
import dev.arbiter.qualification.question.service.EvaluationDispatcher;
import dev.arbiter.qualification.question.service.QuestionService;
import io.smallrye.mutiny.Uni;
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
    private final Caller caller;

    public QuestionResource(QuestionService questions, EvaluationDispatcher dispatcher, QualificationRules rules,
                            Caller caller) {
        this.questions = questions;
        this.dispatcher = dispatcher;
        this.rules = rules;
        this.caller = caller;
    }

    /** 202: the panel evaluates it in the background; poll the question for the verdict. */
    @POST
    @RolesAllowed(Roles.EXPERT)
    public Uni<Response> submit(@NotNull @Valid SubmitQuestion request) {
        return questions.submit(caller.id(), QuestionMapper.newQuestion(request))
                .invoke(q -> {
                    if (q.status == QuestionStatus.EVALUATING) {
                        dispatcher.dispatch(q.id);
                    }
                })
                .map(q -> Response.accepted(new Submitted(q.id, q.status, QuestionMapper.duplicateFor(q)))
                        .location(URI.create("/api/qualification/questions/" + q.id)).build());
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
