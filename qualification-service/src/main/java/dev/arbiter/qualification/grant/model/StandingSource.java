package dev.arbiter.qualification.grant.model;

import dev.arbiter.proto.qualification.v1.QualificationSource;

/** What the current tier of a standing rests on. */
public enum StandingSource {
    /** Valid stumping questions. */
    EVIDENCE(QualificationSource.QUALIFICATION_SOURCE_EVIDENCE),
    /** An admin's explicit decision. */
    ADMIN_GRANT(QualificationSource.QUALIFICATION_SOURCE_ADMIN_GRANT),
    /** The expert's measured work quality (task-service's facts). */
    QUALITY(QualificationSource.QUALIFICATION_SOURCE_QUALITY);

    private final QualificationSource event;

    StandingSource(QualificationSource event) {
        this.event = event;
    }

    public QualificationSource toEvent() {
        return event;
    }
}
