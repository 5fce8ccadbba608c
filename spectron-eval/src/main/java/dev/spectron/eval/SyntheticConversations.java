package dev.spectron.eval;

import java.util.List;
import java.util.Random;

/**
 * Deterministic synthetic chat turns for load tests: varied first-person statements about food,
 * places, work, hobbies and plans, so that BM25 and vectors face realistic vocabulary spread.
 */
final class SyntheticConversations {
    private static final List<String> FOODS = List.of("vegetarian food", "sushi", "spicy ramen",
            "Greek salad", "fresh pasta", "tacos", "dark chocolate", "lentil soup", "oat porridge",
            "grilled fish", "mushroom risotto", "falafel wraps");
    private static final List<String> PLACES = List.of("Lisbon", "Berlin", "Osaka", "Toronto",
            "Nairobi", "Melbourne", "Bogotá", "Oslo", "Austin", "Kraków", "Seoul", "Porto");
    private static final List<String> HOBBIES = List.of("hiking", "jazz piano", "bouldering",
            "baking sourdough", "chess", "birdwatching", "trail running", "pottery", "salsa dancing",
            "astrophotography", "gardening", "sailing");
    private static final List<String> JOBS = List.of("data engineer", "nurse", "teacher",
            "product designer", "carpenter", "accountant", "pilot", "chef", "translator",
            "biologist");
    private static final List<String> TEMPLATES = List.of(
            "I really enjoy %F, especially on weekends.",
            "We are planning a trip to %P next spring.",
            "My sister just moved to %P for work.",
            "Lately I've been getting into %H with friends.",
            "I work as a %J and the hours are long this month.",
            "Could you suggest a recipe with %F for dinner tonight?",
            "I grew up in %P but I haven't been back in years.",
            "My favourite way to relax is %H after work.",
            "Last week I tried %F for the first time and loved it.",
            "Remind me to book the flights to %P before Friday.",
            "My manager wants me to train as a %J next year.",
            "I can't stand %F, it never agrees with me.",
            "The weather in %P was terrible during our visit.",
            "I've signed up for a %H class on Thursday evenings.");
    private static final List<String> REPLIES = List.of(
            "That sounds great, tell me more about it.",
            "Noted. I will keep that in mind for later suggestions.",
            "Here is a short plan you could follow this week.",
            "Good question; it depends on your schedule and budget.",
            "I can help with that. Do you want a list of options?");

    private final Random random;

    SyntheticConversations(long seed) {
        this.random = new Random(seed);
    }

    /** A user statement. */
    String userTurn() {
        String template = pick(TEMPLATES);
        return template.replace("%F", pick(FOODS)).replace("%P", pick(PLACES))
                .replace("%H", pick(HOBBIES)).replace("%J", pick(JOBS));
    }

    /** An assistant reply. */
    String assistantTurn() {
        return pick(REPLIES);
    }

    /** A question someone might ask of the memory. */
    String query() {
        return switch (random.nextInt(5)) {
            case 0 -> "What food does this user like, for example " + pick(FOODS) + "?";
            case 1 -> "Where is the trip to " + pick(PLACES) + " planned?";
            case 2 -> "Which hobby like " + pick(HOBBIES) + " did they mention?";
            case 3 -> "What is their job, are they a " + pick(JOBS) + "?";
            default -> "Who lives in " + pick(PLACES) + " now?";
        };
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    private String pick(List<String> options) {
        return options.get(random.nextInt(options.size()));
    }
}
