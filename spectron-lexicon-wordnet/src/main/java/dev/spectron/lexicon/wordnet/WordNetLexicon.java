package dev.spectron.lexicon.wordnet;

import dev.spectron.engine.spi.Lexicon;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Pointer;
import net.sf.extjwnl.data.PointerType;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.data.Word;
import net.sf.extjwnl.dictionary.Dictionary;

/**
 * Kinds of things from WordNet 3.1 (Princeton University; read with extJWNL from the classpath,
 * offline): the hypernyms of the nouns a text names. "Rome" is a national capital, a capital, a
 * city; "Spain" a European country; "taekwondo" a martial art; "mousse" a dessert.
 *
 * <p>Chat is full of words that are nouns only in a dictionary's margin ("hope", "present",
 * "cool"), and WordNet's senses reach far ("kid" is also a leather), so only what is likely meant
 * counts:
 * <ul>
 *   <li>a word (or two words, "ice cream") that is a noun as written, or as the singular of a
 *       plural; not one used more often as a verb, adjective or adverb (by WordNet's sense
 *       counts from tagged text: "hope", "great" and "mind" say nothing; "violin" and "Rome"
 *       do);
 *   <li>its first {@value #SENSES} senses, and only those about places, objects, food, animals,
 *       plants, substances, acts (sports, games, crafts) or communication (books, films); of a
 *       word written as a name (capitalised where no sentence starts) that WordNet knows as a
 *       person's or a place's, only its place senses: "Rome" is a city, but "John" is no toilet
 *       and "Turkey" no bird ("some Chess" is still a board game);
 *   <li>their hypernyms up to {@value #HOPS} steps up, leaving out those within
 *       {@value #MIN_GENERALITY_DEPTH} steps of WordNet's root ("entity", "object", "act"),
 *       which would tie everything to everything.
 * </ul>
 * The dictionary loads once per process on first use (about half a second, some 50 MB).
 * Thread-safe: dictionary reads are serialised (across instances: they share the dictionary),
 * and what each word yields is remembered per instance.
 */
public final class WordNetLexicon implements Lexicon {
    private static final System.Logger LOG = System.getLogger(WordNetLexicon.class.getName());
    /** Bump when the rules below change what a text yields: the index is then rebuilt. */
    private static final String ID = "wordnet-3.1/2";
    static final int SENSES = 2;
    static final int HOPS = 4;
    static final int MIN_GENERALITY_DEPTH = 5;
    private static final int MAX_REMEMBERED = 200_000;
    private static final Set<String> LEXICOGRAPHER_FILES = Set.of("noun.location",
            "noun.artifact", "noun.food", "noun.animal", "noun.act", "noun.plant", "noun.object",
            "noun.substance", "noun.communication");
    /** Modals and auxiliaries that WordNet also lists as nouns ("can", "will"). */
    private static final Set<String> NOT_NOUNS = Set.of("can", "will", "may", "might", "must",
            "shall", "would", "could", "should", "does", "did", "has", "was", "were", "are");

    /** Every instance reads the one dictionary, under this lock (extJWNL's reads share caches). */
    private static final Object DICTIONARY = new Object();
    private static Dictionary dictionary;
    /** Set when the dictionary could not be loaded: then every text names nothing. */
    private static volatile boolean unavailable;
    /** Steps from the root by synset offset; read and written under {@link #DICTIONARY}. */
    private static final Map<Long, Integer> DEPTHS = new HashMap<>();

