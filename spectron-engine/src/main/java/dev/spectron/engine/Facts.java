package dev.spectron.engine;

import dev.spectron.api.Attribute;
import dev.spectron.api.Fact;
import dev.spectron.api.ProfileFact;
import dev.spectron.api.Relation;
import dev.spectron.engine.spi.FactRecord;

/** Conversions from stored fact rows to the public values. */
final class Facts {
    private Facts() {}

    static Fact toApi(FactRecord f) {
        return f.isRelation() ? relation(f) : attribute(f);
    }

    static Attribute attribute(FactRecord f) {
        return new Attribute(f.id(), f.subject().address(), f.key(), f.value(), f.category(),
                f.importance(), f.confidence(), f.scope(), f.status(), f.validFrom(),
                f.validUntil(), f.createdAt(), f.supersedes(), f.supersededBy(), f.source());
    }

    static Relation relation(FactRecord f) {
        return new Relation(f.id(), f.subject().address(), f.key(),
                f.object().orElseThrow().address(), f.category(), f.importance(), f.confidence(),
                f.scope(), f.status(), f.validFrom(), f.validUntil(), f.createdAt(),
                f.supersedes(), f.supersededBy(), f.source());
    }

    static ProfileFact profileFact(FactRecord f) {
        return new ProfileFact(f.id(), f.subject().address(), f.key(), f.value(), f.category(),
                f.validFrom(), f.source());
    }
}
