package dev.arbiter.task.session.signal;

/**
 * The families of evidence a session's signals belong to. A session is flagged only when signals of at
 * least two families fire: one kind of oddity alone (a fast typist, a quick reader, a shared device) has
 * honest explanations too often to hold anyone's pay on it.
 */
public enum SignalFamily {
    /** Where the written text came from: pasted from outside, appearing without typing, typed inhumanly. */
    INPUT_PROVENANCE,
    /** Whether the expert read: reading time against the responses' length, leaving and coming back with text. */
    ATTENTION,
    /**
     * Who wrote it and whether it is about this item: one device behind several accounts, a rationale nearly
     * identical to another expert's, or to the expert's own on another item, or referring to nothing here.
     */
    IDENTITY_CONTENT
}
