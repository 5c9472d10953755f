package dev.arbiter.qualification.keyreview.rest;

import dev.arbiter.platform.security.Caller;
import dev.arbiter.platform.security.Roles;
import dev.arbiter.qualification.keyreview.rest.AnswerKeyReviewApi.KeyRevealed;
import dev.arbiter.qualification.keyreview.rest.AnswerKeyReviewApi.KeyReviewReceipt;
import dev.arbiter.qualification.keyreview.rest.AnswerKeyReviewApi.PanelAnswer;
import dev.arbiter.qualification.keyreview.rest.AnswerKeyReviewApi.QuestionToReview;
import dev.arbiter.qualification.keyreview.rest.AnswerKeyReviewApi.SubmitBlindAnswer;
import dev.arbiter.qualification.keyreview.rest.AnswerKeyReviewApi.SubmitKeyReview;
import dev.arbiter.qualification.keyreview.service.AnswerKeyReviewService;
import dev.arbiter.qualification.keyreview.service.AnswerKeyReviewService.Revealed;
import dev.arbiter.qualification.keyreview.service.KeyReviewSubmission;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;

/** Peer review of answer keys: the next question (no key), the blind answer (then the key), the verdict. */
@Path("/api/qualification/reviews")
@RolesAllowed({Roles.EXPERT, Roles.ADMIN})
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AnswerKeyReviewResource {

    private final AnswerKeyReviewService reviews;
    private final Caller caller;

    public AnswerKeyReviewResource(AnswerKeyReviewService reviews, Caller caller) {
        this.reviews = reviews;
        this.caller = caller;
    }

    /** The oldest question of the domain awaiting the caller's review, without its key; 204 when none. */
    @GET
    @Path("/next")
    public Uni<Response> next(@QueryParam("domain") String domain) {
        return reviews.next(caller.id(), caller.isAdmin(), domain).map(next -> next == null
                ? Response.noContent().build()
                : Response.ok(new QuestionToReview(next.question().id, next.question().domain, next.question().prompt,
                        next.question().answerType, AnswerKeyReviewService.optionsOf(next.question()), next.reviewsSoFar(),
                        next.reviewsRequired(), next.blindAnswer())).build());
    }

    /** Step one: the caller's blind answer; 200 with the key, which is shown only now. */
    @POST
    @Path("/{questionId}/blind")
    public Uni<KeyRevealed> blind(@PathParam("questionId") UUID questionId, @NotNull @Valid SubmitBlindAnswer request) {
        return reviews.blind(caller.id(), caller.isAdmin(), questionId, request.blindAnswer())
                .map(AnswerKeyReviewResource::revealed);
    }

    /** Step two: the verdict on the key, after the blind answer (409 without it). */
    @POST
    @Path("/{questionId}")
    public Uni<Response> review(@PathParam("questionId") UUID questionId, @NotNull @Valid SubmitKeyReview request) {
        KeyReviewSubmission submission = new KeyReviewSubmission(request.referenceCorrect(), request.unambiguous(),
                request.expertLevel(), request.comment());
        return reviews.review(caller.id(), caller.isAdmin(), questionId, submission)
                .map(r -> Response.created(URI.create("/api/qualification/reviews/" + r.question().id))
                        .entity(new KeyReviewReceipt(r.review().id, r.question().id, r.question().referenceAnswer,
                                AnswerKeyReviewService.optionsOf(r.question()), r.question().rationale, r.review().blindAgrees,
                                r.review().blindAgrees, r.question().status))
                        .build());
    }

    private static KeyRevealed revealed(Revealed r) {
        return new KeyRevealed(r.question().id, r.question().answerType, r.question().referenceAnswer,
                AnswerKeyReviewService.optionsOf(r.question()), r.question().rubric, r.question().rationale,
                r.panelAnswers().stream().map(a -> new PanelAnswer(a.model, a.answer, a.verdict)).toList(),
                r.blindAnswer().answer, r.blindAnswer().agrees);
    }
}
