package dev.spectron.extract.rules;

/** Who a candidate fact is about, before resolution to an entity. */
sealed interface Ref {

    /** A pronoun or a role word: resolved from the request or the text. */
    record Pronoun(Kind kind) implements Ref {}

    /**
     * A named entity.
     *
     * @param type its entity type
     * @param display its name as written
     */
    record Named(String type, String display) implements Ref {}

    /** What a pronoun points at. */
    enum Kind {
        /** I, me, my: the request's {@code self}. */
        SELF,
        /** we, our: the request's {@code group}. */
        GROUP,
        /** you, your: the request's {@code addressee}. */
        ADDRESSEE,
        /** The group, but only when it is an organization ("The return window is …"). */
        ORG,
        /** he, she, his, her: the last person named in the text. */
        THIRD,
        /** they, it: not resolved. */
        OTHER;

        static Kind parse(String word) {
            return switch (word) {
                case "self" -> SELF;
                case "group" -> GROUP;
                case "addressee" -> ADDRESSEE;
                case "org" -> ORG;
                case "third" -> THIRD;
                default -> OTHER;
            };
        }
    }
}
