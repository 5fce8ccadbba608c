package dev.spectron.extract.rules;

import dev.spectron.engine.spi.EntityKey;
import dev.spectron.engine.spi.ExtractionRequest;
import java.util.HashSet;
import java.util.Set;

/**
 * Names the request already knows (the self entity's and the scope's known entities'), so that
 * "alice now eats fish", written without capitals, still reads as being about Alice.
 *
 * @param known normalised names
 */
record Names(Set<String> known) {
    Names {
        known = Set.copyOf(known);
    }

    static Names of(ExtractionRequest request) {
        Set<String> out = new HashSet<>();
        request.self().ifPresent(self -> out.add(self.name()));
        request.speaker().ifPresent(speaker -> out.add(EntityKey.normalize(speaker)));
        for (EntityKey key : request.knownEntities()) {
            if (key.type().equals("person")) {
                out.add(key.name());
                int space = key.name().indexOf(' ');
                if (space > 0) {
                    out.add(key.name().substring(0, space));
                }
            }
        }
        return new Names(out);
    }

    boolean knows(String lowerCaseName) {
        return known.contains(lowerCaseName);
    }
}
