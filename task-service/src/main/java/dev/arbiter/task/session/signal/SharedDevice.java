package dev.arbiter.task.session.signal;

import dev.arbiter.task.session.signal.SessionEvidence.PeerSession;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@code shared_device} (identity and content): other expert accounts seen on this session's device.
 * A shared network address alone never fires: offices, campuses and mobile carriers put many honest
 * experts behind one address (and every test runs on loopback); it is only mentioned beside a device
 * match, which it makes stronger. Sessions of the same expert are not "other accounts".
 */
public final class SharedDevice {

    public static final String NAME = "shared_device";

    private SharedDevice() {
    }

    public static Signal compute(SessionEvidence evidence, SignalThresholds thresholds) {
        Set<UUID> accounts = new LinkedHashSet<>();
        EvidenceList points = new EvidenceList();
        List<PeerSession> sharers = evidence.deviceSharers() == null ? List.of() : evidence.deviceSharers();
        for (PeerSession p : sharers) {
            if (p.sameDevice() && p.expertId() != null && !p.expertId().equals(evidence.expertId())) {
                accounts.add(p.expertId());
                points.session(String.valueOf(p.sessionId()), "another expert's session on this device"
                        + (p.sameAddress() ? ", from the same network address" : ""));
            }
        }
        boolean fired = accounts.size() >= thresholds.sharedDeviceAccounts();
        String summary = accounts.size() + " other expert account(s) seen on this device"
                + (evidence.deviceId() == null ? " (the workbench sent no device id)" : "");
        return new Signal(NAME, SignalFamily.IDENTITY_CONTENT, accounts.size(), thresholds.sharedDeviceAccounts(),
                Signal.Direction.AT_LEAST, fired, summary, fired ? points.list() : List.of());
    }
}
