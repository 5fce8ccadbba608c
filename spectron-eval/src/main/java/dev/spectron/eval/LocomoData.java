package dev.spectron.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The LoCoMo benchmark file (snap-research/LoCoMo {@code data/locomo10.json} or a subset of it):
 * conversations made of dated sessions of turns, and questions with the {@code dia_id}s of the
 * turns that hold their evidence. Machine-written summaries in the file are ignored; only the
 * conversation goes into memory.
 */
final class LocomoData {
    private static final DateTimeFormatter SESSION_DATE = new DateTimeFormatterBuilder()
            .parseCaseInsensitive().appendPattern("h:mm a 'on' d MMMM, yyyy")
            .toFormatter(Locale.ENGLISH);
    /** Evidence ids as written, tolerating the file's typos ({@code "D:11:26"}, lists in one string). */
    private static final Pattern DIA_ID = Pattern.compile("D:?(\\d+):(\\d+)");

    private LocomoData() {}

    /** A turn: who said what, with its id within the conversation. */
    record Turn(String diaId, String speaker, String text) {}

    /** A session of a conversation and when it took place. */
    record Session(int number, Instant date, List<Turn> turns) {}

    /**
     * A question about a conversation.
     *
     * @param category 1 multi-hop, 2 temporal, 3 open-domain, 4 single-hop, 5 adversarial
     */
    record Question(String text, String answer, Set<String> evidence, int category) {}

    /** One conversation with its questions. */
    record Conversation(String sampleId, List<Session> sessions, List<Question> questions) {
        int turnCount() {
            return sessions.stream().mapToInt(s -> s.turns().size()).sum();
        }
    }

    static List<Conversation> load(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        if (!root.isArray()) {
            throw new IOException(file + ": expected a JSON list of LoCoMo samples");
        }
        List<Conversation> out = new ArrayList<>();
        for (JsonNode sample : root) {
            out.add(conversation(sample));
        }
        return out;
    }

    private static Conversation conversation(JsonNode sample) throws IOException {
        String id = sample.path("sample_id").asText();
        JsonNode conv = sample.path("conversation");
        List<Session> sessions = new ArrayList<>();
        for (var it = conv.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!name.matches("session_\\d+")) {
                continue; // date keys, speakers; some date keys have no session
            }
            int n = Integer.parseInt(name.substring("session_".length()));
            Instant date = sessionDate(conv.path(name + "_date_time").asText(), id, name);
            List<Turn> turns = new ArrayList<>();
            for (JsonNode t : conv.get(name)) {
                String text = t.path("text").asText();
                String caption = t.path("blip_caption").asText("");
                if (!caption.isBlank()) {
                    text = text + " [shares a photo: " + caption + "]";
                }
                turns.add(new Turn(t.path("dia_id").asText(), t.path("speaker").asText(), text));
            }
            sessions.add(new Session(n, date, List.copyOf(turns)));
        }
        sessions.sort(Comparator.comparingInt(Session::number));
        List<Question> questions = new ArrayList<>();
        for (JsonNode qa : sample.path("qa")) {
            JsonNode answer = qa.has("answer") ? qa.get("answer") : qa.path("adversarial_answer");
            Set<String> evidence = new LinkedHashSet<>();
            for (JsonNode e : qa.path("evidence")) {
                Matcher m = DIA_ID.matcher(e.asText());
                while (m.find()) {
                    evidence.add("D" + m.group(1) + ":" + m.group(2));
                }
            }
            questions.add(new Question(qa.path("question").asText(), answer.asText(""),
                    Set.copyOf(evidence), qa.path("category").asInt()));
        }
        return new Conversation(id, List.copyOf(sessions), List.copyOf(questions));
    }

    static Instant sessionDate(String text, String sampleId, String session) throws IOException {
        try {
            return LocalDateTime.parse(text.strip(), SESSION_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IOException(sampleId + " " + session + ": unreadable session date '" + text
                    + "'", e);
        }
    }
}
