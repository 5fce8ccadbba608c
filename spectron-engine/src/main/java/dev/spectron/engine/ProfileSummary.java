package dev.spectron.engine;

import dev.spectron.engine.spi.FactRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deterministic summary paragraph of a profile, built from current facts: identity first,
 * then preferences, then the working set. The same facts always give the same text.
 */
final class ProfileSummary {
    private static final Map<String, String> PHRASES = phrases();

    private ProfileSummary() {}

    static String of(String subjectName, List<FactRecord> facts) {
        if (facts.isEmpty()) {
            return "";
        }
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (FactRecord fact : facts) {
            byKey.computeIfAbsent(fact.key(), k -> new ArrayList<>()).add(fact.value());
        }
        List<String> parts = new ArrayList<>();
        byKey.forEach((key, values) -> {
            String joined = join(values);
            String phrase = PHRASES.get(key);
            parts.add(phrase != null ? phrase.replace("{}", joined)
                    : key.replace('_', ' ') + ": " + joined);
        });
        StringBuilder out = new StringBuilder(capitalize(subjectName));
        out.append(": ");
        out.append(String.join("; ", parts));
        out.append('.');
        return out.toString();
    }

    private static String join(List<String> values) {
        if (values.size() == 1) {
            return values.getFirst();
        }
        return String.join(", ", values.subList(0, values.size() - 1)) + " and "
                + values.getLast();
    }

    private static String capitalize(String name) {
        StringBuilder out = new StringBuilder();
        for (String word : name.split(" ")) {
            if (!word.isEmpty()) {
                out.append(out.isEmpty() ? "" : " ").append(Character.toUpperCase(word.charAt(0)))
                        .append(word.substring(1));
            }
        }
        return out.toString();
    }

    private static Map<String, String> phrases() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("name", "name is {}");
        p.put("role", "works as {}");
        p.put("works_at", "works at {}");
        p.put("lives_in", "lives in {}");
        p.put("born_in", "is from {}");
        p.put("age", "is {} years old");
        p.put("diet", "diet is {}");
        p.put("food_preference", "food preference: {}");
        p.put("drink_preference", "drink preference: {}");
        p.put("likes", "likes {}");
        p.put("dislikes", "dislikes {}");
        p.put("hobby", "hobbies: {}");
        p.put("language", "speaks {}");
        p.put("allergy", "is allergic to {}");
        p.put("has_pet", "has a pet named {}");
        p.put("sibling_of", "sibling of {}");
        p.put("married_to", "married to {}");
        p.put("current_task", "currently working on {}");
        return p;
    }
}
