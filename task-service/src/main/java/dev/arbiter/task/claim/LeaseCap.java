package dev.arbiter.task.claim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * How many live leases of one job an expert may hold at once (the job's {@code maxLeasesPerExpert}): an expert
 * under the cap may claim in the job, one at or over it may not until they submit or release a task of it (or a
 * lease runs out). A pure function of its inputs; {@code ClaimService} counts the leases with the expert's claims
 * serialised, so the figures it passes cannot change before the slot is taken.
 */
public final class LeaseCap {

    private LeaseCap() {
    }

    /** A job the expert may not claim in now: they hold {@code held} live leases of it and its cap is {@code cap}. */
    public record AtCap(UUID jobId, int held, int cap) {
    }

    /** The eligible jobs split by the cap: those the expert may claim in, and those they are at the cap of (by job id). */
    public record Split(Set<UUID> claimable, List<AtCap> atCap) {
    }

    /**
     * @param caps each eligible job's cap
     * @param held the expert's live leases per job; a job missing here holds none
     */
    public static Split split(Map<UUID, Integer> caps, Map<UUID, Integer> held) {
        Set<UUID> claimable = new HashSet<>();
        List<AtCap> atCap = new ArrayList<>();
        caps.forEach((job, cap) -> {
            int leases = held.getOrDefault(job, 0);
            if (leases < cap) {
                claimable.add(job);
            } else {
                atCap.add(new AtCap(job, leases, cap));
            }
        });
        atCap.sort(Comparator.comparing(AtCap::jobId));
        return new Split(Set.copyOf(claimable), List.copyOf(atCap));
    }
}
