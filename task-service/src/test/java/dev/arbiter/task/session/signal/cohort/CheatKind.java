package dev.arbiter.task.session.signal.cohort;

/** What a synthetic session is: honest, or one of the four kinds of cheating the flag must catch. */
public enum CheatKind {
    HONEST,
    /** (a) pastes a model-written rationale, fetched in another tab */
    MODEL_PASTE,
    /** (b) has a script type a model-written rationale: filled at once, typed by machine with no keys, or with fake keys */
    SCRIPTED,
    /** (c) speed-runs: glances at the responses, types a short rationale by hand */
    SPEED_RUN,
    /** (d) a second account on the same device doing an item the first account already did */
    SHARED_DEVICE
}
