package dev.arbiter.task.session.decision.service;

import dev.arbiter.task.claim.model.TaskState;
import dev.arbiter.task.claim.repository.SlotRepository;
import dev.arbiter.task.job.repository.JobRepository;
import dev.arbiter.task.judgment.model.JudgmentState;
import dev.arbiter.task.quality.QualityService;
import dev.arbiter.task.session.decision.model.JudgmentEffect;
import dev.arbiter.task.session.decision.repository.JudgmentVoidRepository;
import dev.arbiter.task.session.decision.repository.JudgmentVoidRepository.TaskJudgment;
import dev.arbiter.task.session.decision.repository.SessionCaseRepository.SessionUnderCase;
import dev.arbiter.task.session.model.CloseReason;
import dev.arbiter.task.session.model.SessionKind;
import dev.arbiter.task.session.service.WorkSessions;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What confirmed fraud does to a session's judgment, and what an overturned appeal undoes, in the
 * decision's transaction.
 *
 * <p>A claim or revision session: its task's judgment and the task become VOID (remembering what they
 * were), the slot the task held reopens for another expert (and a completed job takes claims again), an
 * open revision session of the task is closed, and quality is measured again for every expert on the
 * item, since consensus moves with any judgment. A VOID judgment is never exported and counts in no
 * progress, agreement or quality figure.
 *
 * <p>Restoring returns both to what they were. A task that held its slot takes it back if it is still
 * open; if another expert took it meanwhile, the item gets one slot more for the restored task: the
 * expert's honest work is kept, at the price of one judgment more than the item asked. A judgment
 * stays void while another session of the same task is still confirmed.
 *
 * <p>A QA review session holds no judgment of its own: the reviewed judgment is another expert's work
 * and is not voided. If the fraudulent review accepted it, it is drawn for an admin spot check instead.
 */
@ApplicationScoped
public class JudgmentVoiding {

    private final JudgmentVoidRepository voids;
    private final SlotRepository slots;
    private final JobRepository jobs;
    private final WorkSessions sessions;
    private final QualityService quality;

    public JudgmentVoiding(JudgmentVoidRepository voids, SlotRepository slots, JobRepository jobs, WorkSessions sessions,
                           QualityService quality) {
        this.voids = voids;
        this.slots = slots;
        this.jobs = jobs;
        this.sessions = sessions;
        this.quality = quality;
    }

    public Uni<JudgmentEffect> voidFor(SqlConnection tx, SessionUnderCase s) {
        if (s.kind() == SessionKind.REVIEW) {
            return s.judgmentId() == null ? none()
                    : voids.drawForSpotCheck(tx, s.judgmentId(), s.expertId())
                            .map(drawn -> drawn ? JudgmentEffect.SPOT_CHECK : JudgmentEffect.NONE);
        }
        return voids.lockOfTask(tx, s.taskId()).chain(j -> {
            if (j == null) {
                return none();
            }
            if (j.state() == JudgmentState.VOID) {
                return Uni.createFrom().item(JudgmentEffect.ALREADY_VOID);
            }
            return voids.voidJudgment(tx, j.judgmentId(), j.taskId())
                    .chain(() -> sessions.close(tx, j.taskId(), CloseReason.SUPERSEDED))
                    .chain(() -> slots.reopen(tx, j.slotId(), j.taskId()))
                    .chain(() -> jobs.reopen(tx, j.jobId()))
                    .chain(() -> remeasure(tx, j))
                    .replaceWith(JudgmentEffect.VOIDED);
        });
    }

    public Uni<JudgmentEffect> restoreFor(SqlConnection tx, SessionUnderCase s) {
        if (s.kind() == SessionKind.REVIEW) {
            return none();
        }
        return voids.lockOfTask(tx, s.taskId()).chain(j -> {
            if (j == null || j.state() != JudgmentState.VOID) {
                return none();
            }
            return voids.otherConfirmedSession(tx, j.taskId(), s.id()).chain(other -> other
                    ? Uni.createFrom().item(JudgmentEffect.STILL_VOID)
                    : reslot(tx, j)
                            .call(() -> voids.restore(tx, j.judgmentId(), j.taskId()))
                            .call(() -> jobs.completeIfDone(tx, j.jobId()))
                            .call(() -> remeasure(tx, j)));
        });
    }

    /**
     * Settles the slot before the task's state returns: a task holding a slot must hold one no other live
     * task holds ({@code task_one_per_slot}).
     */
    private Uni<JudgmentEffect> reslot(SqlConnection tx, TaskJudgment j) {
        if (!TaskState.HOLDS_SLOT.contains(j.taskStateBeforeVoid())) {
            return Uni.createFrom().item(JudgmentEffect.RESTORED);
        }
        return voids.retakeSlot(tx, j.slotId(), j.taskId()).chain(retaken -> retaken
                ? Uni.createFrom().item(JudgmentEffect.RESTORED)
                : voids.moveToNewSlot(tx, j.jobId(), j.itemId(), j.taskId()).replaceWith(JudgmentEffect.RESTORED_ON_NEW_SLOT));
    }

    /** Quality again for everyone on the item, each reported as {@code ExpertQualityMeasured}. */
    private Uni<Void> remeasure(SqlConnection tx, TaskJudgment j) {
        return voids.expertsOnItem(tx, j.itemId()).chain(experts -> Multi.createFrom().iterable(experts)
                .onItem().transformToUniAndConcatenate(expert -> quality.recompute(tx, expert, j.domain()))
                .collect().asList().replaceWithVoid());
    }

    private static Uni<JudgmentEffect> none() {
        return Uni.createFrom().item(JudgmentEffect.NONE);
    }
}
