package dev.spectron.extract.rules;

import dev.spectron.api.InvalidInputException;
import dev.spectron.api.Role;
import dev.spectron.engine.spi.EntityKey;
import dev.spectron.engine.spi.ExtractionRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stage 7: the entity each candidate is about. "I"/"my" is the request's {@code self},
 * "we"/"our" its {@code group}, "you"/"your" its {@code addressee}; "he"/"she" is the last
 * person named earlier in the same text; a name is a person of that name, or the self entity
 * when the names agree ("Alice now eats fish" said in Alice's scope), or a known entity whose
 * first name it is. Assistant and tool turns yield facts about their own speaker only, never
 * about the user.
 */
final class SubjectResolver {

    /**
     * A candidate and the entity it is about.
     *
     * @param candidate the candidate
     * @param subject the resolved entity
     */
    record Resolved(Candidate candidate, EntityKey subject) {}

    List<Resolved> resolve(List<Candidate> candidates, ExtractionRequest request) {
        boolean userSide = request.role() == Role.USER || request.role() == Role.SYSTEM;
        List<Resolved> out = new ArrayList<>();
        EntityKey lastPerson = null;
        for (Candidate candidate : candidates) {
            Optional<EntityKey> subject = subject(candidate.subject(), request, lastPerson);
            if (subject.isEmpty()) {
                continue;
            }
            EntityKey key = subject.get();
            if (isThirdPerson(key, request)) {
                lastPerson = key;
            }
            if (candidate.objectType().filter("person"::equals).isPresent()) {
                Optional<EntityKey> object = entity("person", candidate.value());
                if (object.isPresent()) {
                    lastPerson = object.get();
                }
            }
            boolean aboutSpeaker = candidate.subject() instanceof Ref.Pronoun p
                    && p.kind() == Ref.Kind.SELF;
            if (userSide || aboutSpeaker) {
                out.add(new Resolved(candidate, key));
            }
        }
        return out;
    }

    private Optional<EntityKey> subject(Ref ref, ExtractionRequest request, EntityKey last) {
        return switch (ref) {
            case Ref.Pronoun p -> switch (p.kind()) {
                case SELF -> request.self();
                case GROUP -> request.group();
                case ADDRESSEE -> request.addressee();
                case ORG -> request.group().filter(g -> g.type().equals("organization"));
                case THIRD -> Optional.ofNullable(last);
                case OTHER -> Optional.empty();
            };
            case Ref.Named n -> entity(n.type(), n.display()).map(key -> known(key, request));
        };
    }

    /** The self entity or a known entity when the name is theirs. */
    private static EntityKey known(EntityKey key, ExtractionRequest request) {
        if (!key.type().equals("person")) {
            return key;
        }
        Optional<EntityKey> self = request.self().filter(s -> s.type().equals("person"));
        if (self.isPresent() && self.get().name().equals(key.name())) {
            return self.get();
        }
        List<EntityKey> byFirstName = request.knownEntities().stream()
                .filter(k -> k.type().equals("person"))
                .filter(k -> k.name().equals(key.name())
                        || k.name().startsWith(key.name() + " "))
                .toList();
        return byFirstName.size() == 1 ? byFirstName.getFirst() : key;
    }

    private static boolean isThirdPerson(EntityKey key, ExtractionRequest request) {
        return key.type().equals("person") && !request.self().map(key::equals).orElse(false)
                && !request.addressee().map(key::equals).orElse(false);
    }

    static Optional<EntityKey> entity(String type, String name) {
        try {
            return Optional.of(EntityKey.of(type, name));
        } catch (InvalidInputException e) {
            return Optional.empty(); // an empty or over-long name is no entity
        }
    }
}