    private final Map<String, List<String>> remembered = new ConcurrentHashMap<>();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<String> kinds(String text) {
        if (unavailable) {
            return List.of();
        }
        List<String> words = new ArrayList<>();
        List<Boolean> names = new ArrayList<>();
        tokens(text, words, names);
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            String as = names.get(i) ? NAME + word : word;
            if (word.length() >= 3 && !NOT_NOUNS.contains(word)) {
                out.addAll(kindsOf(as));
            }
            if (i + 1 < words.size()) {
                out.addAll(kindsOf(as + " " + words.get(i + 1)));
            }
        }
        return List.copyOf(out);
    }

    /** Marks a word written as a name in {@link #remembered} and {@link #lookUp}. */
    private static final String NAME = "^";

    /**
     * The words of a text (runs of letters, with an inner apostrophe), lower case, without
     * possessive {@code 's}.
     */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        tokens(text, out, new ArrayList<>());
        return out;
    }

    /**
     * Splits {@code text} into {@link #words} and, for each, whether it is written as a name:
     * capitalised where a sentence does not start ("a trip to Rome", "my friend John"). One
     * pass over the characters.
     */
    static void tokens(String text, List<String> words, List<Boolean> names) {
        int n = text.length();
        int i = 0;
        boolean sentenceStart = true;
        StringBuilder word = new StringBuilder();
        while (i < n) {
            char c = text.charAt(i);
            if (!Character.isLetter(c)) {
                if (c == '.' || c == '!' || c == '?' || c == ':' || c == '\n') {
                    sentenceStart = true;
                }
                i++;
                continue;
            }
            boolean capitalised = Character.isUpperCase(c);
            word.setLength(0);
            while (i < n) {
                c = text.charAt(i);
                if (Character.isLetter(c)) {
                    word.append(Character.toLowerCase(c));
                    i++;
                } else if ((c == '\'' || c == '\u2019') && i + 1 < n
                        && Character.isLetter(text.charAt(i + 1)) && word.indexOf("'") < 0) {
                    word.append('\'');
                    i++;
                } else {
                    break;
                }
            }
            int len = word.length();
            if (len > 2 && word.charAt(len - 2) == '\'' && word.charAt(len - 1) == 's') {
                word.setLength(len - 2);
            }
            words.add(word.toString());
            names.add(capitalised && !sentenceStart);
            sentenceStart = false;
        }
    }

    private List<String> kindsOf(String word) {
        List<String> known = remembered.get(word);
        if (known != null) {
            return known;
        }
        List<String> kinds;
        try {
            synchronized (DICTIONARY) {
                kinds = lookUp(word);
            }
        } catch (JWNLException | RuntimeException e) {
            LOG.log(Level.WARNING, "WordNet lookup of ''{0}'' failed; it names nothing", word, e);
            kinds = List.of();
        }
        if (remembered.size() >= MAX_REMEMBERED) {
            remembered.clear();
        }
        remembered.put(word, kinds);
        return kinds;
    }

    /**
     * What {@code word} names ({@link #NAME} first: written as a name, so only its place senses
     * count); the caller holds {@link #DICTIONARY}.
     */
    private static List<String> lookUp(String key) throws JWNLException {
        Dictionary d = dictionary();
        if (d == null) {
            return List.of();
        }
        String word = key.startsWith(NAME) ? key.substring(NAME.length()) : key;
        IndexWord noun = noun(d, word);
        // Written as a name, and WordNet knows it as a person's or a place's: a place or nothing.
        boolean name = noun != null && key.startsWith(NAME) && noun.getSenses().stream()
                .map(Synset::getLexFileName)
                .anyMatch(f -> f.equals("noun.person") || f.equals("noun.location"));
        if (noun == null || !name && word.indexOf(' ') < 0 && otherUses(d, word) > uses(noun)) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        List<Synset> senses = noun.getSenses();
        for (Synset sense : senses.subList(0, Math.min(SENSES, senses.size()))) {
            if (name ? !sense.getLexFileName().equals("noun.location")
                    : !LEXICOGRAPHER_FILES.contains(sense.getLexFileName())) {
                continue;
            }
            List<Synset> level = List.of(sense);
            for (int hop = 0; hop < HOPS && !level.isEmpty(); hop++) {
                List<Synset> up = new ArrayList<>();
                for (Synset s : level) {
                    up.addAll(hypernyms(s));
                }
                for (Synset h : up) {
                    if (depth(h) >= MIN_GENERALITY_DEPTH) {
                        out.add(h.getWords().getFirst().getLemma().toLowerCase(Locale.ROOT));
                    }
                }
                level = up;
            }
        }
        return List.copyOf(out);
    }

    /** The noun as written, or the singular of a plural ("cities", "boxes", "books"). */
    private static IndexWord noun(Dictionary d, String word) throws JWNLException {
        IndexWord found = d.getIndexWord(POS.NOUN, word);
        if (found == null && word.length() > 4 && word.endsWith("ies")) {
            found = d.getIndexWord(POS.NOUN, word.substring(0, word.length() - 3) + "y");
        }
        if (found == null && word.length() > 3 && word.endsWith("es")) {
            found = d.getIndexWord(POS.NOUN, word.substring(0, word.length() - 2));
        }
        if (found == null && word.length() > 3 && word.endsWith("s")) {
            found = d.getIndexWord(POS.NOUN, word.substring(0, word.length() - 1));
        }
        return found;
    }

    private static int otherUses(Dictionary d, String word) throws JWNLException {
        return uses(d.getIndexWord(POS.VERB, word)) + uses(d.getIndexWord(POS.ADJECTIVE, word))
                + uses(d.getIndexWord(POS.ADVERB, word));
    }

    /** How often the word was seen in WordNet's tagged text in any of its senses. */
    private static int uses(IndexWord word) {
        if (word == null) {
            return 0;
        }
        int n = 0;
        for (Synset s : word.getSenses()) {
            for (Word w : s.getWords()) {
                if (w.getLemma().equalsIgnoreCase(word.getLemma())) {
                    n += w.getUseCount();
                }
            }
        }
        return n;
    }

    private static List<Synset> hypernyms(Synset s) throws JWNLException {
        List<Synset> out = new ArrayList<>(2);
        for (Pointer p : s.getPointers()) {
            if (p.getType() == PointerType.HYPERNYM
                    || p.getType() == PointerType.INSTANCE_HYPERNYM) {
                out.add(p.getTargetSynset());
            }
        }
        return out;
    }

    /** Steps from WordNet's root on the shortest path up ("entity" is 0, "city" 8). */
    private static int depth(Synset s) throws JWNLException {
        Integer known = DEPTHS.get(s.getOffset());
        if (known != null) {
            return known;
        }
        int depth = 0;
        List<Synset> up = hypernyms(s);
        if (!up.isEmpty()) {
            depth = Integer.MAX_VALUE;
            for (Synset h : up) {
                depth = Math.min(depth, depth(h) + 1);
            }
        }
        DEPTHS.put(s.getOffset(), depth);
        return depth;
    }

    /**
     * The dictionary, loaded on first use; null when it cannot be loaded (logged once, and
     * every text names nothing from then on: word search works as without a lexicon). The
     * caller holds {@link #DICTIONARY}.
     */
    private static Dictionary dictionary() {
        if (dictionary == null && !unavailable) {
            long started = System.nanoTime();
            try {
                dictionary = Dictionary.getDefaultResourceInstance();
                LOG.log(Level.DEBUG, "WordNet loaded in {0} ms",
                        (System.nanoTime() - started) / 1_000_000);
            } catch (JWNLException | RuntimeException e) {
                unavailable = true;
                LOG.log(Level.ERROR, "WordNet could not be loaded; the search index will hold"
                        + " no kinds of things", e);
            }
        }
        return dictionary;
    }
}
